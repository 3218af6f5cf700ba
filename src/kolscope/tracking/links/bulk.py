"""A whole campaign's links at once: one short code, tagged URL and QR code per creator.

The marketer picks the destination and presses one button; this makes every creator's link in
one pass (short codes unique among themselves and against the codes taken) and the QR images
for the export ZIP. Storing the links and serving ``/r/<code>`` are the caller's.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kolscope.tracking.links.codes import short_codes
from kolscope.tracking.links.exports import CreatorLink
from kolscope.tracking.links.qr import qr_file_name, qr_png, qr_svg
from kolscope.tracking.links.utm import tracking_url


@dataclass(frozen=True, slots=True)
class LinkFor:
    """Whom a link is for: the creator's handle and platform, the link's id, their code."""

    handle: str
    platform: str
    link_id: str | int
    promo_code: str = ""


def campaign_links(
    creators: Sequence[LinkFor],
    destination: str,
    campaign_slug: str,
    short_base: str,
    taken: Iterable[str],
    medium: str = "influencer",
    shopify: bool = False,
    rng: random.Random | None = None,
) -> list[CreatorLink]:
    """Every creator's link to ``destination`` (already registered for the campaign): a new
    short code, the short URL under ``short_base`` (``https://ks.example/r``), and the tagged
    destination without a click id (the redirect adds one per click)."""
    codes = short_codes(len(creators), taken, rng=rng)
    base = short_base.rstrip("/")
    return [
        CreatorLink(
            handle=creator.handle.lstrip("@"),
            platform=creator.platform,
            short_code=code,
            short_url=f"{base}/{code}",
            tracking_url=tracking_url(
                destination,
                creator.platform,
                campaign_slug,
                creator.handle,
                creator.link_id,
                None,
                medium=medium,
                shopify=shopify,
            ),
            promo_code=creator.promo_code,
        )
        for creator, code in zip(creators, codes, strict=True)
    ]


def qr_images(
    links: Iterable[CreatorLink], kinds: Sequence[str] = ("png", "svg")
) -> list[tuple[str, bytes]]:
    """``(file name, bytes)`` of each link's QR code (of its short URL) in each kind, ready for
    ``exports.zip_files``; a handle on two platforms gets the platform in its name."""
    made: list[tuple[str, bytes]] = []
    for link in links:
        name = f"{link.handle}-{link.platform}"
        for kind in kinds:
            data = qr_png(link.short_url) if kind == "png" else qr_svg(link.short_url)
            made.append((qr_file_name(name, kind), data))
    return made
