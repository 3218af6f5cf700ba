from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kolscope.domain.quantities import (
    THAI_DIGITS,
    format_count,
    is_missing,
    number_precision,
    parse_average,
    parse_count,
    parse_number,
    parse_rate,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.2M", 1_200_000),
        ("45.3K", 45_300),
        ("45.3k", 45_300),
        ("1,234", 1_234),
        ("1,234,567", 1_234_567),
        ("1.234.567", 1_234_567),
        ("1 234", 1_234),
        ("๑,๒๓๔", 1_234),
        ("1.5 ล้าน", 1_500_000),
        ("3 หมื่น", 30_000),
        ("2.5แสน", 250_000),
        ("7 พัน", 7_000),
        ("1.2B", 1_200_000_000),
        ("477900000.00", 477_900_000),
        (" 13.8M ", 13_800_000),
        ("'1200'", 1_200),
        (1200, 1_200),
        (12.0, 12),
    ],
)
def test_counts_in_the_ways_exports_write_them(text: object, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "-",
        "—",
        "N/A",
        "N/A'",
        "n/a",
        "#VALOR!",
        "#VALUE!",
        "#N/A",
        "#DIV/0!",
        "null",
        "None",
        "nan",
        "ไม่ระบุ",
    ],
)
def test_placeholders_mean_no_value(text: str) -> None:
    assert is_missing(text)
    assert parse_number(text) is None


def test_percentages_and_rates() -> None:
    assert parse_number("3.1%") == pytest.approx(0.031)
    assert parse_rate("3.1%") == pytest.approx(0.031)
    assert parse_rate("0.031") == pytest.approx(0.031)
    assert parse_rate("3.1", percent_scale=True) == pytest.approx(0.031)
    assert parse_rate("3.1%", percent_scale=True) == pytest.approx(0.031)


def test_averages_keep_fractions() -> None:
    assert parse_average("348.5") == 348.5


@pytest.mark.parametrize("text", ["12,3a", "abc", "1.2X", "--5", "1,23,4"])
def test_unreadable_numbers_say_what_was_written(text: str) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        parse_number(text)


def test_counts_refuse_negatives_and_percentages() -> None:
    with pytest.raises(ValueError, match="negative"):
        parse_count("-5")
    with pytest.raises(ValueError, match="percentage"):
        parse_count("5%")


def test_precision_prefers_exact_columns() -> None:
    assert number_precision("13.8M") < number_precision("13800000")
    assert number_precision("477900000.00") == 9
    assert number_precision("348.5") == 4


@given(st.integers(min_value=0, max_value=10**12))
def test_any_count_round_trips_through_thousands_separators(value: int) -> None:
    assert parse_count(f"{value:,}") == value
    assert parse_count(str(value)) == value
    assert (
        parse_count(
            str(value).translate(
                {ord(d): t for d, t in zip("0123456789", "๐๑๒๓๔๕๖๗๘๙", strict=True)}
            )
        )
        == value
    )


@given(st.integers(min_value=1_000, max_value=10**10))
def test_compact_counts_read_back_within_rounding(value: int) -> None:
    shown = format_count(value)
    assert parse_count(shown) == pytest.approx(value, rel=0.051)


def test_thai_digit_table_is_complete() -> None:
    assert "๐๑๒๓๔๕๖๗๘๙".translate(THAI_DIGITS) == "0123456789"
