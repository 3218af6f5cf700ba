"""What a click keeps of where it came from: a salted hash of the visitor's IP address and of
their network, and the referrer's domain. Never the raw IP, never the referrer's path.

The salt rotates daily and is not stored anywhere: it is derived from the workspace's secret and
the day (``HMAC-SHA256(secret, "kolscope.clicks.salt|<day>")``), and the IP is hashed with it
(``HMAC-SHA256(salt, "ip|<address>")``). So:

* within one salt day the same IP gives the same hash: unique clicks and bursts can be told
  apart without knowing who anyone is;
* across days the hashes of one IP differ, so a visitor cannot be followed from day to day by
  their hash, in our database or in a copy of it;
* a stolen copy of the click table without the secret cannot be reversed, even by trying all
  4.3 billion IPv4 addresses, because the salt is unknown; with the secret it can (the secret
  re-derives any day's salt), so the secret is what must be guarded, and changing it makes
  every past hash unlinkable for good.

The day changes at 04:00 in Bangkok (:data:`ROTATES_AT`), the quietest hour of Thai traffic,
not at midnight, when people are still scrolling: a visitor clicking again across the change gets
a new hash and counts as unique once more, and that should happen as rarely as possible.

The network (/24 for IPv4, /48 for IPv6, what one household, office or mobile-carrier pool
usually shares) is hashed the same way, with its own label, for the click-fraud signal.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

BANGKOK = timezone(timedelta(hours=7), "Asia/Bangkok")
ROTATES_AT = timedelta(hours=4)
"""The salt day starts at 04:00 Bangkok time."""
IPV4_NETWORK = 24
IPV6_NETWORK = 48
HASH_LENGTH = 32
"""Hex characters kept of each hash: 128 bits, far beyond any chance of two visitors colliding."""
MINIMUM_SECRET = 16
"""Bytes a workspace secret needs at least, so the salts cannot be guessed."""


def salt_day(when: datetime) -> date:
    """The salt day a click at ``when`` (timezone-aware) belongs to."""
    if when.tzinfo is None:
        raise ValueError("a click's time needs its timezone (UTC is fine)")
    return (when.astimezone(BANGKOK) - ROTATES_AT).date()


def daily_salt(secret: bytes | str, day: date) -> bytes:
    """The salt of ``day``, derived from the workspace secret; never stored."""
    key = secret.encode() if isinstance(secret, str) else secret
    if len(key) < MINIMUM_SECRET:
        raise ValueError(f"the workspace secret needs at least {MINIMUM_SECRET} bytes")
    return hmac.new(key, f"kolscope.clicks.salt|{day.isoformat()}".encode(), "sha256").digest()


def visitor_hash(ip: str, secret: bytes | str, day: date) -> str:
    """The visitor's hash: their IP address hashed with the day's salt.

    IPv4 and IPv6 are written the standard way first, so ``::ffff:203.0.113.9`` and
    ``203.0.113.9`` (the same visitor through a dual-stack proxy) give one hash.
    Raises ValueError when ``ip`` is not an IP address."""
    address = _address(ip)
    return _hash(daily_salt(secret, day), f"ip|{address.compressed}")


def network_hash(ip: str, secret: bytes | str, day: date) -> str:
    """The hash of the visitor's network (/24 for IPv4, /48 for IPv6) with the day's salt."""
    address = _address(ip)
    prefix = IPV4_NETWORK if address.version == 4 else IPV6_NETWORK
    network = ipaddress.ip_network(f"{address}/{prefix}", strict=False)
    return _hash(daily_salt(secret, day), f"net|{network.compressed}")


def referrer_domain(referrer: str | None) -> str | None:
    """The referrer's domain only (``m.facebook.com``), lower case, without ``www.``, port,
    path or query (which may hold a person's search words or ids); None when there is no
    usable referrer. An app's referrer (``android-app://jp.naver.line.android/``) keeps the
    app's id, which says which app the click came from; an IP address is not a domain and
    is dropped."""
    if not referrer:
        return None
    try:
        parts = urlsplit(referrer.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https", "android-app") or not host:
        return None
    host = host.rstrip(".")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return None
    if host.startswith("www."):
        host = host[4:]
    return host or None


def _address(ip: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    address = ipaddress.ip_address(ip.strip().split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _hash(salt: bytes, text: str) -> str:
    return hmac.new(salt, text.encode(), hashlib.sha256).hexdigest()[:HASH_LENGTH]
