"""The redirect served for real: ``kolscope redirect`` under granian and under uvicorn on a free
port answers 302, its own shipper stores the click, and on a clean stop the log is shipped to
its end and its segment removed; ``kolscope clicks ship --once``; and ``serve``'s app answering
short links at ``/r/`` beside its pages."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx2 as httpx
import pytest
from sqlalchemy import Engine, select

from kolscope.bootstrap import Workspace
from kolscope.config import Settings
from kolscope.infra.db import tables as t
from tests.e2e.live import free_port
from tests.integration.test_redirect_codes import SECRET, redirect_settings, shop_with_link

KOLSCOPE = Path(sys.executable).with_name("kolscope")


def _environment(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOLSCOPE_")}
    env.update(
        KOLSCOPE_WORKSPACE=str(settings.workspace),
        KOLSCOPE_SECRET_KEY=SECRET,
        KOLSCOPE_CLICK_FSYNC="interval",
    )
    if settings.database_url:
        env["KOLSCOPE_DATABASE_URL"] = settings.database_url
    return env


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    return redirect_settings(tmp_path, None)


@pytest.fixture
def sqlite_engine(sqlite_settings: Settings) -> Iterator[Engine]:
    from kolscope.infra.db.engine import open_engine

    opened = open_engine(sqlite_settings.resolved_database_url)
    try:
        yield opened
    finally:
        opened.dispose()


def _click_ids(engine: Engine) -> list[str]:
    with engine.connect() as db:
        return list(db.execute(select(t.clicks.c.click_id)).scalars())


@pytest.mark.parametrize("server", ["granian", "granian-asgi", "uvicorn"])
def test_kolscope_redirect_serves_and_ships_its_clicks(
    server: str, sqlite_settings: Settings, sqlite_engine: Engine, tmp_path: Path
) -> None:
    shop_with_link(sqlite_engine, "abc2345")
    port = free_port()
    log = tmp_path / "redirect.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(KOLSCOPE), "redirect", "--port", str(port), "--server", server],
            env=_environment(sqlite_settings),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, log.read_text(errors="replace")
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/r/abc2345", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "kolscope redirect did not answer"
                time.sleep(0.2)
        assert answer.status_code == 302
        click = parse_qs(urlsplit(answer.headers["location"]).query)["kc"][0]
        assert httpx.get(f"http://127.0.0.1:{port}/nothing", timeout=5).status_code == 404
        while click not in _click_ids(sqlite_engine):  # the shipper thread, within a second
            assert time.monotonic() < deadline + 30, "the click was never stored"
            time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) is not None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    # stopped cleanly: the workers closed their segments, the last pass finished them
    assert list(sqlite_settings.click_journal_folder.iterdir()) == []
    assert _click_ids(sqlite_engine) == [click]


def test_clicks_ship_once_reports_what_it_stored(
    sqlite_settings: Settings, sqlite_engine: Engine
) -> None:
    from kolscope.tracking.redirect.facade import open_redirect

    shop_with_link(sqlite_engine, "abc2345")
    redirect = open_redirect(sqlite_settings, watch=False)
    for _ in range(4):
        redirect.click("GET", "abc2345", [], "203.0.113.9")
    redirect.close()
    done = subprocess.run(
        [str(KOLSCOPE), "clicks", "ship", "--once", "--json"],
        env=_environment(sqlite_settings),
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout)
    assert report == {
        "lines": 4, "stored": 4, "bad_lines": 0, "dropped": 0, "finished_segments": 1,
    }  # fmt: skip
    assert len(_click_ids(sqlite_engine)) == 4


def test_serve_answers_short_links_beside_its_pages(sqlite_workspace: Workspace) -> None:
    from kolscope.entrypoints.redirect.app import mount_redirect
    from kolscope.entrypoints.web.app import create_app

    shop_with_link(sqlite_workspace.engine, "abc2345")
    app = mount_redirect(create_app(sqlite_workspace), sqlite_workspace.settings)

    async def go() -> tuple[httpx.Response, httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://kolscope.test") as http:
            return (
                await http.get("/r/abc2345"),
                await http.get("/r/nothing"),
                await http.get("/setup"),  # a new workspace: the first-run page
            )

    click, unknown, page = asyncio.run(go())
    assert click.status_code == 302
    assert "kc=" in click.headers["location"]
    assert "set-cookie" not in click.headers  # no session or CSRF work for a click
    assert unknown.status_code == 404
    assert "Link not found" in unknown.text
    assert page.status_code == 200
    assert "<form" in page.text


def test_an_unreadable_geoip_database_stops_the_redirect_at_start(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    broken = tmp_path / "countries.mmdb"
    broken.write_bytes(b"not a MaxMind database")
    env = {**_environment(sqlite_settings), "KOLSCOPE_GEOIP_DATABASE": str(broken)}
    done = subprocess.run(
        [str(KOLSCOPE), "redirect", "--port", str(free_port())],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert f"GeoIP database {broken}" in done.stderr
