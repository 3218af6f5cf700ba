"""Brands: the list, and adding one (campaigns have their own pages)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kolscope.catalogue.facade import BrandError
from kolscope.domain.brands import Brand
from kolscope.domain.team import Permission, Scope, User
from kolscope.entrypoints.web import i18n
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need

router = APIRouter(include_in_schema=False)


def visible_brands(workspace: WorkspaceDep, user: User) -> list[Brand]:
    return workspace.brands.visible(Scope.of(user))


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
    try:
        workspace.brands.add(
            user,
            name,
            handles=handles,
            hashtags=hashtags,
            niche=niche,
            tone_notes=tone_notes,
            competitors=competitors,
        )
    except BrandError as error:
        return page(
            request,
            "brands.html",
            status_code=400,
            brands=visible_brands(workspace, user),
            error=i18n.gettext(error.message),
        )
    return RedirectResponse("/brands", 303)
