"""The unit of work and the import log on SQLAlchemy."""

from __future__ import annotations

from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Connection, Engine, insert, select, update

from kolscope.adapters.db import tables as t
from kolscope.adapters.db.engine import WRITER_OPTIONS
from kolscope.adapters.db.writer import SqlCatalogueWriter
from kolscope.services.views import ImportSummary


class SqlUnitOfWork:
    """One connection, one transaction. Leaving the block without ``commit()`` rolls back."""

    catalogue: SqlCatalogueWriter

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None

    def __enter__(self) -> Self:
        self._connection = self._engine.connect().execution_options(**WRITER_OPTIONS)
        self._connection.begin()
        self.catalogue = SqlCatalogueWriter(self._connection)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._connection is not None
        try:
            if self._connection.in_transaction():
                self._connection.rollback()
        finally:
            self._connection.close()
            self._connection = None

    def commit(self) -> None:
        assert self._connection is not None
        self._connection.commit()

    def rollback(self) -> None:
        assert self._connection is not None
        self._connection.rollback()


class SqlImportLog:
    """Implements ``ImportLog``: each call is its own short transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def start_import(self, kind: str, files: list[dict[str, Any]]) -> int:
        with self._engine.begin() as db:
            new_id: int = db.execute(
                insert(t.imports).returning(t.imports.c.id),
                {
                    "started_at": datetime.now(UTC),
                    "status": "running",
                    "kind": kind,
                    "files": files,
                },
            ).scalar_one()
        return new_id

    def finish_import(
        self, import_id: int, status: str, summary: dict[str, Any], error: str | None
    ) -> None:
        with self._engine.begin() as db:
            db.execute(
                update(t.imports)
                .where(t.imports.c.id == import_id)
                .values(finished_at=datetime.now(UTC), status=status, summary=summary, error=error)
            )

    def recent_imports(self, limit: int) -> list[ImportSummary]:
        with self._engine.connect() as db:
            rows = db.execute(select(t.imports).order_by(t.imports.c.id.desc()).limit(limit))
            return [
                ImportSummary(
                    r.id, r.started_at, r.finished_at, r.status, r.kind, r.files, r.summary, r.error
                )
                for r in rows
            ]
