"""Reading discovery search parameters in the web app and its API: the same names as
``kolscope creators search``, from a page's query string or a form, into a ``SearchRequest``;
and back into a query string for links and exports.

Every parameter error is a ``FieldError`` naming the parameter, shown next to the form (and
answered with 400 by the API).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query

from kolscope.discovery.query import (
    CREATOR_TYPES,
    MAX_LIMIT,
    SORTS,
    AudienceCondition,
    SearchError,
    SearchRequest,
)
from kolscope.domain.brands import Brand
from kolscope.domain.limits import MAX_OFFSET
from kolscope.domain.places import find_country, find_province
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.entrypoints.web.discover_values import (
    FieldError,
    grouped,
    read_count,
    read_days,
    read_flag,
    read_many,
    read_number,
    read_text,
    read_whole,
)
from kolscope.vetting.signals.audience_fit import AudienceTarget

PAGE_SIZE = 25
MATCH_LIMIT = 100
LANGUAGES = ("th", "en", "mixed")
VIEWS = ("table", "cards")


def _platforms(values: dict[str, list[str]]) -> tuple[Platform, ...]:
    platforms: list[Platform] = []
    for name in read_many(values, "platform"):
        platform = parse_platform(name)
        if platform is None:
            known = ", ".join(p.value for p in Platform)
            raise FieldError("platform", f"{name!r} is not known (known: {known})")
        platforms.append(platform)
    return tuple(dict.fromkeys(platforms))


def _place(values: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """(country code, Thai province code); a province implies Thailand."""
    country = read_text(values, "country")
    country_code = None
    if country is not None:
        country_code = find_country(country)
        if country_code is None:
            raise FieldError("country", f"{country!r} is not a country kolscope knows")
    province = read_text(values, "province")
    if province is None:
        return country_code, None
    found = find_province(province)
    if found is None:
        raise FieldError("province", f"{province!r} is not a Thai province kolscope knows")
    return country_code or "TH", found.code


def _choice(values: dict[str, list[str]], name: str, allowed: Sequence[str]) -> str | None:
    text = read_text(values, name)
    if text is None:
        return None
    if text.lower() not in allowed:
        raise FieldError(name, f"{text!r}: use one of {', '.join(allowed)}")
    return text.lower()


def _audience(values: dict[str, list[str]]) -> tuple[AudienceCondition, ...]:
    found = []
    for text in read_many(values, "audience"):
        try:
            found.append(AudienceCondition.parse(text))
        except SearchError as error:
            raise FieldError("audience", str(error).removeprefix("audience ")) from None
    return tuple(found)


def _target(values: dict[str, list[str]]) -> AudienceTarget | None:
    items = read_many(values, "target")
    if not items:
        return None
    try:
        return AudienceTarget.parse(items)
    except ValueError as error:
        raise FieldError("target", str(error)) from None


def _paging(values: dict[str, list[str]], limit: int, max_limit: int) -> tuple[int, int]:
    size = read_whole(values, "limit", limit) or limit
    if not 1 <= size <= max_limit:
        raise FieldError("limit", f"must be between 1 and {max_limit}")
    offset = read_whole(values, "offset", 0) or 0
    if not 0 <= offset <= MAX_OFFSET:
        raise FieldError("offset", f"must be between 0 and {MAX_OFFSET:,}")
    return size, offset


def parse_search(
    pairs: Iterable[tuple[str, str]], *, limit: int = PAGE_SIZE, max_limit: int = MAX_LIMIT
) -> SearchRequest:
    """A search from query parameters (blank values mean "any"; unknown names are ignored)."""
    values = grouped(pairs)
    country_code, province_code = _place(values)
    size, offset = _paging(values, limit, max_limit)
    like = read_text(values, "like")
    if like is not None and ":" not in like:
        raise FieldError("like", f"{like!r}: write PLATFORM:HANDLE, e.g. instagram:som.review")
    return SearchRequest(
        text=read_text(values, "text"),
        hashtag=read_text(values, "hashtag"),
        mentions=read_text(values, "mentions"),
        niches=tuple(read_many(values, "niche")),
        tier=read_text(values, "tier"),
        scheme=read_text(values, "scheme"),
        creator_type=_choice(values, "type", CREATOR_TYPES),
        platforms=_platforms(values),
        country=country_code,
        province=province_code,
        language=_choice(values, "language", LANGUAGES),
        min_followers=read_count(values, "min_followers"),
        max_followers=read_count(values, "max_followers"),
        min_er=read_number(values, "min_er"),
        max_er=read_number(values, "max_er"),
        min_quality=read_number(values, "min_quality"),
        audience=_audience(values),
        min_price=read_count(values, "min_price"),
        max_price=read_count(values, "max_price"),
        active_within_days=read_days(values, "active_within"),
        verified=read_flag(values, "verified"),
        has_contact=read_flag(values, "has_contact"),
        fans_of=read_text(values, "fans_of"),
        like=like,
        brand=read_text(values, "brand"),
        target=_target(values),
        sort=_choice(values, "sort", SORTS) or "relevance",
        limit=size,
        offset=offset,
    )


def _brand_matches(brand: Brand, name: str) -> bool:
    wanted = " ".join(name.split()).casefold()
    return brand.name.casefold() == wanted or wanted in (h.casefold() for h in brand.handles)


def check_brands(request: SearchRequest, brands: Sequence[Brand]) -> None:
    """Only the person's organisation's brands may be searched for (fans of, rank by fit)."""
    known = ", ".join(b.name for b in brands) or "none yet"
    for field, name in (("fans_of", request.fans_of), ("brand", request.brand)):
        if name is None:
            continue
        found = next((b for b in brands if _brand_matches(b, name)), None)
        if found is None:
            raise FieldError(field, f"{name!r} is not one of your brands ({known})")
        if field == "fans_of" and not (found.handles or found.hashtags):
            raise FieldError(
                field, f"{found.name!r} has no handles or hashtags to look for (add them)"
            )


def search_params(request: SearchRequest, *, paging: bool = True) -> list[tuple[str, str]]:
    """The query parameters that ask for this search (the inverse of ``parse_search``)."""
    pairs: list[tuple[str, str]] = []

    def add(name: str, value: Any) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bool):
            pairs.append((name, "yes" if value else "no"))
        elif isinstance(value, float):
            pairs.append((name, f"{value:g}"))
        else:
            pairs.append((name, str(value)))

    add("text", request.text)
    add("hashtag", request.hashtag)
    add("mentions", request.mentions)
    for niche in request.niches:
        add("niche", niche)
    add("tier", request.tier)
    add("scheme", request.scheme)
    add("type", request.creator_type)
    for platform in request.platforms:
        add("platform", platform.value)
    add("country", request.country)
    add("province", request.province)
    add("language", request.language)
    add("min_followers", request.min_followers)
    add("max_followers", request.max_followers)
    add("min_er", request.min_er)
    add("max_er", request.max_er)
    add("min_quality", request.min_quality)
    for condition in request.audience:
        add("audience", str(condition))
    add("min_price", request.min_price)
    add("max_price", request.max_price)
    add("active_within", request.active_within_days)
    add("verified", request.verified)
    add("has_contact", request.has_contact)
    add("fans_of", request.fans_of)
    add("like", request.like)
    add("brand", request.brand)
    if request.target is not None:
        for dimension, segments in request.target.to_dict().items():
            add("target", f"{dimension}={','.join(segments)}")
    if request.sort != "relevance":
        add("sort", request.sort)
    if paging:
        if request.limit != PAGE_SIZE:
            add("limit", request.limit)
        if request.offset:
            add("offset", request.offset)
    return pairs


def query_string(pairs: Sequence[tuple[str, Any]]) -> str:
    return urlencode([(k, v) for k, v in pairs if v not in (None, "")], doseq=True)


class SearchParams:
    """The search's query parameters, for the API's documentation; all read as text so that
    a wrong value gets a 400 naming it (``parse_search``) rather than a generic 422."""

    def __init__(
        self,
        text: Annotated[
            str | None, Query(description="Words in bios, captions or hashtags (Thai works).")
        ] = None,
        hashtag: Annotated[str | None, Query(description="Uses this hashtag.")] = None,
        mentions: Annotated[str | None, Query(description="Mentions this handle.")] = None,
        niche: Annotated[
            list[str] | None, Query(description="Niche id; repeat for any of several.")
        ] = None,
        tier: Annotated[str | None, Query(description="A tier of the scheme, e.g. micro.")] = None,
        scheme: Annotated[str | None, Query(description="standard, wide-micro, kol-th, …")] = None,
        type: Annotated[str | None, Query(description="kol, koc or creator.")] = None,
        platform: Annotated[list[str] | None, Query(description="Repeat for several.")] = None,
        country: Annotated[str | None, Query(description="Name or ISO code.")] = None,
        province: Annotated[
            str | None, Query(description="Thai province, Thai or English.")
        ] = None,
        language: Annotated[str | None, Query(description="th, en or mixed.")] = None,
        min_followers: Annotated[str | None, Query(description="e.g. 10000 or 10K")] = None,
        max_followers: Annotated[str | None, Query(description="e.g. 1.5M")] = None,
        min_er: Annotated[str | None, Query(description="Engagement rate, per cent.")] = None,
        max_er: Annotated[str | None, Query(description="Engagement rate, per cent.")] = None,
        min_quality: Annotated[str | None, Query(description="Audit score 0-100.")] = None,
        audience: Annotated[
            list[str] | None, Query(description="female>=60%, 18-24>=40%, TH>=50%; repeatable.")
        ] = None,
        min_price: Annotated[str | None, Query(description="Estimated THB per post.")] = None,
        max_price: Annotated[str | None, Query(description="Estimated THB per post.")] = None,
        active_within: Annotated[str | None, Query(description="Posted within N days.")] = None,
        verified: Annotated[str | None, Query(description="yes or no.")] = None,
        has_contact: Annotated[str | None, Query(description="yes or no.")] = None,
        fans_of: Annotated[str | None, Query(description="A brand's name.")] = None,
        like: Annotated[str | None, Query(description="PLATFORM:HANDLE")] = None,
        brand: Annotated[str | None, Query(description="Rank by fit for this brand.")] = None,
        target: Annotated[
            list[str] | None,
            Query(description="The brief's audience for brand fit: gender=female, age=18-24."),
        ] = None,
        sort: Annotated[str | None, Query(description=", ".join(SORTS))] = None,
        limit: Annotated[str | None, Query(description=f"1-{MAX_LIMIT}, default 25")] = None,
        offset: Annotated[str | None, Query(description="Skip this many.")] = None,
    ) -> None:
        self.values: dict[str, Any] = {
            "text": text, "hashtag": hashtag, "mentions": mentions, "niche": niche,
            "tier": tier, "scheme": scheme, "type": type, "platform": platform,
            "country": country, "province": province, "language": language,
            "min_followers": min_followers, "max_followers": max_followers,
            "min_er": min_er, "max_er": max_er, "min_quality": min_quality,
            "audience": audience, "min_price": min_price, "max_price": max_price,
            "active_within": active_within, "verified": verified, "has_contact": has_contact,
            "fans_of": fans_of, "like": like, "brand": brand, "target": target, "sort": sort,
            "limit": limit, "offset": offset,
        }  # fmt: skip

    def pairs(self) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for name, value in self.values.items():
            if isinstance(value, list):
                found.extend((name, v) for v in value)
            elif value is not None:
                found.append((name, value))
        return found
