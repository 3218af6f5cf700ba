"""A saved plan (``PlanReport.to_dict()``) made ready for the page: KPIs in order with their
80 % intervals, the pyramid of budget and expected results by tier (bar widths worked out
here, so the chart is plain HTML and needs no script), and the overlap matrix as rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from kolscope.entrypoints.web import said
from kolscope.entrypoints.web.render import env
from kolscope.entrypoints.web.vocabulary import N_
from kolscope.planning.facade import DELIVERABLE_SAID, OBJECTIVE_NAMES, STAGE_NAMES, STATUS_NAMES

KPI_NAMES = {
    "reach": N_("Reach"),
    "views": N_("Views"),
    "engagements": N_("Engagements"),
    "clicks": N_("Clicks"),
    "conversions": N_("Conversions"),
}
COST_NAMES = {
    "cpm": N_("CPM (per 1,000 reached)"),
    "cpe": N_("CPE (per engagement)"),
    "cpc": N_("CPC (per click)"),
    "cpa": N_("CPA (per conversion)"),
}
SCENARIO_NAMES = {
    "all_mega": N_("All mega"),
    "pyramid": N_("Pyramid"),
    "all_small": N_("All micro and nano"),
    "all_micro": N_("All micro and nano"),
    "manual": N_("Your own pick"),
}
TIER_ORDER = ("mega", "macro", "mid", "micro", "nano")


def _interval(value: Any) -> dict[str, float] | None:
    if not isinstance(value, Mapping) or value.get("value") is None:
        return None
    middle = float(value["value"])
    low = value.get("low")
    high = value.get("high")
    return {
        "value": middle,
        "low": float(low) if low is not None else middle,
        "high": float(high) if high is not None else middle,
    }


def _tiers(rows: list[Mapping[str, Any]], headline: str) -> list[dict[str, Any]]:
    """The pyramid, the smallest tier at the base: each row's width is its share of the
    largest tier's budget (and of the largest expected result)."""
    ordered = sorted(
        rows,
        key=lambda r: TIER_ORDER.index(r["tier"]) if r.get("tier") in TIER_ORDER else 99,
    )
    most_cost = max((float(r.get("cost_thb") or 0) for r in ordered), default=0.0) or 1.0
    results = [_interval((r.get("forecast") or {}).get(headline)) for r in ordered]
    most_result = max((x["value"] for x in results if x), default=0.0) or 1.0
    return [
        {
            "tier": row.get("tier") or "",
            "creators": int(row.get("creators") or 0),
            "cost": float(row.get("cost_thb") or 0),
            "cost_width": round(100 * float(row.get("cost_thb") or 0) / most_cost),
            "result": result,
            "result_width": round(100 * result["value"] / most_result) if result else 0,
        }
        for row, result in zip(ordered, results, strict=True)
    ]


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def headline_kpi(objective: str) -> str:
    """The KPI a campaign of this objective is planned for."""
    return {"awareness": "reach", "engagement": "engagements", "conversion": "conversions"}.get(
        objective, "reach"
    )


def plan_view(plan: Mapping[str, Any]) -> dict[str, Any]:
    """What the plan and scenario sections show."""
    forecast = plan.get("forecast") or {}
    costs = plan.get("costs") or {}
    headline = headline_kpi(str(plan.get("objective") or ""))
    overlap = plan.get("overlap") or {}
    references = list(overlap.get("references") or [])
    shares = list(overlap.get("shares") or [])
    matrix = [
        (reference, list(shares[i]) if i < len(shares) else [])
        for i, reference in enumerate(references)
    ]
    gap = plan.get("optimality_gap")
    scenario = str(plan.get("scenario") or "pyramid")
    budget = float(plan.get("budget_thb") or 0)
    cost = float(plan.get("total_cost_thb") or 0)
    return {
        "scenario": scenario,
        "scenario_name": SCENARIO_NAMES.get(scenario, scenario),
        "objective": plan.get("objective"),
        "budget": budget,
        "cost": cost,
        "spent_share": cost / budget if budget else 0.0,
        "picks": list(plan.get("picks") or []),
        "excluded": list(plan.get("excluded") or []),
        "reach": plan.get("reach") or {},
        "kpis": [
            (key, name, _interval(forecast.get(key)))
            for key, name in KPI_NAMES.items()
            if key in forecast
        ],
        "costs": [(key, name, _interval(costs.get(key))) for key, name in COST_NAMES.items()],
        "headline": headline,
        "headline_name": KPI_NAMES[headline],
        "tiers": _tiers(list(plan.get("by_tier") or []), headline),
        "overlap": matrix,
        "gap": float(gap) if gap is not None else None,
        "method": plan.get("method"),
        "notes": list(plan.get("notes") or []),
        "possible": bool(plan.get("possible", True)),
        "reasons": list(plan.get("reasons") or []),
        "created_at": _when(plan.get("created_at")),
    }


def _named(names: Mapping[str, Any]) -> Any:
    @pass_context
    def name(context: Context, key: Any) -> str:
        template = names.get(str(getattr(key, "value", key)))
        return said.say(context, template()) if template is not None else str(key)

    return name


# {{ campaign.status.value | status_name }} and the like, in the reader's language.
env.filters["objective_name"] = _named(OBJECTIVE_NAMES)
env.filters["status_name"] = _named(STATUS_NAMES)
env.filters["stage_name"] = _named(STAGE_NAMES)
env.filters["deliverable_name"] = _named(DELIVERABLE_SAID)
env.filters["niche_name"] = lambda code: said.niche(str(code))
