"""The upload review page: bad choices are refused with 400 and a clear message, and the file's
detection is kept with the draft instead of being redone on every view."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from kolscope.bootstrap import Workspace
from kolscope.catalogue.importing.plan import FilePlan, ImportOptions
from tests.e2e.conftest import People, log_in
from tests.factories import write_csv


@pytest.fixture
def owner(app_client: TestClient, workspace: Workspace, people: People) -> str:
    return log_in(app_client, workspace, people.owner)


def _upload(client: TestClient, csrf: str, path: Path, **form: str) -> Any:
    with path.open("rb") as handle:
        return client.post(
            "/imports/new",
            data={"csrf_token": csrf, **form},
            files={"file": (path.name, handle, "text/csv")},
        )


@pytest.fixture
def draft(app_client: TestClient, owner: str, tmp_path: Path) -> str:
    path = write_csv(
        tmp_path / "ig-2026-10-01.csv",
        [["platform", "handle", "followers"], ["instagram", "mint.review", "9,000"]],
    )
    response = _upload(app_client, owner, path)
    assert response.status_code == 303, response.text
    return str(response.headers["location"].rsplit("/", 1)[1])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kind", "bogus", "Unknown kind of file: bogus"),
        ("platform", "bogus", "Unknown platform: bogus"),
        ("as_of", "notadate", "Not a date: notadate"),
    ],
)
def test_unknown_choices_are_refused_with_400(
    app_client: TestClient, owner: str, draft: str, field: str, value: str, message: str
) -> None:
    response = app_client.post(
        f"/imports/draft/{draft}", data={"csrf_token": owner, "action": "import", field: value}
    )
    assert response.status_code == 400
    assert message in response.text
    app_client.cookies.set("kolscope_lang", "th")
    thai = app_client.post(
        f"/imports/draft/{draft}",
        data={"csrf_token": owner, "action": "update", field: value},
        headers={"Accept-Language": "th"},
    )
    assert thai.status_code == 400
    assert value in thai.text
    assert message not in thai.text  # translated


@pytest.mark.parametrize(
    ("field", "value"), [("kind", "bogus"), ("platform", "bogus"), ("as_of", "notadate")]
)
def test_unknown_choices_at_upload_are_refused_with_400(
    app_client: TestClient, owner: str, tmp_path: Path, field: str, value: str
) -> None:
    path = write_csv(tmp_path / "a.csv", [["platform", "handle"], ["instagram", "a"]])
    response = _upload(app_client, owner, path, **{field: value})
    assert response.status_code == 400
    assert value in response.text


def test_a_second_view_reads_the_kept_detection(
    app_client: TestClient,
    workspace: Workspace,
    owner: str,
    draft: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[Sequence[Path]] = []
    planner = workspace.importer.plan

    def counting(paths: Sequence[Path], options: ImportOptions) -> list[FilePlan]:
        calls.append(paths)
        return planner(paths, options)

    monkeypatch.setattr(workspace.importer, "plan", counting)
    first = app_client.get(f"/imports/draft/{draft}")
    assert first.status_code == 200
    second = app_client.get(f"/imports/draft/{draft}")
    assert second.status_code == 200
    assert len(calls) == 1
    assert second.text == first.text  # the kept plan shows the same page
    changed = app_client.post(
        f"/imports/draft/{draft}",
        data={"csrf_token": owner, "action": "update", "platform": "tiktok"},
    )
    assert changed.status_code == 303
    assert len(calls) == 2  # other options: detected again
    after = app_client.get(f"/imports/draft/{draft}")
    assert after.status_code == 200
    assert len(calls) == 2
    assert "TikTok" in after.text


def test_an_upload_named_like_the_draft_file_does_not_overwrite_it(
    app_client: TestClient, owner: str, tmp_path: Path
) -> None:
    path = tmp_path / "draft.json"
    path.write_text('[{"platform": "instagram", "handle": "a"}]', encoding="utf-8")
    response = _upload(app_client, owner, path)
    assert response.status_code == 303
    review = app_client.get(response.headers["location"])
    assert review.status_code == 200
    assert "upload-draft.json" in review.text


def test_the_import_log_shows_file_names_in_the_readers_time(
    app_client: TestClient, owner: str, workspace: Workspace, people: People, tmp_path: Path
) -> None:
    secret_folder = tmp_path / "uploads" / "Zq8token"
    secret_folder.mkdir(parents=True)
    path = write_csv(
        secret_folder / "creators.csv",
        [["platform", "handle", "followers"], ["instagram", "mint.review", "9,000"]],
    )
    options = ImportOptions()
    workspace.importer.run(
        workspace.importer.plan([path], options),
        options,
        organisation_id=people.owner.organisation.id,
    )
    page = app_client.get("/imports").text
    assert "creators.csv" in page
    assert "Zq8token" not in page
    assert str(tmp_path) not in page
    api = app_client.get("/api/imports").json()
    assert "Zq8token" not in str(api)
    started = workspace.importer.recent_imports(1, people.owner.organisation.id)[0].started_at
    bangkok = started.astimezone(ZoneInfo("Asia/Bangkok"))
    assert f"{bangkok:%H:%M}" in page  # the page's time is Bangkok's, as everywhere else


def test_the_review_shows_the_preview_as_a_table_with_thai_as_thai(
    app_client: TestClient, owner: str, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "tv-2026-10-01.csv",
        [
            ["platform", "handle", "display_name", "followers"],
            ["tiktok", "one31", "ช่อง one31", "1,200,000"],
            ["tiktok", "", "no handle", "5"],
        ],
    )
    response = _upload(app_client, owner, path)
    assert response.status_code == 303
    review = app_client.get(response.headers["location"]).text
    preview = review[review.index('id="preview"') :]
    assert '<th scope="col">display_name</th>' in preview
    assert "<td>ช่อง one31</td>" in preview
    assert "\\u0e0a" not in review  # no escaped Thai
    assert "{&#34;" not in preview  # no JSON
    assert '{"' not in preview
    assert 'class="warning"' in preview  # the row without a handle says what is wrong
    assert review.index('id="import-now"') < review.index('id="mapping"')  # Import comes first
    assert ">Display name (display_name)</option>" in review  # a name, the key as a hint
    thai = app_client.get(response.headers["location"], headers={"Accept-Language": "th"}).text
    assert ">ผู้ติดตาม (followers)</option>" in thai
