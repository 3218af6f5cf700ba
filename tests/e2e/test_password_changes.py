"""A new password ends sessions and, by default, API tokens; ids past 2^63 are a 4xx."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kolscope.bootstrap import Workspace
from kolscope.entrypoints.web.app import create_app
from tests.e2e.conftest import PASSWORD, People, log_in

NEW_PASSWORD = "a brand new password"
HUGE = str(2**63)


def _token_works(workspace: Workspace, token: str) -> bool:
    return workspace.team.user_for_api_token(token) is not None


@pytest.mark.parametrize("revoke", [True, False])
def test_changing_the_password_offers_to_revoke_tokens(
    workspace: Workspace, people: People, revoke: bool
) -> None:
    token, _info = workspace.team.create_api_token(people.member, "script")
    other_session, _user = workspace.team.login(people.member.email, PASSWORD, "elsewhere")
    client = TestClient(create_app(workspace), follow_redirects=False)
    csrf = log_in(client, workspace, people.member)
    page = client.get("/settings", headers={"Accept-Language": "en"}).text
    assert 'name="revoke_tokens" value="true" checked' in page  # offered, on by default
    form = {"csrf_token": csrf, "current": PASSWORD, "new": NEW_PASSWORD}
    if revoke:
        form["revoke_tokens"] = "true"
    changed = client.post("/settings/password", data=form)
    assert changed.status_code == 303
    assert _token_works(workspace, token) is not revoke
    assert workspace.team.session(other_session) is None  # every session ended
    revoked = [i.revoked_at is not None for i in workspace.team.api_tokens(people.member)]
    assert revoked == [revoke]


def test_a_password_reset_revokes_tokens_and_ends_sessions(
    workspace: Workspace, people: People
) -> None:
    tokens = [workspace.team.create_api_token(people.member, f"t{i}")[0] for i in range(2)]
    owners_token, _info = workspace.team.create_api_token(people.owner, "not theirs")
    session, _user = workspace.team.login(people.member.email, PASSWORD, "somewhere")
    reset = workspace.team.start_password_reset(people.member.email)
    assert reset is not None
    workspace.team.finish_password_reset(reset, NEW_PASSWORD)
    assert not any(_token_works(workspace, t) for t in tokens)
    assert workspace.team.session(session) is None
    assert _token_works(workspace, owners_token)  # only the person's own


def test_huge_ids_in_settings_are_not_server_errors(workspace: Workspace, people: People) -> None:
    client = TestClient(create_app(workspace), follow_redirects=False)
    csrf = log_in(client, workspace, people.owner)
    for path in (
        f"/settings/tokens/{HUGE}/revoke",
        f"/settings/people/{HUGE}",
        "/settings/tokens/-1/revoke",
        "/settings/people/%C2%B2",
    ):
        response = client.post(path, data={"csrf_token": csrf})
        assert response.status_code in {400, 404, 422}, (path, response.status_code)
    member = client.post(
        f"/settings/people/{people.member.id}",
        data={"csrf_token": csrf, "role": "member", "active": "on", "brands": ["²", HUGE]},
    )
    assert member.status_code == 303
    # The largest id an INTEGER column holds on PostgreSQL: a well-formed id of no row.
    for path in (f"/settings/tokens/{2**31 - 1}/revoke", f"/settings/people/{2**31 - 1}"):
        assert client.post(path, data={"csrf_token": csrf}).status_code == 404
