"""Why each creator is in the plan and why each other one is not, in the marketer's words:
"macro opener: 1.2M reach for 80,000 THB", "excluded: 34 % audience overlap with @x",
"not chosen: 12.0 engagements per 1,000 baht at best; the picks average 31.5".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kolscope.planning import messages_optimiser as said
from kolscope.planning.choices import BIG_TIERS, Exclusion, Option, Pick, Rules
from kolscope.planning.optimiser.reach import Reach, Step


def per_thousand(value: float, fee: float) -> float:
    return value / fee * 1000 if fee > 0 else 0.0


def mip_picks(
    options: Sequence[Option], chosen: Sequence[int], rules: Rules, kpi: str
) -> tuple[Pick, ...]:
    """Picks of the exact plan: must-haves, the openers the rule needs, then each pick's rank
    by KPI per baht among the options of its tier."""
    ranked: dict[str, list[float]] = {}
    for option in options:
        score = per_thousand(option.value(kpi), option.fee_thb)
        ranked.setdefault(option.candidate.tier, []).append(score)
    for scores in ranked.values():
        scores.sort(reverse=True)
    big = sorted(
        {options[i].candidate.reference for i in chosen if options[i].candidate.tier in BIG_TIERS},
        key=lambda ref: (
            -sum(options[i].value("reach") for i in chosen if options[i].candidate.reference == ref)
        ),
    )
    openers = set(big[: rules.open_with_big])
    picks: list[Pick] = []
    for i in chosen:
        option = options[i]
        tier, reference = option.candidate.tier, option.candidate.reference
        value, fee = option.value(kpi), option.fee_thb
        name = said.kpi_name(kpi)
        if reference in rules.must_have:
            why = said.PICK_MUST_HAVE(value=value, kpi=name, fee=fee)
        elif reference in openers:
            why = said.PICK_OPENER(tier=tier, reach=option.value("reach"), fee=fee)
        else:
            scores = ranked[tier]
            score = per_thousand(value, fee)
            rank = 1 + sum(1 for s in scores if s > score)
            if rank == 1:
                why = said.PICK_BEST_IN_TIER(kpi=name, tier=tier, value=value, fee=fee)
            else:
                why = said.PICK_RANKED(
                    value=value, kpi=name, fee=fee, rank=rank, of=len(scores), tier=tier
                )
        picks.append(Pick(option, why))
    return tuple(picks)


def reach_picks(options: Sequence[Option], steps: Sequence[Step], reach: Reach) -> tuple[Pick, ...]:
    """Picks of the step-by-step reach plan, each with the new reach it brought."""
    picks: list[Pick] = []
    for step in steps:
        option = options[step.option]
        fee = option.fee_thb
        alone = reach.of(frozenset({step.option}))
        if step.seed:
            why = said.PICK_MUST_HAVE(value=step.gain, kpi=said.kpi_name("reach"), fee=fee)
        elif step.opener:
            why = said.PICK_OPENER(tier=option.candidate.tier, reach=step.gain, fee=fee)
        else:
            covered = 1 - step.gain / alone if alone > 0 else 0.0
            why = said.PICK_ADDS_REACH(gain=step.gain, fee=fee, overlap=max(0.0, covered))
        picks.append(Pick(option, why))
    return tuple(picks)


def not_chosen(
    options: Sequence[Option],
    chosen: Sequence[int],
    rules: Rules,
    kpi: str,
    overlap: Callable[[int, int], float | None] | None,
    gain: Callable[[int], float] | None = None,
) -> tuple[Exclusion, ...]:
    """Each creator that passed the rules but is not in the plan, with why: too much overlap
    with a pick, the plan already full, or less value per baht than the picks."""
    picked = {options[i].candidate.account_id: options[i].candidate.reference for i in chosen}
    spent = sum(options[i].fee_thb for i in chosen)
    average = per_thousand(sum(options[i].value(kpi) for i in chosen), spent)
    full = rules.max_creators is not None and len(picked) >= rules.max_creators
    by_creator: dict[str, list[int]] = {}
    for i, option in enumerate(options):
        if option.candidate.account_id not in picked:
            by_creator.setdefault(option.candidate.reference, []).append(i)
    found: list[Exclusion] = []
    for reference, owned in by_creator.items():
        account = options[owned[0]].candidate.account_id
        clash = None
        if overlap is not None and rules.max_overlap is not None:
            for other, other_reference in picked.items():
                shared = overlap(account, other)
                if shared is not None and shared > rules.max_overlap:
                    clash = said.OUT_OVERLAP(
                        overlap=shared, other=other_reference, limit=rules.max_overlap
                    )
                    break
        if clash is not None:
            found.append(Exclusion(reference, clash))
        elif full:
            found.append(Exclusion(reference, said.OUT_FULL(count=len(picked))))
        elif gain is not None:
            best = max(owned, key=lambda i: gain(i) / max(options[i].fee_thb, 1e-9))
            why = said.OUT_LOW_GAIN(gain=gain(best), fee=options[best].fee_thb)
            found.append(Exclusion(reference, why))
        else:
            best_value = max(per_thousand(options[i].value(kpi), options[i].fee_thb) for i in owned)
            why = said.OUT_LOWER_VALUE(value=best_value, kpi=said.kpi_name(kpi), average=average)
            found.append(Exclusion(reference, why))
    return tuple(found)
