"""Every route, as every role and as a visitor: allowed, 403, or sent to log in (401 on /api)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from kolscope.bootstrap import Workspace
from kolscope.domain.team import ROLE_PERMISSIONS, Permission, Role
from kolscope.entrypoints.web.app import create_app
from kolscope.entrypoints.web.security import guard_of
from tests.e2e.conftest import People, anonymous_csrf, log_in
from tests.factories import write_csv

# Benign form data for routes that change things, so walking them changes nothing that matters.
FORMS: dict[str, dict[str, str]] = {
    "/login": {"email": "nobody@example.com", "password": "wrong password", "next": "/"},
    "/setup": {
        "organisation": "x",
        "name": "x",
        "email": "x@example.com",
        "password": "a long enough password",
    },
    "/language": {"language": "en", "next": "/"},
    "/forgot": {"email": "nobody@example.com"},
    "/reset/{token}": {"password": "a long enough password"},
    "/brands": {"name": "Matrix brand"},
    "/settings/profile": {"name": "Same Name", "language": "en"},
    "/settings/password": {"current": "not the password", "new": "another long password"},
    "/settings/tokens": {"name": "matrix"},
    "/settings/people": {"name": "x", "email": "bad email", "password": "short", "role": "member"},
    "/settings/people/{person_id}": {"role": "member", "active": "on"},
    "/imports/draft/{draft}": {"action": "update"},
}


def requirement(route: APIRoute) -> Permission | str | None:
    def walk(dependant: Any) -> Permission | str | None:
        for dependency in dependant.dependencies:
            found = guard_of(dependency) or walk(dependency)
            if found is not None:
                return found
        return None

    return walk(route.dependant)


def api_routes(routes: Any) -> list[APIRoute]:
    """Every APIRoute, including those inside routers that FastAPI keeps wrapped (it lists an
    included router as one entry whose ``original_router`` holds the routes)."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found.extend(api_routes(route.original_router.routes))
    return found


def routes(app: Any) -> list[tuple[APIRoute, str]]:
    return [(r, m) for r in api_routes(app.routes) for m in sorted(r.methods or ()) if m != "HEAD"]


def test_the_walk_sees_every_page_and_endpoint(workspace: Workspace) -> None:
    """The matrix below is only as good as the list of routes it walks."""
    paths = {r.path for r, _m in routes(create_app(workspace))}
    assert len(paths) > 50
    assert {"/api/creators", "/discover", "/settings/people/{person_id}", "/jobs/{job_id}"} <= paths


def test_every_route_declares_who_may_use_it(workspace: Workspace) -> None:
    unguarded = [
        f"{m} {r.path}" for r, m in routes(create_app(workspace)) if requirement(r) is None
    ]
    assert unguarded == []


@pytest.fixture
def matrix_setup(filled: Workspace, people: People, tmp_path: Any) -> dict[str, str]:
    """Real ids for the path parameters."""
    owner_client = TestClient(create_app(filled), follow_redirects=False)
    csrf = log_in(owner_client, filled, people.owner)
    path = write_csv(
        tmp_path / "upload.csv", [["platform", "handle", "followers"], ["tiktok", "someone", "10"]]
    )
    with path.open("rb") as handle:
        response = owner_client.post(
            "/imports/new",
            data={"csrf_token": csrf},
            files={"file": ("upload.csv", handle, "text/csv")},
        )
    assert response.status_code == 303, response.text
    draft = response.headers["location"].rsplit("/", 1)[1]
    job = filled.jobs.submit("import", "matrix job", {"files": [], "options": {}}, people.owner.id)
    _token, info = filled.team.create_api_token(people.owner, "matrix")
    return {
        "platform": "instagram",
        "handle": "mint.review",
        "job_id": str(job.id),
        "draft": draft,
        "token": "not-a-real-token",
        "token_id": str(info.id),
        "person_id": str(people.member.id),
        "shortlist_id": "999999",
        "shortlist": "nothing",
        "name": "metrics",  # /help/{name}
        "campaign_id": "999999",  # not there: allowed routes answer 404, others 403
        "submission_id": "999999",
        "reference": "instagram:mint.review",
        "tier": "micro",
        "deliverable": "post",
        "shop": "noshop",  # a shop's webhook address: unknown, and nothing signed anyway
        "source": "woocommerce",  # a shop's kind (rotating an unknown shop's secret: 404)
        "code": "nolink1",  # a tracking link's short code (none: allowed roles get 404)
    }


@pytest.mark.parametrize(
    "role",
    [None, Role.OWNER, Role.MEMBER, Role.CLIENT],
    ids=["visitor", "owner", "member", "client"],
)
def test_permission_matrix(
    filled: Workspace, people: People, matrix_setup: dict[str, str], role: Role | None
) -> None:
    app = create_app(filled)
    failures = []
    for route, method in routes(app):
        client = TestClient(app, follow_redirects=False)
        csrf = log_in(client, filled, people.of(role)) if role else anonymous_csrf(client)
        url = re.sub(r"\{(\w+)(:[^}]*)?\}", lambda m: matrix_setup[m[1]], route.path)
        data = {**FORMS.get(route.path, {}), "csrf_token": csrf} if method == "POST" else None
        response = client.request(method, url, data=data, headers={"X-CSRF-Token": csrf})
        needed = requirement(route)
        location = response.headers.get("location", "")
        if needed == "signed":  # a shop or program: its own proof, never a session
            ok = response.status_code in (400, 401, 404) and not location
            expected = "400, 401 or 404 (no signature or token)"
        elif needed == "public":
            ok = response.status_code not in (401, 403) and not location.startswith("/login?")
            expected = "allowed"
        elif role is None:
            if route.path.startswith("/api"):
                ok, expected = response.status_code == 401, "401"
            else:
                ok, expected = (
                    (response.status_code == 303 and location.startswith("/login?next=")),
                    "login redirect",
                )
        elif needed in ROLE_PERMISSIONS[role]:
            ok = response.status_code not in (401, 403) and not location.startswith("/login")
            expected = "allowed"
        else:
            ok, expected = response.status_code == 403, "403"
        if not ok:
            failures.append(f"{method} {url}: expected {expected}, got {response.status_code}")
    assert failures == []


def test_api_answers_401_in_json_without_a_session(app_client: TestClient) -> None:
    response = app_client.get("/api/creators")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["www-authenticate"] == "Bearer"
    assert "token" in response.json()["detail"]


def test_api_tokens_work_and_can_be_revoked(
    filled: Workspace, people: People, app_client: TestClient
) -> None:
    token, info = filled.team.create_api_token(people.member, "script")
    headers = {"Authorization": f"Bearer {token}"}
    assert app_client.get("/api/creators", headers=headers).json()["total"] == 2
    assert app_client.get("/api/me", headers=headers).json()["role"] == "member"
    assert filled.team.revoke_api_token(people.member, info.id)
    assert app_client.get("/api/creators", headers=headers).status_code == 401
    wrong = {"Authorization": "Bearer ks_not-a-token"}
    assert app_client.get("/api/creators", headers=wrong).status_code == 401
    client_token, _info = filled.team.create_api_token(people.client, "client")
    forbidden = app_client.get("/api/creators", headers={"Authorization": f"Bearer {client_token}"})
    assert forbidden.status_code == 403


def test_error_pages_are_in_the_readers_language(
    workspace: Workspace, people: People, app_client: TestClient
) -> None:
    thai = {"Accept-Language": "th-TH,th;q=0.9"}
    log_in(app_client, workspace, people.client)
    forbidden = app_client.get("/imports", headers=thai)
    assert forbidden.status_code == 403
    assert "คุณไม่มีสิทธิ์เข้าถึงหน้านี้" in forbidden.text
    assert "You do not have access" not in forbidden.text
    missing = app_client.get("/no-such-page", headers=thai)
    assert missing.status_code == 404
    assert "ไม่พบหน้านี้" in missing.text
    assert "Not Found" not in missing.text

    app = create_app(workspace)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    broken = TestClient(app, raise_server_exceptions=False)
    log_in(broken, workspace, people.owner)
    page = broken.get("/boom", headers=thai)
    assert page.status_code == 500
    assert "ระบบขัดข้องชั่วคราว" in page.text
    assert "a bug" not in page.text
    assert broken.get("/api/boom").status_code == 404  # the API answers JSON, not pages
