"""The search fields, each declared once: its name, how it is read from text, how it is written
back, its label and its help. The command line's options (``kolscope creators search`` and
``match``), the discover page's query parameters and form, the API's documented parameters, the
links that keep or reset a search, and saved searches all come from ``SEARCH_FIELDS``.

A field's ``name`` is its query parameter; its option is ``--`` and the name with dashes
(``min_followers`` → ``--min-followers``) unless ``option`` says otherwise. Errors name the
field (``SearchError.field``), so a page marks the right input without reading the message.
Labels and help are English message ids; the web app shows them in Thai from its catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kolscope.discovery import messages as say
from kolscope.discovery.field_values import (
    FieldError,
    Values,
    grouped,
    read_count,
    read_days,
    read_flag,
    read_many,
    read_number,
    read_text,
    read_whole,
)
from kolscope.discovery.query import (
    CREATOR_TYPES,
    MAX_LIMIT,
    SORTS,
    AudienceCondition,
    SearchError,
    SearchRequest,
)
from kolscope.domain.limits import MAX_OFFSET
from kolscope.domain.messages import Template
from kolscope.domain.places import find_country, find_province
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.vetting.facade import AudienceTarget

PAGE_SIZE = 25
LANGUAGES = ("th", "en", "mixed")


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    return message


@dataclass(frozen=True, slots=True)
class SearchField:
    """One search field. ``read`` turns the field's given values into the request's value
    (raising ``FieldError`` naming the field); ``write`` turns the value back into text."""

    name: str
    attribute: str  # of SearchRequest
    label: str
    help: str
    read: Callable[[Values, str], Any]
    write: Callable[[Any], list[str]]
    repeated: bool = False
    option: str | None = None  # the command-line option when it is not --name
    cli_type: type = str  # how the command line types it (its parser still applies)
    metavar: str | None = None

    @property
    def cli_option(self) -> str:
        return self.option or "--" + self.name.replace("_", "-")


def _one(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, float):
        return [f"{value:g}"]
    return [str(value)]


def _each(values: Iterable[Any]) -> list[str]:
    return [str(v) for v in values]


def _choice(allowed: Sequence[str], reason: Template) -> Callable[[Values, str], str | None]:
    """One of ``allowed``; the English names them, ``reason`` says it for a page."""

    def read(values: Values, name: str) -> str | None:
        text = read_text(values, name)
        if text is None:
            return None
        if text.lower() not in allowed:
            english = f"{text!r}: use {', '.join(allowed[:-1])} or {allowed[-1]}"
            raise FieldError(name, english, reason(value=repr(text)))
        return text.lower()

    return read


def _platforms(values: Values, name: str) -> tuple[Platform, ...]:
    platforms: list[Platform] = []
    for text in read_many(values, name):
        platform = parse_platform(text)
        if platform is None:
            known = ", ".join(p.value for p in Platform)
            english = f"{text!r} is not known (known: {known})"
            raise FieldError(name, english, say.PLATFORM_UNKNOWN(value=repr(text)))
        platforms.append(platform)
    return tuple(dict.fromkeys(platforms))


def _country(values: Values, name: str) -> str | None:
    country = read_text(values, name)
    if country is None:
        return None
    code = find_country(country)
    if code is None:
        raise FieldError(name, say.COUNTRY_UNKNOWN(value=repr(country)))
    return code


def _province(values: Values, name: str) -> str | None:
    province = read_text(values, name)
    if province is None:
        return None
    found = find_province(province)
    if found is None:
        raise FieldError(name, say.PROVINCE_UNKNOWN(value=repr(province)))
    return found.code


def _audience(values: Values, name: str) -> tuple[AudienceCondition, ...]:
    found = []
    for text in read_many(values, name):
        try:
            found.append(AudienceCondition.parse(text))
        except SearchError as error:
            english = str(error).removeprefix("audience ")
            raise FieldError(name, english, error.reason) from None
    return tuple(found)


def _target(values: Values, name: str) -> AudienceTarget | None:
    items = read_many(values, name)
    if not items:
        return None
    try:
        return AudienceTarget.parse(items)
    except ValueError as error:
        raise FieldError(name, say.read_error(error)) from None


def _write_target(target: AudienceTarget | None) -> list[str]:
    if target is None:
        return []
    return [f"{dimension}={','.join(segments)}" for dimension, segments in target.to_dict().items()]


def _like(values: Values, name: str) -> str | None:
    like = read_text(values, name)
    if like is not None and ":" not in like:
        english = f"{like!r}: write PLATFORM:HANDLE, e.g. instagram:som.review"
        example = repr("instagram:som.review")
        raise FieldError(name, english, say.LIKE_FORM(value=repr(like), example=example))
    return like


def _sort(values: Values, name: str) -> str:
    return _choice(SORTS, say.SORT)(values, name) or "relevance"


def _write_sort(sort: str) -> list[str]:
    return [] if sort == "relevance" else [sort]


def _whole(values: Values, name: str) -> int | None:
    return read_whole(values, name, None)


def _field(
    name: str,
    label: str,
    help: str,
    read: Callable[[Values, str], Any] = read_text,
    write: Callable[[Any], list[str]] = _one,
    *,
    attribute: str | None = None,
    **more: Any,
) -> SearchField:
    return SearchField(name, attribute or name, label, help, read, write, **more)


SEARCH_FIELDS: tuple[SearchField, ...] = (
    _field("text", N_("Words"), N_("Words in bios, captions or hashtags (Thai works: ครีมกันแดด).")),
    _field("hashtag", N_("Hashtag"), N_("Uses this hashtag (#skincaretips or รีวิวบิวตี้).")),
    _field("mentions", N_("Mentions"), N_("Mentions this handle in posts (@brand).")),
    _field("niche", N_("Niche"), N_("In this niche (repeatable: any of them)."),
           read_many, _each, attribute="niches", repeated=True),
    _field("tier", N_("Tier"), N_("In this tier of the scheme, e.g. micro.")),
    _field("scheme", N_("Tier scheme"),
           N_("Tier scheme: standard, wide-micro, kol-th or your own.")),
    _field("type", N_("Creator type"), N_("kol, koc or creator."),
           _choice(CREATOR_TYPES, say.CREATOR_TYPE_CHOICE), attribute="creator_type",
           option="--type"),
    _field("platform", N_("Platform"), N_("Only these platforms (repeatable)."),
           _platforms, lambda ps: [p.value for p in ps], attribute="platforms", repeated=True),
    _field("country", N_("Country"), N_("Country name or code (Thailand, TH)."), _country),
    _field("province", N_("Province"), N_("Thai province in Thai or English."), _province),
    _field("language", N_("Language"), N_("Posts mostly in th, en or mixed."),
           _choice(LANGUAGES, say.LANGUAGE_CHOICE)),
    _field("min_followers", N_("Followers from"),
           N_("At least this many followers (10K works)."), read_count),
    _field("max_followers", N_("Followers up to"), N_("At most this many followers."),
           read_count),
    _field("min_er", N_("Engagement rate from (%)"),
           N_("Engagement rate at least this many per cent."), read_number, cli_type=float),
    _field("max_er", N_("Engagement rate up to (%)"),
           N_("Engagement rate at most this many per cent."), read_number, cli_type=float),
    _field("min_quality", N_("Quality score from"),
           N_("Audit quality score at least this (0-100)."), read_number, cli_type=float),
    _field("audience", N_("Audience"),
           N_("Audience share: female>=60%, 18-24>=40%, TH>=50%, TH-10>=20% (repeatable)."),
           _audience, _each, repeated=True),
    _field("min_price", N_("Price from (THB)"),
           N_("Estimated price per post at least this (THB)."), read_count),
    _field("max_price", N_("Price up to (THB)"),
           N_("Estimated price per post at most this (THB)."), read_count),
    _field("active_within", N_("Posted within (days)"), N_("Posted within this many days."),
           read_days, attribute="active_within_days", cli_type=int),
    _field("verified", N_("Verified"), N_("Verified accounts only (or not)."), read_flag,
           option="--verified/--not-verified", cli_type=bool),
    _field("has_contact", N_("Has a contact"), N_("Has a contact (e-mail, LINE, link)."),
           read_flag, option="--has-contact/--no-contact", cli_type=bool),
    _field("fans_of", N_("Fans of a brand"),
           N_("Mentions or tags this brand in unsponsored posts.")),
    _field("like", N_("More like"), N_("More like this creator."), _like,
           metavar="PLATFORM:HANDLE"),
    _field("brand", N_("Rank by fit for"), N_("Rank by fit for this brand.")),
    _field("target", N_("The brief's audience"),
           N_("The brief's audience for brand fit: gender=female, age=18-24,25-34, "
              "country=TH, province=TH-10 (repeatable)."),
           _target, _write_target, repeated=True),
    _field("sort", N_("Sort"), N_("relevance, followers, engagement, quality, recent, fit."),
           _sort, _write_sort),
    _field("limit", N_("Results per page"), N_("How many to show (1-500)."), _whole,
           cli_type=int),
    _field("offset", N_("Offset"), N_("Skip this many (paging)."), _whole, cli_type=int),
)  # fmt: skip
BY_NAME: Mapping[str, SearchField] = {f.name: f for f in SEARCH_FIELDS}
PAGING = ("limit", "offset")


def read_search(
    values: Values, *, limit: int = PAGE_SIZE, max_limit: int = MAX_LIMIT
) -> SearchRequest:
    """A search from its fields' values by name (blank values mean "any"; unknown names are
    ignored). A province implies Thailand; paging is checked against ``max_limit``."""
    read = {f.attribute: f.read(values, f.name) for f in SEARCH_FIELDS}
    if read["province"] is not None and read["country"] is None:
        read["country"] = "TH"
    size = read["limit"] or limit
    if not 1 <= size <= max_limit:
        raise FieldError("limit", say.BETWEEN(low=1, high=max_limit))
    offset = read["offset"] or 0
    if not 0 <= offset <= MAX_OFFSET:
        raise FieldError("offset", say.BETWEEN(low=0, high=MAX_OFFSET))
    read["limit"], read["offset"] = size, offset
    return SearchRequest(**read)


def parse_pairs(
    pairs: Iterable[tuple[str, str]], *, limit: int = PAGE_SIZE, max_limit: int = MAX_LIMIT
) -> SearchRequest:
    """A search from query-string pairs (``read_search`` over them)."""
    return read_search(grouped(pairs), limit=limit, max_limit=max_limit)


def search_pairs(
    request: SearchRequest, *, paging: bool = True, page_size: int = PAGE_SIZE
) -> list[tuple[str, str]]:
    """The field values that ask for this search (the inverse of ``read_search``); with
    ``paging`` the page size and offset when they are not the defaults."""
    pairs: list[tuple[str, str]] = []
    for field in SEARCH_FIELDS:
        value = getattr(request, field.attribute)
        if field.name in PAGING:
            default = page_size if field.name == "limit" else 0
            if not paging or value == default:
                continue
        pairs.extend((field.name, text) for text in field.write(value))
    return pairs
