"""``kolscope codes``: a personal promo code for every creator of a campaign from a pattern
(unique across the workspace and against the shop's own codes, which ``import-shop`` reads),
and the files the Shopify discount import and the WooCommerce coupon import take."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from kolscope.discovery.facade import ExportError, write_table
from kolscope.entrypoints.cli.context import CliState, fail, state
from kolscope.entrypoints.cli.links_cmd import (
    JsonOpt,
    campaign_named,
    joined,
    refused,
)
from kolscope.entrypoints.web.api.tracking_schemas import code_dict, creator_ids
from kolscope.tracking.facade import (
    SHOPIFY_COLUMNS,
    WOOCOMMERCE_COLUMNS,
    TrackingError,
    said_cli,
)

codes = typer.Typer(
    help="Promo codes: one per creator from a pattern, never clashing with the shop's.",
    no_args_is_help=True,
)
# First cells that name the column rather than hold a code (skipped when reading a shop's file).
HEADERS = frozenset({"code", "codes", "discount code", "coupon", "coupon code", "name", "title"})
MAX_SHOP_FILE = 50 * 1024 * 1024  # bytes: far more codes than any shop has


def _day(cli: CliState, text: str | None, name: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        fail(cli, escape(f"{text!r} is not a date (YYYY-MM-DD) ({name})"))


@codes.command("make")
def make(
    ctx: typer.Context,
    campaign: Annotated[str, typer.Argument(metavar="CAMPAIGN", help="The campaign's name.")],
    pattern: Annotated[str, typer.Option(help="{HANDLE}, {NAME} and {N}, e.g. '{HANDLE}10'.")],
    percent: Annotated[str | None, typer.Option(help="Percent off (1-100).")] = None,
    thb: Annotated[str | None, typer.Option(help="Baht off.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Uses in all (default: none).")] = None,
    many_per_customer: Annotated[
        bool, typer.Option("--many-per-customer", help="A customer may use it more than once.")
    ] = False,
    starts: Annotated[str | None, typer.Option(help="First day (2026-12-01).")] = None,
    ends: Annotated[str | None, typer.Option(help="Last day (2026-12-31).")] = None,
    creator: Annotated[
        list[str] | None, typer.Option(help="Only these (platform:handle); repeat.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """A promo code for every creator of the campaign (or those named) without one: --percent
    or --thb off, with a usage limit and dates when given."""
    cli = state(ctx)
    if (percent is None) == (thb is None):
        fail(cli, "say how much off: --percent or --thb (one of them) (percent)")
    kind, value = ("percent", percent) if percent is not None else ("thb", thb)
    first, last = _day(cli, starts, "starts"), _day(cli, ends, "ends")
    found = campaign_named(cli, campaign)
    tracking = cli.workspace().tracking
    try:
        named = joined(creator)
        ids = creator_ids(found, tracking.creators(found.id), named) if named else None
        made = tracking.make_codes(
            found.id, pattern, kind, value or "", usage_limit=limit,
            once_per_customer=not many_per_customer, starts=first, ends=last, account_ids=ids,
        )  # fmt: skip
    except TrackingError as error:
        refused(cli, error)
    if as_json:
        cli.out.print_json(json.dumps([code_dict(c, found.name) for c in made]))
        return
    for c in made:
        cli.out.print(f"{c.reference}: {c.code}", markup=False)
    cli.out.print(f"{len(made)} codes made", markup=False)


def shop_codes(cli: CliState, path: Path) -> list[str]:
    """The codes in a shop's file: a TXT with one code a line, or a CSV whose first column
    holds them (a header cell such as "code" is skipped)."""
    try:
        if path.stat().st_size > MAX_SHOP_FILE:
            fail(cli, escape(f"{path}: larger than {MAX_SHOP_FILE // 1024 // 1024} MB (file)"))
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        fail(cli, escape(f"{path}: cannot read it as UTF-8 text ({error}) (file)"))
    found = [row[0].strip() for row in csv.reader(text.splitlines()) if row and row[0].strip()]
    if found and found[0].casefold() in HEADERS:
        found = found[1:]
    return found


@codes.command("import-shop")
def import_shop(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="A CSV (codes in the first column) or TXT (one a line).",
            exists=True,
            dir_okay=False,
        ),
    ],
) -> None:
    """Remember the codes the shop already has, so codes made later never clash with them."""
    cli = state(ctx)
    found = shop_codes(cli, file)
    if not found:
        fail(cli, escape(str(said_cli.NO_SHOP_CODES(file=str(file)))))
    added = cli.workspace().tracking.import_shop_codes(found)
    cli.out.print(f"{len(found)} codes read, {added} new to kolscope", markup=False)


@codes.command("list")
def list_codes(
    ctx: typer.Context,
    campaign: Annotated[
        str | None, typer.Argument(metavar="[CAMPAIGN]", help="Only this campaign's codes.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Promo codes: the campaign's, or every code kolscope knows (the shop's too)."""
    cli = state(ctx)
    workspace = cli.workspace()
    if campaign is not None:
        found = campaign_named(cli, campaign)
        known = workspace.tracking.codes(found.id)
        names = {found.id: found.name}
    else:
        known = workspace.tracking.codes()
        actor = workspace.campaigns.command_line()
        names = {c.id: c.name for c in workspace.campaigns.campaigns(actor)}
    rows = [code_dict(c, names.get(c.campaign_id) if c.campaign_id else None) for c in known]
    if as_json:
        cli.out.print_json(json.dumps(rows))
        return
    table = Table("code", "creator", "campaign", "off", "limit", "from", box=None)
    for row in rows:
        off = f"{row['value']:g}%" if row["kind"] == "percent" else f"฿{row['value']:,.2f}"
        table.add_row(
            row["code"], row["creator"] or "", row["campaign"] or "",
            off if row["origin"] == "kolscope" else "", str(row["usage_limit"] or ""),
            row["origin"],
        )  # fmt: skip
    cli.out.print(table if rows else "no codes yet (kolscope codes make)", markup=False)


@codes.command("export")
def export(
    ctx: typer.Context,
    campaign: Annotated[str, typer.Argument(metavar="CAMPAIGN", help="The campaign's name.")],
    format: Annotated[str, typer.Option("--format", help="shopify | woocommerce")],
    out: Annotated[Path, typer.Option("--out", help="The .csv file to write.", dir_okay=False)],
) -> None:
    """The campaign's codes as the Shopify discount import or the WooCommerce coupon import
    reads them (columns in docs/tracking.md)."""
    cli = state(ctx)
    chosen = format.strip().lower()
    if chosen not in ("shopify", "woocommerce"):
        fail(cli, escape(f"{format!r}: say shopify or woocommerce (format)"))
    if out.suffix.lower() != ".csv":
        fail(cli, escape(f"{out}: shops import codes from a .csv file (out)"))
    found = campaign_named(cli, campaign)
    tracking = cli.workspace().tracking
    try:
        if chosen == "shopify":
            count = write_table(out, SHOPIFY_COLUMNS, tracking.shopify_rows(found.id))
        else:
            count = write_table(out, WOOCOMMERCE_COLUMNS, tracking.woocommerce_rows(found.id))
    except TrackingError as error:
        refused(cli, error)
    except ExportError as error:
        fail(cli, escape(str(error)))
    cli.out.print(f"{count} codes written to {out} for {chosen}", markup=False)
