"""The demo workspace: built through the real write path, labelled synthetic, with ground truth."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kolscope.bootstrap import open_workspace
from kolscope.catalogue.creators import CreatorFilters
from kolscope.config import Settings
from kolscope.entrypoints.cli.app import app
from kolscope.infra.workspace_files import load_workspace_config
from kolscope.vetting.audits import AuditQuery


def test_demo_command_builds_a_labelled_synthetic_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KOLSCOPE_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["demo", "--no-serve", "--creators", "60"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "kolscope-demo"  # the demo never writes into the default workspace
    assert load_workspace_config(folder).synthetic
    truth = json.loads((folder / "demo-ground-truth.json").read_text(encoding="utf-8"))
    assert truth["synthetic"] is True
    problems = {p for account in truth["accounts"].values() for p in account["problems"]}
    assert {"bought_followers", "growth_spike", "engagement_pod", "spam_ring"} <= problems

    workspace = open_workspace(Settings(workspace=folder))
    try:
        totals = workspace.catalogue.totals()
        assert totals.creators == 60
        assert totals.accounts >= 60
        assert totals.snapshots > totals.accounts * 20  # months of weekly history
        assert totals.posts > 0
        assert totals.comments > 0
        assert totals.audience_profiles == totals.accounts
        assert totals.brands >= 3
        # every account is audited, so the demo shows quality scores from the start
        audited = workspace.audits.list(AuditQuery(limit=1))
        assert audited.total == totals.accounts
        assert sum(audited.counts.values()) == totals.accounts
        page = workspace.creators.list(CreatorFilters(limit=1000, with_snapshots=True)).page
        assert {a.country for a in page.accounts} >= {"TH"}
        assert any(a.province for a in page.accounts)
        for reference in truth["accounts"]:
            platform, handle = reference.split(":", 1)
            assert any(
                a.platform.value == platform and a.handle == handle for a in page.accounts
            ), reference
    finally:
        workspace.close()

    again = CliRunner().invoke(app, ["demo", "--no-serve", "--creators", "60"])
    assert "already built" in again.output
    rebuilt = CliRunner().invoke(app, ["demo", "--no-serve", "--creators", "30", "--rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    workspace = open_workspace(Settings(workspace=folder))
    try:
        assert workspace.catalogue.totals().creators == 30
    finally:
        workspace.close()


def test_demo_is_deterministic(tmp_path: Path) -> None:
    outputs = []
    for name in ("a", "b"):
        workspace = open_workspace(Settings(workspace=tmp_path / name), synthetic=True)
        try:
            workspace.build_demo(seed=7, creators=25, today=date(2026, 11, 23))
            page = workspace.creators.list(
                CreatorFilters(limit=1000, sort="handle", with_snapshots=True)
            ).page
            outputs.append([(a.reference, a.followers, len(a.snapshots)) for a in page.accounts])
        finally:
            workspace.close()
    assert outputs[0] == outputs[1]


def test_every_page_says_the_demo_is_synthetic(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from kolscope.catalogue.demo.build import DEMO_PASSWORD, DEMO_PEOPLE
    from kolscope.entrypoints.web.app import create_app
    from kolscope.entrypoints.web.security import SESSION_COOKIE

    workspace = open_workspace(Settings(workspace=tmp_path / "demo"), synthetic=True)
    try:
        workspace.build_demo(seed=3, creators=20, today=date(2026, 11, 23))
        client = TestClient(create_app(workspace))
        assert "Synthetic demo data" in client.get("/login").text
        assert "demo@kolscope.local" in client.get("/login").text
        token, _user = workspace.team.login(DEMO_PEOPLE[0][0], DEMO_PASSWORD, "test")
        client.cookies.set(SESSION_COOKIE, token)
        first = workspace.creators.list(CreatorFilters(limit=1)).page.accounts[0]
        for url in (
            "/",
            "/creators",
            f"/creators/{first.platform.value}/{first.handle}",
            "/imports",
        ):
            assert "Synthetic demo data" in client.get(url).text, url
        assert client.get("/api/creators").json()["synthetic"] is True
        people = {
            u.email: u.role.value
            for u in workspace.team.users(workspace.team.default_organisation())
        }
        assert people == {e: r for e, _n, r in DEMO_PEOPLE}
        client_user = workspace.team.user_by_email("client@kolscope.local")
        assert client_user is not None
        assert len(client_user.granted_brand_ids) == 1
    finally:
        workspace.close()
