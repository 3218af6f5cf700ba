"""The campaign pages over HTTP: the list with what is due and overdue, a new campaign with each
bad field named beside it and nothing saved, the board's moves by button, terms and content,
exports, the brand client's approval (and a client of another brand kept out), in Thai too."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from kolscope.bootstrap import Workspace
from kolscope.planning.facade import Actor, Campaign, Stage
from tests.e2e.conftest import People, log_in

GOOD = {
    "name": "ปีใหม่ผิวใส",
    "brand": "Glow Lab",
    "objective": "engagement",
    "budget": "150,000",
    "starts_on": "2026-12-01",
    "ends_on": "2026-12-31",
    "genders": "female",
    "age_bands": ["18-24", "25-34"],
    "countries": "TH",
    "provinces": ["TH-10", "TH-50"],
    "deliverables": ["post", "short_video"],
    "open_with_big": "0",
    "small_share": "40",
    "max_creators": "5",
}


@pytest.fixture
def owner_client(app_client: TestClient, filled: Workspace, people: People) -> TestClient:
    token = log_in(app_client, filled, people.owner)
    app_client.headers["x-csrf-token"] = token
    filled.shortlists.add(
        "Skin picks",
        ["instagram:mint.review", "instagram:bkk_foodie"],
        people.owner.organisation.id,
    )
    return app_client


def _campaign(workspace: Workspace, people: People, name: str = "ปีใหม่ผิวใส") -> Campaign:
    return workspace.campaigns.named(Actor.of(people.owner), name)


def _card_stage(workspace: Workspace, people: People, reference: str) -> Stage:
    campaign = _campaign(workspace, people)
    return workspace.outreach.creator(campaign, reference).stage


def _made(client: TestClient, workspace: Workspace, people: People) -> Campaign:
    answer = client.post("/campaigns/new", data={**GOOD, "shortlist": "Skin picks"})
    assert answer.status_code == 303, answer.text
    return _campaign(workspace, people)


def test_the_list_and_a_new_campaign_with_errors_beside_their_field(
    owner_client: TestClient, filled: Workspace, people: People
) -> None:
    assert "no-campaigns" in owner_client.get("/campaigns").text
    form = owner_client.get("/campaigns/new?shortlist=Skin+picks")
    assert form.status_code == 200
    assert 'name="provinces"' in form.text
    assert 'type="checkbox" name="age_bands"' in form.text
    for wrong, field in (
        ({"budget": "lots"}, "budget"),
        ({"budget": "-5"}, "budget"),
        ({"ends_on": "2026-11-01"}, "ends_on"),
        ({"name": "  "}, "name"),
        ({"small_share": "140"}, "small_share"),
        ({"shortlist": "No such list"}, "shortlist"),
        ({"brand": "Nobody"}, "brand"),
    ):
        answer = owner_client.post("/campaigns/new", data={**GOOD, "shortlist": "Skin picks",
                                                           **wrong})  # fmt: skip
        assert answer.status_code == 400, wrong
        assert f'id="error-{field}"' in answer.text, (wrong, answer.text[:2000])
        assert 'aria-invalid="true"' in answer.text or field in ("shortlist", "brand")
        assert 'value="ปีใหม่ผิวใส"' in answer.text or field == "name"  # what was typed stays
        assert filled.campaigns.campaigns(Actor.of(people.owner)) == []  # nothing half-saved
    campaign = _made(owner_client, filled, people)
    assert campaign.brief.audience.provinces == ("TH-10", "TH-50")
    assert campaign.brief.rules.small_share == pytest.approx(0.4)
    page = owner_client.get(f"/campaigns/{campaign.id}")
    assert page.status_code == 200
    assert "40%" in page.text
    assert "Glow Lab" in page.text
    listed = owner_client.get("/campaigns").text
    assert f'href="/campaigns/{campaign.id}"' in listed
    assert "฿150,000" in listed


def test_the_brief_is_edited_with_the_field_named_and_nothing_saved(
    owner_client: TestClient, filled: Workspace, people: People
) -> None:
    campaign = _made(owner_client, filled, people)
    bad = owner_client.post(f"/campaigns/{campaign.id}/brief", data={**GOOD, "min_quality": "300"})
    assert bad.status_code == 400
    assert 'id="error-min_quality"' in bad.text
    assert _campaign(filled, people).brief.rules.min_quality is None
    good = owner_client.post(f"/campaigns/{campaign.id}/brief", data={**GOOD, "min_quality": "60"})
    assert good.status_code == 303
    assert _campaign(filled, people).brief.rules.min_quality == 60
    moved = owner_client.post(f"/campaigns/{campaign.id}/status", data={"status": "running"})
    assert moved.status_code == 303
    assert _campaign(filled, people).status.value == "running"


def test_the_board_moves_by_button_records_terms_and_exports(
    owner_client: TestClient, filled: Workspace, people: People
) -> None:
    campaign = _made(owner_client, filled, people)
    board = owner_client.get(f"/campaigns/{campaign.id}/board")
    assert board.status_code == 200
    assert 'value="contacted"' in board.text
    assert "campaign_board.js" in board.text
    mint = "instagram:mint.review"
    move = f"/campaigns/{campaign.id}/board/move"
    assert (
        owner_client.post(move, data={"reference": mint, "stage": "contacted"}).status_code == 303
    )
    assert _card_stage(filled, people, mint) == Stage.CONTACTED
    skipped = owner_client.post(move, data={"reference": mint, "stage": "paid"})
    assert skipped.status_code == 400
    assert 'id="board-error"' in skipped.text
    assert _card_stage(filled, people, mint) == Stage.CONTACTED
    no_fee = owner_client.post(move, data={"reference": mint, "stage": "agreed"})
    assert no_fee.status_code == 400

    terms = f"/campaigns/{campaign.id}/board/terms"
    yesterday = (filled.campaigns.today() - timedelta(days=1)).isoformat()
    soon = (filled.campaigns.today() + timedelta(days=3)).isoformat()
    form = {"reference": mint, "fee": "12,000", "due_kind": ["post", "story"],
            "due_on": [yesterday, soon], "contact_channel": "line", "contact_handle": "@mint",
            "notes": "ส่งของวันจันทร์", "content_links": ""}  # fmt: skip
    wrong = owner_client.post(terms, data={**form, "fee": "สองหมื่น"})
    assert wrong.status_code == 400
    assert 'id="error-fee"' in wrong.text
    wrong_link = owner_client.post(terms, data={**form, "content_links": "not a link"})
    assert wrong_link.status_code == 400
    assert 'id="error-url"' in wrong_link.text
    card = filled.outreach.creator(campaign, mint)
    assert card.fee_thb is None
    assert card.deliverables == ()
    assert owner_client.post(terms, data=form).status_code == 303
    assert owner_client.post(move, data={"reference": mint, "stage": "agreed"}).status_code == 303

    shown = owner_client.get(f"/campaigns/{campaign.id}/board").text
    assert "board-card overdue" in shown
    assert "฿12,000" in shown
    late = owner_client.get(f"/campaigns/{campaign.id}/board?late=1").text
    assert "bkk_foodie" not in late.split('id="board"')[1]
    listed = owner_client.get("/campaigns").text
    assert 'class="overdue"' in listed
    assert 'class="due"' in listed
    assert "@mint.review" in listed
    assert 'id="campaign-reminders"' in owner_client.get(f"/campaigns/{campaign.id}").text

    exported = owner_client.get(f"/campaigns/{campaign.id}/export.csv")
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert any("mint.review" in row and "12000.0" in row for row in rows), rows
    book = owner_client.get(f"/campaigns/{campaign.id}/export.xlsx")
    sheet = load_workbook(io.BytesIO(book.content)).active
    assert sheet is not None
    assert any(row[0] == "bkk_foodie" for row in sheet.iter_rows(values_only=True))


def test_the_client_approves_or_asks_for_changes_and_another_brand_is_kept_out(
    owner_client: TestClient, app_client: TestClient, filled: Workspace, people: People
) -> None:
    campaign = _made(owner_client, filled, people)
    mint, owner = "instagram:mint.review", Actor.of(people.owner)
    other = filled.campaigns.create(owner, "แบรนด์อื่น", "Other Brand", {"budget": "10000"})
    filled.outreach.set_terms(owner, campaign, mint, fee_thb=9_000)
    for stage in ("contacted", "agreed"):
        filled.outreach.move(owner, campaign, mint, stage)
    submit = f"/campaigns/{campaign.id}/board/submit"
    bad = owner_client.post(submit, data={"reference": mint, "url": "mint.review/post"})
    assert bad.status_code == 400
    assert 'id="error-url"' in bad.text
    sent = owner_client.post(submit, data={"reference": mint, "url": "https://www.instagram.com/p/abc",
                                           "caption": "ผิวใสรับปีใหม่ #glowlab"})  # fmt: skip
    assert sent.status_code == 303

    client = TestClient(app_client.app, follow_redirects=False)
    client.headers["x-csrf-token"] = log_in(client, filled, people.client)
    home = client.get("/").text
    assert 'id="client-waiting"' in home
    assert f"/campaigns/{campaign.id}/content" in home
    assert "แบรนด์อื่น" not in client.get("/campaigns").text
    assert client.get(f"/campaigns/{other.id}").status_code == 404
    assert client.get(f"/campaigns/{other.id}/content").status_code == 404
    assert client.get(f"/campaigns/{campaign.id}/board").status_code == 403
    assert client.post(f"/campaigns/{campaign.id}/board/move",
                       data={"reference": mint, "stage": "dropped"}).status_code == 403  # fmt: skip

    page = client.get(f"/campaigns/{campaign.id}/content")
    assert page.status_code == 200
    assert "https://www.instagram.com/p/abc" in page.text
    submission = filled.outreach.creator(campaign, mint).submissions[0]
    decide = f"/campaigns/{campaign.id}/content/{submission.id}"
    silent = client.post(decide, data={"decision": "changes", "comment": " "})
    assert silent.status_code == 400
    assert 'id="error-comment"' in silent.text
    assert _card_stage(filled, people, mint) == Stage.SUBMITTED
    asked = client.post(decide, data={"decision": "changes", "comment": "ขอโลโก้ใหญ่ขึ้น"})
    assert asked.status_code == 303
    assert _card_stage(filled, people, mint) == Stage.CHANGES
    again = owner_client.post(
        submit, data={"reference": mint, "url": "https://www.instagram.com/p/v2"}
    )
    assert again.status_code == 303
    second = filled.outreach.creator(campaign, mint).submissions
    newest = max(second, key=lambda s: s.id)
    assert client.post(f"/campaigns/{campaign.id}/content/{newest.id}",
                       data={"decision": "approve"}).status_code == 303  # fmt: skip
    card = filled.outreach.creator(campaign, mint)
    assert card.stage == Stage.APPROVED
    decisions = [d for s in card.submissions for d in s.decisions]
    assert [d.comment for d in decisions if d.comment] == ["ขอโลโก้ใหญ่ขึ้น"]
    assert all(d.by_name == people.client.name for d in decisions)
    decided = client.get(f"/campaigns/{campaign.id}/content").text
    assert "ขอโลโก้ใหญ่ขึ้น" in decided
    assert 'id="nothing-waiting"' in decided


def test_campaign_pages_read_in_thai(
    owner_client: TestClient, filled: Workspace, people: People
) -> None:
    campaign = _made(owner_client, filled, people)
    owner_client.cookies.set("kolscope_lang", "th")
    here = f"/campaigns/{campaign.id}"
    for path in ("/campaigns", "/campaigns/new", here, f"{here}/board", f"{here}/content"):
        text = owner_client.get(path).text
        assert 'lang="th"' in text, path
        for english in ("Outreach board", "Content to approve", "New campaign", "Pyramid rules",
                        "shortlisted", "Budget"):  # fmt: skip
            assert f">{english}<" not in text, (path, english)


def _interval(value: float) -> dict[str, float]:
    return {"value": value, "low": value * 0.7, "high": value * 1.4}


def sample_plan(scenario: str = "pyramid", possible: bool = True) -> dict[str, object]:
    """A saved plan of the shape ``PlanReport.to_dict()`` gives."""
    why = {"code": "literal", "params": {"text": "ผ่านเกณฑ์"}, "text": "ผ่านเกณฑ์"}
    forecast = {k: _interval(v) for k, v in (("reach", 40_000), ("views", 60_000),
                ("engagements", 3_000), ("clicks", 500), ("conversions", 8))}  # fmt: skip
    return {
        "campaign": "ปีใหม่ผิวใส", "scenario": scenario, "objective": "engagement",
        "budget_thb": 150_000, "total_cost_thb": 57_000, "possible": possible,
        "reasons": [] if possible else [why],
        "picks": [
            {"reference": "instagram:bkk_foodie", "platform": "instagram", "tier": "micro",
             "followers": 45_000, "deliverable": "short_video", "fee_thb": 45_000,
             "fee_low_thb": 30_000, "fee_high_thb": 60_000, "fee_basis": why, "why": "",
             "why_message": why, "forecast": forecast},
            {"reference": "instagram:mint.review", "platform": "instagram", "tier": "nano",
             "followers": 9_500, "deliverable": "post", "fee_thb": 12_000,
             "fee_low_thb": 8_000, "fee_high_thb": 16_000, "fee_basis": why, "why": "",
             "why_message": why, "forecast": forecast},
        ],
        "excluded": [{"reference": "tiktok:someone", "why": "", "why_message": why}],
        "reach": {"deduplicated": 48_000, "followers_sum": 54_500, "estimated": True,
                  "basis_message": why},
        "forecast": forecast,
        "costs": {"cpm": _interval(1_200), "cpe": _interval(19), "cpc": _interval(114),
                  "cpa": None},
        "by_tier": [{"tier": "micro", "creators": 1, "cost_thb": 45_000, "forecast": forecast},
                    {"tier": "nano", "creators": 1, "cost_thb": 12_000, "forecast": forecast}],
        "overlap": {"references": ["instagram:bkk_foodie", "instagram:mint.review"],
                    "shares": [[None, 0.12], [0.12, None]]},
        "optimality_gap": 0.0, "method": "mip", "notes": [why],
        "created_at": "2026-12-01T10:00:00+00:00",
    }  # fmt: skip


class FakePlanner:
    """Stands in for ``workspace.planner``: the page is tested on the report's shape."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.saved: dict[str, object] | None = None

    def plan(self, actor: Actor, campaign: Campaign, scenario: str = "pyramid",
             save: bool = True, manual: tuple[str, ...] = ()) -> None:  # fmt: skip
        self.saved = sample_plan(scenario)

    def latest(self, actor: Actor, campaign: Campaign) -> dict[str, object] | None:
        return self.saved

    def scenarios(self, actor: Actor, campaign: Campaign, manual: tuple[str, ...] = ()
                  ) -> list[dict[str, object]]:  # fmt: skip
        return [sample_plan(s, s != "all_mega") for s in ("all_mega", "pyramid", "all_small",
                                                          "manual")]  # fmt: skip

    def apply(self, actor: Actor, campaign: Campaign, plan: dict[str, object]) -> int:
        picks = plan["picks"]
        assert isinstance(picks, list)
        return self.workspace.campaigns.add(actor, campaign, [p["reference"] for p in picks])


def test_the_plan_page_shows_picks_reach_forecasts_scenarios_and_overlap(
    owner_client: TestClient, filled: Workspace, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    planner = FakePlanner(filled)
    monkeypatch.setattr(type(filled), "planner", property(lambda _self: planner))
    campaign = _made(owner_client, filled, people)
    assert 'id="no-plan"' in owner_client.get(f"/campaigns/{campaign.id}").text
    assert owner_client.post(f"/campaigns/{campaign.id}/plan").status_code == 303
    page = owner_client.get(f"/campaigns/{campaign.id}").text
    for part in ('id="picks"', 'id="pyramid"', 'id="overlap"', 'id="forecast"', 'id="excluded"',
                 "฿57,000", "48K", "54.5K", "12%"):  # fmt: skip
        assert part in page, part
    assert "ผ่านเกณฑ์" in page  # each pick's why, in the reader's language
    compared = owner_client.get(f"/campaigns/{campaign.id}/scenarios?manual=instagram:mint.review")
    assert compared.status_code == 200
    assert 'id="scenario-table"' in compared.text
    assert compared.text.count('class="num"') > 20
    applied = owner_client.post(f"/campaigns/{campaign.id}/apply")
    assert applied.status_code == 303
    assert applied.headers["location"].endswith("/board")
    owner_client.cookies.set("kolscope_lang", "th")
    thai = owner_client.get(f"/campaigns/{campaign.id}").text
    assert "การเข้าถึงแบบไม่นับซ้ำ" in thai
    assert "ประมาณการ" in thai


def test_the_real_planner_plans_or_says_why_beside_the_plan(
    owner_client: TestClient, filled: Workspace, people: People
) -> None:
    filled.discovery_index.refresh()
    campaign = _made(owner_client, filled, people)  # 40 % to micro and nano of ฿150,000
    refused = owner_client.post(f"/campaigns/{campaign.id}/plan")
    assert refused.status_code == 400
    assert 'id="plan-error"' in refused.text
    assert 'edit-brief" open' not in refused.text  # a plan's refusal is not a form's error
    assert filled.planner.latest(Actor.of(people.owner), campaign) is None
    relaxed = {**GOOD, "small_share": "", "budget": "60000"}
    assert owner_client.post(f"/campaigns/{campaign.id}/brief", data=relaxed).status_code == 303
    assert owner_client.post(f"/campaigns/{campaign.id}/plan").status_code == 303
    page = owner_client.get(f"/campaigns/{campaign.id}").text
    assert 'id="picks"' in page
    assert 'id="reach-card"' in page
    compared = owner_client.get(f"/campaigns/{campaign.id}/scenarios")
    assert compared.status_code == 200
    assert 'id="scenario-table"' in compared.text
