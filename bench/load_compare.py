"""Before and after in the same run: bench_load.py --against DIR (an older source tree).

On a machine shared with other work, two runs minutes apart differ by more than the change
being measured (the same /login page measured 163 and 449 requests/s on this machine within
the hour). So this starts both servers, one per source tree, each on its own copy of the demo
workspace, and alternates them route by route (before, after, before, after…) so that both
see the same machine. It reports each solo route's throughput and server CPU per request
for both trees and their ratios.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from load_server import Server, code_commit, create_token, demo_workspace, log_in


def _prepare(server: Server, requests_for: Any, creator_path: Any) -> dict[str, Any]:
    cookie = log_in(server)
    token = create_token(server, cookie)
    requests = requests_for(cookie, token, creator_path(server, token))
    for request in requests:
        for _ in range(2):
            server.get(request["path"], headers=request["headers"])
    return {r["name"]: r for r in requests}


def _add(total: dict[str, float], result: dict[str, Any]) -> None:
    overall = result["overall"]
    total["requests"] += overall["requests"]
    total["seconds"] += result["seconds"]
    total["errors"] += overall["errors"]
    total["cpu_ms"] += overall.get("server_cpu_ms_per_request", 0.0) * overall["requests"]


def _summary(total: dict[str, float]) -> dict[str, Any]:
    requests = total["requests"]
    return {
        "requests": int(requests),
        "requests_per_second": round(requests / total["seconds"], 1) if total["seconds"] else 0,
        "server_cpu_ms_per_request": round(total["cpu_ms"] / requests, 2) if requests else None,
        "errors": int(total["errors"]),
    }


def compare(
    database: str, args: argparse.Namespace, root: Path, tools: dict[str, Any]
) -> dict[str, Any]:
    """Alternate solo runs of every route on the two trees; ``tools`` are bench_load's."""
    trees = {"before": args.against.resolve(), "current": root}
    processes: dict[str, int | None] = {"before": None, "current": 1}  # before: one, no option
    if args.processes and args.processes > 1:
        label = f"current_{args.processes}_processes"
        trees[label], processes[label] = root, args.processes
    servers: dict[str, Server] = {}
    try:
        routes: dict[str, dict[str, Any]] = {}
        for label, code in trees.items():
            workspace = demo_workspace(database, args.creators, args.seed, False, code)
            servers[label] = Server(workspace, processes[label])
            by_name = _prepare(servers[label], tools["requests_for"], tools["creator_path"])
            routes[label] = {"baseline_login": tools["baseline"], **by_name}
        names = ["baseline_login", *tools["solo_routes"]]
        totals = {
            label: {
                n: dict.fromkeys(("requests", "seconds", "errors", "cpu_ms"), 0.0) for n in names
            }
            for label in trees
        }
        for round_number in range(args.rounds):
            for name in names:
                for label in trees if round_number % 2 == 0 else reversed(list(trees)):
                    result = tools["generate"](
                        servers[label], args.solo_clients, args.solo_seconds, [routes[label][name]]
                    )
                    _add(totals[label][name], result)
        report: dict[str, Any] = {
            "commits": {label: code_commit(code) for label, code in trees.items()},
            "processes": processes,
            "rounds": args.rounds,
            "clients": args.solo_clients,
            "seconds_each": args.solo_seconds,
            "routes": {},
        }
        print(f"  before {report['commits']['before'][:10]} against current, alternating:")
        for name in names:
            before = _summary(totals["before"][name])
            entry: dict[str, Any] = {"before": before}
            for label in list(trees)[1:]:
                current = _summary(totals[label][name])
                ratio = (
                    round(current["requests_per_second"] / before["requests_per_second"], 2)
                    if before["requests_per_second"]
                    else None
                )
                cpu_ratio = (
                    round(
                        before["server_cpu_ms_per_request"] / current["server_cpu_ms_per_request"],
                        2,
                    )
                    if before["server_cpu_ms_per_request"] and current["server_cpu_ms_per_request"]
                    else None
                )
                suffix = label.removeprefix("current")
                entry[label] = current
                entry[f"throughput_ratio{suffix}"] = ratio
                entry[f"cpu_per_request_ratio{suffix}"] = cpu_ratio
                print(
                    f"  {name:<20} {before['requests_per_second']:7.1f} -> "
                    f"{current['requests_per_second']:7.1f} req/s ({ratio}x) {label:<22} "
                    f"server CPU {before['server_cpu_ms_per_request']} -> "
                    f"{current['server_cpu_ms_per_request']} ms/req ({cpu_ratio}x)   errors "
                    f"{before['errors']} / {current['errors']}"
                )
            report["routes"][name] = entry
        return report
    finally:
        for server in servers.values():
            server.stop()
