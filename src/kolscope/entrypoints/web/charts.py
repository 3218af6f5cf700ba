"""Server-drawn SVG charts: no JavaScript, nothing fetched, text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from kolscope.domain.quantities import format_count


def line_chart(
    points: Sequence[tuple[date, float]],
    *,
    label: str,
    width: int = 640,
    height: int = 200,
    marks: Sequence[tuple[date, str]] = (),
) -> str:
    """A labelled line chart of a dated series as inline SVG (empty string for < 2 points);
    ``marks`` are days drawn as vertical lines with their title (follower jumps)."""
    if len(points) < 2:
        return ""
    left, right, top, bottom = 56, 12, 12, 28
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
    for fraction in (0.0, 0.5, 1.0):
        value = y_low + span_y * fraction
        y = sy(value)
        ticks.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(format_count(value))}</text>"
        )
    first, last = points[0][0].isoformat(), points[-1][0].isoformat()
    dots = "".join(
        f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="2.5"><title>'
        f"{escape(date.fromordinal(x).isoformat())}: {escape(format_count(y))}</title></circle>"
        for x, y in zip(xs, ys, strict=True)
    )
    lines = "".join(
        f'<line x1="{sx(day.toordinal()):.1f}" x2="{sx(day.toordinal()):.1f}" y1="{top}" '
        f'y2="{height - bottom}" class="mark"><title>{escape(day.isoformat())}: '
        f"{escape(title)}</title></line>"
        for day, title in marks
        if x_low <= day.toordinal() <= x_high
    )
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)} from {first} to {last}">'
        f"{''.join(ticks)}{lines}"
        f'<path d="{path}" class="line"/>{dots}'
        f'<text x="{left}" y="{height - 6}">{first}</text>'
        f'<text x="{width - right}" y="{height - 6}" text-anchor="end">{last}</text>'
        "</svg>"
    )
