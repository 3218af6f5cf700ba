"""Reach with overlap: creators who share audiences add less together than apart, so reach is
a submodular function of the chosen set and no linear program states it. It is planned by lazy
greedy (CELF) under the budget.

Three plans are built, each starting from the same seed, and the best is kept:

- ratio greedy: each step adds the option with the most new reach per baht that still fits;
- cost-agnostic greedy: each step adds the option with the most new reach that fits;
- best single: the seed plus the one option that adds the most reach.

With the budget alone, the better of ratio greedy and best single is within ½(1 − 1/e) of the
best plan (Leskovec et al. 2007; Khuller, Moss and Naor 1999). The other rules are kept as
follows, and with them the guarantee is measured (bench), not proven:

- must-haves are the seed; then, while fewer than ``open_with_big`` macro or mega creators are
  in, the big option with the most new reach per baht is added (the opener);
- at most N creators, one deliverable each, and the overlap limit are checked before each add;
- the most share per platform caps that platform's spend; the least shares (and the micro and
  nano share) reserve their baht: an option fits only if what is left still covers every
  minimum not yet met.

If a plan still misses a minimum, the caller falls back to the exact plan on stand-alone reach.

The bound: the LP relaxation of the same rules with each option's stand-alone reach as its
value. Reach is subadditive (the reach of a set is at most the sum of its members' reach, since
the audience a set covers is the union of what each covers), so every plan's reach is at most
its stand-alone sum, which is at most the LP optimum.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kolscope.planning.choices import BIG_TIERS, SMALL_TIERS, Audience, Option, Rules

_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Step:
    """One option added by the greedy, with the new reach it brought."""

    option: int
    gain: float
    opener: bool = False
    seed: bool = False


@dataclass(frozen=True, slots=True)
class Greedy:
    steps: tuple[Step, ...]
    reach: float
    method: str  # "ratio greedy" | "cost-agnostic greedy" | "best single"


class Reach:
    """Deduplicated reach of sets of options, measured through an ``Audience``, memoised."""

    def __init__(self, options: Sequence[Option], audience: Audience | None) -> None:
        self.options = options
        self.audience = audience
        self._cache: dict[frozenset[int], float] = {}

    def of(self, chosen: frozenset[int]) -> float:
        if not chosen:
            return 0.0
        found = self._cache.get(chosen)
        if found is None:
            reaches: dict[int, float] = {}
            followers: dict[int, int] = {}
            for i in chosen:
                candidate = self.options[i].candidate
                reaches[candidate.account_id] = reaches.get(
                    candidate.account_id, 0.0
                ) + self.options[i].value("reach")
                followers[candidate.account_id] = candidate.followers
            if self.audience is None:
                found = sum(reaches.values())
            else:
                found = self.audience.reach(reaches, followers).deduplicated
            self._cache[chosen] = found
        return found


class _State:
    """A plan being built, and whether one more option keeps every rule."""

    def __init__(
        self,
        options: Sequence[Option],
        rules: Rules,
        budget_thb: float,
        too_close: Callable[[int, int], bool],
    ) -> None:
        self.options, self.rules, self.budget = options, rules, budget_thb
        self.too_close = too_close
        self.chosen: list[int] = []
        self.creators: set[int] = set()
        self.spent = 0.0
        self.by_platform: dict[str, float] = {}
        self.small = 0.0

    def minimums(self, extra: Option | None = None) -> float:
        """Baht still owed to the least shares after buying ``extra``."""
        fee = extra.fee_thb if extra else 0.0
        small = self.small + (fee if extra and extra.candidate.tier in SMALL_TIERS else 0.0)
        owed = max(0.0, self.rules.small_share * self.budget - small)
        for platform, (least, _) in self.rules.platform_shares.items():
            on = self.by_platform.get(platform, 0.0)
            if extra and extra.candidate.platform == platform:
                on += fee
            owed += max(0.0, least * self.budget - on)
        return owed

    def fits(self, i: int) -> bool:
        option = self.options[i]
        candidate = option.candidate
        new = candidate.account_id not in self.creators
        if i in self.chosen or self.spent + option.fee_thb > self.budget + _EPSILON:
            return False
        if not new and self.rules.one_deliverable_each:
            return False
        most = self.rules.max_creators
        if new and most is not None and len(self.creators) >= most:
            return False
        share = self.rules.platform_shares.get(candidate.platform)
        if share is not None:
            on = self.by_platform.get(candidate.platform, 0.0) + option.fee_thb
            if on > share[1] * self.budget + _EPSILON:
                return False
        left = self.budget - self.spent - option.fee_thb
        if left + _EPSILON < self.minimums(option):
            return False
        return not (new and any(self.too_close(candidate.account_id, c) for c in self.creators))

    def add(self, i: int) -> None:
        option = self.options[i]
        self.chosen.append(i)
        self.creators.add(option.candidate.account_id)
        self.spent += option.fee_thb
        platform = option.candidate.platform
        self.by_platform[platform] = self.by_platform.get(platform, 0.0) + option.fee_thb
        if option.candidate.tier in SMALL_TIERS:
            self.small += option.fee_thb

    def big_count(self) -> int:
        return len(
            {
                self.options[i].candidate.account_id
                for i in self.chosen
                if self.options[i].candidate.tier in BIG_TIERS
            }
        )


def plan_reach(
    options: Sequence[Option],
    rules: Rules,
    budget_thb: float,
    reach: Reach,
    too_close: Callable[[int, int], bool],
) -> Greedy:
    """The best of ratio greedy, cost-agnostic greedy and best single (all from one seed)."""
    must = {i for i, o in enumerate(options) if o.candidate.reference in rules.must_have}
    plans = [
        _greedy(options, rules, budget_thb, reach, too_close, must, per_baht=True),
        _greedy(options, rules, budget_thb, reach, too_close, must, per_baht=False),
        _greedy(options, rules, budget_thb, reach, too_close, must, per_baht=False, most=1),
    ]
    return max(plans, key=lambda p: p.reach)


def _seeded(
    options: Sequence[Option],
    rules: Rules,
    budget_thb: float,
    reach: Reach,
    too_close: Callable[[int, int], bool],
    must: set[int],
) -> tuple[_State, list[Step], float]:
    state = _State(options, rules, budget_thb, too_close)
    steps: list[Step] = []
    value = 0.0
    # A must-have creator's cheapest option seeds the plan; more of theirs may follow.
    cheapest: dict[int, int] = {}
    for i in sorted(must, key=lambda i: options[i].fee_thb):
        cheapest.setdefault(options[i].candidate.account_id, i)
    for i in cheapest.values():
        state.add(i)
        now = reach.of(frozenset(state.chosen))
        steps.append(Step(i, now - value, seed=True))
        value = now
    while state.big_count() < rules.open_with_big:
        base = frozenset(state.chosen)
        best, best_score = -1, -1.0
        for i, option in enumerate(options):
            if option.candidate.tier not in BIG_TIERS or not state.fits(i):
                continue
            if option.candidate.account_id in state.creators:
                continue
            score = (reach.of(base | {i}) - value) / max(option.fee_thb, _EPSILON)
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            break  # the caller finds the plan short of openers and falls back
        state.add(best)
        now = reach.of(frozenset(state.chosen))
        steps.append(Step(best, now - value, opener=True))
        value = now
    return state, steps, value


def _greedy(
    options: Sequence[Option],
    rules: Rules,
    budget_thb: float,
    reach: Reach,
    too_close: Callable[[int, int], bool],
    must: set[int],
    *,
    per_baht: bool,
    most: int | None = None,
) -> Greedy:
    state, steps, value = _seeded(options, rules, budget_thb, reach, too_close, must)

    def score(gain: float, i: int) -> float:
        return gain / max(options[i].fee_thb, _EPSILON) if per_baht else gain

    # CELF: a max-heap of (stale) scores; a gain only shrinks as the plan grows, so an entry
    # re-measured in this round that stays on top is the best of all.
    base = frozenset(state.chosen)
    heap = [(-score(reach.of(base | {i}) - value, i), i, 0) for i in range(len(options))]
    heapq.heapify(heap)
    added = 0
    round_ = 0
    while heap and (most is None or added < most):
        negative, i, measured = heapq.heappop(heap)
        if not state.fits(i):
            continue  # spending and counts only grow, so what does not fit never will
        if measured != round_:
            gain = reach.of(frozenset(state.chosen) | {i}) - value
            heapq.heappush(heap, (-score(gain, i), i, round_))
            continue
        gain = -negative * (options[i].fee_thb if per_baht else 1.0)
        if gain <= _EPSILON:
            break
        state.add(i)
        value = reach.of(frozenset(state.chosen))
        steps.append(Step(i, gain))
        added += 1
        round_ += 1
    method = (
        "best single" if most == 1 else ("ratio greedy" if per_baht else "cost-agnostic greedy")
    )
    return Greedy(tuple(steps), value, method)


def singles(options: Sequence[Option], reach: Reach) -> list[float]:
    """Each option's stand-alone reach: the values of the LP bound."""
    return [reach.of(frozenset({i})) for i in range(len(options))]
