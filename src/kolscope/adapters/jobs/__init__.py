"""Background jobs on Huey: the queue (SQLite file or Redis) and the workers that consume it."""

from kolscope.adapters.jobs.queue import QUEUE_FILE, HueyJobQueue
from kolscope.adapters.jobs.worker import run_worker, start_embedded_worker

__all__ = ["QUEUE_FILE", "HueyJobQueue", "run_worker", "start_embedded_worker"]
