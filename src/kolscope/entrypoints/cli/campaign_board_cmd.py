"""``kolscope campaigns board|move|terms|submit|decide|export|remind``: the outreach board of a
campaign from the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kolscope.discovery.facade import ExportError, write_table
from kolscope.entrypoints.cli.campaigns_cmd import (
    JsonOpt,
    ListOpt,
    _fail,
    _joined,
    _thb,
    campaigns,
)
from kolscope.entrypoints.cli.context import fail, state
from kolscope.planning.facade import (
    BOARD_COLUMNS,
    CampaignError,
    Deliverable,
    DueItem,
    board_rows,
)

Campaign = Annotated[str, typer.Argument(help="The campaign.")]
Creator = Annotated[str, typer.Argument(metavar="PLATFORM:HANDLE", help="A creator on the board.")]


@campaigns.command("board")
def board(ctx: typer.Context, name: Campaign, as_json: JsonOpt = False) -> None:
    """The outreach board: creators by stage, totals, THB committed against the budget,
    overdue deliverables marked."""
    cli = state(ctx)
    workspace = cli.workspace()
    actor = workspace.campaigns.command_line()
    try:
        campaign = workspace.campaigns.named(actor, name)
    except CampaignError as error:
        _fail(cli, error)
    view = workspace.outreach.board(actor, campaign)
    rows = board_rows(view)
    if as_json:
        totals = {s.value: {"creators": n, "thb": thb} for s, (n, thb) in view.totals().items()}
        cli.out.print_json(json.dumps({"campaign": campaign.name, "budget_thb": campaign.budget_thb,
                                       "committed_thb": view.committed_thb, "totals": totals,
                                       "creators": rows}))  # fmt: skip
        return
    table = Table("stage", "creator", "fee", "next due", "", box=None)
    for row in rows:
        table.add_row(row["stage"], row["reference"], _thb(row["fee_thb"] or row["quote_thb"]),
                      row["next_due"] or "", "OVERDUE" if row["overdue"] else "")  # fmt: skip
    cli.out.print(table, markup=False)
    cli.out.print(f"committed {_thb(view.committed_thb)} of {_thb(campaign.budget_thb)}",
                  markup=False)  # fmt: skip


@campaigns.command("move")
def move(
    ctx: typer.Context,
    name: Campaign,
    creator: Creator,
    stage: Annotated[str, typer.Argument(help="contacted, negotiating, agreed, published, …")],
    note: Annotated[str | None, typer.Option(help="Kept with the move.")] = None,
) -> None:
    """Move a creator along the board (only moves that make sense; each is kept)."""
    cli = state(ctx)
    workspace = cli.workspace()
    actor = workspace.campaigns.command_line()
    try:
        card = workspace.outreach.move(actor, workspace.campaigns.named(actor, name), creator,
                                       stage, note)  # fmt: skip
    except CampaignError as error:
        _fail(cli, error)
    cli.out.print(f"{card.reference}: {card.stage.value}", markup=False)


@campaigns.command("terms")
def terms(
    ctx: typer.Context,
    name: Campaign,
    creator: Creator,
    fee: Annotated[float | None, typer.Option(help="Fee agreed (THB).")] = None,
    quote: Annotated[float | None, typer.Option(help="The creator's quote (THB).")] = None,
    deliverable: Annotated[
        list[str] | None, typer.Option(help="KIND[:DUE], e.g. short_video:2026-12-20; repeat.")
    ] = None,
    channel: Annotated[str | None, typer.Option(help="line, email, phone or dm.")] = None,
    contact: Annotated[str | None, typer.Option(help="Their handle on that channel.")] = None,
    notes: Annotated[str | None, typer.Option(help="Notes.")] = None,
    link: ListOpt = None,
) -> None:
    """Record what was agreed with a creator (only what you give changes)."""
    cli = state(ctx)
    workspace = cli.workspace()
    actor = workspace.campaigns.command_line()
    items: list[DueItem] | None = None
    if deliverable:
        items = []
        for item in _joined(deliverable):
            kind, _, day = item.partition(":")
            try:
                items.append(
                    DueItem(
                        Deliverable(kind.strip()),
                        date.fromisoformat(day.strip()) if day.strip() else None,
                    )
                )
            except ValueError:
                fail(cli, f"{item!r} is not KIND[:YYYY-MM-DD] (kinds: "
                          f"{', '.join(d.value for d in Deliverable)}) (deliverable)")  # fmt: skip
    try:
        card = workspace.outreach.set_terms(
            actor, workspace.campaigns.named(actor, name), creator, fee_thb=fee, quote_thb=quote,
            deliverables=items, contact_channel=channel, contact_handle=contact, notes=notes,
            content_links=_joined(link) if link else None,
        )  # fmt: skip
    except CampaignError as error:
        _fail(cli, error)
    cli.out.print(f"{card.reference}: fee {_thb(card.fee_thb)}, quote {_thb(card.quote_thb)}",
                  markup=False)  # fmt: skip


@campaigns.command("submit")
def submit(
    ctx: typer.Context,
    name: Campaign,
    creator: Creator,
    url: Annotated[str, typer.Argument(help="Where the content is (https://…).")],
    caption: Annotated[str | None, typer.Option(help="Its caption.")] = None,
) -> None:
    """Submit a creator's content for the brand to approve."""
    cli = state(ctx)
    workspace = cli.workspace()
    actor = workspace.campaigns.command_line()
    try:
        card = workspace.outreach.submit(actor, workspace.campaigns.named(actor, name), creator,
                                         url, caption)  # fmt: skip
    except CampaignError as error:
        _fail(cli, error)
    cli.out.print(f"{card.reference}: content number {card.submissions[-1].id} submitted",
                  markup=False)  # fmt: skip


@campaigns.command("decide")
def decide(
    ctx: typer.Context,
    name: Campaign,
    submission: Annotated[int, typer.Argument(help="The content's number.")],
    decision: Annotated[str, typer.Argument(help="approve or changes.")],
    comment: Annotated[str | None, typer.Option(help="What should change.")] = None,
) -> None:
    """Approve submitted content, or ask for changes (saying what)."""
    cli = state(ctx)
    if decision not in ("approve", "changes"):
        fail(cli, f"{decision!r}: say approve or changes (decision)")
    workspace = cli.workspace()
    actor = workspace.campaigns.command_line()
    try:
        card = workspace.outreach.decide(actor, workspace.campaigns.named(actor, name), submission,
                                         decision == "approve", comment)  # fmt: skip
    except CampaignError as error:
        _fail(cli, error)
    cli.out.print(f"{card.reference}: {card.stage.value}", markup=False)


@campaigns.command("export")
def export(
    ctx: typer.Context,
    name: Campaign,
    path: Annotated[Path, typer.Argument(help="A .csv or .xlsx file to write.")],
) -> None:
    """Write the board (one row per creator) to CSV or XLSX."""
    cli = state(ctx)
    workspace = cli.workspace()
    actor = workspace.campaigns.command_line()
    try:
        view = workspace.outreach.board(actor, workspace.campaigns.named(actor, name))
        count = write_table(path, BOARD_COLUMNS, board_rows(view), title=view.campaign.name)
    except CampaignError as error:
        _fail(cli, error)
    except ExportError as error:
        fail(cli, str(error))
    cli.out.print(f"{count} creators written to {path}", markup=False)


@campaigns.command("remind")
def remind(
    ctx: typer.Context,
    email: Annotated[str | None, typer.Option(help="Also mail the list to this address.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """What is due this week and what is overdue, across campaigns; --email sends it through
    the mail settings (KOLSCOPE_SMTP_URL)."""
    cli = state(ctx)
    workspace = cli.workspace()
    found = workspace.outreach.reminders(workspace.campaigns.command_line())
    lines = [str(r.message()) for r in found]
    if as_json:
        items = [
            {"campaign": r.campaign, "reference": r.reference, "deliverable": r.deliverable,
             "due_on": r.due_on.isoformat(), "overdue": r.overdue, "text": line}
            for r, line in zip(found, lines, strict=True)
        ]  # fmt: skip
        cli.out.print_json(json.dumps(items))
    else:
        cli.out.print("\n".join(lines) or "nothing due this week, nothing overdue", markup=False)
    if email:
        overdue = sum(r.overdue for r in found)
        subject = f"kolscope: {len(found) - overdue} due this week, {overdue} overdue"
        if not workspace.send_mail(email, subject, "\n".join(lines) or "Nothing due."):
            fail(cli, "mail is not set up: set KOLSCOPE_SMTP_URL (smtp://user:password@host:587)")
        cli.err.print(f"sent to {email}", markup=False)
