"""A creator's token in a pasted marketplace affiliate link, and back out of a report.

Marketplaces pay commission through their own affiliate programmes; the brand (or agency)
makes one affiliate link per creator and kolscope tells the creators apart by a token in the
sub-id field that the marketplace copies into its conversion report:

* **Shopee**: ``Sub_id1`` (of ``Sub_id1``–``Sub_id5``). A long affiliate link carries the five
  sub-ids in ``utm_content``, joined by ``-`` (``tok123----``). A short link (``s.shopee.co.th``,
  ``shp.ee``) has them baked in when it is made, so the token must be typed into Shopee's
  custom link tool instead; ``with_token`` refuses to edit one.
* **Lazada**: ``Sub ID 1`` (of ``sub_id1``–``sub_id6``) as a query parameter of the link; when a
  report has no Sub ID 1, the older ``Aff Sub ID`` (``sub_aff_id``) is read instead.
* **TikTok Shop**: no sub-id; its orders are attributed by creator username and content id.

Tokens are letters, digits and underscores: Shopee splits on ``-``, and some reports drop
other punctuation.
"""

from __future__ import annotations

import re
from enum import StrEnum
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

from kolscope.tracking.links.problems import LinkError
from kolscope.tracking.messages_links import (
    BAD_SUB_ID_SLOT,
    BAD_TOKEN,
    NO_SUB_ID,
    NOT_A_MARKETPLACE,
    SHORT_MARKETPLACE_LINK,
)


class Marketplace(StrEnum):
    """A marketplace whose affiliate links creators share."""

    SHOPEE = "shopee"
    LAZADA = "lazada"
    TIKTOK_SHOP = "tiktok_shop"


SUB_ID_SLOTS = {Marketplace.SHOPEE: 5, Marketplace.LAZADA: 6, Marketplace.TIKTOK_SHOP: 0}
SHOPEE_SUB_IDS = "utm_content"  # Shopee's five sub-ids, joined by "-"
LAZADA_FALLBACK = "sub_aff_id"  # Lazada's "Aff Sub ID"
_SHORT_HOSTS = ("s.shopee.", "shp.ee", "shope.ee")
_TOKEN = re.compile(r"[A-Za-z0-9_]{1,50}")


def _split(url: str) -> SplitResult:
    try:
        return urlsplit(url.strip())
    except ValueError:  # an unbalanced "[" or "]": no marketplace writes one
        return urlsplit("")


def _host(url: str) -> str:
    return (_split(url).hostname or "").lower()


def marketplace_of(url: str) -> Marketplace | None:
    """Which marketplace an address belongs to (any country's Shopee or Lazada, TikTok Shop's
    ``shop.tiktok.com`` and product pages), or None."""
    host = _host(url)
    labels = host.split(".")
    if "shopee" in labels or host in {"shp.ee", "shope.ee"} or host.endswith(".shp.ee"):
        return Marketplace.SHOPEE
    if "lazada" in labels or host.endswith(".lzd.co"):
        return Marketplace.LAZADA
    path = _split(url).path
    if host == "shop.tiktok.com" or (host.endswith("tiktok.com") and "/product/" in path):
        return Marketplace.TIKTOK_SHOP
    return None


def is_short_link(url: str) -> bool:
    """A short affiliate link whose sub-ids are fixed when it is made (Shopee's)."""
    host = _host(url)
    return any(host.startswith(short) or host == short for short in _SHORT_HOSTS)


def _marketplace_and_slot(url: str, slot: int) -> Marketplace:
    market = marketplace_of(url)
    if market is None:
        raise LinkError(NOT_A_MARKETPLACE(url=url))
    if market is Marketplace.TIKTOK_SHOP:
        raise LinkError(NO_SUB_ID())
    most = SUB_ID_SLOTS[market]
    if not 1 <= slot <= most:
        raise LinkError(BAD_SUB_ID_SLOT(marketplace=market.value, most=most, slot=slot))
    return market


def with_token(url: str, token: str, slot: int = 1) -> str:
    """``url`` with ``token`` in sub-id field ``slot`` (1 by default: Shopee ``Sub_id1``,
    Lazada ``sub_id1``). Everything else in the link is kept; an old value is replaced."""
    market = _marketplace_and_slot(url, slot)
    if not _TOKEN.fullmatch(token):
        raise LinkError(BAD_TOKEN(token=token))
    if is_short_link(url):
        raise LinkError(SHORT_MARKETPLACE_LINK(url=url, token=token))
    parts = _split(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if market is Marketplace.SHOPEE:
        current = dict(query).get(SHOPEE_SUB_IDS, "")
        subs = (current.split("-") + [""] * 5)[:5]
        subs[slot - 1] = token
        key, value = SHOPEE_SUB_IDS, "-".join(subs)
    else:
        key, value = f"sub_id{slot}", token
    kept = [(k, v) for k, v in query if k != key]
    return urlunsplit(parts._replace(query=urlencode([*kept, (key, value)])))


def token_in(url: str, slot: int = 1) -> str | None:
    """The token in sub-id field ``slot`` of an affiliate link, or None when it is empty.
    For Lazada, an empty ``sub_id1`` falls back to ``sub_aff_id``."""
    market = _marketplace_and_slot(url, slot)
    query = dict(parse_qsl(_split(url).query, keep_blank_values=True))
    if market is Marketplace.SHOPEE:
        subs = (query.get(SHOPEE_SUB_IDS, "").split("-") + [""] * 5)[:5]
        return subs[slot - 1] or None
    found = query.get(f"sub_id{slot}") or (query.get(LAZADA_FALLBACK) if slot == 1 else None)
    return found or None


def token_in_report(row: dict[str, str], market: Marketplace) -> str | None:
    """The creator's token in one row of a marketplace's conversion report: Shopee's
    ``Sub_id1``; Lazada's ``Sub ID 1``, else ``Aff Sub ID``. Header case and spacing vary
    between exports, so headers are compared without them."""
    cells = {re.sub(r"[\s_]", "", key.lower()): (value or "").strip() for key, value in row.items()}
    if market is Marketplace.SHOPEE:
        return cells.get("subid1") or None
    if market is Marketplace.LAZADA:
        return cells.get("subid1") or cells.get("affsubid") or None
    return None
