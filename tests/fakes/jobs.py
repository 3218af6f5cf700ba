"""``JobStore`` and ``JobQueue`` in memory (the contract of ``jobs/db/job_store.py``).

The store keeps one ``JobView`` per job; every change replaces it. Writes are guarded the way
the SQL updates are (``claim`` only a queued job, ``finish`` only an open one of that run,
``requeue`` only a running one), so two workers racing behave as they do on the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from kolscope.domain.messages import LITERAL, Message
from kolscope.jobs.beats import Note
from kolscope.jobs.service import JobStatus, JobView
from tests.fakes.tenancy import NoOrganisations, Tenancy, visible_to

_OPEN = (JobStatus.QUEUED, JobStatus.RUNNING)


def _coded(note: Note | str) -> Message | None:
    """The coded form the SQL store keeps beside the English text (None for plain text)."""
    return note if isinstance(note, Message) and note.code != LITERAL else None


class FakeJobStore:
    """The ``JobStore`` contract in a dict. ``tenancy`` answers whose a job is (the team's
    directory in ``fake_services``; nobody's by default)."""

    def __init__(self, tenancy: Tenancy | None = None) -> None:
        self.jobs: dict[int, JobView] = {}
        self.progress_writes = 0
        self.heartbeats = 0
        self._tenancy = tenancy or NoOrganisations()

    def create(
        self,
        kind: str,
        title: str | Message,
        params: Mapping[str, Any],
        user_id: int | None,
        now: datetime,
        organisation_id: int | None = None,
    ) -> int:
        if organisation_id is None and user_id is not None:
            organisation_id = self._tenancy.organisation_of_user(user_id)
        job_id = len(self.jobs) + 1
        self.jobs[job_id] = JobView(
            job_id, kind[:40], str(title)[:300], JobStatus.QUEUED, user_id, dict(params), 0, None,
            None, None, None, 0, now, None, None, None, organisation_id, _coded(title),
        )  # fmt: skip
        return job_id

    def get(self, job_id: int, organisation_id: int | None = None) -> JobView | None:
        job = self.jobs.get(job_id)
        if job is None or not self._sees(job, organisation_id):
            return None
        return job

    def recent(
        self, limit: int, user_id: int | None = None, organisation_id: int | None = None
    ) -> list[JobView]:
        found = [
            j
            for j in self.jobs.values()
            if (user_id is None or j.user_id == user_id) and self._sees(j, organisation_id)
        ]
        return sorted(found, key=lambda j: -j.id)[:limit]

    def claim(self, job_id: int, now: datetime) -> bool:
        job = self.jobs[job_id]
        if job.status != JobStatus.QUEUED:
            return False
        self.jobs[job_id] = replace(
            job, status=JobStatus.RUNNING, attempts=job.attempts + 1, started_at=now,
            heartbeat_at=now, finished_at=None, progress_done=0, progress_total=None,
            message=None, error=None, result=None, note_message=None, error_message=None,
        )  # fmt: skip
        return True

    def progress(
        self, job_id: int, done: int, total: int | None, message: Note, now: datetime
    ) -> None:
        self.progress_writes += 1
        job = self.jobs[job_id]
        if job.status == JobStatus.RUNNING:
            self.jobs[job_id] = replace(
                job, progress_done=done, progress_total=total,
                message=str(message)[:500] if message else None, note_message=_coded(message),
                heartbeat_at=now,
            )  # fmt: skip

    def heartbeat(self, job_id: int, now: datetime) -> None:
        self.heartbeats += 1
        job = self.jobs[job_id]
        if job.status == JobStatus.RUNNING:
            self.jobs[job_id] = replace(job, heartbeat_at=now)

    def finish(
        self,
        job_id: int,
        status: JobStatus,
        result: Mapping[str, Any] | None,
        error: Note,
        now: datetime,
        attempt: int | None = None,
    ) -> None:
        job = self.jobs[job_id]
        if job.status not in _OPEN or (attempt is not None and job.attempts != attempt):
            return
        self.jobs[job_id] = replace(
            job, status=status, result=dict(result) if result is not None else None,
            error=str(error) if error else None, error_message=_coded(error), finished_at=now,
        )  # fmt: skip

    def stale(self, heartbeat_before: datetime) -> list[JobView]:
        return [
            j
            for j in sorted(self.jobs.values(), key=lambda j: j.id)
            if j.status == JobStatus.RUNNING
            and (j.heartbeat_at or j.started_at or j.created_at) < heartbeat_before
        ]

    def requeue(self, job_id: int, attempts: int | None = None) -> bool:
        job = self.jobs[job_id]
        if job.status != JobStatus.RUNNING or (attempts is not None and job.attempts != attempts):
            return False
        self.jobs[job_id] = replace(job, status=JobStatus.QUEUED, heartbeat_at=None)
        return True

    def waiting(self, created_before: datetime) -> list[JobView]:
        return [
            j
            for j in sorted(self.jobs.values(), key=lambda j: j.id)
            if j.status == JobStatus.QUEUED and j.created_at < created_before
        ]

    def _sees(self, job: JobView, organisation_id: int | None) -> bool:
        return organisation_id is None or visible_to(
            job.organisation_id, organisation_id, self._tenancy
        )


class FakeJobQueue:
    """Records the messages sent; ``taken`` says how many a worker has taken off the queue."""

    def __init__(self) -> None:
        self.sent: list[int] = []
        self.taken = 0

    def enqueue(self, job_id: int) -> None:
        self.sent.append(job_id)

    def pending(self) -> int:
        return len(self.sent) - self.taken

    def describe(self) -> str:
        return "an in-memory queue (tests)"
