"""The JSON API under /api: one router per area (discovery; the workspace's creators, audits,
imports and jobs), its schemas and its error answers."""
