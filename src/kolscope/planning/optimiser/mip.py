"""The exact plan for objectives linear in the choices (engagements, clicks, conversions, and
reach when no overlap is known): a mixed-integer program solved by HiGHS.

Each creator's choices are *bundles*: any non-empty set of their priced options (one option
only under "one deliverable each"). Variable ``z[b]`` = 1 buys bundle ``b``; maximise the sum of
the bundles' forecast KPI subject to:

- one bundle per creator at most: sum of ``z`` over the creator's bundles <= 1 (= 1 for a
  must-have of ``rules.must_have``; the entry point folds ``Candidate.must_have`` into it),
  so "creator c is in the plan" is that sum and needs no variable of its own;
- budget: sum of fees <= budget;
- opener: creators in macro or mega >= ``open_with_big``;
- micro and nano: their fees >= ``small_share`` x budget (a share of the budget, as the rule is
  worded, not of the spend: a plan that spends less still puts that many baht on small tiers);
- at most N creators: creators in the plan <= N;
- overlap: creator a in + creator b in <= 1 for each pair above ``max_overlap``;
- platform mix: least x budget <= fees on the platform <= most x budget.

Bundles rather than an option variable plus a creator variable (``x <= y``) because the
bundle model's LP relaxation is tighter and HiGHS presolves it in a fraction of the time (a
first version with ``x <= y`` took 8 s on 2,000 creators and did not finish on 10,000).

HiGHS runs on one thread with a small relative gap and a time limit. The answer carries the
proven bound, so the plan states how far from the best possible it can be. The LP relaxation
of the same model is the bound the reach planner reports, and with a zero objective the model
is the feasibility test the conflict finder uses.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import highspy
import numpy as np
from scipy import sparse

from kolscope.planning.choices import BIG_TIERS, SMALL_TIERS, Option, Rules

DEFAULT_GAP = 5e-3  # 0.5 %: 1.2 s on 10,000 creators; 0.1 % took 20 s on the same
DEFAULT_TIME_LIMIT = 10.0
_SLACK = 1e-9  # of the budget: tolerance on the money rows, so rounding never breaks a rule
_MOST_TOGETHER = 5  # deliverables of one creator bought together (Deliverable has five)
_ROUNDS = 3  # cores tried (the margin x4 each time) before the whole model
_FIRST_MARGIN = 0.2  # the first core: bundles within a fifth of the asked gap of the LP bound


@dataclass(frozen=True, slots=True)
class Solution:
    """Which options the solve bought, its objective, and the proven upper bound on it."""

    chosen: tuple[int, ...]  # indexes into the options solved
    value: float
    bound: float
    proven: bool  # True when the asked gap was closed (not stopped by the time limit)


@dataclass(frozen=True, slots=True)
class Pair:
    """Two creators (indexes into ``creators_of``) whose audiences overlap too much."""

    first: int
    second: int
    overlap: float


class InfeasibleError(Exception):
    """No choice meets these rules (the conflict finder names which)."""


class OutOfTimeError(Exception):
    """The solver stopped at its time limit before finding any plan."""


def creators_of(options: Sequence[Option]) -> tuple[list[str], np.ndarray]:
    """The distinct creators (by reference, in first-seen order) and each option's creator."""
    index: dict[str, int] = {}
    owner = np.empty(len(options), dtype=np.int64)
    for i, option in enumerate(options):
        owner[i] = index.setdefault(option.candidate.reference, len(index))
    return list(index), owner


def bundles_of(options: Sequence[Option], one_each: bool) -> list[tuple[int, ...]]:
    """What may be bought of each creator: any non-empty set of their options, or one option
    only under one deliverable each."""
    by_creator: dict[str, list[int]] = {}
    for i, option in enumerate(options):
        by_creator.setdefault(option.candidate.reference, []).append(i)
    found: list[tuple[int, ...]] = []
    for owned in by_creator.values():
        most = 1 if one_each else min(len(owned), _MOST_TOGETHER)
        for size in range(1, most + 1):
            found.extend(combinations(owned, size))
    return found


def solve(
    options: Sequence[Option],
    values: Sequence[float] | np.ndarray,
    rules: Rules,
    budget_thb: float,
    pairs: Sequence[Pair] = (),
    *,
    relax: bool = False,
    gap: float = DEFAULT_GAP,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Solution:
    """Maximise ``values`` over ``options`` under the rules; ``relax`` solves the LP relaxation
    (its optimum is then both the value and the bound). Raises ``InfeasibleError``, or
    ``OutOfTimeError`` when the time limit passed before any plan was found.

    The MIP is solved on a core first. The LP relaxation's reduced cost ``d`` of a bundle left
    at zero bounds every plan that buys it by ``LP - |d|``, so bundles with ``|d|`` above a
    margin cannot be in a plan better than ``LP - margin``. The bound for all bundles is then
    the larger of the core's bound and ``LP - margin``; while that is not within the gap of the
    core's plan, the margin grows and the core with it.
    """
    if not options:
        raise InfeasibleError
    model = _Model(options, np.asarray(values, dtype=np.float64), rules, budget_thb, pairs)
    every = np.arange(len(model.bundles))
    deadline = time.perf_counter() + time_limit
    lp = model.solve(every, relax=True, gap=gap, time_limit=time_limit)
    if relax:
        return lp.solution
    margin = max(abs(lp.solution.value) * gap * _FIRST_MARGIN, 1e-9)
    value, bound, proven = -np.inf, np.inf, False
    chosen: tuple[int, ...] = ()
    for round_ in range(_ROUNDS + 1):
        last = round_ == _ROUNDS or time.perf_counter() > deadline
        keep = (lp.primal > 1e-9) | (lp.reduced <= margin) | model.pinned
        core = every if last else every[keep]
        whole = len(core) == len(every)
        try:
            found = model.solve(
                core, relax=False, gap=gap, time_limit=max(deadline - time.perf_counter(), 0.2)
            ).solution
        except InfeasibleError:
            if whole:
                raise
            margin *= 4
            continue
        # A plan outside the core buys a bundle with |d| > margin: it is worth < LP - margin.
        bound = min(bound, max(found.bound, -np.inf if whole else lp.solution.value - margin))
        if found.value > value:
            value, chosen = found.value, found.chosen
        proven = value >= bound - gap * max(abs(bound), 1e-9)
        if proven or whole:
            break
        margin *= 4
    if not chosen and value == -np.inf:
        raise InfeasibleError
    return Solution(chosen, float(value), float(max(bound, value)), proven)


def feasible(
    options: Sequence[Option], rules: Rules, budget_thb: float, pairs: Sequence[Pair] = ()
) -> bool:
    """Whether any choice meets the rules (the objective does not matter)."""
    if not options:
        return False
    model = _Model(options, np.zeros(len(options)), rules, budget_thb, pairs)
    try:
        model.solve(np.arange(len(model.bundles)), relax=False, gap=1.0, time_limit=10.0)
    except InfeasibleError:
        return False
    except OutOfTimeError:
        return True  # unknown: a rule is never blamed on a solver that ran out of time
    return True


@dataclass(frozen=True, slots=True)
class _Solved:
    solution: Solution
    primal: np.ndarray  # per bundle of the model
    reduced: np.ndarray  # |reduced cost| per bundle (inf where not solved)


class _Rows:
    """Rows of the constraint matrix, added one rule at a time."""

    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.lower: list[float] = []
        self.upper: list[float] = []

    def one(self, which: np.ndarray, coef: np.ndarray, lo: float, hi: float) -> None:
        self.many(np.zeros(len(which), dtype=np.int64), which, coef, [lo], [hi])

    def many(
        self, row: np.ndarray, which: np.ndarray, coef: np.ndarray, lo: list[float], hi: list[float]
    ) -> None:
        self.parts.append((row + len(self.lower), which, coef))
        self.lower.extend(lo)
        self.upper.extend(hi)

    def matrix(self, columns: int) -> sparse.csc_matrix:
        values = np.concatenate([p[2] for p in self.parts])
        rows = np.concatenate([p[0] for p in self.parts])
        cols = np.concatenate([p[1] for p in self.parts])
        return sparse.csc_matrix((values, (rows, cols)), shape=(len(self.lower), columns))


class _Model:
    """The rows and bundles of one plan problem, solvable on any subset of its bundles."""

    def __init__(
        self,
        options: Sequence[Option],
        values: np.ndarray,
        rules: Rules,
        budget_thb: float,
        pairs: Sequence[Pair],
    ) -> None:
        self.bundles = bundles_of(options, rules.one_deliverable_each)
        names, owner_of_option = creators_of(options)
        fees = np.array([o.fee_thb for o in options], dtype=np.float64)
        first = np.array([b[0] for b in self.bundles], dtype=np.int64)
        self.fee = np.array([fees[list(b)].sum() for b in self.bundles])
        self.value = np.array([values[list(b)].sum() for b in self.bundles])
        owner = owner_of_option[first]
        candidate = {int(owner[j]): options[int(first[j])].candidate for j in range(len(first))}
        must = np.array([candidate[c].reference in rules.must_have for c in range(len(names))])
        self.pinned = must[owner]
        inf = highspy.kHighsInf
        every = np.arange(len(self.bundles))
        money = self.fee / budget_thb  # money rows in budgets, so the matrix is well scaled
        rows = _Rows()
        rows.one(every, money, -inf, 1.0 + _SLACK)
        rows.many(
            owner, every, np.ones(len(every)), [1.0 if x else -inf for x in must], [1.0] * len(must)
        )
        tier = np.array([candidate[int(c)].tier for c in owner])
        platform = np.array([candidate[int(c)].platform for c in owner])
        if rules.open_with_big > 0:
            big = every[np.isin(tier, list(BIG_TIERS))]
            rows.one(big, np.ones(len(big)), float(rules.open_with_big), inf)
        if rules.small_share > 0:
            small = every[np.isin(tier, list(SMALL_TIERS))]
            rows.one(small, money[small], rules.small_share - _SLACK, inf)
        if rules.max_creators is not None:
            rows.one(every, np.ones(len(every)), -inf, float(rules.max_creators))
        for name, (least, most) in rules.platform_shares.items():
            on = every[platform == name]
            rows.one(on, money[on], least - _SLACK, most + _SLACK if most < 1 else inf)
        for pair in pairs:
            both = every[(owner == pair.first) | (owner == pair.second)]
            rows.one(both, np.ones(len(both)), -inf, 1.0)
        self.matrix = rows.matrix(len(self.bundles))
        self.lower = np.array(rows.lower)
        self.upper = np.array(rows.upper)

    def solve(self, which: np.ndarray, *, relax: bool, gap: float, time_limit: float) -> _Solved:
        sub = self.matrix[:, which].tocsc()
        lp = highspy.HighsLp()
        lp.num_col_ = len(which)
        lp.num_row_ = sub.shape[0]
        lp.col_cost_ = self.value[which]
        lp.col_lower_ = np.zeros(len(which))
        lp.col_upper_ = np.ones(len(which))
        lp.row_lower_ = self.lower
        lp.row_upper_ = self.upper
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = sub.indptr
        lp.a_matrix_.index_ = sub.indices
        lp.a_matrix_.value_ = sub.data
        lp.a_matrix_.num_col_ = len(which)
        lp.a_matrix_.num_row_ = sub.shape[0]
        if not relax:
            lp.integrality_ = [highspy.HighsVarType.kInteger] * len(which)
        # The bare solver: the ``Highs`` wrapper prints a banner to stdout when built (before
        # output_flag can be set), which would break a CLI's JSON output; we use no callbacks.
        h = highspy._core._Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("mip_rel_gap", gap)
        h.setOptionValue("time_limit", time_limit)
        h.setOptionValue("random_seed", 1)
        if relax:  # primal simplex: 0.5 s where the default took 6 s on 70,000 bundles
            h.setOptionValue("simplex_strategy", 4)
        h.passModel(lp)
        h.run()
        status = h.getModelStatus()
        info = h.getInfo()
        found = info.primal_solution_status == highspy.kSolutionStatusFeasible
        if status == highspy.HighsModelStatus.kTimeLimit and not found:
            raise OutOfTimeError
        if status not in {highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kTimeLimit}:
            raise InfeasibleError
        if not found:
            raise InfeasibleError
        solution = h.getSolution()
        x = np.zeros(len(self.bundles))
        x[which] = np.asarray(solution.col_value)
        reduced = np.full(len(self.bundles), np.inf)
        value = float(info.objective_function_value)
        if relax:
            reduced[which] = np.abs(np.asarray(solution.col_dual))
            bound = value
        else:
            bound = max(value, float(info.mip_dual_bound))
        cut = 1e-9 if relax else 0.5
        chosen = sorted(i for j in np.flatnonzero(x > cut) for i in self.bundles[j])
        proven = status == highspy.HighsModelStatus.kOptimal
        return _Solved(Solution(tuple(chosen), value, bound, proven), x, reduced)
