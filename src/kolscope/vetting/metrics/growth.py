"""Follower growth between two dated snapshots of an account.

Snapshots rarely fall exactly D days apart (monthly exports are 28 to 31 days apart, scrapes
skip days), so growth over D days compares the newest snapshot with the one taken closest to
D days before it, provided that one is between D/2 and 2×D days older. The result names both
dates, and the weekly figure divides by the days actually between them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from kolscope.domain.creators import AccountSnapshot

DEFAULT_GROWTH_DAYS = 30
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_DAYS_A_WEEK = 7.0
_NEVER = np.iinfo(np.int64).max


def day_number(day: date) -> int:
    """Days since 1970-01-01, the unit of ``FollowerHistory.days`` (and of datetime64[D])."""
    return day.toordinal() - _EPOCH_ORDINAL


def day_from_number(number: int) -> date:
    """The date of a day number (the inverse of ``day_number``)."""
    return date.fromordinal(number + _EPOCH_ORDINAL)


@dataclass(frozen=True, slots=True)
class FollowerHistory:
    """An account's follower counts by day, oldest first: ``days`` are day numbers (days since
    1970-01-01), ``followers`` the counts (NaN when a snapshot did not record one). When several
    snapshots share a day, the last one listed counts."""

    days: NDArray[np.int64]
    followers: NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.days)

    @classmethod
    def from_snapshots(cls, snapshots: Sequence[AccountSnapshot]) -> FollowerHistory:
        """The history of ``snapshots`` in date order, skipping those without a follower count."""
        dated = sorted((s for s in snapshots if s.followers is not None), key=lambda s: s.taken_on)
        days = np.array([day_number(s.taken_on) for s in dated], dtype=np.int64)
        followers = np.array([s.followers for s in dated], dtype=np.float64)
        return cls(days, followers)

    @classmethod
    def from_columns(
        cls, days: NDArray[np.int64] | NDArray[np.datetime64], followers: NDArray[np.float64]
    ) -> FollowerHistory:
        """A history over existing columns, kept as they are when they are int64 day numbers
        (or datetime64[D]) and float64 counts, so slices stay views; other number types are
        converted. Days come oldest first; the caller keeps that order."""
        if len(days) != len(followers):
            raise ValueError("a follower history needs one follower count per day")
        if days.dtype.kind == "M":
            numbers = days.astype("datetime64[D]", copy=False).view(np.int64)
        else:
            numbers = days.astype(np.int64, copy=False)
        return cls(numbers, followers.astype(np.float64, copy=False))


@dataclass(frozen=True, slots=True)
class FollowerGrowth:
    """How an account's followers changed between two snapshots.

    ``rate`` is a fraction of the starting count (0.125 is shown as 12.5%; None when the
    account started from zero); ``per_week`` is the change divided by the weeks between the
    two snapshots.
    """

    start_on: date
    end_on: date
    start_followers: int
    end_followers: int
    absolute: int
    rate: float | None
    per_week: float

    @property
    def days(self) -> int:
        """The days between the two snapshots compared."""
        return (self.end_on - self.start_on).days

    @property
    def percent(self) -> float | None:
        """The growth as a percentage of the starting count (12.5 for 12.5%)."""
        return None if self.rate is None else self.rate * 100.0


def follower_growth(
    snapshots: Sequence[AccountSnapshot],
    days: int = DEFAULT_GROWTH_DAYS,
    as_of: date | None = None,
) -> FollowerGrowth | None:
    """Follower growth over about ``days`` days up to the newest snapshot taken on or before
    ``as_of`` (any date when None). None with fewer than two snapshots with a follower count,
    or when none lies between ``days``/2 and 2×``days`` days before the newest."""
    history = FollowerHistory.from_snapshots(snapshots)
    as_of_day = None if as_of is None else day_number(as_of)
    return follower_growth_from_history(history, days, as_of_day)


def follower_growth_from_history(
    history: FollowerHistory, days: int = DEFAULT_GROWTH_DAYS, as_of_day: int | None = None
) -> FollowerGrowth | None:
    """``follower_growth`` over a ``FollowerHistory`` (no Python loop over snapshots).
    ``as_of_day`` is a day number; snapshots after it are ignored."""
    if days < 1:
        raise ValueError(f"follower growth needs a period of at least one day, not {days}")
    day_numbers, counts = history.days, history.followers
    end = len(day_numbers) - 1
    if as_of_day is not None:
        end = int(day_numbers.searchsorted(as_of_day, "right")) - 1
    while end >= 0 and math.isnan(counts[end]):
        end -= 1
    if end < 1:
        return None
    end_day = int(day_numbers[end])
    # Days ascend, so the snapshots between D/2 and 2×D days before the end are one run.
    first = int(day_numbers.searchsorted(end_day - 2 * days, "left"))
    after = int(day_numbers.searchsorted(end_day - (days + 1) // 2, "right"))
    if first >= after:
        return None
    target = end_day - days
    run = day_numbers[first:after]
    # Nearest to D days first; of two equally near days the older; of several snapshots that
    # day the last listed (argmin over the reversed run finds the last of equal keys).
    key = np.abs(run - target) * 2 + (run > target)
    key[np.isnan(counts[first:after])] = _NEVER
    reversed_pick = int(key[::-1].argmin())
    if key[-1 - reversed_pick] == _NEVER:
        return None
    start = after - 1 - reversed_pick
    start_day = int(day_numbers[start])
    start_followers = int(counts[start])
    end_followers = int(counts[end])
    change = end_followers - start_followers
    return FollowerGrowth(
        start_on=day_from_number(start_day),
        end_on=day_from_number(end_day),
        start_followers=start_followers,
        end_followers=end_followers,
        absolute=change,
        rate=change / start_followers if start_followers > 0 else None,
        per_week=change / ((end_day - start_day) / _DAYS_A_WEEK),
    )


def follower_growth_absolute(
    history: FollowerHistory, days: int = DEFAULT_GROWTH_DAYS
) -> float | None:
    """Follower growth: followers gained (negative when lost).

    Numerator: followers at the newest snapshot minus followers at the starting snapshot
    Denominator: none
    Window: the newest snapshot and the one taken closest to D days (default 30) before it,
        between D/2 and 2×D days before it
    Statistic: difference of two snapshots
    """
    growth = follower_growth_from_history(history, days)
    return None if growth is None else float(growth.absolute)


def follower_growth_rate(history: FollowerHistory, days: int = DEFAULT_GROWTH_DAYS) -> float | None:
    """Follower growth rate: followers gained as a share of the starting count.

    Numerator: followers at the newest snapshot minus followers at the starting snapshot
    Denominator: followers at the starting snapshot
    Window: the newest snapshot and the one taken closest to D days (default 30) before it,
        between D/2 and 2×D days before it
    Statistic: relative difference of two snapshots

    None also when the starting count is zero.
    """
    growth = follower_growth_from_history(history, days)
    return None if growth is None else growth.rate


def follower_growth_per_week(
    history: FollowerHistory, days: int = DEFAULT_GROWTH_DAYS
) -> float | None:
    """Follower growth per week: followers gained a week on average.

    Numerator: followers at the newest snapshot minus followers at the starting snapshot
    Denominator: the days between the two snapshots divided by 7
    Window: the newest snapshot and the one taken closest to D days (default 30) before it,
        between D/2 and 2×D days before it
    Statistic: difference of two snapshots per week
    """
    growth = follower_growth_from_history(history, days)
    return None if growth is None else growth.per_week
