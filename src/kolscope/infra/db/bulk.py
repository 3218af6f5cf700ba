"""Fast batch writes: a statement compiled once, rows handed to the driver's executemany.

SQLAlchemy's per-row parameter handling costs ~12 µs a row; importing a million creators means
three million rows, so batches go straight to the driver with the column types' own bind
processors applied here. Ids are allocated up front so no RETURNING round trip is needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Float,
    Table,
    bindparam,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.sql.dml import Insert, Update


class BulkStatement:
    """An INSERT or UPDATE compiled for one connection, run over many rows at once.

    Rows are tuples in the order of ``columns``; each value goes through its column type's
    bind processor (dates to text on SQLite, lists to JSON, ...), as SQLAlchemy itself would.
    """

    def __init__(
        self,
        connection: Connection,
        table: Table,
        statement: Insert | Update,
        columns: Sequence[str],
        binds: Sequence[str] | None = None,
    ) -> None:
        self._connection = connection
        dialect = connection.dialect
        compiled = statement.compile(dialect=dialect)
        self._sql = compiled.string
        self._positional = bool(dialect.positional)
        self.columns = list(columns)
        bind_names = list(binds or columns)
        order = list(compiled.positiontup or []) if self._positional else bind_names
        self._names = order
        self._take = [bind_names.index(name) for name in order]
        processors: list[Callable[[Any], Any] | None] = []
        for index in self._take:
            column = table.c[self.columns[index]]
            if dialect.name == "sqlite" and isinstance(column.type, Float | Boolean):
                # Python floats and bools go to sqlite3 as they are; skipping SQLAlchemy's
                # checks here saves a call per value.
                processors.append(None)
                continue
            processors.append(column.type.dialect_impl(dialect).bind_processor(dialect))
        self._convert = [(i, p) for i, p in enumerate(processors) if p is not None]

    def run(self, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        # Column by column: the driver-ready values of a batch are built with a few list
        # passes, and each distinct value (the import date, a category list) converted once.
        columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
        if self._take != list(range(len(columns))):
            columns = [columns[i] for i in self._take]
        for index, processor in self._convert:
            columns[index] = _converted(columns[index], processor)
        if self._positional:
            params: list[Any] = list(zip(*columns, strict=True))
        else:
            params = [
                dict(zip(self._names, values, strict=True)) for values in zip(*columns, strict=True)
            ]
        # Straight to the DBAPI cursor, inside the same transaction: SQLAlchemy's execution
        # context adds nothing for a plain executemany of ready values.
        cursor = self._connection.connection.cursor()
        try:
            cursor.executemany(self._sql, params)
        finally:
            cursor.close()

    def run_dicts(self, rows: Sequence[dict[str, Any]]) -> None:
        self.run([tuple(row[c] for c in self.columns) for row in rows])


def _converted(values: Sequence[Any], processor: Callable[[Any], Any]) -> list[Any]:
    first = values[0]
    if values.count(first) == len(values):  # one value for the whole batch (compared in C)
        return [None if first is None else processor(first)] * len(values)
    done: dict[Any, Any] = {}
    result: list[Any] = []
    append = result.append
    for value in values:
        if value is None:
            append(None)
            continue
        key = tuple(value) if type(value) is list else value
        try:
            hit = done.get(key, _MISSING)
        except TypeError:  # unhashable, such as a list of dicts
            append(processor(value))
            continue
        if hit is _MISSING:
            hit = processor(value)
            if len(done) < 4096:
                done[key] = hit
        append(hit)
    return result


_MISSING = object()


def bulk_insert(connection: Connection, table: Table, columns: Sequence[str]) -> BulkStatement:
    statement = insert(table).values({c: bindparam(c) for c in columns})
    return BulkStatement(connection, table, statement, columns)


def bulk_update(
    connection: Connection, table: Table, columns: Sequence[str], key: str = "id"
) -> BulkStatement:
    """UPDATE table SET columns WHERE key = ? ; rows are (*columns, key)."""
    statement = (
        update(table)
        .where(table.c[key] == bindparam(f"b_{key}"))
        .values({c: bindparam(f"b_{c}") for c in columns})
    )
    names = [*columns, key]
    return BulkStatement(connection, table, statement, names, [f"b_{c}" for c in names])


class IdAllocator:
    """Hands out primary keys for new rows within one write transaction.

    SQLite: the import transaction holds the write lock (BEGIN IMMEDIATE), so max(id) + 1
    onwards is ours. PostgreSQL: ids come from the table's own sequence.
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._next: dict[str, int] = {}

    def take(self, table: Table, count: int) -> list[int]:
        if count == 0:
            return []
        if self._connection.dialect.name == "postgresql":
            result = self._connection.execute(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"
                ),
                {"t": table.name, "n": count},
            )
            return [row[0] for row in result]
        if table.name not in self._next:
            top = self._connection.execute(select(func.max(table.c.id))).scalar()
            self._next[table.name] = (top or 0) + 1
        start = self._next[table.name]
        self._next[table.name] = start + count
        return list(range(start, start + count))
