"""Redirect speed: ``kolscope redirect`` with its click log on, against nginx answering a fixed
``return 302``, both on loopback and driven by wrk in the same run.

For each worker count (``--workers``, default 1 and 2):

1. nginx (Debian's nginx-light) with that many worker processes, no access log, answering every
   request with a 302 to the same address the redirect sends people to (same size of answer);
2. ``kolscope redirect --workers N`` under granian (its own RSGI interface, the default),
   granian over ASGI and uvicorn (httptools, uvloop), each on its own SQLite workspace with one
   Shopify campaign and link: every request classifies the visitor (a LINE in-app browser user
   agent), hashes the address, looks the country up in a GeoIP database, makes a click id,
   appends the click to the log (fsync ``interval``) and answers 302 with ``kc`` and ``ref``;
   its own shipper thread (at a lower priority) writes the clicks to the database meanwhile, as
   in production. ``granian+no-ship`` is the default server with ``--no-ship``: the log only,
   shipped after the run (as when ``kolscope clicks ship`` runs elsewhere or later);
3. the ceiling: granian serving an empty RSGI app that appends a line to a file and answers a
   fixed 302 (bench/redirect_ceiling.py), what any Python redirect under granian can reach;
4. wrk (``--threads`` threads, ``--connections`` keep-alive connections, ``--seconds`` each)
   against each server in turn, ``--rounds`` times alternating, after a 2 s warm-up; the median
   of the rounds is reported: requests/s, p50 and p99 latency, and the ratio to nginx.

Afterwards each redirect is stopped, its log shipped, and the clicks stored are compared with
the redirects wrk counted (stored >= answered: wrk stops counting answers in flight).

The machine has 2 cores shared by wrk and the server: nginx is mostly limited by wrk here,
the redirect by Python. Results: bench/results/redirect.json.

Run: .venv/bin/python bench/bench_redirect.py [--seconds 10] [--rounds 3] [--workers 1,2]
[--servers granian,uvicorn] [--threads 1] [--connections 64]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import func, select

from kolscope.infra.db import tables as t
from kolscope.infra.db.engine import open_engine
from kolscope.tracking.redirect.facade import ship_clicks
from redirect_rows import (  # the module beside this script
    CODE,
    LINE_AGENT,
    Running,
    bench_workspace,
    free_port,
    start_ceiling,
    start_nginx,
    start_redirect,
    wrk,
)

RESULTS = Path(__file__).parent / "results"
TARGET_RATIO = 0.5
NO_SHIP = "+no-ship"  # a server name ending so runs with --no-ship (shipped after the run)
CEILING = "empty_python_app"  # bench/redirect_ceiling.py under granian: Python's own ceiling


def _median(runs: list[dict[str, Any]]) -> dict[str, float]:
    return {
        key: round(statistics.median(run[key] for run in runs), 3)
        for key in ("requests_per_second", "p50_ms", "p99_ms")
    }


def _stored(settings: Any) -> int:
    ship_clicks(settings)
    engine = open_engine(settings.resolved_database_url)
    try:
        with engine.connect() as db:
            return int(db.execute(select(func.count()).select_from(t.clicks)).scalar_one())
    finally:
        engine.dispose()


def measure(
    workers: int, servers: list[str], args: argparse.Namespace, folder: Path
) -> dict[str, Any]:
    running: dict[str, Running] = {}
    workspaces = {}
    try:
        running["nginx"] = start_nginx(folder / f"nginx-{workers}", free_port(), workers=workers)
        if args.ceiling:
            running[CEILING] = start_ceiling(
                folder / f"ceiling-{workers}", free_port(), workers=workers
            )
        for server in servers:
            workspaces[server] = bench_workspace(folder / f"{server}-{workers}")
            running[server] = start_redirect(
                workspaces[server], free_port(), workers=workers,
                server=server.removesuffix(NO_SHIP), ship=not server.endswith(NO_SHIP),
                log=folder / f"{server}-{workers}.log",
            )  # fmt: skip
        urls = {name: f"http://127.0.0.1:{run.port}/r/{CODE}" for name, run in running.items()}
        urls["nginx"] = f"http://127.0.0.1:{running['nginx'].port}/r/{CODE}"
        answered = dict.fromkeys(servers, 0)
        for name, url in urls.items():  # warm-up
            done = wrk(url, threads=args.threads, connections=args.connections, seconds=2)
            if name in answered:
                answered[name] += int(done["answered"])
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in urls}
        for round_number in range(args.rounds):
            for name, url in urls.items():
                done = wrk(
                    url, threads=args.threads, connections=args.connections, seconds=args.seconds
                )
                runs[name].append(done)
                if name in answered:
                    answered[name] += int(done["answered"])
                print(
                    f"  workers={workers} round {round_number + 1} {name:8s} "
                    f"{done['requests_per_second']:>9.0f} req/s  p50 {done['p50_ms']} ms  "
                    f"p99 {done['p99_ms']} ms",
                    flush=True,
                )
    finally:
        for run in running.values():
            run.stop()
    medians = {name: _median(found) for name, found in runs.items()}
    nginx_rps = medians["nginx"]["requests_per_second"]
    result: dict[str, Any] = {"nginx": {"median": medians["nginx"], "runs": runs["nginx"]}}
    if CEILING in medians:
        result[CEILING] = {
            "median": medians[CEILING],
            "runs": runs[CEILING],
            "ratio_to_nginx": round(medians[CEILING]["requests_per_second"] / nginx_rps, 3),
        }
    for server in servers:
        stored = _stored(workspaces[server])
        result[f"redirect_{server}"] = {
            "median": medians[server],
            "runs": runs[server],
            "ratio_to_nginx": round(medians[server]["requests_per_second"] / nginx_rps, 3),
            "redirects_counted_by_wrk": answered[server],
            "clicks_stored": stored,
            "every_counted_redirect_stored": stored >= answered[server],
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--servers", default=f"granian,granian{NO_SHIP},granian-asgi,uvicorn")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--no-ceiling", dest="ceiling", action="store_false", help="skip the empty app"
    )
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    servers = [s for s in args.servers.split(",") if s]
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="kolscope-bench-redirect-") as temp:
        for workers in (int(w) for w in args.workers.split(",") if w):
            print(f"workers={workers}", flush=True)
            results[f"workers_{workers}"] = measure(workers, servers, args, Path(temp))
    summary: dict[str, Any] = {}
    for key, found in results.items():
        ratios = {
            name.removeprefix("redirect_"): value["ratio_to_nginx"]
            for name, value in found.items()
            if name.startswith("redirect_")
        }
        default = ratios.get("granian")
        summary[key] = {
            "nginx_requests_per_second": found["nginx"]["median"]["requests_per_second"],
            "kolscope_redirect_ratio": default,  # the default server, shipping as it runs
            "every_ratio": ratios,
            "empty_python_app_ratio": found.get(CEILING, {}).get("ratio_to_nginx"),
            "target_met": default is not None and default >= TARGET_RATIO,
        }
    report = {
        "benchmark": "redirect",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "configuration": {
            "loopback": True,
            "wrk": {
                "threads": args.threads,
                "connections": args.connections,
                "seconds": args.seconds,
                "rounds": args.rounds,
                "warm_up_seconds": 2,
                "user_agent": LINE_AGENT,
            },
            "nginx": "nginx-light, worker_processes = the redirect's workers, access_log off, "
            "`return 302` to the same tagged address with kc and ref (same answer size)",
            "redirect": "kolscope redirect --workers N: click log on (fsync interval), GeoIP "
            "lookup on (the tests' small .mmdb), visitor classified and hashed, its "
            "own shipper thread writing clicks to SQLite during the run",
            "note": "2 cores shared by wrk and the server under test; the other servers sit "
            "idle meanwhile. One client address (127.0.0.1) and one user agent: the "
            "user-agent class is cached, as it is for the few thousand agents of a real "
            "campaign; the address hash is computed on every request.",
        },
        "target": f"redirect >= {TARGET_RATIO:.0%} of nginx's requests/s",
        "summary": summary,
        "results": results,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "redirect.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    for key, found in summary.items():
        print(f"{key}: {json.dumps(found)}")


if __name__ == "__main__":
    main()
