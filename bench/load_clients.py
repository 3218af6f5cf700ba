"""The load generator of bench_load.py: closed-loop HTTP clients in their own process.

Run as ``python bench/load_clients.py SPEC.json``; prints one JSON summary on stdout.

The spec names the server (loopback only), the number of clients, the seconds to run and the
requests to send (name, path, headers, weight). Each client is a thread with one keep-alive
connection (``http.client``, no third-party code) that sends the next request of a weighted,
shuffled cycle as soon as the previous answer is read in full. A request counts as an error
when the answer's status is 500 or more, or when the connection fails or times out (the
client then reconnects). Requests still in flight at the deadline are waited for and counted:
the rate is completed requests over the time until the last one came back.
"""

from __future__ import annotations

import http.client
import json
import math
import random
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class Request:
    name: str
    path: str
    headers: dict[str, str]


@dataclass(slots=True)
class Tally:
    """What one client saw, per request name."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    last_error: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, status: str, seconds: float, error: str | None) -> None:
        self.latencies.setdefault(name, []).append(seconds)
        counts = self.statuses.setdefault(name, {})
        counts[status] = counts.get(status, 0) + 1
        if error is not None:
            self.errors[name] = self.errors.get(name, 0) + 1
            self.last_error[name] = error


def _cycle(requests: list[tuple[Request, int]], seed: int) -> list[Request]:
    """Each request as many times as its weight, shuffled per client so clients differ."""
    cycle = [request for request, weight in requests for _ in range(weight)]
    random.Random(seed).shuffle(cycle)
    return cycle


def _client(
    host: str, port: int, cycle: list[Request], start: float, deadline: float, tally: Tally
) -> None:
    connection: http.client.HTTPConnection | None = None
    position = 0
    while time.perf_counter() < start:
        time.sleep(0.0005)
    while time.perf_counter() < deadline:
        request = cycle[position % len(cycle)]
        position += 1
        began = time.perf_counter()
        try:
            if connection is None:
                connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT_SECONDS)
            connection.request("GET", request.path, headers=request.headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - began
            status = response.status
            error = f"HTTP {status}" if status >= 500 else None
            tally.add(request.name, str(status), elapsed, error)
            if response.will_close:
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException) as failure:
            elapsed = time.perf_counter() - began
            tally.add(request.name, "connection", elapsed, f"{type(failure).__name__}: {failure}")
            if connection is not None:
                connection.close()
            connection = None
    if connection is not None:
        connection.close()


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of an ascending list (share 0.5 is the median)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), math.ceil(share * len(sorted_values))))
    return sorted_values[rank - 1]


def _summary(latencies: list[float], statuses: dict[str, int], errors: int, seconds: float) -> Any:
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "requests_per_second": round(len(ordered) / seconds, 2) if seconds else 0.0,
        "p50_ms": round(percentile(ordered, 0.50) * 1000, 1),
        "p99_ms": round(percentile(ordered, 0.99) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1) if ordered else None,
        "errors": errors,
        "statuses": dict(sorted(statuses.items())),
    }


def run(spec: dict[str, Any]) -> dict[str, Any]:
    host, port = str(spec["host"]), int(spec["port"])
    if host not in LOOPBACK:
        raise SystemExit(f"load_clients: {host} is not a loopback address")
    clients, seconds = int(spec["clients"]), float(spec["seconds"])
    requests = [
        (Request(r["name"], r["path"], dict(r.get("headers", {}))), int(r.get("weight", 1)))
        for r in spec["requests"]
    ]
    tallies = [Tally() for _ in range(clients)]
    start = time.perf_counter() + 0.2
    deadline = start + seconds
    threads = [
        threading.Thread(
            target=_client,
            args=(host, port, _cycle(requests, index), start, deadline, tallies[index]),
            daemon=True,
        )
        for index in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    routes: dict[str, Any] = {}
    every_latency: list[float] = []
    every_status: dict[str, int] = {}
    every_error = 0
    for request, _weight in requests:
        latencies = [x for t in tallies for x in t.latencies.get(request.name, [])]
        statuses: dict[str, int] = {}
        for tally in tallies:
            for status, count in tally.statuses.get(request.name, {}).items():
                statuses[status] = statuses.get(status, 0) + count
        errors = sum(t.errors.get(request.name, 0) for t in tallies)
        routes[request.name] = _summary(latencies, statuses, errors, elapsed)
        examples = [t.last_error[request.name] for t in tallies if request.name in t.last_error]
        if examples:
            routes[request.name]["example_error"] = examples[0]
        every_latency.extend(latencies)
        for status, count in statuses.items():
            every_status[status] = every_status.get(status, 0) + count
        every_error += errors
    return {
        "clients": clients,
        "seconds": round(elapsed, 2),
        "overall": _summary(every_latency, every_status, every_error, elapsed),
        "routes": routes,
    }


def main() -> None:
    spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    json.dump(run(spec), sys.stdout)


if __name__ == "__main__":
    main()
