"""Rate cards on SQLite and PostgreSQL: cells saved and read back per organisation, files
imported all-or-nothing, the fit on fees agreed in campaigns, and the ``kolscope ratecards``
commands."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import insert
from typer.testing import CliRunner

from kolscope.bootstrap import Workspace
from kolscope.entrypoints.cli.app import app
from kolscope.infra.db import tables as t
from kolscope.planning.choices import Deliverable
from kolscope.planning.ratecards.card import RateCardError

NOW = datetime(2026, 12, 1, tzinfo=UTC)
HEADER = "platform,tier,deliverable,low_thb,high_thb\n"


def _organisation(workspace: Workspace, name: str) -> int:
    with workspace.engine.begin() as db:
        return int(
            db.execute(
                insert(t.organisations)
                .values(name=name, created_at=NOW)
                .returning(t.organisations.c.id)
            ).scalar_one()
        )


Deal = tuple[str, int, list[str], float, str]


def _agreed(workspace: Workspace, organisation_id: int | None, fees: list[Deal]) -> None:
    """A campaign with creators at the given (platform, followers, kinds, fee, stage)."""
    with workspace.engine.begin() as db:
        brand = db.execute(
            insert(t.brands)
            .values(name=f"brand {organisation_id}", handles=[], hashtags=[], competitors=[],
                    created_at=NOW, organisation_id=organisation_id)
            .returning(t.brands.c.id)
        ).scalar_one()  # fmt: skip
        campaign = db.execute(
            insert(t.campaigns)
            .values(organisation_id=organisation_id, brand_id=brand, name="launch",
                    objective="awareness", budget_thb=1e6, status="running", brief={},
                    created_at=NOW, updated_at=NOW)
            .returning(t.campaigns.c.id)
        ).scalar_one()  # fmt: skip
        for number, (platform, followers, kinds, fee, stage) in enumerate(fees):
            creator = db.execute(
                insert(t.creators)
                .values(display_name=f"c{number}", languages=[], created_at=NOW, updated_at=NOW)
                .returning(t.creators.c.id)
            ).scalar_one()
            account = db.execute(
                insert(t.accounts)
                .values(creator_id=creator, platform=platform, handle=f"h{number}",
                        handle_key=f"h{organisation_id}_{number}", categories=[], languages=[],
                        followers=followers, created_at=NOW, updated_at=NOW)
                .returning(t.accounts.c.id)
            ).scalar_one()  # fmt: skip
            db.execute(
                insert(t.campaign_creators).values(
                    campaign_id=campaign, account_id=account, stage=stage, fee_thb=fee,
                    deliverables=[{"kind": k, "due_on": "2026-12-20"} for k in kinds],
                    content_links=[], added_at=NOW, updated_at=NOW,
                )
            )  # fmt: skip


def test_cells_are_saved_per_organisation_and_replace_the_default(workspace: Workspace) -> None:
    service = workspace.rate_cards
    first, second = _organisation(workspace, "first"), _organisation(workspace, "second")
    service.set(first, "instagram", "micro", "post", "7,000", "21000")
    service.set(first, "instagram", "micro", "post", 8_000, 22_000)  # replaces, no second row
    service.set(second, "tiktok", "nano", "live", 2_000, 6_000)
    mine = {c.key: c for c in service.show(first)}
    assert mine[("instagram", "micro", Deliverable.POST)].low_thb == 8_000
    assert mine[("instagram", "micro", Deliverable.POST)].source == "workspace"
    assert mine[("tiktok", "nano", Deliverable.LIVE)].source == "default"
    theirs = {c.key: c for c in service.show(second)}
    assert theirs[("instagram", "micro", Deliverable.POST)].source == "default"
    assert theirs[("tiktok", "nano", Deliverable.LIVE)].high_thb == 6_000
    with workspace.engine.connect() as db:
        assert len(db.execute(t.rate_card_entries.select()).all()) == 2
    with pytest.raises(RateCardError, match="low_thb"):
        service.set(first, "instagram", "micro", "post", 30_000, 20_000)
    fee = service.fee_for(first, "instagram", 31_623, "post")
    assert fee.source == "workspace"
    assert fee.value_thb == pytest.approx(13_266, rel=0.01)


def test_a_file_imports_whole_or_not_at_all(workspace: Workspace, tmp_path: Path) -> None:
    service = workspace.rate_cards
    good = tmp_path / "card.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["platform", "tier", "deliverable", "low_thb", "high_thb"])
    sheet.append(["youtube", "mid", "long_video", 60_000, 150_000])
    sheet.append(["Lemon8", "Nano", "Post", 800.0, 2_400])
    book.save(good)
    assert len(service.import_file(None, good)) == 2
    bad = tmp_path / "card.csv"
    bad.write_text(HEADER + "tiktok,micro,post,5000,9000\ntiktok,mega,live,,100\n", "utf-8")
    with pytest.raises(RateCardError) as caught:
        service.import_file(None, bad)
    assert str(caught.value.problems[0]) == f"{bad}, row 3, low_thb: not a number of baht: "
    edited = [c for c in service.show(None) if c.source == "workspace"]
    assert sorted(c.platform for c in edited) == ["lemon8", "youtube"]  # nothing of the bad file


def test_the_fit_reads_committed_fees_only(workspace: Workspace) -> None:
    org = _organisation(workspace, "agency")
    fees: list[Deal] = [
        ("instagram", 20_000 * (i + 1), ["post"], 15_000.0 + 1_000 * i, "agreed") for i in range(6)
    ]
    fees.append(("instagram", 50_000, ["post"], 99_000.0, "negotiating"))  # not committed
    fees.append(("tiktok", 50_000, ["short_video", "story"], 30_000.0, "paid"))  # two pieces
    _agreed(workspace, org, fees)
    found = workspace.rate_cards.fitted(org)
    assert (found.usable, found.skipped) == (6, 1)
    assert found.model is not None
    assert found.model.count == 6
    assert workspace.rate_cards.fee_for(org, "instagram", 40_000, "post").source == "fitted"
    other = _organisation(workspace, "someone else")
    assert workspace.rate_cards.fitted(other).usable == 0


def test_the_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KOLSCOPE_WORKSPACE", raising=False)
    runner = CliRunner()
    where = ["--workspace", str(tmp_path / "ws")]
    assert runner.invoke(app, [*where, "init"]).exit_code == 0
    shown = runner.invoke(app, [*where, "ratecards", "show", "--platform", "x", "--json"])
    assert shown.exit_code == 0, shown.output
    cells = json.loads(shown.stdout)["cells"]
    assert [c["tier"] for c in cells] == ["nano", "micro", "mid", "macro", "mega"]
    assert {c["source"] for c in cells} == {"default"}
    done = runner.invoke(app, [*where, "ratecards", "set", "ig", "micro", "reel", "8000", "25000"])
    assert done.exit_code == 0
    assert "instagram micro short_video" in done.stdout
    refused = runner.invoke(app, [*where, "ratecards", "set", "x", "micro", "story", "1", "2"])
    assert refused.exit_code == 2
    assert "X (Twitter) has no story" in refused.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "tiktok,nano,short_video,1000,3000\nyoutube,nano,story,100,200\n")
    failed = runner.invoke(app, [*where, "ratecards", "import", str(bad)])
    assert failed.exit_code == 2
    assert f"{bad}, row 3, deliverable: YouTube has no story" in failed.stderr
    assert f"{bad}: nothing was saved (errors found: 1)" in failed.stderr
    missing = runner.invoke(app, [*where, "ratecards", "import", str(tmp_path / "none.csv")])
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr
    fitted = runner.invoke(app, [*where, "ratecards", "fitted", "--json"])
    assert json.loads(fitted.stdout)["fitted"] is False
    fee = runner.invoke(app, [*where, "ratecards", "fee", "ig", "31623", "reel", "--json"])
    priced = json.loads(fee.stdout)
    assert priced["source"] == "workspace"
    assert 8_000 < priced["value_thb"] < 25_000
    quoted = runner.invoke(app, [*where, "ratecards", "fee", "ig", "5000", "post", "--quote", "9"])
    assert "the creator's own quote" in quoted.stdout
