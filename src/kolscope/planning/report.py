"""A plan as people read it: the picks and exclusions with their reasons, reach deduplicated
beside the plain sum of followers, each KPI's forecast with its 80 % interval, the costs per
result (CPM, CPE, CPC, CPA), the pyramid by tier, the overlap of the picks, and how close the
optimiser got to the best possible. ``to_dict`` is the ``campaigns plan --json`` contract."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kolscope.domain.messages import Message
from kolscope.planning.campaigns import Campaign
from kolscope.planning.choices import (
    KPIS,
    TIERS,
    ZERO,
    Estimate,
    Exclusion,
    Plan,
    Reach,
)
from kolscope.planning.overlap.reach import AudienceOverlap

# cost per result: (key, KPI it divides by, per how many)
COSTS = (("cpm", "views", 1000.0), ("cpe", "engagements", 1.0), ("cpc", "clicks", 1.0),
         ("cpa", "conversions", 1.0))  # fmt: skip


def _rounded(estimate: Estimate) -> dict[str, float]:
    return {k: round(v, 2) for k, v in estimate.to_dict().items()}


def cost_per(cost: float, result: Estimate, per: float) -> Estimate | None:
    """Cost per result with its interval: the most results make the lowest cost."""
    if cost <= 0 or result.value <= 0:
        return None
    high = cost / result.low * per if result.low > 0 else cost / result.value * per * 10
    return Estimate(cost / result.value * per, cost / result.high * per, high)


@dataclass(frozen=True, slots=True)
class PlanReport:
    campaign: Campaign
    scenario: str
    plan: Plan | None
    reach: Reach | None
    forecast: Mapping[str, Estimate]
    excluded: tuple[Exclusion, ...]
    overlap: Mapping[str, Any]
    notes: tuple[Message, ...]
    created_at: datetime | None = None
    reasons: tuple[Message, ...] = field(default=())  # why the scenario cannot be planned

    @classmethod
    def impossible(
        cls, campaign: Campaign, scenario: str, reasons: Sequence[Message]
    ) -> PlanReport:
        return cls(campaign, scenario, None, None, {}, (), {}, (), None, tuple(reasons))

    @property
    def total_cost_thb(self) -> float:
        return self.plan.total_cost_thb if self.plan else 0.0

    def costs(self) -> dict[str, Estimate | None]:
        found: dict[str, Estimate | None] = {}
        for key, kpi, per in COSTS:
            result = self.forecast.get(kpi)
            if key == "cpm" and (result is None or result.value <= 0):
                result = self.forecast.get("reach")  # no views known: per thousand reached
            found[key] = cost_per(self.total_cost_thb, result, per) if result else None
        return found

    def by_tier(self) -> list[dict[str, Any]]:
        rows = []
        picks = self.plan.picks if self.plan else ()
        for tier in TIERS:
            mine = [p.option for p in picks if p.option.candidate.tier == tier]
            if not mine:
                continue
            totals = {k: sum((o.forecast.get(k, ZERO) for o in mine), ZERO) for k in KPIS}
            rows.append({
                "tier": tier,
                "creators": len({o.candidate.account_id for o in mine}),
                "cost_thb": round(sum(o.fee_thb for o in mine), 2),
                "forecast": {k: _rounded(v) for k, v in totals.items()},
            })  # fmt: skip
        return rows

    def to_dict(self) -> dict[str, Any]:
        plan = self.plan
        brief = self.campaign.brief
        data: dict[str, Any] = {
            "campaign": self.campaign.name,
            "scenario": self.scenario,
            "name": self.scenario,
            "objective": brief.objective.value,
            "budget_thb": brief.budget_thb,
            "total_cost_thb": round(self.total_cost_thb, 2),
            "picks": [],
            "excluded": [
                {"reference": e.reference, "why": str(e.why), "why_message": e.why.to_dict()}
                for e in self.excluded
            ],
            "reach": None,
            "forecast": {k: _rounded(v) for k, v in self.forecast.items()},
            "costs": {k: (_rounded(v) if v else None) for k, v in self.costs().items()},
            "by_tier": self.by_tier(),
            "overlap": dict(self.overlap),
            "optimality_gap": None,
            "bound": None,
            "method": None,
            "notes": [n.to_dict() for n in self.notes],
            "reasons": [r.to_dict() for r in self.reasons],
            "possible": plan is not None,
            "created_at": self.created_at.isoformat() if self.created_at else None,
        }
        if self.reach is not None:
            data["reach"] = {
                **self.reach.to_dict(),
                "basis_message": self.reach.basis.to_dict() if self.reach.basis else None,
            }
        if plan is None:
            return data
        data["optimality_gap"] = (
            round(plan.optimality_gap, 6) if plan.optimality_gap is not None else None
        )
        data["bound"] = round(plan.bound, 2) if plan.bound is not None else None
        data["method"] = plan.method
        data["excluded"] = [
            {"reference": e.reference, "why": str(e.why), "why_message": e.why.to_dict()}
            for e in (*self.excluded, *plan.excluded)
        ]
        data["notes"] = [n.to_dict() for n in (*self.notes, *plan.notes)]
        for pick in plan.picks:
            option = pick.option
            data["picks"].append({
                "reference": option.candidate.reference,
                "platform": option.candidate.platform,
                "tier": option.candidate.tier,
                "followers": option.candidate.followers,
                "deliverable": option.deliverable.value,
                "fee_thb": round(option.fee.value_thb, 2),
                "fee_low_thb": round(option.fee.low_thb, 2),
                "fee_high_thb": round(option.fee.high_thb, 2),
                "fee_source": option.fee.source,
                "fee_basis": option.fee.basis.to_dict(),
                "why": str(pick.why),
                "why_message": pick.why.to_dict(),
                "forecast": {k: _rounded(v) for k, v in option.forecast.items()},
            })  # fmt: skip
        return data


def report_of(
    campaign: Campaign,
    scenario: str,
    plan: Plan,
    audience: AudienceOverlap,
    excluded: Sequence[Exclusion],
    notes: Sequence[Message],
    now: datetime,
) -> PlanReport:
    """The report of a solved plan: reach re-measured over the picks' audience sketches, and
    the other KPIs summed (their intervals added end to end, which is conservative)."""
    options = [p.option for p in plan.picks]
    totals = {k: sum((o.forecast.get(k, ZERO) for o in options), ZERO) for k in KPIS}
    by_account: dict[int, float] = {}
    followers: dict[int, int] = {}
    for option in options:
        account = option.candidate.account_id
        by_account[account] = by_account.get(account, 0.0) + option.value("reach")
        followers[account] = option.candidate.followers
    reach = audience.reach(by_account, followers) if options else Reach(0.0, 0, False)
    summed = totals["reach"]
    if summed.value > 0:  # the interval shrinks with the deduplicated share of the sum
        totals["reach"] = summed.scaled(reach.deduplicated / summed.value)
    ids = list(by_account)
    references = {o.candidate.account_id: o.candidate.reference for o in options}
    overlap: dict[str, Any] = {"references": [references[i] for i in ids], "shares": []}
    for a in ids:
        row = []
        for b in ids:
            share = 1.0 if a == b else audience.overlap(a, b)
            row.append(round(share, 4) if share is not None else None)
        overlap["shares"].append(row)
    return PlanReport(campaign, scenario, plan, reach, totals, tuple(excluded), overlap,
                      tuple(notes), now)  # fmt: skip
