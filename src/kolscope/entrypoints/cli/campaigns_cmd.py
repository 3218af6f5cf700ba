"""``kolscope campaigns``: make a campaign from a brief, plan it into a media-mix pyramid under
its budget, compare scenarios side by side; the board's commands are in
``campaign_board_cmd``."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from kolscope.domain.quantities import format_count
from kolscope.entrypoints.cli.context import CliState, fail, state
from kolscope.planning.facade import SCENARIOS, Campaign, CampaignError, PlanError

campaigns = typer.Typer(
    help="Campaigns: a brief becomes a media-mix pyramid under budget; the outreach board.",
    no_args_is_help=True,
)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ListOpt = Annotated[list[str] | None, typer.Option(help="Repeat or separate with commas.")]


def _fail(cli: CliState, error: CampaignError | PlanError) -> None:
    if isinstance(error, PlanError):
        fail(cli, "; ".join(str(r) for r in error.reasons))
    where = f" ({error.field})" if error.field else ""
    fail(cli, f"{error.message}{where}")


def _joined(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def campaign_dict(campaign: Campaign) -> dict[str, Any]:
    brief = campaign.brief
    return {
        "name": campaign.name,
        "brand": campaign.brand_name,
        "status": campaign.status.value,
        "objective": brief.objective.value,
        "budget_thb": brief.budget_thb,
        "starts_on": brief.starts_on.isoformat() if brief.starts_on else None,
        "ends_on": brief.ends_on.isoformat() if brief.ends_on else None,
        "source": campaign.source,
        **brief.to_dict(),
        "updated_at": campaign.updated_at.isoformat(),
    }


def _thb(value: float | None) -> str:
    if value is None:
        return "-"
    return f"฿{value:,.2f}" if abs(value) < 100 else f"฿{value:,.0f}"


@campaigns.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The campaign's name.")],
    brand: Annotated[str, typer.Option(help="The brand (kolscope brands list).")],
    objective: Annotated[str, typer.Option(help="awareness, engagement or conversion.")],
    budget: Annotated[str, typer.Option(help="Budget in THB.")],
    date_from: Annotated[str | None, typer.Option("--from", help="Start (2026-12-01).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="End (2026-12-31).")] = None,
    shortlist: Annotated[str | None, typer.Option(help="Start from this shortlist.")] = None,
    search: Annotated[str | None, typer.Option(help="Start from this saved search.")] = None,
    creators: ListOpt = None,
    niches: ListOpt = None,
    deliverables: ListOpt = None,
    genders: ListOpt = None,
    ages: ListOpt = None,
    countries: ListOpt = None,
    provinces: ListOpt = None,
    tone: Annotated[str | None, typer.Option(help="The tone wanted, in words.")] = None,
    must_have: ListOpt = None,
    exclude: ListOpt = None,
    avoid: Annotated[
        list[str] | None, typer.Option(help="Competitors: leave out who posted for them.")
    ] = None,
    conversion_rate: Annotated[
        str | None, typer.Option(help="Conversions per click, % (default 1.5).")
    ] = None,
    open_with_big: Annotated[int, typer.Option(help="At least this many macro/mega.")] = 1,
    small_share: Annotated[str | None, typer.Option(help="At least this % to micro+nano.")] = None,
    max_creators: Annotated[int | None, typer.Option(help="At most this many creators.")] = None,
    min_quality: Annotated[str | None, typer.Option(help="Quality score at least (0-100).")] = None,
    min_brand_fit: Annotated[str | None, typer.Option(help="Brand fit at least (%).")] = None,
    min_niche_match: Annotated[str | None, typer.Option(help="Niche match at least (%).")] = None,
    max_overlap: Annotated[str | None, typer.Option(help="Audience overlap at most (%).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Make a campaign (draft) from a brief; creators come from --shortlist, --search or
    --creators (platform:handle), or a plan searches by the brief's niches."""
    cli = state(ctx)
    service = cli.workspace().campaigns
    brief: dict[str, Any] = {
        "objective": objective, "budget_thb": budget, "starts_on": date_from,
        "ends_on": date_to, "niches": _joined(niches), "deliverables": _joined(deliverables),
        "genders": _joined(genders), "age_bands": _joined(ages),
        "countries": _joined(countries), "provinces": _joined(provinces), "tone": tone,
        "must_have": _joined(must_have), "excluded": _joined(exclude),
        "avoid_competitors": _joined(avoid), "conversion_rate": conversion_rate,
        "rules": {
            "open_with_big": open_with_big, "small_share": small_share,
            "max_creators": max_creators, "min_quality": min_quality,
            "min_brand_fit": min_brand_fit, "min_niche_match": min_niche_match,
            "max_overlap": max_overlap,
        },
    }  # fmt: skip
    try:
        made = service.create(
            service.command_line(), name, brand, brief, shortlist=shortlist,
            saved_search=search, references=_joined(creators),
        )  # fmt: skip
    except CampaignError as error:
        _fail(cli, error)
    count = len(service.creators(service.command_line(), made))
    if as_json:
        cli.out.print_json(json.dumps({**campaign_dict(made), "creators": count}))
        return
    cli.out.print(
        f"campaign {made.name!r} for {made.brand_name}: {made.objective.value}, "
        f"{_thb(made.budget_thb)}, {count} creators (draft)",
        markup=False,
    )


@campaigns.command("list")
def list_campaigns(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Every campaign, newest change first."""
    cli = state(ctx)
    service = cli.workspace().campaigns
    found = service.campaigns(service.command_line())
    if as_json:
        cli.out.print_json(json.dumps([campaign_dict(c) for c in found]))
        return
    table = Table("campaign", "brand", "status", "objective", "budget", "dates", box=None)
    for c in found:
        dates = " → ".join(d.isoformat() for d in (c.brief.starts_on, c.brief.ends_on) if d)
        table.add_row(c.name, c.brand_name, c.status.value, c.objective.value,
                      _thb(c.budget_thb), dates)  # fmt: skip
    cli.out.print(table if found else "no campaigns yet (kolscope campaigns create)", markup=False)


@campaigns.command("show")
def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The campaign.")],
    as_json: JsonOpt = False,
) -> None:
    """A campaign's brief, its creators by stage and its last plan."""
    cli = state(ctx)
    workspace = cli.workspace()
    service = workspace.campaigns
    actor = service.command_line()
    try:
        campaign = service.named(actor, name)
    except CampaignError as error:
        _fail(cli, error)
    cards = service.creators(actor, campaign)
    plan = workspace.planner.latest(actor, campaign)
    if as_json:
        data = campaign_dict(campaign)
        data["creators"] = [{"reference": c.reference, "stage": c.stage.value,
                             "fee_thb": c.fee_thb} for c in cards]  # fmt: skip
        data["plan"] = plan
        cli.out.print_json(json.dumps(data))
        return
    brief = campaign.brief
    cli.out.print(f"{campaign.name} — {campaign.brand_name} ({campaign.status.value})",
                  markup=False)  # fmt: skip
    cli.out.print(f"  {brief.objective.value}, budget {_thb(brief.budget_thb)}; deliverables: "
                  f"{', '.join(d.value for d in brief.deliverables)}", markup=False)  # fmt: skip
    if brief.niches:
        cli.out.print(f"  niches: {', '.join(brief.niches)}", markup=False)
    cli.out.print(f"  {len(cards)} creators on the board", markup=False)
    if plan:
        cli.out.print(f"  last plan: {len(plan['picks'])} picks, {_thb(plan['total_cost_thb'])}",
                      markup=False)  # fmt: skip


@campaigns.command("edit")
def edit(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The campaign.")],
    status: Annotated[str | None, typer.Option(help="draft, planning, running, finished.")] = None,
    rename: Annotated[str | None, typer.Option(help="A new name.")] = None,
    budget: Annotated[str | None, typer.Option(help="A new budget in THB.")] = None,
) -> None:
    """Change a campaign's status, name or budget."""
    cli = state(ctx)
    service = cli.workspace().campaigns
    actor = service.command_line()
    try:
        campaign = service.named(actor, name)
        brief = None
        if budget is not None:
            data = {**campaign.brief.to_dict(), **campaign.brief.audience.to_dict()}
            brief = service.brief_of({**data, "objective": campaign.objective.value,
                                      "budget_thb": budget, "starts_on": campaign.brief.starts_on,
                                      "ends_on": campaign.brief.ends_on})  # fmt: skip
        changed = service.edit(actor, campaign, brief=brief, status=status, name=rename)
    except CampaignError as error:
        _fail(cli, error)
    cli.out.print(f"{changed.name}: {changed.status.value}, {_thb(changed.budget_thb)}",
                  markup=False)  # fmt: skip


@campaigns.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The campaign.")],
    references: Annotated[list[str], typer.Argument(metavar="PLATFORM:HANDLE...")],
) -> None:
    """Put creators on the campaign's board (shortlisted)."""
    cli = state(ctx)
    service = cli.workspace().campaigns
    actor = service.command_line()
    try:
        added = service.add(actor, service.named(actor, name), references)
    except CampaignError as error:
        _fail(cli, error)
    cli.out.print(f"{added} added", markup=False)


def _print_plan(cli: CliState, plan: dict[str, Any]) -> None:
    if not plan["possible"]:
        reasons = "; ".join(r["text"] for r in plan["reasons"])
        cli.out.print(f"{plan['scenario']}: cannot be planned: {reasons}", markup=False)
        return
    table = Table("creator", "tier", "deliverable", "fee", "why", box=None)
    for pick in plan["picks"]:
        table.add_row(pick["reference"], pick["tier"], pick["deliverable"],
                      _thb(pick["fee_thb"]), pick["why"])  # fmt: skip
    cli.out.print(table, markup=False)
    reach = plan["reach"] or {}
    gap = plan["optimality_gap"]
    estimate = " (estimate)" if reach.get("estimated") else ""
    cli.out.print(
        f"{plan['scenario']}: {_thb(plan['total_cost_thb'])} of {_thb(plan['budget_thb'])}; "
        f"reach {format_count(reach.get('deduplicated'))}{estimate} deduplicated, "
        f"{format_count(reach.get('followers_sum'))} followers in all; "
        f"gap to the best possible {'unknown' if gap is None else f'{gap:.1%}'}",
        markup=False,
    )
    for kpi, value in plan["forecast"].items():
        cli.out.print(f"  {kpi}: {format_count(round(value['value']))} "
                      f"(80 % interval {format_count(round(value['low']))}"
                      f"–{format_count(round(value['high']))})", markup=False)  # fmt: skip
    for item in plan["excluded"][:20]:
        cli.out.print(f"  {item['reference']}: {item['why']}", markup=False)
    if len(plan["excluded"]) > 20:
        cli.out.print(f"  … and {len(plan['excluded']) - 20} more excluded", markup=False)


@campaigns.command("plan")
def plan(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The campaign.")],
    scenario: Annotated[str, typer.Option(help=", ".join(SCENARIOS))] = "pyramid",
    manual: ListOpt = None,
    apply: Annotated[bool, typer.Option(help="Put the picks on the board.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Choose creators and deliverables for the brief's objective under the budget and the
    pyramid rules; every pick and exclusion says why. The plan is kept."""
    cli = state(ctx)
    workspace = cli.workspace()
    actor = workspace.campaigns.command_line()
    try:
        campaign = workspace.campaigns.named(actor, name)
        report = workspace.planner.plan(actor, campaign, scenario, manual=_joined(manual))
        data = report.to_dict()
        added = workspace.planner.apply(actor, campaign, data) if apply else 0
    except (CampaignError, PlanError) as error:
        _fail(cli, error)
    if as_json:
        cli.out.print_json(json.dumps(data))
        return
    _print_plan(cli, data)
    if apply:
        cli.out.print(f"{added} creators put on the board", markup=False)


@campaigns.command("scenarios")
def scenarios(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The campaign.")],
    manual: ListOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """All-mega, the pyramid, all micro/nano and a manual pick side by side."""
    cli = state(ctx)
    workspace = cli.workspace()
    actor = workspace.campaigns.command_line()
    try:
        campaign = workspace.campaigns.named(actor, name)
        reports = [r.to_dict() for r in workspace.planner.scenarios(actor, campaign,
                                                                    _joined(manual))]  # fmt: skip
    except (CampaignError, PlanError) as error:
        _fail(cli, error)
    if as_json:
        cli.out.print_json(json.dumps(reports))
        return
    table = Table("scenario", "cost", "creators", "reach", "engagements", "clicks",
                  "conversions", "CPM", "CPE", "CPC", "CPA", box=None)  # fmt: skip
    impossible = []
    for r in reports:
        if not r["possible"]:
            impossible.append(f"{r['name']}: cannot be planned: "
                              + "; ".join(x["text"] for x in r["reasons"]))  # fmt: skip
            continue
        costs = r["costs"]
        table.add_row(
            r["name"], _thb(r["total_cost_thb"]), str(len(r["picks"])),
            format_count(round(r["reach"]["deduplicated"])),
            *(format_count(round(r["forecast"][k]["value"]))
              for k in ("engagements", "clicks", "conversions")),
            *(_thb(costs[k]["value"]) if costs[k] else "-" for k in ("cpm", "cpe", "cpc", "cpa")),
        )  # fmt: skip
    cli.out.print(table, markup=False)
    for line in impossible:
        cli.out.print(line, markup=False)
