"""Settings: your profile, language and formats, password and API tokens; people (owners)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kolscope.domain.limits import row_id
from kolscope.domain.team import Permission, Role, Scope, User
from kolscope.entrypoints.web.bounds import RowId
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need

router = APIRouter(include_in_schema=False)
Me = Annotated[User, need(Permission.OWN_ACCOUNT)]
Owner = Annotated[User, need(Permission.MANAGE_PEOPLE)]


def _settings_page(
    request: Request,
    workspace: WorkspaceDep,
    user: User,
    *,
    status_code: int = 200,
    message: str | None = None,
    error: str | None = None,
    new_token: str | None = None,
) -> HTMLResponse:
    fresh = workspace.team.user(user.id) or user
    return page(
        request,
        "settings.html",
        status_code=status_code,
        me=fresh,
        site_admin=workspace.organisations.is_site_admin(fresh),
        tokens=workspace.team.api_tokens(user),
        message=message,
        error=error,
        new_token=new_token,
    )


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, workspace: WorkspaceDep, user: Me) -> HTMLResponse:
    return _settings_page(request, workspace, user)


@router.post("/settings/profile", response_class=HTMLResponse)
def save_profile(
    request: Request,
    workspace: WorkspaceDep,
    user: Me,
    name: Annotated[str, Form()],
    language: Annotated[str, Form()] = "",
    buddhist_era: Annotated[bool, Form()] = False,
    thai_units: Annotated[bool, Form()] = False,
) -> HTMLResponse:
    try:
        workspace.team.update_preferences(
            user, name=name, language=language, buddhist_era=buddhist_era, thai_units=thai_units
        )
    except ValueError as error:
        return _settings_page(request, workspace, user, status_code=400, error=str(error))
    return _settings_page(request, workspace, user, message=_("Saved."))


@router.post("/settings/password", response_class=HTMLResponse)
def change_password(
    request: Request,
    workspace: WorkspaceDep,
    user: Me,
    current: Annotated[str, Form()],
    new: Annotated[str, Form()],
    revoke_tokens: Annotated[bool, Form()] = False,
) -> Response:
    try:
        workspace.team.change_password(user, current, new, revoke_tokens=revoke_tokens)
    except ValueError as error:
        return _settings_page(request, workspace, user, status_code=400, error=str(error))
    return RedirectResponse("/login", 303)  # every session ended: log in with the new password


@router.post("/settings/tokens", response_class=HTMLResponse)
def create_token(
    request: Request, workspace: WorkspaceDep, user: Me, name: Annotated[str, Form()] = ""
) -> HTMLResponse:
    token, _info = workspace.team.create_api_token(user, name)
    return _settings_page(
        request,
        workspace,
        user,
        new_token=token,
        message=_("Copy the token now: it will not be shown again."),
    )


@router.post("/settings/tokens/{token_id}/revoke", response_class=HTMLResponse)
def revoke_token(
    request: Request, workspace: WorkspaceDep, user: Me, token_id: RowId
) -> HTMLResponse:
    if not workspace.team.revoke_api_token(user, token_id):
        raise HTTPException(404, _("There is no such token."))
    return _settings_page(request, workspace, user, message=_("Token revoked."))


def _people_page(
    request: Request,
    workspace: WorkspaceDep,
    user: User,
    *,
    status_code: int = 200,
    error: str | None = None,
) -> HTMLResponse:
    return page(
        request,
        "people.html",
        status_code=status_code,
        people=workspace.team.users(user.organisation),
        brands=workspace.brands.visible(Scope.of(user)),
        roles=list(Role),
        error=error,
    )


@router.get("/settings/people", response_class=HTMLResponse)
def people(request: Request, workspace: WorkspaceDep, user: Owner) -> HTMLResponse:
    return _people_page(request, workspace, user)


@router.post("/settings/people", response_class=HTMLResponse)
def add_person(
    request: Request,
    workspace: WorkspaceDep,
    user: Owner,
    name: Annotated[str, Form()],
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    role: Annotated[Role, Form()],
) -> Response:
    try:
        workspace.team.add_user(user.organisation, email, name, password, role)
    except ValueError as error:
        return _people_page(request, workspace, user, status_code=400, error=str(error))
    return RedirectResponse("/settings/people", 303)


@router.post("/settings/people/{person_id}", response_class=HTMLResponse)
async def update_person(
    request: Request, workspace: WorkspaceDep, user: Owner, person_id: RowId
) -> Response:
    person = workspace.team.user(person_id)
    if person is None or person.organisation.id != user.organisation.id:
        raise HTTPException(404, _("There is no such person."))
    form = await request.form()
    try:
        role = Role(str(form.get("role") or person.role.value))
        workspace.team.set_role(user, person_id, role, active=form.get("active") == "on")
    except ValueError as error:
        return _people_page(request, workspace, user, status_code=400, error=str(error))
    asked = {n for v in form.getlist("brands") if (n := row_id(str(v))) is not None}
    workspace.team.set_grants(user, person_id, asked)
    return RedirectResponse("/settings/people", 303)
