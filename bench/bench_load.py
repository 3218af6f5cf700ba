"""Load test: one ``kolscope serve`` under concurrent token-API and page requests.

For each database (SQLite, and PostgreSQL in a schema of the test database when reachable):

1. the demo workspace (2,000 synthetic creators), built once and reused from ``tmp/bench-load``
   (load_server.py);
2. ``kolscope serve`` in its own process on 127.0.0.1; log in through the form (CSRF and all)
   and create an API token with the settings form;
3. every request once, untimed (warm-up), then in the load generator's own process
   (load_clients.py, closed-loop keep-alive clients):
   - **baseline**: ``GET /login`` alone (a cheap page: the app's fixed cost per request);
   - **mixed**: ``--clients`` clients (20) for ``--seconds`` (30) sending a weighted mix of
     ``/api/me``, ``/api/creators``, two ``/api/creators/search`` (bearer token) and the pages
     ``/creators``, ``/discover`` with and without a Thai keyword and a creator page (session
     cookie, Thai);
   - **solo**: each page (and ``/api/creators``) alone with ``--solo-clients`` (10) for
     ``--solo-seconds`` (10): the throughput the probe measured with wrk at 10 connections.

It reports requests/s, p50, p99 and errors (status >= 500 or a failed connection) per route and
overall, each page's p50 and throughput beside the ``/login`` baseline of the same run (a ratio),
and tracebacks or "database is locked" lines in the server's log.

Results: bench/results/load.json, which keeps two runs: ``before`` (``--as before``: the code
before the speed work, with its commit) and ``current`` (the default); when both are there it
prints and stores each solo route's throughput ratio current/before.

Run: make bench (or .venv/bin/python bench/bench_load.py [--seconds 30] [--clients 20]
[--databases sqlite,postgresql] [--solo-seconds 10] [--solo-clients 10] [--rebuild]).
"""

from __future__ import annotations

import argparse
import json
import os
import platform as platform_module
import subprocess
import sys
import tempfile
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_server import (  # the modules beside this script
    ROOT,
    DemoWorkspace,
    Server,
    code_commit,
    create_token,
    demo_workspace,
    log_in,
    postgres_reachable,
)

RESULTS = Path(__file__).parent / "results"
CLIENTS = Path(__file__).parent / "load_clients.py"
THAI_KEYWORD = "ครีมกันแดด"  # sunscreen: in the demo's skincare captions and hashtags
SOLO_ROUTES = ("page_creators", "page_discover", "page_discover_thai", "page_creator")
SOLO_ROUTES_API = ("api_creators",)


def _q(pairs: list[tuple[str, str]]) -> str:
    return urllib.parse.urlencode(pairs)


def requests_for(cookie: str, token: str, creator_path: str) -> list[dict[str, Any]]:
    """The mix: name, path, headers and weight of each request."""
    api = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    page = {"Cookie": cookie, "Accept-Language": "th-TH,th;q=0.9,en;q=0.8"}
    keyword = _q([("q", THAI_KEYWORD)])
    return [
        {"name": "api_me", "path": "/api/me", "headers": api, "weight": 2},
        {"name": "api_creators", "path": "/api/creators?limit=50", "headers": api, "weight": 2},
        {
            "name": "api_search_keyword",
            "path": f"/api/creators/search?{keyword}&platform=instagram",
            "headers": api,
            "weight": 1,
        },
        {
            "name": "api_search_filters",
            "path": "/api/creators/search?niche=skincare&min_followers=10K&sort=followers",
            "headers": api,
            "weight": 1,
        },
        {"name": "page_creators", "path": "/creators", "headers": page, "weight": 2},
        {"name": "page_discover", "path": "/discover", "headers": page, "weight": 1},
        {
            "name": "page_discover_thai",
            "path": f"/discover?{keyword}",
            "headers": page,
            "weight": 1,
        },
        {"name": "page_creator", "path": creator_path, "headers": page, "weight": 1},
    ]


BASELINE = {
    "name": "baseline_login",
    "path": "/login",
    "headers": {"Accept-Language": "th-TH,th;q=0.9"},
    "weight": 1,
}


def generate(server: Server, clients: int, seconds: float, requests: list[dict[str, Any]]) -> Any:
    """Run the load generator in its own process and return its summary, with the server's
    CPU time per request (less sensitive than throughput to other work on the machine)."""
    spec = {
        "host": "127.0.0.1",
        "port": server.port,
        "clients": clients,
        "seconds": seconds,
        "requests": requests,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(spec, handle)
    cpu_before = server.cpu_seconds()
    try:
        done = subprocess.run(
            [sys.executable, str(CLIENTS), handle.name],
            capture_output=True,
            text=True,
            timeout=seconds + 120,
            check=True,
        )
    finally:
        os.unlink(handle.name)
    result: dict[str, Any] = json.loads(done.stdout)
    served = result["overall"]["requests"]
    if served:
        cpu = server.cpu_seconds() - cpu_before
        result["overall"]["server_cpu_ms_per_request"] = round(cpu * 1000 / served, 2)
    return result


def _creator_path(server: Server, token: str) -> str:
    status, _headers, body = server.get(
        "/api/creators?limit=1", headers={"Authorization": f"Bearer {token}"}
    )
    if status != 200:
        raise RuntimeError(f"/api/creators answered {status}")
    first = json.loads(body)["creators"][0]
    return f"/creators/{first['platform']}/{urllib.parse.quote(first['handle'])}"


def _line(name: str, summary: dict[str, Any], baseline: dict[str, Any] | None) -> str:
    cpu = ""
    if "server_cpu_ms_per_request" in summary:
        cpu = f"  server CPU {summary['server_cpu_ms_per_request']:5.1f} ms/req"
    ratio = ""
    if baseline and summary["requests_per_second"]:
        ratio = (
            f"  p50 {summary['p50_ms'] / baseline['p50_ms']:5.1f}x /login,"
            f" throughput {summary['requests_per_second'] / baseline['requests_per_second']:.2f}"
            " of /login"
        )
    return (
        f"  {name:<20} {summary['requests_per_second']:8.1f} req/s  p50 {summary['p50_ms']:7.1f} ms"
        f"  p99 {summary['p99_ms']:7.1f} ms  errors {summary['errors']}{cpu}{ratio}"
    )


def run_database(workspace: DemoWorkspace, args: argparse.Namespace) -> dict[str, Any]:
    server = Server(workspace, args.processes)
    try:
        cookie = log_in(server)
        token = create_token(server, cookie)
        requests = requests_for(cookie, token, _creator_path(server, token))
        warmup = {}
        for request in [BASELINE, *requests]:
            for _ in range(2):
                status = server.get(request["path"], headers=request["headers"])[0]
            warmup[request["name"]] = status
        odd = {name: status for name, status in warmup.items() if status != 200}
        if odd:
            print(f"  warm-up answers other than 200: {odd}")
        rss_before = server.memory_mb()
        baseline = generate(server, args.clients, args.baseline_seconds, [BASELINE])
        print(f"  baseline ({args.clients} clients, {baseline['seconds']} s)")
        base = baseline["overall"]
        print(_line("GET /login", base, None))
        mixed = generate(server, args.clients, args.seconds, requests)
        print(f"  mixed ({args.clients} clients, {mixed['seconds']} s)")
        for name, summary in mixed["routes"].items():
            print(_line(name, summary, base))
            if "example_error" in summary:
                print(f"    e.g. {summary['example_error']}")
        print(_line("overall", mixed["overall"], None))
        solo: dict[str, Any] = {}
        if args.solo_seconds > 0:
            print(f"  solo ({args.solo_clients} clients, {args.solo_seconds} s each)")
            by_name = {r["name"]: r for r in [BASELINE, *requests]}
            for name in ("baseline_login", *SOLO_ROUTES, *SOLO_ROUTES_API):
                result = generate(server, args.solo_clients, args.solo_seconds, [by_name[name]])
                solo[name] = result["overall"]
                print(_line(name, solo[name], solo["baseline_login"]))
        return {
            "workspace": str(workspace.folder.relative_to(ROOT)),
            "built_seconds": workspace.built_seconds,
            "paths": {r["name"]: r["path"] for r in [BASELINE, *requests]},
            "weights": {r["name"]: r["weight"] for r in requests},
            "warmup_status": warmup,
            "baseline": baseline,
            "mixed": mixed,
            "solo": solo,
            "server": {
                "web_processes": server.web_processes(),
                "rss_mb_before": rss_before,
                "rss_mb_after": server.memory_mb(),
                **server.problems_logged(),
            },
        }
    finally:
        server.stop()


def _git(*command: str) -> str:
    return subprocess.run(
        ["git", *command], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()


def _ratio(now: dict[str, Any], then: dict[str, Any], key: str, invert: bool) -> float | None:
    old, new = then.get(key), now.get(key)
    if not old or not new:
        return None
    return round(float(old / new if invert else new / old), 2)


def _speedups(results: dict[str, Any]) -> dict[str, Any]:
    """Per database and solo route: throughput current/before, and server CPU per request
    before/current (the steadier of the two on a busy machine)."""
    runs = results.get("runs", {})
    before, current = runs.get("before"), runs.get("current")
    if not before or not current:
        return {}
    ratios: dict[str, Any] = {}
    for database, now in current["databases"].items():
        then = before["databases"].get(database, {}).get("solo")
        if not then or "solo" not in now:
            continue
        ratios[database] = {
            name: {
                "throughput": _ratio(summary, then[name], "requests_per_second", False),
                "cpu_per_request": _ratio(summary, then[name], "server_cpu_ms_per_request", True),
            }
            for name, summary in now["solo"].items()
            if name in then
        }
    return ratios


def _compare(args: argparse.Namespace, databases: list[str]) -> None:
    from load_compare import compare

    tools = {
        "requests_for": requests_for,
        "creator_path": _creator_path,
        "baseline": BASELINE,
        "solo_routes": (*SOLO_ROUTES, *SOLO_ROUTES_API),
        "generate": generate,
    }
    results: dict[str, Any] = {}
    if args.output.exists():
        results = json.loads(args.output.read_text(encoding="utf-8"))
    compared: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average_at_start": list(os.getloadavg()),
        "databases": {},
    }
    for database in databases:
        if database == "postgresql" and not postgres_reachable():
            print("PostgreSQL is not reachable: skipped")
            continue
        print(f"{database}:")
        compared["databases"][database] = compare(database, args, ROOT, tools)
    results["compared"] = compared
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"results: {args.output}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--baseline-seconds", type=float, default=10)
    parser.add_argument("--solo-seconds", type=float, default=10)
    parser.add_argument("--solo-clients", type=int, default=10)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--creators", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2569)
    parser.add_argument("--rebuild", action="store_true", help="build the demo workspaces again")
    parser.add_argument("--as", dest="run_as", choices=("before", "current"), default="current")
    parser.add_argument(
        "--code",
        type=Path,
        default=ROOT,
        help="serve another source tree (e.g. `git archive` of an older commit, with the "
        "commit id in DIR/.commit) with this repository's virtual environment",
    )
    parser.add_argument(
        "--against",
        type=Path,
        help="instead of the runs above: alternate solo runs of this older source tree "
        "(e.g. a `git archive` with DIR/.commit) and this one in the same run "
        "(load_compare.py); stored as `compared`",
    )
    parser.add_argument("--rounds", type=int, default=2, help="with --against")
    parser.add_argument(
        "--processes",
        type=int,
        default=None,
        help="web processes of this tree's server (kolscope serve --processes; default: "
        "the server's own, one per core up to 4); with --against, this tree is measured with "
        "one process and, when above 1, also with this many",
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "load.json")
    args = parser.parse_args()
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    if args.against:
        _compare(args, databases)
        return
    run: dict[str, Any] = {
        "commit": code_commit(args.code.resolve()),
        "code": str(args.code),
        "uncommitted_files": (
            len(_git("status", "--porcelain").splitlines()) if args.code.resolve() == ROOT else 0
        ),
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average_at_start": list(os.getloadavg()),
        "settings": {
            k: v for k, v in vars(args).items() if k not in {"output", "rebuild", "run_as", "code"}
        },
        "databases": {},
    }
    for database in databases:
        if database == "postgresql" and not postgres_reachable():
            print("PostgreSQL is not reachable: skipped")
            run["databases"][database] = {"skipped": "PostgreSQL not reachable"}
            continue
        print(f"{database}:")
        workspace = demo_workspace(
            database, args.creators, args.seed, args.rebuild, args.code.resolve()
        )
        run["databases"][database] = run_database(workspace, args)
    run["load_average_at_end"] = list(os.getloadavg())
    results: dict[str, Any] = {}
    if args.output.exists():
        results = json.loads(args.output.read_text(encoding="utf-8"))
    results.update(
        {
            "benchmark": "load",
            "what": "kolscope serve (its web processes in runs.*.databases.*.server) on the "
            "demo workspace (2,000 synthetic creators) under closed-loop keep-alive clients in "
            "another process, on loopback; errors are answers >= 500 and failed connections. "
            "speedup_current_over_before compares runs made at different times (noisy); "
            "`compared` alternates both trees in one run (the fair ratio)",
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform_module.python_version(),
                "platform": platform_module.platform(),
            },
        }
    )
    results.setdefault("runs", {})[args.run_as] = run
    results["speedup_current_over_before"] = _speedups(results)
    if results["speedup_current_over_before"]:
        print("current against before (solo): throughput ratio, server CPU per request ratio")
        for database, ratios in results["speedup_current_over_before"].items():
            print(f"  {database}:")
            for name, pair in ratios.items():
                print(f"    {name:<20} {pair['throughput']}x  {pair['cpu_per_request']}x")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"results: {args.output}")
    errors = sum(d["mixed"]["overall"]["errors"] for d in run["databases"].values() if "mixed" in d)
    if errors:
        print(f"{errors} errors under load (status >= 500 or failed connections)")


if __name__ == "__main__":
    main()
