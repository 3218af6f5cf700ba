"""Optimiser benchmark: the campaign optimiser beside its baselines, in the same run, on one
core (HiGHS threads=1).

1. Exact plan: 10,000 candidates x 3 deliverables, engagements, 5 side constraints (opener,
   micro/nano share, at most N creators, TikTok share, minimum quality). Target: within 1 % of
   the proven optimum in <= 2 s. Baselines: plain greedy by engagements per baht (budget only;
   which rules it breaks is counted) and the unconstrained solve (budget only).
2. Reach with overlap: 2,000 candidates x 3 deliverables, planned by CELF through a coverage
   ``Audience``; the gap to the LP bound. Target <= 5 s. Baseline: the exact plan on each
   creator's own reach (overlap ignored), re-measured with the same audience.
3. CELF against exhaustive search on 30 small instances (8 options, budget only, and again
   with rules): worst and median ratio. Theory: >= ½(1 − 1/e) = 0.316 with the budget alone.

The candidates are synthetic (tiers, fees, forecasts drawn from lognormals). The audience is
a fake: each account holds a sample of ids from communities, and a set's reach counts each id
once at its highest weight (monotone submodular, like coverage).
Results: key "optimiser" of bench/results/planning.json.

Run: .venv/bin/python bench/bench_optimiser.py
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import time
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from kolscope.domain.messages import literal
from kolscope.planning.choices import (
    BIG_TIERS,
    SMALL_TIERS,
    Candidate,
    Deliverable,
    Estimate,
    Fee,
    Objective,
    Option,
    Reach,
    Rules,
)
from kolscope.planning.optimiser import mip as exact
from kolscope.planning.optimiser import optimise
from kolscope.planning.optimiser.reach import Reach as Measure
from kolscope.planning.optimiser.reach import plan_reach

RESULTS = Path(__file__).parent / "results" / "planning.json"
FEE = {"nano": 4_000, "micro": 20_000, "mid": 80_000, "macro": 250_000, "mega": 900_000}
TIER_SHARE = (0.45, 0.3, 0.15, 0.07, 0.03)
PLATFORMS = ("instagram", "tiktok", "youtube")
GUARANTEE = 0.5 * (1 - 1 / math.e)


def make_options(creators: int, seed: int, deliverables: int = 3) -> list[Option]:
    rng = np.random.default_rng(seed)
    found = []
    for c in range(creators):
        tier = ("nano", "micro", "mid", "macro", "mega")[int(rng.choice(5, p=TIER_SHARE))]
        candidate = Candidate(
            c,
            f"{PLATFORMS[c % 3]}:kol{c}",
            PLATFORMS[c % 3],
            tier,
            int(FEE[tier] * 6),
            quality=float(rng.uniform(20, 100)),
        )
        for d in list(Deliverable)[:deliverables]:
            fee = float(round(FEE[tier] * rng.lognormal(0, 0.4)))
            reach = FEE[tier] * 1.5 * float(rng.lognormal(0, 0.5))
            engagements = reach * 0.05 * float(rng.lognormal(0, 0.7))
            forecast = {
                kpi: Estimate(v, v * 0.6, v * 1.5)
                for kpi, v in (
                    ("reach", reach),
                    ("views", reach * 1.5),
                    ("engagements", engagements),
                    ("clicks", engagements * 0.1),
                    ("conversions", engagements * 0.01),
                )
            }
            found.append(
                Option(candidate, d, Fee(fee, fee * 0.8, fee * 1.2, literal("card")), forecast)
            )
    return found


class CommunityAudience:
    """A fake ``Audience``: accounts draw audience ids mostly from their own community."""

    def __init__(self, accounts: int, seed: int, people: int = 20_000, size: int = 60) -> None:
        rng = np.random.default_rng(seed)
        communities = 40
        per = people // communities
        self.ids: dict[int, np.ndarray] = {}
        for a in range(accounts):
            home = int(rng.integers(communities))
            local = home * per + rng.integers(0, per, size=int(size * 0.8))
            anywhere = rng.integers(0, people, size=size - len(local))
            self.ids[a] = np.unique(np.concatenate([local, anywhere]))
        self.sets = {a: frozenset(ids.tolist()) for a, ids in self.ids.items()}
        self.people = people

    def overlap(self, a: int, b: int) -> float | None:
        first, second = self.sets.get(a), self.sets.get(b)
        if first is None or second is None:
            return None
        return len(first & second) / min(len(first), len(second))

    def reach(self, reaches: Mapping[int, float], followers: Mapping[int, int]) -> Reach:
        best = np.zeros(self.people)
        for account, value in reaches.items():
            ids = self.ids[account]
            np.maximum.at(best, ids, value / len(ids))
        return Reach(float(best.sum()), sum(followers.values()), False)

    def known(self, account_ids: Collection[int]) -> frozenset[int]:
        return frozenset(a for a in account_ids if a in self.ids)


def broken_rules(chosen: Sequence[Option], rules: Rules, budget: float) -> list[str]:
    broken = []
    creators = {o.candidate.account_id: o.candidate for o in chosen}
    if sum(1 for c in creators.values() if c.tier in BIG_TIERS) < rules.open_with_big:
        broken.append("open_with_big")
    if (
        sum(o.fee_thb for o in chosen if o.candidate.tier in SMALL_TIERS)
        < rules.small_share * budget
    ):
        broken.append("small_share")
    if rules.max_creators is not None and len(creators) > rules.max_creators:
        broken.append("max_creators")
    for name, (least, most) in rules.platform_shares.items():
        on = sum(o.fee_thb for o in chosen if o.candidate.platform == name)
        if not least * budget <= on <= most * budget:
            broken.append(f"platform {name}")
    if rules.min_quality is not None and any(
        (c.quality or 0) < rules.min_quality for c in creators.values()
    ):
        broken.append("min_quality")
    return broken


def plain_greedy(options: Sequence[Option], kpi: str, budget: float) -> list[Option]:
    chosen, spent = [], 0.0
    for option in sorted(options, key=lambda o: -o.value(kpi) / o.fee_thb):
        if spent + option.fee_thb <= budget:
            chosen.append(option)
            spent += option.fee_thb
    return chosen


def bench_exact() -> dict[str, Any]:
    options = make_options(10_000, seed=1)
    budget = 8_000_000.0
    rules = Rules(
        open_with_big=2,
        small_share=0.3,
        max_creators=80,
        platform_shares={"tiktok": (0.25, 0.5)},
        min_quality=50,
    )
    started = time.perf_counter()
    plan = optimise(options, rules, budget, Objective.ENGAGEMENT, gap=0.005, time_limit=2.0)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    greedy = plain_greedy(options, "engagements", budget)
    greedy_seconds = time.perf_counter() - started
    greedy_value = sum(o.value("engagements") for o in greedy)
    started = time.perf_counter()
    free = exact.solve(
        options,
        [o.value("engagements") for o in options],
        Rules(open_with_big=0),
        budget,
        gap=0.005,
        time_limit=5.0,
    )
    free_seconds = time.perf_counter() - started
    assert plan.bound is not None
    return {
        "candidates": 10_000,
        "options": len(options),
        "budget_thb": budget,
        "rules": rules.to_dict(),
        "seconds": round(seconds, 3),
        "value": round(plan.objective_value),
        "bound": round(plan.bound),
        "gap": round(plan.optimality_gap or 0.0, 5),
        "picks": len(plan.picks),
        "within_1pct_in_2s": bool((plan.optimality_gap or 0) <= 0.01 and seconds <= 2.0),
        "greedy": {
            "seconds": round(greedy_seconds, 3),
            "value": round(greedy_value),
            "value_vs_bound": round(greedy_value / plan.bound, 4),
            "broken_rules": broken_rules(greedy, rules, budget),
        },
        "unconstrained": {
            "seconds": round(free_seconds, 3),
            "value": round(free.value),
            "gap": round((free.bound - free.value) / free.bound, 5),
            "price_of_rules": round(1 - plan.objective_value / free.value, 4),
        },
    }


def bench_reach() -> dict[str, Any]:
    options = make_options(2_000, seed=2)
    audience = CommunityAudience(2_000, seed=2)
    budget = 3_000_000.0
    rules = Rules(open_with_big=1, small_share=0.2, max_creators=60)
    started = time.perf_counter()
    plan = optimise(options, rules, budget, Objective.AWARENESS, audience)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    plain = exact.solve(
        options, [o.value("reach") for o in options], rules, budget, gap=0.005, time_limit=5.0
    )
    chosen = [options[i] for i in plain.chosen]
    reaches: dict[int, float] = {}
    for o in chosen:
        reaches[o.candidate.account_id] = reaches.get(o.candidate.account_id, 0.0) + o.value(
            "reach"
        )
    plain_measured = audience.reach(reaches, dict.fromkeys(reaches, 1)).deduplicated
    plain_seconds = time.perf_counter() - started
    started = time.perf_counter()
    pure = celf_only(options, rules, budget, audience)
    pure_seconds = time.perf_counter() - started
    assert plan.bound is not None
    return {
        "celf_only": {
            "seconds": round(pure_seconds, 3),
            "reach": round(pure),
            "over_baseline": round(pure / plain_measured, 4),
        },
        "candidates": 2_000,
        "options": len(options),
        "budget_thb": budget,
        "rules": rules.to_dict(),
        "seconds": round(seconds, 3),
        "reach": round(plan.objective_value),
        "lp_bound": round(plan.bound),
        "gap_to_lp_bound": round(plan.optimality_gap or 0.0, 4),
        "picks": len(plan.picks),
        "within_5s": seconds <= 5.0,
        "notes": [str(n) for n in plan.notes],
        "baseline_plain_sum_plan": {
            "seconds": round(plain_seconds, 3),
            "reach_remeasured": round(plain_measured),
            "reach_summed": round(plain.value),
            "celf_over_baseline": round(plan.objective_value / plain_measured, 4),
        },
    }


def exhaustive(
    options: Sequence[Option], rules: Rules, budget: float, audience: CommunityAudience
) -> float:
    best = 0.0
    for size in range(1, len(options) + 1):
        for chosen in combinations(options, size):
            if sum(o.fee_thb for o in chosen) > budget or broken_rules(chosen, rules, budget):
                continue
            if rules.one_deliverable_each and len({o.candidate.account_id for o in chosen}) < size:
                continue
            reaches: dict[int, float] = {}
            for o in chosen:
                reaches[o.candidate.account_id] = reaches.get(
                    o.candidate.account_id, 0.0
                ) + o.value("reach")
            best = max(best, audience.reach(reaches, {}).deduplicated)
    return best


def celf_only(
    options: Sequence[Option], rules: Rules, budget: float, audience: CommunityAudience
) -> float:
    """CELF with the best-single fallback alone (no exact candidate), as the theory states it."""
    measure = Measure(options, audience)
    return plan_reach(options, rules, budget, measure, lambda _a, _b: False).reach


def bench_small(rules: Rules) -> dict[str, Any]:
    celf, full = [], []
    for seed in range(30):
        options = make_options(5, seed=100 + seed, deliverables=2)
        audience = CommunityAudience(5, seed=seed, people=400, size=60)
        budget = 0.35 * sum(o.fee_thb for o in options)
        best = exhaustive(options, rules, budget, audience)
        if best <= 0:
            continue
        try:
            plan = optimise(options, rules, budget, Objective.AWARENESS, audience)
        except ValueError:
            continue
        full.append(plan.objective_value / best)
        celf.append(celf_only(options, rules, budget, audience) / best)
    return {
        "instances": len(celf),
        "celf_worst": round(min(celf), 4),
        "celf_median": round(statistics.median(celf), 4),
        "celf_optimal_share": round(sum(r > 0.9999 for r in celf) / len(celf), 3),
        "optimiser_worst": round(min(full), 4),
        "optimiser_median": round(statistics.median(full), 4),
        "guarantee": round(GUARANTEE, 4),
    }


def main() -> None:
    exact_result = bench_exact()
    reach_result = bench_reach()
    small = {
        "budget_only": bench_small(Rules(open_with_big=0)),
        "with_rules": bench_small(Rules(open_with_big=0, max_creators=2, small_share=0.2)),
    }
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "threads": 1},
        "exact": exact_result,
        "reach": reach_result,
        "celf_vs_exhaustive": small,
    }
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data["optimiser"] = result
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(data, indent=2) + "\n")
    e, r = exact_result, reach_result
    rows = [
        (
            "exact 10k x 3, 5 rules",
            f"{e['seconds']:.2f} s",
            f"gap {e['gap']:.2%}",
            f"greedy {e['greedy']['value_vs_bound']:.3f} of bound, "
            f"breaks {e['greedy']['broken_rules']}",
        ),
        (
            "unconstrained 10k x 3",
            f"{e['unconstrained']['seconds']:.2f} s",
            f"gap {e['unconstrained']['gap']:.2%}",
            f"rules cost {e['unconstrained']['price_of_rules']:.2%}",
        ),
        (
            "reach 2k x 3 (CELF)",
            f"{r['seconds']:.2f} s",
            f"LP gap {r['gap_to_lp_bound']:.2%}",
            f"x{r['baseline_plain_sum_plan']['celf_over_baseline']:.3f} vs plain-sum plan",
        ),
    ]
    for name, ratio in small.items():
        rows.append(
            (
                f"CELF/exhaustive {name}",
                f"{ratio['instances']} runs",
                f"worst {ratio['celf_worst']:.3f}",
                f"median {ratio['celf_median']:.3f} (theory {ratio['guarantee']}); "
                f"optimiser worst {ratio['optimiser_worst']:.3f}",
            )
        )
    for row in rows:
        print(f"{row[0]:<32} {row[1]:>10} {row[2]:>16}  {row[3]}")


if __name__ == "__main__":
    main()
