"""The visitor's and network's hashes of a click, worked out on the request path.

The same hashes as ``tracking.clicks.hashing`` (``visitor_hash`` and ``network_hash``; a test
checks them equal for random addresses), made quicker for the redirect: the day's salt is
derived once a day instead of on every click (a fifth of the time); a plain IPv4 address
(``203.0.113.9``, already written the standard way) skips ``ipaddress``'s parsing (most of the
rest); and the HMAC is worked out from the two SHA-256 states of the day's key, copied for each
address (RFC 2104: ``H(key ^ opad, H(key ^ ipad, text))``), which takes half the time of the
``hmac`` module's Python wrapper. IPv6 and unusual spellings take the pure functions' path.
"""

from __future__ import annotations

import hashlib
import re
import threading
from datetime import date, timedelta
from typing import Any

from kolscope.tracking.clicks.hashing import (
    BANGKOK,
    HASH_LENGTH,
    ROTATES_AT,
    daily_salt,
    network_hash,
    visitor_hash,
)

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_PLAIN_IPV4 = re.compile(rf"{_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET}")
_EPOCH = date(1970, 1, 1)
_DAY_SHIFT = int((BANGKOK.utcoffset(None) - ROTATES_AT).total_seconds())
_BLOCK = 64  # SHA-256's block size in bytes
UNKNOWN_ADDRESS = "::"
"""Hashed in place of the visitor's address when the server does not know it (a Unix socket)."""


def salt_day_of(epoch_seconds: float) -> date:
    """``hashing.salt_day`` for a time in seconds since 1970: the day turns at 04:00 Bangkok."""
    return _EPOCH + timedelta(days=int((epoch_seconds + _DAY_SHIFT) // 86400))


class VisitorHashes:
    """Hashes of visitors' addresses with the day's salt, derived from ``secret`` once a day."""

    def __init__(self, secret: bytes | str) -> None:
        self._secret = secret
        self._lock = threading.Lock()
        self._day_number = -1
        self._day = _EPOCH
        self._keyed = _hmac_states(b"-")
        daily_salt(secret, _EPOCH)  # refuse a short secret now, not on the first click

    def of(self, ip: str, epoch_seconds: float) -> tuple[str, str]:
        """(visitor hash, network hash) of ``ip`` for a click at ``epoch_seconds``;
        ValueError when ``ip`` is not an IP address."""
        number = int((epoch_seconds + _DAY_SHIFT) // 86400)
        if number != self._day_number:
            self._new_day(number)
        if _PLAIN_IPV4.fullmatch(ip) is None:
            day = self._day
            return visitor_hash(ip, self._secret, day), network_hash(ip, self._secret, day)
        inner, outer = self._keyed
        text = ip.encode("ascii")
        visitor = inner.copy()
        visitor.update(b"ip|" + text)
        visitor_outer = outer.copy()
        visitor_outer.update(visitor.digest())
        network = inner.copy()
        network.update(b"net|" + text[: text.rfind(b".")] + b".0/24")
        network_outer = outer.copy()
        network_outer.update(network.digest())
        return (
            visitor_outer.hexdigest()[:HASH_LENGTH],
            network_outer.hexdigest()[:HASH_LENGTH],
        )

    def _new_day(self, number: int) -> None:
        with self._lock:
            if number == self._day_number:
                return
            day = _EPOCH + timedelta(days=number)
            self._keyed = _hmac_states(daily_salt(self._secret, day))
            self._day = day
            self._day_number = number


def _hmac_states(key: bytes) -> tuple[Any, Any]:
    """The SHA-256 states after the inner and outer padded keys of HMAC-SHA256 (RFC 2104)."""
    if len(key) > _BLOCK:
        key = hashlib.sha256(key).digest()
    padded = key.ljust(_BLOCK, b"\0")
    inner = hashlib.sha256(bytes(byte ^ 0x36 for byte in padded))
    outer = hashlib.sha256(bytes(byte ^ 0x5C for byte in padded))
    return inner, outer
