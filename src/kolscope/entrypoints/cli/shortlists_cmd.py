"""``kolscope shortlists``: named lists of creators with notes, exports, saved searches."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kolscope.discovery.facade import (
    ExportError,
    SearchError,
    export_table,
    hit_dict,
    write_table,
)
from kolscope.domain.quantities import format_count
from kolscope.entrypoints.cli.context import fail, state
from kolscope.entrypoints.cli.search_cmd import HeadersOpt, check_headers

shortlists = typer.Typer(
    help="Shortlists of creators (with notes) and saved searches.", no_args_is_help=True
)


@shortlists.command("list")
def list_shortlists(ctx: typer.Context) -> None:
    """Every shortlist, with how many creators it holds, and the saved searches."""
    cli = state(ctx)
    service = cli.workspace().shortlists
    org = service.organisation_for_cli()
    table = Table("shortlist", "creators", "updated", box=None, pad_edge=False)
    for item in service.lists(org):
        table.add_row(item.name, str(item.entries), item.updated_at.date().isoformat())
    cli.out.print(table, markup=False)
    saved = service.searches(org)
    if saved:
        cli.out.print("saved searches: " + ", ".join(s.name for s in saved), markup=False)


@shortlists.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The shortlist (made if new).")],
    references: Annotated[
        list[str], typer.Argument(metavar="PLATFORM:HANDLE...", help="Creators to add.")
    ],
    note: Annotated[str | None, typer.Option(help="A note kept with each creator.")] = None,
) -> None:
    """Add creators to a shortlist (a creator already on it gets the new note)."""
    cli = state(ctx)
    service = cli.workspace().shortlists
    try:
        added, updated = service.add(name, references, service.organisation_for_cli(), note=note)
    except SearchError as error:
        fail(cli, str(error))
    cli.out.print(f"{name}: {added} added, {updated} already there", markup=False)


@shortlists.command("remove")
def remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The shortlist.")],
    reference: Annotated[str, typer.Argument(metavar="PLATFORM:HANDLE")],
) -> None:
    """Take a creator off a shortlist."""
    cli = state(ctx)
    service = cli.workspace().shortlists
    try:
        removed = service.remove(name, reference, service.organisation_for_cli())
    except SearchError as error:
        fail(cli, str(error))
    if not removed:
        fail(cli, f"{reference} is not on {name!r}")
    cli.out.print(f"removed {reference} from {name}", markup=False)


@shortlists.command("show")
def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The shortlist.")],
    scheme: Annotated[str | None, typer.Option(help="Tier scheme for the tier column.")] = None,
    export: Annotated[
        Path | None, typer.Option(help="Write the shortlist to this .csv or .xlsx.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    headers: HeadersOpt = "keys",
) -> None:
    """Show a shortlist's creators with their notes; export it as CSV or XLSX."""
    cli = state(ctx)
    workspace = cli.workspace()
    service = workspace.shortlists
    try:
        entries = service.entries(name, service.organisation_for_cli())
        hits = workspace.discovery.hits_for([e.account_id for e in entries], scheme)
    except (SearchError, ValueError) as error:
        fail(cli, str(error))
    notes = {e.account_id: e.note for e in entries}
    if export is not None:
        columns, rows = export_table(hits, labels=check_headers(cli, headers), notes=notes)
        try:
            written = write_table(export, columns, rows, title=name)
        except ExportError as error:
            fail(cli, str(error))
        cli.err.print(f"wrote {written} rows to {export}")
    if as_json:
        results = [{**hit_dict(h), "note": notes.get(h.row.account_id)} for h in hits]
        payload = {"shortlist": name, "synthetic": workspace.config.synthetic, "results": results}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table("creator", "followers", "tier", "type", "niches", "note", box=None)
    for hit in hits:
        table.add_row(
            hit.reference,
            format_count(hit.row.followers),
            hit.tier or "unknown",
            hit.row.creator_type,
            ", ".join(n.niche for n in hit.row.niches[:3]),
            notes.get(hit.row.account_id) or "",
        )
    cli.out.print(table, markup=False, highlight=False)
    if len(hits) < len(entries):
        cli.out.print(
            f"{len(entries) - len(hits)} creators are not in the search index yet "
            "(run `kolscope creators index`)"
        )


@shortlists.command("delete")
def delete_shortlist(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="The shortlist.")]
) -> None:
    """Delete a shortlist (the creators stay in the workspace)."""
    cli = state(ctx)
    service = cli.workspace().shortlists
    try:
        service.delete(name, service.organisation_for_cli())
    except SearchError as error:
        fail(cli, str(error))
    cli.out.print(f"deleted shortlist {name}", markup=False)
