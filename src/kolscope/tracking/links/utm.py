"""UTM-tagged tracking URLs and campaign slugs.

A creator's tracking link sends the visitor to the campaign's destination with the UTM
parameters GA4 reads, all in lower case (GA4 treats ``TikTok`` and ``tiktok`` as two sources):
``utm_source`` the platform, ``utm_medium`` ``influencer`` (or ``social`` / ``affiliate``),
``utm_campaign`` the campaign slug, ``utm_content`` the creator's handle, ``utm_id`` the link id.
``kc`` carries kolscope's click id, and for Shopify stores ``ref`` carries it too: Shopify's
customer journey (``referralCode``) reads ``ref``, so the order names the click.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from kolscope.tracking.links.problems import LinkError
from kolscope.tracking.messages_links import BAD_DESTINATION, BAD_MEDIUM

# The mediums GA4's default channel groups understand for creator traffic; the first is ours.
MEDIUMS = ("influencer", "social", "affiliate")
CLICK_ID = "kc"  # kolscope's click id on the destination
SHOPIFY_REFERRAL = "ref"  # what Shopify's customerJourney referralCode reads
SLUG_LENGTH = 60
_OURS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_id", CLICK_ID)


def campaign_slug(name: str, campaign_id: int | str) -> str:
    """The campaign's ``utm_campaign``: its name as lower-case ASCII words joined by hyphens
    ("Summer Glow 2026" → ``summer-glow-2026``). Accents are dropped (``Café`` → ``cafe``);
    Thai words have no agreed romanisation, so they are left out, and a name with no ASCII
    word at all (``แคมเปญหน้าร้อน``) becomes ``campaign-<id>``, stable and readable in GA4."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", plain.lower())
    slug = "-".join(words)[:SLUG_LENGTH].strip("-")
    return slug or f"campaign-{str(campaign_id).strip().lower()}"


def utm_value(text: str) -> str:
    """One UTM value as GA4 should see it: lower case, trimmed, an ``@`` before a handle
    dropped, inner spaces as hyphens."""
    return re.sub(r"\s+", "-", text.strip().lstrip("@").strip().lower())


def tracking_url(
    destination: str,
    platform: str,
    campaign_slug: str,
    handle: str,
    link_id: str | int,
    click_id: str | None,
    medium: str = "influencer",
    shopify: bool = False,
) -> str:
    """``destination`` with the creator's UTM parameters and the click id added.

    The destination's own query parameters and fragment are kept in order; any UTM parameter
    or ``kc``/``ref`` it already had is replaced, so the report never sees two sources. The
    redirect passes each click's id; ``click_id=None`` gives the tagged URL without ``kc`` and
    ``ref`` (the links sheet's column, for places a redirect cannot go). Refuses
    (``LinkError``) a medium GA4 would not group and a destination that is not http(s)."""
    chosen = medium.strip().lower()
    if chosen not in MEDIUMS:
        raise LinkError(BAD_MEDIUM(medium=medium, known=list(MEDIUMS)))
    try:
        parts = urlsplit(destination.strip())
    except ValueError:  # an unbalanced "[" or "]" in the host
        raise LinkError(BAD_DESTINATION(url=destination)) from None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise LinkError(BAD_DESTINATION(url=destination))
    replaced = set(_OURS) | ({SHOPIFY_REFERRAL} if shopify else set())
    kept = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in replaced
    ]
    ours = [
        ("utm_source", utm_value(str(platform))),
        ("utm_medium", chosen),
        ("utm_campaign", utm_value(campaign_slug)),
        ("utm_content", utm_value(handle)),
        ("utm_id", utm_value(str(link_id))),
    ]
    if click_id is not None:
        ours.append((CLICK_ID, click_id))
        if shopify:
            ours.append((SHOPIFY_REFERRAL, click_id))
    query = urlencode(kept + ours)
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc, parts.path or "/", query, parts.fragment)
    )
