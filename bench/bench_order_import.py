"""Marketplace report import benchmark (issue #17): a 100,000-row report goes into the orders
in one transaction, in bounded time and memory, and importing it again changes nothing.

A Shopee affiliate commission report (CSV, Thai headers, orders of 1-3 items, mixed statuses)
is made with tests/tracking_reports_factory.py in a temporary folder, and imported into a new
SQLite workspace (and into PostgreSQL with ``--postgres URL``). In the same run:

- baseline: reading the report alone, ``read_report(path).lines()`` (what any import does);
- import: ``OrderBook.import_report`` - reading, grouping by order, writing orders, lines and
  their history in batches of 2,000 lines, all in one transaction;
- again: importing the same file a second time (every line found unchanged, nothing written).

Peak memory (Python allocations, tracemalloc) is measured in separate runs on a smaller and
the full file: a batch at a time is held, so the peak grows only with the few bytes per order
kept to count orders and to place them afterwards, not with the file.
Results: bench/results/order_import.json.

Run: .venv/bin/python bench/bench_order_import.py [--rows 100000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test factory makes the files

from sqlalchemy import create_engine, text  # noqa: E402
from tests.tracking_reports_factory import shopee_csv  # noqa: E402

from kolscope.bootstrap import open_workspace  # noqa: E402
from kolscope.config import Settings  # noqa: E402
from kolscope.tracking.db.orders import SqlOrders  # noqa: E402
from kolscope.tracking.facade import OrderBook  # noqa: E402
from kolscope.tracking.reports.files import read_report  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def fresh_book(folder: Path, database: str | None) -> tuple[OrderBook, Any]:
    """An order book on a new workspace (placing nothing: only the import is measured)."""
    workspace = open_workspace(Settings(workspace=folder, database_url=database))
    book = OrderBook(SqlOrders(workspace.engine), lambda: datetime.now(UTC), b"b" * 32, None)
    return book, workspace


def read_only(path: Path) -> float:
    start = time.perf_counter()
    rows = sum(1 for _ in read_report(path).lines())
    assert rows > 0
    return time.perf_counter() - start


def peak_mb(path: Path, folder: Path) -> float:
    book, workspace = fresh_book(folder, None)
    tracemalloc.start()
    try:
        book.import_report(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        workspace.close()
    return round(peak / 1e6, 2)


def measure(path: Path, folder: Path, database: str | None, rows: int) -> dict[str, Any]:
    book, workspace = fresh_book(folder, database)
    try:
        reading = read_only(path)
        start = time.perf_counter()
        first = book.import_report(path)
        imported = time.perf_counter() - start
        start = time.perf_counter()
        again = book.import_report(path)
        repeated = time.perf_counter() - start
    finally:
        workspace.close()
    assert (first.rows, first.changed_lines) == (rows, rows), first
    assert (again.new_orders, again.changed_lines) == (0, 0), again
    return {
        "rows": rows,
        "orders": first.orders,
        "read_only_s": round(reading, 1),
        "import_s": round(imported, 1),
        "import_again_s": round(repeated, 1),
        "import_to_read_ratio": round(imported / reading, 1),
        "rows_per_s": round(rows / imported),
    }


def postgres(url: str) -> tuple[str, Any]:
    schema = f"kolscope_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as db:
        db.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.connect() as db:
            db.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return f"{url}?options=-csearch_path%3D{schema}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", help="also import into this PostgreSQL database")
    args = parser.parse_args()
    results: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "system": platform.platform()},
    }
    with tempfile.TemporaryDirectory(prefix="kolscope-bench-orders-") as name:
        folder = Path(name)
        small_rows = max(args.rows // 5, 1)
        big = shopee_csv(folder / "AffiliateCommissionReport-big.csv", rows=args.rows)
        small = shopee_csv(folder / "AffiliateCommissionReport-small.csv", rows=small_rows)
        results["sqlite"] = measure(big, folder / "sqlite", None, args.rows)
        print("sqlite:", results["sqlite"])
        if args.postgres:
            url, drop = postgres(args.postgres)
            try:
                results["postgresql"] = measure(big, folder / "pg", url, args.rows)
            finally:
                drop()
            print("postgresql:", results["postgresql"])
        results["peak_mb"] = {
            str(small_rows): peak_mb(small, folder / "peak-small"),
            str(args.rows): peak_mb(big, folder / "peak-big"),
        }
        print("peak memory (MB, tracemalloc):", results["peak_mb"])
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / "order_import.json"
    target.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
