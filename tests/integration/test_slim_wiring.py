"""A small process (a worker, the future redirect service) starts without the heavy libraries:
opening a workspace and building the job and team services imports no numpy, scikit-learn,
scipy, openpyxl or web framework. Each check runs in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("numpy", "sklearn", "scipy", "openpyxl", "fastapi", "starlette", "jinja2")


def _loaded_after(code: str, folder: Path) -> list[str]:
    script = (
        "import json, sys\n"
        "from kolscope.bootstrap import open_workspace\n"
        "from kolscope.config import Settings\n"
        f"workspace = open_workspace(Settings(workspace={str(folder)!r}))\n"
        f"{code}\n"
        "workspace.close()\n"
        f"print(json.dumps([name for name in {HEAVY!r} if name in sys.modules]))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOLSCOPE_")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_jobs_and_team_start_without_heavy_libraries(tmp_path: Path) -> None:
    assert _loaded_after("workspace.jobs\nworkspace.team", tmp_path) == []


def test_the_full_wiring_does_load_them(tmp_path: Path) -> None:
    # the probe sees imports: building the audits brings numpy in
    assert "numpy" in _loaded_after("workspace.jobs\nworkspace.audits", tmp_path)
