"""Creating organisations: ``kolscope orgs create`` / ``orgs list`` and the admin page, where
only owners of the first organisation (the site admins) may create one."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kolscope.bootstrap import Workspace
from kolscope.entrypoints.cli.app import app
from kolscope.entrypoints.web.app import create_app
from tests.e2e.conftest import PASSWORD, People, log_in


def test_orgs_create_and_list_on_the_command_line(
    workspace: Workspace, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("KOLSCOPE_WORKSPACE", "KOLSCOPE_DATABASE_URL", "KOLSCOPE_REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    if workspace.settings.database_url:
        monkeypatch.setenv("KOLSCOPE_DATABASE_URL", workspace.settings.database_url)
    runner = CliRunner()
    ws = str(workspace.settings.workspace)
    created = runner.invoke(
        app,
        [
            "-w", ws, "orgs", "create", "Rival agency", "--owner", "Rita@Example.com",
            "--name", "Rita Rival", "--password", PASSWORD,
        ],
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    assert "Rival agency" in created.output
    rita, _name = workspace.team.login("rita@example.com", PASSWORD, "test")
    assert rita  # the new owner can log in
    user = workspace.team.user_by_email("rita@example.com")
    assert user is not None
    assert user.organisation.name == "Rival agency"
    assert user.organisation.id != people.owner.organisation.id

    taken = runner.invoke(
        app, ["-w", ws, "orgs", "create", "Copycat", "--owner", "rita@example.com",
              "--password", PASSWORD],
    )  # fmt: skip
    assert taken.exit_code == 2
    assert "already has an account" in taken.output
    short = runner.invoke(
        app, ["-w", ws, "orgs", "create", "Weak", "--owner", "w@example.com", "--password", "x"]
    )
    assert short.exit_code == 2
    listed = runner.invoke(app, ["-w", ws, "orgs", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    found = json.loads(listed.output)
    assert [o["name"] for o in found] == ["Agency", "Rival agency"]  # nothing half-made
    assert found[1]["owners"] == ["rita@example.com"]
    assert found[0]["people"] == 3
    table = runner.invoke(app, ["-w", ws, "orgs", "list"])
    assert "Rival agency" in table.output


def test_site_admins_create_organisations_on_the_admin_page(
    workspace: Workspace, people: People
) -> None:
    web = create_app(workspace)
    admin = TestClient(web, follow_redirects=False)
    csrf = log_in(admin, workspace, people.owner)
    assert admin.get("/admin/organisations").status_code == 200
    assert 'href="/admin/organisations"' in admin.get("/settings").text
    form = {
        "csrf_token": csrf,
        "name": "Rival <b>agency</b>",
        "owner_email": "rita@example.com",
        "owner_name": "Rita",
        "password": PASSWORD,
    }
    bad = admin.post("/admin/organisations", data={**form, "password": "short"})
    assert bad.status_code == 400
    assert "10 characters" in bad.text
    made = admin.post("/admin/organisations", data=form)
    assert made.status_code == 303
    shown = admin.get(made.headers["location"])
    assert "Rival &lt;b&gt;agency&lt;/b&gt;" in shown.text  # escaped
    assert "<b>agency</b>" not in shown.text
    again = admin.post("/admin/organisations", data=form)
    assert again.status_code == 400
    assert "already has an account" in again.text

    rita = workspace.team.user_by_email("rita@example.com")
    assert rita is not None
    for person in (rita, people.member):  # another organisation's owner; a member
        client = TestClient(web, follow_redirects=False)
        their_csrf = log_in(client, workspace, person)
        assert client.get("/admin/organisations").status_code == 403
        assert 'href="/admin/organisations"' not in client.get("/settings").text
        refused = client.post("/admin/organisations", data={**form, "csrf_token": their_csrf})
        assert refused.status_code == 403
    assert len(workspace.organisations.organisations()) == 2
