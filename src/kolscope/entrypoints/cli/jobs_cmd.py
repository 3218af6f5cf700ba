"""``kolscope worker`` runs background jobs; ``kolscope jobs`` lists, shows and waits for them."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from kolscope.entrypoints.cli.context import CliState, fail, state
from kolscope.entrypoints.cli.job_views import (
    JOB_FAILED,
    follow,
    job_dict,
    progress_text,
    show_import_result,
)
from kolscope.jobs.facade import JobStatus, JobView

jobs = typer.Typer(
    help="Background jobs (imports and other long work): list them, show one, wait for one.",
    no_args_is_help=True,
)

STATUS_STYLE = {
    JobStatus.QUEUED: "cyan",
    JobStatus.RUNNING: "yellow",
    JobStatus.SUCCEEDED: "green",
    JobStatus.FAILED: "red",
}


def _echo_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _status(job: JobView) -> str:
    return f"[{STATUS_STYLE[job.status]}]{job.status.value}[/]"


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def _job(cli: CliState, job_id: int) -> JobView:
    found = cli.workspace().jobs.get(job_id)
    if found is None:
        fail(cli, f"there is no job #{job_id} (kolscope jobs list shows the recent ones)")
    return found


@jobs.command("list")
def list_jobs(
    ctx: typer.Context,
    limit: Annotated[
        int, typer.Option(min=1, metavar="N", help="How many of the latest jobs.")
    ] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The latest jobs, newest first."""
    cli = state(ctx)
    found = cli.workspace().jobs.recent(limit)
    if as_json:
        _echo_json([job_dict(job, full=False) for job in found])
        return
    if not found:
        cli.out.print("no jobs yet (kolscope import --background FILE queues one)")
        return
    table = Table("id", "kind", "status", "progress", "created", "title", box=None, pad_edge=False)
    for job in found:
        table.add_row(
            str(job.id),
            job.kind,
            _status(job),
            progress_text(job),
            _local(job.created_at),
            escape(job.title),
        )
    cli.out.print(table)


@jobs.command("show")
def show_job(
    ctx: typer.Context,
    job_id: Annotated[int, typer.Argument(help="The job's number.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON with params and result.")
    ] = False,
) -> None:
    """One job: its state, progress, error and result."""
    cli = state(ctx)
    job = _job(cli, job_id)
    if as_json:
        _echo_json(job_dict(job))
        return
    _show(cli, job)


def _show(cli: CliState, job: JobView) -> None:
    cli.out.print(f"[bold]job #{job.id}[/] {escape(job.title)} ({job.kind}): {_status(job)}")
    rows = [
        ("progress", progress_text(job)),
        ("message", job.message or ""),
        ("attempts", str(job.attempts)),
        ("created", _local(job.created_at)),
        ("started", _local(job.started_at)),
        ("finished", _local(job.finished_at)),
    ]
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column(style="dim")
    table.add_column()
    for label, value in rows:
        if value:
            table.add_row(label, escape(value))
    cli.out.print(table)
    if job.kind == "import" and job.result:
        show_import_result(cli, job.result)
    if job.error:
        cli.err.print(f"[red]error:[/] {escape(job.error)}", highlight=False)


@jobs.command("wait")
def wait_job(
    ctx: typer.Context,
    job_id: Annotated[int, typer.Argument(help="The job's number.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the finished job as JSON.")
    ] = False,
) -> None:
    """Follow a job with a progress bar until it ends: exit 0 if it succeeded, 2 if it failed."""
    cli = state(ctx)
    job = follow(cli, cli.workspace().jobs, job_id, bar=not as_json)
    if as_json:
        _echo_json(job_dict(job))
    else:
        _show(cli, job)
    if job.status == JobStatus.FAILED:
        raise typer.Exit(JOB_FAILED)


def register(app: typer.Typer) -> None:
    @app.command("worker")
    def worker(
        ctx: typer.Context,
        workers: Annotated[
            int, typer.Option(min=1, metavar="N", help="How many jobs to run at once.")
        ] = 2,
        processes: Annotated[
            bool,
            typer.Option(
                "--processes",
                help="Run jobs in worker processes instead of threads (uses several cores).",
            ),
        ] = False,
    ) -> None:
        """Run background jobs until stopped. Ctrl+C lets the running jobs finish first; a job
        cut short (kill, crash) is taken up again by a worker once its heartbeat is stale."""
        cli = state(ctx)
        workspace = cli.workspace()
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        logging.getLogger("alembic").setLevel(logging.WARNING)
        kind = "processes" if processes else "threads"
        cli.out.print(
            f"kolscope worker: {workers} {kind} on {workspace.jobs.queue_description()}; workspace "
            f"{workspace.settings.workspace} ({workspace.database}). Ctrl+C stops.",
            highlight=False,
        )
        workspace.run_worker(workers=workers, processes=processes)
