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
    from kolscope.planning.campaigns import Brief
    from kolscope.planning.outreach import Outreach
    from kolscope.planning.planner import FindCreators, Planner
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


def find_creators(discovery: _Search) -> FindCreators:
    """What discovery knows of a plan's creators: their quality, brand fit (for the campaign's
    brand and the brief's audience) and niche match; or, for a campaign with no creators, the
    best matches of a search by the brief (its niches and places)."""
    from kolscope.discovery.facade import MAX_LIMIT, SearchRequest
    from kolscope.planning.planner import Found
    from kolscope.vetting.facade import AudienceTarget

    def found(hit: Any, niches: Sequence[str]) -> Found:
        row = hit.row
        fit = hit.fit.score / 100 if hit.fit is not None and hit.fit.score is not None else None
        match = None
        if niches:
            scores = [n.confidence for n in row.niches if n.niche in niches]
            match = max(scores, default=0.0)
        return Found(row.account_id, row.platform, row.handle, int(row.followers or 0),
                     row.quality_score, fit, match)  # fmt: skip

    def find(scope: Scope, brand: str, brief: Brief, ids: Sequence[int] | None) -> list[Found]:
        wanted = brief.audience
        target = AudienceTarget(wanted.genders, wanted.age_bands, wanted.countries,
                                wanted.provinces)  # fmt: skip
        base = SearchRequest(brand=brand, target=target, limit=MAX_LIMIT)
        if ids is None:
            request = replace(
                base,
                niches=brief.niches,
                country=wanted.countries[0] if len(wanted.countries) == 1 else None,
                province=wanted.provinces[0] if len(wanted.provinces) == 1 else None,
            )
            return [found(h, brief.niches) for h in discovery.search(request, scope).hits]
        results: list[Found] = []
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), MAX_LIMIT):
            request = replace(base, within=tuple(unique[start : start + MAX_LIMIT]))
            results += [found(h, brief.niches) for h in discovery.search(request, scope).hits]
        return results

    return find


def planner(
    engine: Engine,
    campaigns: CampaignService,
    discovery: _Search,
    brands: Brands,
    rate_cards: RateCardService,
    clock: Callable[[], datetime],
) -> Planner:
    from kolscope.planning.db.plans import SqlPlans
    from kolscope.planning.db.pool import SqlPlanningPool
    from kolscope.planning.planner import Planner

    def brand_terms(scope: Scope, name: str) -> tuple[str, ...]:
        brand = brands.named(scope, name)
        return (*brand.handles, *brand.hashtags) if brand is not None else ()

    return Planner(
        campaigns, SqlPlans(engine), SqlPlanningPool(engine), find_creators(discovery),
        rate_cards.pricing, brand_terms, clock,
    )  # fmt: skip
