"""Benchmarks: how each metric is spread across a workspace's accounts of one platform and tier.

A value means little alone: 2% engagement is poor for a nano TikTok account and good for a
mega Instagram one. Benchmarks keep, for every platform, tier scheme, tier and metric, the
distribution of the metric over the workspace's accounts, so a value reads as "62nd percentile
among micro Instagram creators". A distribution is kept as its 101 whole percentiles (p0 to
p100, interpolated linearly between the sorted values as numpy's default does), which is small
enough to cache as JSON whatever the number of accounts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from kolscope.domain.platforms import Platform

MIN_ACCOUNTS = 20
FORMAT = "kolscope-benchmarks/1"
Language = Literal["en", "th"]
Row = tuple[str, str, str, str, float | None]
GroupKey = tuple[str, str, str, str]
_PERCENT_POINTS = np.arange(101, dtype=np.float64)
_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}
_KEY = itemgetter(0, 1, 2, 3)
_VALUE = itemgetter(4)


@dataclass(frozen=True, slots=True, eq=False)
class Distribution:
    """The spread of one metric over ``n`` accounts, as its percentiles p0 to p100.

    ``percentile_of`` answers only from ``min_accounts`` accounts up (20 by default): below
    that, a rank says more about which accounts happen to be in the workspace than about the
    value.
    """

    n: int
    percentiles: NDArray[np.float64]  # 101 values: p0 (the minimum) to p100 (the maximum)
    min_accounts: int = MIN_ACCOUNTS

    @classmethod
    def from_values(cls, values: ArrayLike, min_accounts: int = MIN_ACCOUNTS) -> Distribution:
        """The distribution of the values that are not NaN (at least one is needed)."""
        array = np.asarray(values, dtype=np.float64)
        found = np.sort(array[~np.isnan(array)])
        return cls.from_sorted(found, min_accounts)

    @classmethod
    def from_sorted(
        cls, values: NDArray[np.float64], min_accounts: int = MIN_ACCOUNTS
    ) -> Distribution:
        """The distribution of values already sorted ascending, without NaN."""
        size = len(values)
        if size == 0:
            raise ValueError("a distribution needs at least one value")
        position = _PERCENT_POINTS * ((size - 1) / 100.0)
        below = np.floor(position).astype(np.intp)
        above = np.minimum(below + 1, size - 1)
        low = values[below]
        points = low + (values[above] - low) * (position - below)
        return cls(size, points, min_accounts)

    @property
    def p5(self) -> float:
        return float(self.percentiles[5])

    @property
    def p10(self) -> float:
        return float(self.percentiles[10])

    @property
    def p25(self) -> float:
        return float(self.percentiles[25])

    @property
    def p50(self) -> float:
        return float(self.percentiles[50])

    @property
    def p75(self) -> float:
        return float(self.percentiles[75])

    @property
    def p90(self) -> float:
        return float(self.percentiles[90])

    @property
    def p95(self) -> float:
        return float(self.percentiles[95])

    def percentile_of(self, value: float) -> float | None:
        """Where ``value`` falls, from 0 to 100: the percentile whose value it is, interpolated
        between whole percentiles; the middle of the run when several percentiles share it (so
        the most common value of a metric is not ranked at its top). None for NaN or when the
        distribution has fewer than ``min_accounts`` accounts."""
        if self.n < self.min_accounts or math.isnan(value):
            return None
        points = self.percentiles
        first = int(points.searchsorted(value, "left"))
        after = int(points.searchsorted(value, "right"))
        if after == 0:
            return 0.0
        if first == len(points):
            return 100.0
        if first < after:
            return (first + after - 1) / 2.0
        low, high = float(points[first - 1]), float(points[first])
        return first - 1 + (value - low) / (high - low)

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "percentiles": self.percentiles.tolist()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], min_accounts: int = MIN_ACCOUNTS) -> Distribution:
        points = np.asarray(data["percentiles"], dtype=np.float64)
        if points.shape != (101,):
            raise ValueError("a stored distribution needs 101 percentiles")
        return cls(int(data["n"]), points, min_accounts)


@dataclass(frozen=True, slots=True)
class Benchmarks:
    """Distributions keyed by (platform, tier scheme, tier, metric)."""

    groups: Mapping[GroupKey, Distribution] = field(default_factory=dict)
    min_accounts: int = MIN_ACCOUNTS

    @classmethod
    def from_rows(cls, rows: Iterable[Row], min_accounts: int = MIN_ACCOUNTS) -> Benchmarks:
        """Benchmarks of rows ``(platform, scheme, tier, metric, value)``: one row per account,
        tier scheme and metric. Missing values (None or NaN) are left out."""
        listed = rows if isinstance(rows, Sequence) else list(rows)
        values = np.fromiter(map(_VALUE, listed), dtype=np.float64, count=len(listed))
        return cls._build(lambda: map(_KEY, listed), values, min_accounts)

    @classmethod
    def from_columns(
        cls,
        platforms: Sequence[str],
        schemes: Sequence[str],
        tiers: Sequence[str],
        metrics: Sequence[str],
        values: ArrayLike,
        min_accounts: int = MIN_ACCOUNTS,
    ) -> Benchmarks:
        """Benchmarks of parallel columns: one entry per account, tier scheme and metric."""
        numbers = np.asarray(values, dtype=np.float64)
        columns = [_listed(column) for column in (platforms, schemes, tiers, metrics)]
        if any(len(column) != len(numbers) for column in columns):
            raise ValueError("benchmark columns must all have the same length")
        return cls._build(lambda: zip(*columns, strict=True), numbers, min_accounts)

    @classmethod
    def from_samples(
        cls, samples: Mapping[GroupKey, ArrayLike], min_accounts: int = MIN_ACCOUNTS
    ) -> Benchmarks:
        """Benchmarks of values already grouped by (platform, scheme, tier, metric): the
        quickest way when the caller collects each group's values as it measures."""
        found: dict[GroupKey, Distribution] = {}
        for key, values in samples.items():
            array = np.asarray(values, dtype=np.float64)
            array = np.sort(array[~np.isnan(array)])
            if array.size:
                found[key] = Distribution.from_sorted(array, min_accounts)
        return cls(found, min_accounts)

    @classmethod
    def _build(
        cls, keys: Callable[[], Iterator[GroupKey]], values: NDArray[np.float64], min_accounts: int
    ) -> Benchmarks:
        """Group ``values`` by key with one pass to number the keys and one integer sort (a
        radix sort for fewer than 32,768 groups), then sort each group's values."""
        numbered = {key: code for code, key in enumerate(dict.fromkeys(keys()))}
        group = np.fromiter(map(numbered.__getitem__, keys()), dtype=np.int64, count=len(values))
        kept = ~np.isnan(values)
        group, values = group[kept], values[kept]
        if group.size == 0:
            return cls({}, min_accounts)
        small = np.int16 if len(numbered) < 2**15 else np.int64
        order = np.argsort(group.astype(small), kind="stable")
        group, values = group[order], values[order]
        starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
        ends = np.r_[starts[1:], len(group)]
        named = list(numbered)
        found: dict[GroupKey, Distribution] = {}
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            sample = np.sort(values[start:end])
            found[named[int(group[start])]] = Distribution.from_sorted(sample, min_accounts)
        return cls(found, min_accounts)

    def __iter__(self) -> Iterator[GroupKey]:
        return iter(self.groups)

    def __len__(self) -> int:
        return len(self.groups)

    def distribution(
        self, platform: str, scheme: str, tier: str, metric: str
    ) -> Distribution | None:
        """The distribution of ``metric`` among the ``tier`` accounts of ``platform`` under tier
        scheme ``scheme``; None when the workspace has no such account with that metric."""
        return self.groups.get((platform, scheme, tier, metric))

    def percentile_of(
        self, platform: str, scheme: str, tier: str, metric: str, value: float
    ) -> float | None:
        """The percentile (0-100) of ``value`` among the group's accounts; None when the group
        is missing or smaller than ``min_accounts``."""
        found = self.distribution(platform, scheme, tier, metric)
        return None if found is None else found.percentile_of(value)

    def describe(
        self,
        platform: str,
        scheme: str,
        tier: str,
        metric: str,
        value: float,
        language: Language = "en",
    ) -> str | None:
        """The value's place in words: "62nd percentile among micro Instagram creators
        (standard scheme, 431 accounts)"; in Thai with ``language="th"``. None when there is no
        percentile to give."""
        found = self.distribution(platform, scheme, tier, metric)
        rank = None if found is None else found.percentile_of(value)
        if found is None or rank is None:
            return None
        shown = min(99, max(1, round(rank)))
        where = _platform_label(platform)
        if language == "th":
            return (
                f"เปอร์เซ็นไทล์ที่ {shown} ในกลุ่มครีเอเตอร์ระดับ {tier} บน {where} "
                f"(เกณฑ์ {scheme}, {found.n:,} บัญชี)"
            )
        return (
            f"{ordinal(shown)} percentile among {tier} {where} creators "
            f"({scheme} scheme, {found.n:,} accounts)"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, read back by ``from_dict``."""
        return {
            "format": FORMAT,
            "min_accounts": self.min_accounts,
            "groups": [
                {"platform": p, "scheme": s, "tier": t, "metric": m, **found.to_dict()}
                for (p, s, t, m), found in self.groups.items()
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Benchmarks:
        if data.get("format") != FORMAT:
            raise ValueError(f"not stored benchmarks of format {FORMAT!r}")
        min_accounts = int(data["min_accounts"])
        groups = {
            (g["platform"], g["scheme"], g["tier"], g["metric"]): Distribution.from_dict(
                g, min_accounts
            )
            for g in data["groups"]
        }
        return cls(groups, min_accounts)


def _listed(column: Sequence[str]) -> Sequence[str]:
    listed: Sequence[str] = column.tolist() if isinstance(column, np.ndarray) else column
    return listed


def _platform_label(platform: str) -> str:
    try:
        return Platform(platform).label
    except ValueError:
        return platform


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st ..."""
    suffix = "th" if 10 <= number % 100 <= 20 else _SUFFIXES.get(number % 10, "th")
    return f"{number}{suffix}"
