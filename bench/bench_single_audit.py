"""Single-audit benchmark: how long one "Audit now" takes on the demo workspace.

Builds the demo workspace (``kolscope demo``: it audits every account, so the workspace's peer
norms are kept), then in one warm process:

- baseline: one audit that must first rebuild the norms, as every first audit did when the demo
  shipped without audits (``benchmarks(refresh=True)`` then the audit);
- kolscope: ``--audits`` single audits of accounts drawn at random, each reading the kept norms.

Prints p50 and p95 of both and the ratio; target p95 <= 1 s. Results:
bench/results/single_audit.json.

Run: .venv/bin/python bench/bench_single_audit.py [--creators 2000] [--audits 50]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from kolscope.bootstrap import open_workspace
from kolscope.config import Settings
from kolscope.domain.platforms import Platform

RESULTS = Path(__file__).with_name("results")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--creators", type=int, default=2000)
    parser.add_argument("--audits", type=int, default=50)
    parser.add_argument("--rebuilds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace = open_workspace(Settings(workspace=Path(folder)), synthetic=True)
        started = time.perf_counter()
        workspace.build_demo(seed=2569, creators=args.creators, today=date(2026, 12, 1))
        built = time.perf_counter() - started
        audits = workspace.audits
        handles = _handles(workspace)
        chosen = random.Random(7).sample(handles, min(args.audits, len(handles)))
        audits.audit(*chosen[0])  # warm: models loaded once per process
        kept = []
        for platform_, handle in chosen:
            start = time.perf_counter()
            audits.audit(platform_, handle)
            kept.append(time.perf_counter() - start)
        rebuilt = []
        scheme = audits.tier_scheme()
        for platform_, handle in chosen[: args.rebuilds]:
            start = time.perf_counter()
            audits.benchmarks(scheme, refresh=True)
            audits.audit(platform_, handle)
            rebuilt.append(time.perf_counter() - start)
        workspace.close()
    result = {
        "benchmark": "one audit on the demo workspace",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "creators": args.creators,
        "demo_build_seconds": round(built, 1),
        "kept_norms": {
            "audits": len(kept),
            "p50_seconds": round(statistics.median(kept), 3),
            "p95_seconds": round(percentile(kept, 0.95), 3),
        },
        "baseline_rebuilding_norms": {
            "audits": len(rebuilt),
            "p50_seconds": round(statistics.median(rebuilt), 3),
        },
        "target_p95_seconds": 1.0,
    }
    ratio = result["baseline_rebuilding_norms"]["p50_seconds"] / result["kept_norms"]["p50_seconds"]
    result["baseline_over_kept_p50"] = round(ratio, 1)
    print(f"demo of {args.creators} creators built (and audited) in {built:.1f} s")
    print(
        f"one audit, kept norms: p50 {result['kept_norms']['p50_seconds']} s, "
        f"p95 {result['kept_norms']['p95_seconds']} s (target 1 s)"
    )
    print(
        f"one audit rebuilding the norms first: p50 "
        f"{result['baseline_rebuilding_norms']['p50_seconds']} s ({ratio:.1f}x)"
    )
    out = RESULTS / "single_audit.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


def _handles(workspace: object) -> list[tuple[Platform, str]]:
    from sqlalchemy import text

    with workspace.engine.connect() as db:  # type: ignore[attr-defined]
        rows = db.execute(text("SELECT platform, handle FROM accounts ORDER BY id")).all()
    return [(Platform(p), h) for p, h in rows]


if __name__ == "__main__":
    main()
