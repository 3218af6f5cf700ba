"""Jobs in the terminal: as JSON-ready dicts, an import job's report, and a progress bar that
follows a job until it ends (``kolscope jobs wait`` and ``kolscope import --background``)."""

from __future__ import annotations

import json
import time
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from kolscope.entrypoints.cli.context import CliState, fail, progress_bar
from kolscope.jobs.facade import JobService, JobStatus, JobView

JOB_FAILED = 2  # exit code of a job that failed, like an import that wrote nothing
POLL_SECONDS = 0.3
HINT_AFTER_SECONDS = 5.0
SHOWN_PROBLEMS = 20


def _when(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def job_dict(job: JobView, *, full: bool = True) -> dict[str, Any]:
    """A job as JSON (``full``: with its params and result)."""
    data: dict[str, Any] = {
        "id": job.id,
        "kind": job.kind,
        "title": job.title,
        "status": job.status.value,
        "percent": job.percent,
        "progress_done": job.progress_done,
        "progress_total": job.progress_total,
        "message": job.message,
        "error": job.error,
        # the coded forms ({"code", "params", "text"}) of title, note (message) and error
        "title_message": job.title_said.to_dict(),
        "note_message": job.note_said.to_dict() if job.note_said else None,
        "error_message": job.error_said.to_dict() if job.error_said else None,
        "attempts": job.attempts,
        "user_id": job.user_id,
        "created_at": _when(job.created_at),
        "started_at": _when(job.started_at),
        "finished_at": _when(job.finished_at),
        "heartbeat_at": _when(job.heartbeat_at),
    }
    if full:
        data["params"] = job.params
        data["result"] = job.result
    return data


def progress_text(job: JobView) -> str:
    if job.status == JobStatus.QUEUED:
        return "waiting for a worker"
    if job.progress_total:
        return f"{job.progress_done:,} of {job.progress_total:,} ({job.percent}%)"
    if job.progress_done:
        return f"{job.progress_done:,}"
    return ""


def leave_queued(cli: CliState, job: JobView, *, as_json: bool) -> None:
    """``--no-wait``: say which job was queued (JSON for machines) and how to follow it."""
    if as_json:
        typer.echo(json.dumps({"job_id": job.id, "status": job.status.value}))
    else:
        cli.out.print(f"follow it with: kolscope jobs wait {job.id}", highlight=False)


def follow(cli: CliState, jobs: JobService, job_id: int, *, bar: bool = True) -> JobView:
    """Poll the job and draw its progress until it ends; Ctrl+C stops watching (exit 130),
    not the job."""
    job = jobs.get(job_id)
    if job is None:
        fail(cli, f"there is no job #{job_id} (kolscope jobs list shows the recent ones)")
    started = time.monotonic()
    hinted = False
    try:
        with progress_bar(cli, spinner=True, note=True, disable=not bar) as progress:
            task = progress.add_task(escape(job.title), total=None, note="")
            while not job.finished:
                waiting = job.status == JobStatus.QUEUED
                note = escape(job.message or ("waiting for a worker" if waiting else ""))
                if job.progress_total:
                    progress.update(task, total=job.progress_total, completed=job.progress_done)
                else:
                    progress.update(task, completed=job.progress_done)
                progress.update(task, note=note)
                if (
                    bar
                    and not hinted
                    and job.status == JobStatus.QUEUED
                    and time.monotonic() - started > HINT_AFTER_SECONDS
                ):
                    progress.console.print(
                        f"job #{job_id} is waiting for a worker: start one with `kolscope "
                        "worker` (same workspace and settings)",
                        highlight=False,
                    )
                    hinted = True
                time.sleep(POLL_SECONDS)
                found = jobs.get(job_id)
                assert found is not None
                job = found
    except KeyboardInterrupt:
        cli.err.print(
            f"stopped watching; job #{job_id} goes on (kolscope jobs wait {job_id})",
            highlight=False,
        )
        raise typer.Exit(130) from None
    return job


def show_import_result(cli: CliState, result: dict[str, Any]) -> None:
    """An import job's report, as ``kolscope import`` prints it."""
    table = Table(
        "file", "rows", "imported", "new", "updated", "repeats", "rejected", "skipped lines",
        box=None, pad_edge=False,
    )  # fmt: skip
    files: list[dict[str, Any]] = result.get("files") or []
    for item in files:
        skipped = int(item.get("blank_rows", 0)) + int(item.get("repeated_headers", 0))
        table.add_row(
            str(item.get("file", "")).rsplit("/", 1)[-1],
            *(
                str(item.get(key, 0))
                for key in ("rows_read", "imported", "created", "updated", "duplicates")
            ),
            str(item.get("rejected", 0)),
            str(skipped),
        )
    if files:
        cli.out.print(table)
    for item in files:
        name = str(item.get("file", "")).rsplit("/", 1)[-1]
        for warning in (item.get("warnings") or [])[:10]:
            cli.out.print(f"[yellow]warning:[/] {escape(f'{name}, {warning}')}", highlight=False)
    shown = 0
    for item in files:
        for problem in item.get("problems") or []:
            if shown < SHOWN_PROBLEMS:
                cli.err.print(f"[red]error:[/] {escape(str(problem))}", highlight=False)
            shown += 1
    total = int(result.get("problem_count") or 0)
    if total > SHOWN_PROBLEMS:
        cli.err.print(f"[red]… {total} problems in all[/] (kolscope jobs show ID --json)")
