"""The unit of work and the import log on SQLAlchemy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Connection, Engine, insert, select, update

from kolscope.catalogue.db.import_beats import ImportBeats
from kolscope.catalogue.db.writer import SqlCatalogueWriter
from kolscope.catalogue.views import ImportSummary
from kolscope.infra.db import tables as t
from kolscope.infra.db.engine import WRITER_OPTIONS
from kolscope.infra.db.rows import stored_time
from kolscope.infra.db.tenancy import visible_to
from kolscope.jobs.facade import STALE_AFTER

RUNNING = "running"
INTERRUPTED = "interrupted"
INTERRUPTED_ERROR = (
    "the import stopped before it finished (its process was killed or crashed); "
    "nothing of it was written"
)


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

    def finish_import(
        self, import_id: int, status: str, summary: dict[str, Any], error: str | None
    ) -> None:
        """Record the import's outcome in this transaction: it commits with the rows, so a
        process killed right after the commit still leaves a truthful import log."""
        assert self._connection is not None
        self._connection.execute(
            update(t.imports)
            .where(t.imports.c.id == import_id)
            .values(finished_at=datetime.now(UTC), status=status, summary=summary, error=error)
        )

    def commit(self) -> None:
        assert self._connection is not None
        self._connection.commit()

    def rollback(self) -> None:
        assert self._connection is not None
        self._connection.rollback()


class SqlImportLog:
    """Implements ``ImportLog``: each call is its own short transaction.

    While an import started here runs, a thread records its heartbeat every few seconds (on
    SQLite in the side database of job heartbeats, since the import holds the write lock). A
    running import whose heartbeat is older than ``stale_after`` was killed: readers show it
    as "interrupted", and ``interrupt_stale`` records it so."""

    def __init__(
        self,
        engine: Engine,
        *,
        stale_after: timedelta = STALE_AFTER,
        clock: Any = lambda: datetime.now(UTC),
    ) -> None:
        self._engine = engine
        self._now = clock
        self.stale_after = stale_after
        self._beats = ImportBeats(engine, self._now, min(5.0, stale_after.total_seconds() / 4))

    def close(self) -> None:
        self._beats.close()

    def start_import(
        self,
        kind: str,
        files: list[dict[str, Any]],
        *,
        organisation_id: int | None = None,
        job_id: int | None = None,
    ) -> int:
        now = self._now()
        with self._engine.begin() as db:
            new_id: int = db.execute(
                insert(t.imports).returning(t.imports.c.id),
                {
                    "started_at": now,
                    "heartbeat_at": now,
                    "status": RUNNING,
                    "kind": kind,
                    "files": files,
                    "organisation_id": organisation_id,
                    "job_id": job_id,
                },
            ).scalar_one()
        self._beats.start(new_id)
        return new_id

    def finish_import(
        self, import_id: int, status: str, summary: dict[str, Any], error: str | None
    ) -> None:
        self._beats.stop(import_id)
        with self._engine.begin() as db:
            db.execute(
                update(t.imports)
                .where(t.imports.c.id == import_id)
                .values(finished_at=self._now(), status=status, summary=summary, error=error)
            )
        self._beats.forget(import_id)

    def stop_beating(self, import_id: int) -> None:
        """This process no longer works on the import (its outcome was written elsewhere)."""
        self._beats.stop(import_id)
        self._beats.forget(import_id)

    def recent_imports(self, limit: int, organisation_id: int | None = None) -> list[ImportSummary]:
        """The latest imports, newest first (only ``organisation_id``'s, when given). A
        running import whose heartbeat is stale reads as interrupted."""
        query = select(t.imports).order_by(t.imports.c.id.desc()).limit(limit)
        if organisation_id is not None:
            query = query.where(visible_to(t.imports.c.organisation_id, organisation_id))
        with self._engine.connect() as db:
            rows = list(db.execute(query))
        beats = self._beats.read([r.id for r in rows if r.status == RUNNING])
        cutoff = self._now() - self.stale_after
        return [self._summary(row, beats.get(row.id), cutoff) for row in rows]

    def import_of_job(self, job_id: int) -> ImportSummary | None:
        """The import a job committed, if one did (a retried job need not import again)."""
        query = (
            select(t.imports)
            .where(t.imports.c.job_id == job_id, t.imports.c.status == "succeeded")
            .order_by(t.imports.c.id.desc())
        )
        with self._engine.connect() as db:
            row = db.execute(query).first()
        return self._summary(row, None, None) if row is not None else None

    def interrupt_job_imports(self, job_id: int) -> None:
        """Mark the running imports of an earlier attempt of this job as interrupted (the
        job was taken up again, so that attempt is dead)."""
        self._interrupt(t.imports.c.job_id == job_id)

    def interrupt_stale(self, heartbeat_before: datetime) -> list[int]:
        """Mark running imports without a heartbeat since ``heartbeat_before`` as
        interrupted; returns their ids."""
        with self._engine.connect() as db:
            rows = list(db.execute(select(t.imports).where(t.imports.c.status == RUNNING)))
        beats = self._beats.read([r.id for r in rows])
        stale = [
            r.id
            for r in rows
            if _last_sign(r, beats.get(r.id)) < heartbeat_before and r.id not in self._beats.mine
        ]
        if stale:
            self._interrupt(t.imports.c.id.in_(stale))
        return stale

    def _interrupt(self, which: Any) -> None:
        with self._engine.begin() as db:
            db.execute(
                update(t.imports)
                .where(which, t.imports.c.status == RUNNING)
                .values(status=INTERRUPTED, error=INTERRUPTED_ERROR, finished_at=self._now())
            )

    @staticmethod
    def _summary(row: Any, beat: datetime | None, cutoff: datetime | None) -> ImportSummary:
        status, error = row.status, row.error
        if status == RUNNING and cutoff is not None and _last_sign(row, beat) < cutoff:
            status, error = INTERRUPTED, INTERRUPTED_ERROR
        return ImportSummary(
            row.id,
            stored_time(row.started_at),
            stored_time(row.finished_at) if row.finished_at is not None else None,
            status,
            row.kind,
            row.files,
            row.summary,
            error,
        )


def _last_sign(row: Any, beat: datetime | None) -> datetime:
    """When the import was last known alive (its latest heartbeat, else its start)."""
    signs: list[datetime] = [stored_time(row.started_at)]
    if row.heartbeat_at is not None:
        signs.append(stored_time(row.heartbeat_at))
    if beat is not None:
        signs.append(beat)
    return max(signs)
