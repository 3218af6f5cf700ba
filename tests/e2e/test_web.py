"""The web app over HTTP: pages people use and the JSON API, with hostile text in the data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from kolscope.bootstrap import Workspace
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.entrypoints.web.app import create_app
from tests.e2e.conftest import People, log_in
from tests.e2e.live import live_app
from tests.factories import write_csv

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def import_rows(workspace: Workspace, path: Path) -> None:
    options = ImportOptions()
    report = workspace.importer.run(workspace.importer.plan([path], options), options)
    assert report.committed, report.to_dict()


@pytest.fixture
def hostile(workspace: Workspace, people: People, tmp_path: Path) -> Workspace:
    import_rows(
        workspace,
        write_csv(
            tmp_path / "ig-2026-09-01.csv",
            [
                ["platform", "handle", "display_name", "followers", "bio", "province"],
                [
                    "instagram",
                    "mint.review",
                    HOSTILE,
                    "9,000",
                    f"รีวิวสกินแคร์ {HOSTILE}",
                    "Chiang Mai",
                ],
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
    import_rows(
        workspace,
        write_csv(
            tmp_path / "posts.csv",
            [
                ["platform", "handle", "post_id", "caption", "likes"],
                ["instagram", "mint.review", "p1", f"โพสต์ {HOSTILE} #รีวิว", "120"],
            ],
        ),
    )
    import_rows(
        workspace,
        write_csv(
            tmp_path / "comments.csv",
            [["platform", "post_id", "comment", "author"], ["instagram", "p1", HOSTILE, "someone"]],
        ),
    )
    return workspace


@pytest.fixture
def client(hostile: Workspace, people: People) -> TestClient:
    client = TestClient(create_app(hostile))
    log_in(client, hostile, people.member)
    return client


def test_pages_escape_untrusted_text(client: TestClient) -> None:
    for url in ("/", "/creators", "/creators/instagram/mint.review", "/imports"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "<script>alert" not in page.text, url
        assert "onerror=alert" not in page.text or "&lt;img" in page.text, url
    detail = client.get("/creators/instagram/mint.review").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in detail
    assert "<svg" in detail  # the follower chart, drawn on the server
    assert "9.5K" in detail
    assert "Chiang Mai" in detail
    assert "(pseudonym)" in detail


def test_creator_list_filters_and_pages(client: TestClient) -> None:
    page = client.get(
        "/creators", params={"q": "food", "platform": "instagram", "tier": "", "scheme": "standard"}
    )
    assert page.status_code == 200
    assert "bkk_foodie" in page.text
    assert "mint.review" not in page.text
    tier = client.get("/creators", params={"tier": "micro", "scheme": "standard"})
    assert "bkk_foodie" in tier.text
    assert "mint.review" not in tier.text
    bad = client.get("/creators", params={"min_followers": "lots"})
    assert bad.status_code == 400
    assert "min_followers" in bad.text


def test_a_channel_name_with_a_slash_has_a_page(
    workspace: Workspace, people: People, tmp_path: Path
) -> None:
    """Real YouTube exports hold channel names like "أترو/Atro" in the handle column."""
    import_rows(
        workspace,
        write_csv(
            tmp_path / "yt.csv",
            [["platform", "handle", "followers"], ["youtube", "أترو/Atro", "120000"]],
        ),
    )
    client = TestClient(create_app(workspace))
    log_in(client, workspace, people.member)
    listing = client.get("/creators")
    assert "/creators/youtube/%D8%A3%D8%AA%D8%B1%D9%88/Atro" in listing.text
    page = client.get("/creators/youtube/%D8%A3%D8%AA%D8%B1%D9%88%2FAtro")
    assert page.status_code == 200
    assert "أترو/Atro" in page.text


def test_missing_pages_say_so(client: TestClient) -> None:
    page = client.get("/creators/instagram/nobody")
    assert page.status_code == 404
    assert "Not found" in page.text


def test_api_creators(client: TestClient) -> None:
    data = client.get("/api/creators", params={"min_followers": "10K"}).json()
    assert data["total"] == 1
    item = data["creators"][0]
    assert item["handle"] == "bkk_foodie"
    assert item["tier"]["label"] == "micro (standard)"
    assert item["snapshots"][0]["followers"] == 45_000
    detail = client.get("/api/creators/instagram/mint.review").json()
    assert [s["followers"] for s in detail["snapshots"]] == [9_000, 9_500]
    assert detail["display_name"] == HOSTILE  # JSON carries text as it is; pages escape it
    assert detail["recent_posts"][0]["hashtags"] == ["รีวิว"]
    assert client.get("/api/creators/instagram/nobody").status_code == 404
    assert client.get("/api/creators", params={"tier": "giga"}).status_code == 400
    stats = client.get("/api/stats").json()
    assert (stats["accounts"], stats["posts"], stats["comments"]) == (2, 1, 1)
    tiers = client.get("/api/tiers").json()
    assert {t["name"] for t in tiers} == {"standard", "wide-micro", "kol-th"}
    imports = client.get("/api/imports").json()
    assert imports[0]["status"] == "succeeded"


def test_api_is_documented_and_served_offline(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/creators" in schema["paths"]
    assert "CreatorOut" in schema["components"]["schemas"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/vendor/plotly.min.js").status_code == 200
    for page in ("/", "/creators"):
        html = client.get(page).text
        assert "http://" not in html.replace("http://testserver", "")
        assert "https://" not in html


def test_static_files_are_served_gzipped_and_cached(client: TestClient) -> None:

    for path in ("/static/vendor/plotly.min.js", "/static/swagger/swagger-ui-bundle.js"):
        plain = client.get(path, headers={"Accept-Encoding": "identity"})
        packed = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert plain.headers.get("content-encoding") is None
        assert packed.headers["content-encoding"] == "gzip"
        assert packed.headers["cache-control"] == "public, max-age=86400"
        assert packed.headers["vary"] == "Accept-Encoding"
        assert packed.content == plain.content  # the client undoes the gzip
        size = int(packed.headers["content-length"])
        assert size < len(plain.content) / 2, (path, size)
    css = client.get("/static/kolscope.css", headers={"Accept-Encoding": "gzip"})
    assert css.status_code == 200
    assert css.headers["content-encoding"] == "gzip"


@pytest.fixture
def live_server(filled: Workspace) -> Iterator[str]:
    with live_app(filled) as url:
        yield url


def test_over_real_http(live_server: str, hostile: Workspace, people: People) -> None:
    token, _info = hostile.team.create_api_token(people.member, "http")
    with httpx.Client(base_url=live_server) as http:
        assert http.get("/creators").status_code == 303  # log in first
        assert http.get("/static/kolscope.css").headers["content-type"].startswith("text/css")
        assert http.get("/api/creators").status_code == 401
        headers = {"Authorization": f"Bearer {token}"}
        assert http.get("/api/creators", headers=headers).json()["total"] == 2


def test_a_thai_page_shows_thai_formats_until_the_person_chooses(
    client: TestClient, hostile: Workspace, people: People
) -> None:
    thai = {"Accept-Language": "th-TH,th;q=0.9"}
    settings = client.get("/settings", headers=thai).text
    assert 'name="buddhist_era" value="true" checked' in settings
    assert 'name="thai_units" value="true" checked' in settings
    english = client.get("/settings", headers={"Accept-Language": "en"}).text
    assert 'name="buddhist_era" value="true" checked' not in english
    hostile.team.update_preferences(people.member, buddhist_era=False, thai_units=False)
    chosen = client.get("/settings", headers=thai).text
    assert 'name="buddhist_era" value="true" checked' not in chosen
