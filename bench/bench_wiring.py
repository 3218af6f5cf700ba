"""Wiring benchmark: how long a small process takes to start, against the full wiring.

Each run is a fresh interpreter (``python -c``), so nothing is cached between them:

- slim: open a workspace and build what a worker or the future redirect service needs at start
  (the job service with its handlers registered, and the team service for API tokens);
- full: the same workspace with every area's use cases built (imports, audits, discovery,
  shortlists) and the web app created, as ``kolscope serve`` does.

Each is run ``--runs`` times, alternating; the median wall time, the modules loaded and whether
numpy, scikit-learn, scipy, openpyxl or the web framework were imported are reported, with the
ratio full / slim. Results: bench/results/wiring.json.

Run: .venv/bin/python bench/bench_wiring.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

HEAVY = ("numpy", "sklearn", "scipy", "openpyxl", "fastapi", "starlette", "jinja2")

_PROBE = """
import json, sys, time
start = time.perf_counter()
from kolscope.bootstrap import open_workspace
from kolscope.config import Settings
workspace = open_workspace(Settings(workspace={folder!r}))
workspace.jobs
workspace.team
if {full}:
    workspace.importer
    workspace.creators
    workspace.audits
    workspace.discovery
    workspace.discovery_index
    workspace.shortlists
    from kolscope.entrypoints.web.app import create_app
    create_app(workspace)
seconds = time.perf_counter() - start
workspace.close()
print(json.dumps({{"seconds": seconds, "modules": len(sys.modules),
                   "heavy": [name for name in {heavy!r} if name in sys.modules]}}))
"""


def probe(folder: Path, *, full: bool, tree: Path | None = None) -> dict[str, object]:
    code = _PROBE.format(folder=str(folder), full=full, heavy=HEAVY)
    env = {k: v for k, v in os.environ.items() if k != "KOLSCOPE_REDIS_URL"}
    if tree is not None:  # an older checkout of kolscope, for the before/after figure
        env["PYTHONPATH"] = str(tree / "src")
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--before",
        type=Path,
        help="an older checkout (git worktree): its slim start is measured too, alternated",
    )
    args = parser.parse_args()
    names = ["slim", "full"] + (["slim_before"] if args.before else [])
    runs: dict[str, list[dict[str, object]]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as folder:
        probe(Path(folder), full=True)  # create and migrate the workspace once, untimed
        for _ in range(args.runs):
            for name in names:
                tree = args.before if name == "slim_before" else None
                runs[name].append(probe(Path(folder), full=name == "full", tree=tree))
    summary: dict[str, dict[str, object]] = {}
    for name, results in runs.items():
        seconds = [float(str(r["seconds"])) for r in results]
        summary[name] = {
            "median_seconds": round(statistics.median(seconds), 3),
            "min_seconds": round(min(seconds), 3),
            "modules": results[-1]["modules"],
            "heavy_imported": results[-1]["heavy"],
        }
    slim, full = summary["slim"], summary["full"]
    ratio = float(str(full["median_seconds"])) / float(str(slim["median_seconds"]))
    print(
        f"slim wiring (jobs + team): {slim['median_seconds']} s median, "
        f"{slim['modules']} modules, heavy: {slim['heavy_imported'] or 'none'}"
    )
    print(
        f"full wiring (+ every area + web app): {full['median_seconds']} s median, "
        f"{full['modules']} modules, heavy: {full['heavy_imported']}"
    )
    print(f"full / slim: {ratio:.2f}x")
    if "slim_before" in summary:
        before = summary["slim_before"]
        print(
            f"the same slim start on {args.before}: {before['median_seconds']} s median, "
            f"{before['modules']} modules, heavy: {before['heavy_imported'] or 'none'}"
        )
    out = Path(__file__).with_name("results") / "wiring.json"
    out.write_text(
        json.dumps(
            {
                "benchmark": "wiring",
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "runs": args.runs,
                "slim": slim,
                "full": full,
                "full_over_slim": round(ratio, 2),
                "slim_before": summary.get("slim_before"),
                "before_tree": str(args.before) if args.before else None,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
