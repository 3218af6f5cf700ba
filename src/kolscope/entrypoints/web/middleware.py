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
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
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
            csrf_cookie=visitor.new_csrf_cookie,
            secure=self.workspace.settings.secure_cookies,
            with_policy=not request.url.path.startswith("/api/docs"),
            language=i18n.current_language(),
        )

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra:
                    if name == "set-cookie":
                        headers.append(name, value)
                    else:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _extra_headers(
    *, csrf_cookie: str | None, secure: bool, with_policy: bool, language: str
) -> list[tuple[str, str]]:
    extra: list[tuple[str, str]] = []
    if csrf_cookie:
        cookie = Response()
        cookie.set_cookie(
            CSRF_COOKIE, csrf_cookie, httponly=True, samesite="lax", secure=secure, path="/"
        )
        extra += [
            (name.decode("latin-1"), value.decode("latin-1"))
            for name, value in cookie.raw_headers
            if name == b"set-cookie"
        ]
    extra += [(name.lower(), value) for name, value in SECURITY_HEADERS.items()]
    if with_policy:
        extra.append(("content-security-policy", CONTENT_SECURITY_POLICY))
    extra.append(("content-language", language))
    return extra


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
