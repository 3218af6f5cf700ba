"""Click durability: every click that got a 302 is stored exactly once, though the redirect and
the log writer are killed with ``kill -9`` again and again while clicks pour in.

1. A SQLite workspace with one Shopify campaign and link; ``kolscope redirect --no-ship``
   (``--workers`` processes, granian) and ``kolscope clicks ship`` run as separate process
   groups on loopback.
2. A load generator in this process: ``--connections`` keep-alive HTTP/1.1 clients asking for
   the short link as fast as they can, each recording the click id (``kc``) of every 302 it
   receives. A request whose answer never arrives (its server was killed) is not recorded:
   that visitor got no redirect.
3. Meanwhile, every ``--every`` seconds (with some jitter), the redirect's whole process group
   or the shipper's is killed with SIGKILL, alternately, ``--kills`` times each, and started
   again a moment later.
4. At the end the load stops, the redirect is stopped, and ``kolscope clicks ship --once``
   ships what is left. Then: every received click id must be in ``clicks`` (missing = 0) and
   no click id twice (duplicates = 0). Clicks stored whose 302 never reached the client (the
   server was killed between the log write and the answer) are counted apart: stored, never
   seen.

Results: bench/results/click_durability.json.

Run: .venv/bin/python bench/bench_click_durability.py [--kills 4] [--every 3]
[--connections 16] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import func, select

from kolscope.config import Settings
from kolscope.infra.db import tables as t
from kolscope.infra.db.engine import open_engine
from redirect_rows import (  # the module beside this script
    CODE,
    KOLSCOPE,
    LINE_AGENT,
    Running,
    bench_workspace,
    environment,
    free_port,
    start_redirect,
)

RESULTS = Path(__file__).parent / "results"


def start_shipper(settings: Settings, log: Path) -> Running:
    with log.open("ab") as output:
        process = subprocess.Popen(
            [str(KOLSCOPE), "clicks", "ship", "--every", "0.5"],
            env=environment(settings),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Running("kolscope clicks ship", 0, process)


def kill_group(run: Running) -> None:
    """kill -9 of every process of the group (the redirect's workers too)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(run.process.pid, signal.SIGKILL)
    run.process.wait()


class Load:
    """Keep-alive clients asking for the short link; the click ids of the 302s received."""

    def __init__(self, port: int, connections: int) -> None:
        self.port = port
        self.connections = connections
        self.received: list[str] = []
        self.failed_requests = 0
        self.other_answers = 0
        self.stop = asyncio.Event()
        self.request = (
            f"GET /r/{CODE} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"User-Agent: {LINE_AGENT}\r\nAccept: */*\r\n\r\n"
        ).encode("ascii")

    async def client(self) -> None:
        while not self.stop.is_set():
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
            except OSError:
                await asyncio.sleep(0.05)
                continue
            try:
                while not self.stop.is_set():
                    writer.write(self.request)
                    head = await reader.readuntil(b"\r\n\r\n")
                    self._answer(head, reader)
                    length = _content_length(head)
                    if length:
                        await reader.readexactly(length)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                self.failed_requests += 1  # killed mid-request: no 302 reached this visitor
            finally:
                writer.close()

    def _answer(self, head: bytes, _reader: asyncio.StreamReader) -> None:
        lines = head.decode("latin-1").split("\r\n")
        if not lines[0].startswith("HTTP/1.1 302"):
            self.other_answers += 1
            return
        for line in lines[1:]:
            if line.lower().startswith("location:"):
                query = line.split("?", 1)[1]
                found = dict(part.split("=", 1) for part in query.split("&") if "=" in part)
                self.received.append(found["kc"])
                return
        self.other_answers += 1

    async def run(self) -> None:
        await asyncio.gather(*(self.client() for _ in range(self.connections)))


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":", 1)[1])
    return 0


async def chaos(
    load: Load, settings: Settings, folder: Path, args: argparse.Namespace, port: int
) -> dict[str, Any]:
    """Kill the redirect or the shipper with SIGKILL every few seconds and start it again."""
    loop = asyncio.get_running_loop()
    redirect = await loop.run_in_executor(
        None,
        lambda: start_redirect(
            settings, port, workers=args.workers, server="granian", ship=False,
            log=folder / "redirect.log",
        ),
    )  # fmt: skip
    shipper = start_shipper(settings, folder / "shipper.log")
    kills = {"redirect": 0, "shipper": 0}
    victim = "redirect"
    random.seed(17)
    for _kill in range(2 * args.kills):
        await asyncio.sleep(args.every * random.uniform(0.6, 1.4))
        if victim == "redirect":
            kill_group(redirect)
            kills["redirect"] += 1
            await asyncio.sleep(random.uniform(0.1, 1.0))
            redirect = await loop.run_in_executor(
                None,
                lambda: start_redirect(
                    settings, port, workers=args.workers, server="granian", ship=False,
                    log=folder / "redirect.log",
                ),
            )  # fmt: skip
            victim = "shipper"
        else:
            kill_group(shipper)
            kills["shipper"] += 1
            await asyncio.sleep(random.uniform(0.1, 1.0))
            shipper = start_shipper(settings, folder / "shipper.log")
            victim = "redirect"
    load.stop.set()
    await asyncio.sleep(0.5)
    kill_group(redirect)  # the last redirect dies the same way; its segments are finished
    kill_group(shipper)
    return kills


async def drive(settings: Settings, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    port = free_port()
    load = Load(port, args.connections)
    started = time.monotonic()
    running = asyncio.ensure_future(load.run())
    kills = await chaos(load, settings, folder, args, port)
    await running
    return {
        "kills": kills,
        "load_seconds": round(time.monotonic() - started, 1),
        "received": load.received,
        "failed_requests": load.failed_requests,
        "other_answers": load.other_answers,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=4, help="of each, alternately")
    parser.add_argument("--every", type=float, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kolscope-bench-durability-") as temp:
        folder = Path(temp)
        settings = bench_workspace(folder)
        outcome = asyncio.run(drive(settings, folder, args))
        final = subprocess.run(
            [str(KOLSCOPE), "clicks", "ship", "--once", "--json"],
            env=environment(settings), capture_output=True, text=True, check=True,
        )  # fmt: skip
        last_pass = json.loads(final.stdout)
        engine = open_engine(settings.resolved_database_url)
        with engine.connect() as db:
            stored = list(db.execute(select(t.clicks.c.click_id)).scalars())
            marks = db.execute(select(func.count()).select_from(t.click_journal_marks)).scalar()
        engine.dispose()
        left = sorted(path.name for path in settings.click_journal_folder.iterdir())
    received = outcome["received"]
    stored_set = set(stored)
    missing = [click for click in received if click not in stored_set]
    report = {
        "benchmark": "click_durability",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "load_average_at_end": os.getloadavg()},
        "configuration": {
            "kills_of_each": args.kills,
            "seconds_between_kills": f"{args.every} +/- 40 % (after the restarted process answers)",
            "connections": args.connections,
            "redirect": f"kolscope redirect --no-ship --workers {args.workers} (granian), "
            "killed with SIGKILL as a whole process group",
            "shipper": "kolscope clicks ship --every 0.5, killed with SIGKILL",
            "database": "SQLite",
            "fsync": "interval (kill -9 never loses a written line; fsync only matters on "
            "power loss)",
        },
        "kills": outcome["kills"],
        "load_seconds": outcome["load_seconds"],
        "redirects_received": len(received),
        "distinct_click_ids_received": len(set(received)),
        "requests_without_an_answer": outcome["failed_requests"],
        "answers_other_than_302": outcome["other_answers"],
        "clicks_stored": len(stored),
        "distinct_clicks_stored": len(stored_set),
        "missing": len(missing),
        "duplicates": len(stored) - len(stored_set),
        "stored_but_302_never_seen": len(stored_set - set(received)),
        "last_shipping_pass": last_pass,
        "log_segments_left": left,
        "marks_left": marks,
        "every_302_stored_exactly_once": not missing and len(stored) == len(stored_set),
    }
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "click_durability.json"
    path.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(
        f"{len(received)} redirects received, {len(stored)} clicks stored, "
        f"{len(missing)} missing, {report['duplicates']} duplicates, "
        f"kills: {outcome['kills']} -> {path}"
    )
    if not report["every_302_stored_exactly_once"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
