"""``kolscope links``: a campaign's destinations (the only addresses its links may lead to),
every creator's tracking link made in bulk, pasted Shopee/Lazada affiliate links carrying the
creator's token, and the links sheet and QR codes for sending to creators. The helpers at the
top are shared with ``codes_cmd`` and ``attribution_cmd``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.markup import escape
from rich.table import Table

from kolscope.discovery.facade import ExportError, write_table
from kolscope.entrypoints.cli.context import CliState, fail, state
from kolscope.entrypoints.web.api.tracking_schemas import (
    chosen_destination,
    creator_ids,
    destination_dict,
    link_dict,
)
from kolscope.planning.facade import Campaign, CampaignError
from kolscope.tracking.facade import (
    LINK_COLUMNS,
    MEDIUMS,
    SHOP_KINDS,
    TrackingError,
)

links = typer.Typer(
    help="Tracking links: one per creator to a registered destination, with QR codes.",
    no_args_is_help=True,
)
destination = typer.Typer(
    help="The addresses a campaign's links may lead to (and nowhere else).",
    no_args_is_help=True,
)
links.add_typer(destination, name="destination")

CampaignArg = Annotated[str, typer.Argument(metavar="CAMPAIGN", help="The campaign's name.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


# shared by the tracking commands -----------------------------------------------------------------


def refused(cli: CliState, error: TrackingError | CampaignError) -> NoReturn:
    """Exit 2 with what tracking or planning said (English; markup in it is shown as text)."""
    where = f" ({error.field})" if isinstance(error, CampaignError) and error.field else ""
    fail(cli, escape(f"{error.message}{where}"))


def campaign_named(cli: CliState, name: str) -> Campaign:
    """The campaign of this name, as the command line (the installation) sees it."""
    service = cli.workspace().campaigns
    try:
        return service.named(service.command_line(), name)
    except CampaignError as error:
        refused(cli, error)


def joined(values: Sequence[str] | None) -> list[str]:
    """Repeated options, each of which may also hold several values separated by commas."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def baht(value: Decimal | None) -> str:
    return "-" if value is None else f"฿{value:,.2f}"


# links ---------------------------------------------------------------------------------------


@destination.command("add")
def destination_add(
    ctx: typer.Context,
    campaign: CampaignArg,
    url: Annotated[str, typer.Argument(help="The shop or landing page (https://…).")],
    label: Annotated[str | None, typer.Option(help="A name for it, e.g. Shop.")] = None,
    shop: Annotated[str | None, typer.Option(help=" | ".join(SHOP_KINDS))] = None,
) -> None:
    """Register an address the campaign's links may lead to (--shop shopify adds ref=)."""
    cli = state(ctx)
    found = campaign_named(cli, campaign)
    try:
        made = cli.workspace().tracking.add_destination(found.id, url, label, shop)
    except TrackingError as error:
        refused(cli, error)
    cli.out.print(f"destination {made.id}: {made.url}", markup=False)


@destination.command("list")
def destination_list(ctx: typer.Context, campaign: CampaignArg, as_json: JsonOpt = False) -> None:
    """The campaign's registered destinations."""
    cli = state(ctx)
    found = campaign_named(cli, campaign)
    known = cli.workspace().tracking.destinations(found.id)
    if as_json:
        cli.out.print_json(json.dumps([destination_dict(d) for d in known]))
        return
    table = Table("id", "url", "label", "shop", box=None)
    for d in known:
        table.add_row(str(d.id), d.url, d.label or "", d.shop_kind or "")
    cli.out.print(table if known else "no destinations yet", markup=False)


@links.command("make")
def make(
    ctx: typer.Context,
    campaign: CampaignArg,
    to: Annotated[
        str | None,
        typer.Option("--destination", help="Its number or address (default: the only one)."),
    ] = None,
    medium: Annotated[str, typer.Option(help=" | ".join(MEDIUMS))] = "influencer",
    creator: Annotated[
        list[str] | None, typer.Option(help="Only these (platform:handle); repeat.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """A tracking link for every creator of the campaign (or those named) who has none to the
    destination yet: short code, UTM tags and a token each."""
    cli = state(ctx)
    found = campaign_named(cli, campaign)
    tracking = cli.workspace().tracking
    try:
        target = chosen_destination(found, tracking.destinations(found.id), to)
        named = joined(creator)
        ids = creator_ids(found, tracking.creators(found.id), named) if named else None
        made = tracking.make_links(found.id, target.id, medium, ids)
    except TrackingError as error:
        refused(cli, error)
    if as_json:
        cli.out.print_json(json.dumps([link_dict(k, found.name) for k in made]))
        return
    for k in made:
        cli.out.print(f"{k.reference}: {k.short_url}", markup=False)
    cli.out.print(f"{len(made)} links made to {target.url}", markup=False)


@links.command("paste")
def paste(
    ctx: typer.Context,
    campaign: CampaignArg,
    creator: Annotated[str, typer.Argument(metavar="CREATOR_REF", help="platform:handle")],
    url: Annotated[str, typer.Argument(help="The creator's Shopee or Lazada affiliate link.")],
    slot: Annotated[int, typer.Option(min=1, max=6, help="The sub-id slot for the token.")] = 1,
) -> None:
    """Keep a creator's marketplace affiliate link, their token in its sub-id, behind a short
    link like any other."""
    cli = state(ctx)
    found = campaign_named(cli, campaign)
    tracking = cli.workspace().tracking
    try:
        account = creator_ids(found, tracking.creators(found.id), [creator])[0]
        made = tracking.paste_link(found.id, account, url, slot)
    except TrackingError as error:
        refused(cli, error)
    cli.out.print(f"{made.reference}: {made.short_url} (token {made.token})", markup=False)


@links.command("list")
def list_links(ctx: typer.Context, campaign: CampaignArg, as_json: JsonOpt = False) -> None:
    """The campaign's live links."""
    cli = state(ctx)
    found = campaign_named(cli, campaign)
    made = cli.workspace().tracking.links(found.id)
    if as_json:
        cli.out.print_json(json.dumps([link_dict(k, found.name) for k in made]))
        return
    table = Table("creator", "code", "short link", "medium", "leads to", box=None)
    for k in made:
        table.add_row(k.reference, k.code, k.short_url, k.marketplace or k.medium, k.target)
    cli.out.print(table if made else "no links yet (kolscope links make)", markup=False)


@links.command("delete")
def delete(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="The link's short code.")],
) -> None:
    """Retire a link: its short address answers "not found" from now on; its clicks stay."""
    cli = state(ctx)
    try:
        cli.workspace().tracking.delete_link(code)
    except TrackingError as error:
        refused(cli, error)
    cli.out.print(f"link {code} deleted", markup=False)


OutOpt = Annotated[Path, typer.Option("--out", help="The file to write.", dir_okay=False)]


@links.command("export")
def export(ctx: typer.Context, campaign: CampaignArg, out: OutOpt) -> None:
    """The links sheet (.csv or .xlsx): creator, short code and link, tracking URL, promo code."""
    cli = state(ctx)
    found = campaign_named(cli, campaign)
    try:
        rows = cli.workspace().tracking.link_rows(found.id)
        count = write_table(out, LINK_COLUMNS, rows, title=found.name)
    except TrackingError as error:
        refused(cli, error)
    except ExportError as error:
        fail(cli, escape(str(error)))
    cli.out.print(f"{count} links written to {out}", markup=False)


@links.command("qr")
def qr(ctx: typer.Context, campaign: CampaignArg, out: OutOpt) -> None:
    """A ZIP of every live link's QR code, PNG and SVG."""
    cli = state(ctx)
    if out.suffix.lower() != ".zip":
        fail(cli, escape(f"{out}: the QR codes are written to a .zip file (out)"))
    found = campaign_named(cli, campaign)
    try:
        data = cli.workspace().tracking.qr_zip(found.id)
    except TrackingError as error:
        refused(cli, error)
    write_bytes(cli, out, data)
    count = len(cli.workspace().tracking.links(found.id))
    cli.out.print(f"QR codes of {count} links written to {out}", markup=False)


def write_bytes(cli: CliState, path: Path, data: bytes) -> None:
    """Write a file whole or not at all (a temporary file renamed into place)."""
    if not path.parent.is_dir():
        fail(cli, escape(f"{path}: the folder {str(path.parent)!r} does not exist (out)"))
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        fail(cli, escape(f"{path}: cannot write ({error.strerror or error}) (out)"))
