"""The web app's pages: one router per area (auth, creators, discover, shortlists, audits, imports,
brands, settings, organisations) and the views and files they need."""
