"""The rules that judge one creator alone (quality, brand fit, niche match, left out by the
user, too dear for the budget), applied before solving so each exclusion carries its rule and
its numbers: "excluded: quality 41 < 60".

A creator without a score is excluded when a minimum asks for that score: an unknown score
cannot be shown to meet it, and the reason says the score is missing rather than low.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kolscope.domain.messages import Message
from kolscope.planning import messages_optimiser as said
from kolscope.planning.choices import Candidate, Exclusion, Option, Rules


@dataclass(frozen=True, slots=True)
class Screened:
    """The options that passed the one-creator rules, and each creator left out with why."""

    kept: tuple[Option, ...]
    excluded: tuple[Exclusion, ...]

    def reason_for(self, reference: str) -> Message | None:
        for exclusion in self.excluded:
            if exclusion.reference == reference:
                return exclusion.why
        return None


def candidate_failure(candidate: Candidate, rules: Rules) -> Message | None:
    """Why this creator fails a one-creator rule, or None when it passes them all."""
    if candidate.reference in rules.excluded:
        return said.OUT_BY_YOU()
    if rules.min_quality is not None:
        if candidate.quality is None:
            return said.OUT_NO_QUALITY(least=rules.min_quality)
        if candidate.quality < rules.min_quality:
            return said.OUT_QUALITY(quality=candidate.quality, least=rules.min_quality)
    if rules.min_brand_fit is not None:
        if candidate.brand_fit is None:
            return said.OUT_NO_BRAND_FIT(least=rules.min_brand_fit)
        if candidate.brand_fit < rules.min_brand_fit:
            return said.OUT_BRAND_FIT(fit=candidate.brand_fit, least=rules.min_brand_fit)
    if rules.min_niche_match is not None:
        if candidate.niche_match is None:
            return said.OUT_NO_NICHE_MATCH(least=rules.min_niche_match)
        if candidate.niche_match < rules.min_niche_match:
            return said.OUT_NICHE_MATCH(match=candidate.niche_match, least=rules.min_niche_match)
    return None


def screen(options: Sequence[Option], rules: Rules, budget_thb: float) -> Screened:
    """Keep the options whose creator passes the one-creator rules and whose fee fits the
    budget; a creator whose every deliverable is over budget is excluded with the cheapest fee."""
    failures: dict[str, Message | None] = {}
    cheapest: dict[str, float] = {}
    kept: list[Option] = []
    for option in options:
        reference = option.candidate.reference
        if reference not in failures:
            failures[reference] = candidate_failure(option.candidate, rules)
        if failures[reference] is not None:
            continue
        cheapest[reference] = min(cheapest.get(reference, option.fee_thb), option.fee_thb)
        if option.fee_thb <= budget_thb:
            kept.append(option)
    kept_references = {option.candidate.reference for option in kept}
    excluded: list[Exclusion] = []
    for reference, failure in failures.items():
        if failure is not None:
            excluded.append(Exclusion(reference, failure))
        elif reference not in kept_references:
            why = said.OUT_OVER_BUDGET(fee=cheapest[reference], budget=budget_thb)
            excluded.append(Exclusion(reference, why))
    return Screened(tuple(kept), tuple(excluded))
