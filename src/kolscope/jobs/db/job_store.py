"""Jobs in SQL (implements ``JobStore``) on SQLite and PostgreSQL.

The ``jobs`` table is the truth about every job. Two details come from SQLite:

* SQLite has one writer at a time, and an import holds the write lock for its whole
  transaction. A job's live progress and heartbeat cannot wait for that lock (the import
  reporting them would wait for itself), so on SQLite they go to a small side database beside
  the main one (``kolscope-jobs-live.db``): written freely while a job runs, read together with
  the ``jobs`` row, and folded into it when the job finishes. Losing that file loses nothing but
  the progress of running jobs. On PostgreSQL everything stays in ``jobs``.
* The other writes (create, claim, finish, requeue) wait for the lock as long as an import may
  take, rather than failing after the usual 30 s busy timeout.

Times are stored in UTC; SQLite gives them back without a zone, so they are made aware here.

Titles, notes and errors are messages (``kolscope.domain.messages``): the title's coded form is
kept in ``params`` under ``title_message`` (beside the English ``title``); a note or an error
is stored in its text column as the message's JSON (``{"code", "params", "text"}``), read
back into the English text and the message. Plain text (older jobs, or a message too long
for the column) reads as it was written.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError

from kolscope.domain.messages import LITERAL, Message
from kolscope.infra.db import tables as t
from kolscope.infra.db.engine import WRITER_OPTIONS, open_engine
from kolscope.infra.db.live import live_path_for, utc
from kolscope.infra.db.tenancy import organisation_of_user, visible_to
from kolscope.jobs.beats import Note
from kolscope.jobs.db.notes import decode, encode
from kolscope.jobs.service import JobStatus, JobView

LOCK_WAIT_SECONDS = 6 * 3600  # SQLite: how long a job write waits for another write to end
MAX_INTEGER = 2**31 - 1  # the largest id of an INTEGER column on PostgreSQL
TITLE_KEY = "title_message"  # where params keep the title's coded form
NOTE_CHARS = 500  # the length of the note columns

_live_metadata = MetaData()
job_live = Table(  # lives in the side database only, never in the main schema
    "job_live",
    _live_metadata,
    Column("job_id", Integer, primary_key=True),
    Column("progress_done", Integer, nullable=False),
    Column("progress_total", Integer),
    Column("message", String(500)),
    Column("heartbeat_at", DateTime(timezone=True), nullable=False),
)
_LIVE_DDL = (
    "CREATE TABLE IF NOT EXISTS job_live (job_id INTEGER PRIMARY KEY, "
    "progress_done INTEGER NOT NULL, progress_total INTEGER, message VARCHAR(500), "
    "heartbeat_at DATETIME NOT NULL)"
)
_OPEN = (JobStatus.QUEUED.value, JobStatus.RUNNING.value)
T = TypeVar("T")


def _maybe_utc(moment: datetime | None) -> datetime | None:
    return utc(moment) if moment is not None else None


class SqlJobStore:
    def __init__(self, engine: Engine, live_path: Path | None = None) -> None:
        self._engine = engine
        self._sqlite = engine.dialect.name == "sqlite"
        path = live_path or live_path_for(engine)
        self._live: Engine | None = None
        if path is not None:
            self._live = open_engine(f"sqlite:///{path}")
            with self._live.begin() as db:
                db.exec_driver_sql(_LIVE_DDL)

    def close(self) -> None:
        if self._live is not None:
            self._live.dispose()

    # -- reading ---------------------------------------------------------------------------

    def get(self, job_id: int, organisation_id: int | None = None) -> JobView | None:
        """The job (only when ``organisation_id`` sees it, when given)."""
        if not self._sqlite and not 0 < job_id <= MAX_INTEGER:
            return None  # PostgreSQL's INTEGER ids stop there; the query would fail, not miss
        query = select(t.jobs).where(t.jobs.c.id == job_id)
        if organisation_id is not None:
            query = query.where(visible_to(t.jobs.c.organisation_id, organisation_id))
        with self._engine.connect() as db:
            row = db.execute(query).first()
        if row is None:
            return None
        return self._views([row])[0]

    def recent(
        self, limit: int, user_id: int | None = None, organisation_id: int | None = None
    ) -> list[JobView]:
        query = select(t.jobs).order_by(t.jobs.c.id.desc()).limit(limit)
        if user_id is not None:
            query = query.where(t.jobs.c.user_id == user_id)
        if organisation_id is not None:
            query = query.where(visible_to(t.jobs.c.organisation_id, organisation_id))
        with self._engine.connect() as db:
            rows = list(db.execute(query))
        return self._views(rows)

    def stale(self, heartbeat_before: datetime) -> list[JobView]:
        cutoff = utc(heartbeat_before)
        query = select(t.jobs).where(t.jobs.c.status == JobStatus.RUNNING.value)
        with self._engine.connect() as db:
            rows = list(db.execute(query.order_by(t.jobs.c.id)))
        return [
            job
            for job in self._views(rows)
            if (job.heartbeat_at or job.started_at or job.created_at) < cutoff
        ]

    def waiting(self, created_before: datetime) -> list[JobView]:
        query = select(t.jobs).where(
            t.jobs.c.status == JobStatus.QUEUED.value, t.jobs.c.created_at < utc(created_before)
        )
        with self._engine.connect() as db:
            rows = list(db.execute(query.order_by(t.jobs.c.id)))
        return self._views(rows)

    # -- writing ---------------------------------------------------------------------------

    def create(
        self,
        kind: str,
        title: str | Message,
        params: Mapping[str, Any],
        user_id: int | None,
        now: datetime,
        organisation_id: int | None = None,
    ) -> int:
        """A queued job. Its organisation is ``organisation_id``, else the asking person's
        (None without either: the workspace's own)."""
        organisation: Any = organisation_id
        if organisation is None and user_id is not None:
            organisation = organisation_of_user(user_id)
        values = {
            "organisation_id": organisation,
            "kind": kind[:40],
            "status": JobStatus.QUEUED.value,
            "user_id": user_id,
            "title": str(title)[:300],
            "params": _with_title(params, title),
            "progress_done": 0,
            "attempts": 0,
            "created_at": utc(now),
        }

        def write(db: Connection) -> int:
            new = insert(t.jobs).values(**values).returning(t.jobs.c.id)
            return int(db.execute(new).scalar_one())

        return self._write(write)

    def claim(self, job_id: int, now: datetime) -> bool:
        """queued -> running in one UPDATE guarded by the status: of two workers claiming the
        same job, the database lets exactly one change the row."""
        moment = utc(now)
        claim = (
            update(t.jobs)
            .where(t.jobs.c.id == job_id, t.jobs.c.status == JobStatus.QUEUED.value)
            .values(
                status=JobStatus.RUNNING.value,
                attempts=t.jobs.c.attempts + 1,
                started_at=moment,
                heartbeat_at=moment,
                finished_at=None,
                progress_done=0,
                progress_total=None,
                message=None,
                error=None,
                result=None,
            )
        )
        claimed = self._write(lambda db: db.execute(claim).rowcount == 1)
        if claimed:
            self._live_write(
                lambda db: db.execute(delete(job_live).where(job_live.c.job_id == job_id))
            )
        return claimed

    def progress(
        self, job_id: int, done: int, total: int | None, message: Note, now: datetime
    ) -> None:
        values = {
            "progress_done": done,
            "progress_total": total,
            "message": encode(message, NOTE_CHARS),
            "heartbeat_at": utc(now),
        }
        if self._live is not None:
            upsert = sqlite_insert(job_live).values(job_id=job_id, **values)
            self._live_write(
                lambda db: db.execute(
                    upsert.on_conflict_do_update(index_elements=["job_id"], set_=values)
                )
            )
            return
        self._write(lambda db: db.execute(self._running(job_id).values(**values)))

    def heartbeat(self, job_id: int, now: datetime) -> None:
        moment = utc(now)
        if self._live is not None:
            upsert = sqlite_insert(job_live).values(
                job_id=job_id, progress_done=0, heartbeat_at=moment
            )
            self._live_write(
                lambda db: db.execute(
                    upsert.on_conflict_do_update(
                        index_elements=["job_id"], set_={"heartbeat_at": moment}
                    )
                )
            )
            return
        self._write(lambda db: db.execute(self._running(job_id).values(heartbeat_at=moment)))

    def finish(
        self,
        job_id: int,
        status: JobStatus,
        result: Mapping[str, Any] | None,
        error: Note,
        now: datetime,
        attempt: int | None = None,
    ) -> None:
        values: dict[str, Any] = {
            "status": status.value,
            "error": encode(error),
            "result": dict(result) if result is not None else None,
            "finished_at": utc(now),
        }
        live = self._live_row(job_id)
        if live is not None:
            values.update(
                progress_done=live.progress_done,
                progress_total=live.progress_total,
                message=live.message,
                heartbeat_at=utc(live.heartbeat_at),
            )
        query = update(t.jobs).where(t.jobs.c.id == job_id, t.jobs.c.status.in_(_OPEN))
        if attempt is not None:
            query = query.where(t.jobs.c.attempts == attempt)
        if self._write(lambda db: db.execute(query.values(**values)).rowcount == 1):
            self._live_write(
                lambda db: db.execute(delete(job_live).where(job_live.c.job_id == job_id))
            )

    def requeue(self, job_id: int, attempts: int | None = None) -> bool:
        query = self._running(job_id)
        if attempts is not None:
            query = query.where(t.jobs.c.attempts == attempts)
        requeued = self._write(
            lambda db: (
                db.execute(query.values(status=JobStatus.QUEUED.value, heartbeat_at=None)).rowcount
                == 1
            )
        )
        if requeued:
            self._live_write(
                lambda db: db.execute(delete(job_live).where(job_live.c.job_id == job_id))
            )
        return requeued

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _running(job_id: int) -> Any:
        return update(t.jobs).where(
            t.jobs.c.id == job_id, t.jobs.c.status == JobStatus.RUNNING.value
        )

    def _write(self, work: Callable[[Connection], T]) -> T:
        """One short write transaction on the main database (on SQLite: waiting for the lock
        while an import holds it)."""
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                with self._engine.connect() as connection:
                    db = connection.execution_options(**WRITER_OPTIONS)
                    with db.begin():
                        return work(db)
            except OperationalError as error:
                if not (self._sqlite and _locked(error)) or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def _live_write(self, work: Callable[[Connection], object]) -> None:
        if self._live is None:
            return
        with self._live.connect() as connection:
            db = connection.execution_options(**WRITER_OPTIONS)
            with db.begin():
                work(db)

    def _live_row(self, job_id: int) -> Row[Any] | None:
        if self._live is None:
            return None
        with self._live.connect() as db:
            return db.execute(select(job_live).where(job_live.c.job_id == job_id)).first()

    def _live_rows(self, ids: list[int]) -> dict[int, Row[Any]]:
        if self._live is None or not ids:
            return {}
        with self._live.connect() as db:
            rows = db.execute(select(job_live).where(job_live.c.job_id.in_(ids)))
            return {row.job_id: row for row in rows}

    def _views(self, rows: list[Row[Any]]) -> list[JobView]:
        running = [r.id for r in rows if r.status == JobStatus.RUNNING.value]
        live = self._live_rows(running)
        return [_view(row, live.get(row.id)) for row in rows]


def _locked(error: OperationalError) -> bool:
    message = str(error.orig).lower()
    return "locked" in message or "busy" in message


def _with_title(params: Mapping[str, Any], title: str | Message) -> dict[str, Any]:
    kept = {k: v for k, v in params.items() if k != TITLE_KEY}
    if isinstance(title, Message) and title.code != LITERAL:
        kept[TITLE_KEY] = title.to_dict()
    return kept


def _view(row: Row[Any], live: Row[Any] | None) -> JobView:
    done, total, message = row.progress_done, row.progress_total, row.message
    beat = _maybe_utc(row.heartbeat_at)
    if live is not None:
        done, total, message = live.progress_done, live.progress_total, live.message
        beat = max(utc(live.heartbeat_at), beat or utc(live.heartbeat_at))
    params = dict(row.params or {})
    coded_title = params.pop(TITLE_KEY, None)
    title_message = Message.from_dict(coded_title) if isinstance(coded_title, dict) else None
    note, note_message = decode(message)
    error, error_message = decode(row.error)
    return JobView(
        id=row.id,
        kind=row.kind,
        title=row.title,
        status=JobStatus(row.status),
        user_id=row.user_id,
        organisation_id=row.organisation_id,
        params=params,
        progress_done=done,
        progress_total=total,
        message=note,
        result=dict(row.result) if row.result is not None else None,
        error=error,
        attempts=row.attempts,
        created_at=utc(row.created_at),
        started_at=_maybe_utc(row.started_at),
        finished_at=_maybe_utc(row.finished_at),
        heartbeat_at=beat,
        title_message=title_message,
        note_message=note_message,
        error_message=error_message,
    )
