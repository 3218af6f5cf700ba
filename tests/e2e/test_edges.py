"""Edges of issue #15: the demo's brand client lands on their brands, the docs a page names are
working links (/help), charts, the import history and job statuses read in Thai with the
person's formats."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kolscope.bootstrap import Workspace, open_workspace
from kolscope.catalogue.demo.build import DEMO_PASSWORD
from kolscope.config import Settings
from kolscope.domain.team import Scope
from kolscope.entrypoints.web.app import create_app
from kolscope.entrypoints.web.i18n import THAI_MONTHS
from kolscope.entrypoints.web.pages.help_pages import docs_folder, document, source
from kolscope.entrypoints.web.security import SESSION_COOKIE
from kolscope.planning.demo import DEMO_CAMPAIGN
from tests.e2e.conftest import People, log_in

CLIENT = "client@kolscope.local"
THAI = {"accept-language": "th-TH,th;q=0.9"}


def figure(page: str, name: str) -> dict[str, Any]:
    found = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', page)
    assert found, name
    data: dict[str, Any] = json.loads(found.group(1))
    return data


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    workspace = open_workspace(Settings(workspace=tmp_path_factory.mktemp("demo") / "ws"))
    workspace.build_demo(seed=3, creators=30, today=date(2026, 11, 24))
    try:
        yield workspace
    finally:
        workspace.close()


def test_the_demo_client_lands_on_their_brands_in_thai(demo: Workspace) -> None:
    client = TestClient(create_app(demo), follow_redirects=False)
    token, user = demo.team.login(CLIENT, DEMO_PASSWORD, "testclient")
    client.cookies.set(SESSION_COOKIE, token)
    client.headers.update(THAI)
    mine = demo.brands.visible(Scope.of(user))
    everyone = demo.brands.visible(Scope(user.organisation.id))
    assert len(mine) == 1
    assert len(everyone) > 1
    landing = client.get("/")
    assert landing.status_code == 200
    text = landing.text
    assert "แบรนด์ของคุณ" in text
    # what comes next, said plainly: the demo's campaign, with the content waiting for them
    assert DEMO_CAMPAIGN in text
    assert "ตรวจ (1)" in text  # one piece of content waits for the client's decision
    assert mine[0].name in text
    for handle in mine[0].handles:
        assert f"@{handle}" in text
    for other in everyone:
        if other.id != mine[0].id:
            assert other.name not in text, other.name
    # every link on the landing page, the main menu's included, is one the client may open
    links = set(re.findall(r'href="(/[^"#]*)"', text)) - {"/static/kolscope.css"}
    assert {"/brands", "/campaigns", "/settings"} <= links
    for link in links:
        if link.startswith("/static/"):
            continue
        opened = client.get(link)
        assert opened.status_code in (200, 303), (link, opened.status_code)
        if opened.status_code == 303:
            assert not opened.headers["location"].startswith("/login"), link


def test_the_metrics_note_links_to_the_definitions(filled: Workspace, people: People) -> None:
    client = TestClient(create_app(filled), follow_redirects=False)
    csrf = log_in(client, filled, people.member)
    client.post("/creators/instagram/mint.review/audit", data={"csrf_token": csrf})
    for headers, words, language, title, section, field in (
        ({}, "How the metrics are calculated", "en", "Metrics",
         "How every metric reads posts", "Numerator:"),
        (THAI, "วิธีคำนวณตัวชี้วัด", "th", "ตัวชี้วัด",
         "ตัวชี้วัดทุกตัวอ่านโพสต์อย่างไร", "ตัวเศษ:"),
    ):  # fmt: skip
        page = client.get("/creators/instagram/mint.review", headers=headers).text
        link = re.search(r'<a href="(/help/metrics)" id="metrics-help">([^<]+)</a>', page)
        assert link, page
        assert link.group(2) == words
        assert "docs/metrics.md" not in page
        shown = client.get(link.group(1), headers=headers)
        assert shown.status_code == 200
        # the reader's language: docs/th/metrics.md on a Thai page, docs/metrics.md otherwise
        assert f"<h1>{title}</h1>" in shown.text
        assert f"<h2>{section}</h2>" in shown.text
        assert f'<article class="help" lang="{language}">' in shown.text
        assert f"<strong>{field}</strong>" in shown.text
        assert "<code>engagement_rate_by_followers</code>" in shown.text
        assert 'id="help-language"' not in shown.text  # no "English only" note
    folder = docs_folder()
    assert folder is not None
    untranslated = next(
        p.stem for p in sorted(folder.glob("*.md")) if not (folder / "th" / p.name).is_file()
    )
    english_only = client.get(f"/help/{untranslated}", headers=THAI).text
    assert '<article class="help" lang="en">' in english_only
    assert 'id="help-language"' in english_only
    assert 'href="/help/metrics"' in client.get("/help/vetting").text  # links between docs
    assert client.get("/help/no-such-doc").status_code == 404
    assert client.get("/help/..%2Fpyproject").status_code == 404
    anonymous = TestClient(create_app(filled), follow_redirects=False)
    assert anonymous.get("/help/metrics").headers["location"].startswith("/login")


def test_help_pages_carry_no_markup_of_their_own(tmp_path: Any, monkeypatch: Any) -> None:
    from kolscope.entrypoints.web.pages import help_pages

    (tmp_path / "metrics.md").write_text(
        "# T\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) [v](vetting.md#a)"
        " [s](../src/x.py) ![i](screenshots/a.png)\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(help_pages, "PACKAGED", tmp_path)
    found = document("metrics")
    assert found is not None
    title, body = found
    assert title == "T"
    assert "<script>" not in body
    assert "&lt;script&gt;" in body
    assert 'href="javascript:' not in body
    assert 'href="/help/vetting#a"' in body
    assert 'href="../src/x.py"' not in body
    assert "<img" not in body


def test_a_reader_gets_the_document_in_their_language_when_there_is_one(
    tmp_path: Any, monkeypatch: Any
) -> None:
    from kolscope.entrypoints.web.pages import help_pages

    (tmp_path / "th").mkdir()
    for path, text in (
        ("metrics.md", "# Metrics\n"),
        ("th/metrics.md", "# ตัวชี้วัด\n"),
        ("vetting.md", "# Vetting\n"),
    ):
        (tmp_path / path).write_text(text, encoding="utf-8")
    monkeypatch.setattr(help_pages, "PACKAGED", tmp_path)
    assert source("metrics", "th") == (tmp_path / "th" / "metrics.md", "th")
    assert source("metrics", "en") == (tmp_path / "metrics.md", "en")
    assert source("metrics", "fr") == (tmp_path / "metrics.md", "en")  # not a language we have
    assert source("vetting", "th") == (tmp_path / "vetting.md", "en")  # no translation: English
    assert source("nothing", "th") is None
    assert source("../metrics", "th") is None
    thai, english = document("metrics", "th"), document("metrics")
    assert thai is not None
    assert thai[0] == "ตัวชี้วัด"
    assert english is not None
    assert english[0] == "Metrics"


def test_thai_charts_imports_and_jobs(filled: Workspace, people: People) -> None:
    client = TestClient(create_app(filled), follow_redirects=False)
    log_in(client, filled, people.owner)
    client.headers.update(THAI)
    page = client.get("/creators/instagram/mint.review").text
    followers = figure(page, "followers-figure")
    x = followers["layout"]["xaxis"]
    assert x["ticktext"][0] == "1 ก.ย. 2569"  # Thai month, Buddhist-era year
    assert x["ticktext"][-1] == "1 ต.ค. 2569"
    assert all("หมื่น" in t or "พัน" in t for t in followers["layout"]["yaxis"]["ticktext"])
    assert followers["data"][0]["text"][0] == "1 ก.ย. 2569<br>9 พัน"
    assert "1 ก.ย. 2569" in page  # the SVG drawn for pages without JavaScript
    # the person turns Buddhist-era years and Thai units off: the chart follows
    filled.team.update_preferences(people.owner, buddhist_era=False, thai_units=False)
    plain = figure(client.get("/creators/instagram/mint.review").text, "followers-figure")
    assert plain["layout"]["xaxis"]["ticktext"][0] == "1 ก.ย. 2026"
    assert plain["data"][0]["text"][0] == "1 ก.ย. 2026<br>9K"
    filled.team.update_preferences(people.owner, buddhist_era=True, thai_units=True)

    imports = client.get("/imports").text
    months = "|".join(re.escape(m) for m in THAI_MONTHS)
    started = re.findall(rf"<td>\d{{1,2}} (?:{months}) (25\d\d) \d\d:\d\d</td>", imports)
    assert len(started) >= 2, imports  # both imports, Bangkok time, Buddhist-era years
    assert ">สำเร็จ<" in imports  # the import log's status
    overview = client.get("/").text
    assert re.search(rf"<td>\d{{1,2}} (?:{months}) 25\d\d \d\d:\d\d</td>", overview)

    job = filled.jobs.submit("import", "ไฟล์", {"files": [], "options": {}}, people.owner.id)
    shown = client.get(f"/jobs/{job.id}").text
    assert 'id="job-status">รอคิว<' in shown
    statuses = re.search(r'data-statuses="([^"]*)"', shown)
    assert statuses
    assert json.loads(statuses.group(1).replace("&#34;", '"'))["running"] == "กำลังทำงาน"
    # the live refresh reads the job in the page's language
    live = client.get(f"/jobs/{job.id}/progress").json()
    assert live["status_text"] == "รอคิว"
    assert live["title"] == "ไฟล์"
