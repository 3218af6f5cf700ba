"""The server side of bench_load.py: a demo workspace, one ``kolscope serve``, a session, a token.

* The demo workspace (``kolscope demo --no-serve``) is built once per database, seed and size
  and kept under ``tmp/bench-load/`` in the repository (git ignores ``/tmp/``). On PostgreSQL
  its data live in a schema of the test database named after the same key; a folder whose
  schema is gone (or the reverse) is built again, and ``--rebuild`` always builds afresh.
* The server is ``kolscope serve`` in its own process on 127.0.0.1 and a free port, with no
  inherited ``KOLSCOPE_*`` variable except the database URL set here.
* The session is made by logging in through the form (with its CSRF token), and the API token
  by the settings form, as a person would.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "tmp" / "bench-load"
KOLSCOPE = ROOT / ".venv" / "bin" / "kolscope"
POSTGRES_URL = os.environ.get(
    "KOLSCOPE_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test"
)
HOST = "127.0.0.1"
DEMO_EMAIL = "demo@kolscope.local"
DEMO_PASSWORD = "kolscope-demo"  # the documented demo login


@dataclass(frozen=True, slots=True)
class DemoWorkspace:
    database: str  # "sqlite" or "postgresql"
    folder: Path
    database_url: str | None
    built_seconds: float | None  # None when reused
    code: Path  # the source tree whose kolscope builds and serves it


def _environment(database_url: str | None, code: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOLSCOPE_")}
    if database_url:
        env["KOLSCOPE_DATABASE_URL"] = database_url
    if code != ROOT:
        env["PYTHONPATH"] = str(code / "src")  # ahead of the editable install
    return env


def code_commit(code: Path) -> str:
    """The commit of a source tree: a git checkout, or a `git archive` with a .commit file."""
    marker = code / ".commit"
    if marker.exists():
        return marker.read_text(encoding="utf-8").strip()
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=code, capture_output=True, text=True, check=False
    ).stdout.strip()


def postgres_reachable() -> bool:
    try:
        engine = create_engine(POSTGRES_URL)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception:  # any failure means "not here"
        return False
    return True


def _schema_exists(schema: str) -> bool:
    engine = create_engine(POSTGRES_URL)
    try:
        with engine.connect() as connection:
            found = connection.execute(
                text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :s"),
                {"s": schema},
            ).first()
    finally:
        engine.dispose()
    return found is not None


def _recreate_schema(schema: str) -> None:
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        engine.dispose()


def demo_workspace(
    database: str, creators: int, seed: int, rebuild: bool, code: Path = ROOT
) -> DemoWorkspace:
    """The cached demo workspace for this database, size, seed and source tree (another tree
    than this one gets its own: its migrations may differ)."""
    key = f"{database}-c{creators}-s{seed}"
    if code != ROOT:
        key += f"-{code_commit(code)[:10]}"
    folder = CACHE / key
    url: str | None = None
    built = (folder / "demo-ground-truth.json").exists()
    if database == "postgresql":
        schema = "kolscope_bench_load_" + key.split("-", 1)[1].replace("-", "_")
        url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
        if rebuild or not built or not _schema_exists(schema):
            _recreate_schema(schema)
            built = False
    if rebuild or not built:
        shutil.rmtree(folder, ignore_errors=True)
        folder.parent.mkdir(parents=True, exist_ok=True)
        print(f"building the demo workspace {key} (about a minute or more) …", flush=True)
        began = time.perf_counter()
        demo_options = ["--creators", str(creators), "--seed", str(seed)]
        subprocess.run(
            [str(KOLSCOPE), "-w", str(folder), "demo", "--no-serve", *demo_options],
            env=_environment(url, code),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return DemoWorkspace(database, folder, url, round(time.perf_counter() - began, 1), code)
    return DemoWorkspace(database, folder, url, None, code)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """One ``kolscope serve`` process on loopback, stopped on exit."""

    def __init__(self, workspace: DemoWorkspace, processes: int | None = None) -> None:
        """``processes``: ``kolscope serve --processes`` (None: the server's default; an
        older tree without the option must get None)."""
        self.port = _free_port()
        self.processes = processes
        self.log_path = workspace.folder / "bench-serve.log"
        self._log = self.log_path.open("w", encoding="utf-8")
        address = ["--host", HOST, "--port", str(self.port)]
        if processes is not None:
            address += ["--processes", str(processes)]
        self.process = subprocess.Popen(
            [str(KOLSCOPE), "-w", str(workspace.folder), "serve", *address],
            env=_environment(workspace.database_url, workspace.code),
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"kolscope serve stopped; see {self.log_path}")
            try:
                if self.get("/login")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"kolscope serve did not answer in 120 s; see {self.log_path}")

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, Any, str]:
        return self.send("GET", path, headers=headers)

    def send(
        self,
        method: str,
        path: str,
        headers: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
    ) -> tuple[int, Any, str]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            sent = dict(headers or {})
            body = None
            if form is not None:
                body = urllib.parse.urlencode(form)
                sent["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def _tree(self) -> list[int]:
        """The server's process and its living descendants (web processes, helpers)."""
        found, pending = [], [self.process.pid]
        while pending:
            pid = pending.pop()
            if pid in found or not Path(f"/proc/{pid}").exists():
                continue
            found.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*"):
                try:
                    pending += [int(c) for c in (task / "children").read_text().split()]
                except OSError:
                    continue
        return found

    def web_processes(self) -> int:
        """How many processes answer requests: the spawned web processes, else the server."""
        spawned = 0
        for pid in self._tree():
            try:
                spawned += b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
        return spawned or 1

    def memory_mb(self) -> float | None:
        """Resident memory of the server and its child processes, from /proc (Linux)."""
        total = 0
        for pid in self._tree():
            try:
                lines = Path(f"/proc/{pid}/status").read_text().splitlines()
            except OSError:
                continue
            total += sum(int(line.split()[1]) for line in lines if line.startswith("VmRSS:"))
        return round(total / 1024, 1) if total else None

    def cpu_seconds(self) -> float:
        """CPU time the server has used (user + system, all threads), from /proc: its own and
        that of its living child processes (the web processes of ``--processes``)."""
        total = 0.0
        for pid in self._tree():
            try:
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def problems_logged(self) -> dict[str, int]:
        """Tracebacks and lock errors the server wrote to its log during the run."""
        self._log.flush()
        logged = self.log_path.read_text(encoding="utf-8", errors="replace")
        return {
            "tracebacks": logged.count("Traceback (most recent call last)"),
            "database_is_locked": logged.count("database is locked"),
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def _cookie(headers: Any, name: str) -> str | None:
    value: str
    for value in headers.get_all("Set-Cookie") or []:
        first = value.split(";", 1)[0]
        key, _, content = first.partition("=")
        if key.strip() == name:
            return content.strip()
    return None


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    if not found:
        raise RuntimeError("no CSRF token in the form")
    return found.group(1)


def log_in(server: Server) -> str:
    """Log in through the form as the demo owner; returns the session cookie header."""
    status, headers, page = server.get("/login")
    csrf_cookie = _cookie(headers, "kolscope_csrf")
    if status != 200 or not csrf_cookie:
        raise RuntimeError(f"GET /login answered {status} without a CSRF cookie")
    form = {"email": DEMO_EMAIL, "password": DEMO_PASSWORD, "next": "/", "csrf_token": _csrf(page)}
    status, headers, _page = server.send(
        "POST", "/login", headers={"Cookie": f"kolscope_csrf={csrf_cookie}"}, form=form
    )
    session = _cookie(headers, "kolscope_session")
    if status != 303 or not session:
        raise RuntimeError(f"logging in answered {status} without a session")
    return f"kolscope_session={session}"


def create_token(server: Server, cookie: str) -> str:
    """An API token made with the settings form; returns the token."""
    status, _headers, page = server.get("/settings", headers={"Cookie": cookie})
    if status != 200:
        raise RuntimeError(f"GET /settings answered {status}")
    form = {"name": "bench_load", "csrf_token": _csrf(page)}
    status, _headers, page = server.send(
        "POST", "/settings/tokens", headers={"Cookie": cookie}, form=form
    )
    found = re.search(r'id="new-token">(ks_[A-Za-z0-9_\-]+)<', page)
    if status != 200 or not found:
        raise RuntimeError(f"creating a token answered {status} without a token")
    return found.group(1)
