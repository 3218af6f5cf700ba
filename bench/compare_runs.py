"""Put two runs of the benchmarks side by side: the results a tree before a change wrote and
the results after it (``bench_import``, ``bench_comments``, ``bench_audit``, ``bench_search``).
Each figure is shown before, after and as after / before, so "the same within noise" can be
read off; each benchmark's own baseline ratio (kolscope against plain code in the same run) is
carried too, since it cancels the machine's load at the time.

Run: .venv/bin/python bench/compare_runs.py BEFORE_DIR AFTER_DIR [--search NAME] [--output F]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _load(folder: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / name).read_text(encoding="utf-8"))
    return data


def figures(folder: Path, search: str) -> dict[str, float]:
    found: dict[str, float] = {}
    runs = _load(folder, "import.json")["runs"]
    for size in ("small", "large"):
        found[f"import {size}: rows/s"] = runs[size]["kolscope_rows_per_second"]
        found[f"import {size}: kolscope / sqlite3"] = runs[size]["ratio_kolscope_to_baseline"]
    comments = _load(folder, "comments.json")
    found["comments: comments/s"] = comments["pipeline"]["comments_per_second"]
    found["comments: pipeline / tokenise only"] = comments["pipeline_over_tokenise_time"]
    audit = _load(folder, "audit.json")["audit"]
    found["audit: creators/s"] = audit["creators_per_second"]
    found["audit: audit / plain loop"] = audit["ratio_to_baseline"]
    for database in _load(folder, search)["databases"].values():
        for name, timing in database["classes"].items():
            label = f"search {database['database']} {name}"
            found[f"{label}: p50 ms"] = timing["indexed"]["p50_ms"]
            found[f"{label}: p95 ms"] = timing["indexed"]["p95_ms"]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--search", default="search.json", help="the search results' file name")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    before, after = figures(args.before, args.search), figures(args.after, args.search)
    rows = []
    for name in before:
        if name not in after:
            continue
        ratio = after[name] / before[name] if before[name] else None
        rows.append(
            {
                "figure": name,
                "before": before[name],
                "after": after[name],
                "after_over_before": round(ratio, 3) if ratio is not None else None,
            }
        )
        shown = f"{ratio:.2f}" if ratio is not None else "-"
        print(f"{name:<44} {before[name]:>12,.1f} {after[name]:>12,.1f} {shown:>7}")
    if args.output:
        args.output.write_text(json.dumps({"figures": rows}, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
