"""Audits through the real service and database: one account, every account as a job, the list,
the JSON contract of ``kolscope audit``, and bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kolscope.bootstrap import Workspace
from kolscope.domain.platforms import Platform
from kolscope.entrypoints.cli.app import app
from kolscope.vetting.audits import AccountNotFoundError, AuditQuery

TODAY = date(2026, 11, 24)
SIGNALS = {"fake_followers", "engagement", "comments", "growth", "pods"}


@pytest.fixture
def demo(workspace: Workspace) -> tuple[Workspace, dict[str, object]]:
    workspace.build_demo(seed=3, creators=60, today=TODAY)
    truth = json.loads((workspace.settings.workspace / "demo-ground-truth.json").read_text("utf-8"))
    return workspace, truth


def test_audit_all_stores_one_audit_per_account(demo: tuple[Workspace, dict[str, object]]) -> None:
    workspace, truth = demo
    seen: list[tuple[int, int | None]] = []
    summary = workspace.audits.audit_all(
        progress=lambda done, total, _m: seen.append((done, total))
    )
    accounts = len(truth["accounts"])  # type: ignore[arg-type]
    assert summary["audited"] == accounts
    assert seen[-1] == (accounts, accounts)
    page = workspace.audits.list(AuditQuery(limit=1000))
    assert page.total == accounts
    assert sum(page.counts.values()) == accounts
    scores = [r.score for r in page.records if r.score is not None]
    assert scores == sorted(scores, reverse=True)
    for record in page.records:
        names = {s["name"] for s in record.report["signals"]}
        assert names == SIGNALS
        for signal in record.report["signals"]:
            assert signal["reason"]
            assert signal["data"]
            assert (signal["score"] is None) == (signal["verdict"] == "unknown")
    again = workspace.audits.audit_all()
    assert again["audited"] == accounts
    assert workspace.audits.list(AuditQuery(limit=1000)).total == accounts  # replaced, not added


def test_list_filters_by_verdict_and_sorts(demo: tuple[Workspace, dict[str, object]]) -> None:
    workspace, _truth = demo
    workspace.audits.audit_all()
    page = workspace.audits.list(AuditQuery(limit=1000))
    for verdict, count in page.counts.items():
        only = workspace.audits.list(AuditQuery(verdict=verdict, limit=1000))
        assert only.total == count
        assert {r.verdict for r in only.records} == {verdict}
    rising = workspace.audits.list(AuditQuery(sort="followers", limit=1000)).records
    followers = [r.followers for r in rising if r.followers is not None]
    assert followers == sorted(followers)
    with pytest.raises(ValueError, match="unknown sort"):
        workspace.audits.list(AuditQuery(sort="nonsense"))


def test_planted_pod_is_found(demo: tuple[Workspace, dict[str, object]]) -> None:
    workspace, truth = demo
    pods = truth["pods"]  # type: ignore[index]
    assert pods, "the demo plants at least one pod"
    member = pods[0][0]  # type: ignore[index]
    platform, handle = member.split(":", 1)
    result = workspace.audits.audit(Platform(platform), handle)
    pod = result.quality.signal("pods")
    assert pod is not None
    assert pod.verdict.value == "problem"
    assert set(pod.details["partners"]) <= {f"{platform}:{h.split(':')[1]}" for h in pods[0]}  # type: ignore[index]
    stored = workspace.audits.audit_of(Platform(platform), handle)
    assert stored is not None
    assert stored.report["score"] == result.quality.score


def test_unknown_account_is_named(workspace: Workspace) -> None:
    with pytest.raises(AccountNotFoundError, match="instagram:nobody"):
        workspace.audits.audit(Platform.INSTAGRAM, "nobody")


def test_cli_audit_json_and_readable(
    tmp_path: Path, database: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if database:
        monkeypatch.setenv("KOLSCOPE_DATABASE_URL", database)
    else:
        monkeypatch.delenv("KOLSCOPE_DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    folder = tmp_path / "demo"
    runner = CliRunner()
    built = runner.invoke(
        app, ["--workspace", str(folder), "demo", "--no-serve", "--creators", "40", "--seed", "4"]
    )
    assert built.exit_code == 0, built.output
    truth = json.loads((folder / "demo-ground-truth.json").read_text("utf-8"))
    account = sorted(truth["accounts"])[0]
    result = runner.invoke(app, ["--workspace", str(folder), "audit", account, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    for key in ("account", "score", "verdict", "confidence", "signals", "metrics", "weights"):
        assert key in report
    assert report["account"].lower() == account.lower()
    readable = runner.invoke(
        app, ["--workspace", str(folder), "audit", account, "--target", "country=TH"]
    )
    assert readable.exit_code == 0, readable.output
    assert "quality score" in readable.output
    assert "audience fit" in readable.output
    missing = runner.invoke(app, ["--workspace", str(folder), "audit", "instagram:nobody.here"])
    assert missing.exit_code != 0
    assert "instagram:nobody.here" in missing.output
    bad = runner.invoke(app, ["--workspace", str(folder), "audit", account, "--target", "x=y"])
    assert bad.exit_code != 0
    assert "unknown audience dimension" in bad.output
    neither = runner.invoke(app, ["--workspace", str(folder), "audit"])
    assert neither.exit_code != 0
    assert "--all" in neither.output
    every = runner.invoke(app, ["--workspace", str(folder), "audit", "--all", "--json"])
    assert every.exit_code == 0, every.output
    job = json.loads(every.output)
    assert job["job_status"] == "succeeded"
    assert job["result"]["audited"] == len(truth["accounts"])
