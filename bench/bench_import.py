"""Import benchmark: a million creator rows from CSV into a fresh SQLite workspace.

It prints kolscope's time beside a baseline run in the same script: the same rows written with
plain ``sqlite3`` ``executemany`` into the same three tables (creators, accounts, snapshots),
with no parsing, mapping, validation or duplicate handling. The ratio is what kolscope's work
costs on top of the database's own floor. Peak memory (of the process that writes) is
measured for two file sizes to show it does not grow with the file: the import streams in
batches, and files from 50,000 rows are parsed in a second process that holds at most four
batches of 2,000 rows at a time.

Run: make bench (or .venv/bin/python bench/bench_import.py --rows 1000000)
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
PLATFORMS = ["instagram", "tiktok", "youtube", "facebook", "x", "lemon8"]
PROVINCES = ["Bangkok", "Chiang Mai", "Khon Kaen", "Phuket", "Chonburi", "Songkhla", ""]
CATEGORIES = ["beauty", "food", "travel", "gaming", "finance", "fashion", "pets"]
HEADER = [
    "platform",
    "handle",
    "display_name",
    "followers",
    "following",
    "posts_count",
    "country",
    "province",
    "categories",
    "avg_likes",
    "avg_comments",
    "engagement_rate",
]


def write_rows(path: Path, rows: int, seed: int = 7) -> None:
    """A canonical-format creators file with realistic value spellings (1.2K, 3.4%)."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for i in range(rows):
            followers = int(rng.lognormvariate(9, 1.6))
            likes = followers * rng.uniform(0.005, 0.08)
            out.writerow(
                [
                    PLATFORMS[i % len(PLATFORMS)],
                    f"creator_{i:07d}",
                    f"Creator {i}",
                    f"{followers / 1000:.1f}K" if i % 3 == 0 else str(followers),
                    rng.randint(50, 3000),
                    rng.randint(5, 2000),
                    "Thailand",
                    PROVINCES[i % len(PROVINCES)],
                    CATEGORIES[i % len(CATEGORIES)],
                    f"{likes:.1f}",
                    f"{likes * 0.03:.1f}",
                    f"{rng.uniform(0.5, 9):.2f}%",
                ]
            )


def run_kolscope(path: Path, workspace: Path) -> dict[str, float | int]:
    """Run the real CLI in a child process so its peak memory is its own."""
    code = f"""
import json, resource, time
from pathlib import Path
from kolscope.bootstrap import open_workspace
from kolscope.config import Settings
from kolscope.catalogue.importing.plan import ImportOptions
ws = open_workspace(Settings(workspace=Path({str(workspace)!r})))
start = time.perf_counter()
options = ImportOptions(as_of=__import__('datetime').date(2026, 11, 1))
plans = ws.importer.plan([Path({str(path)!r})], options)
report = ws.importer.run(plans, options)
elapsed = time.perf_counter() - start
files = report.files[0].counts
print(json.dumps({{"seconds": elapsed, "imported": files.imported, "status": report.status,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run_baseline(path: Path, database: Path) -> float:
    """The floor: read the CSV with csv.reader and executemany into bare tables, no checks."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.executescript(
        """
        PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
        CREATE TABLE creators (id INTEGER PRIMARY KEY, display_name TEXT, created_at TEXT);
        CREATE TABLE accounts (id INTEGER PRIMARY KEY, creator_id INTEGER, platform TEXT,
            handle TEXT, handle_key TEXT, followers INTEGER, UNIQUE (platform, handle_key));
        CREATE TABLE snapshots (id INTEGER PRIMARY KEY, account_id INTEGER, taken_on TEXT,
            followers INTEGER, UNIQUE (account_id, taken_on));
        """
    )
    start = time.perf_counter()
    connection.execute("BEGIN")
    now = datetime.now(UTC).isoformat()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        batch: list[list[str]] = []
        next_id = 1

        def flush(rows: list[list[str]], first: int) -> None:
            ids = range(first, first + len(rows))
            connection.executemany(
                "INSERT INTO creators VALUES (?, ?, ?)",
                [(i, r[2], now) for i, r in zip(ids, rows, strict=False)],
            )
            connection.executemany(
                "INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?)",
                [(i, i, r[0], r[1], r[1].lower(), r[3]) for i, r in zip(ids, rows, strict=False)],
            )
            connection.executemany(
                "INSERT INTO snapshots VALUES (?, ?, ?, ?)",
                [(i, i, "2026-11-01", r[3]) for i, r in zip(ids, rows, strict=False)],
            )

        for row in reader:
            batch.append(row)
            if len(batch) == 2000:
                flush(batch, next_id)
                next_id += len(batch)
                batch = []
        flush(batch, next_id)
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--small",
        type=int,
        default=100_000,
        help="a smaller file, to show peak memory does not grow with size",
    )
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        results = {}
        for label, rows in (("small", args.small), ("large", args.rows)):
            data = root / f"creators-{rows}.csv"
            write_rows(data, rows)
            ours = run_kolscope(data, root / f"ws-{label}")
            floor = run_baseline(data, root / f"baseline-{label}.db")
            results[label] = {
                "rows": rows,
                "file_mb": round(data.stat().st_size / 1e6, 1),
                "kolscope_seconds": round(float(ours["seconds"]), 2),
                "kolscope_rows_per_second": round(rows / float(ours["seconds"])),
                "kolscope_peak_rss_mb": round(float(ours["peak_rss_mb"]), 1),
                "imported": ours["imported"],
                "status": ours["status"],
                "baseline_sqlite3_seconds": round(floor, 2),
                "ratio_kolscope_to_baseline": round(float(ours["seconds"]) / floor, 2),
            }
            print(
                f"{label}: {rows:,} rows  kolscope {ours['seconds']:.1f} s "
                f"({rows / float(ours['seconds']):,.0f} rows/s, "
                f"peak {ours['peak_rss_mb']:.0f} MB)  "
                f"baseline sqlite3 {floor:.1f} s  ratio {float(ours['seconds']) / floor:.2f}x"
            )
    summary = {
        "benchmark": "import creators CSV into SQLite",
        "what": "kolscope import of a 12-column creators CSV (plan + all-or-nothing run), "
        "against plain sqlite3 executemany of the same rows into bare tables",
        "date": date.today().isoformat(),
        "machine": {
            "python": platform.python_version(),
            "cpu_count": __import__("os").cpu_count(),
            "platform": platform.platform(),
        },
        "peak_rss_growth_small_to_large": round(
            results["large"]["kolscope_peak_rss_mb"] / results["small"]["kolscope_peak_rss_mb"], 2
        ),
        "runs": results,
    }
    print(json.dumps(summary, indent=2))
    if not args.no_save:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "import.json").write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    _ = resource
    main()
