"""The job queue on Huey: a SQLite file in the workspace by default, Redis for several workers.

The queue only wakes workers: a message is a job id, the job itself is a row in the job store.
One Huey task, ``run_job(job_id)``, calls the ``run`` function it was built with; bootstrap
passes one that opens the workspace in the worker's own process and runs the job there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from huey import RedisHuey, SqliteHuey

from kolscope.jobs.service import JobView

QUEUE_FILE = "jobs-queue.db"
QUEUE_NAME = "kolscope"
TASK_NAME = "run_job"
logger = logging.getLogger("kolscope.jobs")


def describe_redis(url: str) -> str:
    """A Redis URL safe to print: the password is hidden."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


class HueyJobQueue:
    """Implements ``JobQueue``; ``huey`` is also what a consumer (worker) runs."""

    def __init__(
        self,
        run: Callable[[int], JobView | None],
        *,
        folder: Path,
        redis_url: str | None = None,
        name: str = QUEUE_NAME,
    ) -> None:
        self._run = run
        self.redis_url = redis_url
        self.path: Path | None = None
        if redis_url:
            self.huey: Any = RedisHuey(name, url=redis_url, results=False, utc=True)
        else:
            self.path = (folder / QUEUE_FILE).absolute()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # A generous busy timeout: several worker threads and processes share the file.
            self.huey = SqliteHuey(
                name, filename=str(self.path), results=False, utc=True, timeout=30
            )

        def run_job(job_id: int) -> None:
            job = self._run(job_id)
            if job is None:
                logger.warning("job %s: not in the job store", job_id)
            elif job.error:
                logger.info("job %s %s: %s", job_id, job.status.value, job.error)
            else:
                logger.info("job %s %s", job_id, job.status.value)

        self._task = self.huey.task(name=TASK_NAME)(run_job)

    @property
    def backend(self) -> str:
        return "redis" if self.redis_url else "sqlite"

    def describe(self) -> str:
        if self.redis_url:
            return f"the Redis queue at {describe_redis(self.redis_url)}"
        return f"the SQLite queue at {self.path}"

    def enqueue(self, job_id: int) -> None:
        self._task(job_id)

    def pending(self) -> int:
        """Messages waiting for a worker."""
        return int(self.huey.pending_count())

    def close(self) -> None:
        if self.redis_url:
            self.huey.storage.pool.disconnect()
        else:
            self.huey.storage.close()
