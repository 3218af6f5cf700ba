"""Scenarios side by side from the same options: all mega, the pyramid (the person's rules),
all micro and nano, and the person's own pick, each with its budget, deduplicated reach,
engagements, clicks, conversions, and CPM, CPE, CPC and CPA with intervals.

Totals add each pick's forecast end to end (``Estimate.__add__``: a conservative interval).
Deduplicated reach scales the summed reach interval by the audience's deduplicated / summed
ratio. A cost per KPI takes its interval from the fee and KPI intervals: low = cheapest cost /
highest KPI, high = dearest cost / lowest KPI (infinite when the KPI's low end is 0).
CPM is per 1,000 views when every pick has a views forecast, else per 1,000 (deduplicated)
reach; ``cpm_basis`` says which.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from kolscope.domain.messages import Message
from kolscope.planning import messages_optimiser as said
from kolscope.planning.choices import (
    KPIS,
    SMALL_TIERS,
    ZERO,
    Audience,
    Deliverable,
    Estimate,
    Objective,
    Option,
    Pick,
    Plan,
    PlanError,
    Rules,
)
from kolscope.planning.optimiser.choose import optimise
from kolscope.planning.optimiser.explain import per_thousand

COST_PER = {"cpm": "views", "cpe": "engagements", "cpc": "clicks", "cpa": "conversions"}


@dataclass(frozen=True, slots=True)
class Totals:
    """What a set of picks costs and is forecast to bring, with cost per KPI."""

    cost: Estimate
    kpis: Mapping[str, Estimate]  # KPIS, reach deduplicated
    cost_per: Mapping[str, Estimate | None]  # cpm, cpe, cpc, cpa; None when the KPI is 0
    cpm_basis: str  # "views" | "reach"
    reach_estimated: bool  # True when reach is a plain sum (no overlap measured)

    def to_dict(self) -> dict[str, Any]:
        def plain(e: Estimate | None) -> dict[str, float | None] | None:
            if e is None:
                return None
            return {k: (None if math.isinf(v) else v) for k, v in e.to_dict().items()}

        return {
            "cost": plain(self.cost),
            "kpis": {k: plain(v) for k, v in self.kpis.items()},
            "cost_per": {k: plain(v) for k, v in self.cost_per.items()},
            "cpm_basis": self.cpm_basis,
            "reach_estimated": self.reach_estimated,
        }


@dataclass(frozen=True, slots=True)
class Scenario:
    """One column of the side-by-side: its name, its plan (or why none), and its totals."""

    name: str  # "all_mega" | "pyramid" | "all_small" | "manual"
    plan: Plan | None
    totals: Totals | None
    error: tuple[Message, ...] = ()


def totals(options: Sequence[Option], audience: Audience | None = None) -> Totals:
    """Sum the forecasts of these options and price each KPI."""
    cost = Estimate(
        sum(o.fee.value_thb for o in options),
        sum(o.fee.low_thb for o in options),
        sum(o.fee.high_thb for o in options),
    )
    kpis: dict[str, Estimate] = {}
    for kpi in KPIS:
        total = ZERO
        for option in options:
            total = total + option.forecast.get(kpi, ZERO)
        kpis[kpi] = total
    estimated = True
    if audience is not None and options:
        reaches: dict[int, float] = {}
        followers: dict[int, int] = {}
        for option in options:
            account = option.candidate.account_id
            reaches[account] = reaches.get(account, 0.0) + option.value("reach")
            followers[account] = option.candidate.followers
        measured = audience.reach(reaches, followers)
        plain = kpis["reach"].value
        if plain > 0:
            kpis["reach"] = kpis["reach"].scaled(measured.deduplicated / plain)
        estimated = measured.estimated
    views_known = bool(options) and all("views" in o.forecast for o in options)
    basis = "views" if views_known else "reach"
    cost_per: dict[str, Estimate | None] = {}
    for name, kpi in COST_PER.items():
        of = kpis[basis if name == "cpm" else kpi]
        scale = 1000.0 if name == "cpm" else 1.0
        cost_per[name] = _cost_per(cost, of, scale)
    return Totals(cost, kpis, cost_per, basis, estimated)


def _cost_per(cost: Estimate, of: Estimate, scale: float) -> Estimate | None:
    if of.value <= 0:
        return None
    high = cost.high / of.low * scale if of.low > 0 else math.inf
    low = cost.low / of.high * scale if of.high > 0 else 0.0
    return Estimate(cost.value / of.value * scale, low, high)


def compare(
    options: Sequence[Option],
    rules: Rules,
    budget_thb: float,
    objective: Objective,
    audience: Audience | None = None,
    manual: Mapping[str, Sequence[Deliverable]] | None = None,
) -> tuple[Scenario, ...]:
    """The four scenarios from the same options. All mega and all micro/nano keep the
    one-creator rules (quality, brand fit, niche match, left out, overlap, at most N, one
    deliverable each) and drop the pyramid's shape (opener, small share, platform mix,
    must-haves). A scenario with no plan carries its reasons instead of failing the others.
    ``manual`` maps each chosen creator to its deliverables (empty: its best for the
    objective per baht)."""
    flat = replace(
        rules, open_with_big=0, small_share=0.0, platform_shares={}, must_have=frozenset()
    )
    found = [
        _scenario(
            "all_mega",
            [o for o in options if o.candidate.tier == "mega"],
            flat,
            budget_thb,
            objective,
            audience,
            "mega",
        ),
        _scenario("pyramid", list(options), rules, budget_thb, objective, audience, None),
        _scenario(
            "all_small",
            [o for o in options if o.candidate.tier in SMALL_TIERS],
            flat,
            budget_thb,
            objective,
            audience,
            "micro",
        ),
    ]
    if manual is not None:
        found.append(manual_scenario(options, manual, budget_thb, objective, audience))
    return tuple(found)


def _scenario(
    name: str,
    options: list[Option],
    rules: Rules,
    budget_thb: float,
    objective: Objective,
    audience: Audience | None,
    tier: str | None,
) -> Scenario:
    if not options and tier is not None:
        return Scenario(name, None, None, (said.ERR_NO_SCENARIO(tier=tier),))
    try:
        plan = optimise(options, rules, budget_thb, objective, audience, time_limit=5.0)
    except PlanError as error:
        return Scenario(name, None, None, error.reasons)
    return Scenario(name, plan, totals([p.option for p in plan.picks], audience))


def manual_scenario(
    options: Sequence[Option],
    manual: Mapping[str, Sequence[Deliverable]],
    budget_thb: float,
    objective: Objective,
    audience: Audience | None,
) -> Scenario:
    """The person's own pick, measured the same way (no rule applied; over budget shows)."""
    by_reference: dict[str, list[Option]] = {}
    for option in options:
        by_reference.setdefault(option.candidate.reference, []).append(option)
    unknown = sorted(set(manual) - set(by_reference))
    if unknown:
        raise PlanError((said.ERR_UNKNOWN(references=unknown),))
    chosen: list[Option] = []
    for reference, deliverables in manual.items():
        owned = by_reference[reference]
        if not deliverables:
            kpi = objective.kpi
            chosen.append(max(owned, key=lambda o: per_thousand(o.value(kpi), o.fee_thb)))
            continue
        for deliverable in deliverables:
            match = [o for o in owned if o.deliverable == deliverable]
            if not match:
                raise PlanError(
                    (
                        said.ERR_UNKNOWN_DELIVERABLE(
                            reference=reference, deliverable=deliverable.value
                        ),
                    )
                )
            chosen.append(match[0])
    sums = totals(chosen, audience)
    plan = Plan(
        picks=tuple(Pick(o, said.PICK_MANUAL()) for o in chosen),
        excluded=(),
        objective=objective,
        budget_thb=budget_thb,
        objective_value=sums.kpis[objective.kpi].value,
        bound=None,
        method="manual",
    )
    return Scenario("manual", plan, sums)
