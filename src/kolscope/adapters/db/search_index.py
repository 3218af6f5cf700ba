"""The full-text half of discovery search, which SQLAlchemy's metadata does not describe.

SQLite keeps a standalone FTS5 table ``creator_fts`` whose rowid is the account id and whose one
column holds the account's pre-tokenised search text (Thai split into words, so a phrase query
for ครีม กัน แดด finds "ครีมกันแดดตัวนี้"). PostgreSQL reads ``creator_profiles.document``
through a GIN index over ``to_tsvector('simple', document)``: the 'simple' configuration keeps
every token as written, which is what pre-tokenised Thai needs (no stemming, no stop words).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

FTS_TABLE = "creator_fts"
PG_INDEX = "ix_fts_creator_profiles_document"
PG_VECTOR = "to_tsvector('simple', coalesce(document, ''))"


def outside_metadata(name: str | None, type_: str, _parents: Any = None) -> bool:
    """False for the full-text objects, so schema comparisons leave them alone (Alembic's
    ``include_name`` hook: True means "compare this")."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(FTS_TABLE)
    if type_ == "index":
        return name != PG_INDEX
    return True


def drop_full_text(connection: Connection) -> None:
    """Remove the full-text objects (a demo rebuild drops every table first)."""
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))
    else:
        connection.execute(text(f"DROP INDEX IF EXISTS {PG_INDEX}"))
