"""INSERT ... ON CONFLICT for the two databases kolscope runs on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, bindparam
from sqlalchemy.dialects import postgresql, sqlite

from kolscope.infra.db.bulk import BulkStatement


def bulk_upsert(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    keys: Sequence[str],
    update: Sequence[str],
    *,
    only_from_other_import: bool = False,
) -> BulkStatement:
    """Insert rows; where ``keys`` already exist, overwrite the ``update`` columns.

    With ``only_from_other_import`` a row written earlier by the same import is kept, so the
    first of two repeated rows in a file wins while a later import replaces an older one's row.
    """
    dialect_insert: Any = (
        postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    )
    statement = dialect_insert(table).values({c: bindparam(c) for c in columns})
    excluded = statement.excluded
    where = None
    if only_from_other_import:
        where = table.c.import_id.is_distinct_from(excluded.import_id)
    statement = statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={name: excluded[name] for name in update},
        where=where,
    )
    return BulkStatement(connection, table, statement, columns)
