"""Workers: Huey consumers that run jobs, and the recovery of jobs whose worker died.

Every worker checks for stale jobs when it starts and then every ``recovery_interval``
seconds (half the stale threshold, at most 30 s): a running job whose heartbeat stopped is put
back on the queue, or failed once it has been tried ``MAX_ATTEMPTS`` times.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from huey.consumer import Consumer

from kolscope.jobs.queue import HueyJobQueue
from kolscope.jobs.service import JobService

logger = logging.getLogger("kolscope.jobs")
POLL_SECONDS = 1.0  # longest pause between two looks at an empty SQLite queue


class JobHost(Protocol):
    """What a worker needs from a workspace."""

    @property
    def job_queue(self) -> HueyJobQueue: ...

    @property
    def jobs(self) -> JobService: ...


def recover(jobs: JobService) -> list[int]:
    """Requeue (or fail) the jobs whose worker died; never raises."""
    try:
        recovered = jobs.recover_stale()
    except Exception:
        logger.exception("looking for jobs whose worker stopped failed")
        return []
    for job_id in recovered:
        logger.warning(
            "job %s: put back on the queue (its worker stopped, or its message was lost)", job_id
        )
    return recovered


def recovery_interval(jobs: JobService) -> float:
    return max(0.5, min(30.0, jobs.stale_after.total_seconds() / 2))


class Recovery:
    """Runs ``recover`` every ``interval`` seconds on a daemon thread."""

    def __init__(self, jobs: JobService, interval: float | None = None) -> None:
        self._jobs = jobs
        self._interval = interval if interval is not None else recovery_interval(jobs)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._loop, name="kolscope-job-recovery", daemon=True
        )

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            recover(self._jobs)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)


class _Consumer(Consumer):  # type: ignore[misc]  # huey is untyped
    """A Huey consumer that starts the recovery loop once its workers are up (after any fork,
    so no worker process is forked while the recovery thread holds a lock)."""

    def __init__(self, huey: Any, recovery: Recovery, *, signals: bool, **options: Any) -> None:
        super().__init__(huey, periodic=False, max_delay=POLL_SECONDS, **options)
        self._recovery = recovery
        self._signals = signals

    def start(self) -> None:
        super().start()
        self._recovery.start()

    def _set_signal_handlers(self) -> None:
        # Embedded: signals belong to the host process (the web server), and Python only
        # allows handlers in the main thread anyway.
        if self._signals:
            super()._set_signal_handlers()


def run_worker(
    queue: HueyJobQueue, jobs: JobService, *, workers: int = 2, processes: bool = False
) -> None:
    """Run jobs until Ctrl+C (finish the running jobs first) or SIGTERM (stop now: the jobs
    are picked up again once their heartbeats go stale). Call from the main thread."""
    recover(jobs)
    recovery = Recovery(jobs)
    worker_type = "process" if processes else "thread"
    consumer = _Consumer(
        queue.huey, recovery, signals=True, workers=workers, worker_type=worker_type
    )
    try:
        consumer.run()
    finally:
        recovery.stop()


def start_embedded_worker(
    workspace: JobHost, *, shutdown_seconds: float = 5.0
) -> Callable[[], None]:
    """Run jobs on one thread inside this process (``kolscope serve`` with the SQLite queue).
    Returns the function that stops it: it waits ``shutdown_seconds`` for a running job; a job
    still running when the process exits is recovered by the next worker."""
    queue, jobs = workspace.job_queue, workspace.jobs
    recover(jobs)
    recovery = Recovery(jobs)
    consumer = _Consumer(
        queue.huey,
        recovery,
        signals=False,
        workers=1,
        worker_type="thread",
        shutdown_timeout=shutdown_seconds,
    )
    consumer.start()
    stopped = threading.Event()

    def stop() -> None:
        if stopped.is_set():
            return
        stopped.set()
        recovery.stop()
        consumer.stop(graceful=True)

    return stop
