"""The redirect's ASGI app: ``GET`` or ``HEAD`` ``/<code>`` (or ``/r/<code>``, where ``serve``
mounts it) answers 302 to the link's target with a new click id, or the "not found" page.

A plain ASGI callable, no framework: a redirect is a dictionary lookup, a line appended to the
click log and two messages sent, and a framework's routing, request objects and middleware
would cost more than all of that (see docs/redirect.md for the measured numbers). Anything but
GET and HEAD is 405. The short link's own query (``?fbclid=...`` that apps add) is ignored.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from kolscope.config import Settings
from kolscope.entrypoints.redirect.not_found import not_found_page
from kolscope.tracking.redirect.facade import Redirect, open_redirect

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MOUNT = "/r/"
"""Where ``kolscope serve`` answers short links."""
_NO_STORE = (b"cache-control", b"no-store")
_EMPTY = (b"content-length", b"0")
_METHODS = frozenset({"GET", "HEAD"})
_log = logging.getLogger(__name__)
_PAGE_HEADERS = (
    (b"content-type", b"text/html; charset=utf-8"),
    _NO_STORE,
    (b"x-content-type-options", b"nosniff"),
    (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'"),
    (b"referrer-policy", b"no-referrer"),
)
_PAGE_HEADERS_TEXT = tuple((n.decode("latin-1"), v.decode("latin-1")) for n, v in _PAGE_HEADERS)


def short_code(path: str) -> str:
    """The code in a request path: ``/abc``, ``/r/abc`` and ``/r/abc/`` all give ``abc``."""
    code = path[len(MOUNT) :] if path.startswith(MOUNT) else path[1:]
    return code[:-1] if code.endswith("/") else code


def client_address(client: str | None) -> str | None:
    """The address in granian's ``host:port`` (``[v6]:port``) form of the client."""
    if not client:
        return None
    if client.startswith("["):
        return client[1 : client.find("]")]
    return client.rpartition(":")[0] or client


class RedirectApp:
    """The ASGI app over an open ``Redirect``. Its lifespan closes the redirect (the click log
    forced to disk) when the server stops."""

    def __init__(self, redirect: Redirect) -> None:
        self.redirect = redirect
        self._visit = redirect.visit
        self._forwarded = bool(redirect.settings.trusted_proxy_list)  # else never believed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self.answer(scope, send)
        elif scope["type"] == "lifespan":
            await self._lifespan(receive, send)

    async def answer(self, scope: Scope, send: Send) -> None:
        method: str = scope["method"]
        if method not in _METHODS:
            await _send(send, 405, [(b"allow", b"GET, HEAD"), _EMPTY], b"")
            return
        client = scope.get("client")
        found = self.redirect.click(
            method, short_code(scope["path"]), scope["headers"], client[0] if client else None
        )
        if found is not None:
            location = found.location.encode("latin-1")
            await _send(send, 302, [(b"location", location), _NO_STORE, _EMPTY], b"")
            return
        language = None
        for name, value in scope["headers"]:
            if name == b"accept-language":
                language = value.decode("latin-1")
        chosen, page = not_found_page(short_code(scope["path"]), language)
        headers = [
            *_PAGE_HEADERS,
            (b"content-language", chosen.encode("ascii")),
            (b"content-length", str(len(page)).encode("ascii")),
        ]
        await _send(send, 404, headers, b"" if method == "HEAD" else page)

    async def __rsgi__(self, scope: Any, protocol: Any) -> None:
        """The same answers through granian's own interface (RSGI), which skips ASGI's message
        dictionaries: about a tenth more redirects a second (bench/bench_redirect.py)."""
        if scope.proto != "http":
            return
        method: str = scope.method
        if method not in _METHODS:
            protocol.response_empty(405, [("allow", "GET, HEAD"), ("content-length", "0")])
            return
        headers = scope.headers
        code = short_code(scope.path)
        found = self._visit(
            method,
            code,
            headers.get("user-agent"),
            headers.get("referer"),
            headers.get("x-forwarded-for") if self._forwarded else None,
            client_address(scope.client),
        )
        if found is not None:
            protocol.response_empty(
                302, [("location", found.location), ("cache-control", "no-store")]
            )
            return
        chosen, page = not_found_page(code, headers.get("accept-language"))
        listed = list(_PAGE_HEADERS_TEXT)
        listed.append(("content-language", chosen))
        if method == "HEAD":
            listed.append(("content-length", str(len(page))))
            protocol.response_empty(404, listed)
        else:
            protocol.response_bytes(404, listed, page)

    def __rsgi_del__(self, _loop: Any) -> None:
        """granian stops the worker: the click log forced to disk and closed."""
        self.redirect.close()

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.redirect.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def with_redirect(web: ASGIApp, redirect: ASGIApp) -> ASGIApp:
    """The web app with short links (``/r/<code>``) answered by the redirect app first, before
    the web app's middleware (no session lookup for a click)."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(MOUNT):
            await redirect(scope, receive, send)
        else:
            await web(scope, receive, send)

    return app


class OpeningRedirect:
    """The redirect app, opened on a background thread so the web process starts as fast as
    before (opening it reads the user-agent tables, about a second); a short link asked for
    before it is open waits for it."""

    def __init__(self, settings: Settings) -> None:
        self._opened: RedirectApp | None = None
        self._failure: BaseException | None = None
        self._ready = threading.Event()
        threading.Thread(
            target=self._open, args=(settings,), name="open-redirect", daemon=True
        ).start()

    def _open(self, settings: Settings) -> None:
        try:
            self._opened = RedirectApp(open_redirect(settings))
        except BaseException as error:  # said on every short link, and in the log once
            self._failure = error
            _log.exception("the redirect could not be opened: short links answer 503")
        finally:
            self._ready.set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._ready.is_set():
            await asyncio.to_thread(self._ready.wait)
        if self._opened is None:
            await _send(send, 503, [_NO_STORE, _EMPTY], b"")
            return
        await self._opened(scope, receive, send)


def mount_redirect(web: ASGIApp, settings: Settings) -> ASGIApp:
    """``web`` with this process's own redirect answering ``/r/<code>`` (``kolscope serve``)."""
    return with_redirect(web, OpeningRedirect(settings))
