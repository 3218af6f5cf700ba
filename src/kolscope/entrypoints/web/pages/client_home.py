"""What a brand's client sees when they log in: the brands granted to them, their campaigns
with the content waiting for their decision first (approving content is often the first thing a
client does in kolscope), and what comes next. A client may see their brands and their
campaigns only (domain/team.py ROLE_PERMISSIONS), so nothing else is shown or linked here."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from kolscope.domain.team import Scope, User
from kolscope.entrypoints.web import said
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.pages.campaigns import campaign_rows
from kolscope.entrypoints.web.render import page
from kolscope.planning.facade import Actor


def client_home(request: Request, workspace: WorkspaceDep, user: User) -> HTMLResponse:
    brands = workspace.brands.visible(Scope.of(user))
    shown = [
        {
            "name": brand.name,
            "handles": brand.handles,
            "hashtags": brand.hashtags,
            "niche": said.niche(brand.niche) if brand.niche else "",
        }
        for brand in brands
    ]
    campaigns = campaign_rows(workspace, Actor.of(user))
    return page(
        request,
        "client_home.html",
        brands=shown,
        agency=user.organisation.name,
        campaigns=campaigns,
        waiting=sum(row["pending"] for row in campaigns),
    )
