"""Logged-in HTTP clients for each role, on a workspace with a little data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kolscope.bootstrap import Workspace
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.domain.brands import Brand
from kolscope.domain.team import Role, User
from kolscope.entrypoints.web.app import create_app
from kolscope.entrypoints.web.security import CSRF_COOKIE, SESSION_COOKIE
from tests.factories import write_csv

PASSWORD = "a long enough password"


@dataclass
class People:
    owner: User
    member: User
    client: User

    def of(self, role: Role) -> User:
        return {Role.OWNER: self.owner, Role.MEMBER: self.member, Role.CLIENT: self.client}[role]


@pytest.fixture
def people(workspace: Workspace) -> People:
    team = workspace.team
    owner = team.create_first_owner("Agency", "owner@example.com", "Olivia Owner", PASSWORD)
    member = team.add_user(
        owner.organisation, "member@example.com", "Max Member", PASSWORD, Role.MEMBER
    )
    client = team.add_user(
        owner.organisation, "client@example.com", "Chai Client", PASSWORD, Role.CLIENT
    )
    with workspace.unit_of_work() as uow:
        granted = uow.catalogue.save_brand(
            Brand("Glow Lab", ("glowlab.th",), ("glowlab",), organisation_id=owner.organisation.id)
        )
        uow.catalogue.save_brand(Brand("Other Brand", organisation_id=owner.organisation.id))
        uow.commit()
    assert granted.id is not None
    team.set_grants(owner, client.id, {granted.id})
    client = team.user(client.id) or client
    return People(owner, member, client)


def import_rows(workspace: Workspace, path: Path) -> None:
    options = ImportOptions()
    report = workspace.importer.run(workspace.importer.plan([path], options), options)
    assert report.committed, report.to_dict()


@pytest.fixture
def app_client(workspace: Workspace) -> TestClient:
    return TestClient(create_app(workspace), follow_redirects=False)


def log_in(client: TestClient, workspace: Workspace, user: User) -> str:
    """Give the client a session for ``user``; returns the session's CSRF token."""
    token, _user = workspace.team.login(user.email, PASSWORD, "testclient")
    client.cookies.set(SESSION_COOKIE, token)
    session = workspace.team.session(token)
    assert session is not None
    return session.csrf_token


def anonymous_csrf(client: TestClient) -> str:
    client.get("/login")
    token = client.cookies.get(CSRF_COOKIE)
    assert token
    return token


@pytest.fixture
def filled(workspace: Workspace, people: People, tmp_path: Path) -> Workspace:
    import_rows(
        workspace,
        write_csv(
            tmp_path / "ig-2026-09-01.csv",
            [
                ["platform", "handle", "display_name", "followers", "bio", "province"],
                ["instagram", "mint.review", "Mint", "9,000", "รีวิวสกินแคร์", "Chiang Mai"],
                ["instagram", "bkk_foodie", "BKK Foodie", "45K", "street food", "Bangkok"],
            ],
        ),
    )
    import_rows(
        workspace,
        write_csv(
            tmp_path / "ig-2026-10-01.csv",
            [["platform", "handle", "followers"], ["instagram", "mint.review", "9.5K"]],
        ),
    )
    return workspace
