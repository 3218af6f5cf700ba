"""The job service over fakes: lifecycle, failures, heartbeats, recovery (no I/O)."""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import pytest

from kolscope.jobs.service import (
    MAX_ATTEMPTS,
    JobFailedError,
    JobService,
    JobStatus,
    Progress,
)
from tests.fakes.clock import Clock
from tests.fakes.jobs import FakeJobQueue as FakeQueue
from tests.fakes.jobs import FakeJobStore as FakeStore


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def queue() -> FakeQueue:
    return FakeQueue()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(store: FakeStore, queue: FakeQueue, clock: Clock) -> JobService:
    return JobService(store, queue, clock)


def add(params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
    for step in range(1, 4):
        progress(step, 3, f"step {step}")
    return {"sum": params["a"] + params["b"]}


def test_a_job_runs_from_queued_to_succeeded(
    service: JobService, store: FakeStore, queue: FakeQueue
) -> None:
    service.register("add", add)
    job = service.submit("add", "Add two numbers", {"a": 2, "b": 3}, user_id=7)
    assert job.status == JobStatus.QUEUED
    assert queue.sent == [job.id]
    done = service.run(job.id)
    assert done is not None
    assert done.status == JobStatus.SUCCEEDED
    assert done.result == {"sum": 5}
    assert (done.progress_done, done.progress_total, done.message) == (3, 3, "step 3")
    assert done.percent == 100
    assert done.attempts == 1
    assert [j.id for j in service.recent(user_id=7)] == [job.id]
    assert service.recent(user_id=8) == []


def test_submitting_an_unknown_kind_is_refused(service: JobService) -> None:
    with pytest.raises(ValueError, match="no handler"):
        service.submit("nope", "?", {})


def test_a_job_that_cannot_be_queued_fails_at_once(store: FakeStore, clock: Clock) -> None:
    class DownQueue(FakeQueue):
        def enqueue(self, job_id: int) -> None:
            raise ConnectionError("Redis is down")

    service = JobService(store, DownQueue(), clock)
    service.register("add", add)
    with pytest.raises(ConnectionError):
        service.submit("add", "Add", {"a": 1, "b": 2})
    job = store.get(1)
    assert job is not None
    assert job.status == JobStatus.FAILED
    assert job.error == "could not be queued: ConnectionError: Redis is down"


def test_a_failing_handler_records_why(service: JobService) -> None:
    def broken(params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
        raise ValueError("the file is empty")

    def refused(params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
        raise JobFailedError("3 problems in the rows", {"problem_count": 3})

    service.register("broken", broken)
    service.register("refused", refused)
    first = service.run(service.submit("broken", "Broken", {}).id)
    assert first is not None
    assert first.status == JobStatus.FAILED
    assert first.error == "ValueError: the file is empty"
    assert first.error_said is not None
    assert first.error_said.code == "job.error.unexpected"  # a page names only its kind
    assert first.error_said.params == {"kind": "ValueError", "detail": "the file is empty"}
    assert first.result is None
    second = service.run(service.submit("refused", "Refused", {}).id)
    assert second is not None
    assert second.status == JobStatus.FAILED
    assert second.error == "3 problems in the rows"
    assert second.result == {"problem_count": 3}  # a failed job may keep its report


def test_a_worker_without_the_handler_fails_the_job(
    store: FakeStore, queue: FakeQueue, clock: Clock
) -> None:
    web = JobService(store, queue, clock)
    web.register("train", add)
    job = web.submit("train", "Train", {})
    worker = JobService(store, queue, clock)
    done = worker.run(job.id)
    assert done is not None
    assert done.status == JobStatus.FAILED
    assert done.error is not None
    assert "cannot run jobs of kind 'train'" in done.error


def test_running_a_job_twice_runs_it_once(service: JobService) -> None:
    calls = []

    def count(params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
        calls.append(1)
        return {}

    service.register("count", count)
    job = service.submit("count", "Count", {})
    service.run(job.id)
    again = service.run(job.id)
    assert calls == [1]
    assert again is not None
    assert again.status == JobStatus.SUCCEEDED


def test_heartbeats_are_sent_while_the_handler_works(store: FakeStore, queue: FakeQueue) -> None:
    service = JobService(store, queue, heartbeat_seconds=0.01)

    def slow(params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
        time.sleep(0.2)
        return {}

    service.register("slow", slow)
    service.run(service.submit("slow", "Slow", {}).id)
    assert store.heartbeats >= 3


def test_the_heartbeat_fits_the_stale_threshold(store: FakeStore, queue: FakeQueue) -> None:
    assert JobService(store, queue).heartbeat_seconds == 5
    short = JobService(store, queue, stale_after=timedelta(seconds=2))
    assert short.heartbeat_seconds == 0.5


def test_progress_is_written_sparingly_but_the_last_value_always(
    service: JobService, store: FakeStore
) -> None:
    def busy(params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
        for done in range(1, 10_001):
            progress(done, None, None)
        return {}

    service.register("busy", busy)
    job = service.run(service.submit("busy", "Busy", {}).id)
    assert job is not None
    assert job.progress_done == 10_000
    assert store.progress_writes < 10


def test_a_job_whose_worker_died_is_requeued_then_failed(
    service: JobService, store: FakeStore, queue: FakeQueue, clock: Clock
) -> None:
    service.register("add", add)
    job = service.submit("add", "Add", {"a": 1, "b": 1})
    fresh = service.submit("add", "Fresh", {"a": 1, "b": 1})
    for attempt in range(1, MAX_ATTEMPTS + 1):
        queue.taken = len(queue.sent)  # every message is taken by a worker
        assert store.claim(job.id, clock())  # ... and this job's worker dies
        clock.now += timedelta(seconds=30)
        if attempt == 1:
            assert store.claim(fresh.id, clock())
        store.heartbeat(fresh.id, clock())
        assert service.recover_stale() == []  # 30 s without a beat is not dead yet
        clock.now += timedelta(seconds=31)
        store.heartbeat(fresh.id, clock())  # this one's worker is alive
        recovered = service.recover_stale()
        current = store.get(job.id)
        assert current is not None
        if attempt < MAX_ATTEMPTS:
            assert recovered == [job.id]
            assert current.status == JobStatus.QUEUED
            assert queue.sent.count(job.id) == attempt + 1
        else:
            assert recovered == []
            assert current.status == JobStatus.FAILED
            assert current.error == f"the worker stopped {MAX_ATTEMPTS} times while running it"
    still = store.get(fresh.id)
    assert still is not None
    assert still.status == JobStatus.RUNNING


def test_a_job_whose_message_was_lost_is_sent_again(
    service: JobService, store: FakeStore, queue: FakeQueue, clock: Clock
) -> None:
    service.register("add", add)
    lost = service.submit("add", "Lost", {"a": 1, "b": 1})
    queue.taken = 1  # a worker took the message and died before claiming the job
    clock.now += timedelta(seconds=30)
    assert service.recover_stale() == []  # not waiting long enough yet
    clock.now += timedelta(seconds=31)
    behind = service.submit("add", "Behind it", {"a": 1, "b": 1})
    assert service.recover_stale() == []  # the queue is not empty: workers are busy
    queue.taken = 2
    assert service.recover_stale() == [lost.id]
    assert queue.sent == [lost.id, behind.id, lost.id]
    assert service.run(lost.id) is not None
    again = service.run(lost.id)  # the message sent again finds the job done
    assert again is not None
    assert again.status == JobStatus.SUCCEEDED


def test_a_slow_worker_cannot_overwrite_a_newer_run(
    service: JobService, store: FakeStore, clock: Clock
) -> None:
    service.register("add", add)
    job = service.submit("add", "Add", {"a": 1, "b": 1})
    store.claim(job.id, clock())
    assert store.requeue(job.id, attempts=1)
    assert not store.requeue(job.id, attempts=1)  # a second recoverer finds nothing to do
    store.claim(job.id, clock())
    store.finish(job.id, JobStatus.SUCCEEDED, {"old": True}, None, clock(), attempt=1)
    current = store.get(job.id)
    assert current is not None
    assert current.status == JobStatus.RUNNING
