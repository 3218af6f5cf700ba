"""Background jobs for real: the SQL job store, Huey queues (SQLite and Redis), worker processes
killed mid-job, and the CLI around them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from kolscope.bootstrap import Workspace, open_workspace
from kolscope.catalogue import messages as say
from kolscope.catalogue.importing.jobs import submit_import
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.config import Settings
from kolscope.discovery.query import SearchRequest
from kolscope.domain.team import INSTALLATION
from kolscope.entrypoints.cli.app import app
from kolscope.infra.db import tables as t
from kolscope.jobs.db.job_store import SqlJobStore
from kolscope.jobs.service import MAX_ATTEMPTS, JobService, JobStatus, JobView, Progress
from kolscope.jobs.worker import start_embedded_worker
from tests.factories import CREATORS_HEADER, creators_rows, write_csv


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def finished(workspace: Workspace, job_id: int, timeout: float = 30) -> JobView:
    def done() -> bool:
        job = workspace.jobs.get(job_id)
        return job is not None and job.finished

    wait_for(done, timeout, f"job {job_id} to finish")
    job = workspace.jobs.get(job_id)
    assert job is not None
    return job


def count(workspace: Workspace, table: Any) -> int:
    with workspace.engine.connect() as db:
        return int(db.execute(select(func.count()).select_from(table)).scalar_one())


def creators_file(path: Path, rows: int, *, start: int = 0) -> Path:
    return write_csv(path, [CREATORS_HEADER, *creators_rows(rows, start=start)])


class ListQueue:
    def __init__(self) -> None:
        self.sent: list[int] = []

    def enqueue(self, job_id: int) -> None:
        self.sent.append(job_id)

    def pending(self) -> int:
        return 0  # every message is taken at once


NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


# The SQL job store (SQLite and PostgreSQL) ---------------------------------------------------


def test_the_store_keeps_a_job_and_its_times_in_utc(workspace: Workspace) -> None:
    store = SqlJobStore(workspace.engine)
    job_id = store.create("import", "Import of a.csv", {"files": ["/a.csv"]}, None, NOW)
    queued = store.get(job_id)
    assert queued is not None
    assert queued.status == JobStatus.QUEUED
    assert queued.params == {"files": ["/a.csv"]}
    assert queued.created_at == NOW
    assert queued.created_at.tzinfo is not None
    assert store.claim(job_id, NOW + timedelta(seconds=1))
    store.progress(job_id, 40, 100, "importing a.csv", NOW + timedelta(seconds=2))
    store.heartbeat(job_id, NOW + timedelta(seconds=3))
    running = store.get(job_id)
    assert running is not None
    assert (running.progress_done, running.progress_total, running.percent) == (40, 100, 40)
    assert running.message == "importing a.csv"
    assert running.heartbeat_at == NOW + timedelta(seconds=3)
    assert running.started_at == NOW + timedelta(seconds=1)
    store.finish(job_id, JobStatus.FAILED, {"problem_count": 2}, "2 problems", NOW, 1)
    failed = store.get(job_id)
    assert failed is not None
    assert (failed.status, failed.error, failed.result) == (
        JobStatus.FAILED, "2 problems", {"problem_count": 2},
    )  # fmt: skip
    assert failed.progress_done == 40  # the last progress is kept with the finished job
    assert failed.finished_at == NOW
    other = store.create("import", "Second", {}, None, NOW)
    assert [j.id for j in store.recent(10)] == [other, job_id]
    assert store.recent(10, user_id=1) == []
    assert store.get(9999) is None


def test_titles_notes_and_errors_are_kept_with_their_codes(workspace: Workspace) -> None:
    store = SqlJobStore(workspace.engine)
    title = say.JOB_IMPORT(file="ig.csv")
    job_id = store.create("import", title, {"files": ["/ig.csv"]}, None, NOW)
    queued = store.get(job_id)
    assert queued is not None
    assert queued.title == "Import of ig.csv"  # the English text, as before
    assert queued.title_message == title
    assert queued.params == {"files": ["/ig.csv"]}  # the handler's params only
    assert store.claim(job_id, NOW)
    note = say.IMPORTING_OF(file="ig.csv", number=1, files=2)
    store.progress(job_id, 5, 10, note, NOW)
    running = store.get(job_id)
    assert running is not None
    assert running.message == "importing ig.csv (1 of 2)"
    assert running.note_message == note
    error = say.FAILED_MANY(count=3)
    store.finish(job_id, JobStatus.FAILED, None, error, NOW, 1)
    failed = store.get(job_id)
    assert failed is not None
    assert failed.note_message == note  # folded from the side database on SQLite
    assert failed.error == "3 problems in the rows, so nothing was imported (all or nothing)"
    assert failed.error_message == error
    # a job stored before messages: its English text reads as written
    older = store.create("import", "Import of old.csv", {}, None, NOW)
    assert store.claim(older, NOW)
    store.progress(older, 1, None, "importing old.csv", NOW)
    store.finish(older, JobStatus.FAILED, None, "it broke", NOW, 1)
    plain = store.get(older)
    assert plain is not None
    assert (plain.title_message, plain.note_message, plain.error_message) == (None, None, None)
    assert str(plain.title_said) == "Import of old.csv"
    assert (plain.message, plain.error) == ("importing old.csv", "it broke")


def test_two_claims_of_one_job_run_it_once(workspace: Workspace) -> None:
    store = SqlJobStore(workspace.engine)
    job_id = store.create("import", "Once", {}, None, NOW)
    start = threading.Barrier(6)
    wins: list[bool] = []

    def claim() -> None:
        start.wait()
        wins.append(store.claim(job_id, NOW))

    threads = [threading.Thread(target=claim) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(wins) == [False] * 5 + [True]
    assert not store.claim(job_id, NOW)
    job = store.get(job_id)
    assert job is not None
    assert job.attempts == 1


def test_a_job_with_a_stale_heartbeat_is_requeued_then_failed(workspace: Workspace) -> None:
    clock = [NOW]
    queue = ListQueue()
    store = SqlJobStore(workspace.engine)
    service = JobService(store, queue, lambda: clock[0], stale_after=timedelta(seconds=60))
    job_id = store.create("import", "Killed again and again", {}, None, NOW)
    alive = store.create("import", "Slow but alive", {}, None, NOW)
    assert store.claim(alive, NOW)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert store.claim(job_id, clock[0])
        clock[0] += timedelta(seconds=45)
        store.heartbeat(alive, clock[0])
        assert service.recover_stale() == []
        clock[0] += timedelta(seconds=45)
        store.progress(alive, attempt, None, None, clock[0])
        recovered = service.recover_stale()
        job = store.get(job_id)
        assert job is not None
        if attempt < MAX_ATTEMPTS:
            assert recovered == [job_id]
            assert job.status == JobStatus.QUEUED
        else:
            assert recovered == []
            assert job.status == JobStatus.FAILED
            assert job.error == f"the worker stopped {MAX_ATTEMPTS} times while running it"
    assert queue.sent == [job_id] * (MAX_ATTEMPTS - 1)
    still = store.get(alive)
    assert still is not None
    assert still.status == JobStatus.RUNNING
    lost = store.create("import", "Its message was lost", {}, None, clock[0])
    assert store.waiting(clock[0]) == []
    clock[0] += timedelta(seconds=61)
    store.heartbeat(alive, clock[0])
    assert [j.id for j in store.waiting(clock[0])] == [lost]
    assert service.recover_stale() == [lost]
    assert queue.sent[-1] == lost


# Jobs through the SQLite Huey queue, consumed in this process --------------------------------


@pytest.fixture
def worker(workspace: Workspace) -> Iterator[Workspace]:
    stop = start_embedded_worker(workspace)
    try:
        yield workspace
    finally:
        stop()


def test_jobs_run_through_the_sqlite_queue(worker: Workspace, tmp_path: Path) -> None:
    good = creators_file(tmp_path / "ig-2026-10-01.csv", 50)
    job = submit_import(worker.jobs, [good], ImportOptions(), user_id=None)
    assert job.status == JobStatus.QUEUED
    done = finished(worker, job.id)
    assert done.status == JobStatus.SUCCEEDED, done.error
    assert done.result is not None
    assert done.result["status"] == "succeeded"
    assert done.result["files"][0]["imported"] == 50
    assert done.result["plans"][0]["kind"] == "creators"
    assert done.progress_done == 50
    assert done.percent == 100
    assert count(worker, t.accounts) == 50

    def explode(params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
        raise RuntimeError("the model would not converge")

    worker.jobs.register("train", explode)
    failed = finished(worker, worker.jobs.submit("train", "Train", {}).id)
    assert failed.status == JobStatus.FAILED
    assert failed.error == "RuntimeError: the model would not converge"


def test_an_import_with_problems_fails_and_keeps_its_report(
    worker: Workspace, tmp_path: Path
) -> None:
    rows = creators_rows(5)
    rows[2][3] = "lots"  # followers that are not a number
    flawed = write_csv(tmp_path / "ig-2026-10-01.csv", [CREATORS_HEADER, *rows])
    done = finished(worker, submit_import(worker.jobs, [flawed], ImportOptions()).id)
    assert done.status == JobStatus.FAILED
    assert done.error is not None
    assert done.error.startswith("1 problem in the rows, so nothing was imported")
    assert done.result is not None
    assert done.result["problem_count"] == 1
    assert done.result["committed"] is False
    assert count(worker, t.accounts) == 0

    unreadable = write_csv(tmp_path / "notes.csv", [["x", "y"], ["1", "2"]])
    broken = finished(worker, submit_import(worker.jobs, [unreadable], ImportOptions()).id)
    assert broken.status == JobStatus.FAILED
    assert broken.error is not None
    assert "notes.csv" in broken.error
    assert "handle" in broken.error


# Worker processes --------------------------------------------------------------------------


def _worker_env(workspace: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOLSCOPE_")}
    env.update(KOLSCOPE_WORKSPACE=str(workspace), KOLSCOPE_JOB_STALE_SECONDS="2", **extra)
    return env


def _start_worker(env: dict[str, str], log: Path, *args: str) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "kolscope.entrypoints.cli.app", "worker", *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # the worker and its file-reading child, killed together
        )


def _stop(process: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_a_job_survives_its_worker_being_killed(tmp_path: Path) -> None:
    rows = 120_000
    folder = tmp_path / "ws"
    workspace = open_workspace(Settings(workspace=folder, job_stale_seconds=2))
    big = creators_file(tmp_path / "ig-2026-10-01.csv", rows)
    env = _worker_env(folder)
    first = _start_worker(env, tmp_path / "first.log", "--workers", "1")
    second: subprocess.Popen[bytes] | None = None
    try:
        job = submit_import(workspace.jobs, [big], ImportOptions())

        def importing() -> bool:
            current = workspace.jobs.get(job.id)
            assert current is not None
            assert not current.finished, "the import ended before the worker was killed"
            return current.status == JobStatus.RUNNING and current.progress_done > 0

        wait_for(importing, 30, "the import to be under way")
        _stop(first)  # kill -9, mid-import
        cut = workspace.jobs.get(job.id)
        assert cut is not None
        assert cut.status == JobStatus.RUNNING
        assert cut.progress_done < rows

        second = _start_worker(env, tmp_path / "second.log", "--workers", "1")
        done = finished(workspace, job.id, timeout=60)
        assert done.status == JobStatus.SUCCEEDED, done.error
        assert done.attempts == 2
        assert done.result is not None
        assert done.result["files"][0]["imported"] == rows
        assert count(workspace, t.accounts) == rows  # once each: the killed run rolled back
        assert count(workspace, t.account_snapshots) == rows
        log = (tmp_path / "second.log").read_text(encoding="utf-8")
        assert f"job {job.id}: put back on the queue" in log
    finally:
        _stop(first)
        if second is not None:
            _stop(second, signal.SIGINT)
        workspace.close()


@pytest.mark.postgres
def test_redis_queue_with_worker_processes(
    tmp_path: Path, redis_url: str, postgres_url: str
) -> None:
    folder = tmp_path / "ws"
    settings = Settings(workspace=folder, database_url=postgres_url, redis_url=redis_url)
    workspace = open_workspace(settings)
    env = _worker_env(folder, KOLSCOPE_REDIS_URL=redis_url, KOLSCOPE_DATABASE_URL=postgres_url)
    process = _start_worker(env, tmp_path / "worker.log", "--workers", "2", "--processes")
    try:
        files = [creators_file(tmp_path / f"ig-{n}.csv", 2000, start=n * 2000) for n in range(4)]
        jobs = [submit_import(workspace.jobs, [path], ImportOptions()) for path in files]
        results = [finished(workspace, job.id, timeout=60) for job in jobs]
        assert [job.status for job in results] == [JobStatus.SUCCEEDED] * 4, [
            job.error for job in results
        ]
        assert count(workspace, t.accounts) == 8000
        _stop(process, signal.SIGINT)
        assert process.returncode == 0
        log = (tmp_path / "worker.log").read_text(encoding="utf-8")
        assert f"2 processes on the Redis queue at {redis_url}" in log
    finally:
        _stop(process)
        workspace.close()


# The CLI -----------------------------------------------------------------------------------


@pytest.fixture
def cli_worker(sqlite_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    for name in ("KOLSCOPE_WORKSPACE", "KOLSCOPE_DATABASE_URL", "KOLSCOPE_REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    stop = start_embedded_worker(sqlite_workspace)
    try:
        yield sqlite_workspace
    finally:
        stop()


def test_import_in_the_background_and_wait_for_jobs(cli_worker: Workspace, tmp_path: Path) -> None:
    runner = CliRunner()
    ws = str(cli_worker.settings.workspace)
    good = creators_file(tmp_path / "ig-2026-10-01.csv", 30)
    result = runner.invoke(app, ["-w", ws, "import", str(good), "--background"])
    assert result.exit_code == 0, result.output
    assert "job #1 queued" in result.output
    assert "imported" in result.output
    assert count(cli_worker, t.accounts) == 30

    rows = creators_rows(3, start=100)
    rows[1][3] = "lots"
    flawed = write_csv(tmp_path / "ig-2026-10-02.csv", [CREATORS_HEADER, *rows])
    result = runner.invoke(app, ["-w", ws, "import", str(flawed), "--background", "--json"])
    assert result.exit_code == 2, result.output
    assert '"job_status": "failed"' in result.output
    assert '"problem_count": 1' in result.output

    # the successful import queued a search-index update as job #2 and a refresh of the audit
    # norms as job #3, so the failed one is #4
    index_job = cli_worker.jobs.get(2)
    assert index_job is not None
    assert index_job.kind == "search-index"
    norms_job = cli_worker.jobs.get(3)
    assert norms_job is not None
    assert norms_job.kind == "audit-norms"
    result = runner.invoke(app, ["-w", ws, "import", str(good), "--background", "--no-wait"])
    assert result.exit_code == 0, result.output
    assert "kolscope jobs wait 5" in result.output
    waited = runner.invoke(app, ["-w", ws, "jobs", "wait", "5"])
    assert waited.exit_code == 0, waited.output
    assert "succeeded" in waited.output
    indexed = runner.invoke(app, ["-w", ws, "jobs", "wait", "2"])
    assert indexed.exit_code == 0, indexed.output
    assert cli_worker.discovery.search(SearchRequest(limit=100), INSTALLATION).indexed == 30
    normed = runner.invoke(app, ["-w", ws, "jobs", "wait", "3"])
    assert normed.exit_code == 0, normed.output

    failed = runner.invoke(app, ["-w", ws, "jobs", "wait", "4"])
    assert failed.exit_code == 2
    assert "1 problem in the rows" in failed.output
    missing = runner.invoke(app, ["-w", ws, "jobs", "wait", "99"])
    assert missing.exit_code == 2
    assert "there is no job #99" in missing.output

    listed = runner.invoke(app, ["-w", ws, "jobs", "list", "--json"])
    assert listed.exit_code == 0
    assert '"status": "failed"' in listed.output
    shown = runner.invoke(app, ["-w", ws, "jobs", "show", "1"])
    assert shown.exit_code == 0
    assert "succeeded" in shown.output
    assert "ig-2026-10-01.csv" in shown.output

    alone = runner.invoke(app, ["-w", ws, "import", str(good), "--no-wait"])
    assert alone.exit_code == 2
    assert "--no-wait goes with --background" in alone.output
