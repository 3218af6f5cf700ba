"""Search results as JSON (CLI ``--json`` and the API share this shape) and as flat rows for
CSV and XLSX exports of a search or a shortlist."""

from __future__ import annotations

from typing import Any

from kolscope.discovery.query import SearchHit, SearchResult

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
        "why": list(hit.why),
        "reference": hit.reference,
        "display_name": row.display_name,
        "niche_details": [
            {"niche": n.niche, "confidence": round(n.confidence, 3), "evidence": list(n.evidence)}
            for n in row.niches
        ],
        "creator_type_confidence": round(row.type_confidence, 3),
        "creator_type_reasons": list(row.facts.get("type_reasons") or []),
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
                    "reason": part.reason,
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
        "notes": list(result.notes),
        "results": [hit_dict(hit) for hit in result.hits],
    }


def export_row(hit: SearchHit, note: str | None = None) -> dict[str, Any]:
    """A flat row for a spreadsheet (lists joined with "; ")."""
    row = hit.row
    values: dict[str, Any] = {
        "platform": row.platform,
        "handle": row.handle,
        "display_name": row.display_name,
        "followers": row.followers,
        "tier": hit.tier,
        "niches": "; ".join(n.niche for n in row.niches),
        "creator_type": row.creator_type,
        "type_confidence": round(row.type_confidence, 2),
        "quality_score": None if row.quality_score is None else round(row.quality_score, 1),
        "engagement_rate": row.engagement_rate,
        "country": row.country,
        "province": row.province,
        "price_low_thb": row.price_low,
        "price_high_thb": row.price_high,
        "last_active": row.last_active.isoformat() if row.last_active else None,
        "brand_fit": None if hit.fit is None or hit.fit.score is None else round(hit.fit.score),
        "why": "; ".join(hit.why),
    }
    if note is not None:
        values["note"] = note
    return values
