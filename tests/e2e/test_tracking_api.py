"""The tracking JSON API over HTTP: destinations, links in bulk, pasted marketplace links, QR
ZIP, promo codes, each creator's results and the attribution report. Who may: a brand's client
reads their campaigns' links and results but changes nothing, and sees nothing of other brands
or organisations (404); bad input answers 400 naming the field with nothing saved; the JSON
keys are those of ``kolscope links|codes|attribution --json``."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kolscope.bootstrap import Workspace
from kolscope.domain.team import Role, User
from kolscope.entrypoints.web.app import create_app
from kolscope.team.db.team_store import SqlTeamStore
from tests.e2e.conftest import PASSWORD, People, log_in
from tests.tracking_orders_factory import (
    CREATORS,
    campaign_with_creators,
    click,
    import_creators,
    order,
)

SHOP = "https://glowlab.example/shop"
LINK_KEYS = {"campaign", "creator", "code", "short_url", "target", "medium", "marketplace",
             "token", "created_at"}  # fmt: skip
CODE_KEYS = {"campaign", "creator", "code", "kind", "value", "usage_limit", "once_per_customer",
             "starts_at", "ends_at", "origin"}  # fmt: skip


def _client(workspace: Workspace, user: User) -> TestClient:
    token, _info = workspace.team.create_api_token(user, "test")
    client = TestClient(create_app(workspace), follow_redirects=False)
    client.headers["Authorization"] = f"Bearer {token}"
    return client


@pytest.fixture
def campaigns(workspace: Workspace, people: People, tmp_path: Path) -> dict[str, int]:
    """Two campaigns of three creators: one of the client's brand, one of another brand."""
    import_creators(workspace, tmp_path)
    return {
        "ours": campaign_with_creators(workspace, "Glow launch", "Glow Lab"),
        "other": campaign_with_creators(workspace, "Other launch", "Other Brand"),
    }


@pytest.fixture
def owner(workspace: Workspace, people: People) -> TestClient:
    return _client(workspace, people.owner)


def _made(response: Any, status: int = 201) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _detail(response: Any) -> str:
    assert response.status_code == 400, response.text
    detail: str = response.json()["detail"]
    return detail


def test_destinations_links_paste_qr_and_delete(
    owner: TestClient, campaigns: dict[str, int]
) -> None:
    url = f"/api/campaigns/{campaigns['ours']}"
    assert _detail(owner.post(f"{url}/links", json={})).startswith("destination_id:")
    made = _made(owner.post(f"{url}/destinations", json={"url": SHOP, "shop": "shopify"}))
    assert made == {"id": made["id"], "url": SHOP, "label": None, "shop": "shopify"}
    assert owner.get(f"{url}/destinations").json() == {"destinations": [made]}

    links = _made(owner.post(f"{url}/links", json={}))
    assert links["campaign"] == "Glow launch"
    assert [k["creator"] for k in links["made"]] == CREATORS
    assert set(links["made"][0]) == LINK_KEYS
    assert "ref=" not in links["made"][0]["target"]  # the redirect adds ref and kc per click
    assert _made(owner.post(f"{url}/links", json={}))["made"] == []
    listed = owner.get(f"{url}/links").json()["links"]
    assert {k["code"] for k in listed} == {k["code"] for k in links["made"]}

    paste = {"creator": "tiktok:gadget.guy", "url": "https://shopee.co.th/product/1/2", "slot": 3}
    pasted = _made(owner.post(f"{url}/links/paste", json=paste))
    assert (pasted["marketplace"], pasted["medium"]) == ("shopee", "affiliate")
    assert pasted["token"] in pasted["target"]

    archive = owner.get(f"{url}/links.zip")
    assert archive.status_code == 200
    assert archive.headers["content-type"] == "application/zip"
    assert len(zipfile.ZipFile(io.BytesIO(archive.content)).namelist()) == 8

    deleted = _made(owner.delete(f"/api/links/{pasted['code']}"), 200)
    assert deleted == {"deleted": pasted["code"], "campaign": "Glow launch"}
    assert owner.delete(f"/api/links/{pasted['code']}").status_code == 404
    assert len(owner.get(f"{url}/links").json()["links"]) == 3


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("destinations", {"url": "javascript:alert(1)"}, "url"),
        ("destinations", {"url": SHOP, "shop": "amazon"}, "shop"),
        ("links", {"medium": "banner"}, "medium"),
        ("links", {"destination_id": 999}, "destination_id"),
        ("links", {"creators": ["tiktok:nobody"]}, "creators"),
        ("links/paste", {"creator": "tiktok:gadget.guy", "url": "https://example.com/x"}, "url"),
        ("links/paste", {"creator": "tiktok:nobody", "url": "https://shopee.co.th/p/1"}, "creator"),
        ("codes", {"pattern": "{HANDLE}", "kind": "percent", "value": 150}, "value"),
        ("codes", {"pattern": "{WHO}", "kind": "thb", "value": 50}, "pattern"),
        ("codes", {"pattern": "{HANDLE}", "kind": "thb", "value": 50, "usage_limit": 1,
                   "starts_on": "2026-12-31", "ends_on": "2026-12-01"}, "ends_on"),
        ("codes", {"pattern": "{HANDLE}", "kind": "thb", "value": 5, "creators": ["x:y"]},
         "creators"),
    ],
)  # fmt: skip
def test_bad_input_names_the_field_and_saves_nothing(
    owner: TestClient, campaigns: dict[str, int], path: str, body: dict[str, Any], field: str
) -> None:
    url = f"/api/campaigns/{campaigns['ours']}"
    _made(owner.post(f"{url}/destinations", json={"url": SHOP}))
    before = {p: owner.get(f"{url}/{p}").json() for p in ("destinations", "links", "codes")}
    assert _detail(owner.post(f"{url}/{path}", json=body)).startswith(f"{field}:")
    after = {p: owner.get(f"{url}/{p}").json() for p in ("destinations", "links", "codes")}
    assert after == before


def test_shapes_are_checked_before_anything_runs(
    owner: TestClient, campaigns: dict[str, int]
) -> None:
    url = f"/api/campaigns/{campaigns['ours']}"
    unknown = owner.post(f"{url}/destinations", json={"url": SHOP, "colour": "red"})
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["body", "colour"]
    kind = owner.post(f"{url}/codes", json={"pattern": "{HANDLE}", "kind": "bogof", "value": 1})
    assert kind.status_code == 422
    assert kind.json()["detail"][0]["loc"] == ["body", "kind"]
    assert owner.post(f"{url}/links/paste", json={"creator": "a:b", "url": "x", "slot": 9}).json()[
        "detail"
    ][0]["loc"] == ["body", "slot"]
    assert owner.get("/api/attribution", params={"window": -1}).status_code == 422
    assert _detail(owner.get("/api/attribution", params={"model": "magic"})).startswith("model:")
    assert owner.get("/api/attribution", params={"campaign": 999_999}).status_code == 404
    assert owner.get("/api/campaigns/999999/links").status_code == 404


def test_codes_results_and_attribution(
    owner: TestClient, workspace: Workspace, people: People, campaigns: dict[str, int]
) -> None:
    url = f"/api/campaigns/{campaigns['ours']}"
    _made(owner.post(f"{url}/destinations", json={"url": SHOP}))
    links = {k["creator"]: k["code"] for k in _made(owner.post(f"{url}/links", json={}))["made"]}
    body = {"pattern": "{HANDLE}10", "kind": "percent", "value": 10, "usage_limit": 50,
            "starts_on": "2026-12-01", "ends_on": "2026-12-31"}  # fmt: skip
    made = _made(owner.post(f"{url}/codes", json=body))["made"]
    assert set(made[0]) == CODE_KEYS
    codes = {c["creator"]: c for c in made}
    assert codes["tiktok:gadget.guy"]["code"] == "GADGETGUY10"
    assert codes["tiktok:gadget.guy"]["usage_limit"] == 50
    assert owner.get(f"{url}/codes").json()["codes"] == made

    ids = {k.code: k.id for k in workspace.tracking.links(campaigns["ours"])}
    click(workspace, ids[links["tiktok:gadget.guy"]], "c-1", "v1")
    ours = people.owner.organisation.id
    order(workspace, "A1", {"codes": [codes["instagram:mint.skin"]["code"]]}, organisation_id=ours)
    order(workspace, "A2", {"click_id": "c-1"}, organisation_id=ours)
    order(workspace, "A3", {}, organisation_id=ours)
    order(workspace, "R1", {}, organisation_id=None)  # no shop of this organisation's
    workspace.placement.place_all()

    report = owner.get("/api/attribution").json()
    assert set(report) == {"model", "window_days", "totals", "orders"}
    one = {"orders": 1, "amount_thb": 1000.0}
    assert report["totals"]["by_rule"] == {"promo_code": one, "click_id": one}
    by_id = {o["order_id"]: o for o in report["orders"]}
    assert set(by_id) == {"A1", "A2", "A3"}
    assert report["totals"]["unattributed"] == one
    assert by_id["A3"]["rule"] == "unattributed"
    assert by_id["A2"]["why_message"]["code"] == "track.attribution.click_id"
    assert by_id["A2"]["credits"][0]["campaign"] == "Glow launch"
    linear = owner.get(
        "/api/attribution", params={"campaign": campaigns["ours"], "model": "linear", "window": 7}
    ).json()
    assert (linear["model"], linear["window_days"]) == ("linear", 7)

    results = owner.get(f"{url}/results").json()
    rows = {r["creator"]: r for r in results["creators"]}
    assert (rows["tiktok:gadget.guy"]["clicks"], rows["tiktok:gadget.guy"]["orders"]) == (1, 1)
    assert rows["instagram:mint.skin"]["revenue_thb"] == 1000.0
    assert rows["instagram:mint.skin"]["ctr"] is None
    assert results["ctr_note"]["code"] == "track.cli.ctr_unknown"


def test_a_client_reads_their_brand_and_changes_nothing(
    owner: TestClient, workspace: Workspace, people: People, campaigns: dict[str, int]
) -> None:
    ours, other = (f"/api/campaigns/{campaigns[k]}" for k in ("ours", "other"))
    for url in (ours, other):
        _made(owner.post(f"{url}/destinations", json={"url": SHOP}))
        _made(owner.post(f"{url}/links", json={}))
    other_code = owner.get(f"{other}/links").json()["links"][0]["code"]
    theirs = {k.code: k.id for k in workspace.tracking.links(campaigns["other"])}
    click(workspace, theirs[other_code], "o-1", "v7")
    order(workspace, "B1", {"click_id": "o-1"}, organisation_id=people.owner.organisation.id)
    workspace.placement.place_all()

    client = _client(workspace, people.client)
    for path in ("destinations", "links", "codes", "results", "links.zip"):
        assert client.get(f"{ours}/{path}").status_code == 200, path
        assert client.get(f"{other}/{path}").status_code == 404, path
    assert client.post(f"{ours}/destinations", json={"url": SHOP}).status_code == 403
    assert client.post(f"{ours}/links", json={}).status_code == 403
    code = {"pattern": "X", "kind": "thb", "value": 1}
    assert client.post(f"{ours}/codes", json=code).status_code == 403
    assert client.delete(f"/api/links/{other_code}").status_code == 403
    assert client.get("/api/attribution").json()["orders"] == []  # B1 is another brand's
    assert (
        client.get("/api/attribution", params={"campaign": campaigns["other"]}).status_code == 404
    )
    assert len(owner.get("/api/attribution").json()["orders"]) == 1


def test_another_organisation_gets_404(
    owner: TestClient, workspace: Workspace, people: People, campaigns: dict[str, int]
) -> None:
    url = f"/api/campaigns/{campaigns['ours']}"
    _made(owner.post(f"{url}/destinations", json={"url": SHOP}))
    code = _made(owner.post(f"{url}/links", json={}))["made"][0]["code"]
    rivals = SqlTeamStore(workspace.engine).create_organisation("Rival agency", datetime.now(UTC))
    rival = workspace.team.add_user(rivals, "rival@example.com", "Rita", PASSWORD, Role.OWNER)
    theirs = _client(workspace, rival)
    for path in ("destinations", "links", "codes", "results", "links.zip"):
        assert theirs.get(f"{url}/{path}").status_code == 404, path
    assert theirs.post(f"{url}/links", json={}).status_code == 404
    assert theirs.delete(f"/api/links/{code}").status_code == 404
    order(workspace, "C1", {}, organisation_id=people.owner.organisation.id)
    workspace.placement.place_all()
    assert [o["order_id"] for o in owner.get("/api/attribution").json()["orders"]] == ["C1"]
    assert theirs.get("/api/attribution").json()["orders"] == []
    assert len(owner.get(f"{url}/links").json()["links"]) == 3


def test_a_session_needs_the_csrf_header_to_change(
    workspace: Workspace, people: People, campaigns: dict[str, int]
) -> None:
    browser = TestClient(create_app(workspace), follow_redirects=False)
    csrf = log_in(browser, workspace, people.member)
    url = f"/api/campaigns/{campaigns['ours']}/destinations"
    assert browser.post(url, json={"url": SHOP}).status_code == 403
    assert browser.post(url, json={"url": SHOP}, headers={"X-CSRF-Token": csrf}).status_code == 201
    assert browser.get(url).json()["destinations"][0]["url"] == SHOP
