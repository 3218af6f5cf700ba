"""Orders over HTTP: the conversion API (an api shop's token, every field checked, idempotent),
leads sent by a program and the public lead form (Thai and English, consent required and kept
as shown, everything escaped), the orders list and totals (the CLI's JSON keys; a brand's
client sees only their campaigns' orders), and shops with their secret shown once."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from kolscope.bootstrap import Workspace
from kolscope.domain.team import INSTALLATION, User
from kolscope.entrypoints.web.app import create_app
from kolscope.infra.db import tables as t
from tests.e2e.conftest import People, anonymous_csrf
from tests.tracking_orders_factory import campaign_with_creators, import_creators, order

ORDER_KEYS = {
    "order_id",
    "source",
    "status",
    "ordered_at",
    "amount_thb",
    "commission_thb",
    "creator",
    "campaign",
    "rule",
}
SUMMARY_KEYS = {"orders", "amount_thb", "commission_thb", "by_status"}
CONVERSION = {"order_id": "WEB-1", "amount_thb": "590.00", "ordered_at": "2026-12-09T20:00:00"}


def api(workspace: Workspace, user: User | None = None, token: str | None = None) -> TestClient:
    client = TestClient(create_app(workspace), follow_redirects=False)
    if user is not None:
        token, _info = workspace.team.create_api_token(user, "test")
    if token is not None:
        client.headers["Authorization"] = f"Bearer {token}"
    return client


def count(workspace: Workspace, table: Any) -> int:
    with workspace.engine.connect() as db:
        return int(db.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.fixture
def token(workspace: Workspace) -> str:
    return str(workspace.orders.add_shop(INSTALLATION, "api", "landing").secret)


@pytest.fixture
def linked(workspace: Workspace, people: People, tmp_path: Any) -> dict[str, Any]:
    """Two campaigns (the client's brand and another) with a tracking link per creator."""
    import_creators(workspace, tmp_path)
    found: dict[str, Any] = {}
    for key, name, brand in (
        ("ours", "Glow <b>launch</b>", "Glow Lab"),
        ("other", "Other launch", "Other Brand"),
    ):
        campaign = campaign_with_creators(workspace, name, brand)
        destination = workspace.tracking.add_destination(campaign, "https://glowlab.example/")
        links = workspace.tracking.make_links(campaign, destination.id)
        found[key] = {"id": campaign, "name": name, "code": links[0].code}
    return found


def test_conversions_need_an_api_shops_token(
    workspace: Workspace, people: People, token: str
) -> None:
    assert api(workspace).post("/api/conversions", json=CONVERSION).status_code == 401
    wrong = api(workspace, token="kso_not-ours").post("/api/conversions", json=CONVERSION)
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"] == "Bearer"
    personal = api(workspace, people.owner).post("/api/conversions", json=CONVERSION)
    assert personal.status_code == 401  # a person's API token is not a shop's
    assert count(workspace, t.orders) == 0


def test_conversions_are_checked_field_by_field_and_kept_once(
    workspace: Workspace, token: str
) -> None:
    client = api(workspace, token=token)
    made = client.post("/api/conversions", json=CONVERSION)
    assert made.status_code == 201, made.text
    assert (made.json()["code"], made.json()["order_id"]) == (
        "track.orders.conversion_saved",
        "WEB-1",
    )
    again = client.post("/api/conversions", json=CONVERSION)
    assert (again.status_code, again.json()["code"]) == (200, "track.orders.conversion_unchanged")
    cases = [
        ({**CONVERSION, "amount_thb": "-1"}, "amount_thb: "),
        ({"amount_thb": "1", "ordered_at": "2026-12-09"}, "order_id: required"),
        ({**CONVERSION, "status": "shipped"}, "status: must be one of"),
        ({**CONVERSION, "colour": "red"}, "colour: not a field"),
    ]
    for body, detail in cases:
        refused = client.post("/api/conversions", json=body)
        assert refused.status_code == 400, body
        assert refused.json()["detail"].startswith(detail), refused.json()
    not_json = client.post(
        "/api/conversions", content=b"{order", headers={"Content-Type": "application/json"}
    )
    assert (not_json.status_code, not_json.json()["detail"]) == (
        400,
        "body: the body is not a JSON object",
    )
    thai = client.post(
        "/api/conversions",
        json={**CONVERSION, "amount_thb": "x"},
        headers={"Accept-Language": "th"},
    )
    assert thai.status_code == 400
    assert count(workspace, t.orders) == 1
    assert count(workspace, t.order_events) == 1


def test_leads_sent_by_a_program(workspace: Workspace, token: str, linked: dict[str, Any]) -> None:
    client = api(workspace, token=token)
    lead = {
        "code": linked["ours"]["code"],
        "name": "Pim",
        "contact": "pim@example.com",
        "consent": True,
        "consent_text": "I agree",
    }
    made = client.post("/api/leads", json=lead)
    assert made.status_code == 201, made.text
    assert made.json()["campaign"] == linked["ours"]["name"]
    refused = client.post("/api/leads", json={**lead, "consent": False})
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith("consent: ")
    assert api(workspace).post("/api/leads", json=lead).status_code == 401
    assert count(workspace, t.leads) == 1


def test_the_lead_form_asks_for_consent_in_thai_and_english(
    workspace: Workspace, linked: dict[str, Any]
) -> None:
    client = api(workspace)
    code = linked["ours"]["code"]
    english = client.get(f"/lead/{code}?kc=kc-123", headers={"Accept-Language": "en"})
    assert english.status_code == 200
    assert "I agree that Glow Lab may keep my name" in english.text
    assert "Glow &lt;b&gt;launch&lt;/b&gt;" in english.text  # the campaign's name, escaped
    assert "<b>launch</b>" not in english.text
    assert 'name="click_id" value="kc-123"' in english.text
    thai = client.get(f"/lead/{code}", headers={"Accept-Language": "th"})
    assert 'lang="th"' in thai.text
    csrf = anonymous_csrf(client)
    form = {
        "csrf_token": csrf,
        "name": "<script>x</script>",
        "contact": "081-234-5678",
        "click_id": "kc-123",
        "language": "en",
    }
    unticked = client.post(f"/lead/{code}", data=form)
    assert unticked.status_code == 400
    assert "tick the consent box" in unticked.text
    assert "&lt;script&gt;x&lt;/script&gt;" in unticked.text
    assert "<script>x</script>" not in unticked.text
    assert count(workspace, t.leads) == 0
    sent = client.post(f"/lead/{code}", data={**form, "consent": "yes"})
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/lead/{code}?sent=1"
    with workspace.engine.connect() as db:
        lead = db.execute(select(t.leads)).one()
    assert lead.consent_text.startswith("I agree that Glow Lab may keep my name")
    assert lead.consented_at is not None
    assert (lead.name, lead.contact, lead.click_id) == (
        "<script>x</script>",
        "081-234-5678",
        "kc-123",
    )
    thanks = client.get(sent.headers["location"])
    assert "your details were sent to Glow Lab" in thanks.text
    no_csrf = client.post(
        f"/lead/{code}",
        data={k: v for k, v in form.items() if k != "csrf_token"} | {"consent": "yes"},
    )
    assert no_csrf.status_code == 403
    assert client.get("/lead/nosuchcode").status_code == 404


def test_orders_list_and_summary_keep_the_cli_keys_and_the_clients_brands(
    workspace: Workspace, people: People, linked: dict[str, Any]
) -> None:
    ours = order(
        workspace,
        "O-1",
        {"click_id": None},
        campaign_id=linked["ours"]["id"],
        rule="promo_code",
        organisation_id=people.owner.organisation.id,
    )
    order(
        workspace,
        "O-2",
        {},
        campaign_id=linked["other"]["id"],
        rule="utm",
        organisation_id=people.owner.organisation.id,
    )
    order(
        workspace,
        "O-3",
        {},
        source="shopee",
        status="cancelled",
        organisation_id=people.owner.organisation.id,
    )
    with workspace.engine.begin() as db:
        account = db.execute(select(t.accounts.c.id).where(t.accounts.c.handle == "mint.skin"))
        db.execute(
            t.orders.update().where(t.orders.c.id == ours).values(account_id=account.scalar_one())
        )
    owner = api(workspace, people.owner)
    listed = owner.get("/api/orders").json()
    assert {o["order_id"] for o in listed} == {"O-1", "O-2", "O-3"}
    assert all(set(o) >= ORDER_KEYS for o in listed)
    (one,) = [o for o in listed if o["order_id"] == "O-1"]
    assert (one["creator"], one["campaign"], one["rule"], one["amount_thb"]) == (
        "instagram:mint.skin",
        "Glow <b>launch</b>",
        "promo_code",
        1000.0,
    )
    assert [o["order_id"] for o in owner.get("/api/orders?source=shopee").json()] == ["O-3"]
    assert owner.get("/api/orders?source=etsy").status_code == 400
    summary = owner.get("/api/orders/summary").json()
    assert set(summary) == {"shopify", "shopee"}
    assert set(summary["shopify"]) >= SUMMARY_KEYS
    assert summary["shopify"]["orders"] == 2
    assert summary["shopify"]["amount_thb"] == 2000.0
    assert summary["shopee"]["by_status"] == {"cancelled": 1}
    assert summary["shopee"]["amount_thb"] == 0.0
    client = api(workspace, people.client)
    assert [o["order_id"] for o in client.get("/api/orders").json()] == ["O-1"]
    assert client.get("/api/orders/summary").json()["shopify"]["orders"] == 1
    assert api(workspace).get("/api/orders").status_code == 401


def test_shops_show_a_secret_once_and_only_to_those_who_manage(
    workspace: Workspace, people: People
) -> None:
    owner = api(workspace, people.owner)
    made = owner.post(
        "/api/shops",
        json={"source": "woocommerce", "name": "chaba", "domain": "https://chaba.example/"},
    )
    assert made.status_code == 201
    assert made.headers["cache-control"] == "no-store"
    body = made.json()
    assert body["secret"]
    assert (body["address"], body["domain"]) == ("/hooks/woocommerce/chaba", "chaba.example")
    listed = owner.get("/api/shops").json()
    assert [s["name"] for s in listed] == ["chaba"]
    assert "secret" not in listed[0]
    assert body["secret"] not in owner.get("/api/shops").text
    rotated = owner.post("/api/shops/woocommerce/chaba/rotate")
    assert rotated.status_code == 200
    assert rotated.json()["secret"] not in (None, body["secret"])
    shopify = owner.post("/api/shops", json={"source": "shopify", "name": "baan"})
    assert shopify.status_code == 400
    assert shopify.json()["detail"].startswith("secret: ")
    assert (
        owner.post("/api/shops", json={"source": "woocommerce", "name": "chaba"}).status_code == 409
    )
    assert owner.post("/api/shops/api/nobody/rotate").status_code == 404
    client = api(workspace, people.client)
    assert client.get("/api/shops").status_code == 403
    assert client.post("/api/shops", json={"source": "api", "name": "x"}).status_code == 403
