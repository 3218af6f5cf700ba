"""Chart axes and hover text are written server-side in the reader's language and formats."""

from __future__ import annotations

from datetime import date

from kolscope.entrypoints.web.charts import (
    ChartWords,
    count_ticks,
    date_ticks,
    follower_figure,
    line_chart,
)
from kolscope.entrypoints.web.pages.audit_charts import Jump, mark_jumps

POINTS = [(date(2026, 1, 5), 80_000.0), (date(2026, 3, 1), 120_000.0), (date(2026, 5, 20), 1.2e6)]
THAI = ChartWords("th", buddhist_era=True, thai_units=True)
ENGLISH = ChartWords("en")


def test_month_ticks_are_thai_with_buddhist_era_years_and_thai_units() -> None:
    figure = follower_figure(POINTS, "ผู้ติดตาม", THAI)
    x, y = figure["layout"]["xaxis"], figure["layout"]["yaxis"]
    assert x["tickvals"] == ["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"]
    assert x["ticktext"] == ["ก.พ. 2569", "มี.ค. 2569", "เม.ย. 2569", "พ.ค. 2569"]
    assert y["tickvals"] == [250_000, 500_000, 750_000, 1_000_000]
    assert y["ticktext"] == ["2.5 แสน", "5 แสน", "7.5 แสน", "1 ล้าน"]
    assert "1.2 ล้าน" in figure["data"][0]["text"][-1]
    assert figure["data"][0]["text"][0] == "5 ม.ค. 2569<br>8 หมื่น"
    assert "%{x" not in figure["data"][0]["hovertemplate"]  # plotly formats no date itself


def test_month_ticks_in_english() -> None:
    figure = follower_figure(POINTS, "Followers", ENGLISH)
    assert figure["layout"]["xaxis"]["ticktext"] == ["Feb 2026", "Mar 2026", "Apr 2026", "May 2026"]
    assert figure["data"][0]["text"][0] == "5 Jan 2026<br>80K"
    assert figure["layout"]["yaxis"]["ticktext"] == ["250K", "500K", "750K", "1M"]
    assert ChartWords("en", buddhist_era=True).month(date(2026, 1, 1)) == "Jan 2569 BE"


def test_short_spans_label_days_and_long_ones_thin_the_months() -> None:
    days = date_ticks(date(2026, 9, 1), date(2026, 10, 1))
    assert days[0] == date(2026, 9, 1)
    assert days[-1] == date(2026, 10, 1)
    assert len(days) <= 6
    years = date_ticks(date(2024, 1, 15), date(2026, 12, 31))
    assert len(years) <= 6
    assert all(d.day == 1 for d in years)


def test_count_ticks_are_round() -> None:
    assert count_ticks(0, 100) == [0, 20, 40, 60, 80, 100]
    assert count_ticks(9_000, 9_500) == [9_000, 9_100, 9_200, 9_300, 9_400, 9_500]
    assert count_ticks(5, 5) == [5]


def test_the_svg_chart_writes_thai_days_and_units() -> None:
    svg = line_chart(POINTS, label="ผู้ติดตาม", words=THAI, marks=[(date(2026, 3, 1), "พุ่งขึ้น")])
    assert "5 ม.ค. 2569" in svg
    assert "20 พ.ค. 2569" in svg
    assert "1.2 ล้าน" in svg
    assert "Jan" not in svg
    english = line_chart(POINTS, label="Followers", words=ENGLISH)
    assert "5 Jan 2026" in english
    assert "1.2M" in english


def test_jump_hover_text_follows_the_formats() -> None:
    jump = Jump(date(2026, 3, 1), 100_000.0, 150_000.0, ())
    marked = mark_jumps(follower_figure(POINTS, "ผู้ติดตาม", THAI), (jump,), THAI)
    assert marked["data"][-1]["text"] == ["1 มี.ค. 2569<br>1 แสน → 1.5 แสน (+50%)"]
    assert marked["data"][-1]["x"] == ["2026-03-01"]
