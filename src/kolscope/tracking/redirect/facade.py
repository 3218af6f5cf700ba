"""What entry points use of the redirect service: open it, answer a request, ship the click log.

The redirect is its own small process, so it has its own slim wiring here rather than the
workspace's: an engine from the settings, the code map, the click log, the visitor hashes and
the GeoIP lookup. Opening it imports SQLAlchemy and the pure click rules, never numpy, the file
readers or a web framework (a test checks it).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Engine

from kolscope.config import Settings
from kolscope.infra.db.engine import open_engine
from kolscope.tracking.messages_redirect import NOT_FOUND_HELP, NOT_FOUND_TEXT, NOT_FOUND_TITLE
from kolscope.tracking.redirect.codemap import CodeMap
from kolscope.tracking.redirect.geoip import GeoIpError, open_lookup
from kolscope.tracking.redirect.journal import ClickJournal
from kolscope.tracking.redirect.service import Redirected, Redirector
from kolscope.tracking.redirect.shipper import ClickShipper, ShipReport
from kolscope.tracking.redirect.visitor_hashes import VisitorHashes

__all__ = [
    "NOT_FOUND_HELP",
    "NOT_FOUND_TEXT",
    "NOT_FOUND_TITLE",
    "GeoIpError",
    "Redirect",
    "Redirected",
    "ShipReport",
    "check_geoip",
    "open_redirect",
    "prepare_database",
    "ship_clicks",
    "start_shipper",
]


@dataclass
class Redirect:
    """An open redirect service: answers short-link requests and logs their clicks."""

    settings: Settings
    engine: Engine
    redirector: Redirector

    def click(
        self,
        method: str,
        code: str,
        headers: Iterable[tuple[bytes, bytes]],
        client: str | None,
    ) -> Redirected | None:
        """The redirect for ``code`` (its click already in the log), or None: not found."""
        return self.redirector.click(method, code, headers, client)

    @property
    def visit(
        self,
    ) -> Callable[[str, str, str | None, str | None, str | None, str | None], Redirected | None]:
        """``click`` for servers that give headers as a mapping: ``visit(method, code,
        user_agent, referrer, x_forwarded_for, client)``. The redirector's own method, so a
        server can keep it and save a call per click."""
        return self.redirector.visit

    @property
    def codes(self) -> int:
        """How many live codes the map holds."""
        return len(self.redirector.codes)

    def reload_codes(self) -> None:
        """Load the code map now (tests, and after a bulk change without Redis)."""
        self.redirector.codes.reload()

    def close(self) -> None:
        """Stop refreshing the code map, and force the click log to disk and close it."""
        self.redirector.codes.close()
        self.redirector.close()
        self.engine.dispose()


def prepare_database(settings: Settings) -> None:
    """Bring the database up to date (once, in the process that starts the redirect's
    workers, as ``serve`` does), creating the workspace folder SQLite lives in."""
    from kolscope.infra.db.migrate import upgrade
    from kolscope.infra.workspace_files import create_workspace

    create_workspace(settings.workspace)
    engine = open_engine(settings.resolved_database_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def check_geoip(settings: Settings) -> None:
    """Open and close the configured GeoIP database: GeoIpError now, in the starting process,
    rather than in every worker."""
    lookup = open_lookup(settings.geoip_database)
    if lookup is not None:
        lookup.close()


def open_redirect(settings: Settings, *, watch: bool = True) -> Redirect:
    """The redirect for these settings, its code map loaded (and, with ``watch``, kept current
    by a background thread). The database must be up to date (``prepare_database``).
    GeoIpError when the configured GeoIP file cannot be read."""
    engine = open_engine(settings.resolved_database_url)
    codes = CodeMap(engine, redis_url=settings.redis_url)
    if watch:
        codes.start()
    else:
        codes.reload()
    journal = ClickJournal(settings.click_journal_folder, fsync=settings.click_fsync)
    redirector = Redirector(
        codes,
        journal,
        VisitorHashes(settings.secret_key),
        countries=open_lookup(settings.geoip_database),
        trusted_proxies=settings.trusted_proxy_list,
    )
    return Redirect(settings, engine, redirector)


def ship_clicks(settings: Settings) -> ShipReport:
    """Write the click log to the database once, as far as it goes."""
    engine = open_engine(settings.resolved_database_url)
    try:
        return ClickShipper(engine, settings.click_journal_folder).ship()
    finally:
        engine.dispose()


SHIPPER_NICENESS = 10
"""How much the in-process shipper thread yields to the redirect (Linux thread niceness)."""


def start_shipper(
    settings: Settings, *, every: float = 1.0, gentle: bool = True
) -> Callable[[], None]:
    """Ship the click log every ``every`` seconds on a background thread of this process;
    returns the function that stops it (after a last pass).

    ``gentle`` (Linux): the thread runs at a lower priority, so under full load the processes
    answering clicks get the CPU first and the shipper catches up when the load drops. Nothing
    waits on it: every click is in the log already."""
    engine = open_engine(settings.resolved_database_url)
    shipper = ClickShipper(engine, settings.click_journal_folder)
    stop = threading.Event()

    def ship() -> None:
        if gentle and sys.platform.startswith("linux"):
            with contextlib.suppress(OSError):  # not allowed: ship at the usual priority
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), SHIPPER_NICENESS)
        shipper.run(stop, every)

    thread = threading.Thread(target=ship, name="click-shipper", daemon=True)
    thread.start()

    def stop_shipping() -> None:
        stop.set()
        thread.join()
        engine.dispose()

    return stop_shipping
