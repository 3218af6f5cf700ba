"""No input gives a 500: huge integers, Unicode digits and unreadable bodies are refused (4xx)
with a JSON (or page) answer that names the parameter (issue #13 items 5, 6 and 7)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from kolscope.bootstrap import Workspace
from kolscope.entrypoints.web.app import create_app
from tests.e2e.conftest import People, log_in

HUGE = str(2**63)
LARGEST = str(2**63 - 1)

# (method, url) pairs that answered 500 in the probe.
URLS = [
    ("GET", f"/api/creators?offset={HUGE}"),
    ("GET", f"/api/creators?min_followers={LARGEST}"),
    ("GET", f"/api/creators?max_followers={LARGEST}"),
    ("GET", f"/api/creators/search?min_price={HUGE}"),
    ("GET", f"/api/creators/search?max_price={HUGE}"),
    ("GET", f"/api/creators/search?active_within={HUGE}"),
    ("GET", "/api/creators/search?active_within=1000000"),
    ("GET", f"/api/creators/search?offset={HUGE}"),
    ("GET", f"/api/creators/search?min_followers={LARGEST}"),
    ("GET", f"/api/audits?offset={HUGE}"),
    ("GET", f"/api/jobs/{HUGE}"),
    ("GET", f"/api/jobs/{2**31}"),  # past PostgreSQL's INTEGER
    ("GET", f"/api/jobs/{2**31 - 1}"),
    ("POST", f"/settings/tokens/{2**31}/revoke"),
    ("GET", f"/api/shortlists/{2**31}"),
    ("GET", f"/api/shortlists/{'9' * 19}"),
    ("GET", f"/creators?page={HUGE}"),
    ("GET", f"/creators?min_followers={LARGEST}"),
    ("GET", f"/discover?offset={HUGE}"),
    ("GET", f"/discover?min_followers={LARGEST}"),
    ("GET", f"/discover?active_within={HUGE}"),
    ("GET", f"/discover/export.csv?offset={HUGE}"),
    ("GET", f"/discover/export.csv?max_price={HUGE}"),
    ("GET", f"/audits?page={HUGE}"),
    ("GET", f"/jobs/{HUGE}"),
    ("POST", f"/settings/tokens/{HUGE}/revoke"),
    ("POST", f"/settings/people/{HUGE}"),
    ("GET", "/api/shortlists/%C2%B2"),
    ("GET", "/api/shortlists/" + "9" * 5000),
]


@pytest.fixture
def owner_client(workspace: Workspace, people: People) -> tuple[TestClient, str]:
    client = TestClient(create_app(workspace), follow_redirects=False)
    return client, log_in(client, workspace, people.owner)


@pytest.fixture
def token(workspace: Workspace, people: People) -> dict[str, str]:
    secret, _info = workspace.team.create_api_token(people.owner, "bodies")
    return {"Authorization": f"Bearer {secret}"}


def test_no_url_answers_500(owner_client: tuple[TestClient, str]) -> None:
    """Every URL of the probe's list, in one workspace per database (a workspace each would
    spend a minute on set-up); every failure is listed, not just the first."""
    client, csrf = owner_client
    wrong = []
    for method, url in URLS:
        data = {"csrf_token": csrf} if method == "POST" else None
        response = client.request(method, url, data=data)
        if not 400 <= response.status_code < 500:
            wrong.append((method, url[:80], response.status_code, response.text[:200]))
        elif url.startswith("/api") and "detail" not in response.json():
            wrong.append((method, url[:80], response.status_code, "no detail"))
    assert wrong == []


def test_huge_counts_are_refused_naming_the_parameter(
    owner_client: tuple[TestClient, str],
) -> None:
    client, _csrf = owner_client
    response = client.get(f"/api/creators?min_followers={LARGEST}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("min_followers:")
    response = client.get(f"/api/creators/search?max_price={HUGE}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("max_price:")
    response = client.get("/api/creators/search?active_within=1000000")
    assert response.json()["detail"].startswith("active_within:")


def test_a_shortlist_is_found_by_its_ascii_id_only(
    workspace: Workspace, people: People, owner_client: tuple[TestClient, str]
) -> None:
    client, _csrf = owner_client
    made = workspace.shortlists.create("Launch", people.owner.organisation.id)
    assert client.get(f"/api/shortlists/{made.id}").json()["shortlist"] == "Launch"
    response = client.get("/api/shortlists/%C2%B2")  # "²"
    assert response.status_code == 404


@pytest.mark.parametrize(
    "headers",
    [{"Content-Type": "text/plain"}, {}, {"Content-Type": "application/json"}],
    ids=["text/plain", "no content type", "broken json"],
)
def test_unreadable_bodies_get_a_json_4xx(
    app_client: TestClient, token: dict[str, str], headers: dict[str, str]
) -> None:
    response = app_client.post(
        "/api/shortlists/x/entries", content=b"\xff\xfe not json {", headers=headers | token
    )
    assert response.status_code in (400, 422), response.text
    body = json.loads(response.text)
    if response.status_code == 422:
        assert all({"loc", "msg", "type"} <= set(e) for e in body["detail"])
    else:
        assert isinstance(body["detail"], str)


def test_a_form_field_instead_of_a_file_gets_a_json_422(
    app_client: TestClient, token: dict[str, str]
) -> None:
    response = app_client.post(
        "/api/creators/match", files={"file": (None, "notafile")}, headers=token
    )
    assert response.status_code == 422, response.text
    assert json.loads(response.text)["detail"][0]["loc"] == ["body", "file"]


def test_a_method_not_allowed_names_every_method_of_the_path(
    owner_client: tuple[TestClient, str],
) -> None:
    client, _csrf = owner_client
    response = client.put("/api/creators/instagram/someone/audit")
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["allow"].split(",")} >= {"GET", "POST"}
