"""Numbers past the bounds in ``kolscope.domain.limits`` are refused with a message, never passed
on to fail in SQL or date arithmetic (issue #13 item 5)."""

from __future__ import annotations

import pytest

from kolscope.discovery.checks import check_paging, check_ranges
from kolscope.discovery.query import SearchError, SearchRequest
from kolscope.domain.limits import MAX_COUNT, MAX_DAYS, MAX_ID, MAX_OFFSET, row_id
from kolscope.domain.quantities import parse_count


def test_counts_stop_at_the_bound() -> None:
    assert parse_count(str(MAX_COUNT)) == MAX_COUNT
    assert parse_count("1.5M") == 1_500_000
    for text in (str(MAX_COUNT + 1), str(2**63 - 1), "9" * 300, "2000000M"):
        with pytest.raises(ValueError, match="too large for a count"):
            parse_count(text)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"offset": MAX_OFFSET + 1}, "offset"),
        ({"active_within_days": MAX_DAYS + 1}, "active-within"),
        ({"min_price": MAX_COUNT + 1}, "min-price"),
        ({"max_followers": 2**63}, "max-followers"),
    ],
)
def test_search_values_past_the_bounds_name_the_option(
    changes: dict[str, int], message: str
) -> None:
    request = SearchRequest(**changes)  # type: ignore[arg-type]
    check = check_paging if "offset" in changes else check_ranges
    with pytest.raises(SearchError, match=message):
        check(request)


def test_an_id_is_ascii_digits_within_both_databases() -> None:
    assert row_id("42") == 42
    assert row_id(str(MAX_ID)) == MAX_ID == 2**31 - 1
    for text in ("0", "²", "4²", "-1", "1.0", " 1", str(2**31), "9" * 19, "9" * 300, ""):
        assert row_id(text) is None, text
