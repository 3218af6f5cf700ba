"""The redirect starts slim: a worker process opening the redirect (its app, code map, click log
and GeoIP lookup) and answering a click imports no numpy, scikit-learn, scipy, openpyxl, web
framework or template engine. Each check runs in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.integration.test_redirect_codes import SECRET, redirect_settings
from tests.tracking_mmdb import test_database

HEAVY = ("numpy", "sklearn", "scipy", "openpyxl", "fastapi", "starlette", "jinja2")

_WORKER = """
import asyncio, json, sys
from kolscope.entrypoints.redirect.running import app_from_environment
app = app_from_environment()
sent = []
async def send(message):
    sent.append(message)
async def receive():
    return {{}}
scope = {{"type": "http", "method": "GET", "path": "/r/nothing", "client": ("203.0.113.9", 1),
          "headers": [(b"user-agent", b"Mozilla/5.0 (iPhone) Line/13.15.1")]}}
asyncio.run(app(scope, receive, send))
assert sent[0]["status"] == 404, sent
app.redirect.close()
print(json.dumps([name for name in {heavy!r} if name in sys.modules]))
"""


def test_a_redirect_worker_starts_without_heavy_libraries(tmp_path: Path) -> None:
    settings = redirect_settings(tmp_path, None)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOLSCOPE_")}
    env.update(
        KOLSCOPE_WORKSPACE=str(settings.workspace),
        KOLSCOPE_SECRET_KEY=SECRET,
        KOLSCOPE_GEOIP_DATABASE=str(test_database(tmp_path)),
    )
    done = subprocess.run(
        [sys.executable, "-c", _WORKER.format(heavy=HEAVY)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == []


def test_the_probe_sees_heavy_imports(tmp_path: Path) -> None:
    # the same probe after importing the web app: it does report the framework
    code = "import kolscope.entrypoints.web.app\n" + _WORKER.format(heavy=HEAVY)
    settings = redirect_settings(tmp_path, None)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOLSCOPE_")}
    env.update(KOLSCOPE_WORKSPACE=str(settings.workspace), KOLSCOPE_SECRET_KEY=SECRET)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert "fastapi" in json.loads(done.stdout.strip().splitlines()[-1])
