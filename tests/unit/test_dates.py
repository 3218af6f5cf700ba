from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kolscope.domain.dates import find_date_in_text, parse_date, parse_datetime, to_buddhist_era


@pytest.mark.parametrize(
    ("name", "expected", "precision"),
    [
        ("social media influencers - Tiktok sep 2022.csv", date(2022, 9, 1), "month"),
        ("social media influencers-instagram - -nov 2022.csv", date(2022, 11, 1), "month"),
        ("influencers june 2022 - june 2022.csv", date(2022, 6, 1), "month"),
        ("youtube sep-2022.csv", date(2022, 9, 1), "month"),
        ("export_2022-09-15.csv", date(2022, 9, 15), "day"),
        ("data-20220915.xlsx", date(2022, 9, 15), "day"),
        ("รายงาน 15 ก.ย. 2565", date(2022, 9, 15), "day"),
        ("ครีเอเตอร์ กันยายน 2565", date(2022, 9, 1), "month"),
    ],
)
def test_dates_in_file_names(name: str, expected: date, precision: str) -> None:
    assert find_date_in_text(name) == (expected, precision)


def test_no_date_in_a_plain_name() -> None:
    assert find_date_in_text("social media influencers - youtube.csv") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-23", date(2026, 11, 23)),
        ("23/11/2569", date(2026, 11, 23)),
        ("23/11/2026", date(2026, 11, 23)),
        ("23 พ.ย. 69", date(2026, 11, 23)),
    ],
)
def test_cell_dates_day_first_and_buddhist_era(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_times_without_zone_are_bangkok_time() -> None:
    assert parse_datetime("2026-11-23 10:30") == datetime(2026, 11, 23, 3, 30, tzinfo=UTC)
    assert parse_datetime("2026-11-23T10:30:00+00:00") == datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
    assert parse_datetime("1763893800") == datetime(2025, 11, 23, 10, 30, tzinfo=UTC)


def test_bad_dates_explain_the_expected_form() -> None:
    with pytest.raises(ValueError, match="2026-11-23"):
        parse_date("someday")


def test_buddhist_era() -> None:
    assert to_buddhist_era(date(2026, 1, 1)) == 2569
