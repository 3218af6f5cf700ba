"""Imports tell the truth after a kill: a foreground ``kolscope import`` killed with SIGKILL or
stopped with SIGTERM, a job killed between its import's commit and its own end, and
``--background --no-index``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from kolscope.bootstrap import Workspace, open_workspace
from kolscope.catalogue.importing.jobs import IMPORT, import_handler, submit_import
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.config import Settings
from kolscope.entrypoints.cli.app import app
from kolscope.infra.db import tables as t
from kolscope.jobs.db.job_store import SqlJobStore
from kolscope.jobs.service import JobService, JobStatus, Progress
from tests.integration.test_jobs import (
    ListQueue,
    cli_worker,  # noqa: F401 - a fixture
    count,
    creators_file,
    wait_for,
)

ROWS = 150_000  # big enough that the import is still running when it is stopped


def _import_rows(workspace: Workspace) -> list[Any]:
    with workspace.engine.connect() as db:
        return list(db.execute(select(t.imports).order_by(t.imports.c.id)))


def _start_import(folder: Path, big: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOLSCOPE_")}
    env.update(KOLSCOPE_WORKSPACE=str(folder), KOLSCOPE_JOB_STALE_SECONDS="2")
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "kolscope.entrypoints.cli.app", "import", str(big), "--json"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _under_way(workspace: Workspace, process: subprocess.Popen[bytes]) -> None:
    """Wait until the import is recorded as running and has been writing for a moment."""

    def started() -> bool:
        assert process.poll() is None, "the import ended before it was stopped"
        return any(row.status == "running" for row in _import_rows(workspace))

    wait_for(started, 60, "the import to start")
    time.sleep(2.0)
    assert process.poll() is None, "the import ended before it was stopped"


@pytest.fixture
def big_import(tmp_path: Path) -> tuple[Workspace, Path]:
    folder = tmp_path / "ws"
    workspace = open_workspace(Settings(workspace=folder, job_stale_seconds=2))
    return workspace, creators_file(tmp_path / "ig-2026-10-01.csv", ROWS)


def test_a_foreground_import_killed_with_sigkill_reads_as_interrupted(
    big_import: tuple[Workspace, Path], tmp_path: Path
) -> None:
    workspace, big = big_import
    process = _start_import(workspace.settings.workspace, big, tmp_path / "import.log")
    try:
        _under_way(workspace, process)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)
        [row] = _import_rows(workspace)
        assert row.status == "running"  # nobody could record the end

        def interrupted() -> bool:
            return workspace.import_log.recent_imports(10)[0].status == "interrupted"

        wait_for(interrupted, 10, "the stale import to read as interrupted")
        shown = workspace.import_log.recent_imports(10)[0]
        assert shown.error is not None
        assert "nothing of it was written" in shown.error
        assert count(workspace, t.accounts) == 0  # the transaction never committed
        workspace.jobs.recover_stale()  # a worker's periodic sweep records it
        [row] = _import_rows(workspace)
        assert row.status == "interrupted"
        assert row.finished_at is not None
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        workspace.close()


def test_a_foreground_import_stopped_with_sigterm_rolls_back_and_says_so(
    big_import: tuple[Workspace, Path], tmp_path: Path
) -> None:
    workspace, big = big_import
    log = tmp_path / "import.log"
    process = _start_import(workspace.settings.workspace, big, log)
    try:
        _under_way(workspace, process)
        os.kill(process.pid, signal.SIGTERM)  # the process only, as `kill PID` does
        assert process.wait(timeout=60) == 143
        output = log.read_text(encoding="utf-8")
        assert "stopped by SIGTERM" in output
        assert "nothing was written" in output
        [row] = _import_rows(workspace)
        assert row.status == "interrupted"  # recorded at once, no heartbeat wait
        assert "SIGTERM" in row.error
        assert count(workspace, t.accounts) == 0
        assert count(workspace, t.account_snapshots) == 0
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        workspace.close()


class KilledError(BaseException):
    """Stands for the worker process dying (a BaseException: the job service records
    nothing, as when the process is gone)."""


def test_a_job_killed_after_its_import_committed_is_finished_without_reading_again(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = creators_file(tmp_path / "ig-2026-10-01.csv", 30)
    kills: list[int] = []

    def after(_progress: Progress) -> dict[str, Any]:
        if not kills:  # first attempt: dies between the import's commit and the job's end
            kills.append(1)
            raise KilledError
        return {"index_job": None}

    queue = ListQueue()
    jobs = JobService(SqlJobStore(workspace.engine), queue, stale_after=timedelta(seconds=60))
    jobs.register(IMPORT, import_handler(workspace.importer, after))
    job = submit_import(jobs, [path], ImportOptions())
    with pytest.raises(KilledError):
        jobs.run(job.id)
    cut = jobs.get(job.id)
    assert cut is not None
    assert cut.status == JobStatus.RUNNING
    assert count(workspace, t.accounts) == 30
    [row] = _import_rows(workspace)
    assert (row.status, row.job_id) == ("succeeded", job.id)

    assert jobs.recover_stale(older_than=timedelta(0)) == [job.id]
    path.unlink()  # a second reading would now fail the job
    done = jobs.run(job.id)
    assert done is not None
    assert done.status == JobStatus.SUCCEEDED, done.error
    assert done.attempts == 2
    assert done.result is not None
    assert done.result["resumed"] is True
    assert done.result["import_id"] == row.id
    assert done.result["files"][0]["imported"] == 30
    assert done.result["after"] == {"index_job": None}
    assert len(_import_rows(workspace)) == 1  # no second import
    assert count(workspace, t.accounts) == 30


def test_a_retried_job_records_its_dead_attempt_as_interrupted(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = creators_file(tmp_path / "ig-2026-10-01.csv", 5)
    jobs = JobService(SqlJobStore(workspace.engine), ListQueue())
    jobs.register(IMPORT, import_handler(workspace.importer))
    job = submit_import(jobs, [path], ImportOptions())
    # the first attempt's import, left running by a process that died
    dead = workspace.import_log.start_import("creators", [], job_id=job.id)
    workspace.import_log.stop_beating(dead)
    done = jobs.run(job.id)
    assert done is not None
    assert done.status == JobStatus.SUCCEEDED, done.error
    statuses = {row.id: row.status for row in _import_rows(workspace)}
    assert statuses[dead] == "interrupted"
    assert sorted(statuses.values()) == ["interrupted", "succeeded"]


def test_background_no_index_queues_no_index_job(
    cli_worker: Workspace,  # noqa: F811 - the fixture
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    ws = str(cli_worker.settings.workspace)
    good = creators_file(tmp_path / "ig-2026-10-01.csv", 10)
    result = runner.invoke(app, ["-w", ws, "import", str(good), "--background", "--no-index"])
    assert result.exit_code == 0, result.output
    jobs = cli_worker.jobs.recent(10)
    assert [job.kind for job in jobs] == ["import"]
    assert jobs[0].result is not None
    assert "after" not in jobs[0].result
