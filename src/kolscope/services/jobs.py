"""Background jobs: long work (imports, audits, training) queued, run by workers, watched.

A job is a row in the job store (what to do, its status and progress) plus a message on a
queue that wakes a worker. The store is the truth: if a worker dies mid-job, the job stays
"running" with a stale heartbeat and ``recover_stale`` puts it back on the queue, so no job is
lost. Handlers are registered per kind and report progress through a callback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

HEARTBEAT_SECONDS = 5
STALE_AFTER = timedelta(seconds=60)
MAX_ATTEMPTS = 3


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class JobView:
    id: int
    kind: str
    title: str
    status: JobStatus
    user_id: int | None
    params: dict[str, Any]
    progress_done: int
    progress_total: int | None
    message: str | None
    result: dict[str, Any] | None
    error: str | None
    attempts: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    heartbeat_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}

    @property
    def percent(self) -> int | None:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.progress_total:
            return None
        return min(99, int(100 * self.progress_done / self.progress_total))


class JobStore(Protocol):
    def create(self, kind: str, title: str, params: Mapping[str, Any], user_id: int | None,
               now: datetime) -> int: ...

    def get(self, job_id: int) -> JobView | None: ...

    def recent(self, limit: int, user_id: int | None = None) -> list[JobView]: ...

    def claim(self, job_id: int, now: datetime) -> bool:
        """queued -> running (attempts + 1); False when the job is not waiting to run."""
        ...

    def progress(self, job_id: int, done: int, total: int | None, message: str | None,
                 now: datetime) -> None: ...

    def finish(self, job_id: int, status: JobStatus, result: Mapping[str, Any] | None,
               error: str | None, now: datetime) -> None: ...

    def stale(self, heartbeat_before: datetime) -> list[JobView]:
        """Running jobs whose worker stopped sending heartbeats."""
        ...

    def requeue(self, job_id: int) -> None: ...


class JobQueue(Protocol):
    """Wakes a worker for a job (Huey on SQLite or Redis)."""

    def enqueue(self, job_id: int) -> None: ...


Progress = Callable[[int, int | None, str | None], None]
Handler = Callable[[Mapping[str, Any], Progress], dict[str, Any]]


class JobFailedError(Exception):
    """A handler's way to fail a job with a message for people (no traceback)."""


class JobService:
    def __init__(self, store: JobStore, queue: JobQueue,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._store = store
        self._queue = queue
        self._now = clock
        self._handlers: dict[str, Handler] = {}

    def register(self, kind: str, handler: Handler) -> None:
        self._handlers[kind] = handler

    def submit(self, kind: str, title: str, params: Mapping[str, Any],
               user_id: int | None = None) -> JobView:
        if kind not in self._handlers:
            raise ValueError(f"no handler for jobs of kind {kind!r}")
        job_id = self._store.create(kind, title, params, user_id, self._now())
        self._queue.enqueue(job_id)
        job = self._store.get(job_id)
        assert job is not None
        return job

    def get(self, job_id: int) -> JobView | None:
        return self._store.get(job_id)

    def recent(self, limit: int = 50, user_id: int | None = None) -> list[JobView]:
        return self._store.recent(limit, user_id)

    def run(self, job_id: int) -> JobView | None:
        """Run one job in this process (called by a worker). Safe to call twice: a job that is
        not waiting (already running elsewhere, or finished) is left alone."""
        if not self._store.claim(job_id, self._now()):
            return self._store.get(job_id)
        job = self._store.get(job_id)
        assert job is not None
        handler = self._handlers.get(job.kind)
        try:
            if handler is None:
                raise JobFailedError(f"this worker cannot run jobs of kind {job.kind!r}")

            def progress(done: int, total: int | None, message: str | None = None) -> None:
                self._store.progress(job_id, done, total, message, self._now())

            result = handler(job.params, progress)
        except JobFailedError as error:
            self._store.finish(job_id, JobStatus.FAILED, None, str(error), self._now())
        except Exception as error:  # every failure is recorded with its reason
            self._store.finish(job_id, JobStatus.FAILED, None,
                               f"{type(error).__name__}: {error}", self._now())
        else:
            self._store.finish(job_id, JobStatus.SUCCEEDED, result, None, self._now())
        return self._store.get(job_id)

    def recover_stale(self, older_than: timedelta = STALE_AFTER) -> list[int]:
        """Put jobs whose worker died back on the queue (or fail them after MAX_ATTEMPTS)."""
        recovered = []
        for job in self._store.stale(self._now() - older_than):
            if job.attempts >= MAX_ATTEMPTS:
                self._store.finish(job.id, JobStatus.FAILED, None,
                                   f"the worker stopped {job.attempts} times while running it",
                                   self._now())
                continue
            self._store.requeue(job.id)
            self._queue.enqueue(job.id)
            recovered.append(job.id)
        return recovered
