"""SQL storage for SQLite (embedded default) and PostgreSQL (production), via SQLAlchemy Core."""
