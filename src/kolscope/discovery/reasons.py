"""The reasons a search result gives: why each creator matched, as messages with numbers
(``discovery/messages.py``), written out in the reader's language at the edge."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from kolscope.discovery import messages as say
from kolscope.discovery.query import (
    FAN_HALF_LIFE_DAYS,
    AudienceCondition,
    ProfileQuery,
    ProfileRow,
    SearchHit,
    SearchRequest,
    TermUse,
)
from kolscope.discovery.scoring.lookalike import Similarity
from kolscope.discovery.scoring.niches import NicheScore
from kolscope.domain.audience import AudienceDimension
from kolscope.domain.brands import Brand
from kolscope.domain.messages import Message, literal
from kolscope.domain.tiers import TierScheme

_EVIDENCE = (
    (re.compile(r"^category: (?P<label>.+)$", re.S), say.EVIDENCE_CATEGORY),
    (re.compile(r'^name: "(?P<term>.+)"$', re.S), say.EVIDENCE_NAME),
    (re.compile(r'^bio: "(?P<term>.+)"$', re.S), say.EVIDENCE_BIO),
    (re.compile(r'^handle: "(?P<term>.+)"$', re.S), say.EVIDENCE_HANDLE),
    (re.compile(r"^via (?P<niche>[a-z_]+)$"), say.EVIDENCE_VIA),
    (re.compile(r"^(?P<term>.+) ×(?P<posts>\d+)$", re.S), say.EVIDENCE_POSTS),
)


def _days_ago(when: datetime | None, today: date) -> int | None:
    if when is None:
        return None
    return max((today - when.date()).days, 0)


def fan_score(posts: int, last: datetime | None, today: date) -> float:
    """How much of a fan: unsponsored posts naming the brand, the latest weighing most (the
    count is discounted by half every 180 days since the latest such post)."""
    days = _days_ago(last, today)
    decay = 1.0 if days is None else 0.5 ** (days / FAN_HALF_LIFE_DAYS)
    return posts * decay


def evidence_message(text: str) -> Message:
    """One piece of a niche's stored evidence ("category: Beauty", '"serum" ×4', "via makeup")
    as a message; anything else is kept as written."""
    for pattern, template in _EVIDENCE:
        found = pattern.match(text)
        if found:
            values: dict[str, object] = dict(found.groupdict())
            if "posts" in values:
                values["posts"] = int(str(values["posts"]))
            return template(**values)
    return literal(text)


def niche_text(score: NicheScore) -> Message:
    evidence = say.joined([evidence_message(e) for e in score.evidence[:3]])
    if evidence is None:
        return say.NICHE(niche=score.niche, confidence=score.confidence)
    return say.NICHE_EVIDENCE(niche=score.niche, confidence=score.confidence, evidence=evidence)


def term_reasons(uses: list[TermUse], skip: set[tuple[str, str]]) -> list[Message]:
    """ "uses #skincaretips in 6 posts", "mentions @brand in 3 posts (2 unsponsored)"."""
    lines = []
    for use in uses:
        if (use.kind, use.term) in skip:
            continue
        if use.kind == "tag":
            line = (
                say.TAG_ONE(tag=use.term)
                if use.posts == 1
                else say.TAG_MANY(tag=use.term, posts=use.posts)
            )
        else:
            template = say.MENTION_ONE if use.posts == 1 else say.MENTION_MANY
            line = template(handle=use.term, posts=use.posts, unsponsored=use.unsponsored)
        if use.last_at:
            line = say.USE_LATEST(use=line, day=use.last_at.date().isoformat())
        lines.append(line)
    return lines


def audience_reason(condition: AudienceCondition) -> Message:
    share = condition.min_share
    if condition.dimension == AudienceDimension.GENDER:
        template = {"female": say.AUDIENCE_FEMALE, "male": say.AUDIENCE_MALE}.get(
            condition.segment, say.AUDIENCE_OTHER
        )
        return template(share=share)
    if condition.dimension == AudienceDimension.AGE:
        return say.AUDIENCE_AGE(share=share, band=condition.segment)
    return say.AUDIENCE_PLACE(share=share, place=condition.segment)


def type_reason(row: ProfileRow) -> Message:
    """ "KOL (0.82): explains, compares or teaches in 18 of 23 posts"."""
    reasons = say.reasons_of(row.facts.get("type_reasons"))
    kind = say.type_label(row.creator_type)
    if reasons:
        return say.CREATOR_TYPE_BECAUSE(kind=kind, confidence=row.type_confidence, why=reasons[0])
    return say.CREATOR_TYPE(kind=kind, confidence=row.type_confidence)


def profile_reasons(row: ProfileRow, query: ProfileQuery) -> list[Message]:
    """The niche and creator type, always; the values behind each other filter asked for."""
    wanted = set(query.niches)
    shown = [n for n in row.niches if n.niche in wanted] or list(row.niches[:1])
    lines = [niche_text(n) for n in shown[:2]]
    lines.append(type_reason(row))
    if query.min_er is not None or query.max_er is not None:
        lines.append(say.ENGAGEMENT(rate=row.engagement_rate))
    if query.min_quality is not None and row.quality_score is not None:
        lines.append(say.QUALITY(score=row.quality_score, verdict=say.verdict(row.verdict)))
    lines.extend(audience_reason(c) for c in query.audience)
    if query.province:
        lines.append(say.BASED_IN(place=row.province))
    if query.min_price is not None or query.max_price is not None:
        lines.append(say.PRICE(low=row.price_low, high=row.price_high))
    if query.active_since is not None and row.last_active is not None:
        lines.append(say.LAST_POST(day=row.last_active.isoformat()))
    return lines


def explain(
    hit: SearchHit,
    request: SearchRequest,
    query: ProfileQuery,
    scheme: TierScheme,
    brand: Brand | None,
    uses: list[TermUse],
    today: date,
) -> SearchHit:
    """The hit with its tier and every reason it matched, most telling first."""
    row = hit.row
    tier = scheme.tier_for(row.followers)
    why: list[Message] = list(hit.why)
    if hit.fit is not None and hit.fit.score is not None:
        best = sorted(
            (p for p in hit.fit.parts if p.score is not None),
            key=lambda p: -(p.score or 0) * p.weight,
        )
        name = brand.name if brand else "the brand"
        fit = (
            say.FIT_BECAUSE(brand=name, score=hit.fit.score, why=best[0].reason)
            if best
            else say.FIT(brand=name, score=hit.fit.score)
        )
        why.insert(0, fit)
    if hit.fan_score is not None and request.fans_of:
        why.insert(0, fan_text(request.fans_of, row, today))
    why.extend(term_reasons(uses, set(query.fans_terms)))
    if query.words:
        typed = " ".join((request.text or "").split()) or " ".join(query.words)
        why.append(say.WORDS(text=typed))
    why.extend(profile_reasons(row, query))
    if request.tier or request.min_followers or request.max_followers:
        why.append(
            say.FOLLOWERS_TIER(followers=row.followers, tier=tier.name, scheme=scheme.name)
            if tier
            else say.FOLLOWERS(followers=row.followers)
        )
    return replace(hit, tier=tier.name if tier else None, why=tuple(why))


def fan_text(brand: str, row: ProfileRow, today: date) -> Message:
    days = _days_ago(row.fan_last, today)
    fan = (
        say.FAN_ONE(brand=brand)
        if row.fan_posts == 1
        else say.FAN_MANY(brand=brand, posts=row.fan_posts)
    )
    return fan if days is None else say.FAN_LATEST(fan=fan, days=days)


def similar_text(seed: str, parts: Similarity) -> Message:
    def show(value: float | None) -> float | None:
        return None if value is None else max(value, 0.0)

    return say.SIMILAR(
        seed=seed,
        overall=parts.overall,
        niche=show(parts.niche),
        content=show(parts.content),
        audience=show(parts.audience),
    )
