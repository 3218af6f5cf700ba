"""Request dependencies: the open workspace and parsed filters, shared by pages and the API."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from kolscope.bootstrap import Workspace
from kolscope.domain.places import find_country, find_province
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.domain.quantities import parse_count
from kolscope.services.creators import CreatorFilters


def get_workspace(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]


def _count(name: str, value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        return parse_count(value)
    except ValueError as error:
        raise HTTPException(400, f"{name}: {error}") from None


def creator_filters(
    platform: list[str] | None = None,
    tier: str | None = None,
    scheme: str | None = None,
    min_followers: str | None = None,
    max_followers: str | None = None,
    country: str | None = None,
    province: str | None = None,
    q: str | None = None,
    category: str | None = None,
    sort: str = "followers",
    limit: int = 50,
    offset: int = 0,
    *,
    with_snapshots: bool = False,
) -> CreatorFilters:
    """Filters from query parameters; blank values (from an HTML form) mean "any"."""
    platforms: list[Platform] = []
    for name in platform or []:
        if not name.strip():
            continue
        found = parse_platform(name)
        if found is None:
            raise HTTPException(400, f"platform: unknown platform {name!r}")
        platforms.append(found)
    country_code = None
    if country and country.strip():
        country_code = find_country(country)
        if country_code is None:
            raise HTTPException(400, f"country: {country!r} is not a country kolscope knows")
    province_code = None
    if province and province.strip():
        found_province = find_province(province)
        if found_province is None:
            raise HTTPException(400, f"province: {province!r} is not a Thai province")
        province_code = found_province.code
    return CreatorFilters(
        platforms=tuple(platforms),
        tier=tier or None,
        scheme=scheme or None,
        min_followers=_count("min_followers", min_followers),
        max_followers=_count("max_followers", max_followers),
        country=country_code,
        province=province_code,
        text=q.strip() if q and q.strip() else None,
        category=category or None,
        sort=sort,
        limit=limit,
        offset=offset,
        with_snapshots=with_snapshots,
    )
