"""Why no plan can be made, named: bad input (a budget of nothing or below the cheapest
deliverable, unknown creators, a must-have that is excluded or over budget, a share outside
0-100 %) and rules that cannot hold together.

Conflicting rules are found with a deletion filter. Start with every rule the person set; for
each in turn, drop it and test whether the rest are still infeasible (one small MIP with no
objective each). If they are, the rule is not needed for the conflict and stays dropped;
otherwise it is kept. What remains is a minimal conflicting set: dropping any one of its rules
makes a plan possible, so each named rule is a real lever, and the budget is always named too.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from kolscope.domain.messages import Message
from kolscope.planning import messages_optimiser as said
from kolscope.planning.choices import Option, PlanError, Rules

Feasible = Callable[[Rules], bool]


@dataclass(frozen=True, slots=True)
class Lever:
    """One rule as a person set it, in words, and the rules without it."""

    said: Message
    without: Callable[[Rules], Rules]


def levers(rules: Rules) -> list[Lever]:
    """Every rule the person set, each as one lever the conflict finder may drop."""
    found: list[Lever] = []
    if rules.open_with_big > 0:
        found.append(
            Lever(
                said.RULE_OPEN_WITH_BIG(count=rules.open_with_big),
                lambda r: replace(r, open_with_big=0),
            )
        )
    if rules.small_share > 0:
        found.append(
            Lever(
                said.RULE_SMALL_SHARE(share=rules.small_share), lambda r: replace(r, small_share=0)
            )
        )
    if rules.max_creators is not None:
        found.append(
            Lever(
                said.RULE_MAX_CREATORS(count=rules.max_creators),
                lambda r: replace(r, max_creators=None),
            )
        )
    if rules.min_quality is not None:
        found.append(
            Lever(
                said.RULE_MIN_QUALITY(least=rules.min_quality),
                lambda r: replace(r, min_quality=None),
            )
        )
    if rules.min_brand_fit is not None:
        found.append(
            Lever(
                said.RULE_MIN_BRAND_FIT(least=rules.min_brand_fit),
                lambda r: replace(r, min_brand_fit=None),
            )
        )
    if rules.min_niche_match is not None:
        found.append(
            Lever(
                said.RULE_MIN_NICHE_MATCH(least=rules.min_niche_match),
                lambda r: replace(r, min_niche_match=None),
            )
        )
    if rules.max_overlap is not None:
        found.append(
            Lever(
                said.RULE_MAX_OVERLAP(share=rules.max_overlap),
                lambda r: replace(r, max_overlap=None),
            )
        )
    for platform, (least, most) in sorted(rules.platform_shares.items()):
        if least > 0:
            found.append(
                Lever(
                    said.RULE_PLATFORM_LEAST(share=least, platform=platform),
                    _platform_without(platform, least=True),
                )
            )
        if most < 1:
            found.append(
                Lever(
                    said.RULE_PLATFORM_MOST(share=most, platform=platform),
                    _platform_without(platform, least=False),
                )
            )
    found.extend(
        Lever(said.RULE_MUST_HAVE(reference=reference), _must_have_without(reference))
        for reference in sorted(rules.must_have)
    )
    if rules.one_deliverable_each:
        found.append(Lever(said.RULE_ONE_EACH(), lambda r: replace(r, one_deliverable_each=False)))
    return found


def _platform_without(platform: str, *, least: bool) -> Callable[[Rules], Rules]:
    def without(rules: Rules) -> Rules:
        shares = dict(rules.platform_shares)
        low, high = shares.get(platform, (0.0, 1.0))
        shares[platform] = (0.0, high) if least else (low, 1.0)
        return replace(rules, platform_shares=shares)

    return without


def _must_have_without(reference: str) -> Callable[[Rules], Rules]:
    def without(rules: Rules) -> Rules:
        return replace(rules, must_have=rules.must_have - {reference})

    return without


def conflicting(rules: Rules, budget_thb: float, feasible: Feasible) -> PlanError:
    """The error naming a minimal set of rules that cannot hold together (with the budget)."""
    kept: list[Lever] = []
    candidates = levers(rules)
    current = rules
    for lever in candidates:
        trial = lever.without(current)
        if feasible(trial):
            kept.append(lever)  # needed: without it the rest can be met
        else:
            current = trial
    named = [lever.said for lever in kept] + [said.RULE_BUDGET(budget=budget_thb)]
    return PlanError(
        (
            said.ERR_CONFLICT(count=len(named)),
            *(said.ERR_CONFLICTING_RULE(rule=rule) for rule in named),
        )
    )


def check_input(  # noqa: PLR0912 (one branch per kind of bad input)
    options: Sequence[Option],
    rules: Rules,
    budget_thb: float,
    excluded_why: Callable[[str], Message | None],
    extra_references: Collection[str] = (),
) -> None:
    """Raise ``PlanError`` for input no rule change can fix: nothing to choose from, a budget
    of nothing or below every fee, unknown creators, shares outside 0-1, a must-have that is
    excluded or costs more than the budget."""
    if budget_thb <= 0:
        raise PlanError((said.ERR_BUDGET(),))
    if not options:
        raise PlanError((said.ERR_NO_OPTIONS(),))
    known = {o.candidate.reference for o in options}
    unknown = sorted((set(rules.must_have) | set(rules.excluded) | set(extra_references)) - known)
    if unknown:
        raise PlanError((said.ERR_UNKNOWN(references=unknown),))
    cheapest = min(options, key=lambda o: o.fee_thb)
    if cheapest.fee_thb > budget_thb:
        raise PlanError(
            (
                said.ERR_BELOW_CHEAPEST(
                    budget=budget_thb, fee=cheapest.fee_thb, reference=cheapest.candidate.reference
                ),
            )
        )
    bad: list[Message] = []
    if not 0 <= rules.small_share <= 1:
        bad.append(said.ERR_BAD_RULE(rule=said.RULE_SMALL_SHARE(share=rules.small_share)))
    if rules.max_overlap is not None and not 0 <= rules.max_overlap <= 1:
        bad.append(said.ERR_BAD_RULE(rule=said.RULE_MAX_OVERLAP(share=rules.max_overlap)))
    if rules.max_creators is not None and rules.max_creators < 1:
        bad.append(said.ERR_BAD_RULE(rule=said.RULE_MAX_CREATORS(count=rules.max_creators)))
    for platform, (least, most) in sorted(rules.platform_shares.items()):
        if not 0 <= least <= most <= 1:
            bad.append(
                said.ERR_BAD_RULE(rule=said.RULE_PLATFORM_LEAST(share=least, platform=platform))
            )
    must = set(rules.must_have) | {o.candidate.reference for o in options if o.candidate.must_have}
    for reference in sorted(must):
        if reference in rules.excluded:
            bad.append(said.ERR_MUST_HAVE_EXCLUDED(reference=reference, why=said.OUT_BY_YOU()))
            continue
        why = excluded_why(reference)
        fees = [o.fee_thb for o in options if o.candidate.reference == reference]
        if why is not None and min(fees) <= budget_thb:
            bad.append(said.ERR_MUST_HAVE_EXCLUDED(reference=reference, why=why))
        elif min(fees) > budget_thb:
            bad.append(
                said.ERR_MUST_HAVE_OVER(reference=reference, fee=min(fees), budget=budget_thb)
            )
    if bad:
        raise PlanError(tuple(bad))
