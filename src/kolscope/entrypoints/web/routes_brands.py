"""Brands, and the section a later release fills: campaigns (it says so)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kolscope.domain.brands import Brand
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need

router = APIRouter(include_in_schema=False)


def _split(text: str) -> tuple[str, ...]:
    items = [i.strip().lstrip("@#") for i in text.replace(",", " ").split()]
    return tuple(dict.fromkeys(i for i in items if i))


def visible_brands(workspace: WorkspaceDep, user: User) -> list[Brand]:
    return [
        b
        for b in workspace.catalogue.brands(user.organisation.id)
        if b.id is not None and user.sees_brand(b.id)
    ]


@router.get("/brands", response_class=HTMLResponse)
def brands_page(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need(Permission.VIEW_BRANDS)]
) -> HTMLResponse:
    return page(request, "brands.html", brands=visible_brands(workspace, user), error=None)


@router.post("/brands", response_class=HTMLResponse)
def add_brand(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need(Permission.MANAGE_BRANDS)],
    name: Annotated[str, Form()],
    handles: Annotated[str, Form()] = "",
    hashtags: Annotated[str, Form()] = "",
    niche: Annotated[str, Form()] = "",
    tone_notes: Annotated[str, Form()] = "",
    competitors: Annotated[str, Form()] = "",
) -> Response:
    if not name.strip():
        return page(
            request,
            "brands.html",
            status_code=400,
            brands=visible_brands(workspace, user),
            error="A brand needs a name.",
        )
    brand = Brand(
        name.strip(),
        _split(handles),
        _split(hashtags),
        niche.strip() or None,
        tone_notes.strip() or None,
        tuple(c.strip() for c in competitors.split(",") if c.strip()),
        organisation_id=user.organisation.id,
    )
    with workspace.unit_of_work() as uow:
        uow.catalogue.save_brand(brand)
        uow.commit()
    return RedirectResponse("/brands", 303)


@router.get("/campaigns", response_class=HTMLResponse)
def campaigns_page(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need(Permission.VIEW_CAMPAIGNS)],
) -> HTMLResponse:
    return page(request, "campaigns.html", brands=visible_brands(workspace, user))
