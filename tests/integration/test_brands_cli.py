"""``kolscope brands add|list|show|edit``: the brands of the workspace's first organisation,
with their handles, hashtags, category, tone and competitors; bad input exits 2 and saves
nothing; another organisation's brands are neither shown nor changed. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from kolscope.bootstrap import open_workspace
from kolscope.catalogue.facade import BrandError
from kolscope.config import Settings
from kolscope.domain.brands import Brand
from kolscope.domain.team import INSTALLATION, Role
from kolscope.entrypoints.cli.app import app

PASSWORD = "a long test password"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


@pytest.fixture
def folder(tmp_path: Path, database: str | None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with two organisations: ours (the first) and a rival with its own brand."""
    monkeypatch.delenv("KOLSCOPE_WORKSPACE", raising=False)
    if database:
        monkeypatch.setenv("KOLSCOPE_DATABASE_URL", database)
    else:
        monkeypatch.delenv("KOLSCOPE_DATABASE_URL", raising=False)
    path = tmp_path / "ws"
    workspace = open_workspace(Settings(workspace=path, database_url=database))
    try:
        workspace.team.create_first_owner("Agency A", "a@example.com", "Ann", PASSWORD)
        rival = workspace.organisations.create("Agency B", "b@example.com", "Bea", PASSWORD)
        workspace.brands.add(rival, "Rival Cola", handles="@rivalcola", niche="food")
    finally:
        workspace.close()
    return path


def kolscope(runner: CliRunner, folder: Path, *args: str) -> Result:
    return runner.invoke(app, ["--workspace", str(folder), *args])


def ok(runner: CliRunner, folder: Path, *args: str) -> Result:
    result = kolscope(runner, folder, *args)
    assert result.exit_code == 0, result.output
    return result


def refused(runner: CliRunner, folder: Path, *args: str) -> str:
    """The error a command exits 2 with (on stderr)."""
    result = kolscope(runner, folder, *args)
    assert result.exit_code == 2, result.output
    assert "error:" in result.stderr
    return " ".join(result.stderr.split())


def stored(folder: Path, database: str | None) -> dict[str, Brand]:
    """Every brand on the server, read straight from the workspace (not through the CLI)."""
    workspace = open_workspace(Settings(workspace=folder, database_url=database))
    try:
        return {b.name: b for b in workspace.brands.visible(INSTALLATION)}
    finally:
        workspace.close()


def brands(runner: CliRunner, folder: Path, *args: str) -> Result:
    """``kolscope brands ARGS``, which must succeed."""
    return ok(runner, folder, "brands", *args)


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)


GLOW = (
    "add", "Glow Lab", "--handles", "@glowlab.th, glowlab_official", "--hashtags", "#glowlab",
    "--category", "Skincare", "--tone", "calm, minimal", "--competitors", "Moonmint, Sun Skin",
)  # fmt: skip


def test_add_list_and_show(runner: CliRunner, folder: Path, database: str | None) -> None:
    assert "added brand Glow Lab" in brands(runner, folder, *GLOW).stdout
    brands(runner, folder, "add", "Sunny Snacks", "--category", "อาหาร")
    listed = ok(runner, folder, "brands", "list").stdout
    for part in ("Glow Lab", "@glowlab.th @glowlab_official", "#glowlab", "Sunny Snacks"):
        assert part in listed
    assert "Rival Cola" not in listed  # another organisation's
    rows = as_json(ok(runner, folder, "brands", "list", "--json"))
    assert [r["name"] for r in rows] == ["Glow Lab", "Sunny Snacks"]
    assert rows[0] == {
        "id": rows[0]["id"],
        "name": "Glow Lab",
        "handles": ["glowlab.th", "glowlab_official"],
        "hashtags": ["glowlab"],
        "category": "skincare",
        "tone": "calm, minimal",
        "competitors": ["Moonmint", "Sun Skin"],
    }
    assert rows[1]["category"] == "food"  # the Thai name, stored as the niche id
    shown = ok(runner, folder, "brands", "show", "glow lab").stdout
    for part in ("@glowlab.th", "#glowlab", "skincare (Skincare)", "calm, minimal", "Sun Skin"):
        assert part in shown
    by_handle = as_json(ok(runner, folder, "brands", "show", "@glowlab.th", "--json"))
    assert by_handle == rows[0]
    brand = stored(folder, database)["Glow Lab"]
    assert brand.organisation_id is not None
    assert brand.organisation_id != stored(folder, database)["Rival Cola"].organisation_id


def test_edit_changes_only_what_is_given(
    runner: CliRunner, folder: Path, database: str | None
) -> None:
    brands(runner, folder, *GLOW)
    before = stored(folder, database)["Glow Lab"]
    result = ok(runner, folder, "brands", "edit", "Glow Lab", "--hashtags", "glowup #glowlab")
    assert "changed brand Glow Lab" in result.stdout
    after = stored(folder, database)["Glow Lab"]
    assert after.hashtags == ("glowup", "glowlab")
    assert (after.handles, after.niche, after.tone_notes, after.competitors) == (
        before.handles,
        before.niche,
        before.tone_notes,
        before.competitors,
    )
    ok(runner, folder, "brands", "edit", "glowlab.th", "--category", "beauty", "--tone", "")
    ok(runner, folder, "brands", "edit", "Glow Lab", "--competitors", "A, B", "--handles", "")
    after = stored(folder, database)["Glow Lab"]
    assert (after.niche, after.tone_notes, after.competitors, after.handles) == (
        "beauty",
        None,
        ("A", "B"),
        (),
    )
    ok(runner, folder, "brands", "edit", "Glow Lab", "--name", "Glow Laboratory")
    saved = stored(folder, database)
    assert "Glow Lab" not in saved
    assert saved["Glow Laboratory"].id == before.id  # the same brand, renamed
    assert saved["Glow Laboratory"].hashtags == ("glowup", "glowlab")
    shown = as_json(ok(runner, folder, "brands", "show", "Glow Laboratory", "--json"))
    assert shown["category"] == "beauty"


def test_bad_input_exits_2_and_saves_nothing(
    runner: CliRunner, folder: Path, database: str | None
) -> None:
    brands(runner, folder, *GLOW)
    brands(runner, folder, "add", "Sunny Snacks")
    before = stored(folder, database)
    assert "unknown category 'cosmetics'" in refused(
        runner, folder, "brands", "add", "Moonmint", "--category", "cosmetics"
    )
    assert "skincare" in refused(runner, folder, "brands", "add", "X", "--category", "nope")
    assert "needs a name" in refused(runner, folder, "brands", "add", "  ")
    assert "at most 300" in refused(runner, folder, "brands", "add", "x" * 301)
    assert "already a brand named 'Glow Lab'" in refused(
        runner, folder, "brands", "add", "glow  lab", "--handles", "other"
    )
    assert "no brand named 'Nobody'" in refused(runner, folder, "brands", "show", "Nobody")
    assert "no brand named" in refused(runner, folder, "brands", "edit", "Nobody", "--tone", "x")
    assert "nothing to change" in refused(runner, folder, "brands", "edit", "Glow Lab")
    # Each refused edit also carried a good change: none of it may be saved.
    refused(runner, folder, "brands", "edit", "Glow Lab", "--tone", "loud", "--category", "x")
    assert "already a brand named 'Sunny Snacks'" in refused(
        runner, folder, "brands", "edit", "Glow Lab", "--tone", "loud", "--name", "sunny snacks"
    )
    assert "needs a name" in refused(
        runner, folder, "brands", "edit", "Glow Lab", "--tone", "loud", "--name", " "
    )
    assert stored(folder, database) == before


def test_another_organisations_brand_is_not_touched(
    runner: CliRunner, folder: Path, database: str | None
) -> None:
    theirs = stored(folder, database)["Rival Cola"]
    assert "no brand named 'Rival Cola'" in refused(runner, folder, "brands", "show", "Rival Cola")
    assert "no brand named" in refused(runner, folder, "brands", "show", "rivalcola")
    refused(runner, folder, "brands", "edit", "Rival Cola", "--tone", "ours now")
    assert "Another organisation" in refused(runner, folder, "brands", "add", "Rival Cola")
    brands(runner, folder, "add", "Glow Lab")
    assert "Another organisation" in refused(
        runner, folder, "brands", "edit", "Glow Lab", "--name", "Rival Cola"
    )
    assert as_json(ok(runner, folder, "brands", "list", "--json"))[0]["name"] == "Glow Lab"
    after = stored(folder, database)
    assert after["Rival Cola"] == theirs
    assert set(after) == {"Rival Cola", "Glow Lab"}


def test_list_before_any_brand(runner: CliRunner, folder: Path) -> None:
    assert "no brands yet" in ok(runner, folder, "brands", "list").stdout
    assert as_json(ok(runner, folder, "brands", "list", "--json")) == []


def test_only_people_who_manage_brands_edit_them(folder: Path, database: str | None) -> None:
    """The facade the web would use checks the person; the command line's ``edit_in`` is for
    whoever runs the server."""
    workspace = open_workspace(Settings(workspace=folder, database_url=database))
    try:
        team = workspace.team
        owner = team.user_by_email("a@example.com")
        assert owner is not None
        client = team.add_user(owner.organisation, "c@example.com", "Cee", PASSWORD, Role.CLIENT)
        workspace.brands.add(owner, "Glow Lab")
        with pytest.raises(BrandError, match="may not change"):
            workspace.brands.edit(client, "Glow Lab", tone_notes="loud")
        with pytest.raises(BrandError, match="no brand named 'Rival Cola'"):
            workspace.brands.edit(owner, "Rival Cola", tone_notes="ours now")
        changed = workspace.brands.edit(owner, "Glow Lab", tone_notes="calm", niche="skincare")
        assert (changed.tone_notes, changed.niche) == ("calm", "skincare")
    finally:
        workspace.close()
    assert stored(folder, database)["Rival Cola"].tone_notes is None
