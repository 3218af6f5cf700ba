"""``kolscope attribution``: place every stored order with a creator by the default rules
(``run``), see how an order was placed and what each rule adds up to under any documented model
(``report``), and each creator's clicks, orders and money in a campaign (``creators``)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, Any

import typer
from rich.table import Table

from kolscope.domain.limits import MAX_DAYS
from kolscope.entrypoints.cli.context import CliState, state
from kolscope.entrypoints.cli.links_cmd import JsonOpt, baht, campaign_named, refused
from kolscope.entrypoints.web.api.tracking_schemas import report_dict, results_dict
from kolscope.tracking.facade import DEFAULT_WINDOW_DAYS, MODELS, TrackingError

attribution = typer.Typer(
    help="Attribution: which creator each order goes to, by which rule, and why.",
    no_args_is_help=True,
)


def campaign_names(cli: CliState) -> dict[str, str]:
    """Campaign keys as attribution writes them (the id) -> the campaign's name."""
    workspace = cli.workspace()
    actor = workspace.campaigns.command_line()
    return {str(c.id): c.name for c in workspace.campaigns.campaigns(actor)}


def _print_totals(cli: CliState, totals: dict[str, Any]) -> None:
    table = Table("rule", "orders", "THB", box=None)
    for rule, total in totals["by_rule"].items():
        table.add_row(rule, str(total["orders"]), _thb(total["amount_thb"]))
    for name in ("unattributed", "reversed"):
        total = totals[name]
        table.add_row(name, str(total["orders"]), _thb(total["amount_thb"]))
    cli.out.print(table, markup=False)


def _thb(value: float | None) -> str:
    return baht(None if value is None else Decimal(str(value)))


@attribution.command("run")
def run(ctx: typer.Context) -> None:
    """Place every stored order again by the default rules (after new links, codes or
    clicks), and say how many each rule placed."""
    cli = state(ctx)
    placement = cli.workspace().placement
    count = placement.place_all()
    data = report_dict(placement.report(), campaign_names(cli))
    _print_totals(cli, data["totals"])
    test = count - len(data["orders"])
    cli.out.print(
        f"{count} orders placed" + (f" ({test} test orders kept apart)" if test else ""),
        markup=False,
    )


@attribution.command("report")
def report(
    ctx: typer.Context,
    campaign: Annotated[str | None, typer.Option(help="Only orders placed in it.")] = None,
    model: Annotated[str, typer.Option(help=" | ".join(MODELS))] = "default",
    window: Annotated[
        int | None,
        typer.Option(min=0, max=MAX_DAYS, help=f"Days a click counts ({DEFAULT_WINDOW_DAYS})."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Totals by rule, what stayed unattributed and what was reversed, then every order with
    the rule that placed it and why. A model other than default is shown, not stored."""
    cli = state(ctx)
    chosen = campaign_named(cli, campaign).id if campaign is not None else None
    try:
        found = cli.workspace().placement.report(chosen, model.strip().lower(), window)
    except TrackingError as error:
        refused(cli, error)
    data = report_dict(found, campaign_names(cli))
    if as_json:
        cli.out.print_json(json.dumps(data))
        return
    table = Table("order", "status", "THB", "counts", "rule", "creators", "why", box=None)
    for order in data["orders"]:
        credits = ", ".join(
            f"{c['creator']} {c['share']:.0%}" if c["share"] < 1 else c["creator"]
            for c in order["credits"]
        )
        table.add_row(
            f"{order['source']}:{order['order_id']}", order["status"],
            _thb(order["amount_thb"]), _thb(order["counted_thb"]), order["rule"], credits,
            order["why"],
        )  # fmt: skip
    if data["orders"]:
        cli.out.print(table, markup=False)
    _print_totals(cli, data["totals"])
    cli.out.print(f"model {found.model}, window {found.window_days} days", markup=False)


@attribution.command("creators")
def creators(
    ctx: typer.Context,
    campaign: Annotated[str, typer.Argument(metavar="CAMPAIGN", help="The campaign's name.")],
    as_json: JsonOpt = False,
) -> None:
    """Each creator's clicks (people's; bots and link previews counted apart), orders,
    revenue, commission, fee and what it cost per click and order, and ROAS."""
    cli = state(ctx)
    found = campaign_named(cli, campaign)
    workspace = cli.workspace()
    results = workspace.placement.results(found.id, workspace.tracking.creators(found.id))
    data = results_dict(found.name, results)
    if as_json:
        cli.out.print_json(json.dumps(data))
        return
    table = Table("creator", "clicks", "unique", "bots", "orders", "revenue", "commission",
                  "fee", "CPC", "CPA", "ROAS", box=None)  # fmt: skip
    for row in data["creators"]:
        roas = row["roas"]
        table.add_row(
            row["creator"], str(row["clicks"]), str(row["unique_clicks"]),
            str(row["bot_clicks_excluded"]), str(row["orders"]), _thb(row["revenue_thb"]),
            _thb(row["commission_thb"]), _thb(row["fee_thb"]), _thb(row["cpc_thb"]),
            _thb(row["cpa_thb"]), "-" if roas is None else f"{roas:.2f}",
        )  # fmt: skip
    cli.out.print(table if data["creators"] else "no creators in this campaign", markup=False)
    cli.out.print(data["ctr_note"]["text"], markup=False)
