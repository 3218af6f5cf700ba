"""What the redirect benchmarks share: a workspace with one campaign and a creator's tracking
link (rows written as the tracking service writes them), the tests' small GeoIP database,
``kolscope redirect`` and nginx started and stopped on loopback ports, and wrk's output read.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.tracking_mmdb: the tests' own GeoIP database writer

from sqlalchemy import insert  # noqa: E402
from tests.tracking_mmdb import test_database  # noqa: E402

from kolscope.config import Settings  # noqa: E402
from kolscope.infra.db import tables as t  # noqa: E402
from kolscope.infra.db.engine import open_engine  # noqa: E402
from kolscope.tracking.redirect.facade import prepare_database  # noqa: E402

KOLSCOPE = Path(sys.executable).with_name("kolscope")
SECRET = "bench-secret-for-the-redirect-benchmarks-0123456789"
CODE = "bench23"
TARGET = (
    "https://moonmint.example/glow?utm_source=tiktok&utm_medium=influencer"
    "&utm_campaign=glow-up-2026&utm_content=mint.skin&utm_id=kbench2345"
)
LINE_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 Safari Line/14.9.0"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bench_workspace(folder: Path, database_url: str | None = None) -> Settings:
    """A workspace whose database holds one Shopify campaign and one creator's link ``CODE``,
    with the GeoIP database configured."""
    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings(
        workspace=folder / "ws",
        database_url=database_url,
        secret_key=SECRET,
        geoip_database=test_database(folder),
        redis_url=None,
        trusted_proxies="",
    )
    prepare_database(settings)
    now = datetime.now(UTC)
    engine = open_engine(settings.resolved_database_url)
    with engine.begin() as db:
        brand = db.execute(
            insert(t.brands).values(
                name="Moonmint", handles=[], hashtags=[], competitors=[], created_at=now
            )
        ).inserted_primary_key[0]
        campaign = db.execute(
            insert(t.campaigns).values(
                brand_id=brand, name="Glow Up 2026", objective="conversion", budget_thb=1.0,
                status="live", brief={}, created_at=now, updated_at=now,
            )
        ).inserted_primary_key[0]  # fmt: skip
        creator = db.execute(
            insert(t.creators).values(display_name="Mint", languages=[], created_at=now,
                                      updated_at=now)
        ).inserted_primary_key[0]  # fmt: skip
        account = db.execute(
            insert(t.accounts).values(
                creator_id=creator, platform="tiktok", handle="mint.skin", handle_key="mint.skin",
                categories=[], languages=[], created_at=now, updated_at=now,
            )
        ).inserted_primary_key[0]  # fmt: skip
        place = db.execute(
            insert(t.campaign_destinations).values(
                campaign_id=campaign, url="https://moonmint.example/glow", shop_kind="shopify",
                created_at=now,
            )
        ).inserted_primary_key[0]  # fmt: skip
        db.execute(
            insert(t.tracking_links).values(
                campaign_id=campaign, account_id=account, destination_id=place, code=CODE,
                target=TARGET, medium="influencer", token="kbench2345", created_at=now,
            )
        )  # fmt: skip
    engine.dispose()
    return settings


def environment(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOLSCOPE_")}
    env.update(
        KOLSCOPE_WORKSPACE=str(settings.workspace),
        KOLSCOPE_SECRET_KEY=SECRET,
        KOLSCOPE_GEOIP_DATABASE=str(settings.geoip_database),
    )
    if settings.database_url:
        env["KOLSCOPE_DATABASE_URL"] = settings.database_url
    env.update(extra)
    return env


def wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port}")


def wait_for_redirect(port: int, process: subprocess.Popen[bytes], seconds: float = 180) -> None:
    """Until the short link answers 302 (the port may be bound before the workers answer)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the redirect on port {port} exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", f"/r/{CODE}")
            if connection.getresponse().status == 302:
                connection.close()
                return
            connection.close()
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the redirect on port {port} never answered 302")


@dataclass
class Running:
    """A server process started here (stopped by its own id, never by name)."""

    name: str
    port: int
    process: subprocess.Popen[bytes]

    def stop(self, sig: int = signal.SIGTERM, seconds: float = 60) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_redirect(
    settings: Settings, port: int, *, workers: int, server: str, log: Path, ship: bool = True
) -> Running:
    command = [str(KOLSCOPE), "redirect", "--port", str(port), "--workers", str(workers),
               "--server", server, "--ship" if ship else "--no-ship"]  # fmt: skip
    with log.open("ab") as output:
        process = subprocess.Popen(
            command,
            env=environment(settings),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill -9 reaches its workers too
        )
    wait_for_redirect(port, process)
    return Running(f"kolscope redirect ({server})", port, process)


def start_ceiling(folder: Path, port: int, *, workers: int) -> Running:
    """granian serving bench/redirect_ceiling.py (an empty RSGI app: one write, one 302)."""
    folder.mkdir(parents=True, exist_ok=True)
    granian = Path(sys.executable).with_name("granian")
    env = {**os.environ, "CEILING_LOG": str(folder / "ceiling.log")}
    process = subprocess.Popen(
        [str(granian), "--interface", "rsgi", "--loop", "uvloop", "--http", "1", "--no-ws",
         "--workers", str(workers), "--port", str(port), "--log-level", "warning",
         "--working-dir", str(Path(__file__).parent), "redirect_ceiling:app"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    wait_for_redirect(port, process)
    return Running("granian, empty app", port, process)


NGINX_CONFIG = """
worker_processes {workers};
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        location / {{
            add_header Cache-Control no-store always;
            return 302 "{target}&kc=0123456789abcdefghijklmn&ref=0123456789abcdefghijklmn";
        }}
    }}
}}
"""


def start_nginx(folder: Path, port: int, *, workers: int) -> Running:
    """nginx answering every request with a fixed ``return 302`` (no log), like the redirect's
    answer in size."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "nginx.conf"
    config.write_text(
        NGINX_CONFIG.format(workers=workers, folder=folder, port=port, target=TARGET),
        encoding="utf-8",
    )
    nginx = "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "nginx"
    process = subprocess.Popen(
        [nginx, "-c", str(config), "-p", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_for_port(port, process)
    return Running("nginx", port, process)


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(text: str) -> float:
    """A wrk duration (``812.00us``, ``1.20ms``, ``2.01s``, ``1.50m``) in milliseconds."""
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if found is None:
        raise ValueError(f"wrk wrote a duration this does not read: {text!r}")
    return round(float(found.group(1)) * _UNITS[found.group(2)], 3)


def wrk(url: str, *, threads: int, connections: int, seconds: int) -> dict[str, float]:
    """One wrk run: requests/s, p50 and p99 latency (ms), requests answered, errors."""
    done = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
         "-H", f"User-Agent: {LINE_AGENT}", url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = done.stdout
    if "Latency Distribution" not in out:
        raise RuntimeError(f"wrk answered without latencies:\n{out}\n{done.stderr}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    answered = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "requests_per_second": round(rps, 1),
        "p50_ms": p50,
        "p99_ms": p99,
        "answered": answered,
        "non_3xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",  # type: ignore[dict-item]
    }
