"""Background jobs: long work (imports, audits, training) queued, run by workers, watched.

A job is a row in the job store (what to do, its status and progress) plus a message on a
queue that wakes a worker. The store is the truth: if a worker dies mid-job, the job stays
"running" with a stale heartbeat and ``recover_stale`` puts it back on the queue, so no job is
lost. Handlers are registered per kind and report progress through a callback.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from kolscope.domain.messages import Message, literal
from kolscope.jobs import messages as said
from kolscope.jobs.beats import Heartbeat, Note, ThrottledProgress

HEARTBEAT_SECONDS = 5
STALE_AFTER = timedelta(seconds=60)
MAX_ATTEMPTS = 3
PROGRESS_SECONDS = 0.5  # progress is written at most this often (the last value always)

_log = logging.getLogger("kolscope.jobs")


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
    organisation_id: int | None = None  # None: the workspace's own (see docs/jobs.md)
    # The coded forms of title, note (``message``) and error, written in the reader's language
    # at the edge; None for a job stored before they were kept (its English text then stands).
    title_message: Message | None = None
    note_message: Message | None = None
    error_message: Message | None = None

    @property
    def title_said(self) -> Message:
        """The title as a message (the English text, as written, for older jobs)."""
        return self.title_message or literal(self.title)

    @property
    def note_said(self) -> Message | None:
        if self.note_message is not None:
            return self.note_message
        return literal(self.message) if self.message else None

    @property
    def error_said(self) -> Message | None:
        if self.error_message is not None:
            return self.error_message
        return literal(self.error) if self.error else None

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
    def create(
        self,
        kind: str,
        title: str | Message,
        params: Mapping[str, Any],
        user_id: int | None,
        now: datetime,
        organisation_id: int | None = None,
    ) -> int:
        """A queued job of ``organisation_id``, else of the organisation of ``user_id``."""
        ...

    def get(self, job_id: int, organisation_id: int | None = None) -> JobView | None:
        """The job; with ``organisation_id``, None unless that organisation may see it."""
        ...

    def recent(
        self, limit: int, user_id: int | None = None, organisation_id: int | None = None
    ) -> list[JobView]: ...

    def claim(self, job_id: int, now: datetime) -> bool:
        """queued -> running (attempts + 1); False when the job is not waiting to run."""
        ...

    def progress(
        self, job_id: int, done: int, total: int | None, message: Note, now: datetime
    ) -> None: ...

    def heartbeat(self, job_id: int, now: datetime) -> None:
        """The worker running the job is alive."""
        ...

    def finish(
        self,
        job_id: int,
        status: JobStatus,
        result: Mapping[str, Any] | None,
        error: Note,
        now: datetime,
        attempt: int | None = None,
    ) -> None:
        """Record the outcome of a running job (of run number ``attempt`` when given: a run
        that was given up as dead and restarted elsewhere cannot overwrite the new run)."""
        ...

    def stale(self, heartbeat_before: datetime) -> list[JobView]:
        """Running jobs whose worker stopped sending heartbeats."""
        ...

    def requeue(self, job_id: int, attempts: int | None = None) -> bool:
        """running -> queued (only while its run count is ``attempts`` when given); False when
        the job was not in that state (another worker recovered or claimed it first)."""
        ...

    def waiting(self, created_before: datetime) -> list[JobView]:
        """Queued jobs created before ``created_before``."""
        ...


class JobQueue(Protocol):
    """Wakes a worker for a job (Huey on SQLite or Redis)."""

    def enqueue(self, job_id: int) -> None: ...

    def pending(self) -> int:
        """Messages waiting for a worker."""
        ...

    def describe(self) -> str:
        """Where the queue lives, for messages (a file in the workspace, or a Redis URL)."""
        ...


Progress = Callable[[int, int | None, str | Message | None], None]
Handler = Callable[[Mapping[str, Any], Progress], dict[str, Any]]


class JobFailedError(Exception):
    """A handler's way to fail a job with a message for people (no traceback). ``result`` is
    kept with the failed job (for example the report of an import whose rows had problems).
    ``message`` is best a ``Message`` (pages write it in the reader's language); ``str()`` is
    the English text."""

    def __init__(self, message: str | Message, result: Mapping[str, Any] | None = None) -> None:
        super().__init__(str(message))
        self.said = message if isinstance(message, Message) else literal(message)
        self.result = dict(result) if result is not None else None


_CURRENT: contextvars.ContextVar[JobView | None] = contextvars.ContextVar(
    "kolscope_current_job", default=None
)


def current_job() -> JobView | None:
    """The job whose handler is running on this thread (None outside a handler)."""
    return _CURRENT.get()


Sweep = Callable[[datetime], object]


class JobService:
    def __init__(
        self,
        store: JobStore,
        queue: JobQueue,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        *,
        stale_after: timedelta = STALE_AFTER,
        heartbeat_seconds: float | None = None,
    ) -> None:
        self._store = store
        self._queue = queue
        self._now = clock
        self._handlers: dict[str, Handler] = {}
        self._sweeps: list[Sweep] = []
        self.stale_after = stale_after
        # Several heartbeats fit in the stale window, so one late beat is not taken for death.
        self.heartbeat_seconds = (
            heartbeat_seconds
            if heartbeat_seconds is not None
            else min(HEARTBEAT_SECONDS, stale_after.total_seconds() / 4)
        )

    def queue_description(self) -> str:
        """Where jobs wait for a worker, for messages."""
        return self._queue.describe()

    def register(self, kind: str, handler: Handler) -> None:
        self._handlers[kind] = handler

    def sweep_on_recovery(self, sweep: Sweep) -> None:
        """Also call ``sweep(cutoff)`` at every ``recover_stale`` (cutoff: heartbeats before
        it are stale), e.g. to mark imports whose process died as interrupted."""
        self._sweeps.append(sweep)

    def submit(
        self,
        kind: str,
        title: str | Message,
        params: Mapping[str, Any],
        user_id: int | None = None,
        organisation_id: int | None = None,
    ) -> JobView:
        """Queue a job titled ``title`` (best a ``Message``: pages write it in the reader's
        language). It belongs to ``organisation_id``, else to the organisation of
        ``user_id``, else to the workspace (seen by the first organisation)."""
        if kind not in self._handlers:
            raise ValueError(f"no handler for jobs of kind {kind!r}")
        if organisation_id is None:
            job_id = self._store.create(kind, title, params, user_id, self._now())
        else:
            job_id = self._store.create(kind, title, params, user_id, self._now(), organisation_id)
        try:
            self._queue.enqueue(job_id)
        except Exception as error:  # the queue is down: say so, leave nothing half-made
            reason = said.NOT_QUEUED(reason=f"{type(error).__name__}: {error}")
            self._store.finish(job_id, JobStatus.FAILED, None, reason, self._now())
            raise
        job = self._store.get(job_id)
        assert job is not None
        return job

    def get(self, job_id: int, organisation_id: int | None = None) -> JobView | None:
        """A job. Pages and the API pass the visitor's ``organisation_id``: another
        organisation's job is then None, as if it did not exist. Without it (the command
        line, workers: the installation itself) every job is found."""
        if organisation_id is None:
            return self._store.get(job_id)
        return self._store.get(job_id, organisation_id)

    def recent(
        self, limit: int = 50, user_id: int | None = None, organisation_id: int | None = None
    ) -> list[JobView]:
        """The latest jobs (only those ``organisation_id`` may see, when given)."""
        if organisation_id is None:
            return self._store.recent(limit, user_id)
        return self._store.recent(limit, user_id, organisation_id)

    def run(self, job_id: int) -> JobView | None:
        """Run one job in this process (called by a worker). Safe to call twice: a job that is
        not waiting (already running elsewhere, or finished) is left alone.

        While the handler works, a thread records a heartbeat every ``heartbeat_seconds``; if
        this process dies the heartbeats stop and ``recover_stale`` (in any worker) requeues
        the job. A handler raising ``BaseException`` (the worker is being shut down) leaves the
        job running without heartbeats, so it is recovered the same way."""
        if not self._store.claim(job_id, self._now()):
            return self._store.get(job_id)
        job = self._store.get(job_id)
        assert job is not None
        attempt = job.attempts
        handler = self._handlers.get(job.kind)
        error: Note = None
        status, result = JobStatus.SUCCEEDED, None
        progress = ThrottledProgress(
            lambda done, total, message: self._store.progress(
                job_id, done, total, message, self._now()
            ),
            PROGRESS_SECONDS,
        )
        current = _CURRENT.set(job)
        with Heartbeat(lambda: self._store.heartbeat(job_id, self._now()), self.heartbeat_seconds):
            try:
                if handler is None:
                    raise JobFailedError(said.NO_HANDLER(kind=repr(job.kind)))
                result = handler(job.params, progress)
            except JobFailedError as failure:
                status, result, error = JobStatus.FAILED, failure.result, failure.said
            except Exception as failure:  # every failure is recorded with its reason
                _log.exception("job %s (%s) failed", job_id, job.kind)
                error = said.UNEXPECTED(kind=type(failure).__name__, detail=str(failure))
                status = JobStatus.FAILED
            finally:
                _CURRENT.reset(current)
            with contextlib.suppress(Exception):  # the last progress, kept with the outcome
                progress.flush()
        self._store.finish(job_id, status, result, error, self._now(), attempt)
        return self._store.get(job_id)

    def recover_stale(self, older_than: timedelta | None = None) -> list[int]:
        """Put jobs whose worker died back on the queue (or fail them after MAX_ATTEMPTS).

        Also sends a message again for jobs queued longer than that while the queue is empty:
        their message was lost (the queue was unreachable when they were submitted, or a
        worker died between taking the message and claiming the job). A needless second
        message does no harm: only one ``claim`` succeeds."""
        cutoff = self._now() - (older_than if older_than is not None else self.stale_after)
        recovered = []
        for job in self._store.stale(cutoff):
            if job.attempts >= MAX_ATTEMPTS:
                self._store.finish(
                    job.id,
                    JobStatus.FAILED,
                    None,
                    said.WORKER_STOPPED(times=job.attempts),
                    self._now(),
                    job.attempts,
                )
                continue
            if self._store.requeue(job.id, job.attempts):
                self._queue.enqueue(job.id)
                recovered.append(job.id)
        waiting = [job for job in self._store.waiting(cutoff) if job.id not in recovered]
        if waiting and self._queue.pending() == 0:
            for job in waiting:
                self._queue.enqueue(job.id)
                recovered.append(job.id)
        for sweep in self._sweeps:
            sweep(cutoff)
        return recovered
