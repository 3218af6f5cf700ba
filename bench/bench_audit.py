"""Audit benchmark: 100,000 creators with 30 posts, 26 weekly snapshots and 200 sampled
followers each, on one core.

It times, in the same run and over the same rows:

- baseline: a plain Python loop that touches every row once (sums each creator's likes and
  comments over its posts, its followers over the snapshots, and counts its sampled followers
  with no profile picture) - the least any per-creator check costs;
- kolscope: the audit core for every creator - every published metric
  (``kolscope.vetting.metrics``), the workspace benchmarks built from them, the follower model
  over every sampled follower, the fake-follower, engagement, growth, comment and pod signals,
  the percentile of each metric among the creator's peers, and the quality score.

Comment NLP is left out (the issue's target excludes it: ``make bench`` measures it in
bench_comments.py); the comment signal reads counts made up here, and the pod signal reads a
commenting network made up here, built inside the timed part. The data are synthetic
(numpy, seeded): shapes and value ranges as real exports have, a few per cent of creators with
bought followers, growth spikes or bought engagement. Results: bench/results/audit.json.

Run: make bench (or .venv/bin/python bench/bench_audit.py [--creators 100000])
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from numpy.typing import NDArray  # noqa: E402

RESULTS = Path(__file__).parent / "results"
SEED = 5
POSTS, SNAPSHOTS, SAMPLE = 30, 26, 200
PLATFORMS = ("instagram", "tiktok", "youtube", "facebook")
TODAY = datetime(2026, 11, 24, tzinfo=UTC)


@dataclass
class Chunk:
    """Column data for ``size`` creators: posts, snapshots and followers stored flat."""

    size: int
    platform: list[str]
    followers: NDArray[np.float64]
    likes: NDArray[np.float64]
    comments: NDArray[np.float64]
    shares: NDArray[np.float64]
    saves: NDArray[np.float64]
    views: NDArray[np.float64]
    age_days: NDArray[np.float64]
    sponsored: NDArray[np.bool_]
    brand: NDArray[np.bool_]
    video: NDArray[np.bool_]
    days: NDArray[np.int64]
    series: NDArray[np.float64]
    sample: dict[str, NDArray[np.float64]]
    comment_counts: NDArray[np.int64]  # read, low effort, emoji, generic, dup, spam, q, buy
    authors: list[dict[str, int]]


def make_chunk(rng: np.random.Generator, size: int, first: int) -> Chunk:
    followers = np.round(10 ** rng.uniform(2.5, 6.5, size))
    rate = np.clip(rng.lognormal(np.log(0.03), 0.6, size) * (followers / 1e4) ** -0.12, 0.001, 0.4)
    boost = np.where(rng.random(size) < 0.03, rng.uniform(2, 5, size), 1.0)
    per_post = (followers * rate * boost)[:, None] * rng.uniform(0.5, 1.5, (size, POSTS))
    likes = np.round(per_post * 0.93).ravel()
    comments = np.round(per_post * 0.07).ravel()
    video = rng.random(size * POSTS) < 0.4
    views = np.where(video, np.round(likes * rng.uniform(5, 30, size * POSTS)), np.nan)
    age = np.sort(rng.uniform(0, 120, (size, POSTS)), axis=1).ravel()
    growth = rng.normal(0.008, 0.004, (size, SNAPSHOTS)).cumsum(axis=1)
    series = followers[:, None] / np.exp(growth[:, -1:]) * np.exp(growth)
    jumped = rng.random(size) < 0.05
    series[jumped, 15:] *= 1.5
    start = TODAY.date().toordinal() - 719_163 - 7 * (SNAPSHOTS - 1)
    days = np.tile(start + 7 * np.arange(SNAPSHOTS, dtype=np.int64), size)
    bought = rng.random(size * SAMPLE) < np.repeat(
        np.where(rng.random(size) < 0.04, 0.5, 0.05), SAMPLE
    )
    n = size * SAMPLE
    sample = {
        "followers": np.where(bought, rng.integers(0, 60, n), np.round(10 ** rng.uniform(1, 4, n))),
        "following": np.where(
            bought, rng.integers(800, 7000, n), np.round(10 ** rng.uniform(1.5, 3.2, n))
        ),
        "posts": np.where(bought, rng.integers(0, 3, n), rng.integers(0, 900, n)),
        "bio_length": np.where(bought, 0, rng.integers(0, 150, n)),
        "has_picture": np.where(bought, rng.random(n) < 0.3, rng.random(n) < 0.95),
        "is_private": rng.random(n) < 0.3,
        "username_length": rng.integers(5, 20, n),
        "username_digits": np.where(bought, rng.integers(2, 8, n), rng.integers(0, 3, n)),
    }
    read = rng.integers(20, 400, size)
    shares = rng.dirichlet(np.ones(8), size)
    counts = np.round(shares * read[:, None] * 0.8).astype(np.int64)
    counts[:, 0] = read
    authors = []
    for index in range(size):
        pool = rng.integers(0, 200_000, 40)
        authors.append({f"anon:{a}": 1 + int(a % 3) for a in pool.tolist()})
        if index % 50 == 0:  # a few creators comment on their neighbours
            authors[-1][f"instagram:creator{first + index + 1}"] = 4
    return Chunk(
        size=size,
        platform=[PLATFORMS[i % len(PLATFORMS)] for i in range(first, first + size)],
        followers=followers,
        likes=likes,
        comments=comments,
        shares=np.round(likes * 0.03),
        saves=np.where(rng.random(size * POSTS) < 0.5, np.round(likes * 0.06), np.nan),
        views=views,
        age_days=age,
        sponsored=rng.random(size * POSTS) < 0.15,
        brand=rng.random(size * POSTS) < 0.2,
        video=video,
        days=days,
        series=series.ravel(),
        sample=sample,
        comment_counts=counts,
        authors=authors,
    )


def plain_loop(chunks: list[Chunk]) -> float:
    """Touch every row once in plain Python: what any per-creator check pays at least."""
    checksum = 0.0
    for chunk in chunks:
        likes, comments = chunk.likes.tolist(), chunk.comments.tolist()
        series = chunk.series.tolist()
        pictures = chunk.sample["has_picture"].tolist()
        for c in range(chunk.size):
            engaged = 0.0
            for p in range(c * POSTS, (c + 1) * POSTS):
                engaged += likes[p] + comments[p]
            grown = 0.0
            for s in range(c * SNAPSHOTS, (c + 1) * SNAPSHOTS):
                grown += series[s]
            bare = 0
            for f in range(c * SAMPLE, (c + 1) * SAMPLE):
                bare += not pictures[f]
            checksum += engaged / max(grown, 1.0) + bare
    return checksum


def audit_chunks(chunks: list[Chunk]) -> dict[str, int]:
    """The audit core over every creator (see the module docstring)."""
    from kolscope.domain.tiers import TierCatalogue
    from kolscope.vetting.followers.features import feature_matrix_from_columns
    from kolscope.vetting.followers.model import FollowerModel
    from kolscope.vetting.metrics.benchmarks import Benchmarks
    from kolscope.vetting.metrics.growth import FollowerHistory
    from kolscope.vetting.metrics.posts import PostTable
    from kolscope.vetting.signals.audit import (
        AccountFacts,
        account_metrics,
        audit_account,
        metric_rows,
    )
    from kolscope.vetting.signals.comments import CommentCounts
    from kolscope.vetting.signals.network import commenting_network

    scheme = TierCatalogue.with_custom({}).get(None)
    model = FollowerModel.load_default()
    every: list[tuple[int, AccountFacts, dict[str, float | None]]] = []
    rows: list[tuple[str, str, str, str, float]] = []
    authors: dict[str, dict[str, int]] = {}
    for chunk in chunks:
        probabilities = model.probabilities(feature_matrix_from_columns(chunk.sample))
        for c in range(chunk.size):
            posts = slice(c * POSTS, (c + 1) * POSTS)
            snaps = slice(c * SNAPSHOTS, (c + 1) * SNAPSHOTS)
            table = PostTable.from_columns(
                likes=chunk.likes[posts], comments=chunk.comments[posts],
                shares=chunk.shares[posts], saves=chunk.saves[posts], views=chunk.views[posts],
                age_days=chunk.age_days[posts], sponsored=chunk.sponsored[posts],
                brand_mention=chunk.brand[posts], video=chunk.video[posts],
            )  # fmt: skip
            counts = chunk.comment_counts[c].tolist()
            reference = f"instagram:creator{len(every) + 1}"
            authors[reference] = chunk.authors[c]
            facts = AccountFacts(
                reference=reference,
                platform=chunk.platform[c],
                handle=reference,
                followers=int(chunk.followers[c]),
                posts=table,
                history=FollowerHistory.from_columns(chunk.days[snaps], chunk.series[snaps]),
                comments=CommentCounts(*counts),
                fake_probabilities=probabilities[c * SAMPLE : (c + 1) * SAMPLE],
                follower_threshold=model.threshold,
            )
            measured = account_metrics(facts)
            rows.extend(metric_rows(facts, scheme, measured))
            every.append((c, facts, measured))
    norms = Benchmarks.from_rows(rows)
    network = commenting_network(authors)
    verdicts: dict[str, int] = {}
    for _c, facts, measured in every:
        result = audit_account(
            facts.with_context(network=network.get(facts.reference)),
            scheme,
            norms,
            as_of=TODAY,
            metrics=measured,
        )
        verdicts[result.quality.verdict] = verdicts.get(result.quality.verdict, 0) + 1
    return verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--creators", type=int, default=100_000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    rng = np.random.default_rng(SEED)
    step = 5_000
    chunks = [
        make_chunk(rng, min(step, args.creators - first), first)
        for first in range(0, args.creators, step)
    ]
    creators = sum(chunk.size for chunk in chunks)
    start = time.perf_counter()
    plain_loop(chunks)
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    verdicts = audit_chunks(chunks)
    audit = time.perf_counter() - start
    rate, base_rate = creators / audit, creators / baseline
    print(f"{creators:,} creators, {POSTS} posts, {SNAPSHOTS} snapshots, {SAMPLE} followers each")
    print(f"plain loop over the rows {base_rate:>10,.0f} creators/s")
    print(
        f"audit (no comment NLP)   {rate:>10,.0f} creators/s   "
        f"({audit / baseline:.1f}x the plain loop's time; target 2,000/s)"
    )
    print(f"verdicts: {verdicts}")
    RESULTS.mkdir(exist_ok=True)
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus_used": 1},
        "seed": SEED,
        "creators": creators,
        "per_creator": {"posts": POSTS, "snapshots": SNAPSHOTS, "sampled_followers": SAMPLE},
        "baseline_plain_loop": {
            "seconds": round(baseline, 3),
            "creators_per_second": round(base_rate),
        },
        "audit": {
            "what": "metrics, benchmarks, follower model, every signal, percentiles, score",
            "excludes": "comment NLP (counts made up here)",
            "seconds": round(audit, 3),
            "creators_per_second": round(rate),
            "ratio_to_baseline": round(audit / baseline, 2),
            "target_creators_per_second": 2000,
            "verdicts": verdicts,
        },
    }
    path = RESULTS / "audit.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
