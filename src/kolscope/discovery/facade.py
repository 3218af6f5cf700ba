"""What entry points use of discovery: searching (requests, results, errors, the declared
search fields), list matching, the niches' names, exports of results, shortlists and the index
job. Entry points import these names from here and nothing else of the area."""

from __future__ import annotations

from kolscope.discovery.export import (
    EXPORT_COLUMNS,
    export_row,
    export_table,
    hit_dict,
    result_dict,
)
from kolscope.discovery.field_values import FieldError, grouped
from kolscope.discovery.fields import (
    BY_NAME,
    PAGE_SIZE,
    SEARCH_FIELDS,
    SearchField,
    parse_pairs,
    read_search,
    search_pairs,
)
from kolscope.discovery.handle_lists import HandleList, ListFileError, read_handles
from kolscope.discovery.indexing import INDEX, submit_index
from kolscope.discovery.messages import brand_has_no_terms, not_your_brand
from kolscope.discovery.query import (
    MAX_LIMIT,
    SORTS,
    ListMatch,
    SearchError,
    SearchHit,
    SearchRequest,
    SearchResult,
)
from kolscope.discovery.scoring.price import PriceRange, estimate_price
from kolscope.discovery.scoring.taxonomy import BY_ID as NICHES_BY_ID
from kolscope.discovery.scoring.taxonomy import NICHES
from kolscope.discovery.shortlists import MAX_NOTE, Shortlist
from kolscope.infra.table_files import ExportError, write_table

__all__ = [
    "BY_NAME", "EXPORT_COLUMNS", "INDEX", "MAX_LIMIT", "MAX_NOTE", "NICHES", "NICHES_BY_ID",
    "PAGE_SIZE", "SEARCH_FIELDS", "SORTS", "ExportError", "FieldError", "HandleList",
    "ListFileError", "ListMatch", "PriceRange", "SearchError", "SearchField", "SearchHit",
    "SearchRequest", "SearchResult", "Shortlist", "brand_has_no_terms", "estimate_price",
    "export_row", "export_table", "grouped", "hit_dict", "not_your_brand", "parse_pairs",
    "read_handles", "read_search", "result_dict", "search_pairs", "submit_index", "write_table",
]  # fmt: skip
