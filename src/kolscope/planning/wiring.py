"""How planning is built: the rate cards and the campaign service over their SQL stores.

Only the wiring (``kolscope.bootstrap``) calls these. Each function imports what it builds, so
importing this module pulls in neither numpy nor SQL code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Engine

from kolscope.domain.team import Scope

if TYPE_CHECKING:
    from kolscope.planning.outreach import Outreach
    from kolscope.planning.ratecards.service import RateCardService
    from kolscope.planning.service import Brands, CampaignService, CreatorSource


def rate_cards(engine: Engine) -> RateCardService:
    from kolscope.planning.db.ratecards import SqlRateCards
    from kolscope.planning.ratecards.service import RateCardService

    return RateCardService(SqlRateCards(engine))


class _Shortlists(Protocol):
    def entries(self, name: str, organisation_id: int | None = None) -> Sequence[Any]: ...

    def search_named(self, name: str, organisation_id: int | None = None) -> Any: ...


class _Search(Protocol):
    def search(self, request: Any, scope: Scope) -> Any: ...


def creator_source(shortlists: _Shortlists, discovery: _Search) -> CreatorSource:
    """A campaign's first creators: a shortlist's entries, or a saved search's results (up to
    the search's largest page)."""
    from kolscope.discovery.facade import MAX_LIMIT, SearchError

    def source(kind: str, name: str, scope: Scope) -> list[int]:
        try:
            if kind == "shortlist":
                return [e.account_id for e in shortlists.entries(name, scope.organisation_id)]
            saved = shortlists.search_named(name, scope.organisation_id)
            request = replace(saved.request, limit=MAX_LIMIT, offset=0)
            return [hit.row.account_id for hit in discovery.search(request, scope).hits]
        except SearchError as error:
            raise LookupError(name) from error

    return source


def campaigns(
    engine: Engine,
    brands: Brands,
    source: CreatorSource,
    clock: Callable[[], datetime],
) -> tuple[CampaignService, Outreach]:
    from kolscope.discovery.facade import NICHES
    from kolscope.planning.db.campaigns import SqlCampaigns
    from kolscope.planning.db.pool import SqlPlanningPool
    from kolscope.planning.outreach import Outreach
    from kolscope.planning.service import CampaignService

    store = SqlCampaigns(engine)
    service = CampaignService(
        store, SqlPlanningPool(engine), brands, source, clock, [n.id for n in NICHES]
    )
    return service, Outreach(store, service, clock)
