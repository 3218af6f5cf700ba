"""The campaign optimiser against brute force on small random instances: the exact plan equals
the best of every subset, the reach plan is within ½(1 − 1/e) of it, every rule holds,
conflicts are named, exclusions are explained."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from itertools import combinations

import numpy as np
import pytest

from kolscope.domain.messages import Message, literal
from kolscope.planning import messages_optimiser as said
from kolscope.planning.choices import (
    BIG_TIERS,
    SMALL_TIERS,
    Candidate,
    Deliverable,
    Estimate,
    Fee,
    Objective,
    Option,
    PlanError,
    Reach,
    Rules,
)
from kolscope.planning.optimiser import compare, optimise, totals

FEE = {"nano": 3_000, "micro": 15_000, "mid": 60_000, "macro": 150_000, "mega": 400_000}
PLATFORMS = ("instagram", "tiktok")
GUARANTEE = 0.5 * (1 - 1 / math.e)


def estimate(value: float) -> Estimate:
    return Estimate(value, value * 0.6, value * 1.5)


def make_options(
    creators: int, seed: int, deliverables: int = 2, quality: bool = True
) -> list[Option]:
    rng = np.random.default_rng(seed)
    found = []
    for c in range(creators):
        tier = ("nano", "micro", "mid", "macro", "mega")[int(rng.integers(5))]
        candidate = Candidate(
            account_id=c,
            reference=f"{PLATFORMS[c % 2]}:kol{c}",
            platform=PLATFORMS[c % 2],
            tier=tier,
            followers=int(FEE[tier] * 5),
            quality=float(rng.uniform(30, 100)) if quality else None,
        )
        for d in list(Deliverable)[:deliverables]:
            fee = round(FEE[tier] * float(rng.lognormal(0, 0.4)))
            reach = FEE[tier] * 2 * float(rng.lognormal(0, 0.5))
            engagements = reach * 0.04 * float(rng.lognormal(0, 0.6))
            forecast = {
                "reach": estimate(reach),
                "views": estimate(reach * 1.4),
                "engagements": estimate(engagements),
                "clicks": estimate(engagements * 0.1),
                "conversions": estimate(engagements * 0.01),
            }
            found.append(
                Option(candidate, d, Fee(fee, fee * 0.8, fee * 1.2, literal("card")), forecast)
            )
    return found


class CoverageAudience:
    """A fake ``Audience``: each account's audience is a set of ids; an account's reach is
    spread evenly over its ids, and a set's reach counts each id once at its highest weight
    (a facility-location function: monotone and submodular, like real coverage)."""

    def __init__(self, accounts: int, seed: int, people: int = 60, known_share: float = 1.0):
        rng = np.random.default_rng(seed)
        self.ids = {
            a: frozenset(
                rng.choice(
                    people, size=int(rng.integers(5, min(25, people))), replace=False
                ).tolist()
            )
            for a in range(accounts)
            if rng.random() < known_share
        }

    def overlap(self, a: int, b: int) -> float | None:
        if a not in self.ids or b not in self.ids:
            return None
        first, second = self.ids[a], self.ids[b]
        return len(first & second) / min(len(first), len(second))

    def reach(self, reaches: Mapping[int, float], followers: Mapping[int, int]) -> Reach:
        best: dict[int, float] = {}
        plain = 0.0
        for account, value in reaches.items():
            ids = self.ids.get(account)
            if not ids:
                plain += value
                continue
            weight = value / len(ids)
            for person in ids:
                best[person] = max(best.get(person, 0.0), weight)
        return Reach(plain + sum(best.values()), sum(followers.values()), plain > 0)

    def known(self, account_ids: Collection[int]) -> frozenset[int]:
        return frozenset(a for a in account_ids if a in self.ids)


def meets(
    chosen: Sequence[Option], rules: Rules, budget: float, audience: CoverageAudience | None
) -> bool:
    """Every rule, checked the plain way."""
    spent = sum(o.fee_thb for o in chosen)
    creators = {o.candidate.account_id: o.candidate for o in chosen}
    if spent > budget + 1e-6:
        return False
    if sum(1 for c in creators.values() if c.tier in BIG_TIERS) < rules.open_with_big:
        return False
    small = sum(o.fee_thb for o in chosen if o.candidate.tier in SMALL_TIERS)
    if small < rules.small_share * budget - 1e-6:
        return False
    if rules.max_creators is not None and len(creators) > rules.max_creators:
        return False
    if rules.one_deliverable_each and len(creators) < len(chosen):
        return False
    for platform, (least, most) in rules.platform_shares.items():
        on = sum(o.fee_thb for o in chosen if o.candidate.platform == platform)
        if not least * budget - 1e-6 <= on <= most * budget + 1e-6:
            return False
    references = {c.reference for c in creators.values()}
    if not rules.must_have <= references or references & rules.excluded:
        return False
    for c in creators.values():
        if rules.min_quality is not None and (c.quality or 0) < rules.min_quality:
            return False
    if rules.max_overlap is not None and audience is not None:
        for a, b in combinations(creators, 2):
            shared = audience.overlap(a, b)
            if shared is not None and shared > rules.max_overlap:
                return False
    return True


def brute_force(
    options: Sequence[Option],
    rules: Rules,
    budget: float,
    score: object,
    audience: CoverageAudience | None = None,
) -> float:
    best = -1.0
    for size in range(len(options) + 1):
        for chosen in combinations(options, size):
            if meets(chosen, rules, budget, audience):
                best = max(best, score(chosen))  # type: ignore[operator]
    return best


def kpi_sum(kpi: str):  # type: ignore[no-untyped-def]
    return lambda chosen: sum(o.value(kpi) for o in chosen)


def reach_of(audience: CoverageAudience):  # type: ignore[no-untyped-def]
    def score(chosen: Sequence[Option]) -> float:
        reaches: dict[int, float] = {}
        for o in chosen:
            reaches[o.candidate.account_id] = reaches.get(o.candidate.account_id, 0) + o.value(
                "reach"
            )
        return audience.reach(reaches, dict.fromkeys(reaches, 1)).deduplicated if chosen else 0.0

    return score


RULE_SETS = [
    Rules(open_with_big=0),
    Rules(open_with_big=1),
    Rules(open_with_big=1, small_share=0.2, max_creators=3),
    Rules(open_with_big=0, platform_shares={"tiktok": (0.3, 0.7)}, one_deliverable_each=True),
    Rules(open_with_big=0, min_quality=50, max_creators=2),
]


@pytest.mark.parametrize("seed", range(12))
def test_exact_plan_equals_brute_force(seed: int) -> None:
    options = make_options(6, seed)
    rules = RULE_SETS[seed % len(RULE_SETS)]
    budget = 0.4 * sum(o.fee_thb for o in options)
    best = brute_force(options, rules, budget, kpi_sum("engagements"))
    if best < 0:
        with pytest.raises(PlanError):
            optimise(options, rules, budget, Objective.ENGAGEMENT, gap=1e-9)
        return
    plan = optimise(options, rules, budget, Objective.ENGAGEMENT, gap=1e-9)
    assert plan.method == "mip"
    assert plan.objective_value == pytest.approx(best, rel=1e-6)
    assert meets([p.option for p in plan.picks], rules, budget, None)
    assert plan.optimality_gap is not None
    assert plan.optimality_gap <= 1e-6


@pytest.mark.parametrize("seed", range(12))
def test_exact_plan_keeps_overlap_limit(seed: int) -> None:
    options = make_options(6, seed + 100)
    audience = CoverageAudience(6, seed)
    rules = Rules(open_with_big=0, max_overlap=0.3)
    budget = 0.5 * sum(o.fee_thb for o in options)
    best = brute_force(options, rules, budget, kpi_sum("conversions"), audience)
    plan = optimise(options, rules, budget, Objective.CONVERSION, audience, gap=1e-9)
    assert plan.objective_value == pytest.approx(best, rel=1e-6)
    assert meets([p.option for p in plan.picks], rules, budget, audience)


@pytest.mark.parametrize("seed", range(15))
def test_reach_plan_within_guarantee(seed: int) -> None:
    options = make_options(6, seed + 200)
    audience = CoverageAudience(6, seed)
    rules = Rules(open_with_big=0)
    budget = 0.35 * sum(o.fee_thb for o in options)
    best = brute_force(options, rules, budget, reach_of(audience), audience)
    plan = optimise(options, rules, budget, Objective.AWARENESS, audience)
    assert plan.method == "celf"
    assert plan.objective_value >= GUARANTEE * best - 1e-6
    assert plan.objective_value <= best + 1e-6
    assert plan.bound is not None
    assert plan.bound >= best - 1e-6  # the LP bound is an upper bound
    assert meets([p.option for p in plan.picks], rules, budget, audience)


@pytest.mark.parametrize("seed", range(10))
def test_reach_plan_keeps_every_rule(seed: int) -> None:
    options = make_options(7, seed + 300)
    audience = CoverageAudience(7, seed)
    rules = replace(RULE_SETS[seed % len(RULE_SETS)], max_overlap=0.5)
    budget = 0.4 * sum(o.fee_thb for o in options)
    best = brute_force(options, rules, budget, reach_of(audience), audience)
    if best < 0:
        with pytest.raises(PlanError):
            optimise(options, rules, budget, Objective.AWARENESS, audience)
        return
    plan = optimise(options, rules, budget, Objective.AWARENESS, audience)
    assert meets([p.option for p in plan.picks], rules, budget, audience)
    assert plan.bound is not None
    assert plan.bound >= best - 1e-6


def codes(messages: Sequence[Message]) -> list[str]:
    found = []
    for m in messages:
        found.append(m.code)
        found.extend(v.code for v in m.params.values() if isinstance(v, Message))
    return found


def test_conflicting_rules_are_named() -> None:
    options = make_options(8, 1)
    big = [o for o in options if o.candidate.tier in BIG_TIERS]
    assert big
    worst_big = max(o.candidate.quality or 0 for o in big)
    rules = Rules(open_with_big=1, min_quality=worst_big + 0.1, max_creators=5)
    with pytest.raises(PlanError) as caught:
        optimise(options, rules, 1e9, Objective.ENGAGEMENT)
    named = codes(caught.value.reasons)
    assert said.RULE_OPEN_WITH_BIG.code in named
    assert said.RULE_MIN_QUALITY.code in named
    assert said.RULE_MAX_CREATORS.code not in named  # not part of the conflict
    assert "conflicting" in str(caught.value)


def test_budget_below_cheapest_and_unknown_creators() -> None:
    options = make_options(4, 2)
    cheapest = min(o.fee_thb for o in options)
    with pytest.raises(PlanError) as caught:
        optimise(options, Rules(open_with_big=0), cheapest - 1, Objective.ENGAGEMENT)
    assert caught.value.reasons[0].code == said.ERR_BELOW_CHEAPEST.code
    with pytest.raises(PlanError) as caught:
        optimise(options, Rules(must_have=frozenset({"tiktok:nobody"})), 1e9, Objective.ENGAGEMENT)
    assert caught.value.reasons[0].code == said.ERR_UNKNOWN.code
    assert "tiktok:nobody" in str(caught.value)


def test_must_have_that_is_excluded_says_why() -> None:
    options = make_options(5, 3)
    low = min(options, key=lambda o: o.candidate.quality or 0).candidate
    rules = Rules(
        open_with_big=0, min_quality=(low.quality or 0) + 1, must_have=frozenset({low.reference})
    )
    with pytest.raises(PlanError) as caught:
        optimise(options, rules, 1e9, Objective.ENGAGEMENT)
    assert said.ERR_MUST_HAVE_EXCLUDED.code in codes(caught.value.reasons)
    assert "quality" in str(caught.value)


def test_every_creator_is_explained() -> None:
    options = make_options(10, 4)
    rules = Rules(open_with_big=1, min_quality=60)
    plan = optimise(options, rules, 300_000, Objective.ENGAGEMENT)
    picked = {p.option.candidate.reference for p in plan.picks}
    left = {e.reference for e in plan.excluded}
    assert picked | left == {o.candidate.reference for o in options}
    assert not picked & left
    for exclusion in plan.excluded:
        creator = next(o.candidate for o in options if o.candidate.reference == exclusion.reference)
        if creator.quality is not None and creator.quality < 60:
            assert exclusion.why.code == said.OUT_QUALITY.code
            assert f"{creator.quality:.0f} < 60" in str(exclusion.why)
    assert all(p.why.code.startswith("plan.optimiser.pick.") for p in plan.picks)


def test_overlap_exclusion_names_the_other_creator() -> None:
    options = make_options(6, 5)
    audience = CoverageAudience(6, 5, people=20)
    plan = optimise(
        options, Rules(open_with_big=0, max_overlap=0.2), 1e6, Objective.ENGAGEMENT, audience
    )
    overlaps = [e for e in plan.excluded if e.why.code == said.OUT_OVERLAP.code]
    assert overlaps
    assert "audience overlap with" in str(overlaps[0].why)


def test_no_audience_is_noted() -> None:
    options = make_options(5, 6)
    plan = optimise(options, Rules(open_with_big=0), 1e5, Objective.AWARENESS)
    assert plan.method == "mip"
    assert said.NOTE_NO_AUDIENCE.code in [n.code for n in plan.notes]


def test_scenarios_side_by_side() -> None:
    options = make_options(20, 7)
    audience = CoverageAudience(20, 7)
    manual = {options[0].candidate.reference: [options[0].deliverable]}
    found = compare(
        options,
        Rules(open_with_big=1, small_share=0.2),
        800_000,
        Objective.ENGAGEMENT,
        audience,
        manual,
    )
    assert [s.name for s in found] == ["all_mega", "pyramid", "all_small", "manual"]
    for scenario in found:
        if scenario.plan is None:
            assert scenario.error
            continue
        assert scenario.totals is not None
        cpe = scenario.totals.cost_per["cpe"]
        assert cpe is not None
        assert cpe.low <= cpe.value <= cpe.high
    manual_totals = found[-1].totals
    assert manual_totals is not None
    assert manual_totals.cost.value == options[0].fee_thb


def test_totals_price_each_kpi() -> None:
    options = make_options(3, 8)[:2]
    sums = totals(options)
    cost = sum(o.fee_thb for o in options)
    views = sum(o.value("views") for o in options)
    assert sums.cpm_basis == "views"
    cpm = sums.cost_per["cpm"]
    assert cpm is not None
    assert cpm.value == pytest.approx(cost / views * 1000)
