"""What a campaign's links and codes export as: rows for the links sheet (CSV/XLSX), rows for
the Shopify and WooCommerce discount imports, and a ZIP of QR images. Pure: rows are lists of
dicts with the column names in order; writing CSV/XLSX is the caller's (the export edge).

The discount-import columns and what each means are in ``docs/tracking.md`` ("Links and
codes"), with where they come from and what is not certain.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from kolscope.tracking.links.promo import DiscountKind, PromoCode


@dataclass(frozen=True, slots=True)
class CreatorLink:
    """One creator's tracking link in a campaign, as exported."""

    handle: str
    platform: str
    short_code: str
    short_url: str
    tracking_url: str
    promo_code: str = ""


LINK_COLUMNS = ("handle", "platform", "short_code", "short_url", "tracking_url", "promo_code")

SHOPIFY_COLUMNS = (
    "title",
    "code",
    "discount_type",
    "discount_value",
    "starts_at",
    "ends_at",
    "usage_limit",
    "once_per_customer",
    "minimum_purchase_amount",
)

WOOCOMMERCE_COLUMNS = (
    "post_title",
    "post_excerpt",
    "post_status",
    "discount_type",
    "coupon_amount",
    "individual_use",
    "usage_limit",
    "usage_limit_per_user",
    "minimum_amount",
    "date_expires",
)


def link_rows(links: Iterable[CreatorLink]) -> list[dict[str, str]]:
    """The links sheet: one row per creator, columns ``LINK_COLUMNS``."""
    return [
        {
            "handle": link.handle,
            "platform": link.platform,
            "short_code": link.short_code,
            "short_url": link.short_url,
            "tracking_url": link.tracking_url,
            "promo_code": link.promo_code,
        }
        for link in links
    ]


def _amount(value: Decimal) -> str:
    """A plain number without thousands separators or currency sign, as both imports want."""
    return format(value.normalize(), "f")


def _title(promo: PromoCode) -> str:
    return f"{promo.campaign} {promo.handle}".strip() or promo.code


def shopify_rows(promos: Sequence[PromoCode]) -> list[dict[str, str]]:
    """Rows for a Shopify discount-code import (columns ``SHOPIFY_COLUMNS``): ``discount_type``
    ``percentage`` or ``fixed``, dates as ``YYYY-MM-DD``, empty cells for no limit."""
    return [
        {
            "title": _title(promo),
            "code": promo.code,
            "discount_type": "percentage" if promo.kind is DiscountKind.PERCENT else "fixed",
            "discount_value": _amount(promo.value),
            "starts_at": promo.starts.isoformat() if promo.starts else "",
            "ends_at": promo.ends.isoformat() if promo.ends else "",
            "usage_limit": str(promo.usage_limit) if promo.usage_limit else "",
            "once_per_customer": "true" if promo.once_per_customer else "false",
            "minimum_purchase_amount": (
                _amount(promo.minimum_order_thb) if promo.minimum_order_thb else ""
            ),
        }
        for promo in promos
    ]


def woocommerce_rows(promos: Sequence[PromoCode]) -> list[dict[str, str]]:
    """Rows for a WooCommerce coupon import (columns ``WOOCOMMERCE_COLUMNS``, WooCommerce's own
    coupon fields): ``discount_type`` ``percent`` or ``fixed_cart``, ``post_status`` publish,
    ``date_expires`` as ``YYYY-MM-DD``. WooCommerce coupons have no start date: a code that
    starts later is exported but should be published on its first day."""
    return [
        {
            "post_title": promo.code,
            "post_excerpt": _title(promo),
            "post_status": "publish",
            "discount_type": "percent" if promo.kind is DiscountKind.PERCENT else "fixed_cart",
            "coupon_amount": _amount(promo.value),
            "individual_use": "yes",
            "usage_limit": str(promo.usage_limit) if promo.usage_limit else "",
            "usage_limit_per_user": "1" if promo.once_per_customer else "",
            "minimum_amount": _amount(promo.minimum_order_thb) if promo.minimum_order_thb else "",
            "date_expires": promo.ends.isoformat() if promo.ends else "",
        }
        for promo in promos
    ]


_EPOCH = (1980, 1, 1, 0, 0, 0)  # the ZIP format's earliest time: the same bytes every export


def zip_files(files: Iterable[tuple[str, bytes]]) -> bytes:
    """A ZIP of ``(name, bytes)`` pairs (the QR images), deterministic: fixed times, the order
    given. A second file of the same name gets ``-2``, ``-3`` before its extension."""
    out = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            unique = _unique(name, seen)
            seen.add(unique)
            info = zipfile.ZipInfo(unique, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def _unique(name: str, seen: set[str]) -> str:
    if name not in seen:
        return name
    stem, dot, ext = name.rpartition(".")
    stem, ext = (stem, "." + ext) if dot else (name, "")
    number = 2
    while f"{stem}-{number}{ext}" in seen:
        number += 1
    return f"{stem}-{number}{ext}"
