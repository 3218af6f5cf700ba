"""The demo's campaign, added by ``Workspace.build_demo``: a shortlist of creators matching the
brand the demo client sees, a planned campaign with its board part-way through
(``planning/demo.py``), and its tracking (``tracking/demo.py``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kolscope.bootstrap import Workspace


def add_demo_campaign(workspace: Workspace, today: date) -> None:
    """The demo's campaign for the brand the demo client sees (once)."""
    from kolscope.discovery.facade import SearchRequest
    from kolscope.planning.demo import add_demo_campaign as add_campaign

    actor = workspace.campaigns.command_line()
    organisation = actor.scope.organisation_id
    brands = workspace.catalogue.brands(organisation)
    if not brands:
        return
    brand = brands[0]
    niches = (brand.niche,) if brand.niche else ()

    def make_shortlist(name: str, brand_name: str) -> int:
        request = SearchRequest(niches=niches, brand=brand_name, limit=40)
        found = [hit.reference for hit in workspace.discovery.search(request, actor.scope).hits]
        if found:
            workspace.shortlists.add(name, found, organisation)
        return len(found)

    made = add_campaign(
        workspace.campaigns, workspace.outreach, workspace.planner, actor, brand.name, niches,
        f"{brand.name} picks (demo)", make_shortlist, today,
    )  # fmt: skip
    if made is not None:
        workspace.add_demo_tracking(made.id, today)
