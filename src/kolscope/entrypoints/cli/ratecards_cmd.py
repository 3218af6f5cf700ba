"""``kolscope ratecards``: the workspace's rate card (fee ranges per platform, tier and
deliverable), edited a cell at a time or from a file, and the model fitted on agreed fees."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.markup import escape
from rich.table import Table

from kolscope.domain.quantities import format_count
from kolscope.entrypoints.cli.context import CliState, fail, state
from kolscope.planning.facade import FILE_COLUMNS, CardCell, RateCardError

ratecards = typer.Typer(
    help="The rate card: fee ranges per platform, tier and deliverable (THB).",
    no_args_is_help=True,
)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
DEFAULT_SOURCE = (
    "discovery's price estimate (kolscope.discovery.scoring.price) at each tier's representative "
    "follower count, times a factor per deliverable (docs/planning.md, Rate cards)"
)


def _refused(cli: CliState, error: RateCardError) -> NoReturn:
    fail(cli, escape("\n".join(str(p) for p in error.problems)))


def _baht(value: float) -> str:
    return f"{value:,.0f}"


def _table(cells: list[CardCell]) -> Table:
    table = Table("platform", "tier", "deliverable", "low THB", "high THB", "source", box=None)
    for cell in cells:
        table.add_row(
            cell.platform,
            cell.tier,
            cell.deliverable.value,
            _baht(cell.low_thb),
            _baht(cell.high_thb),
            cell.source,
        )
    return table


@ratecards.command("show")
def show(
    ctx: typer.Context,
    platform: Annotated[str | None, typer.Option(help="Only this platform's cells.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The rate card: the default card with the workspace's edits, and each cell's source."""
    cli = state(ctx)
    service = cli.workspace().rate_cards
    try:
        cells = service.show(service.organisation_for_cli(), platform)
    except RateCardError as error:
        _refused(cli, error)
    if as_json:
        payload = {
            "default_source": DEFAULT_SOURCE,
            "cells": [cell.to_dict() for cell in cells],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    cli.out.print(_table(cells), markup=False, highlight=False)
    edited = sum(1 for c in cells if c.source == "workspace")
    cli.out.print(f"{len(cells)} cells, {edited} set by the workspace; default: {DEFAULT_SOURCE}")


@ratecards.command("set")
def set_cell(
    ctx: typer.Context,
    platform: Annotated[str, typer.Argument(help="instagram, tiktok, youtube, ...")],
    tier: Annotated[str, typer.Argument(help="nano, micro, mid, macro or mega.")],
    deliverable: Annotated[str, typer.Argument(help="post, short_video, story, ...")],
    low: Annotated[str, typer.Argument(metavar="LOW_THB", help="The low end, in baht.")],
    high: Annotated[str, typer.Argument(metavar="HIGH_THB", help="The high end, in baht.")],
) -> None:
    """Set one cell of the workspace's rate card (replaces the default for that cell)."""
    cli = state(ctx)
    service = cli.workspace().rate_cards
    try:
        cell = service.set(service.organisation_for_cli(), platform, tier, deliverable, low, high)
    except RateCardError as error:
        _refused(cli, error)
    cli.out.print(
        f"{cell.platform} {cell.tier} {cell.deliverable.value}: "
        f"{_baht(cell.low_thb)}-{_baht(cell.high_thb)} THB",
        markup=False,
    )


@ratecards.command("import")
def import_file(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(help=f"A .csv or .xlsx with the columns {', '.join(FILE_COLUMNS)}."),
    ],
) -> None:
    """Set many cells from a CSV or XLSX file: all of them, or none when any row is wrong."""
    cli = state(ctx)
    service = cli.workspace().rate_cards
    try:
        cells = service.import_file(service.organisation_for_cli(), file)
    except RateCardError as error:
        _refused(cli, error)
    cli.out.print(f"set {len(cells)} cells from {file}", markup=False)


@ratecards.command("fitted")
def fitted(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """What the fees agreed in campaigns say about the card: the fitted model and its spread."""
    cli = state(ctx)
    service = cli.workspace().rate_cards
    found = service.fitted(service.organisation_for_cli())
    if as_json:
        typer.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return
    for line in found.said:
        cli.out.print(str(line), markup=False)
    if found.model is None:
        return
    moved = {k: v for k, v in found.model.factors().items() if abs(v - 1) >= 0.005}
    table = Table("part", "factor on the card", box=None)
    for name, factor in moved.items():
        table.add_row(name, f"×{factor:.2f}")
    cli.out.print(table, markup=False, highlight=False)


@ratecards.command("fee")
def fee(
    ctx: typer.Context,
    platform: Annotated[str, typer.Argument(help="instagram, tiktok, youtube, ...")],
    followers: Annotated[int, typer.Argument(help="The creator's followers.")],
    deliverable: Annotated[str, typer.Argument(help="post, short_video, story, ...")],
    quote: Annotated[
        float | None, typer.Option(help="The creator's own quote (THB): it wins.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """What one deliverable of a creator with this many followers costs, and why."""
    cli = state(ctx)
    service = cli.workspace().rate_cards
    try:
        found = service.fee_for(
            service.organisation_for_cli(), platform, followers, deliverable, quote
        )
    except RateCardError as error:
        _refused(cli, error)
    if as_json:
        payload = {
            "value_thb": found.value_thb,
            "low_thb": found.low_thb,
            "high_thb": found.high_thb,
            "source": found.source,
            "basis": found.basis.to_dict(),
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    cli.out.print(
        f"{_baht(found.value_thb)} THB ({_baht(found.low_thb)}-{_baht(found.high_thb)}) for "
        f"{format_count(followers)} followers: {found.basis}",
        markup=False,
    )
