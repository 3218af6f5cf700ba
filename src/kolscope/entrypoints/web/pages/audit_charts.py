"""The audit's charts: engagement against the tier's spread, and follower jumps marked on the
follower chart. Plotly figures as plain dicts; only numbers and fixed labels go into them, and
every label and hover text is written here in the reader's language (``charts.ChartWords``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kolscope.domain.messages import Message
from kolscope.entrypoints.web.charts import FONT, ChartWords
from kolscope.entrypoints.web.i18n import _
from kolscope.vetting.facade import Distribution


@dataclass(frozen=True, slots=True)
class Jump:
    on: date
    before: float
    after: float
    tell_tales: tuple[Message, ...]  # said with ``say_all`` on the page

    @property
    def rise(self) -> float | None:
        return self.after / self.before - 1.0 if self.before else None


def _layout(height: int) -> dict[str, Any]:
    return {
        "margin": {"l": 60, "r": 16, "t": 8, "b": 48},
        "height": height,
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "font": {"family": FONT, "size": 12},
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.25},
    }


def engagement_figure(spread: Distribution, rate: float, where: float) -> dict[str, Any]:
    """The tier's engagement rates as a percentile curve (p1-p99, the middle half shaded) with
    this account marked on it."""
    xs = list(range(1, 100))
    ys = [float(v) for v in spread.percentiles[1:100]]
    layout = _layout(280)
    layout["xaxis"] = {
        "title": {"text": _("Percentile among peers")},
        "range": [-3, 103],
        "gridcolor": "#eceef3",
    }
    layout["yaxis"] = {
        "title": {"text": _("Engagement rate")},
        "tickformat": ".1%",
        "gridcolor": "#eceef3",
        "rangemode": "tozero",
    }
    layout["shapes"] = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": 25,
            "x1": 75,
            "y0": 0,
            "y1": 1,
            "fillcolor": "#eef0ff",
            "opacity": 0.6,
            "line": {"width": 0},
            "layer": "below",
        },
        {
            "type": "line",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": spread.p50,
            "y1": spread.p50,
            "line": {"color": "#8b93a7", "dash": "dot", "width": 1},
        },
    ]
    return {
        "data": [
            {
                "x": xs,
                "y": ys,
                "type": "scatter",
                "mode": "lines",
                "name": _("Peers (%(n)s accounts)") % {"n": f"{spread.n:,}"},
                "line": {"color": "#4338ca", "width": 2},
                "text": [
                    _("percentile %(n)s: %(rate)s") % {"n": x, "rate": f"{y:.2%}"}
                    for x, y in zip(xs, ys, strict=True)
                ],
                "hovertemplate": "%{text}<extra></extra>",
            },
            {
                "x": [round(where, 1)],
                "y": [rate],
                "type": "scatter",
                "mode": "markers",
                "name": _("This account"),
                "marker": {"color": "#b42318", "size": 12, "symbol": "diamond"},
                "text": [
                    _("percentile %(n)s: %(rate)s") % {"n": f"{where:.0f}", "rate": f"{rate:.2%}"}
                ],
                "hovertemplate": "%{text}<extra></extra>",
            },
        ],
        "layout": layout,
    }


def mark_jumps(
    figure: dict[str, Any], jumps: tuple[Jump, ...], words: ChartWords | None = None
) -> dict[str, Any]:
    """The follower chart with the audit's jumps marked (numbers only: no text from data), the
    days and counts of the hover text written in the reader's formats."""
    words = words or ChartWords()
    if not jumps:
        return figure
    data: list[dict[str, Any]] = [*figure["data"]]
    layout: dict[str, Any] = dict(figure["layout"])
    data.append(
        {
            "x": [j.on.isoformat() for j in jumps],
            "y": [j.after for j in jumps],
            "text": [
                f"{words.day(j.on)}<br>{words.count(j.before)} → {words.count(j.after)}"
                + ("" if j.rise is None else f" ({j.rise:+.0%})")
                for j in jumps
            ],
            "type": "scatter",
            "mode": "markers",
            "name": _("Follower jump found by the audit"),
            "marker": {"color": "#b42318", "size": 12, "symbol": "x"},
            "hovertemplate": "%{text}<extra></extra>",
        }
    )
    layout["annotations"] = [
        {
            "x": j.on.isoformat(),
            "y": j.after,
            "text": _("jump"),
            "showarrow": True,
            "arrowhead": 2,
            "ax": 0,
            "ay": -28,
            "font": {"color": "#b42318"},
        }
        for j in jumps
    ]
    layout["showlegend"] = True
    layout["legend"] = {"orientation": "h", "y": -0.22}
    layout["height"] = 300
    layout["margin"] = {**layout.get("margin", {}), "b": 64}
    return {"data": data, "layout": layout}
