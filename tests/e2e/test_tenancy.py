"""Organisations are fully apart: jobs, the import log and upload drafts of one organisation
are invisible (404, as if they did not exist) to every person of another, on pages and in the
API, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kolscope.bootstrap import Workspace
from kolscope.catalogue.importing.jobs import submit_import
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.domain.team import Role, User
from kolscope.entrypoints.web.app import create_app
from kolscope.team.db.team_store import SqlTeamStore
from tests.e2e.conftest import PASSWORD, People, log_in
from tests.factories import write_csv


def _second_organisation(workspace: Workspace) -> tuple[User, User]:
    other = SqlTeamStore(workspace.engine).create_organisation("Rival agency", datetime.now(UTC))
    owner = workspace.team.add_user(other, "rival@example.com", "Rita Rival", PASSWORD, Role.OWNER)
    member = workspace.team.add_user(
        other, "rival.member@example.com", "Ron Rival", PASSWORD, Role.MEMBER
    )
    return owner, member


def _upload(client: TestClient, csrf: str, path: Path) -> str:
    with path.open("rb") as handle:
        response = client.post(
            "/imports/new",
            data={"csrf_token": csrf},
            files={"file": (path.name, handle, "text/csv")},
        )
    assert response.status_code == 303, response.text
    return response.headers["location"].rsplit("/", 1)[1]


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "agency-secret-list.csv",
        [["platform", "handle", "followers"], ["tiktok", "someone", "10"]],
    )


def test_another_organisation_sees_none_of_our_jobs_imports_or_drafts(
    workspace: Workspace, people: People, secret_file: Path
) -> None:
    app = create_app(workspace)
    ours = TestClient(app, follow_redirects=False)
    csrf = log_in(ours, workspace, people.owner)
    draft = _upload(ours, csrf, secret_file)
    job = submit_import(
        workspace.jobs, [secret_file], ImportOptions(), user_id=people.member.id
    )  # a web import of our member: ours
    options = ImportOptions()
    workspace.importer.run(
        workspace.importer.plan([secret_file], options),
        options,
        organisation_id=people.owner.organisation.id,
    )

    # we see all of it
    assert ours.get(f"/jobs/{job.id}").status_code == 200
    assert ours.get(f"/api/jobs/{job.id}").status_code == 200
    assert ours.get(f"/imports/draft/{draft}").status_code == 200
    assert secret_file.name in ours.get("/imports").text
    assert secret_file.name in ours.get("/api/imports").text

    for person in _second_organisation(workspace):
        theirs = TestClient(app, follow_redirects=False)
        their_csrf = log_in(theirs, workspace, person)
        assert theirs.get(f"/jobs/{job.id}").status_code == 404
        assert theirs.get(f"/api/jobs/{job.id}").status_code == 404
        assert theirs.get(f"/imports/draft/{draft}").status_code == 404
        confirm = theirs.post(
            f"/imports/draft/{draft}", data={"csrf_token": their_csrf, "action": "import"}
        )
        assert confirm.status_code == 404
        page = theirs.get("/imports")
        assert page.status_code == 200
        assert secret_file.name not in page.text
        assert "Import of" not in page.text
        listed = theirs.get("/api/imports")
        assert listed.status_code == 200
        assert listed.json() == []
        home = theirs.get("/")
        assert secret_file.name not in home.text
        # their own work stays theirs, and is invisible to us
        their_draft = _upload(theirs, their_csrf, secret_file)
        assert theirs.get(f"/imports/draft/{their_draft}").status_code == 200
        assert ours.get(f"/imports/draft/{their_draft}").status_code == 404
    assert [j.id for j in workspace.jobs.recent(10)] == [job.id]  # the refused confirm queued none


def test_jobs_and_imports_without_an_organisation_belong_to_the_first(
    workspace: Workspace, people: People, secret_file: Path
) -> None:
    """The command line runs as the installation: its jobs and imports have no organisation
    and are shown to the first organisation only."""
    job = submit_import(workspace.jobs, [secret_file], ImportOptions())
    assert job.organisation_id is None
    options = ImportOptions()
    workspace.importer.run(workspace.importer.plan([secret_file], options), options)
    first = people.owner.organisation.id
    rival, _member = _second_organisation(workspace)
    assert workspace.jobs.get(job.id, first) is not None
    assert workspace.jobs.get(job.id, rival.organisation.id) is None
    assert workspace.jobs.get(job.id) is not None  # the command line sees every job
    assert len(workspace.import_log.recent_imports(10, first)) == 1
    assert workspace.import_log.recent_imports(10, rival.organisation.id) == []
    assert workspace.jobs.recent(10, organisation_id=rival.organisation.id) == []
    rival_job = submit_import(workspace.jobs, [secret_file], ImportOptions(), user_id=rival.id)
    assert rival_job.organisation_id == rival.organisation.id
    assert [j.id for j in workspace.jobs.recent(10, organisation_id=first)] == [job.id]


def test_huge_job_numbers_are_refused_not_failed(
    app_client: TestClient, workspace: Workspace, people: People
) -> None:
    log_in(app_client, workspace, people.owner)
    for url in ("/api/jobs/9223372036854775808", "/jobs/9223372036854775808", "/api/jobs/0"):
        response = app_client.get(url)
        assert response.status_code in (400, 404, 422), (url, response.status_code)
    assert app_client.get(f"/api/jobs/{2**31 - 1}").status_code == 404
