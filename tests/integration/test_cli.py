"""The command-line contract: commands, flags, JSON keys and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kolscope.entrypoints.cli.app import app
from tests.factories import CREATORS_HEADER, creators_rows, write_csv


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli_env(tmp_path: Path, database: str | None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace folder for the CLI, on the database of the test run."""
    monkeypatch.delenv("KOLSCOPE_WORKSPACE", raising=False)
    if database:
        monkeypatch.setenv("KOLSCOPE_DATABASE_URL", database)
    else:
        monkeypatch.delenv("KOLSCOPE_DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path / "ws"


def kolscope(runner: CliRunner, workspace: Path, *args: str) -> object:
    return runner.invoke(app, ["--workspace", str(workspace), *args])


def test_init_creates_a_workspace(runner: CliRunner, cli_env: Path) -> None:
    result = kolscope(runner, cli_env, "init", "--name", "Agency")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert (cli_env / "kolscope.toml").exists()
    assert 'name = "Agency"' in (cli_env / "kolscope.toml").read_text(encoding="utf-8")
    again = kolscope(runner, cli_env, "init")
    assert "already set up" in again.output  # type: ignore[attr-defined]


def test_workspace_from_the_environment(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOLSCOPE_WORKSPACE", str(tmp_path / "from-env"))
    monkeypatch.delenv("KOLSCOPE_DATABASE_URL", raising=False)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0
    assert (tmp_path / "from-env" / "kolscope.toml").exists()


def test_import_list_and_show(runner: CliRunner, cli_env: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ig-2026-10-01.csv", [CREATORS_HEADER, *creators_rows(3)])
    dry = kolscope(runner, cli_env, "import", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.output  # type: ignore[attr-defined]
    assert "dry run" in dry.output  # type: ignore[attr-defined]
    assert "preview" in dry.output  # type: ignore[attr-defined]
    result = kolscope(runner, cli_env, "import", str(path), "--json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    report = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert report["report"]["status"] == "succeeded"
    assert report["report"]["files"][0]["imported"] == 3
    assert report["plans"][0]["columns"][1]["field"] == "handle"

    listed = kolscope(
        runner,
        cli_env,
        "creators",
        "list",
        "--json",
        "--min-followers",
        "5.001K",
        "--province",
        "กทม.",
    )
    assert listed.exit_code == 0, listed.output  # type: ignore[attr-defined]
    data = json.loads(listed.stdout)  # type: ignore[attr-defined]
    assert data["total"] == 2
    first = data["creators"][0]
    for key in ("platform", "handle", "display_name", "followers", "tier", "snapshots"):
        assert key in first
    assert first["tier"] == {
        "name": "nano",
        "scheme": "standard",
        "label": "nano (standard)",
        "min_followers": 1000,
        "max_followers": 10000,
    }
    assert first["snapshots"][0]["date"] == "2026-10-01"
    assert first["snapshots"][0]["followers"] == first["followers"]

    shown = kolscope(
        runner, cli_env, "creators", "show", "instagram:@creator_2", "--json", "--scheme", "kol-th"
    )
    assert shown.exit_code == 0, shown.output  # type: ignore[attr-defined]
    detail = json.loads(shown.stdout)  # type: ignore[attr-defined]
    assert detail["handle"] == "creator_2"
    assert detail["tier"]["scheme"] == "kol-th"
    assert detail["snapshots"][0]["followers"] == 5_002

    table = kolscope(
        runner,
        cli_env,
        "creators",
        "list",
        "--platform",
        "instagram",
        "--tier",
        "nano",
        "--text",
        "ครีเอเตอร์",
    )
    assert table.exit_code == 0
    assert "creator_0" in table.output  # type: ignore[attr-defined]
    assert "3 of 3 accounts" in table.output  # type: ignore[attr-defined]
    human = kolscope(runner, cli_env, "creators", "show", "instagram:creator_0")
    assert "nano (standard)" in human.output  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "{file}", "--platform", "myspace"], "unknown platform"),
        (["import", "{file}", "--as-of", "someday"], "--as-of"),
        (["import", "{file}", "--map", "followers"], "FIELD=COLUMN"),
        (["import", "{file}", "--map", "followers=Nope"], "no such column"),
        (["import", "{missing}"], "no such file"),
        (["import", "{bad}"], 'row 3, field "followers"'),
        (["creators", "list", "--min-followers", "lots"], "--min-followers"),
        (["creators", "list", "--province", "Atlantis"], "not a Thai province"),
        (["creators", "list", "--tier", "giga"], "no tier"),
        (["creators", "show", "creator_0"], "PLATFORM:HANDLE"),
        (["creators", "show", "tiktok:nobody"], "not in the workspace"),
    ],
)
def test_bad_input_exits_2_with_the_reason_on_stderr(
    runner: CliRunner, cli_env: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    good = write_csv(tmp_path / "good.csv", [CREATORS_HEADER, *creators_rows(2)])
    rows = [CREATORS_HEADER, *creators_rows(2)]
    rows[2][3] = "12,3a"
    bad = write_csv(tmp_path / "bad.csv", rows)
    filled = [a.format(file=good, missing=tmp_path / "none.csv", bad=bad) for a in args]
    result = kolscope(runner, cli_env, *filled)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert message in result.stderr  # type: ignore[attr-defined]


def test_strict_failure_writes_nothing_and_partial_keeps_good_rows(
    runner: CliRunner, cli_env: Path, tmp_path: Path
) -> None:
    rows = [CREATORS_HEADER, *creators_rows(3)]
    rows[2][3] = "oops"
    bad = write_csv(tmp_path / "bad.csv", rows)
    assert kolscope(runner, cli_env, "import", str(bad)).exit_code == 2  # type: ignore[attr-defined]
    empty = kolscope(runner, cli_env, "creators", "list", "--json")
    assert json.loads(empty.stdout)["total"] == 0  # type: ignore[attr-defined]
    partial = kolscope(runner, cli_env, "import", str(bad), "--partial")
    assert partial.exit_code == 0  # type: ignore[attr-defined]
    after = kolscope(runner, cli_env, "creators", "list", "--json")
    assert json.loads(after.stdout)["total"] == 2  # type: ignore[attr-defined]


def test_tiers_command_lists_presets(runner: CliRunner, cli_env: Path) -> None:
    result = kolscope(runner, cli_env, "tiers")
    assert result.exit_code == 0
    for name in ("standard", "wide-micro", "kol-th", "rising"):
        assert name in result.output  # type: ignore[attr-defined]


def test_custom_tier_scheme_from_the_workspace_config(
    runner: CliRunner, cli_env: Path, tmp_path: Path
) -> None:
    kolscope(runner, cli_env, "init")
    config = cli_env / "kolscope.toml"
    text = config.read_text(encoding="utf-8").replace('default = "standard"', 'default = "agency"')
    text += '\n[tiers.schemes.agency]\nlabel = "Ours"\nbands = { consumer = 0, seed = 2000 }\n'
    config.write_text(text, encoding="utf-8")
    path = write_csv(tmp_path / "c.csv", [CREATORS_HEADER, *creators_rows(1)])
    kolscope(runner, cli_env, "import", str(path))
    shown = kolscope(runner, cli_env, "creators", "show", "instagram:creator_0", "--json")
    assert json.loads(shown.stdout)["tier"]["label"] == "seed (agency)"  # type: ignore[attr-defined]
    config.write_text(text.replace("seed = 2000", "seed = -1"), encoding="utf-8")
    broken = kolscope(runner, cli_env, "tiers")
    assert broken.exit_code == 2  # type: ignore[attr-defined]
    assert "kolscope.toml" in broken.stderr  # type: ignore[attr-defined]


def test_demo_refuses_a_real_workspace(runner: CliRunner, cli_env: Path) -> None:
    kolscope(runner, cli_env, "init")
    result = kolscope(runner, cli_env, "demo", "--no-serve")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "not a demo workspace" in result.stderr  # type: ignore[attr-defined]
