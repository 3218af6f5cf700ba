"""The full-text half of discovery search, which SQLAlchemy's metadata does not describe.

SQLite keeps a standalone FTS5 table ``creator_fts`` whose rowid is the account id and whose one
column holds the account's pre-tokenised search text (Thai split into words, so a phrase query
for ครีม กัน แดด finds "ครีมกันแดดตัวนี้"). PostgreSQL keeps ``to_tsvector('simple', document)``
in a stored generated column, ``creator_profiles.search_vector``, with a GIN index over it: the
'simple' configuration keeps every token as written, which is what pre-tokenised Thai needs (no
stemming, no stop words), and a stored vector spares a phrase query from computing it again for
every candidate row it rechecks (migration 0005).

SQLite also gets ``ix_creator_profiles_lookup``: the account id first, then every filter column.
SQLite finds a row by its integer key in the table itself, and creator_profiles rows are wide
(documents, vectors), so checking tens of thousands of full-text matches against the filters
reads far less through this narrow index (search_plan.py reads it by ``INDEXED BY``).
PostgreSQL does not need it: its planner joins by sets, and its heap rows keep the document
out of line (TOAST).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

FTS_TABLE = "creator_fts"
PG_INDEX = "ix_fts_creator_profiles_document"
PG_VECTOR = "search_vector"  # GENERATED ALWAYS AS (to_tsvector('simple', document)) STORED
SQLITE_LOOKUP_INDEX = "ix_creator_profiles_lookup"


def outside_metadata(name: str | None, type_: str, _parents: Any = None) -> bool:
    """False for the full-text objects, so schema comparisons leave them alone (Alembic's
    ``include_name`` hook: True means "compare this")."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(FTS_TABLE)
    if type_ == "index":
        return name not in (PG_INDEX, SQLITE_LOOKUP_INDEX)
    if type_ == "column":
        return name != PG_VECTOR
    return True


def drop_full_text(connection: Connection) -> None:
    """Remove the full-text objects (a demo rebuild drops every table first)."""
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))
    else:
        connection.execute(text(f"DROP INDEX IF EXISTS {PG_INDEX}"))
