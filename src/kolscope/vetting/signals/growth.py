"""Growth anomalies in an account's follower series: jumps, and what gives a jump away.

Organic accounts grow by a few percent a week at most. A jump well above the account's own
usual weekly change is read together with three tell-tales:

- rise then decay: much of the jump is lost again within weeks (bought followers dropping off,
  or a giveaway's followers leaving);
- a round number: the jump above the usual growth is close to 1K, 2K, 5K, 10K, 20K, 50K ...
  (the sizes follower packages are sold in);
- growth without matching engagement: followers rose but the engagement per post (from the
  snapshots) did not rise with them, so the new followers do not engage.

A jump with none of these may be a post that went viral: a warning, not a problem.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kolscope.domain.messages import Message
from kolscope.vetting import messages as m
from kolscope.vetting.metrics.growth import day_from_number
from kolscope.vetting.signals.signal import Signal, Verdict, confidence_from_count, unknown

NAME = "growth"
MIN_SNAPSHOTS = 6
MIN_SPAN_DAYS = 28
JUMP_WEEKLY = 0.15  # a weekly rise of 15 % of followers or more ...
JUMP_ROBUST_Z = 8.0  # ... that is also this many robust deviations above the usual change
DECAY_SHARE = 0.2  # losing this share of the jump within DECAY_WINDOW snapshots
DECAY_WINDOW = 8
ROUND_TOLERANCE = 0.04
ENGAGEMENT_FOLLOWS = 0.25  # engagement rose by less than this share of the follower rise
_ROUND = tuple(m * 10**e for e in range(3, 8) for m in (1, 2, 5))


@dataclass(frozen=True, slots=True)
class Jump:
    """One jump in the series: the snapshot index it lands on and what it looks like."""

    index: int
    day: int  # day number (days since 1970-01-01) of the snapshot after the jump
    before: float
    after: float
    weekly_rise: float  # relative rise, per week
    excess: float  # followers added above the account's usual weekly growth
    decayed: float | None  # share of the jump lost afterwards (None: no later snapshots)
    round_number: int | None
    engagement_rise: float | None  # relative rise of engagement per post over the same step


def nearest_round(value: float) -> int | None:
    """The package-sized round number within ``ROUND_TOLERANCE`` of ``value``, if any."""
    if value < _ROUND[0] * (1 - ROUND_TOLERANCE):
        return None
    best = min(_ROUND, key=lambda r: abs(value - r))
    return best if abs(value - best) <= ROUND_TOLERANCE * best else None


def find_jumps(
    days: NDArray[np.float64],
    followers: NDArray[np.float64],
    engagement: NDArray[np.float64] | None = None,
) -> list[Jump]:
    """Jumps in a series sorted by day (day numbers; followers > 0; engagement per post or NaN)."""
    gaps = np.maximum(np.diff(days), 1.0)
    deltas = np.diff(followers)
    weekly = deltas / np.maximum(followers[:-1], 1.0) * (7.0 / gaps)
    if float(weekly.max()) < JUMP_WEEKLY:  # the common case: no week rose enough to look at
        return []
    median = float(np.median(weekly))
    spread = 1.4826 * float(np.median(np.abs(weekly - median))) or 1e-3
    candidates = np.flatnonzero(
        (weekly >= JUMP_WEEKLY) & (weekly - median >= JUMP_ROBUST_Z * spread)
    )
    jumps: list[Jump] = []
    usual = float(np.median(deltas))
    for step in candidates.tolist():
        after_index = step + 1
        before, after = float(followers[step]), float(followers[after_index])
        rise = after - before
        later = followers[after_index + 1 : after_index + 1 + DECAY_WINDOW]
        decayed = None
        if later.size:
            decayed = max(0.0, (after - float(later.min())) / rise) if rise > 0 else None
        engagement_rise = None
        if engagement is not None:
            e0, e1 = float(engagement[step]), float(engagement[after_index])
            if math.isfinite(e0) and math.isfinite(e1) and e0 > 0:
                engagement_rise = e1 / e0 - 1.0
        excess = rise - usual * float(gaps[step]) / 7.0
        jumps.append(
            Jump(
                index=after_index,
                day=int(days[after_index]),
                before=before,
                after=after,
                weekly_rise=float(weekly[step]),
                excess=excess,
                decayed=decayed,
                round_number=nearest_round(excess),
                engagement_rise=engagement_rise,
            )
        )
    return jumps


def _date(day: int) -> str:
    return day_from_number(day).isoformat()


def _tell_tales(jump: Jump) -> list[Message]:
    found = []
    if jump.decayed is not None and jump.decayed >= DECAY_SHARE:
        found.append(m.GROWTH_DECAYED(share=jump.decayed))
    if jump.round_number is not None:
        found.append(m.GROWTH_ROUND(added=jump.round_number))
    rise = jump.after / jump.before - 1.0
    if jump.engagement_rise is not None and jump.engagement_rise < ENGAGEMENT_FOLLOWS * rise:
        found.append(m.GROWTH_ENGAGEMENT_LAGS(engagement=jump.engagement_rise, followers=rise))
    return found


def growth_signal(
    days: NDArray[np.float64],
    followers: NDArray[np.float64],
    engagement: NDArray[np.float64] | None = None,
) -> Signal:
    """Read a follower series (snapshots sorted by day: day numbers as in
    ``kolscope.vetting.metrics.growth``) for jumps and their tell-tales.

    Verdict: problem for a jump with a tell-tale, warning for a bare jump, ok for none; unknown
    with fewer than ``MIN_SNAPSHOTS`` snapshots or under ``MIN_SPAN_DAYS`` days of history.
    Score: 100 with no jump, 60 for a bare jump, 15 for a jump with tell-tales.
    """
    known = np.isfinite(followers) & (followers > 0)
    days, followers = days[known], followers[known]
    if engagement is not None:
        engagement = engagement[known]
    count = int(days.size)
    span = float(days[-1] - days[0]) if count else 0.0
    days_spanned = round(span)
    data = m.GROWTH_DATA(count=count, days=days_spanned)
    if count < MIN_SNAPSHOTS or span < MIN_SPAN_DAYS:
        too_little = m.GROWTH_TOO_LITTLE(
            count=count, days=days_spanned, least=MIN_SNAPSHOTS, least_days=MIN_SPAN_DAYS
        )
        return unknown(NAME, too_little, data)
    jumps = find_jumps(days, followers, engagement)
    confidence = confidence_from_count(count, low=MIN_SNAPSHOTS, medium=12, high=26)
    growth = followers[-1] / followers[0] - 1.0
    if not jumps:
        return Signal(
            name=NAME,
            verdict=Verdict.OK,
            reason=m.GROWTH_STEADY(change=float(growth), days=days_spanned),
            data=data,
            value=0.0,
            unit="jumps",
            score=100.0,
            confidence=confidence,
            details={"jumps": []},
        )
    worst = max(jumps, key=lambda j: (len(_tell_tales(j)), j.weekly_rise))
    tales = _tell_tales(worst)
    head = m.GROWTH_JUMPED(
        rise=worst.after / worst.before - 1.0,
        before=round(worst.before),
        after=round(worst.after),
        on=_date(worst.day),
    )
    if tales:
        verdict, score = Verdict.PROBLEM, 15.0
        reason = m.joined([head, *tales])
    else:
        verdict, score = Verdict.WARNING, 60.0
        reason = m.GROWTH_VIRAL(jump=head)
    return Signal(
        name=NAME,
        verdict=verdict,
        reason=reason,
        data=data,
        value=float(len(jumps)),
        unit="jumps",
        score=score,
        confidence=confidence,
        details={
            "jumps": [
                {
                    "on": _date(j.day),
                    "before": round(j.before),
                    "after": round(j.after),
                    "weekly_rise": round(j.weekly_rise, 4),
                    "decayed": None if j.decayed is None else round(j.decayed, 3),
                    "round_number": j.round_number,
                    "engagement_rise": None
                    if j.engagement_rise is None
                    else round(j.engagement_rise, 3),
                    "tell_tales": [str(t) for t in _tell_tales(j)],
                    "tell_tale_messages": [t.to_dict() for t in _tell_tales(j)],
                }
                for j in jumps
            ]
        },
    )
