"""Charts in the reader's language and formats.

Axis ticks and hover text are written here, server-side, with the i18n helpers (Thai month
names, Buddhist-era years, Thai number units when the person chose them), so neither the inline
SVG (drawn without JavaScript, text escaped) nor Plotly formats a date or a number itself:
Plotly gets ``tickvals``/``ticktext`` and pre-written hover text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from kolscope.domain.dates import to_buddhist_era
from kolscope.entrypoints.web import i18n

FONT = "Noto Sans Thai, Sarabun, Tahoma, sans-serif"


@dataclass(frozen=True, slots=True)
class ChartWords:
    """How a chart writes dates and counts: the page's language and the person's formats."""

    language: str = "en"
    buddhist_era: bool = False
    thai_units: bool = False

    @classmethod
    def of(cls, formats: dict[str, bool] | None, language: str | None = None) -> ChartWords:
        """From the page context's ``formats`` (``{"buddhist_era", "thai_units"}``)."""
        formats = formats or {}
        return cls(
            language or i18n.current_language(),
            bool(formats.get("buddhist_era")),
            bool(formats.get("thai_units")),
        )

    def day(self, value: date) -> str:
        return i18n.day(value, buddhist_era=self.buddhist_era, language=self.language)

    def month(self, value: date) -> str:
        """A month and its year: ม.ค. 2569 / Jan 2026 / Jan 2569 BE."""
        names = i18n.THAI_MONTHS if self.language == "th" else i18n.ENGLISH_MONTHS
        year = to_buddhist_era(value) if self.buddhist_era else value.year
        suffix = " BE" if self.buddhist_era and self.language != "th" else ""
        return f"{names[value.month - 1]} {year}{suffix}"

    def count(self, value: float) -> str:
        return i18n.count(value, self.thai_units)


def date_ticks(first: date, last: date, most: int = 6) -> list[date]:
    """Days to label between ``first`` and ``last``: the first of each month (every second,
    third... month when there are many) for spans of two months or more, else evenly spaced days."""
    if last < first:
        first, last = last, first
    if (last - first).days >= 60:
        months = []
        year, month = first.year, first.month
        while date(year, month, 1) <= last:
            if date(year, month, 1) >= first:
                months.append(date(year, month, 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        step = max(1, math.ceil(len(months) / most))
        return months[::step]
    span = (last - first).days
    if span == 0:
        return [first]
    parts = min(most - 1, span)
    return sorted(
        {date.fromordinal(first.toordinal() + round(span * i / parts)) for i in range(parts + 1)}
    )


def date_labels(ticks: Sequence[date], first: date, last: date, words: ChartWords) -> list[str]:
    """Tick labels: month and year for month ticks, the full day for short spans."""
    if abs((last - first).days) >= 60:
        return [words.month(t) for t in ticks]
    return [words.day(t) for t in ticks]


def count_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round values (1, 2, 2.5 or 5 times a power of ten) covering ``low``..``high``."""
    if high < low:
        low, high = high, low
    if high == low:
        return [low]
    raw = (high - low) / max(1, most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        if value >= low - step * 1e-9:
            ticks.append(round(value, 10))
        value += step
    return ticks or [low, high]


def axis_text(words: ChartWords, values: Sequence[float]) -> list[str]:
    return [words.count(v) for v in values]


def line_chart(
    points: Sequence[tuple[date, float]],
    *,
    label: str,
    words: ChartWords | None = None,
    width: int = 640,
    height: int = 200,
    marks: Sequence[tuple[date, str]] = (),
) -> str:
    """A labelled line chart of a dated series as inline SVG (empty string for < 2 points);
    ``marks`` are days drawn as vertical lines with their title (follower jumps)."""
    if len(points) < 2:
        return ""
    words = words or ChartWords(i18n.current_language())
    left, right, top, bottom = 64, 12, 12, 28
    xs = [p[0].toordinal() for p in points]
    ys = [p[1] for p in points]
    x_low, x_high = min(xs), max(xs)
    y_low, y_high = min(ys), max(ys)
    if y_high == y_low:
        y_low, y_high = y_low * 0.95, (y_high * 1.05) or 1.0
    span_x = (x_high - x_low) or 1
    span_y = y_high - y_low

    def sx(x: int) -> float:
        return left + (x - x_low) / span_x * (width - left - right)

    def sy(y: float) -> float:
        return top + (1 - (y - y_low) / span_y) * (height - top - bottom)

    path = " ".join(
        f"{'M' if i == 0 else 'L'}{sx(x):.1f},{sy(y):.1f}"
        for i, (x, y) in enumerate(zip(xs, ys, strict=True))
    )
    ticks = []
    for value in (y_low, y_low + span_y / 2, y_high):
        y = sy(value)
        ticks.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(words.count(value))}</text>"
        )
    first_day, last_day = date.fromordinal(x_low), date.fromordinal(x_high)
    first, last = escape(words.day(first_day)), escape(words.day(last_day))
    dots = "".join(
        f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="2.5"><title>'
        f"{escape(words.day(date.fromordinal(x)))}: {escape(words.count(y))}</title></circle>"
        for x, y in zip(xs, ys, strict=True)
    )
    lines = "".join(
        f'<line x1="{sx(day.toordinal()):.1f}" x2="{sx(day.toordinal()):.1f}" y1="{top}" '
        f'y2="{height - bottom}" class="mark"><title>{escape(words.day(day))}: '
        f"{escape(title)}</title></line>"
        for day, title in marks
        if x_low <= day.toordinal() <= x_high
    )
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}: {first} – {last}">'
        f"{''.join(ticks)}{lines}"
        f'<path d="{path}" class="line"/>{dots}'
        f'<text x="{left}" y="{height - 6}">{first}</text>'
        f'<text x="{width - right}" y="{height - 6}" text-anchor="end">{last}</text>'
        "</svg>"
    )


def date_axis(days: Sequence[date], words: ChartWords) -> dict[str, Any]:
    """A Plotly x axis over ``days`` (ISO strings on the axis) with labels written here."""
    first, last = min(days), max(days)
    ticks = date_ticks(first, last)
    return {
        "type": "date",
        "tickmode": "array",
        "tickvals": [t.isoformat() for t in ticks],
        "ticktext": date_labels(ticks, first, last, words),
        "gridcolor": "#eceef3",
    }


def count_axis(
    values: Sequence[float], words: ChartWords, *, from_zero: bool = False
) -> dict[str, Any]:
    """A Plotly y axis of counts with round ticks written as the person reads numbers."""
    low, high = (0.0 if from_zero else min(values)), max(values)
    ticks = count_ticks(low, high)
    return {
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": axis_text(words, ticks),
        "gridcolor": "#eceef3",
    }


def follower_figure(
    points: Sequence[tuple[date, float]], title: str, words: ChartWords
) -> dict[str, Any]:
    """A Plotly figure (as plain JSON) of followers over time, every label written here."""
    days = [d for d, _v in points]
    values = [v for _d, v in points]
    return {
        "data": [
            {
                "x": [d.isoformat() for d in days],
                "y": values,
                "text": [f"{words.day(d)}<br>{words.count(v)}" for d, v in points],
                "type": "scatter",
                "mode": "lines+markers",
                "name": title,
                "line": {"color": "#4338ca", "width": 2},
                "marker": {"size": 5},
                "hovertemplate": "%{text}<extra></extra>",
            }
        ],
        "layout": {
            "margin": {"l": 72, "r": 16, "t": 8, "b": 40},
            "height": 260,
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
            "font": {"family": FONT, "size": 12},
            "xaxis": date_axis(days, words),
            "yaxis": count_axis(values, words),
        },
    }
