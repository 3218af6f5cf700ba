"""How well a creator fits a brand's brief, 0-100, with each part's reason and a confidence.

The parts and their published weights are in ``WEIGHTS``. Each known part gives a 0..1 score;
unknown parts (no niche for the brand, no tone notes, no audit, no audience data ...) are left
out and the weights of the others renormalised, and the confidence drops with the weight left
out. When none of the substantive parts (niche, tone, audience, authenticity, review style) is
known, the fit is unknown (None), never a default number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from kolscope.discovery import messages as say
from kolscope.discovery.scoring.creator_type import KOC, KOL, CreatorType
from kolscope.discovery.scoring.niches import NicheScore
from kolscope.discovery.scoring.taxonomy import BY_ID, niche_named, parent_of, related_niches
from kolscope.discovery.scoring.tone import Tone, tone_fit, tone_wanted
from kolscope.domain.brands import Brand
from kolscope.domain.messages import Message

# What each part weighs (they add up to 1; docs/classification.md explains each).
WEIGHTS: dict[str, float] = {
    "niche": 0.30,
    "audience": 0.20,
    "tone": 0.15,
    "authenticity": 0.15,
    "review_style": 0.10,
    "brand_mentions": 0.05,
    "competitors": 0.05,
}
SUBSTANTIVE = ("niche", "audience", "tone", "authenticity", "review_style")
RELATED_CREDIT = 0.6  # a related niche scores this share of a match
FAMILY_CREDIT = 0.8  # a parent or child niche (makeup for a beauty brand)
HIGH_AT, MEDIUM_AT = 0.8, 0.5  # known share of the weight for high / medium confidence


class FitPart(NamedTuple):
    name: str
    score: float | None  # 0..1, None = unknown
    weight: float
    reason: Message


class BrandFit(NamedTuple):
    score: float | None  # 0..100, None when nothing substantive is known
    confidence: str  # "high", "medium" or "low"
    parts: tuple[FitPart, ...]


@dataclass(frozen=True, slots=True)
class FitEvidence:
    niches: tuple[NicheScore, ...]
    creator_type: CreatorType | None
    tone: Tone | None
    quality_score: float | None  # 0..100 from the audit, None unknown
    audience_fit: float | None  # 0..1, None unknown
    brand_posts: int = 0  # unsponsored posts mentioning the brand (handle or hashtag)
    competitor_posts: int = 0  # posts mentioning a competitor
    sponsored_share: float | None = None
    balanced_reviews: float | None = None  # share of review posts with pros and cons


def _niche_part(
    brand: Brand, niches: Sequence[NicheScore], related: Mapping[str, Sequence[str]] | None
) -> FitPart:
    weight = WEIGHTS["niche"]
    wanted_niche = niche_named(brand.niche) if brand.niche else None
    if wanted_niche is None:
        return FitPart("niche", None, weight, say.FIT_NO_BRAND_NICHE())
    wanted = wanted_niche.id
    if not niches:
        return FitPart("niche", None, weight, say.FIT_NO_NICHE())
    near = set(related.get(wanted, ())) if related is not None else set(related_niches(wanted))
    family = {n.id for n in BY_ID.values() if n.parent == wanted} | {parent_of(wanted) or ""}
    best, why = 0.0, None
    for found in niches:
        strength = min(1.0, found.confidence / 0.7)
        if found.niche == wanted:
            credit, how = 1.0, say.FIT_NICHE_SAME
        elif found.niche in family:
            credit, how = FAMILY_CREDIT, say.FIT_NICHE_FAMILY
        elif found.niche in near:
            credit, how = RELATED_CREDIT, say.FIT_NICHE_RELATED
        else:
            continue
        if credit * strength > best:
            best = credit * strength
            why = how(niche=wanted, found=found.niche, confidence=found.confidence)
    if why is None:
        shown = [n.niche for n in niches[:3]]
        return FitPart("niche", 0.0, weight, say.FIT_NICHE_OTHER(niches=shown, niche=wanted))
    return FitPart("niche", round(best, 3), weight, why)


def _tone_part(brand: Brand, tone: Tone | None) -> FitPart:
    weight = WEIGHTS["tone"]
    wanted = tone_wanted(brand.tone_notes)
    if wanted is None:
        return FitPart("tone", None, weight, say.FIT_TONE_UNSET())
    if tone is None:
        return FitPart("tone", None, weight, say.FIT_TONE_UNKNOWN())
    fit = tone_fit(tone, wanted)
    gaps = [
        say.TONE_GAPS[name](value=getattr(tone, name), wanted=getattr(wanted, name))
        for name in Tone._fields
        if abs(getattr(tone, name) - getattr(wanted, name)) >= 0.35
    ]
    differs = say.joined(gaps, say.LIST_PARTS)
    reason = say.FIT_TONE_MATCH() if differs is None else say.FIT_TONE_DIFFERS(gaps=differs)
    return FitPart("tone", fit, weight, reason)


def _review_part(evidence: FitEvidence) -> FitPart:
    weight = WEIGHTS["review_style"]
    kind = evidence.creator_type
    balanced, sponsored = evidence.balanced_reviews, evidence.sponsored_share
    if balanced is None and sponsored is None and kind is None:
        return FitPart("review_style", None, weight, say.FIT_REVIEW_UNKNOWN())
    score, said = 0.5, list[Message]()
    if balanced is not None:
        score = 0.3 + 0.7 * balanced
        said.append(say.FIT_REVIEW_BALANCED(share=balanced))
    if kind is not None and kind.label in (KOL, KOC):
        score = min(1.0, score + 0.15)
        said.append(say.FIT_REVIEW_KIND(kind=say.type_label(kind.label)))
    if sponsored is not None:
        score -= 1.5 * max(0.0, sponsored - 0.2)
        said.append(say.FIT_REVIEW_SPONSORED(share=sponsored))
    reason = say.joined(said, say.LIST_PARTS) or say.FIT_REVIEW_UNKNOWN()
    return FitPart("review_style", round(max(0.0, score), 3), weight, reason)


def _mentions(brand: str, posts: int) -> Message:
    if posts == 1:
        return say.FIT_MENTIONED_ONE(brand=brand)
    return (
        say.FIT_MENTIONED(brand=brand, posts=posts) if posts else say.FIT_NOT_MENTIONED(brand=brand)
    )


def _rivals(posts: int) -> Message:
    if posts == 1:
        return say.FIT_RIVAL_ONE()
    return say.FIT_RIVALS(posts=posts) if posts else say.FIT_NO_RIVALS()


def brand_fit(
    brand: Brand, evidence: FitEvidence, *, related: Mapping[str, Sequence[str]] | None = None
) -> BrandFit:
    """The creator's fit for the brand: parts weighted by ``WEIGHTS``, unknown parts left out.
    ``related`` overrides which niches count as related to the brand's (niche id -> ids)."""
    quality, audience = evidence.quality_score, evidence.audience_fit
    mentions, rivals = max(0, evidence.brand_posts), max(0, evidence.competitor_posts)
    parts = [
        _niche_part(brand, evidence.niches, related),
        FitPart("audience", None, WEIGHTS["audience"], say.FIT_AUDIENCE_UNKNOWN())
        if audience is None
        else FitPart("audience", round(min(1.0, max(0.0, audience)), 3), WEIGHTS["audience"],
                     say.FIT_AUDIENCE(share=audience)),
        _tone_part(brand, evidence.tone),
        FitPart("authenticity", None, WEIGHTS["authenticity"], say.FIT_NOT_AUDITED())
        if quality is None
        else FitPart("authenticity", round(min(100.0, max(0.0, quality)) / 100, 3),
                     WEIGHTS["authenticity"], say.FIT_QUALITY(score=quality)),
        _review_part(evidence),
        FitPart("brand_mentions", (0.3, 0.7, 0.85, 1.0)[min(mentions, 3)],
                WEIGHTS["brand_mentions"],
                _mentions(brand.name, mentions)),
        FitPart("competitors", (1.0, 0.5, 0.2)[min(rivals, 2)], WEIGHTS["competitors"],
                _rivals(rivals)),
    ]  # fmt: skip
    known = [p for p in parts if p.score is not None]
    if not any(p.name in SUBSTANTIVE for p in known):
        return BrandFit(None, "low", tuple(parts))
    total = sum(p.weight for p in known)
    score = 100.0 * sum(p.weight * (p.score or 0.0) for p in known) / total
    share = total / sum(WEIGHTS.values())
    confidence = "high" if share >= HIGH_AT else "medium" if share >= MEDIUM_AT else "low"
    return BrandFit(round(score, 1), confidence, tuple(parts))
