"""The evidence brand fit is scored from: the terms that name a brand, and what the search
index holds about one creator (niches, type, tone, quality, brand and competitor posts)."""

from __future__ import annotations

from collections.abc import Sequence

from kolscope.discovery.messages import reasons_of
from kolscope.discovery.query import ProfileRow, TermUse
from kolscope.discovery.scoring.brand_fit import FitEvidence
from kolscope.discovery.scoring.creator_type import CreatorType
from kolscope.discovery.scoring.tone import Tone
from kolscope.domain.brands import Brand
from kolscope.text.search_words import hashtag_key, mention_key


def brand_terms(brand: Brand) -> list[tuple[str, str]]:
    """The mentions and hashtags that name the brand, and its competitors squeezed to one
    word (both kinds), as the index stores terms."""
    terms = [("mention", mention_key(h)) for h in brand.handles]
    terms += [("tag", hashtag_key(h)) for h in brand.hashtags]
    for name in brand.competitors:
        squeezed = hashtag_key(name)
        terms += [("mention", squeezed), ("tag", squeezed)]
    return terms


def fit_evidence(
    row: ProfileRow, uses: Sequence[TermUse], brand: Brand, audience_fit: float | None = None
) -> FitEvidence:
    """What brand fit reads of one creator: its index facts, and how often it named the brand
    (unsponsored) or a competitor."""
    own = {("mention", mention_key(h)) for h in brand.handles}
    own |= {("tag", hashtag_key(h)) for h in brand.hashtags}
    brand_posts = max((u.unsponsored for u in uses if (u.kind, u.term) in own), default=0)
    competitor_posts = max((u.posts for u in uses if (u.kind, u.term) not in own), default=0)
    tone_data = row.facts.get("tone")
    tone = Tone(**tone_data) if isinstance(tone_data, dict) else None
    signals = row.facts.get("type_signals") or {}
    kind = CreatorType(
        row.creator_type,
        row.type_confidence,
        reasons_of(row.facts.get("type_reasons")),
        dict(signals),
    )
    posts_read = row.facts.get("posts_read") or 0
    sponsored = row.facts.get("sponsored_posts")
    return FitEvidence(
        niches=row.niches,
        creator_type=kind,
        tone=tone,
        quality_score=row.quality_score,
        audience_fit=audience_fit,
        brand_posts=brand_posts,
        competitor_posts=competitor_posts,
        sponsored_share=(sponsored / posts_read) if posts_read and sponsored is not None else None,
        balanced_reviews=signals.get("balance_share"),
    )
