"""The web app: server-rendered pages and the JSON API under /api."""
