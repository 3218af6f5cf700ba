"""One request to a short link: where it goes, and the click it leaves in the log.

For a live code the answer is a redirect (302) to the link's target with a new click id
(``kc``, and ``ref`` for Shopify stores), and the click is appended to the log **before** the
answer is returned, so no redirect is ever sent for a click the log does not hold. An unknown
or deleted code is "not found" and leaves nothing.

What a click keeps (``ClickRecord``): the time, the link, the method, the referrer's domain,
the visitor's class (browser, OS and device families, kind and reason, from
``clicks.visitor.classify``; never the user agent), the country (from the GeoIP database
when one is configured) and the salted hashes of the address and its network (never the
address). HEAD requests, bots, link previews and headless browsers get their redirect like
everyone and are kept, flagged by their kind, so the counts can leave them out.

The visitor's address is the connection's, or, when the connection comes from a trusted proxy
(``trusted_proxies``), the last address in ``X-Forwarded-For`` that is not a trusted proxy.
"""

from __future__ import annotations

import ipaddress
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from kolscope.tracking.clicks.hashing import referrer_domain
from kolscope.tracking.clicks.visitor import Visitor, classify
from kolscope.tracking.redirect.codemap import CodeMap
from kolscope.tracking.redirect.geoip import CountryLookup
from kolscope.tracking.redirect.journal import ClickJournal
from kolscope.tracking.redirect.record import LIMITS, line_of, visitor_json
from kolscope.tracking.redirect.visitor_hashes import UNKNOWN_ADDRESS, VisitorHashes

Headers = Iterable[tuple[bytes, bytes]]
"""Request headers as ASGI gives them: lower-case names, raw bytes."""


class Redirected(NamedTuple):
    """A click answered: where to send the visitor, and the click's id. (A named tuple: made
    on every click, and a frozen dataclass takes three times as long to make.)"""

    location: str
    click_id: str
    link_id: int


_ID_BYTES = 12
_POOL_IDS = 1024


class _RandomPool:
    """Random bytes from the system's generator, handed out a click id at a time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.bytes = b""
        self.used = 0

    def forget(self) -> None:
        """In a forked child: never hand out the parent's unused bytes."""
        self.lock = threading.Lock()
        self.bytes, self.used = b"", 0


_pool = _RandomPool()
os.register_at_fork(after_in_child=_pool.forget)


def new_click_id() -> str:
    """A click id: 96 random bits as 24 lower-case hexadecimal digits, so it reads the same
    whatever a shop or a spreadsheet does to letter case, and never repeats in practice (a
    repeat would be taken for a replay and counted once: about one chance in a billion over
    ten billion clicks). The bits come from the system's generator (``os.urandom``) a thousand
    ids at a time: one system call per click was a tenth of a click's time."""
    with _pool.lock:
        used = _pool.used
        if used + _ID_BYTES > len(_pool.bytes):
            _pool.bytes, used = os.urandom(_ID_BYTES * _POOL_IDS), 0
        _pool.used = used + _ID_BYTES
        return _pool.bytes[used : used + _ID_BYTES].hex()


def _reason(visitor: Visitor) -> str:
    """The reason's message as compact JSON (read back with ``Message.from_dict``)."""
    return _reason_text(visitor.why.code, tuple(visitor.why.params.items()))


_parts: dict[int, tuple[Visitor, str]] = {}


def _visitor_part(visitor: Visitor) -> str:
    """The visitor's five fields of the log line (JSON), kept per visitor: ``classify`` hands
    out the same object for the same user agent, so the object itself is the key (kept with
    the text, so its id cannot be reused for another while it is here)."""
    kept = _parts.get(id(visitor))
    if kept is not None and kept[0] is visitor:
        return kept[1]
    text = visitor_json(visitor.browser, visitor.os, visitor.device, visitor.kind, _reason(visitor))
    if len(_parts) >= 4096:
        _parts.clear()
    _parts[id(visitor)] = (visitor, text)
    return text


@lru_cache(maxsize=2048)
def _reason_text(code: str, params: tuple[tuple[str, object], ...]) -> str:
    """Within the column's width: a long crawler match is left out; the code always stays."""
    text = json.dumps({"code": code, "params": dict(params)}, separators=(",", ":"))
    if len(text) > LIMITS["visitor_reason"]:
        text = json.dumps({"code": code, "params": {}}, separators=(",", ":"))
    return text


_domain = lru_cache(maxsize=4096)(referrer_domain)  # the same few referrers, over and over


class Redirector:
    """Answers short-link requests from the code map and writes their clicks to the log."""

    def __init__(
        self,
        codes: CodeMap,
        journal: ClickJournal,
        hashes: VisitorHashes,
        *,
        countries: CountryLookup | None = None,
        trusted_proxies: Sequence[str] = (),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.codes = codes
        self.journal = journal
        self._hashes = hashes
        self._countries = countries
        self._proxies = tuple(ipaddress.ip_network(p, strict=False) for p in trusted_proxies)
        self._now = clock

    def click(
        self, method: str, code: str, headers: Headers, client: str | None
    ) -> Redirected | None:
        """The redirect for ``code``, with its click already in the log; None when the code
        is unknown or deleted (nothing is kept). ``headers`` as ASGI gives them."""
        if self.codes.get(code) is None:
            return None
        agent = referrer = forwarded = None
        for name, value in headers:
            if name == b"user-agent":
                agent = value.decode("latin-1")
            elif name == b"referer":
                referrer = value.decode("latin-1")
            elif name == b"x-forwarded-for":
                forwarded = value.decode("latin-1")
        return self.visit(method, code, agent, referrer, forwarded, client)

    def visit(
        self,
        method: str,
        code: str,
        agent: str | None,
        referrer: str | None,
        forwarded: str | None,
        client: str | None,
    ) -> Redirected | None:
        """``click`` with the three headers it reads already found (``User-Agent``,
        ``Referer``, ``X-Forwarded-For``): servers that hand headers over as a mapping."""
        found = self.codes.get(code)
        if found is None:
            return None
        if client and forwarded is None and client[0] != ":":
            address = client  # the usual case: the connection's own address, as it is
        else:
            address = self._address(client, forwarded if self._proxies else None)
        now = self._now()
        visitor = classify(agent, method)
        try:
            visitor_hash, network_hash = self._hashes.of(address, now)
        except ValueError:
            visitor_hash, network_hash = self._hashes.of(UNKNOWN_ADDRESS, now)
        click_id = new_click_id()
        line = line_of(
            click_id,
            found.link_id,
            int(now * 1_000_000),
            method[:8],
            _domain(referrer) if referrer else None,
            _visitor_part(visitor),
            self._countries.country(address) if self._countries is not None else None,
            visitor_hash,
            network_hash,
        )
        self.journal.append(line)
        return Redirected(found.location(click_id), click_id, found.link_id)

    def _address(self, client: str | None, forwarded: str | None) -> str:
        if not client:
            return UNKNOWN_ADDRESS
        if client.startswith("::ffff:") and "." in client:  # IPv4 on a dual-stack socket
            client = client[7:]
        if forwarded is None or not self._trusted(client):
            return client
        for hop in reversed([part.strip() for part in forwarded.split(",")]):
            if not hop:
                continue
            if not self._trusted(hop):
                return hop
        return client

    def _trusted(self, address: str) -> bool:
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(parsed in network for network in self._proxies)

    def close(self) -> None:
        self.journal.close()
