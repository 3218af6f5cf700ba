"""Discovery search parameters in the web app and its API, all from the one declaration of the
search fields (``kolscope.discovery.fields``): a page's query string or form into a
``SearchRequest`` and back into a query string for links and exports, and the API's documented
parameters. Every parameter error names its field (``SearchError.field``): the page marks that
input, the API answers 400.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query

from kolscope.discovery.facade import (
    MAX_LIMIT,
    PAGE_SIZE,
    SEARCH_FIELDS,
    FieldError,
    SearchError,
    SearchRequest,
    brand_has_no_terms,
    not_your_brand,
    parse_pairs,
    search_pairs,
)
from kolscope.domain.brands import Brand
from kolscope.entrypoints.web import said

MATCH_LIMIT = 100
VIEWS = ("table", "cards")
__all__ = [
    "MATCH_LIMIT", "PAGE_SIZE", "VIEWS", "SearchParams", "error_said", "parse_search",
    "search_params",
]  # fmt: skip


def parse_search(
    pairs: Iterable[tuple[str, str]], *, limit: int = PAGE_SIZE, max_limit: int = MAX_LIMIT
) -> SearchRequest:
    """A search from query parameters (blank values mean "any"; unknown names are ignored)."""
    return parse_pairs(pairs, limit=limit, max_limit=max_limit)


def search_params(request: SearchRequest, *, paging: bool = True) -> list[tuple[str, str]]:
    """The query parameters that ask for this search (the inverse of ``parse_search``)."""
    return search_pairs(request, paging=paging)


def check_brands(request: SearchRequest, brands: Sequence[Brand]) -> None:
    """Only the person's organisation's brands may be searched for (fans of, rank by fit)."""
    for field, name in (("fans_of", request.fans_of), ("brand", request.brand)):
        if name is None:
            continue
        found = next((b for b in brands if b.is_named(name)), None)
        if found is None:
            raise FieldError(field, not_your_brand(name, [b.name for b in brands]))
        if field == "fans_of" and not (found.handles or found.hashtags):
            raise FieldError(field, brand_has_no_terms(found.name))


def error_said(error: SearchError, labels: Mapping[str, str], fallback: str | None = None) -> str:
    """What is wrong, in the reader's language, after the label of the field it is about (or
    ``fallback``'s label) - for a page's 400 (the API keeps the English ``str(error)``)."""
    label = labels.get(error.field or "") or (labels.get(fallback) if fallback else None)
    text = said.say_with(error.reason, said.wording())
    return f"{label}: {text}" if label else text


def query_string(pairs: Sequence[tuple[str, Any]]) -> str:
    return urlencode([(k, v) for k, v in pairs if v not in (None, "")], doseq=True)


class SearchParams:
    """The search's query parameters, for the API's documentation (one per search field, with
    its help); all read as text so that a wrong value gets a 400 naming it (``parse_search``)
    rather than a generic 422."""

    def __init__(self, **values: Any) -> None:
        self.values: dict[str, Any] = values

    def pairs(self) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for field in SEARCH_FIELDS:
            value = self.values.get(field.name)
            if isinstance(value, list):
                found.extend((field.name, v) for v in value)
            elif value is not None:
                found.append((field.name, value))
        return found


# FastAPI reads the parameters from the signature: one per declared field.
SearchParams.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        inspect.Parameter(
            field.name,
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[
                list[str] | None if field.repeated else str | None,
                Query(description=field.help),
            ],
        )
        for field in SEARCH_FIELDS
    ]
)
