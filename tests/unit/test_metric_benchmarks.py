"""Benchmarks: percentiles of each metric per platform, tier scheme and tier."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kolscope.vetting.metrics import MIN_ACCOUNTS, Benchmarks, Distribution
from kolscope.vetting.metrics.benchmarks import ordinal

ER = "engagement_rate_by_followers"


def test_distribution_percentiles_match_numpy() -> None:
    values = np.random.default_rng(7).lognormal(size=431)
    found = Distribution.from_values(values)
    assert found.n == 431
    expected = np.percentile(values, [5, 10, 25, 50, 75, 90, 95])
    shown = [found.p5, found.p10, found.p25, found.p50, found.p75, found.p90, found.p95]
    assert shown == pytest.approx(expected.tolist())
    assert found.percentiles[0] == values.min()
    assert found.percentiles[100] == values.max()


def test_distribution_leaves_out_unknown_values_and_needs_one() -> None:
    assert Distribution.from_values([3.0, np.nan, 1.0]).n == 2
    with pytest.raises(ValueError, match="at least one value"):
        Distribution.from_values([np.nan])


def test_percentile_of_interpolates_between_whole_percentiles() -> None:
    found = Distribution.from_values(np.arange(101.0))  # p_k is exactly k
    assert found.percentile_of(62.0) == 62.0
    assert found.percentile_of(61.5) == 61.5
    assert found.percentile_of(-5.0) == 0.0
    assert found.percentile_of(1_000.0) == 100.0
    assert found.percentile_of(float("nan")) is None


def test_percentile_of_a_shared_value_is_the_middle_of_its_run() -> None:
    # 40 accounts at zero and 60 spread above: zero fills p0 to about p39.
    found = Distribution.from_values(np.r_[np.zeros(40), np.arange(1.0, 61.0)])
    zero = found.percentile_of(0.0)
    assert zero is not None
    assert 19.0 <= zero <= 20.0


def test_percentile_needs_the_minimum_number_of_accounts() -> None:
    assert MIN_ACCOUNTS == 20
    small = Distribution.from_values(np.arange(19.0))
    assert small.percentile_of(5.0) is None
    assert small.p50 == 9.0  # the spread itself is still there
    assert Distribution.from_values(np.arange(20.0)).percentile_of(5.0) is not None
    assert Distribution.from_values(np.arange(5.0), min_accounts=5).percentile_of(2.0) == 50.0


def workspace_rows() -> list[tuple[str, str, str, str, float | None]]:
    rows: list[tuple[str, str, str, str, float | None]] = []
    for value in range(101):
        rows.append(("instagram", "standard", "micro", ER, value / 1_000))
        rows.append(("instagram", "kol-th", "rising", ER, value / 1_000))
    rows.extend(("tiktok", "standard", "nano", ER, value / 100) for value in range(10))
    rows.append(("tiktok", "standard", "nano", "average_views", float("nan")))
    rows.append(("tiktok", "standard", "nano", "median_views", None))
    return rows


def test_benchmarks_group_rows_by_platform_scheme_tier_and_metric() -> None:
    benchmarks = Benchmarks.from_rows(workspace_rows())
    assert sorted(benchmarks) == [
        ("instagram", "kol-th", "rising", ER),
        ("instagram", "standard", "micro", ER),
        ("tiktok", "standard", "nano", ER),
    ]
    micro = benchmarks.distribution("instagram", "standard", "micro", ER)
    assert micro is not None
    assert (micro.n, micro.p50) == (101, pytest.approx(0.05))
    assert benchmarks.distribution("tiktok", "standard", "nano", "average_views") is None
    assert benchmarks.percentile_of("instagram", "standard", "micro", ER, 0.062) == (
        pytest.approx(62.0)
    )
    assert benchmarks.percentile_of("tiktok", "standard", "nano", ER, 0.05) is None


def test_describe_says_where_a_value_stands_and_among_whom() -> None:
    benchmarks = Benchmarks.from_rows(workspace_rows())
    assert benchmarks.describe("instagram", "standard", "micro", ER, 0.062) == (
        "62nd percentile among micro Instagram creators (standard scheme, 101 accounts)"
    )
    assert benchmarks.describe("instagram", "standard", "micro", ER, 0.062, language="th") == (
        "เปอร์เซ็นไทล์ที่ 62 ในกลุ่มครีเอเตอร์ระดับ micro บน Instagram (เกณฑ์ standard, 101 บัญชี)"
    )
    assert benchmarks.describe("instagram", "standard", "micro", ER, 5.0) == (
        "99th percentile among micro Instagram creators (standard scheme, 101 accounts)"
    )
    assert benchmarks.describe("tiktok", "standard", "nano", ER, 0.05) is None  # 10 accounts
    assert benchmarks.describe("youtube", "standard", "micro", ER, 0.05) is None


def test_ordinals() -> None:
    shown = [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 62, 99, 100, 111)]
    assert shown == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "62nd",
        "99th", "100th", "111th",
    ]  # fmt: skip


def test_rows_columns_and_samples_build_the_same_benchmarks() -> None:
    rows = workspace_rows()
    from_rows = Benchmarks.from_rows(iter(rows))
    platforms, schemes, tiers, metrics, values = (
        list(column) for column in zip(*rows, strict=True)
    )
    from_columns = Benchmarks.from_columns(
        np.array(platforms), schemes, tiers, metrics, np.array(values)
    )
    samples: dict[tuple[str, str, str, str], list[float | None]] = {}
    for platform, scheme, tier, metric, value in rows:
        samples.setdefault((platform, scheme, tier, metric), []).append(value)
    from_samples = Benchmarks.from_samples(samples)
    assert from_rows.to_dict() == from_columns.to_dict() == from_samples.to_dict()
    assert len(Benchmarks.from_rows([])) == 0
    with pytest.raises(ValueError, match="same length"):
        Benchmarks.from_columns(["instagram"], [], ["micro"], [ER], [0.1])


def test_benchmarks_round_trip_through_json() -> None:
    benchmarks = Benchmarks.from_rows(workspace_rows(), min_accounts=5)
    stored = json.loads(json.dumps(benchmarks.to_dict()))
    again = Benchmarks.from_dict(stored)
    assert again.to_dict() == benchmarks.to_dict()
    assert again.min_accounts == 5
    assert again.percentile_of("tiktok", "standard", "nano", ER, 0.05) == pytest.approx(
        benchmarks.percentile_of("tiktok", "standard", "nano", ER, 0.05)
    )
    with pytest.raises(ValueError, match="format"):
        Benchmarks.from_dict({"format": "something else"})
    with pytest.raises(ValueError, match="101 percentiles"):
        Distribution.from_dict({"n": 3, "percentiles": [1.0, 2.0]})


@given(
    st.lists(st.floats(-1e6, 1e6), min_size=MIN_ACCOUNTS, max_size=300),
    st.lists(st.floats(-2e6, 2e6), min_size=2, max_size=20),
)
def test_percentile_of_is_between_0_and_100_and_never_falls_as_the_value_rises(
    sample: list[float], probes: list[float]
) -> None:
    found = Distribution.from_values(sample)
    ranks = [found.percentile_of(value) for value in sorted(probes)]
    assert all(rank is not None and 0.0 <= rank <= 100.0 for rank in ranks)
    assert all(a <= b for a, b in itertools.pairwise(ranks))  # type: ignore[operator]
    assert found.percentile_of(min(sample) - 1) == 0.0
    assert found.percentile_of(max(sample) + 1) == 100.0
    assert not math.isnan(found.p50)
