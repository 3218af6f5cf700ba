"""What every request goes through before its route: who is asking, in which language, and the
security headers of every answer.

A plain ASGI middleware rather than Starlette's ``BaseHTTPMiddleware`` (``@app.middleware``):
that one runs the rest of the app in a second task and passes the answer through a memory
stream, about a tenth of a cheap page's time. Here the answer's first message gets its headers
on the way out and the body goes straight through.

The visitor lookup (a session or token read) runs in the thread pool, the only blocking work
here. How many threads the app may use at once is set at start-up (``KOLSCOPE_WEB_THREADS``,
see ``limit_threads``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kolscope.bootstrap import Workspace
from kolscope.entrypoints.web import i18n
from kolscope.entrypoints.web.security import CSRF_COOKIE, LANGUAGE_COOKIE, identify

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class KnowTheVisitor:
    """Finds the request's user (session cookie or bearer token) once, puts it in
    ``request.state.visitor``, chooses the language (the user's, else the language cookie,
    else the browser's), and adds the CSRF cookie, the security headers, the Content-Security-
    Policy (not on the API docs, whose page needs inline code) and Content-Language."""

    def __init__(self, app: ASGIApp, workspace: Workspace) -> None:
        self.app = app
        self.workspace = workspace

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        visitor = await run_in_threadpool(identify, request, self.workspace)
        request.state.visitor = visitor
        user = visitor.user
        language = (
            (user.language if user and user.language else None)
            or request.cookies.get(LANGUAGE_COOKIE)
            or i18n.negotiate(request.headers.get("accept-language"))
        )
        i18n.set_language(language)
        extra = _extra_headers(
            with_policy=not scope["path"].startswith("/api/docs"),
            language=i18n.current_language(),
        )
        if visitor.new_csrf_cookie:
            extra = (*extra, _csrf_cookie(visitor.new_csrf_cookie, self.workspace))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[tuple[bytes, bytes]] = list(message.get("headers", ()))
                if any(name.lower() in _REPLACED for name, _value in headers):
                    headers = [h for h in headers if h[0].lower() not in _REPLACED]
                message["headers"] = headers + list(extra)
            await send(message)

        await self.app(scope, receive, send_with_headers)


_REPLACED = frozenset(
    name.lower().encode("latin-1")
    for name in (*SECURITY_HEADERS, "Content-Security-Policy", "Content-Language")
)


@lru_cache(maxsize=64)
def _extra_headers(*, with_policy: bool, language: str) -> tuple[tuple[bytes, bytes], ...]:
    """The headers every answer gets (made once per combination): they replace any of the
    same name the route set."""
    extra = [(name.lower(), value) for name, value in SECURITY_HEADERS.items()]
    if with_policy:
        extra.append(("content-security-policy", CONTENT_SECURITY_POLICY))
    extra.append(("content-language", language))
    return tuple((name.encode("latin-1"), value.encode("latin-1")) for name, value in extra)


def _csrf_cookie(value: str, workspace: Workspace) -> tuple[bytes, bytes]:
    """The Set-Cookie header of a new CSRF cookie, as Starlette writes it."""
    cookie = Response()
    cookie.set_cookie(
        CSRF_COOKIE,
        value,
        httponly=True,
        samesite="lax",
        secure=workspace.settings.secure_cookies,
        path="/",
    )
    return next((n, v) for n, v in cookie.raw_headers if n == b"set-cookie")


def limit_threads(threads: int) -> Callable[[FastAPI], Any]:
    """A lifespan that lets at most ``threads`` requests run their blocking work (routes,
    database reads) at once; the rest wait their turn in the event loop.

    Python runs one thread at a time, and the database drivers let go of the interpreter for
    every row they read; with anyio's default of 40 threads a busy server spent more time
    handing the interpreter between threads than rendering (``/creators`` under 10 clients:
    87 requests/s at 40 threads, 145 at 2, 177 at 1; measured in docs/web.md). More than one
    so that one slow export or upload does not hold up every other page.
    """

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        limiter = anyio.to_thread.current_default_thread_limiter()
        previous = limiter.total_tokens
        limiter.total_tokens = threads
        try:
            yield
        finally:
            limiter.total_tokens = previous

    return lifespan
