"""Audience-overlap benchmark: the pairwise overlap of 1,000 accounts with theta sketches, against
exact Python set arithmetic on the same ids in the same run (the baseline and the ground truth).

Synthetic audiences that overlap the way creators' commenters do: 40 niche communities of
60,000 people each and a national pool of 1.5 million whose most active people comment
everywhere (Zipf-like popularity). Each account holds 50 to 20,000 ids (median about 200), 50-90 %
from its own niche, a few from a second niche, the rest from the national pool, so most pairs
share few ids and pairs of one niche share many.

Measured:
- sketches: building the 1,000 theta sketches (lg_k = 14) and the full pairwise matrix (all
  499,500 pairs), against the exact set intersections of all pairs;
- relative error of the estimated intersection |est - true| / true over pairs that share at
  least one id (median, p95, max), and separately over pairs with a small overlap (under 5 %
  of the smaller audience);
- on a sample of 5,000 pairs, the same error for smaller theta sketches (lg_k = 10), MinHash
  (128 hash functions, intersection from the Jaccard estimate and the exact sizes) and HLL
  (lg_k = 14, intersection by inclusion-exclusion);
- the reach counter: lazy greedy over 2,000 candidates (1,000 with ids, 1,000 without).

Results: key "overlap" of bench/results/planning.json.
Run: .venv/bin/python bench/bench_overlap.py [--accounts 1000] [--seed 16]
"""

from __future__ import annotations

import argparse
import heapq
import json
import platform
import random
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import datasketches  # type: ignore[import-untyped]
import numpy as np
import numpy.typing as npt

from kolscope.planning.overlap import (
    AudienceOverlap,
    AudienceSketch,
    OverlapMatrix,
    overlap_matrix,
    sketch_audience,
)

NICHES, NICHE_PEOPLE, NATIONAL_PEOPLE = 40, 60_000, 1_500_000
SMALLEST, LARGEST = 50, 20_000
SMALL_OVERLAP = 0.05  # share of the smaller audience
SAMPLE_PAIRS = 5_000
MINHASH_FUNCTIONS = 128
RESULTS = Path(__file__).with_name("results") / "planning.json"


def audiences(accounts: int, seed: int) -> list[list[str]]:
    """Each account's held ids (commenter pseudonyms), one list per account."""
    rng = np.random.default_rng(seed)
    niche_ids = [
        [f"anon:n{n}:{k}" for k in range(NICHE_PEOPLE)] for n in range(NICHES)
    ]  # one string object per person, shared by every account that holds it
    national_ids = [f"anon:t{k}" for k in range(NATIONAL_PEOPLE)]
    # 50 to 20,000 ids, most accounts small (median ~215): most creators are nano or micro and
    # kolscope holds a few hundred of their commenters; one in eight holds over 5,000.
    sizes = (SMALLEST * (LARGEST / SMALLEST) ** (rng.uniform(0, 1, accounts) ** 2)).astype(int)
    held: list[list[str]] = []
    for size in sizes:
        niche, second = rng.choice(NICHES, 2, replace=False)
        own = int(size * rng.uniform(0.5, 0.9))
        other = int(size * rng.uniform(0.0, 0.1))
        national = max(0, int(size) - own - other)
        picks: set[str] = set()
        # Niche members: popular ones more often (a Zipf-like rank draw), without repeats.
        ranks = (NICHE_PEOPLE * rng.power(0.35, own)).astype(int) % NICHE_PEOPLE
        picks.update(niche_ids[niche][r] for r in ranks)
        ranks = rng.integers(0, NICHE_PEOPLE, other)
        picks.update(niche_ids[second][r] for r in ranks)
        ranks = (NATIONAL_PEOPLE * rng.power(0.25, national)).astype(int) % NATIONAL_PEOPLE
        picks.update(national_ids[r] for r in ranks)
        held.append(list(picks))
    return held


def exact_pairs(sets: Sequence[set[str]]) -> npt.NDArray[np.float64]:
    """The baseline: every pair's intersection by Python set arithmetic."""
    n = len(sets)
    shared = np.zeros((n, n))
    for i in range(n):
        first = sets[i]
        row = shared[i]
        for j in range(i + 1, n):
            row[j] = len(first & sets[j])
    return shared + shared.T


def errors(estimated: npt.NDArray[np.float64], true: npt.NDArray[np.float64]) -> dict[str, Any]:
    found = true > 0
    rel = np.abs(estimated[found] - true[found]) / true[found]
    if len(rel) == 0:
        return {"pairs": 0}
    return {
        "pairs": int(found.sum()),
        "median": float(np.median(rel)),
        "p95": float(np.quantile(rel, 0.95)),
        "max": float(rel.max()),
    }


def minhash_signatures(sketches: Sequence[AudienceSketch], seed: int) -> npt.NDArray[np.uint64]:
    """128 MinHash values per account over the same 64-bit id hashes the sketches keep."""
    rng = np.random.default_rng(seed)
    prime = np.uint64((1 << 61) - 1)
    a = rng.integers(1, (1 << 61) - 1, MINHASH_FUNCTIONS, dtype=np.uint64)
    b = rng.integers(0, (1 << 61) - 1, MINHASH_FUNCTIONS, dtype=np.uint64)
    out = np.zeros((len(sketches), MINHASH_FUNCTIONS), dtype=np.uint64)
    for k, sketch in enumerate(sketches):
        x = (sketch.hashes % prime)[:, None]
        # (a*x + b) mod p on 61-bit values wraps in uint64; still a fixed random-looking hash.
        out[k] = ((a[None, :] * x + b[None, :]) % prime).min(axis=0)
    return out


def sampled_comparison(
    held: Sequence[list[str]],
    sketches: Sequence[AudienceSketch],
    matrix: OverlapMatrix,
    true: npt.NDArray[np.float64],
    sizes: npt.NDArray[np.float64],
    seed: int,
) -> dict[str, Any]:
    """Theta lg_k 10, MinHash and HLL on the same sample of pairs."""
    rng = random.Random(seed)
    n = len(held)
    pairs: list[tuple[int, int]] = []
    while len(pairs) < SAMPLE_PAIRS:
        i, j = rng.randrange(n), rng.randrange(n)
        if i != j and true[i, j] > 0:
            pairs.append((i, j))
    rows, cols = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    truth = true[rows, cols]
    small = truth / np.minimum(sizes[rows], sizes[cols]) < SMALL_OVERLAP

    def theta_small() -> npt.NDArray[np.float64]:
        built = {k: sketch_audience(ids, lg_k=10) for k, ids in enumerate(held)}
        shared: npt.NDArray[np.float64] = overlap_matrix(built).shared[rows, cols]
        return shared

    def minhash() -> npt.NDArray[np.float64]:
        signatures = minhash_signatures(sketches, seed)
        jaccard = (signatures[rows] == signatures[cols]).mean(axis=1)
        shared: npt.NDArray[np.float64] = jaccard / (1 + jaccard) * (sizes[rows] + sizes[cols])
        return shared

    def hll() -> npt.NDArray[np.float64]:
        built = []
        for ids in held:
            sketch = datasketches.hll_sketch(14, datasketches.tgt_hll_type.HLL_8)
            for audience_id in ids:
                sketch.update(audience_id)
            built.append(sketch)
        out = np.zeros(len(pairs))
        for k, (i, j) in enumerate(pairs):
            union = datasketches.hll_union(14)
            union.update(built[i])
            union.update(built[j])
            both = built[i].get_estimate() + built[j].get_estimate() - union.get_estimate()
            out[k] = max(0.0, both)
        return out

    methods: dict[str, Callable[[], npt.NDArray[np.float64]]] = {
        "theta_lg_k_10": theta_small,
        "minhash_128": minhash,
        "hll_lg_k_14": hll,
    }
    theta_main = matrix.shared[rows, cols]
    report: dict[str, Any] = {
        "pairs": len(pairs),
        "small_pairs": int(small.sum()),
        "theta_lg_k_14": _kinds(theta_main, truth, small),
    }
    for name, method in methods.items():
        start = time.perf_counter()
        estimated = method()
        report[name] = {"seconds": time.perf_counter() - start} | _kinds(estimated, truth, small)
    return report


def _kinds(
    estimated: npt.NDArray[np.float64], truth: npt.NDArray[np.float64], small: npt.NDArray[np.bool_]
) -> dict[str, Any]:
    return {
        "all": errors(estimated, truth),
        "small": errors(estimated[small], truth[small]),
        "large": errors(estimated[~small], truth[~small]),
    }


def greedy_counter(held: Sequence[list[str]], sketches: Sequence[AudienceSketch]) -> dict[str, Any]:
    """Lazy greedy (CELF) on deduplicated reach over 2,000 candidates: 1,000 with ids, 1,000
    without; picks 60 and counts the gain calls."""
    rng = random.Random(3)
    n = len(held)
    known = {k: sketches[k] for k in range(n)}
    platforms = {k: rng.choice(["tiktok", "instagram"]) for k in range(2 * n)}
    audience = AudienceOverlap(known, platforms)
    reaches = {k: len(held[k]) * rng.uniform(20, 200) for k in range(n)}
    reaches.update({n + k: rng.uniform(1e3, 4e6) for k in range(n)})
    start = time.perf_counter()
    counter = audience.counter()
    calls = 0
    queue = [(-reach, k, 0) for k, reach in reaches.items()]
    heapq.heapify(queue)
    picked = 0
    while queue and picked < 60:
        _, k, stamp = heapq.heappop(queue)
        if stamp == picked:
            counter.add(k, reaches[k])
            picked += 1
            continue
        gain = counter.gain(k, reaches[k])
        calls += 1
        heapq.heappush(queue, (-gain, k, picked))
    greedy_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for k in rng.sample(range(2 * n), 2 * n):
        counter.gain(k, reaches[k])
    all_seconds = time.perf_counter() - start
    return {
        "candidates": 2 * n,
        "picked": picked,
        "gain_calls": calls,
        "greedy_seconds": greedy_seconds,
        "gain_all_candidates_seconds": all_seconds,
        "gain_call_microseconds": all_seconds / (2 * n) * 1e6,
        "reach_of_picks": counter.value,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    started = time.perf_counter()
    held = audiences(args.accounts, args.seed)
    generate_seconds = time.perf_counter() - started
    ids_held = sum(len(ids) for ids in held)

    start = time.perf_counter()
    sketches = [sketch_audience(ids) for ids in held]
    build_seconds = time.perf_counter() - start
    start = time.perf_counter()
    matrix = overlap_matrix(dict(enumerate(sketches)))
    matrix_seconds = time.perf_counter() - start

    sets = [set(ids) for ids in held]
    start = time.perf_counter()
    true = exact_pairs(sets)
    exact_seconds = time.perf_counter() - start

    sizes = np.array([float(len(s)) for s in sets])
    np.fill_diagonal(true, sizes)
    upper = np.triu_indices(len(held), 1)
    estimated, truth = matrix.shared[upper], true[upper]
    smaller = np.minimum.outer(sizes, sizes)[upper]
    small = (truth > 0) & (truth / smaller < SMALL_OVERLAP)
    result: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "accounts": len(held),
        "pairs": len(truth),
        "ids_held": ids_held,
        "ids_per_account": {
            "min": int(sizes.min()),
            "median": float(np.median(sizes)),
            "max": int(sizes.max()),
        },
        "pairs_sharing_ids": int((truth > 0).sum()),
        "pairs_with_small_overlap": int(small.sum()),
        "generate_seconds": generate_seconds,
        "lg_k": 14,
        "all_sketches_exact": bool(matrix.exact.all()),
        "sketch_build_seconds": build_seconds,
        "sketch_matrix_seconds": matrix_seconds,
        "exact_sets_seconds": exact_seconds,
        "speedup_matrix_vs_exact": exact_seconds / matrix_seconds,
        "speedup_build_and_matrix_vs_exact": exact_seconds / (build_seconds + matrix_seconds),
        "error_all_pairs": errors(estimated, truth),
        "error_small_overlaps": errors(estimated[small], truth[small]),
        "jaccard_max_abs_error": float(
            np.abs(
                matrix.jaccard[upper] - (truth / (sizes[upper[0]] + sizes[upper[1]] - truth))
            ).max()
        ),
    }
    result["sampled_comparison"] = sampled_comparison(
        held, sketches, matrix, true, sizes, args.seed
    )
    result["reach_counter"] = greedy_counter(held, sketches)
    result["total_seconds"] = time.perf_counter() - started
    show(result)
    everything = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    everything["overlap"] = result
    RESULTS.write_text(json.dumps(everything, indent=2) + "\n")


def show(result: dict[str, Any]) -> None:
    def line(name: str, stats: dict[str, Any], seconds: float | None = None) -> str:
        if not stats.get("pairs"):
            return f"{name:<16} {'-':>8}"
        took = f"{seconds:8.2f}" if seconds is not None else f"{'':>8}"
        return (
            f"{name:<16}{took}  {stats['pairs']:>8}  {stats['median']:>8.2%} "
            f"{stats['p95']:>8.2%} {stats['max']:>8.2%}"
        )

    print(
        f"{result['accounts']} accounts, {result['pairs']:,} pairs, "
        f"{result['ids_held']:,} ids held "
        f"({result['ids_per_account']['min']}-{result['ids_per_account']['max']} per account); "
        f"all sketches exact: {result['all_sketches_exact']}"
    )
    print(
        f"theta sketches lg_k 14: build {result['sketch_build_seconds']:.2f} s, pairwise matrix "
        f"{result['sketch_matrix_seconds']:.2f} s; "
        f"exact Python sets {result['exact_sets_seconds']:.2f} s "
        f"(x{result['speedup_matrix_vs_exact']:.1f} matrix, "
        f"x{result['speedup_build_and_matrix_vs_exact']:.1f} build+matrix)"
    )
    head = f"{'seconds':>8}  {'pairs':>8}  {'median':>8} {'p95':>8} {'max':>8}"
    print(f"\n{'intersection error':<16}{head}")
    print(line("all pairs", result["error_all_pairs"]))
    print(line("small overlaps", result["error_small_overlaps"]))
    sample = result["sampled_comparison"]
    print(f"\nsample of {sample['pairs']} sharing pairs ({sample['small_pairs']} small overlaps):")
    for name in ("theta_lg_k_14", "theta_lg_k_10", "minhash_128", "hll_lg_k_14"):
        found = sample[name]
        print(line(name, found["all"], found.get("seconds")))
        print(line("  small", found["small"]))
        print(line("  large", found["large"]))
    counter = result["reach_counter"]
    print(
        f"\nreach counter: lazy greedy over {counter['candidates']} candidates picked "
        f"{counter['picked']} with {counter['gain_calls']} gain calls in "
        f"{counter['greedy_seconds']:.2f} s; {counter['gain_call_microseconds']:.0f} µs a gain call"
    )
    print(f"total {result['total_seconds']:.1f} s -> {RESULTS}")


if __name__ == "__main__":
    main()
