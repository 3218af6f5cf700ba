"""What the rest of kolscope uses of background jobs: the job service, what it shows of a job,
how a handler reports progress, and the kinds of job by name. Workers are started through the
workspace (``Workspace.run_worker``, ``Workspace.start_embedded_worker``). Everything else of
the area is its own (``make lint`` holds it)."""

from __future__ import annotations

from kolscope.jobs import kinds
from kolscope.jobs.beats import Heartbeat
from kolscope.jobs.messages import on_page as job_on_page
from kolscope.jobs.service import (
    STALE_AFTER,
    Handler,
    JobFailedError,
    JobService,
    JobStatus,
    JobView,
    Progress,
    current_job,
)

__all__ = [
    "STALE_AFTER", "Handler", "Heartbeat", "JobFailedError", "JobService", "JobStatus",
    "JobView", "Progress", "current_job", "job_on_page", "kinds",
]  # fmt: skip
