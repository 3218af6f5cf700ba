"""Organisations (site admins only): list them and create one with its first owner.

Site admins are the owners of the first organisation, the one that runs the installation.
Owners of other organisations manage their own people (Settings → People) but cannot see
or create other organisations: for them this page answers 403.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need

router = APIRouter(include_in_schema=False)
Owner = Annotated[User, need(Permission.MANAGE_PEOPLE)]


def _site_admin(workspace: WorkspaceDep, user: User) -> None:
    if not workspace.organisations.is_site_admin(user):
        raise HTTPException(
            403, _("Only owners of the first organisation can manage organisations.")
        )


def _page(
    request: Request,
    workspace: WorkspaceDep,
    *,
    status_code: int = 200,
    error: str | None = None,
    message: str | None = None,
) -> HTMLResponse:
    return page(
        request,
        "organisations.html",
        status_code=status_code,
        organisations=workspace.organisations.organisations(),
        error=error,
        message=message,
    )


@router.get("/admin/organisations", response_class=HTMLResponse)
def organisations_page(request: Request, workspace: WorkspaceDep, user: Owner) -> HTMLResponse:
    _site_admin(workspace, user)
    created = request.query_params.get("created")
    names = {str(o.id): o.name for o in workspace.organisations.organisations()}
    message = None
    if created in names:
        message = _("Organisation created: {name}").format(name=names[created])
    return _page(request, workspace, message=message)


@router.post("/admin/organisations", response_class=HTMLResponse)
def create_organisation(
    request: Request,
    workspace: WorkspaceDep,
    user: Owner,
    name: Annotated[str, Form()] = "",
    owner_email: Annotated[str, Form()] = "",
    owner_name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
) -> Response:
    _site_admin(workspace, user)
    try:
        owner = workspace.organisations.create(name, owner_email, owner_name, password)
    except ValueError as error:
        return _page(request, workspace, status_code=400, error=_explain(str(error)))
    return RedirectResponse(f"/admin/organisations?created={owner.organisation.id}", 303)


def _explain(reason: str) -> str:
    """The service's reason in the visitor's language where it is one of the known ones."""
    known = {
        "an organisation needs a name": _("An organisation needs a name."),
        "a password needs at least 10 characters": _("A password needs at least 10 characters."),
        "this password is too easy to guess": _("This password is too easy to guess."),
    }
    if reason in known:
        return known[reason]
    if reason.endswith("already has an account"):
        return _("{email} already has an account.").format(email=reason.split(" ", 1)[0])
    if reason.endswith("is not an email address"):
        return _("That is not an email address.")
    return reason
