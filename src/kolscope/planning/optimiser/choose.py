"""The one entry point: ``optimise`` turns priced options, the pyramid rules, a budget and an
objective into a ``Plan`` with every pick and every exclusion explained.

Engagements and conversions (and reach when no overlap is known) are linear in the choices
and get the exact MIP with its proven gap. Reach with an ``Audience`` is planned by lazy greedy
and carries the LP bound; the caller re-measures the chosen set with the audience sketches.
``audience`` None means no overlap data: reach is then the plain sum and the overlap limit
cannot be applied (a note says so).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kolscope.domain.messages import Message
from kolscope.planning import messages_optimiser as said
from kolscope.planning.choices import (
    BIG_TIERS,
    SMALL_TIERS,
    Audience,
    Exclusion,
    Objective,
    Option,
    Plan,
    PlanError,
    Rules,
)
from kolscope.planning.optimiser import explain, mip
from kolscope.planning.optimiser.conflicts import check_input, conflicting
from kolscope.planning.optimiser.filters import screen
from kolscope.planning.optimiser.reach import Reach, plan_reach, singles


class Overlaps:
    """Audience overlap of pairs of accounts, asked once each."""

    def __init__(self, audience: Audience | None) -> None:
        self.audience = audience
        self._seen: dict[tuple[int, int], float | None] = {}

    def __call__(self, a: int, b: int) -> float | None:
        if self.audience is None or a == b:
            return None
        key = (min(a, b), max(a, b))
        if key not in self._seen:
            self._seen[key] = self.audience.overlap(*key)
        return self._seen[key]

    def pairs(self, options: Sequence[Option], limit: float | None) -> list[mip.Pair]:
        """Every pair of creators above the limit (each pair asked once: n² / 2 questions)."""
        if self.audience is None or limit is None:
            return []
        _, owner = mip.creators_of(options)
        accounts: dict[int, int] = {}
        for i, option in enumerate(options):
            accounts.setdefault(int(owner[i]), option.candidate.account_id)
        known = self.audience.known(list(accounts.values()))
        index = [(c, a) for c, a in sorted(accounts.items()) if a in known]
        found = []
        for k, (first, a) in enumerate(index):
            for second, b in index[k + 1 :]:
                shared = self(a, b)
                if shared is not None and shared > limit:
                    found.append(mip.Pair(first, second, shared))
        return found


def optimise(
    options: Sequence[Option],
    rules: Rules,
    budget_thb: float,
    objective: Objective,
    audience: Audience | None = None,
    *,
    gap: float = mip.DEFAULT_GAP,
    time_limit: float = mip.DEFAULT_TIME_LIMIT,
) -> Plan:
    """The best plan under the rules, or ``PlanError`` naming what stops one."""
    flagged = {o.candidate.reference for o in options if o.candidate.must_have}
    rules = replace(rules, must_have=rules.must_have | flagged)
    screened = screen(options, rules, budget_thb)
    check_input(options, rules, budget_thb, screened.reason_for)
    kept = list(screened.kept)
    overlaps = Overlaps(audience)
    notes: list[Message] = []
    accounts = {o.candidate.account_id for o in kept}
    if audience is None:
        if objective is Objective.AWARENESS or rules.max_overlap is not None:
            notes.append(said.NOTE_NO_AUDIENCE())
    else:
        known = audience.known(accounts)
        if len(known) < len(accounts):
            notes.append(said.NOTE_PARTLY_KNOWN(count=len(known), of=len(accounts)))
    pairs = overlaps.pairs(kept, rules.max_overlap)

    def feasible_under(trial: Rules) -> bool:
        trial_kept = list(screen(options, trial, budget_thb).kept)
        trial_pairs = (
            [] if trial.max_overlap is None else overlaps.pairs(trial_kept, trial.max_overlap)
        )
        return mip.feasible(trial_kept, trial, budget_thb, trial_pairs)

    if objective is Objective.AWARENESS and audience is not None:
        try:
            return _with_share_note(
                _reach_plan(
                    kept, rules, budget_thb, audience, overlaps, pairs, screened.excluded, notes
                ),
                rules,
            )
        except mip.InfeasibleError as error:
            raise conflicting(rules, budget_thb, feasible_under) from error
        except mip.OutOfTimeError as error:
            raise PlanError((said.ERR_OUT_OF_TIME(seconds=time_limit),)) from error
    kpi = objective.kpi
    values = [o.value(kpi) for o in kept]
    try:
        solution = mip.solve(kept, values, rules, budget_thb, pairs, gap=gap, time_limit=time_limit)
    except mip.InfeasibleError as error:
        raise conflicting(rules, budget_thb, feasible_under) from error
    except mip.OutOfTimeError as error:
        raise PlanError((said.ERR_OUT_OF_TIME(seconds=time_limit),)) from error
    plan = Plan(
        picks=explain.mip_picks(kept, solution.chosen, rules, kpi),
        excluded=screened.excluded
        + explain.not_chosen(kept, solution.chosen, rules, kpi, overlaps if audience else None),
        objective=objective,
        budget_thb=budget_thb,
        objective_value=solution.value,
        bound=solution.bound,
        method="mip",
    )
    gap_note = said.NOTE_MIP_GAP if solution.proven else said.NOTE_TIME_LIMIT
    gap_message = gap_note(gap=plan.optimality_gap or 0.0, kpi=said.kpi_name(kpi))
    return _with_share_note(replace(plan, notes=(*notes, gap_message)), rules)


def _with_share_note(plan: Plan, rules: Rules) -> Plan:
    """Shares are of the whole budget, not of the spend: say so when a share rule is set."""
    if rules.small_share <= 0 and not rules.platform_shares:
        return plan
    note = said.NOTE_SHARE_OF_BUDGET(budget=plan.budget_thb, spent=plan.total_cost_thb)
    return replace(plan, notes=(*plan.notes, note))


def _reach_plan(
    kept: list[Option],
    rules: Rules,
    budget_thb: float,
    audience: Audience,
    overlaps: Overlaps,
    pairs: list[mip.Pair],
    screened_out: tuple[Exclusion, ...],
    notes: list[Message],
) -> Plan:
    reach = Reach(kept, audience)
    limit = rules.max_overlap

    def too_close(a: int, b: int) -> bool:
        shared = overlaps(a, b)
        return limit is not None and shared is not None and shared > limit

    greedy = plan_reach(kept, rules, budget_thb, reach, too_close)
    chosen = [step.option for step in greedy.steps]
    value = greedy.reach
    method = greedy.method
    alone = singles(kept, reach)
    bound = mip.solve(kept, alone, rules, budget_thb, pairs, relax=True).value
    missed = _missed_rule(kept, chosen, rules, budget_thb)
    picks = explain.reach_picks(kept, greedy.steps, reach)
    # The exact plan on each creator's own reach, re-measured with overlap, is a fourth
    # candidate: where overlap is light and the creator count binds, it beats the greedy.
    try:
        exact = mip.solve(kept, alone, rules, budget_thb, pairs, gap=0.005, time_limit=5.0)
    except mip.OutOfTimeError:
        if missed is not None:
            raise
    else:
        remeasured = reach.of(frozenset(exact.chosen))
        if missed is not None or remeasured > value:
            chosen, value, method = list(exact.chosen), remeasured, "exact on own reach"
            picks = explain.mip_picks(kept, chosen, rules, "reach")
    if missed is not None:
        notes.append(said.NOTE_CELF_REPAIRED(rule=missed))
    base = frozenset(chosen)

    def gain(i: int) -> float:
        return reach.of(base | {i}) - value

    plan = Plan(
        picks=picks,
        excluded=screened_out + explain.not_chosen(kept, chosen, rules, "reach", overlaps, gain),
        objective=Objective.AWARENESS,
        budget_thb=budget_thb,
        objective_value=value,
        bound=max(bound, value),
        method="celf",
    )
    notes.append(
        said.NOTE_CELF(
            method=said.METHOD_NAMES[method](), bound=plan.bound, gap=plan.optimality_gap or 0.0
        )
    )
    return replace(plan, notes=tuple(notes))


def _missed_rule(
    options: Sequence[Option], chosen: Sequence[int], rules: Rules, budget_thb: float
) -> Message | None:
    """The first rule the greedy plan misses, in words (None when it meets them all): a
    minimum it could not reach, or a limit the seeded must-haves already break."""
    slack = 1e-6 * budget_thb
    if sum(options[i].fee_thb for i in chosen) > budget_thb + slack:  # must-haves seeded
        return said.RULE_BUDGET(budget=budget_thb)
    creators = {options[i].candidate.account_id for i in chosen}
    if rules.max_creators is not None and len(creators) > rules.max_creators:
        return said.RULE_MAX_CREATORS(count=rules.max_creators)
    big = {
        options[i].candidate.account_id for i in chosen if options[i].candidate.tier in BIG_TIERS
    }
    if len(big) < rules.open_with_big:
        return said.RULE_OPEN_WITH_BIG(count=rules.open_with_big)
    small = sum(options[i].fee_thb for i in chosen if options[i].candidate.tier in SMALL_TIERS)
    if small + slack < rules.small_share * budget_thb:
        return said.RULE_SMALL_SHARE(share=rules.small_share)
    for platform, (least, most) in sorted(rules.platform_shares.items()):
        on = sum(options[i].fee_thb for i in chosen if options[i].candidate.platform == platform)
        if on + slack < least * budget_thb:
            return said.RULE_PLATFORM_LEAST(share=least, platform=platform)
        if on > most * budget_thb + slack:
            return said.RULE_PLATFORM_MOST(share=most, platform=platform)
    return None


__all__ = ["optimise"]
