"""Logging in and out, the first-run page, password resets and the language switch."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kolscope.entrypoints.web.i18n import LANGUAGES, _
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import (
    LANGUAGE_COOKIE,
    PUBLIC,
    SESSION_COOKIE,
    visitor_of,
    workspace_of,
)
from kolscope.team.facade import SESSION_DAYS, LoginRefusedError

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only paths on this site: "/creators?x=1" yes, "//evil.example" or "http://…" no."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _start_session(request: Request, response: Response, token: str) -> None:
    workspace = workspace_of(request)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=SESSION_DAYS * 86400,
        httponly=True,
        samesite="lax",
        secure=workspace.settings.secure_cookies,
        path="/",
    )


def _address(request: Request) -> str:
    """The sender's address as the server saw it. `kolscope serve` lets uvicorn replace it from
    X-Forwarded-For only when the connection comes from KOLSCOPE_TRUSTED_PROXIES."""
    return request.client.host if request.client else "unknown"


def _refusal(refused: LoginRefusedError) -> str:
    wait = refused.retry_after
    if wait is None:
        return _(str(refused))
    if wait <= 1:
        return _("Too many failed logins. Wait a second and try again.")
    if wait < 60:
        return _("Too many failed logins. Wait %(seconds)s seconds and try again.") % {
            "seconds": wait
        }
    minutes = math.ceil(wait / 60)
    if minutes == 1:
        return _("Too many failed logins. Wait a minute and try again.")
    return _("Too many failed logins. Wait %(minutes)s minutes and try again.") % {
        "minutes": minutes
    }


@router.get("/login", response_class=HTMLResponse, dependencies=[PUBLIC])
def login_form(request: Request, next: str | None = None) -> Response:
    workspace = workspace_of(request)
    if workspace.team.needs_setup():
        return RedirectResponse("/setup", 303)
    if visitor_of(request).user is not None:
        return RedirectResponse(safe_next(next), 303)
    return page(request, "login.html", next=safe_next(next), error=None)


@router.post("/login", response_class=HTMLResponse, dependencies=[PUBLIC])
def login(
    request: Request,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    workspace = workspace_of(request)
    try:
        token, _user = workspace.team.login(
            email, password, _address(request), request.headers.get("user-agent")
        )
    except LoginRefusedError as refused:
        status = 429 if refused.retry_after else 400
        response = page(
            request,
            "login.html",
            status_code=status,
            next=safe_next(next),
            error=_refusal(refused),
            email=email,
        )
        if refused.retry_after:
            response.headers["Retry-After"] = str(refused.retry_after)
        return response
    redirect = RedirectResponse(safe_next(next), 303)
    _start_session(request, redirect, token)
    return redirect


@router.post("/logout", dependencies=[PUBLIC])
def logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        workspace_of(request).team.logout(token)
    response = RedirectResponse("/login", 303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/setup", response_class=HTMLResponse, dependencies=[PUBLIC])
def setup_form(request: Request) -> Response:
    if not workspace_of(request).team.needs_setup():
        return RedirectResponse("/login", 303)
    return page(request, "setup.html", error=None, values={})


@router.post("/setup", response_class=HTMLResponse, dependencies=[PUBLIC])
def setup(
    request: Request,
    organisation: Annotated[str, Form()],
    name: Annotated[str, Form()],
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
) -> Response:
    team = workspace_of(request).team
    if not team.needs_setup():
        return RedirectResponse("/login", 303)  # the first run is over
    try:
        team.create_first_owner(organisation, email, name, password)
        token, _user = team.login(
            email, password, _address(request), request.headers.get("user-agent")
        )
    except ValueError as error:
        values = {"organisation": organisation, "name": name, "email": email}
        return page(request, "setup.html", status_code=400, error=str(error), values=values)
    response = RedirectResponse("/", 303)
    _start_session(request, response, token)
    return response


@router.get("/forgot", response_class=HTMLResponse, dependencies=[PUBLIC])
def forgot_form(request: Request) -> Response:
    mail = workspace_of(request).resets.mails
    return page(request, "forgot.html", mail=mail, sent=False)


@router.post("/forgot", response_class=HTMLResponse, dependencies=[PUBLIC])
def forgot(request: Request, email: Annotated[str, Form()]) -> Response:
    resets = workspace_of(request).resets
    if not resets.mails:
        return page(request, "forgot.html", mail=False, sent=False)
    resets.start(email, translate=_)
    # The same answer whether or not the address has an account.
    return page(request, "forgot.html", mail=True, sent=True)


@router.get("/reset/{token}", response_class=HTMLResponse, dependencies=[PUBLIC])
def reset_form(request: Request, token: str) -> Response:
    return page(request, "reset.html", token=token, error=None)


@router.post("/reset/{token}", response_class=HTMLResponse, dependencies=[PUBLIC])
def reset(request: Request, token: str, password: Annotated[str, Form()]) -> Response:
    try:
        workspace_of(request).team.finish_password_reset(token, password)
    except ValueError as error:
        return page(request, "reset.html", status_code=400, token=token, error=str(error))
    return RedirectResponse("/login?reset=1", 303)


@router.post("/language", dependencies=[PUBLIC])
def switch_language(
    request: Request, language: Annotated[str, Form()], next: Annotated[str, Form()] = "/"
) -> Response:
    if language not in LANGUAGES:
        raise HTTPException(400, "language must be th or en")
    user = visitor_of(request).user
    if user is not None and not visitor_of(request).by_api_token:
        workspace_of(request).team.update_preferences(user, language=language)
    response = RedirectResponse(safe_next(next), 303)
    response.set_cookie(
        LANGUAGE_COOKIE, language, max_age=365 * 86400, samesite="lax", path="/", httponly=True
    )
    return response
