"""The code map: each live short code and where it sends people, kept in memory.

Loaded from ``tracking_links`` (live links only: a deleted link's code is simply absent, so it
answers "not found") with each campaign's registered destinations, and loaded again when they
change:

* every ``poll_seconds`` (2 s) the map reads a cheap fingerprint of the two tables (counts,
  highest ids and times, total lengths of the addresses) and reloads when it differs;
* when Redis is configured it also listens on ``kolscope:tracking-links``, where the tracking
  service publishes after every change, and reloads at once;
* and it reloads every ``full_seconds`` (60 s) whatever the fingerprint says, for an edit the
  fingerprint cannot see (a target replaced by another of exactly the same length, without
  Redis).

A link is served only when its target is allowed: for a link to a registered destination,
``allowed(target, the campaign's registered destinations)`` (no open redirect, even if a row
were edited by hand); for a pasted marketplace link, when ``marketplace_of(target)`` knows the
marketplace. Anything else is left out of the map (and logged), so it answers "not found".
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from sqlalchemy import Engine, func, select

from kolscope.infra.db import tables as t
from kolscope.tracking.links.marketplace import marketplace_of
from kolscope.tracking.links.redirects import allowed
from kolscope.tracking.links.utm import CLICK_ID, SHOPIFY_REFERRAL

LINKS_CHANNEL = "kolscope:tracking-links"
POLL_SECONDS = 2.0
FULL_SECONDS = 60.0
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Destination:
    """Where one code sends people: the link, the target (the registered destination with the
    creator's UTM tags, without a click id), whether ``ref=`` carries the click id too (Shopify
    stores), the campaign, and the parts the redirect joins a click id into."""

    link_id: int
    target: str
    add_ref: bool
    campaign_id: int
    tagged: bool
    """Whether the click id is added (links to registered destinations; a pasted marketplace
    link goes out exactly as the marketplace made it: its report carries the sub-id token)."""
    before: str
    after: str

    def location(self, click_id: str) -> str:
        """The target with ``kc`` (and ``ref`` for Shopify) set to ``click_id``, the same
        address ``tracking_url(..., click_id=click_id)`` gives."""
        if not self.tagged:
            return self.target
        if self.add_ref:
            return f"{self.before}{click_id}&{SHOPIFY_REFERRAL}={click_id}{self.after}"
        return f"{self.before}{click_id}{self.after}"


def ascii_address(url: str) -> str:
    """``url`` as a ``Location`` header can carry it: a Thai host name in IDNA (punycode),
    other non-ASCII characters (a Thai path) percent-encoded as UTF-8."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    host, colon, port = parts.netloc.rpartition(":")
    if not colon or not port.isdigit():
        host, colon, port = parts.netloc, "", ""
    if not host.isascii():
        host = host.encode("idna").decode("ascii")
    rest = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
    rest = "".join(char if char.isascii() else quote(char, safe="") for char in rest)
    return f"{parts.scheme}://{host}{colon}{port}{rest}"


def destination(
    link_id: int, target: str, campaign_id: int, *, add_ref: bool, tagged: bool
) -> Destination:
    """A destination with its click-id parts worked out once, not on every click."""
    target = ascii_address(target)
    address, hash_mark, fragment = target.partition("#")
    query = urlsplit(address).query
    joiner = "&" if query else ("" if address.endswith("?") else "?")
    before = f"{address}{joiner}{CLICK_ID}="
    return Destination(
        link_id, target, add_ref, campaign_id, tagged, before, f"{hash_mark}{fragment}"
    )


def load_codes(engine: Engine) -> dict[str, Destination]:
    """Every live code whose target may be served, from the database."""
    links, places = t.tracking_links, t.campaign_destinations
    query = (
        select(
            links.c.id,
            links.c.code,
            links.c.target,
            links.c.campaign_id,
            links.c.destination_id,
            places.c.shop_kind,
        )
        .select_from(links.outerjoin(places, places.c.id == links.c.destination_id))
        .where(links.c.deleted_at.is_(None))
    )
    registered: dict[int, list[str]] = defaultdict(list)
    with engine.connect() as db:
        rows = db.execute(query).all()
        for campaign_id, url in db.execute(select(places.c.campaign_id, places.c.url)):
            registered[campaign_id].append(url)
    codes: dict[str, Destination] = {}
    for link_id, code, target, campaign_id, destination_id, shop_kind in rows:
        if destination_id is not None:
            ok = allowed(target, registered[campaign_id])
        else:
            ok = marketplace_of(target) is not None and allowed(target, [target])
        if not ok:
            _log.warning("tracking link %s (%s): target not allowed, not served", link_id, code)
            continue
        codes[code] = destination(
            link_id,
            target,
            campaign_id,
            add_ref=(shop_kind or "").lower() == "shopify",
            tagged=destination_id is not None,
        )
    return codes


def fingerprint(engine: Engine) -> tuple[Any, ...]:
    """What changes whenever a link or destination is added, deleted or edited (nearly always:
    see the module's note); two small aggregate queries."""
    links, places = t.tracking_links, t.campaign_destinations
    with engine.connect() as db:
        first = db.execute(
            select(
                func.count(),
                func.max(links.c.id),
                func.max(links.c.created_at),
                func.max(links.c.deleted_at),
                func.count(links.c.deleted_at),
                func.sum(func.length(links.c.target) + func.length(links.c.code)),
            )
        ).one()
        second = db.execute(
            select(
                func.count(),
                func.max(places.c.id),
                func.sum(func.length(places.c.url)),
                func.sum(func.length(func.coalesce(places.c.shop_kind, ""))),
            )
        ).one()
    return tuple(str(value) for value in (*first, *second))


class CodeMap:
    """The live codes, in memory, kept current by a background thread (``start``).

    ``get`` is a dictionary lookup: the thread builds a new dictionary and swaps it in, so a
    request never waits for a reload."""

    def __init__(
        self,
        engine: Engine,
        *,
        redis_url: str | None = None,
        poll_seconds: float = POLL_SECONDS,
        full_seconds: float = FULL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._redis_url = redis_url
        self.poll_seconds = poll_seconds
        self.full_seconds = full_seconds
        self._clock = clock
        self._codes: Mapping[str, Destination] = {}
        self._fingerprint: tuple[Any, ...] | None = None
        self._loaded_at = 0.0
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self.reloads = 0

    def get(self, code: str) -> Destination | None:
        codes = self._codes
        found = codes.get(code)
        if found is None and not code.islower():
            found = codes.get(code.lower())  # a code read out and typed in capitals
        return found

    def __len__(self) -> int:
        return len(self._codes)

    def reload(self) -> None:
        """Load the codes now."""
        mark = fingerprint(self._engine)
        self._codes = load_codes(self._engine)
        self._fingerprint = mark
        self._loaded_at = self._clock()
        self.reloads += 1

    def refresh(self) -> bool:
        """Reload when the fingerprint changed or the last load is old; whether it did."""
        if self._clock() - self._loaded_at >= self.full_seconds:
            self.reload()
            return True
        if fingerprint(self._engine) != self._fingerprint:
            self.reload()
            return True
        return False

    def changed(self) -> None:
        """Someone said the links changed (Redis): reload on the watcher thread, at once."""
        self._fingerprint = None
        self._wake.set()

    def start(self) -> None:
        """Load now, then keep the map current on background threads until ``close``."""
        self.reload()
        watcher = threading.Thread(target=self._watch, name="code-map", daemon=True)
        self._threads.append(watcher)
        watcher.start()
        if self._redis_url:
            listener = threading.Thread(target=self._listen, name="code-map-redis", daemon=True)
            self._threads.append(listener)
            listener.start()

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()

    def _watch(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.poll_seconds)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.refresh()
            except Exception as error:  # the database is away: keep serving the codes we have
                _log.warning("code map: reload failed, serving the codes loaded before: %s", error)

    def _listen(self) -> None:
        """Reload whenever the tracking service publishes a change; reconnect when Redis goes
        away (the fingerprint poll covers the gap)."""
        import redis

        assert self._redis_url is not None
        while not self._stop.is_set():
            try:
                client = redis.Redis.from_url(self._redis_url, socket_timeout=5)
                pubsub = client.pubsub(ignore_subscribe_messages=True)  # type: ignore[no-untyped-call]
                pubsub.subscribe(LINKS_CHANNEL)
                try:
                    while not self._stop.is_set():
                        if pubsub.get_message(timeout=1.0) is not None:
                            self.changed()
                finally:
                    pubsub.close()
                    client.close()
            except redis.RedisError as error:
                _log.warning("code map: Redis unavailable (%s); polling only", error)
                self._stop.wait(5)
