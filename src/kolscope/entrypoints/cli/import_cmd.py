"""``kolscope import``: bring creators, posts, comments, audiences and follower samples in;
a Shopee, Lazada or TikTok Shop affiliate report goes to the orders instead (found from its
columns, or named with ``--kind``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from kolscope.catalogue.facade import (
    FilePlan,
    ImportFileError,
    ImportKind,
    ImportOptions,
    ImportReport,
)
from kolscope.domain.creators import parse_account_reference
from kolscope.domain.dates import parse_date
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.entrypoints.cli.context import CliState, fail, progress_bar, state
from kolscope.entrypoints.cli.import_run import import_reports, run_in_foreground, split_reports
from kolscope.tracking.facade import REPORT_KINDS

SHOWN_PROBLEMS = 20


def _mapping(cli: CliState, pairs: list[str]) -> dict[str, str | None]:
    mapping: dict[str, str | None] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip():
            fail(cli, f"--map {pair!r}: write FIELD=COLUMN (for example followers=Subscribers)")
        mapping[field.strip()] = column.strip() or None
    return mapping


def _show_plan(cli: CliState, plan: FilePlan, *, preview: bool) -> None:
    platform = plan.platform.value if plan.platform else "per row"
    cli.out.print(
        f"[bold]{plan.name}[/]: {plan.kind.value} ({plan.kind_reason}); platform {platform}"
        f"{f' ({plan.platform_reason})' if plan.platform_reason else ''}; "
        f"as of {plan.as_of.isoformat()} ({plan.as_of_reason})",
        highlight=False,
    )
    table = Table("#", "column", "field", "how", "note", "examples", box=None, pad_edge=False)
    for column in plan.columns:
        style = "dim" if column.field is None else ""
        table.add_row(
            str(column.index + 1),
            column.header,
            column.field or "–",
            column.how,
            str(column.note or ""),
            ", ".join(column.samples),
            style=style,
        )
    cli.out.print(table)
    for warning in plan.warnings:
        cli.out.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if preview and plan.preview:
        cli.out.print("[bold]preview[/] (first rows as they will be stored):")
        for row in plan.preview:
            cli.out.print(
                json.dumps(row, ensure_ascii=False, default=str), highlight=False, markup=False
            )


def _show_report(cli: CliState, report: ImportReport) -> None:
    table = Table(
        "file",
        "rows",
        "imported",
        "new",
        "updated",
        "repeats",
        "rejected",
        "skipped lines",
        box=None,
        pad_edge=False,
    )
    for item in report.files:
        c = item.counts
        table.add_row(
            item.plan.name,
            str(c.rows_read),
            str(c.imported),
            str(c.created),
            str(c.updated),
            str(c.duplicates),
            str(c.rejected),
            str(c.blank_rows + c.repeated_headers),
        )
    cli.out.print(table)
    for item in report.files:
        for warning in item.counts.warnings[:10]:
            cli.out.print(f"[yellow]warning:[/] {item.plan.name}, {warning}", highlight=False)
        hidden = item.counts.warning_count - min(10, len(item.counts.warnings))
        if hidden > 0:
            cli.out.print(f"[yellow]… and {hidden} more warnings[/] (--json lists 200)")
    shown = 0
    for item in report.files:
        for problem in item.problems:
            if shown < SHOWN_PROBLEMS:
                cli.err.print(f"[red]error:[/] {problem}", highlight=False)
            shown += 1
    if report.problem_count > shown or shown > SHOWN_PROBLEMS:
        cli.err.print(f"[red]… {report.problem_count} problems in all[/] (--json lists them)")
    if report.error and not any(item.problems for item in report.files):
        cli.err.print(f"[red]error:[/] {report.error}", highlight=False)


def _in_background(
    cli: CliState,
    files: list[Path],
    options: ImportOptions,
    *,
    dry_run: bool,
    as_json: bool,
    wait: bool,
    index: bool,
) -> None:
    """``--background``: queue the import as a job, then follow it to the end."""
    from kolscope.catalogue.facade import submit_import
    from kolscope.entrypoints.cli.job_views import (
        JOB_FAILED,
        follow,
        leave_queued,
        show_import_result,
    )
    from kolscope.jobs.facade import JobStatus

    workspace = cli.workspace()
    try:
        job = submit_import(workspace.jobs, files, options, dry_run=dry_run, index=index)
    except Exception as error:  # the queue cannot be reached (Redis down)
        fail(cli, f"could not queue the import on {workspace.jobs.queue_description()}: {error}")
    if not as_json:
        cli.out.print(
            f"job #{job.id} queued: {escape(job.title)} ({workspace.jobs.queue_description()})",
            highlight=False,
        )
    if not wait:
        leave_queued(cli, job, as_json=as_json)
        return
    job = follow(cli, workspace.jobs, job.id, bar=not as_json)
    result = dict(job.result or {})
    if as_json:
        plans = result.pop("plans", [])
        payload = {
            "job_id": job.id,
            "job_status": job.status.value,
            "error": job.error,
            "plans": plans,
            "report": result,
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        show_import_result(cli, result)
        if job.status == JobStatus.SUCCEEDED and result.get("committed"):
            cli.out.print(
                f"[green]imported[/] into {workspace.settings.workspace} "
                f"(import #{result.get('import_id')}, job #{job.id})"
            )
        elif job.status == JobStatus.SUCCEEDED:
            cli.out.print("[green]dry run: every row can be imported[/]; nothing was written")
        else:
            cli.err.print(f"[red]error:[/] {escape(job.error or 'the job failed')}")
            if result.get("problem_count") and not result.get("dry_run"):
                cli.err.print(
                    "nothing was imported (all or nothing). Fix the rows above, map "
                    "columns with --map, or pass --partial to import the good rows."
                )
    if job.status == JobStatus.FAILED:
        raise typer.Exit(JOB_FAILED)


def _update_index(cli: CliState, *, quiet: bool) -> dict[str, Any]:
    """Bring the discovery search index up to date after a foreground import."""
    workspace = cli.workspace()
    if quiet:
        report = workspace.discovery_index.refresh()
    else:
        with progress_bar(cli) as bar:
            task = bar.add_task("search index", total=None)
            report = workspace.discovery_index.refresh(
                progress=lambda done, total: bar.update(task, completed=done, total=total)
            )
    return {"indexed": report.indexed, "seconds": round(report.seconds, 2)}


def _catalogue_kind(cli: CliState, kind: str | None) -> ImportKind | None:
    """``--kind`` as a catalogue kind (None for a marketplace report, or to detect)."""
    if kind is None or kind in REPORT_KINDS:
        return None
    try:
        return ImportKind(kind)
    except ValueError:
        known = [k.value for k in ImportKind] + list(REPORT_KINDS)
        fail(cli, f"--kind {escape(kind)!r}: unknown kind (known: {', '.join(known)})")


def register(app: typer.Typer) -> None:
    @app.command("import")
    def import_files(
        ctx: typer.Context,
        files: Annotated[list[Path], typer.Argument(help="CSV, TSV, JSON, JSONL or XLSX files.")],
        kind: Annotated[
            str | None,
            typer.Option(
                help="What the files hold: creators, posts, comments, audience, followers, or "
                "a marketplace report: shopee, lazada, tiktok-shop (default: detected from "
                "columns and name)."
            ),
        ] = None,
        platform: Annotated[
            str | None,
            typer.Option(
                help="instagram, tiktok, youtube, facebook, x, lemon8, "
                "line, pantip or other (default: detected)."
            ),
        ] = None,
        as_of: Annotated[
            str | None,
            typer.Option(
                "--as-of",
                help="Day the numbers describe, e.g. 2026-11-01 or "
                "1/11/2569 (default: from the file name, else today).",
            ),
        ] = None,
        map_: Annotated[
            list[str] | None,
            typer.Option(
                "--map",
                metavar="FIELD=COLUMN",
                help="Read FIELD from COLUMN (a header or a column number); "
                "FIELD= skips the field. Repeatable.",
            ),
        ] = None,
        dry_run: Annotated[
            bool,
            typer.Option(
                "--dry-run",
                help="Check everything and show the mapping and a preview; write nothing.",
            ),
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
        partial: Annotated[
            bool,
            typer.Option(
                "--partial",
                help="Import the good rows and report each rejected row (default: all or nothing).",
            ),
        ] = False,
        account: Annotated[
            str | None,
            typer.Option(
                help="PLATFORM:HANDLE the file's followers or audience belong to, "
                "when it has no handle column."
            ),
        ] = None,
        encoding: Annotated[
            str | None, typer.Option(help="Text encoding (default: detected; e.g. cp874).")
        ] = None,
        sheet: Annotated[str | None, typer.Option(help="XLSX sheet (default: the first).")] = None,
        source: Annotated[
            str | None, typer.Option(help="Label stored with the snapshots (default: file name).")
        ] = None,
        background: Annotated[
            bool,
            typer.Option(
                "--background",
                help="Run the import as a job on a worker (kolscope worker), print its id and "
                "follow its progress; exit codes as without it.",
            ),
        ] = False,
        no_wait: Annotated[
            bool,
            typer.Option("--no-wait", help="With --background: return once the job is queued."),
        ] = False,
        index: Annotated[
            bool,
            typer.Option(
                "--index/--no-index",
                help="Update the search index after the import (later: kolscope creators index).",
            ),
        ] = True,
    ) -> None:
        """Import files; columns, kind, platform and date are detected and can be overridden."""
        cli = state(ctx)
        catalogue_kind = _catalogue_kind(cli, kind)
        chosen_platform: Platform | None = None
        if platform is not None:
            chosen_platform = parse_platform(platform)
            if chosen_platform is None:
                fail(
                    cli,
                    f"--platform {platform!r}: unknown platform "
                    f"(known: {', '.join(p.value for p in Platform)})",
                )
        day = None
        if as_of is not None:
            try:
                day = parse_date(as_of)
            except ValueError as error:
                fail(cli, f"--as-of: {error}")
        owner = None
        if account is not None:
            try:
                owner = parse_account_reference(account)
            except ValueError as error:
                fail(cli, f"--account: {error}")
        options = ImportOptions(
            kind=catalogue_kind,
            platform=chosen_platform,
            as_of=day,
            mapping=_mapping(cli, map_ or []),
            account=owner,
            encoding=encoding,
            sheet=sheet,
            partial=partial,
            source=source,
        )
        if no_wait and not background:
            fail(cli, "--no-wait goes with --background")
        workspace = cli.workspace()
        reports, files = split_reports(workspace.orders, files, kind)
        if reports and (background or map_ or partial):
            fail(cli, "marketplace reports import in the foreground, all of a file or nothing")
        imported = import_reports(
            cli, workspace.orders, reports, kind, dry_run=dry_run, quiet=as_json
        )
        if not files:
            if as_json:
                typer.echo(json.dumps({"reports": imported}, ensure_ascii=False, indent=2))
            return
        if background:
            _in_background(
                cli,
                files,
                options,
                dry_run=dry_run,
                as_json=as_json,
                wait=not no_wait,
                index=index,
            )
            return
        plans: list[FilePlan] = []
        problems: list[str] = []
        for path in files:
            try:
                plans.extend(workspace.importer.plan([path], options))
            except ImportFileError as error:
                problems.append(str(error))
        if problems:
            if as_json:
                cli.out.print_json(json.dumps({"status": "failed", "problems": problems}))
            for problem in problems:
                cli.err.print(f"[red]error:[/] {problem}", highlight=False)
            raise typer.Exit(2)
        if not as_json:
            for plan in plans:
                _show_plan(cli, plan, preview=dry_run)
        report = run_in_foreground(
            workspace.importer, cli, plans, options, dry_run=dry_run, as_json=as_json
        )
        indexed = _update_index(cli, quiet=as_json) if report.committed and index else None
        if as_json:
            payload = {"plans": [p.to_dict() for p in plans], "report": report.to_dict()}
            if imported:
                payload["reports"] = imported
            if indexed is not None:
                payload["search_index"] = indexed
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        else:
            _show_report(cli, report)
            if report.committed:
                cli.out.print(
                    f"[green]imported[/] into {workspace.settings.workspace} "
                    f"(import #{report.import_id})"
                )
                if indexed is not None:
                    cli.out.print(f"search index: {indexed['indexed']:,} accounts updated")
            elif dry_run and not report.problem_count and not report.error:
                cli.out.print("[green]dry run: every row can be imported[/]; nothing was written")
            else:
                cli.err.print(
                    "nothing was imported (all or nothing). Fix the rows above, map "
                    "columns with --map, or pass --partial to import the good rows."
                )
        if not report.committed and (report.problem_count or report.error):
            raise typer.Exit(2)
