"""What entry points use of background jobs: the job service and what it shows of a job.
Workers are started through the workspace (``Workspace.run_worker``,
``Workspace.start_embedded_worker``)."""

from __future__ import annotations

from kolscope.jobs.service import JobService, JobStatus, JobView

__all__ = ["JobService", "JobStatus", "JobView"]
