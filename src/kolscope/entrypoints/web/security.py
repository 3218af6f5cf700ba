"""Who is asking and may they: sessions, API tokens, CSRF and the permission guard.

* Pages use a session cookie (HttpOnly, SameSite=Lax, Secure in production). The session's
  token is random; only its HMAC digest is stored.
* The JSON API also takes ``Authorization: Bearer ks_…`` personal tokens.
* Every form carries a CSRF token: the session's, or for visitors not logged in, one from a
  cookie (double submit). API calls made with a session need the ``X-CSRF-Token`` header.
* Every route declares what it needs with ``need(Permission)`` (or ``PUBLIC``, or ``SIGNED``
  for shops and programs that prove themselves with a signature or token); a test walks all
  routes as every role and as a visitor.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request

from kolscope.bootstrap import Workspace
from kolscope.domain.team import Permission, User

SESSION_COOKIE = "kolscope_session"
CSRF_COOKIE = "kolscope_csrf"
LANGUAGE_COOKIE = "kolscope_lang"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class LoginRequiredError(Exception):
    """No one is logged in: pages redirect to the login page, the API answers 401."""


@dataclass(slots=True)
class Visitor:
    """What the middleware learnt about the request's sender."""

    user: User | None = None
    csrf_token: str = ""
    by_api_token: bool = False
    new_csrf_cookie: str | None = None


def workspace_of(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


def identify(request: Request, workspace: Workspace) -> Visitor:
    """Resolve the session cookie or bearer token of a request (called once, by middleware)."""
    visitor = Visitor()
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = workspace.team.user_for_api_token(header[7:].strip())
        if user is not None:
            visitor.user, visitor.by_api_token = user, True
            return visitor
    token = request.cookies.get(SESSION_COOKIE)
    session = workspace.team.session(token) if token else None
    if session is not None:
        visitor.user, visitor.csrf_token = session.user, session.csrf_token
        return visitor
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or len(cookie) < 20:
        cookie = secrets.token_urlsafe(24)
        visitor.new_csrf_cookie = cookie
    visitor.csrf_token = cookie
    return visitor


def visitor_of(request: Request) -> Visitor:
    visitor: Visitor = request.state.visitor
    return visitor


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing request without the right CSRF token (403)."""
    if request.method in SAFE_METHODS:
        return
    visitor = visitor_of(request)
    if visitor.by_api_token:
        return
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    if not sent or not visitor.csrf_token or not hmac.compare_digest(sent, visitor.csrf_token):
        raise HTTPException(
            403, "The form expired or did not come from kolscope: reload the page and try again."
        )


class _Guard:
    """A dependency that returns the logged-in user if they hold ``permission``."""

    def __init__(self, permission: Permission) -> None:
        self.permission = permission

    async def __call__(self, request: Request) -> User:
        user = visitor_of(request).user
        if user is None:
            raise LoginRequiredError
        if not user.can(self.permission):
            raise HTTPException(403, "You do not have access to this page.")
        await check_csrf(request)
        return user


_GUARDS: dict[Permission, _Guard] = {p: _Guard(p) for p in Permission}


def need(permission: Permission) -> Any:
    """``user: Annotated[User, need(Permission.X)]`` in a route's signature."""
    return Depends(_GUARDS[permission])


async def _public(request: Request) -> None:
    await check_csrf(request)


PUBLIC: Any = Depends(_public)
"""Marks a route anyone may use (login, first run, password reset); CSRF still applies."""


async def _signed(_request: Request) -> None:
    """Nothing to check here: the route checks the sender's own proof."""


SIGNED: Any = Depends(_signed)
"""Marks a route a shop or a program calls, not a person (webhooks, the conversion API): no
login and no CSRF token, since the sender proves itself in the request (a shop's signature of
the body, an api shop's token) and the route refuses it with 401 otherwise."""


async def _visitor(request: Request) -> Visitor:
    return visitor_of(request)


OptionalUser = Annotated[Visitor, Depends(_visitor)]


def guard_of(dependency: Any) -> Permission | str | None:
    """What a route dependency requires: a Permission, "public", "signed" (the sender's own
    proof), or None (not a guard)."""
    call = getattr(dependency, "call", None)
    if isinstance(call, _Guard):
        return call.permission
    if call is _public:
        return "public"
    if call is _signed:
        return "signed"
    return None
