"""Search results as JSON (CLI ``--json`` and the API share this shape) and as flat rows for
CSV and XLSX exports of a search or a shortlist.

JSON keeps machine keys and codes, with each reason and note both as English text (``why``,
``notes``: the contract) and as a message (``reasons``, ``note_messages``: code, params, text).
A table export is written for a reader (``Wording``): its reasons in their language, rates
rounded, and either the stable machine headers with codes (``labels=False``, what outside tools
read) or headers and names in the reader's language (``labels=True``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kolscope.discovery.messages import COLUMNS, reasons_of, type_label
from kolscope.discovery.query import SearchHit, SearchResult
from kolscope.domain.messages import ENGLISH, Wording, join, render

EXPORT_COLUMNS = (
    "platform", "handle", "display_name", "followers", "tier", "niches", "creator_type",
    "type_confidence", "quality_score", "engagement_rate", "country", "province",
    "price_low_thb", "price_high_thb", "last_active", "brand_fit", "why",
)  # fmt: skip


def hit_dict(hit: SearchHit) -> dict[str, Any]:
    """One result: the contract keys (platform, handle, followers, tier, niches, creator_type,
    quality_score, why) and the details behind them."""
    row = hit.row
    data: dict[str, Any] = {
        "platform": row.platform,
        "handle": row.handle,
        "followers": row.followers,
        "tier": hit.tier,
        "niches": [n.niche for n in row.niches],
        "creator_type": row.creator_type,
        "quality_score": None if row.quality_score is None else round(row.quality_score, 1),
        "why": [str(reason) for reason in hit.why],
        "reasons": [reason.to_dict() for reason in hit.why],
        "reference": hit.reference,
        "display_name": row.display_name,
        "niche_details": [
            {"niche": n.niche, "confidence": round(n.confidence, 3), "evidence": list(n.evidence)}
            for n in row.niches
        ],
        "creator_type_confidence": round(row.type_confidence, 3),
        "creator_type_reasons": [str(r) for r in reasons_of(row.facts.get("type_reasons"))],
        "verdict": row.verdict,
        "engagement_rate": row.engagement_rate,
        "country": row.country,
        "province": row.province,
        "language": row.language,
        "verified": row.verified,
        "has_contact": row.has_contact,
        "last_active": row.last_active.isoformat() if row.last_active else None,
        "estimated_price_thb": (
            None
            if row.price_low is None
            else {
                "low": row.price_low,
                "high": row.price_high,
                "basis": row.facts.get("price_basis"),
            }
        ),
    }
    if hit.fit is not None:
        data["brand_fit"] = {
            "score": None if hit.fit.score is None else round(hit.fit.score, 1),
            "confidence": hit.fit.confidence,
            "parts": [
                {
                    "name": part.name,
                    "score": None if part.score is None else round(part.score, 3),
                    "weight": part.weight,
                    "reason": str(part.reason),
                    "reason_message": part.reason.to_dict(),
                }
                for part in hit.fit.parts
            ],
        }
    if hit.similarity is not None:
        data["similarity"] = round(hit.similarity, 4)
    if hit.fan_score is not None:
        data["fan_score"] = round(hit.fan_score, 3)
        data["fan_posts"] = row.fan_posts
        data["fan_last"] = row.fan_last.isoformat() if row.fan_last else None
    return data


def result_dict(result: SearchResult) -> dict[str, Any]:
    return {
        "query": result.request.to_dict(),
        "scheme": result.scheme.name,
        "total": result.total,
        "total_is_lower_bound": result.total_capped,
        "indexed_accounts": result.indexed,
        "notes": [str(note) for note in result.notes],
        "note_messages": [note.to_dict() for note in result.notes],
        "results": [hit_dict(hit) for hit in result.hits],
    }


def export_row(
    hit: SearchHit, note: str | None = None, wording: Wording = ENGLISH, *, names: bool = False
) -> dict[str, Any]:
    """A flat row for a spreadsheet, keyed by ``EXPORT_COLUMNS`` (lists joined with "; "):
    reasons in ``wording``'s language; with ``names``, platform, niches, type, places and tier
    by name in that language (else as codes); rates to 2 decimals, scores whole."""
    row = hit.row

    def name(kind: str, code: str | None) -> str | None:
        return code if not names or code is None else wording.value(kind, code)

    values: dict[str, Any] = {
        "platform": name("platform", row.platform),
        "handle": row.handle,
        "display_name": row.display_name,
        "followers": row.followers,
        "tier": name("tier", hit.tier),
        "niches": "; ".join(name("niche", n.niche) or "" for n in row.niches),
        "creator_type": (
            render(type_label(row.creator_type), wording) if names else row.creator_type
        ),
        "type_confidence": round(row.type_confidence, 2),
        "quality_score": _whole(row.quality_score),
        "engagement_rate": None if row.engagement_rate is None else round(row.engagement_rate, 2),
        "country": name("place", row.country),
        "province": name("place", row.province),
        "price_low_thb": row.price_low,
        "price_high_thb": row.price_high,
        "last_active": row.last_active.isoformat() if row.last_active else None,
        "brand_fit": None if hit.fit is None else _whole(hit.fit.score),
        "why": join(hit.why, wording),
    }
    if note is not None:
        values["note"] = note
    return values


def export_table(
    hits: Iterable[SearchHit],
    wording: Wording = ENGLISH,
    *,
    labels: bool = False,
    notes: Mapping[int, str | None] | None = None,
) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    """The header row and the rows of a CSV or XLSX export (``write_table``'s arguments):
    ``labels`` writes headers and names in ``wording``'s language, else the machine headers
    (``EXPORT_COLUMNS``, then ``note`` for a shortlist's ``notes``) with codes."""
    keys = EXPORT_COLUMNS if notes is None else (*EXPORT_COLUMNS, "note")
    headers = tuple(render(COLUMNS[k](), wording) if labels else k for k in keys)
    rows = []
    for hit in hits:
        note = None if notes is None else notes.get(hit.row.account_id) or ""
        values = export_row(hit, note, wording, names=labels)
        rows.append({header: values.get(key) for header, key in zip(headers, keys, strict=True)})
    return headers, rows


def _whole(value: float | None) -> int | None:
    return None if value is None else round(value)
