"""The campaigns JSON API over HTTP: every route; scoping (a client sees only their granted
brand's campaigns, another organisation gets 404); permissions (a client may approve content
but not move creators); bad input answered 400 naming the field with nothing saved; and the
plan's contract that outside scripts rely on."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from kolscope.bootstrap import Workspace
from kolscope.domain.team import Role, User
from kolscope.entrypoints.web.app import create_app
from kolscope.team.db.team_store import SqlTeamStore
from tests.e2e.conftest import PASSWORD, People, import_rows
from tests.factories import write_csv

BRIEF = {
    "objective": "awareness",
    "budget_thb": 150_000,
    "starts_on": "2026-12-01",
    "ends_on": "2026-12-31",
}
CREATORS = ["instagram:mint.skin", "instagram:bkk_eats", "tiktok:gadget.guy"]
PLAN_KEYS = {
    "campaign",
    "objective",
    "budget_thb",
    "total_cost_thb",
    "picks",
    "excluded",
    "reach",
    "forecast",
    "optimality_gap",
}


def _client(workspace: Workspace, user: User) -> TestClient:
    token, _info = workspace.team.create_api_token(user, "test")
    client = TestClient(create_app(workspace), follow_redirects=False)
    client.headers["Authorization"] = f"Bearer {token}"
    return client


@pytest.fixture
def shop(workspace: Workspace, people: People, tmp_path: Path) -> Workspace:
    import_rows(
        workspace,
        write_csv(
            tmp_path / "accounts-2026-11-01.csv",
            [
                ["platform", "handle", "display_name", "followers", "country", "category"],
                ["instagram", "mint.skin", "Mint", 8_000, "Thailand", "skincare"],
                ["instagram", "bkk_eats", "BKK Eats", 45_000, "Thailand", "food"],
                ["tiktok", "gadget.guy", "Gadget Guy", 250_000, "Thailand", "IT"],
                ["youtube", "big.star", "Big Star", 2_000_000, "Thailand", "beauty"],
            ],
        ),
    )
    workspace.discovery_index.refresh()
    return workspace


@pytest.fixture
def owner(shop: Workspace, people: People) -> TestClient:
    return _client(shop, people.owner)


def _make(
    client: TestClient, name: str = "Glow launch", brand: str = "Glow Lab", **extra: Any
) -> dict[str, Any]:
    body = {"name": name, "brand": brand, **BRIEF, "creators": CREATORS, **extra}
    response = client.post("/api/campaigns", json=body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def _detail(response: Any) -> str:
    assert response.status_code == 400, response.text
    detail: str = response.json()["detail"]
    return detail


def test_make_read_change_and_add(owner: TestClient) -> None:
    made = _make(owner)
    assert made["name"] == "Glow launch"
    assert made["brand"] == "Glow Lab"
    assert made["status"] == "draft"
    assert made["status_message"]["code"] == "plan.status.draft"
    assert made["budget_thb"] == 150_000
    assert [c["reference"] for c in made["creators"]] == CREATORS
    assert {c["stage"] for c in made["creators"]} == {"shortlisted"}

    listed = owner.get("/api/campaigns").json()["campaigns"]
    assert [c["id"] for c in listed] == [made["id"]]
    shown = owner.get(f"/api/campaigns/{made['id']}").json()
    assert shown["starts_on"] == "2026-12-01"

    changed = owner.patch(
        f"/api/campaigns/{made['id']}", json={"status": "planning", "budget_thb": 90_000}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["status"] == "planning"
    assert changed.json()["budget_thb"] == 90_000
    assert changed.json()["ends_on"] == "2026-12-31"  # fields not sent are kept

    cleared = owner.patch(f"/api/campaigns/{made['id']}", json={"objective": None, "ends_on": None})
    assert cleared.json()["objective"] == "awareness"
    assert cleared.json()["ends_on"] is None

    added = owner.post(
        f"/api/campaigns/{made['id']}/creators", json={"creators": ["youtube:big.star"]}
    )
    assert added.json() == {"campaign": "Glow launch", "added": 1}


def test_the_board_from_contact_to_approval(
    owner: TestClient, shop: Workspace, people: People
) -> None:
    made = _make(owner)
    url = f"/api/campaigns/{made['id']}"
    for stage in ("contacted", "negotiating"):
        moved = owner.post(f"{url}/moves", json={"creator": "instagram:mint.skin", "stage": stage})
        assert moved.status_code == 200, moved.text
        assert moved.json()["stage"] == stage
    due = (datetime.now(UTC).date() - timedelta(days=2)).isoformat()
    terms = owner.patch(
        f"{url}/creators/instagram:mint.skin/terms",
        json={
            "fee_thb": 12_000,
            "deliverables": [{"kind": "post", "due_on": due}],
            "contact_channel": "line",
            "notes": "prefers mornings",
        },
    )
    assert terms.status_code == 200, terms.text
    assert terms.json()["fee_thb"] == 12_000
    assert (
        owner.post(
            f"{url}/moves", json={"creator": "instagram:mint.skin", "stage": "agreed"}
        ).status_code
        == 200
    )
    content = owner.post(
        f"{url}/content",
        json={"creator": "instagram:mint.skin", "url": "https://instagram.com/p/abc"},
    )
    assert content.status_code == 200, content.text
    submission = content.json()["submissions"][0]
    assert submission["status"] == "pending"

    board = owner.get(f"{url}/board").json()
    columns = {c["stage"]: c for c in board["columns"]}
    assert columns["content_submitted"]["count"] == 1
    assert columns["content_submitted"]["total_thb"] == 12_000
    assert board["committed_thb"] == 12_000
    assert board["remaining_thb"] == 150_000 - 12_000
    assert board["overdue"] == ["instagram:mint.skin"]
    assert columns["content_submitted"]["cards"][0]["notes"] == "prefers mornings"

    # the brand's client reads the board without the agency's notes, and approves
    client = _client(shop, people.client)
    seen = client.get(f"{url}/board").json()
    card = next(c for col in seen["columns"] for c in col["cards"])
    assert "notes" not in card
    assert "contact_handle" not in card
    decided = client.post(
        f"{url}/content/{submission['id']}/decision", json={"approve": True, "comment": "lovely"}
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["stage"] == "approved"
    again = client.post(f"{url}/content/{submission['id']}/decision", json={"approve": True})
    assert _detail(again).startswith("submission_id:")

    reminders = owner.get("/api/reminders").json()["reminders"]
    assert [(r["reference"], r["overdue"]) for r in reminders] == [("instagram:mint.skin", True)]
    assert reminders[0]["message"]["code"] == "plan.remind.overdue"


def test_a_client_sees_only_their_brand_and_may_decide_but_not_move(
    owner: TestClient, shop: Workspace, people: People
) -> None:
    ours = _make(owner)
    other = _make(owner, "Other launch", "Other Brand")
    client = _client(shop, people.client)
    assert [c["name"] for c in client.get("/api/campaigns").json()["campaigns"]] == ["Glow launch"]
    for path in ("", "/board", "/plan", "/scenarios", "/export"):
        assert client.get(f"/api/campaigns/{other['id']}{path}").status_code == 404, path
    assert client.get(f"/api/campaigns/{ours['id']}").status_code == 200
    move = {"creator": "instagram:mint.skin", "stage": "contacted"}
    assert client.post(f"/api/campaigns/{ours['id']}/moves", json=move).status_code == 403
    assert (
        client.patch(f"/api/campaigns/{ours['id']}", json={"status": "running"}).status_code == 403
    )
    assert (
        client.post("/api/campaigns", json={"name": "x", "brand": "Glow Lab", **BRIEF}).status_code
        == 403
    )
    assert client.post(f"/api/campaigns/{ours['id']}/plan").status_code == 403
    assert client.get("/api/ratecards").status_code == 403
    # a decision on a submission that does not exist in a visible campaign names the field
    missing = client.post(
        f"/api/campaigns/{ours['id']}/content/999/decision", json={"approve": True}
    )
    assert _detail(missing).startswith("submission_id:")
    assert (
        client.post(
            f"/api/campaigns/{other['id']}/content/1/decision", json={"approve": True}
        ).status_code
        == 404
    )


def test_another_organisation_gets_404(owner: TestClient, shop: Workspace) -> None:
    made = _make(owner)
    rivals = SqlTeamStore(shop.engine).create_organisation("Rival agency", datetime.now(UTC))
    rival = shop.team.add_user(rivals, "rival@example.com", "Rita Rival", PASSWORD, Role.OWNER)
    theirs = _client(shop, rival)
    assert theirs.get("/api/campaigns").json() == {"campaigns": []}
    url = f"/api/campaigns/{made['id']}"
    for path in ("", "/board", "/plan", "/scenarios", "/export"):
        assert theirs.get(f"{url}{path}").status_code == 404, path
    move = {"creator": "instagram:mint.skin", "stage": "contacted"}
    assert theirs.post(f"{url}/moves", json=move).status_code == 404
    assert theirs.patch(url, json={"name": "Mine now"}).status_code == 404
    assert theirs.post(f"{url}/plan").status_code == 404
    assert theirs.get("/api/reminders").json() == {"reminders": []}
    # and the brand is not theirs to make a campaign for
    refused = theirs.post("/api/campaigns", json={"name": "x", "brand": "Glow Lab", **BRIEF})
    assert _detail(refused).startswith("brand:")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"budget_thb": 0}, "budget_thb"),
        ({"objective": "fame"}, "objective"),
        ({"starts_on": "2026-12-31", "ends_on": "2026-12-01"}, "ends_on"),
        ({"creators": ["instagram:nobody.here"]}, "creators"),
        ({"creators": ["not a reference"]}, "creators"),
        ({"brand": "No Such Brand"}, "brand"),
        ({"shortlist": "no such list"}, "shortlist"),
        ({"niches": ["not-a-niche"]}, "niches"),
        ({"rules": {"platform_shares": {"instagram": [0.9, 0.1]}}}, "platform_shares"),
        ({"name": "   "}, "name"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(
    owner: TestClient, changes: dict[str, Any], field: str
) -> None:
    body = {"name": "Bad one", "brand": "Glow Lab", **BRIEF, "creators": CREATORS, **changes}
    detail = _detail(owner.post("/api/campaigns", json=body))
    assert detail.startswith(f"{field}:"), detail
    assert owner.get("/api/campaigns").json() == {"campaigns": []}


def test_bad_changes_and_moves_name_the_field_and_change_nothing(owner: TestClient) -> None:
    made = _make(owner)
    url = f"/api/campaigns/{made['id']}"
    detail = _detail(owner.patch(url, json={"starts_on": "2027-01-10"}))  # after it ends
    assert detail.startswith("ends_on:")
    assert _detail(owner.patch(url, json={"status": "sleeping"})).startswith("status:")
    skip = owner.post(f"{url}/moves", json={"creator": "instagram:mint.skin", "stage": "paid"})
    assert _detail(skip).startswith("stage:")
    unknown = owner.post(f"{url}/moves", json={"creator": "tiktok:nobody", "stage": "contacted"})
    assert _detail(unknown).startswith("creator:")
    terms = owner.patch(
        f"{url}/creators/instagram:mint.skin/terms",
        json={"fee_thb": 12_000, "deliverables": [{"kind": "billboard"}]},
    )
    assert _detail(terms).startswith("deliverables:")
    fee = owner.patch(f"{url}/creators/instagram:mint.skin/terms", json={"fee_thb": -5})
    assert _detail(fee).startswith("fee_thb:")
    shown = owner.get(url).json()
    assert shown["starts_on"] == "2026-12-01"
    assert shown["status"] == "draft"
    card = next(c for c in shown["creators"] if c["reference"] == "instagram:mint.skin")
    assert card["stage"] == "shortlisted"
    assert card["fee_thb"] is None
    assert card["deliverables"] == []
    # type errors are FastAPI's 422 with the field's location
    wrong = owner.post(
        "/api/campaigns", json={"name": "x", "brand": "Glow Lab", "budget_thb": "lots"}
    )
    assert wrong.status_code == 422
    assert wrong.json()["detail"][0]["loc"][-1] == "budget_thb"


def test_export_csv_and_xlsx(owner: TestClient, shop: Workspace, people: People) -> None:
    made = _make(owner, creators=["instagram:mint.skin"])
    url = f"/api/campaigns/{made['id']}/export"
    owner.patch(
        f"/api/campaigns/{made['id']}/creators/instagram:mint.skin/terms",
        json={"notes": "=HYPERLINK(1)"},
    )
    text = owner.get(url, params={"format": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["reference"], r["stage"]) for r in rows] == [("instagram:mint.skin", "shortlisted")]
    assert rows[0]["notes"] == "'=HYPERLINK(1)"  # never a formula
    book = load_workbook(io.BytesIO(owner.get(url, params={"format": "xlsx"}).content))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:2] == ["campaign", "reference"]
    client_csv = _client(shop, people.client).get(url).content.decode("utf-8-sig")
    assert "notes" not in client_csv.splitlines()[0]
    assert owner.get(url, params={"format": "pdf"}).status_code == 422


def test_the_plan_keeps_its_contract(owner: TestClient, shop: Workspace, people: People) -> None:
    made = _make(owner, rules={"open_with_big": 0})  # the one macro creator costs too much
    url = f"/api/campaigns/{made['id']}"
    assert owner.get(f"{url}/plan").status_code == 404  # nothing kept yet
    planned = owner.post(f"{url}/plan")
    assert planned.status_code == 200, planned.text
    plan = planned.json()
    assert set(plan) >= PLAN_KEYS
    assert plan["campaign"] == "Glow launch"
    assert plan["picks"], plan
    for pick in plan["picks"]:
        assert {"reference", "tier", "deliverable", "fee_thb", "why"} <= set(pick)
    for left in plan["excluded"]:
        assert {"reference", "why"} <= set(left)
    assert {"deduplicated", "followers_sum", "estimated"} <= set(plan["reach"])
    for kpi in plan["forecast"].values():
        assert {"value", "low", "high"} <= set(kpi)
    assert plan["total_cost_thb"] <= plan["budget_thb"]

    kept = _client(shop, people.client).get(f"{url}/plan")  # the client reads the plan
    assert kept.status_code == 200
    assert kept.json()["picks"] == plan["picks"]

    found = owner.get(f"{url}/scenarios")
    assert found.status_code == 200, found.text
    scenarios = found.json()
    assert isinstance(scenarios, list)
    assert "pyramid" in {s["name"] for s in scenarios}
    for item in scenarios:
        assert {"name", "total_cost_thb", "reach", "forecast"} <= set(item)

    applied = owner.post(f"{url}/plan", params={"save": "false", "apply": "true"})
    assert applied.status_code == 200, applied.text
    assert applied.json()["added_to_board"] == 0  # the picks were on the board already


def test_an_impossible_plan_says_why_and_keeps_nothing(owner: TestClient) -> None:
    made = _make(owner, budget_thb=10)
    url = f"/api/campaigns/{made['id']}"
    cheap = owner.post(f"{url}/plan")
    assert _detail(cheap).startswith("budget_thb:"), cheap.text
    assert cheap.json()["reasons"][0]["code"] == "plan.optimiser.error.below_cheapest"
    rules = {"rules": {"open_with_big": 3, "max_creators": 1}, "budget_thb": 5_000_000}
    assert owner.patch(url, json=rules).status_code == 200
    conflict = owner.post(f"{url}/plan")
    assert _detail(conflict).startswith("rules:"), conflict.text
    assert conflict.json()["reasons"]
    assert owner.get(f"{url}/plan").status_code == 404
    bad = owner.post(f"{url}/plan", params={"scenario": "moonshot"})
    assert _detail(bad).startswith("scenario:")


def test_rate_cards(owner: TestClient) -> None:
    cells = owner.get("/api/ratecards", params={"platform": "instagram"}).json()["cells"]
    assert cells
    assert {c["platform"] for c in cells} == {"instagram"}
    put = owner.put("/api/ratecards/instagram/micro/post", json={"low_thb": 3000, "high_thb": 9000})
    assert put.status_code == 200, put.text
    assert put.json()["source"] == "workspace"
    cells = owner.get("/api/ratecards", params={"platform": "instagram"}).json()["cells"]
    cell = next(c for c in cells if c["tier"] == "micro" and c["deliverable"] == "post")
    assert (cell["low_thb"], cell["high_thb"]) == (3000, 9000)
    wrong = owner.put("/api/ratecards/instagram/micro/post", json={"low_thb": 9, "high_thb": 3})
    assert _detail(wrong).startswith("low_thb:")
    assert _detail(
        owner.put("/api/ratecards/myspace/micro/post", json={"low_thb": 1, "high_thb": 3})
    ).startswith("platform:")
    assert _detail(owner.get("/api/ratecards", params={"platform": "myspace"})).startswith(
        "platform:"
    )


def test_rate_card_import_all_or_nothing(
    owner: TestClient, shop: Workspace, people: People
) -> None:
    good = "platform,tier,deliverable,low_thb,high_thb\ninstagram,nano,story,500,1500\n"
    sent = owner.post("/api/ratecards/import", files={"file": ("card.csv", good, "text/csv")})
    assert sent.status_code == 200, sent.text
    assert sent.json()["file"] == "card.csv"
    assert [(c["tier"], c["low_thb"]) for c in sent.json()["cells"]] == [("nano", 500)]
    bad = good + "instagram,micro,story,900,100\ninstagram,giant,post,1,2\n"
    refused = owner.post("/api/ratecards/import", files={"file": ("prices.csv", bad, "text/csv")})
    detail = _detail(refused)
    assert detail.startswith("file: prices.csv, row 3")
    assert "row 4" in detail
    assert "/tmp" not in detail  # the server's folders stay private
    cells = owner.get("/api/ratecards", params={"platform": "instagram"}).json()["cells"]
    story = {c["tier"]: c for c in cells if c["deliverable"] == "story"}
    assert story["micro"]["source"] == "default"  # nothing of the bad file was saved
    wrong = owner.post("/api/ratecards/import", files={"file": ("card.pdf", b"%PDF", "x/y")})
    assert _detail(wrong).startswith("file:")
    client = _client(shop, people.client)
    files = {"file": ("card.csv", good, "text/csv")}
    assert client.post("/api/ratecards/import", files=files).status_code == 403
