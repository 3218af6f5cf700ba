"""The reasons a search result gives: why each creator matched, in words with numbers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from kolscope.discovery.query import (
    FAN_HALF_LIFE_DAYS,
    ProfileQuery,
    ProfileRow,
    SearchHit,
    SearchRequest,
    TermUse,
)
from kolscope.discovery.scoring.lookalike import Similarity
from kolscope.discovery.scoring.niches import NicheScore
from kolscope.domain.brands import Brand
from kolscope.domain.quantities import format_count
from kolscope.domain.tiers import TierScheme

TYPE_LABELS = {"kol": "KOL", "koc": "KOC", "creator": "general creator"}


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


def niche_text(score: NicheScore) -> str:
    evidence = ", ".join(score.evidence[:3])
    return f"niche {score.niche} ({score.confidence:.2f}" + (f": {evidence})" if evidence else ")")


def term_reasons(uses: list[TermUse], skip: set[tuple[str, str]]) -> list[str]:
    """ "uses #skincaretips in 6 posts", "mentions @brand in 3 posts (2 unsponsored)"."""
    lines = []
    for use in uses:
        if (use.kind, use.term) in skip:
            continue
        plural = "s" if use.posts != 1 else ""
        if use.kind == "tag":
            line = f"uses #{use.term} in {use.posts} post{plural}"
        else:
            line = (
                f"mentions @{use.term} in {use.posts} post{plural} ({use.unsponsored} unsponsored)"
            )
        if use.last_at:
            line += f", latest {use.last_at.date().isoformat()}"
        lines.append(line)
    return lines


def profile_reasons(row: ProfileRow, query: ProfileQuery) -> list[str]:
    """The niche and creator type, always; the values behind each other filter asked for."""
    wanted = set(query.niches)
    shown = [n for n in row.niches if n.niche in wanted] or list(row.niches[:1])
    lines = [niche_text(n) for n in shown[:2]]
    reasons = row.facts.get("type_reasons") or []
    label = TYPE_LABELS.get(row.creator_type, row.creator_type)
    lines.append(f"{label} ({row.type_confidence:.2f})" + (f": {reasons[0]}" if reasons else ""))
    if query.min_er is not None or query.max_er is not None:
        lines.append(f"engagement rate {_pct(row.engagement_rate)}")
    if query.min_quality is not None and row.quality_score is not None:
        lines.append(f"quality score {row.quality_score:.0f} ({row.verdict})")
    lines.extend(f"audience {c} (from its latest audience report)" for c in query.audience)
    if query.province:
        lines.append(f"based in {row.province}")
    if query.min_price is not None or query.max_price is not None:
        lines.append(
            f"estimated {format_count(row.price_low)}-{format_count(row.price_high)} THB per post"
        )
    if query.active_since is not None and row.last_active is not None:
        lines.append(f"last post {row.last_active.isoformat()}")
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
    why: list[str] = list(hit.why)
    if hit.fit is not None and hit.fit.score is not None:
        best = sorted(
            (p for p in hit.fit.parts if p.score is not None),
            key=lambda p: -(p.score or 0) * p.weight,
        )
        name = brand.name if brand else "the brand"
        why.insert(
            0, f"fit for {name} {hit.fit.score:.0f}/100" + (f": {best[0].reason}" if best else "")
        )
    if hit.fan_score is not None and request.fans_of:
        why.insert(0, fan_text(request.fans_of, row, today))
    why.extend(term_reasons(uses, set(query.fans_terms)))
    if query.words:
        typed = " ".join((request.text or "").split()) or " ".join(query.words)
        why.append(f'bio, captions or hashtags say "{typed}"')
    why.extend(profile_reasons(row, query))
    if request.tier or request.min_followers or request.max_followers:
        why.append(
            f"{format_count(row.followers)} followers"
            + (f", {tier.name} in the {scheme.name} scheme" if tier else "")
        )
    return replace(hit, tier=tier.name if tier else None, why=tuple(why))


def _pct(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.2f}%"


def fan_text(brand: str, row: ProfileRow, today: date) -> str:
    days = _days_ago(row.fan_last, today)
    when = f", latest {days} days ago" if days is not None else ""
    return (
        f"names {brand} in {row.fan_posts} unsponsored post{'s' if row.fan_posts != 1 else ''}"
        + when
    )


def similar_text(seed: str, parts: Similarity) -> str:
    def show(value: float | None) -> str:
        return "unknown" if value is None else f"{max(value, 0.0):.2f}"

    return (
        f"like {seed}: similarity {parts.overall:.2f} (niche {show(parts.niche)}, "
        f"content {show(parts.content)}, audience {show(parts.audience)})"
    )
