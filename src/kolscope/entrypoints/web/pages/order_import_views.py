"""A marketplace report's preview made ready for the upload page: which report it is and why,
its first rows as the file writes them, the same rows as kolscope reads them (order, status,
amount, commission, the creator's token or username), and the first problem, each in the
reader's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kolscope.entrypoints.web import i18n, said
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.pages.tracking_views import STATUS_NAMES, named
from kolscope.entrypoints.web.vocabulary import N_
from kolscope.tracking.facade import REPORT_KINDS

KIND_NAMES = {
    "shopee": N_("Shopee affiliate commission report"),
    "lazada": N_("Lazada affiliate conversion report"),
    "tiktok-shop": N_("TikTok Shop affiliate orders"),
}
LAYOUT_NAMES = {
    "shopee-commission": N_("Shopee affiliate commission report"),
    "lazada-conversion": N_("Lazada affiliate conversion report"),
    "tiktok-creator": N_("TikTok Shop creator's order export"),
    "tiktok-seller": N_("TikTok Shop seller's affiliate orders"),
}
PREVIEW_ROWS = 20


def kind_name(kind: str | None) -> str:
    return named(KIND_NAMES, kind)


def kind_choices() -> list[tuple[str, str]]:
    return [(k, kind_name(k)) for k in REPORT_KINDS]


def _money(amount: Any) -> str:
    return "–" if amount is None else i18n.money(float(amount))


def preview_view(
    preview: Callable[..., Any], path: Path, words: said.PageWording
) -> dict[str, Any]:
    """What the review page shows of the file, as kolscope finds it from its columns
    (``preview`` is the report reader's; a kind the person chose is checked on import)."""
    try:
        found = preview(path, None, rows=PREVIEW_ROWS)
    except ValueError as error:  # a file that cannot be read at all names itself
        message = getattr(error, "message", None)
        return {"kind": None, "why": said.say_with(message, words) if message else str(error),
                "header": [], "rows": [], "lines": [], "problem": None}  # fmt: skip
    layout = getattr(found.layout, "value", found.layout)
    kind_found = getattr(found.kind, "value", found.kind)
    return {
        "kind": kind_found,
        "name": named(LAYOUT_NAMES, layout) if layout else "",
        "why": said.say_with(found.reason, words),
        "header": list(found.header),
        "rows": [[row.get(h, "") for h in found.header] for row in found.rows],
        "lines": [_line(line, words) for line in found.lines],
        "problem": said.say_with(found.problem, words) if found.problem is not None else None,
    }


def _line(line: Any, words: said.PageWording) -> dict[str, Any]:
    who = [f"@{line.creator_username.lstrip('@')}"] if line.creator_username else []
    who += [_("token %(token)s") % {"token": s} for s in line.sub_ids]
    return {
        "row": line.row,
        "order_id": line.order_id,
        "item": line.item or "",
        "status": line.status,
        "status_name": named(STATUS_NAMES, line.status),
        "shop_status": line.shop_status or "",
        "ordered_at": i18n.moment(line.ordered_at, buddhist_era=words.buddhist_era),
        "amount": _money(line.amount),
        "commission": _money(line.commission),
        "who": who,
    }
