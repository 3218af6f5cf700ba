"""``kolscope orders``: the orders that came in (shop webhooks, marketplace reports, the
conversion API, lead forms) with the creator, campaign and rule attribution placed each with,
their totals per source, and applying stored webhooks now (``process``).

The command line acts as the installation: it sees every organisation's orders."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, NoReturn

import typer
from rich.markup import escape
from rich.table import Table

from kolscope.domain.team import INSTALLATION
from kolscope.entrypoints.cli.context import CliState, fail, state
from kolscope.entrypoints.web.api.order_schemas import order_dict, summary_dict
from kolscope.tracking.facade import ORDER_SOURCES, OrderError

orders = typer.Typer(
    help="Orders in: from shops, marketplace reports, the conversion API and lead forms.",
    no_args_is_help=True,
)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
SourceOpt = Annotated[
    str | None, typer.Option(help=f"Only orders from {', '.join(ORDER_SOURCES)}.")
]
CampaignOpt = Annotated[
    str | None, typer.Option(help="Only orders attribution placed in this campaign (its name).")
]
LimitOpt = Annotated[int | None, typer.Option(min=1, help="At most this many, newest first.")]
TestOpt = Annotated[
    bool, typer.Option("--test", help="The shops' test orders instead (kept apart from sales).")
]


def refused(cli: CliState, error: OrderError) -> NoReturn:
    """Exit 2 with what the order book said (English; markup in it is shown as text)."""
    fail(cli, escape(str(error.message)))


def _baht(value: Decimal | None) -> str:
    return "-" if value is None else f"฿{value:,.2f}"


@orders.command("list")
def list_orders(
    ctx: typer.Context,
    source: SourceOpt = None,
    campaign: CampaignOpt = None,
    test: TestOpt = False,
    limit: Annotated[
        int | None, typer.Option(min=1, help="At most this many, newest first.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Orders newest first, with the creator (platform:handle), campaign and rule that
    placed each one."""
    cli = state(ctx)
    book = cli.workspace().orders
    try:
        found = book.orders(INSTALLATION, source=source, campaign=campaign, test=test, limit=limit)
    except OrderError as error:
        refused(cli, error)
    if as_json:
        typer.echo(json.dumps([order_dict(o) for o in found], ensure_ascii=False, indent=2))
        return
    table = Table("order", "source", "status", "ordered", "THB", "commission", "creator",
                  "campaign", "rule", box=None, pad_edge=False)  # fmt: skip
    for order in found:
        table.add_row(
            order.order_id, order.source, order.status, order.ordered_at.date().isoformat(),
            _baht(order.amount_thb) if order.currency == "THB" else f"{order.amount} "
            f"{order.currency}", _baht(order.commission_thb), order.creator or "-",
            order.campaign or "-", order.rule or "-",
        )  # fmt: skip
    cli.out.print(table, markup=False)
    cli.out.print(f"{len(found):,} orders", markup=False)


@orders.command("summary")
def summary(
    ctx: typer.Context,
    source: SourceOpt = None,
    campaign: CampaignOpt = None,
    test: TestOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Per source: orders, what the counted ones (paid and pending, in THB) are worth and
    earn, and how many are in each status."""
    cli = state(ctx)
    book = cli.workspace().orders
    try:
        found = book.summary(INSTALLATION, source=source, campaign=campaign, test=test)
    except OrderError as error:
        refused(cli, error)
    if as_json:
        typer.echo(json.dumps(summary_dict(found), ensure_ascii=False, indent=2))
        return
    table = Table("source", "orders", "THB", "commission", "by status", box=None, pad_edge=False)
    for item in found:
        statuses = ", ".join(f"{status} {count:,}" for status, count in item.by_status.items())
        table.add_row(item.source, f"{item.orders:,}", _baht(item.amount_thb),
                      _baht(item.commission_thb), statuses)  # fmt: skip
    cli.out.print(table, markup=False)


@orders.command("process")
def process(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, help="Webhooks to apply in this pass.")] = 500,
) -> None:
    """Apply the stored shop webhooks still waiting to their orders now (the web server does
    it right after answering each one, and again every minute)."""
    cli = state(ctx)
    done = cli.workspace().orders.process_waiting(limit)
    cli.out.print(
        f"{done.applied} webhooks applied, {done.refused} refused, "
        f"{len(done.order_row_ids)} orders changed",
        markup=False,
    )
