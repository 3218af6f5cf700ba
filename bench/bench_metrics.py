"""Metrics benchmark: every published metric for 100,000 accounts of 30 posts, on one core.

The audit computes every metric of every account, so each call must cost microseconds. The
accounts are synthetic: 30 posts each (likes, comments, shares, saves, views with some
unknown, a mix of videos and photos, some sponsored) and 12 weekly follower snapshots, held the
way the audit holds them: one big array per column, each account a slice of it (views, not
copies) wrapped by ``PostTable.from_columns``.

It times, in the same run:

- floor: slicing each account's columns and building its ``PostTable`` and
  ``FollowerHistory`` (what any per-account loop pays before measuring anything);
- kolscope: the floor plus all registered metrics through ``measure_all``;
- naive: engagement rate by followers and median likes written the obvious way
  (``np.nanmean``, ``np.nanmedian``) beside kolscope's own two functions on the same tables;

and building the workspace benchmarks from every (account, scheme, metric) value.
Results: bench/results/metrics.json.

Run: .venv/bin/python bench/bench_metrics.py [--accounts 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from kolscope.vetting.metrics import (
    METRICS,
    Benchmarks,
    FollowerHistory,
    MeasuredAccount,
    PostTable,
    engagement_rate_by_followers,
    measure_all,
    median_likes,
)

RESULTS = Path(__file__).parent / "results"
POSTS = 30
SNAPSHOTS = 12
PLATFORMS = ["instagram", "tiktok", "youtube", "facebook"]
TIERS = ["nano", "micro", "mid", "macro"]


def synthetic_columns(accounts: int, seed: int = 5) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    size = accounts * POSTS
    followers = rng.lognormal(10, 1.5, accounts)
    reach = np.repeat(followers, POSTS) * rng.lognormal(-3, 0.8, size)

    def count(scale: float, unknown: float) -> np.ndarray:
        values = np.floor(reach * scale * rng.lognormal(0, 0.5, size))
        values[rng.random(size) < unknown] = np.nan
        return values

    ages = np.sort(rng.exponential(4, (accounts, POSTS)).cumsum(axis=1), axis=1).ravel()
    ages[rng.random(size) < 0.02] = np.nan
    ages = np.sort(ages.reshape(accounts, POSTS), axis=1).ravel()  # NaN last within an account
    return {
        "likes": count(1.0, 0.05),
        "comments": count(0.04, 0.02),
        "shares": count(0.02, 0.6),
        "saves": count(0.03, 0.8),
        "views": count(8.0, 0.3),
        "age_days": ages,
        "sponsored": rng.random(size) < 0.15,
        "brand_mention": rng.random(size) < 0.2,
        "video": rng.random(size) < 0.5,
        "followers": followers,
        "snapshot_days": np.tile(np.arange(SNAPSHOTS, dtype=np.int64) * 7 + 20_000, accounts),
        "snapshot_followers": np.repeat(followers, SNAPSHOTS)
        * np.tile(np.linspace(0.9, 1.0, SNAPSHOTS), accounts),
    }


def account(columns: dict[str, np.ndarray], index: int) -> MeasuredAccount:
    a, b = index * POSTS, (index + 1) * POSTS
    posts = PostTable.from_columns(
        likes=columns["likes"][a:b],
        comments=columns["comments"][a:b],
        shares=columns["shares"][a:b],
        saves=columns["saves"][a:b],
        views=columns["views"][a:b],
        age_days=columns["age_days"][a:b],
        sponsored=columns["sponsored"][a:b],
        brand_mention=columns["brand_mention"][a:b],
        video=columns["video"][a:b],
    )
    c, d = index * SNAPSHOTS, (index + 1) * SNAPSHOTS
    history = FollowerHistory.from_columns(
        columns["snapshot_days"][c:d], columns["snapshot_followers"][c:d]
    )
    return MeasuredAccount(posts, float(columns["followers"][index]), history)


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def naive_engagement_rate(posts: PostTable, followers: float) -> float | None:
    engagements = posts.likes[:12] + posts.comments[:12]
    if np.isnan(engagements).all():
        return None
    return float(np.nanmean(engagements)) / followers


def naive_median_likes(posts: PostTable) -> float | None:
    likes = posts.likes[:12]
    return None if np.isnan(likes).all() else float(np.nanmedian(likes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    options = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    accounts = options.accounts
    columns = synthetic_columns(accounts)
    indices = range(accounts)

    floor = timed(lambda: [account(columns, i) for i in indices])
    measured: list[dict[str, float | None]] = []
    full = timed(lambda: measured.extend(measure_all(account(columns, i)) for i in indices))
    calls = accounts * len(METRICS)
    per_call = (full - floor) / calls

    tables = [account(columns, i) for i in range(min(accounts, 20_000))]
    ours = timed(
        lambda: [
            (engagement_rate_by_followers(t.posts, t.followers), median_likes(t.posts))
            for t in tables
        ]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        naive = timed(
            lambda: [
                (naive_engagement_rate(t.posts, t.followers or 1.0), naive_median_likes(t.posts))
                for t in tables
            ]
        )

    rng = np.random.default_rng(9)
    platforms = [PLATFORMS[i] for i in rng.integers(0, len(PLATFORMS), accounts)]
    tiers = [TIERS[i] for i in rng.integers(0, len(TIERS), accounts)]
    rows = [
        (platforms[i], scheme, tiers[i], name, np.nan if value is None else value)
        for scheme in ("standard", "wide-micro", "kol-th")
        for i, values in enumerate(measured)
        for name, value in values.items()
    ]
    one_scheme = [row for row in rows if row[1] == "standard"]
    build_one = timed(lambda: Benchmarks.from_rows(one_scheme))
    build_three = timed(lambda: Benchmarks.from_rows(rows))

    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "accounts": accounts,
        "posts_per_account": POSTS,
        "metrics": len(METRICS),
        "floor_seconds": round(floor, 3),
        "all_metrics_seconds": round(full, 3),
        "accounts_per_second": round(accounts / full),
        "microseconds_per_metric_call": round(per_call * 1e6, 2),
        "naive_vs_kolscope_two_metrics": round(naive / ours, 2),
        "benchmarks_build_seconds_one_scheme": round(build_one, 3),
        "benchmarks_build_seconds_three_schemes": round(build_three, 3),
        "benchmark_rows_three_schemes": len(rows),
    }
    print(
        f"{accounts:,} accounts x {POSTS} posts, {len(METRICS)} metrics each: {full:.2f} s "
        f"({accounts / full:,.0f} accounts/s; floor of slicing and tables {floor:.2f} s)\n"
        f"  {per_call * 1e6:.2f} µs per metric call on top of the floor\n"
        f"  naive np.nanmean/np.nanmedian versions of two metrics: {naive / ours:.1f}x slower\n"
        f"  benchmarks: {len(one_scheme):,} rows in {build_one:.2f} s, "
        f"{len(rows):,} rows (3 schemes) in {build_three:.2f} s"
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "metrics.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
