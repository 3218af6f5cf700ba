"""``kolscope creators search``, ``creators match`` and ``creators index``: discovery."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from kolscope.discovery.facade import (
    ExportError,
    ListFileError,
    SearchError,
    SearchResult,
    export_table,
    read_handles,
    result_dict,
    submit_index,
    write_table,
)
from kolscope.domain.quantities import format_count
from kolscope.domain.team import INSTALLATION
from kolscope.entrypoints.cli.context import CliState, fail, state
from kolscope.entrypoints.cli.job_views import leave_queued
from kolscope.entrypoints.cli.search_options import request_of, search_options

Opt = typer.Option
HEADERS = ("keys", "labels")
HeadersOpt = Annotated[
    str,
    Opt(
        "--headers",
        help="The export's header row: keys (stable machine names and codes) or labels "
        "(names people read, in English).",
    ),
]


def _print(cli: CliState, result: SearchResult, as_json: bool, synthetic: bool) -> None:
    if as_json:
        payload: dict[str, Any] = {"synthetic": synthetic, **result_dict(result)}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if synthetic:
        cli.out.print("[bold magenta]Synthetic demo data[/]: every name and number is made up.")
    for number, hit in enumerate(result.hits, start=result.request.offset + 1):
        row = hit.row
        quality = "" if row.quality_score is None else f"  quality {row.quality_score:.0f}"
        cli.out.print(
            f"{number:>3}. {hit.reference}  {row.display_name or ''}\n"
            f"     {format_count(row.followers)} followers, {hit.tier or 'unknown tier'}"
            f" ({result.scheme.name}), {row.creator_type}, "
            f"{', '.join(n.niche for n in row.niches[:3]) or 'no niche'}{quality}",
            markup=False,
            highlight=False,
        )
        for line in hit.why:
            cli.out.print(f"       · {line}", markup=False, highlight=False)
    total = f"{result.total:,}+" if result.total_capped else f"{result.total:,}"
    cli.out.print(f"{len(result.hits)} shown of {total} matching ({result.indexed:,} indexed)")
    for note in result.notes:
        cli.out.print(f"note: {note}", markup=False, highlight=False)
    if result.indexed == 0:
        cli.out.print("The search index is empty: run `kolscope creators index`.")


def check_headers(cli: CliState, headers: str) -> bool:
    """Whether an export writes labels (``--headers labels``) rather than machine keys."""
    chosen = headers.strip().lower()
    if chosen not in HEADERS:
        fail(cli, f"--headers: one of {', '.join(HEADERS)}")
    return chosen == "labels"


def _export(cli: CliState, result: SearchResult, path: Path | None, headers: str) -> None:
    if path is None:
        return
    columns, rows = export_table(result.hits, labels=check_headers(cli, headers))
    try:
        written = write_table(path, columns, rows, title="search")
    except ExportError as error:
        fail(cli, str(error))
    cli.err.print(f"wrote {written} rows to {path}")


def register(creators: typer.Typer) -> None:
    @creators.command("search")
    @search_options(defaults={"sort": "relevance", "limit": 25, "offset": 0})
    def search(
        ctx: typer.Context,
        *,
        export: Annotated[
            Path | None, Opt(help="Also write the results to this .csv or .xlsx.")
        ] = None,
        headers: HeadersOpt = "keys",
        save: Annotated[str | None, Opt(help="Save this search under a name.")] = None,
        saved: Annotated[
            str | None, Opt(help="Run a saved search (other filters are ignored).")
        ] = None,
        as_json: Annotated[bool, Opt("--json", help="Print JSON.")] = False,
        **fields: Any,
    ) -> None:
        """Find creators by niche, type, place, size, engagement, quality, audience, price,
        words, hashtags, mentions, fans of a brand or likeness; each result says why."""
        cli = state(ctx)
        request = request_of(cli, fields)
        limit, offset = request.limit, request.offset
        workspace = cli.workspace()
        try:
            if saved:
                found = workspace.shortlists.search_named(
                    saved, workspace.shortlists.organisation_for_cli()
                )
                request = replace(found.request, limit=limit, offset=offset)
            result = workspace.discovery.search(request, INSTALLATION)
            if save:
                workspace.shortlists.save_search(
                    save, request, workspace.shortlists.organisation_for_cli()
                )
        except (SearchError, ValueError) as error:
            fail(cli, str(error))
        _print(cli, result, as_json, workspace.config.synthetic)
        _export(cli, result, export, headers)

    @creators.command("match")
    @search_options(
        ("niche", "type", "min_followers", "brand", "target", "limit"),
        defaults={"limit": 100},
        helps={
            "niche": "Only in this niche (repeatable).",
            "min_followers": "At least this many followers.",
        },
    )
    def match(
        ctx: typer.Context,
        file: Annotated[
            Path,
            typer.Argument(
                help="Handles, one per line, or a CSV/XLSX export with a handle column."
            ),
        ],
        *,
        export: Annotated[
            Path | None, Opt(help="Also write the matches to this .csv or .xlsx.")
        ] = None,
        headers: HeadersOpt = "keys",
        as_json: Annotated[bool, Opt("--json", help="Print JSON.")] = False,
        **fields: Any,
    ) -> None:
        """Find creators among a brand's own customers or followers (a list of handles)."""
        cli = state(ctx)
        try:
            handles = read_handles(file)
        except ListFileError as error:
            fail(cli, str(error))
        workspace = cli.workspace()
        sort = "fit" if fields.get("brand") else "followers"
        request = request_of(cli, fields, limit=100, sort=sort)
        try:
            found = workspace.discovery.match_list(handles.handles, request, INSTALLATION)
        except SearchError as error:
            fail(cli, str(error))
        if as_json:
            payload = {
                "synthetic": workspace.config.synthetic,
                "list": {
                    "file": str(file),
                    "rows": handles.rows,
                    "handles": len(handles.handles),
                    "skipped_rows": handles.skipped,
                    "column": handles.column,
                    "accounts_found": found.accounts_found,
                },
                **result_dict(found.result),
            }
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            cli.out.print(
                f"{len(handles.handles):,} handles read from {file.name}"
                + (f" (column {handles.column!r})" if handles.column else "")
                + f"; {handles.skipped:,} rows without a handle skipped; "
                f"{found.accounts_found:,} are creators in the workspace",
                markup=False,
            )
            _print(cli, found.result, False, workspace.config.synthetic)
        _export(cli, found.result, export, headers)

    @creators.command("index")
    def index(
        ctx: typer.Context,
        everything: Annotated[
            bool, Opt("--all", help="Rebuild every account, not only changed ones.")
        ] = False,
        background: Annotated[
            bool, Opt("--background", help="Queue it as a job for a worker instead.")
        ] = False,
    ) -> None:
        """Bring the search index up to date (imports do this by themselves)."""
        cli = state(ctx)
        workspace = cli.workspace()
        if background:
            job = submit_index(workspace.jobs, everything=everything)
            cli.out.print(f"job #{job.id} queued: {job.title}", markup=False)
            leave_queued(cli, job, as_json=False)
            return
        report = workspace.discovery_index.refresh(everything=everything)
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(report.by_type.items())) or "none"
        cli.out.print(
            f"indexed {report.indexed:,} accounts in {report.seconds:.1f} s ({kinds})",
            markup=False,
        )
