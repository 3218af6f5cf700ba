"""Counting clicks on tracking links: all clicks, unique clicks (one an hour per visitor and
link), what the counts set aside (bots, previews, headless browsers), and the click-fraud
signals (bursts from one visitor or one network on one link).

**Unique clicks.** A click counts as unique when it is the visitor's first on that link, or
comes an hour or more (:data:`UNIQUE_WINDOW`) after their last click that counted. So a
visitor who taps a link three times in ten minutes (the LINE in-app browser, then "open in
Safari", then back) is one unique click, and one who comes back the next evening is two. The
hour runs from the click that counted, not from the latest click, so someone reloading every
50 minutes still counts once an hour rather than once for ever. The visitor hash changes with
the salt day (see ``hashing``): a visitor clicking across the change counts again.

**Bursts.** More than :data:`VISITOR_BURST` clicks from one visitor hash on one link within
:data:`BURST_SECONDS` seconds, or more than :data:`NETWORK_BURST` from one network (/24 or /48)
on one link within the same window. A person reloading a slow page makes a handful of clicks
a minute; ten or more is a program. A network is allowed far more because Thai mobile carriers
put thousands of phones behind a few shared addresses (carrier-grade NAT): when a creator posts,
many real followers on one carrier click within the same minute. Bursts are signals shown
beside the counts, with their reason; they do not remove clicks from the counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from kolscope.domain.messages import Message
from kolscope.tracking import messages_clicks as said
from kolscope.tracking.clicks.visitor import COUNTED, VisitorKind

UNIQUE_WINDOW = timedelta(hours=1)
BURST_SECONDS = 60
VISITOR_BURST = 10
"""More than this many clicks from one visitor on one link within BURST_SECONDS is a burst."""
NETWORK_BURST = 50
"""More than this many clicks from one network on one link within BURST_SECONDS is a burst."""


@dataclass(frozen=True, slots=True)
class Click:
    """One stored click, as counting needs it: when, which link, the visitor's hash, what kind
    of visitor, and the network's hash (None when unknown)."""

    at: datetime
    link: str
    visitor: str
    kind: VisitorKind = "person"
    network: str | None = None


@dataclass(frozen=True, slots=True)
class LinkClicks:
    """One link's counts: clicks and unique clicks of the counted kinds, and how many clicks of
    each other kind were kept but set aside."""

    link: str
    clicks: int = 0
    unique: int = 0
    set_aside: dict[VisitorKind, int] = field(default_factory=dict)

    @property
    def note(self) -> Message | None:
        """What the counts leave out, for a page or report; None when nothing was."""
        left = sum(self.set_aside.values())
        return said.SET_ASIDE(clicks=left) if left else None


@dataclass(frozen=True, slots=True)
class Burst:
    """A click-fraud signal: a run of clicks on one link from one visitor or one network, each
    within BURST_SECONDS of enough others; ``who`` is the visitor's or network's hash."""

    link: str
    by: Literal["visitor", "network"]
    who: str
    clicks: int
    start: datetime
    end: datetime
    why: Message


def unique_clicks(
    clicks: Iterable[Click], *, counted: Collection[VisitorKind] = COUNTED
) -> list[Click]:
    """The clicks that count as unique, in time order: a visitor's first click on a link, and
    each later one an hour or more after their last click that counted. Only the kinds in
    ``counted`` (people by default) take part."""
    last: dict[tuple[str, str], datetime] = {}
    kept: list[Click] = []
    for click in _in_order(clicks):
        if click.kind not in counted:
            continue
        key = (click.link, click.visitor)
        before = last.get(key)
        if before is None or click.at - before >= UNIQUE_WINDOW:
            last[key] = click.at
            kept.append(click)
    return kept


def count_clicks(
    clicks: Iterable[Click], *, counted: Collection[VisitorKind] = COUNTED
) -> dict[str, LinkClicks]:
    """Each link's clicks, unique clicks and set-aside clicks, by link."""
    every = _in_order(clicks)
    totals: dict[str, int] = defaultdict(int)
    aside: dict[str, dict[VisitorKind, int]] = defaultdict(lambda: defaultdict(int))
    for click in every:
        if click.kind in counted:
            totals[click.link] += 1
        else:
            aside[click.link][click.kind] += 1
    unique: dict[str, int] = defaultdict(int)
    for click in unique_clicks(every, counted=counted):
        unique[click.link] += 1
    links = sorted({click.link for click in every})
    return {link: LinkClicks(link, totals[link], unique[link], dict(aside[link])) for link in links}


def find_bursts(
    clicks: Iterable[Click],
    *,
    seconds: int = BURST_SECONDS,
    visitor_most: int = VISITOR_BURST,
    network_most: int = NETWORK_BURST,
    counted: Collection[VisitorKind] = COUNTED,
) -> list[Burst]:
    """Runs of more than ``visitor_most`` clicks from one visitor, or ``network_most`` from one
    network, on one link within ``seconds``; overlapping runs are one burst. In time order."""
    by_visitor: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    by_network: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    for click in _in_order(clicks):
        if click.kind not in counted:
            continue
        by_visitor[(click.link, click.visitor)].append(click.at)
        if click.network is not None:
            by_network[(click.link, click.network)].append(click.at)
    window = timedelta(seconds=seconds)
    bursts: list[Burst] = []
    for (link, who), times in by_visitor.items():
        for first, last, many in _runs(times, window, visitor_most):
            why = said.VISITOR_BURST(
                clicks=many, seconds=_seconds(last - first), most=visitor_most, window=seconds
            )
            bursts.append(Burst(link, "visitor", who, many, first, last, why))
    for (link, who), times in by_network.items():
        for first, last, many in _runs(times, window, network_most):
            why = said.NETWORK_BURST(
                clicks=many, seconds=_seconds(last - first), most=network_most, window=seconds
            )
            bursts.append(Burst(link, "network", who, many, first, last, why))
    return sorted(bursts, key=lambda burst: (burst.start, burst.link, burst.by, burst.who))


def _runs(
    times: Sequence[datetime], window: timedelta, most: int
) -> list[tuple[datetime, datetime, int]]:
    """Each run of ``times`` (sorted) where some ``window`` holds more than ``most`` clicks:
    the windows that do are merged where they overlap; (first, last, clicks)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end, at in enumerate(times):
        while at - times[start] > window:
            start += 1
        if end - start + 1 > most:
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return [(times[first], times[last], last - first + 1) for first, last in spans]


def _seconds(span: timedelta) -> int:
    return max(1, round(span.total_seconds()))


def _in_order(clicks: Iterable[Click]) -> list[Click]:
    return sorted(clicks, key=lambda click: click.at)
