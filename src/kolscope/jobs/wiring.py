"""How background jobs are built: the SQL job store, the Huey queue (a SQLite file in the
workspace, or Redis) and the job service. Handlers are registered by kind (``jobs.kinds``) by the
wiring, each built on first use, so a worker starts without importing what it may never run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

if TYPE_CHECKING:
    from kolscope.jobs.db.job_store import SqlJobStore
    from kolscope.jobs.queue import HueyJobQueue
    from kolscope.jobs.service import Handler, JobService, JobView


def queue(
    run: Callable[[int], JobView | None], *, folder: Path, redis_url: str | None
) -> HueyJobQueue:
    from kolscope.jobs.queue import HueyJobQueue

    return HueyJobQueue(run, folder=folder, redis_url=redis_url)


def store(engine: Engine) -> SqlJobStore:
    from kolscope.jobs.db.job_store import SqlJobStore

    return SqlJobStore(engine)


def service(job_store: SqlJobStore, job_queue: HueyJobQueue, *, stale_seconds: float) -> JobService:
    from kolscope.jobs.service import JobService

    return JobService(job_store, job_queue, stale_after=timedelta(seconds=stale_seconds))


def on_first_use(build: Callable[[], Handler]) -> Handler:
    """A handler that builds the real one the first time a job of its kind runs."""
    built: list[Handler] = []

    def handle(params: Any, progress: Any) -> dict[str, Any]:
        if not built:
            built.append(build())
        return built[0](params, progress)

    return handle
