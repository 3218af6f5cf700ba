"""What every answer carries (the visitor middleware), how many requests a process works on at
once, and `kolscope serve --processes`: several web processes on one port that stop with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import anyio.to_thread
import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from kolscope.bootstrap import Workspace
from kolscope.entrypoints.web.app import create_app
from kolscope.entrypoints.web.middleware import CONTENT_SECURITY_POLICY
from kolscope.entrypoints.web.security import CSRF_COOKIE, LANGUAGE_COOKIE
from tests.e2e.conftest import People, log_in
from tests.e2e.live import free_port

KOLSCOPE = Path(sys.executable).with_name("kolscope")


def _security_headers(response: httpx.Response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "same-origin"


def test_pages_and_the_api_carry_the_security_headers(
    app_client: TestClient, workspace: Workspace, people: People
) -> None:
    anonymous = app_client.get("/login", headers={"Accept-Language": "th-TH,th;q=0.9"})
    assert anonymous.status_code == 200
    _security_headers(anonymous)
    assert anonymous.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert anonymous.headers["content-language"] == "th"
    cookies = anonymous.headers.get_list("set-cookie")
    assert len([c for c in cookies if c.startswith(f"{CSRF_COOKIE}=")]) == 1
    for part in ("HttpOnly", "SameSite=lax", "Path=/"):
        assert part in cookies[0]
    again = app_client.get("/login")  # the cookie is kept: not set twice
    assert not [c for c in again.headers.get_list("set-cookie") if c.startswith(CSRF_COOKIE)]
    assert again.headers["content-language"] == "en"

    log_in(app_client, workspace, people.owner)
    app_client.cookies.set(LANGUAGE_COOKIE, "th")
    api = app_client.get("/api/me")
    assert api.status_code == 200
    _security_headers(api)
    assert api.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    missing = app_client.get("/no/such/page")
    assert missing.status_code == 404
    _security_headers(missing)
    docs = app_client.get("/api/docs")  # Swagger UI's page needs inline code: no policy
    assert docs.status_code == 200
    assert "content-security-policy" not in docs.headers
    _security_headers(docs)


def test_a_server_works_on_as_many_requests_at_once_as_set(workspace: Workspace) -> None:
    settings = workspace.settings.model_copy(update={"web_threads": 3})
    workspace.settings = settings  # type: ignore[misc]
    app = create_app(workspace)

    @app.get("/test-threads")
    async def threads() -> int:
        return int(anyio.to_thread.current_default_thread_limiter().total_tokens)

    with TestClient(app) as client:
        assert client.get("/test-threads").json() == 3


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_serve_runs_several_processes_that_stop_with_it(tmp_path: Path) -> None:
    port = free_port()
    environment = {**os.environ, "KOLSCOPE_WORKSPACE": str(tmp_path / "ws")}
    environment.pop("KOLSCOPE_DATABASE_URL", None)
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(KOLSCOPE), "serve", "--processes", "2", "--port", str(port)],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, log.read_text(errors="replace")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code in (200, 303):
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "kolscope serve --processes 2 did not answer"
            time.sleep(0.3)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
            answers = [http.get("/setup").status_code for _ in range(20)]
        assert set(answers) == {200}  # a new workspace: the first-run page, from both
        web = {
            pid
            for pid in _children(server.pid)
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
        }
        assert len(web) == 2

        server.send_signal(signal.SIGKILL)  # the parent dies without stopping anything
        server.wait(timeout=10)
        # Only the processes are watched: with tests running in parallel another test may
        # already listen on the freed port.
        deadline = time.monotonic() + 60
        while any(_alive(pid) for pid in web):
            assert time.monotonic() < deadline, "web processes outlived kolscope serve"
            time.sleep(0.2)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_serve_runs_one_process_per_core_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    from kolscope.config import Settings
    from kolscope.entrypoints.web.serving import AUTOMATIC_PROCESSES_AT_MOST, web_processes

    monkeypatch.delenv("KOLSCOPE_WEB_PROCESSES", raising=False)
    for cores, expected in ((1, 1), (2, 2), (16, AUTOMATIC_PROCESSES_AT_MOST)):
        monkeypatch.setattr(os, "sched_getaffinity", lambda _pid, n=cores: set(range(n)))
        assert web_processes(Settings()) == expected
        assert web_processes(Settings(), 3) == 3  # --processes wins
    monkeypatch.setenv("KOLSCOPE_WEB_PROCESSES", "1")
    assert web_processes(Settings()) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_a_web_process_whose_parent_died_while_it_started_stops() -> None:
    """The parent-death signal is asked for only once the app loads: a web process that was
    still starting when ``kolscope serve`` died finds its parent gone and stops."""
    from kolscope.entrypoints.web.serving import PARENT_VARIABLE

    script = (
        "from kolscope.entrypoints.web.serving import _stop_with_parent\n"
        "_stop_with_parent()\n"
        "print('went on')\n"
    )
    for parent, expected in ((str(os.getpid()), "went on"), ("1", "")):
        finished = subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, PARENT_VARIABLE: parent},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert finished.returncode == 0, finished.stderr
        assert finished.stdout.strip() == expected
