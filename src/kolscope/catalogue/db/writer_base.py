"""What every batch writer shares: the connection, id allocation and compiled statements."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
)

from kolscope.infra.db.bulk import BulkStatement, IdAllocator, bulk_insert


def now() -> datetime:
    return datetime.now(UTC)


def chunks(items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class WriterBase:
    """One connection inside the unit of work's transaction, with its compiled statements."""

    def __init__(self, connection: Connection) -> None:
        self._db = connection
        self._ids = IdAllocator(connection)
        self._statements: dict[str, BulkStatement] = {}
        self._profiles: dict[tuple[int, str, date], int] = {}
        self._samples: dict[tuple[int, date, str], int] = {}

    def _statement(self, name: str, build: Any) -> BulkStatement:
        statement = self._statements.get(name)
        if statement is None:
            statement = self._statements[name] = build()
        return statement

    def _insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            columns = list(rows[0])
            self._statement(
                f"insert:{table.name}:{','.join(columns)}",
                lambda: bulk_insert(self._db, table, columns),
            ).run_dicts(rows)
