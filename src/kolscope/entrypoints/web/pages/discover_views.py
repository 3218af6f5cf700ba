"""Discovery results as the web pages show them: labels in the person's language and one view
per result. Reasons (``why``) come from the search as messages, which the templates write in
the reader's language (``|say``); everything returns plain values that the templates escape.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from kolscope.discovery.facade import NICHES, SEARCH_FIELDS, SORTS, SearchHit
from kolscope.discovery.facade import NICHES_BY_ID as BY_ID
from kolscope.domain.messages import Message
from kolscope.domain.platforms import parse_platform
from kolscope.entrypoints.web.i18n import _, current_language


def field_labels() -> dict[str, str]:
    """Each search field's label in the reader's language (from the field declarations), and
    the few other inputs of the discover page."""
    labels = {field.name: _(field.label) for field in SEARCH_FIELDS}
    labels.update(name=_("Name"), shortlist=_("Shortlist"), file=_("File"))
    return labels


def field_helps() -> dict[str, str]:
    """Each search field's help in the reader's language (shown as the input's title)."""
    return {field.name: _(field.help) for field in SEARCH_FIELDS}


def sort_labels() -> dict[str, str]:
    labels = {
        "relevance": _("relevance"),
        "followers": _("most followers"),
        "engagement": _("highest engagement rate"),
        "quality": _("highest quality score"),
        "recent": _("posted most recently"),
        "fit": _("best fit for the brand"),
        "similarity": _("most similar"),
        "fan": _("biggest fans"),
    }
    return {key: labels.get(key, key) for key in SORTS}


def type_labels() -> dict[str, str]:
    return {"kol": _("KOL"), "koc": _("KOC"), "creator": _("Creator")}


def language_labels() -> dict[str, str]:
    return {"th": _("Thai"), "en": _("English"), "mixed": _("Thai and English mixed")}


def niche_label(niche_id: str) -> str:
    niche = BY_ID.get(niche_id)
    if niche is None:
        return niche_id
    return niche.th if current_language() == "th" else niche.en


def niche_options() -> list[tuple[str, str]]:
    """(id, name in the person's language), in the taxonomy's order."""
    return [(n.id, niche_label(n.id)) for n in NICHES]


def creator_url(platform: str, handle: str) -> str:
    """The creator's page (pages/creators.py)."""
    return f"/creators/{quote(platform, safe='')}/{quote(handle, safe='')}"


# Results as shown ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HitView:
    """One result as the table and the cards show it (plain values, escaped by the page)."""

    hit: SearchHit
    reference: str
    url: str
    platform_label: str
    niches: tuple[tuple[str, str, float], ...]  # id, name, confidence
    type_label: str
    type_confidence: str
    quality: str | None
    engagement: str | None
    price: tuple[int | None, int | None] | None
    fit: str | None
    similarity: str | None
    why: tuple[Message, ...]


def hit_view(hit: SearchHit) -> HitView:
    row = hit.row
    platform = parse_platform(row.platform)
    fit = None
    if hit.fit is not None and hit.fit.score is not None:
        fit = f"{hit.fit.score:.0f}"
    return HitView(
        hit=hit,
        reference=hit.reference,
        url=creator_url(row.platform, row.handle),
        platform_label=platform.label if platform else row.platform,
        niches=tuple((n.niche, niche_label(n.niche), n.confidence) for n in row.niches[:3]),
        type_label=type_labels().get(row.creator_type, row.creator_type),
        type_confidence=f"{row.type_confidence:.0%}",
        quality=None if row.quality_score is None else f"{row.quality_score:.0f}",
        engagement=None if row.engagement_rate is None else f"{row.engagement_rate:.2f}%",
        price=None if row.price_low is None else (row.price_low, row.price_high),
        fit=fit,
        similarity=None if hit.similarity is None else f"{hit.similarity:.2f}",
        why=hit.why,
    )


def total_text(total: int, capped: bool) -> str:
    return f"{total:,}+" if capped else f"{total:,}"
