"""Marketplace report benchmark (issue #17): a 100,000-row report imports in bounded time and
memory.

Two files are made in a temporary folder with tests/tracking_reports_factory.py (synthetic,
orders of 1-3 items, mixed statuses): Shopee's affiliate commission report as CSV (UTF-8 with a
BOM, Thai headers, 47 columns) and Lazada's conversion report as XLSX (sheet "Lazada Report",
42 columns, ids as XLSX numbers). For each, in the same run:

- baseline: the least any import does - Python's csv.reader, or openpyxl's read-only
  ``iter_rows(values_only=True)``, touching every row of the same file once;
- kolscope: ``read_report(path).lines()`` - detection, the header check, every row read into a
  ``ReportLine`` (ids as text, money as Decimal, times, statuses) and summed as an importer
  would (lines, amount, commission).

Time is the best of ``--repeat`` runs without tracing, the two alternated so both meet the same
load on a shared machine; peak memory is measured in a separate
run under tracemalloc (Python allocations, which is where a sheet held whole would show).
Results: bench/results/reports.json.

Run: .venv/bin/python bench/bench_reports.py [--rows 100000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test factory makes the files

from tests.tracking_reports_factory import LAZADA_SHEET, lazada_xlsx, shopee_csv  # noqa: E402

from kolscope.tracking.reports.files import read_report  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def csv_baseline(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def xlsx_baseline(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _ in book[LAZADA_SHEET].iter_rows(values_only=True)) - 1
    finally:
        book.close()


def kolscope(path: Path) -> int:
    count, amount, commission = 0, Decimal(0), Decimal(0)
    for line in read_report(path).lines():
        count += 1
        amount += line.amount
        commission += line.commission
    return count


def timed(work: Callable[[Path], int], path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    count = work(path)
    return time.perf_counter() - start, count


def peak_mb(work: Callable[[Path], int], path: Path) -> float:
    tracemalloc.start()
    try:
        work(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 1e6, 2)


def measure(path: Path, baseline: Callable[[Path], int], rows: int, repeat: int) -> dict[str, Any]:
    base_s = ours_s = float("inf")
    for _ in range(repeat):  # alternated, so both see the same load on a shared machine
        base, base_rows = timed(baseline, path)
        ours, ours_rows = timed(kolscope, path)
        assert base_rows == ours_rows == rows, (base_rows, ours_rows, rows)
        base_s, ours_s = min(base_s, base), min(ours_s, ours)
    result = {
        "rows": rows,
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "baseline_s": round(base_s, 2),
        "kolscope_s": round(ours_s, 2),
        "ratio": round(ours_s / base_s, 1),
        "kolscope_rows_per_s": round(rows / ours_s),
        "baseline_peak_mb": peak_mb(baseline, path),
        "kolscope_peak_mb": peak_mb(kolscope, path),
    }
    print(
        f"{path.name}: {rows:,} rows, {result['file_mb']} MB; baseline {base_s:.2f} s, "
        f"kolscope {ours_s:.2f} s ({result['ratio']}x); peak memory baseline "
        f"{result['baseline_peak_mb']} MB, kolscope {result['kolscope_peak_mb']} MB"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kolscope-bench-reports-") as folder:
        made = time.perf_counter()
        shopee = shopee_csv(Path(folder) / "AffiliateCommissionReport20260601.csv", args.rows)
        lazada = lazada_xlsx(
            Path(folder) / "LAZADA-ConversionReport-20260501-20260531.xlsx", args.rows
        )
        print(f"made the two files in {time.perf_counter() - made:.1f} s")
        results = {
            "shopee_csv": measure(shopee, csv_baseline, args.rows, args.repeat),
            "lazada_xlsx": measure(lazada, xlsx_baseline, args.rows, args.repeat),
            "machine": f"{platform.machine()} {platform.python_implementation()} "
            f"{platform.python_version()}",
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "reports.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
