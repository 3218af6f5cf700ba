"""Request dependencies: the open workspace and parsed filters, shared by pages and the API."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar, get_type_hints

from fastapi import Depends, HTTPException, Query, Request

from kolscope.bootstrap import Workspace
from kolscope.catalogue.facade import CreatorFilters
from kolscope.domain.places import find_country, find_province
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.domain.quantities import parse_count
from kolscope.entrypoints.web.pages.audit_views import SORTS, VERDICTS
from kolscope.vetting.facade import AuditQuery

T = TypeVar("T")


def without_a_thread(build: Callable[..., T]) -> Callable[..., Awaitable[T]]:
    """The same dependency as ``build`` (same query parameters, same documentation), run in the
    event loop. FastAPI runs every plain function or class dependency in the thread pool, a
    hand-over each; reading query parameters does not block, so it need not.
    """
    source = getattr(build, "__init__") if isinstance(build, type) else build  # noqa: B009
    hints = get_type_hints(source, include_extras=True)
    signature = inspect.signature(build)
    parameters = [
        p.replace(annotation=hints.get(p.name, p.annotation)) for p in signature.parameters.values()
    ]

    async def dependency(**values: Any) -> T:
        return build(**values)

    dependency.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters,
        return_annotation=build if isinstance(build, type) else hints.get("return"),
    )
    dependency.__name__ = getattr(build, "__name__", "dependency")
    dependency.__doc__ = build.__doc__
    return dependency


async def get_workspace(request: Request) -> Workspace:
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


class CreatorSearch:
    """The creator filters both /creators and /api/creators take as query parameters; blank
    values (from an HTML form) mean "any"."""

    def __init__(
        self,
        platform: Annotated[list[str] | None, Query(description="Repeat for several.")] = None,
        tier: Annotated[str | None, Query(description="A tier of the scheme, e.g. micro.")] = None,
        scheme: Annotated[str | None, Query(description="standard, wide-micro, kol-th, …")] = None,
        min_followers: Annotated[str | None, Query(description="e.g. 10000 or 10K")] = None,
        max_followers: Annotated[str | None, Query(description="e.g. 1.5M")] = None,
        country: Annotated[str | None, Query(description="Name or ISO code")] = None,
        province: Annotated[str | None, Query(description="Thai province, Thai or English")] = None,
        q: Annotated[str | None, Query(description="Words in handle, name or bio")] = None,
        category: Annotated[str | None, Query(description="A category label")] = None,
        sort: Annotated[str, Query(description="followers, -followers, handle, recent")] = (
            "followers"
        ),
    ) -> None:
        self.platform, self.tier, self.scheme = platform or [], tier, scheme
        self.min_followers, self.max_followers = min_followers, max_followers
        self.country, self.province, self.q, self.category, self.sort = (
            country,
            province,
            q,
            category,
            sort,
        )

    def filters(self, *, limit: int, offset: int, with_snapshots: bool = False) -> CreatorFilters:
        platforms: list[Platform] = []
        for name in self.platform:
            if not name.strip():
                continue
            found = parse_platform(name)
            if found is None:
                raise HTTPException(400, f"platform: unknown platform {name!r}")
            platforms.append(found)
        country_code = None
        if self.country and self.country.strip():
            country_code = find_country(self.country)
            if country_code is None:
                raise HTTPException(
                    400, f"country: {self.country!r} is not a country kolscope knows"
                )
        province_code = None
        if self.province and self.province.strip():
            found_province = find_province(self.province)
            if found_province is None:
                raise HTTPException(400, f"province: {self.province!r} is not a Thai province")
            province_code = found_province.code
        text = self.q.strip() if self.q and self.q.strip() else None
        return CreatorFilters(
            platforms=tuple(platforms),
            tier=self.tier or None,
            scheme=self.scheme or None,
            min_followers=_count("min_followers", self.min_followers),
            max_followers=_count("max_followers", self.max_followers),
            country=country_code,
            province=province_code,
            text=text,
            category=self.category or None,
            sort=self.sort,
            limit=limit,
            offset=offset,
            with_snapshots=with_snapshots,
        )


SearchDep = Annotated[CreatorSearch, Depends(without_a_thread(CreatorSearch))]


def audit_query(
    verdict: str | None, platform: list[str] | None, sort: str, *, limit: int, offset: int
) -> AuditQuery:
    """The audit filters shared by /audits and /api/audits; blank values mean "any"."""
    chosen = (verdict or "").strip() or None
    if chosen is not None and chosen not in VERDICTS:
        raise HTTPException(400, f"verdict: one of {', '.join(VERDICTS)}")
    if sort not in SORTS:
        raise HTTPException(400, f"sort: one of {', '.join(SORTS)}")
    platforms: list[Platform] = []
    for name in platform or []:
        if not name.strip():
            continue
        found = parse_platform(name)
        if found is None:
            raise HTTPException(400, f"platform: unknown platform {name!r}")
        platforms.append(found)
    return AuditQuery(
        verdict=chosen,
        platforms=tuple(dict.fromkeys(platforms)),
        sort=sort,
        limit=limit,
        offset=offset,
    )
