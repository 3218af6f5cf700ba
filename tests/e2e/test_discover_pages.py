"""Discovery in the web app: the search page (Thai and English, table and cards, reasons),
filters and their errors, hostile text, exports, saved searches, shortlists, list matching and
the JSON API, on the synthetic demo market."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from kolscope.bootstrap import Workspace, open_workspace
from kolscope.catalogue.demo.build import DEMO_PASSWORD
from kolscope.config import Settings
from kolscope.discovery.export import EXPORT_COLUMNS
from kolscope.discovery.query import SearchRequest
from kolscope.domain.team import INSTALLATION
from kolscope.entrypoints.web.app import create_app
from kolscope.entrypoints.web.security import SESSION_COOKIE
from kolscope.infra.db import tables as t
from tests.e2e.conftest import People, import_rows, log_in
from tests.factories import write_csv

TODAY = date(2026, 11, 24)
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
MEMBER, CLIENT = "member@kolscope.local", "client@kolscope.local"
CONTRACT = ("platform", "handle", "followers", "tier", "niches", "creator_type", "quality_score")
THAI = re.compile(r"[\u0e00-\u0e7f]")


def session(workspace: Workspace, email: str, language: str = "en") -> TestClient:
    """A client logged in as one of the demo people (their CSRF token in ``.csrf``)."""
    client = TestClient(create_app(workspace), follow_redirects=False)
    token, _user = workspace.team.login(email, DEMO_PASSWORD, "testclient")
    client.cookies.set(SESSION_COOKIE, token)
    found = workspace.team.session(token)
    assert found is not None
    client.csrf = found.csrf_token  # type: ignore[attr-defined]
    client.headers["accept-language"] = language
    return client


@pytest.fixture(scope="module")
def market(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The synthetic demo market (indexed for search), plus one account with hostile text."""
    folder = tmp_path_factory.mktemp("discover")
    workspace = open_workspace(Settings(workspace=folder / "ws"), synthetic=True)
    workspace.build_demo(seed=5, creators=60, today=TODAY)
    path = write_csv(
        folder / "hostile.csv",
        [
            ["platform", "handle", "display_name", "followers", "bio"],
            ["instagram", "hostile.one", HOSTILE, "12,000", f"zzhostile รีวิวสกินแคร์ {HOSTILE}"],
        ],
    )
    import_rows(workspace, path)
    workspace.discovery_index.refresh()
    try:
        yield workspace
    finally:
        workspace.close()


@pytest.fixture(scope="module")
def member(market: Workspace) -> TestClient:
    return session(market, MEMBER)


def api_search(client: TestClient, query: str) -> dict[str, Any]:
    response = client.get(f"/api/creators/search?{query}")
    assert response.status_code == 200, response.text
    payload: dict[str, Any] = response.json()
    return payload


def glued_word(workspace: Workspace) -> tuple[str, set[str]]:
    """A Thai word that a recent caption has inside a longer run of Thai letters (no spaces
    around it), and the handles of the accounts whose captions have it so."""
    with workspace.engine.connect() as db:
        rows = db.execute(
            select(t.accounts.c.handle, t.posts.c.caption, t.posts.c.posted_at)
            .select_from(t.posts.join(t.accounts, t.accounts.c.id == t.posts.c.account_id))
            .order_by(t.accounts.c.handle, t.posts.c.posted_at.desc())
        ).all()
    recent: dict[str, list[str]] = {}
    for handle, caption, _at in rows:
        kept = recent.setdefault(handle, [])
        if len(kept) < 10 and caption:
            kept.append(caption)
    for word in ("กันแดด", "วิตามินซี", "คุชชั่น", "ลินิน", "เซรั่ม", "ร้านนี้"):
        glued = re.compile(rf"[\u0e00-\u0e7f]{word}|{word}[\u0e00-\u0e7f]")
        handles = {h for h, texts in recent.items() if any(glued.search(c) for c in texts)}
        if handles:
            return word, handles
    raise AssertionError("the demo captions have Thai words inside longer Thai runs")


# The page -----------------------------------------------------------------------------------


def test_the_page_shows_results_with_reasons_in_english(member: TestClient) -> None:
    response = member.get("/discover")
    assert response.status_code == 200, response.text
    html = response.text
    assert "Discover creators" in html
    assert 'href="/discover"' in html
    assert 'aria-current="page"' in html
    assert 'id="hits"' in html
    assert html.count('<ul class="why"') >= 10
    assert re.search(r'href="/creators/[a-z]+/[^"]+"', html)
    assert "creators match" in html
    assert 'href="/discover/export.csv' in html
    assert 'href="/discover/export.xlsx' in html


def test_the_page_speaks_thai(market: Workspace) -> None:
    thai = session(market, MEMBER, "th")
    html = thai.get("/discover?niche=skincare&min_er=0.5&view=cards").text
    assert "ค้นหาครีเอเตอร์" in html
    assert "สกินแคร์" in html  # the niche's Thai name
    assert "เพิ่มลงชอร์ตลิสต์" in html
    assert '<ul class="why"' in html
    reasons = " ".join(re.findall(r'<ul class="why"[^>]*>(.*?)</ul>', html, re.S))
    assert "หมวดเนื้อหาสกินแคร์" in reasons  # the niche reason, in Thai with the niche's name
    assert "อัตราการมีส่วนร่วม" in reasons
    for english in ("niche ", "engagement rate", "general creator", " followers"):
        assert english not in reasons, english
    assert "(the reasons are in English)" not in html
    assert "เป็นภาษาอังกฤษ" not in html
    noted = thai.get("/discover?brand=Moonmint%20Skin").text  # ranked among its niches
    notes = re.findall(r'<p class="muted note">(.*?)</p>', noted)
    assert any(n.startswith("จัดอันดับ") for n in notes), notes
    assert all("ranked among" not in n for n in notes)


def test_a_thai_word_is_found_inside_longer_thai_text(
    market: Workspace, member: TestClient
) -> None:
    word, handles = glued_word(market)
    found = {r["handle"] for r in api_search(member, f"text={quote(word)}&limit=500")["results"]}
    assert handles & found, (word, handles)
    html = member.get(f"/discover?text={quote(word)}&limit=500").text
    assert any(f"@{h}" in html for h in handles & found)
    assert "bio, captions or hashtags say" in html


def test_filters_narrow_the_results(member: TestClient) -> None:
    everyone = api_search(member, "limit=1")["total"]
    skincare = api_search(member, "niche=skincare&limit=500")
    assert 0 < skincare["total"] < everyone
    assert all("skincare" in r["niches"] for r in skincare["results"])
    big = api_search(member, "min_followers=100K&limit=500")
    assert big["total"] < everyone
    assert all(r["followers"] >= 100_000 for r in big["results"])
    kols = api_search(member, "type=kol&platform=instagram&limit=500")
    assert all(r["creator_type"] == "kol" and r["platform"] == "instagram" for r in kols["results"])
    page = member.get("/discover?niche=skincare&type=koc&min_followers=1K")
    assert page.status_code == 200
    assert 'value="skincare" selected' in page.text
    assert 'value="koc" selected' in page.text


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("min_er=lots", "min_er"),
        ("min_followers=many", "min_followers"),
        ("sort=sideways", "sort"),
        ("niche=knitting", "niche"),
        ("audience=female", "audience"),
        ("verified=maybe", "verified"),
        ("province=Atlantis", "province"),
        ("brand=Nobody%20Corp", "brand"),
        ("min_quality=250", "min_quality"),
        ("scheme=bogus", "scheme"),
        ("tier=gigantic", "tier"),
        ("like=nobody", "like"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(member: TestClient, query: str, field: str) -> None:
    page = member.get(f"/discover?{query}")
    assert page.status_code == 400
    assert 'id="search-error"' in page.text
    assert field.replace("_", "-") in page.text or field in page.text
    api = member.get(f"/api/creators/search?{query}")
    assert api.status_code == 400
    detail = api.json()["detail"]
    assert field in detail or field.replace("_", "-") in detail


def test_the_field_in_error_is_marked(member: TestClient) -> None:
    html = member.get("/discover?min_er=lots").text
    assert re.search(r'name="min_er" value="lots"[^>]*aria-invalid="true"', html)


@pytest.mark.parametrize(
    ("query", "label", "said"),
    [
        ("min_er=abc", "อัตราการมีส่วนร่วมตั้งแต่ (%)", "&#39;abc&#39; ไม่ใช่ตัวเลข"),
        ("min_followers=12,3a", None, "เป็นตัวเลขไม่ได้: ไม่รู้จักหน่วย"),
        ("verified=maybe", None, "ตอบว่าใช่หรือไม่ใช่"),
    ],
)
def test_a_bad_filter_reads_in_thai_on_a_thai_page(
    market: Workspace, query: str, label: str | None, said: str
) -> None:
    thai = session(market, MEMBER, "th")
    page = thai.get(f"/discover?{query}")
    assert page.status_code == 400
    found = re.search(r'id="search-error"><strong>(.*?)</strong>: (.*?)</p>', page.text, re.S)
    assert found, page.text
    if label is not None:
        assert found.group(1) == label
    assert said in found.group(2), found.group(2)
    shown = f"{found.group(1)} {found.group(2)}"
    words = re.findall(r"[A-Za-z]+", re.sub(r"&#39;[^&]*&#39;", " ", shown))  # values are data
    assert words == [], (words, shown)
    # the API keeps its English sentence, naming the field by its key
    api = thai.get(f"/api/creators/search?{query}")
    assert api.status_code == 400
    assert api.json()["detail"].startswith(query.split("=", 1)[0] + ": ")


BRANDS = (
    "Jingjok Gadget, Maew Muan Petfood, Moonmint Skin, Nokhook Pay, Phasin Studio, Plathong Eats"
)


@pytest.mark.parametrize(
    ("query", "english"),
    [
        (
            "sort=nonsense",
            "sort: 'nonsense': use relevance, followers, engagement, quality, recent, fit, "
            "similarity or fan",
        ),
        ("niche=nonsense", "niche 'nonsense' is not known (see docs/classification.md)"),
        ("country=Atlantis", "country: 'Atlantis' is not a country kolscope knows"),
        ("audience=female%3E%3Dabc", "audience: 'female>=abc': 'abc' is not a share"),
        ("brand=Nobody", f"brand: 'Nobody' is not one of your brands ({BRANDS})"),
        (
            "like=instagram:nobody",
            "like: instagram:nobody is not in the search index "
            "(import it, or run `kolscope creators index`)",
        ),
        ("limit=-1", "limit: must be between 1 and 500"),
        ("offset=-1", "offset: must be between 0 and 1,000,000,000"),
        ("type=alien", "type: 'alien': use kol, koc or creator"),
        ("like=nobody", "like: 'nobody': write PLATFORM:HANDLE, e.g. instagram:som.review"),
        ("audience=female", "audience: 'female': write SEGMENT>=SHARE, e.g. female>=60%"),
        (
            "audience=xyz%3E%3D5%25",
            "audience: 'xyz>=5%': unknown segment (female, male, an age band like 18-24, "
            "a country code like TH, or a Thai province code like TH-50)",
        ),
        (
            "target=gender%3Dalien",
            "target: cannot read 'alien' as a gender (female, male or other)",
        ),
        ("min_quality=250", "min-quality is a score from 0 to 100"),
        ("text=%21%21%21", "text '!!!' has no words to search for"),
        ("sort=fit", "sort fit needs --brand"),
        ("scheme=bogus", "unknown tier scheme 'bogus' (known: kol-th, standard, wide-micro)"),
        (
            "tier=gigantic",
            "tier: tier scheme 'standard' has no tier 'gigantic' "
            "(it has: consumer, nano, micro, mid, macro, mega)",
        ),
    ],
)
def test_every_search_error_reads_in_thai_and_the_api_keeps_its_english(
    market: Workspace, query: str, english: str
) -> None:
    thai = session(market, MEMBER, "th")
    page = thai.get(f"/discover?{query}")
    assert page.status_code == 400
    found = re.search(r'id="search-error"><strong>(.*?)</strong>: (.*?)</p>', page.text, re.S)
    assert found, page.text
    shown = html.unescape(f"{found.group(1)} {found.group(2)}")
    assert re.search(r"[\u0e00-\u0e7f]{4}", found.group(2)), shown  # a Thai sentence
    data = re.sub(r"'[^']*'", " ", shown)  # what the person typed is data, quoted
    words = {w for w in re.findall(r"[A-Za-z]+", data) if w not in ("KOL", "KOC")}
    assert words <= set(re.findall(r"[A-Za-z]+", BRANDS)), (words, shown)  # proper names
    api = thai.get(f"/api/creators/search?{query}")
    assert api.status_code == 400
    assert api.json()["detail"] == english


def test_a_shortlist_error_reads_in_thai(market: Workspace) -> None:
    thai = session(market, MEMBER, "th")
    csrf = thai.csrf  # type: ignore[attr-defined]
    unknown = thai.post(
        "/discover/shortlist",
        data={"csrf_token": csrf, "reference": "instagram:nobody.here", "shortlist": "x"},
    )
    assert unknown.status_code == 400
    assert "ไม่มี instagram:nobody.here ในเวิร์กสเปซ" in html.unescape(unknown.text)


def test_a_bad_filter_reads_in_english_on_an_english_page(member: TestClient) -> None:
    page = member.get("/discover?min_er=abc").text
    assert "&#39;abc&#39; is not a number" in page


def test_hostile_text_is_escaped(member: TestClient) -> None:
    html = member.get("/discover?text=zzhostile").text
    assert "@hostile.one" in html
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert" in html
    typed = member.get(f"/discover?text={quote(HOSTILE)}&like={quote(HOSTILE)}")
    assert "<script>alert" not in typed.text
    assert "<img src=x" not in typed.text


def test_cards_view(member: TestClient) -> None:
    html = member.get("/discover?view=cards&niche=food").text
    assert '<ul class="hit-cards" id="hits">' in html
    assert '<table class="list hits"' not in html
    assert 'href="/discover?niche=food&amp;view=table"' in html
    table = member.get("/discover?niche=food").text
    assert '<table class="list hits" id="hits">' in table


def test_paging_by_offset(member: TestClient) -> None:
    first = api_search(member, "limit=5")
    second = api_search(member, "limit=5&offset=5")
    assert {r["handle"] for r in first["results"]}.isdisjoint(
        {r["handle"] for r in second["results"]}
    )
    html = member.get("/discover?limit=5&offset=5").text
    assert 'rel="prev"' in html
    assert 'rel="next"' in html


def test_brand_fit_and_fans(member: TestClient) -> None:
    fit = api_search(member, "brand=Moonmint%20Skin&limit=10")
    assert fit["results"]
    assert "brand_fit" in fit["results"][0]
    html = member.get("/discover?brand=Moonmint%20Skin").text
    assert "Brand fit" in html
    assert "fit for Moonmint Skin" in html
    fans = member.get("/discover?fans_of=Moonmint%20Skin")
    assert fans.status_code == 200


def test_empty_index_says_so(workspace: Workspace, people: People) -> None:
    client = TestClient(create_app(workspace), follow_redirects=False)
    log_in(client, workspace, people.member)
    html = client.get("/discover").text
    assert 'id="empty-index"' in html


def test_clients_cannot_search(market: Workspace) -> None:
    client = session(market, CLIENT)
    assert client.get("/discover").status_code == 403
    assert client.get("/shortlists").status_code == 403
    assert client.get("/api/creators/search").status_code == 403
    anonymous = TestClient(create_app(market), follow_redirects=False)
    assert anonymous.get("/discover").headers["location"].startswith("/login?next=")
    assert anonymous.get("/api/creators/search").status_code == 401


# Exports --------------------------------------------------------------------------------------


def test_export_csv_and_xlsx(member: TestClient) -> None:
    total = api_search(member, "niche=skincare&limit=1")["total"]
    response = member.get("/discover/export.csv?niche=skincare")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Platform", "Handle", "Display name"]  # labels for people
    assert len(rows) - 1 == min(total, 500)
    assert all("Skincare" in r[EXPORT_COLUMNS.index("niches")] for r in rows[1:])
    keys = member.get("/discover/export.csv?niche=skincare&headers=keys")
    rows = list(csv.reader(io.StringIO(keys.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == EXPORT_COLUMNS  # the stable machine headers, and codes
    assert all("skincare" in r[EXPORT_COLUMNS.index("niches")] for r in rows[1:])
    xlsx = member.get("/discover/export.xlsx?niche=skincare&limit=7&headers=keys")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).worksheets[0]
    table = list(sheet.iter_rows(values_only=True))
    assert tuple(table[0]) == EXPORT_COLUMNS
    assert len(table) == 1 + min(total, 7)
    assert all(isinstance(r[EXPORT_COLUMNS.index("followers")], int) for r in table[1:])
    assert member.get("/discover/export.csv?min_er=lots").status_code == 400
    assert member.get("/discover/export.csv?headers=shouty").status_code == 400


def test_a_thai_export_reads_in_thai(market: Workspace) -> None:
    thai = session(market, MEMBER, "th")
    response = thai.get("/discover/export.csv?niche=skincare&province=TH-10&min_er=0.1&limit=20")
    assert response.status_code == 200, response.text
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows
    assert {"แพลตฟอร์ม", "ผู้ติดตาม", "หมวดเนื้อหา", "เหตุผลที่ตรงเงื่อนไข"} <= set(rows[0])
    for row in rows:
        assert "สกินแคร์" in row["หมวดเนื้อหา"]
        assert row["จังหวัด"] == "กรุงเทพมหานคร"
        assert "อัตราการมีส่วนร่วม" in row["เหตุผลที่ตรงเงื่อนไข"]
        assert "engagement rate" not in row["เหตุผลที่ตรงเงื่อนไข"]
        rate = row["อัตราการมีส่วนร่วม (%)"]
        assert not rate or len(rate.partition(".")[2]) <= 2, rate  # rounded
        assert "." not in row["คะแนนคุณภาพ"]  # whole
    xlsx = thai.get("/discover/export.xlsx?niche=skincare&limit=5")
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).worksheets[0]
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][0] == "แพลตฟอร์ม"
    assert all(isinstance(r[3], int) for r in table[1:])  # followers stay numbers
    keys = thai.get("/discover/export.csv?niche=skincare&limit=5&headers=keys")
    header = next(csv.reader(io.StringIO(keys.content.decode("utf-8-sig"))))
    assert tuple(header) == EXPORT_COLUMNS


# Saved searches and shortlists ----------------------------------------------------------------


def test_saved_search_round_trip(member: TestClient) -> None:
    csrf = member.csrf  # type: ignore[attr-defined]
    saved = member.post(
        "/discover/save",
        data={"csrf_token": csrf, "name": "กันแดด micro", "query": "niche=skincare&min_er=2"},
    )
    assert saved.status_code == 303
    assert "saved=" in saved.headers["location"]
    assert "Search saved" in member.get(saved.headers["location"]).text
    listing = member.get("/shortlists").text
    assert "กันแดด micro" in listing
    run = re.search(r'href="(/discover\?[^"]*niche=skincare[^"]*)"', listing)
    assert run is not None
    page = member.get(run.group(1).replace("&amp;", "&"))
    assert page.status_code == 200
    assert 'value="skincare" selected' in page.text
    assert 'name="min_er" value="2"' in page.text
    api = member.get("/api/shortlists").json()
    assert any(s["name"] == "กันแดด micro" for s in api["saved_searches"])
    deleted = member.post(
        "/shortlists/searches/delete", data={"csrf_token": csrf, "name": "กันแดด micro"}
    )
    assert deleted.status_code == 303
    assert "กันแดด micro" not in member.get("/shortlists").text
    bad = member.post("/discover/save", data={"csrf_token": csrf, "name": " ", "query": ""})
    assert bad.status_code == 400
    assert member.post("/discover/save", data={"name": "x", "query": ""}).status_code == 403


def test_shortlist_add_note_export_remove(market: Workspace, member: TestClient) -> None:
    csrf = member.csrf  # type: ignore[attr-defined]
    first = api_search(member, "niche=food&limit=2")["results"]
    reference = first[0]["reference"]
    added = member.post(
        "/discover/shortlist",
        data={
            "csrf_token": csrf,
            "reference": reference,
            "shortlist": "เปิดตัว Q1",
            "note": "นัดคุย <b>สัปดาห์หน้า</b>",
            "back": "/discover?niche=food",
        },
    )
    assert added.status_code == 303
    location = added.headers["location"]
    assert location.startswith("/discover?niche=food")
    assert parse_qs(urlsplit(location).query)["added"] == ["เปิดตัว Q1"]
    assert "Added to the shortlist" in member.get(location).text
    outside = member.post(
        "/discover/shortlist",
        data={
            "csrf_token": csrf,
            "reference": first[1]["reference"],
            "shortlist": "เปิดตัว Q1",
            "back": "https://evil.example/",
        },
    )
    assert outside.headers["location"].startswith("/discover")
    listing = member.get("/shortlists").text
    found = re.search(r'href="/shortlists/(\d+)"><strong>เปิดตัว Q1', listing)
    assert found is not None
    url = f"/shortlists/{found.group(1)}"
    html = member.get(url).text
    assert f"@{first[0]['handle']}" in html
    assert "นัดคุย &lt;b&gt;สัปดาห์หน้า&lt;/b&gt;" in html
    noted = member.post(
        f"{url}/note", data={"csrf_token": csrf, "reference": reference, "note": "ตกลงราคาแล้ว"}
    )
    assert noted.status_code == 303
    assert "headers=keys" in html  # the export control offers machine column names
    keyed = member.get(f"{url}/export.csv?headers=keys").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(keyed)))
    assert {r["handle"] for r in rows} == {first[0]["handle"], first[1]["handle"]}
    assert next(r for r in rows if r["handle"] == first[0]["handle"])["note"] == "ตกลงราคาแล้ว"
    named = member.get(f"{url}/export.csv").content.decode("utf-8-sig")
    assert {r["Handle"] for r in csv.DictReader(io.StringIO(named))} == {
        first[0]["handle"],
        first[1]["handle"],
    }
    xlsx = member.get(f"{url}/export.xlsx?headers=keys")
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).worksheets[0]
    assert next(iter(sheet.iter_rows(values_only=True)))[-1] == "note"
    thai = session(market, MEMBER, "th")
    thai_xlsx = thai.get(f"{url}/export.xlsx")
    sheet = load_workbook(io.BytesIO(thai_xlsx.content), read_only=True).worksheets[0]
    assert next(iter(sheet.iter_rows(values_only=True)))[-1] == "โน้ต"
    api = member.get(f"/api/shortlists/{quote('เปิดตัว Q1')}").json()
    assert {r["handle"] for r in api["results"]} == {first[0]["handle"], first[1]["handle"]}
    removed = member.post(f"{url}/remove", data={"csrf_token": csrf, "reference": reference})
    assert removed.status_code == 303
    assert f"@{first[0]['handle']}<" not in member.get(url).text
    assert member.post(f"{url}/delete", data={"csrf_token": csrf}).status_code == 303
    assert member.get(url).status_code == 404


def test_shortlist_errors_are_400(member: TestClient) -> None:
    csrf = member.csrf  # type: ignore[attr-defined]
    unknown = member.post(
        "/discover/shortlist",
        data={"csrf_token": csrf, "reference": "instagram:nobody.here", "shortlist": "x"},
    )
    assert unknown.status_code == 400
    assert "nobody.here" in unknown.text
    assert member.get("/shortlists/999999").status_code == 404


def test_api_shortlist_entries(member: TestClient) -> None:
    handles = [r["reference"] for r in api_search(member, "niche=fashion&limit=3")["results"]]
    headers = {"X-CSRF-Token": member.csrf}  # type: ignore[attr-defined]
    response = member.post(
        "/api/shortlists/API%20list/entries",
        json={"creators": handles, "note": "from a script"},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    assert response.json()["added"] == len(handles)
    again = member.post(
        "/api/shortlists/API%20list/entries", json={"creators": handles[:1]}, headers=headers
    )
    assert again.json() == {**again.json(), "added": 0, "updated": 1}
    shown = member.get("/api/shortlists/API%20list").json()
    assert [r["note"] for r in shown["results"]] == ["from a script"] * len(handles)
    assert any(s["name"] == "API list" for s in member.get("/api/shortlists").json()["shortlists"])
    bad = member.post(
        "/api/shortlists/API%20list/entries", json={"creators": ["nope"]}, headers=headers
    )
    assert bad.status_code == 400
    assert "detail" in bad.json()
    assert member.get("/api/shortlists/none%20such").status_code == 404
    no_csrf = member.post("/api/shortlists/API%20list/entries", json={"creators": handles})
    assert no_csrf.status_code == 403


# The API ------------------------------------------------------------------------------------


def test_api_search_returns_the_contract(member: TestClient) -> None:
    payload = api_search(member, "niche=skincare&niche=beauty&limit=5&sort=followers")
    assert payload["synthetic"] is True
    assert payload["query"]["niches"] == ["skincare", "beauty"]
    assert payload["total"] >= len(payload["results"]) > 0
    for result in payload["results"]:
        for key in (*CONTRACT, "why"):
            assert key in result
        assert result["why"]
        assert all(isinstance(w, str) for w in result["why"])
        assert [r["text"] for r in result["reasons"]] == result["why"]  # English, and coded
        assert {"code", "params", "text"} <= set(result["reasons"][0])
        assert result["reasons"][0]["code"].startswith("discover.")
    followers = [r["followers"] for r in payload["results"]]
    assert followers == sorted(followers, reverse=True)


def test_api_search_with_a_token(market: Workspace) -> None:
    member_user = market.team.user_by_email(MEMBER)
    assert member_user is not None
    token, _info = market.team.create_api_token(member_user, "discover test")
    client = TestClient(create_app(market))
    response = client.get(
        "/api/creators/search?text=zzhostile", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    assert [r["handle"] for r in response.json()["results"]] == ["hostile.one"]


# Matching a customer list ---------------------------------------------------------------------


def _list_file(market: Workspace, folder: Path) -> tuple[Path, list[str]]:
    handles = [
        h.row.handle for h in market.discovery.search(SearchRequest(limit=4), INSTALLATION).hits
    ]
    path = write_csv(
        folder / "customers.csv",
        [
            ["name", "email", "instagram"],
            *[["Customer", f"c{i}@example.com", f"@{h}"] for i, h in enumerate(handles)],
            ["Someone", "someone@example.com", "someone@example.com"],
            ["Nobody", "", "not.a.creator.here"],
        ],
    )
    return path, handles


def test_match_a_customer_list(market: Workspace, member: TestClient, tmp_path: Path) -> None:
    path, handles = _list_file(market, tmp_path)
    with path.open("rb") as handle:
        response = member.post(
            "/discover/match",
            data={"csrf_token": member.csrf},  # type: ignore[attr-defined]
            files={"file": ("customers.csv", handle, "text/csv")},
        )
    assert response.status_code == 200, response.text
    html = response.text
    assert 'id="match-summary"' in html
    assert "customers.csv: 5 handles read, 1 rows without a handle skipped" in html
    assert f"{len(handles)} accounts in the workspace" in html
    for name in handles:
        assert f"@{name}" in html
    assert "on your list" in html
    with path.open("rb") as handle:
        api = member.post(
            "/api/creators/match?limit=50",
            files={"file": ("customers.csv", handle, "text/csv")},
            headers={"X-CSRF-Token": member.csrf},  # type: ignore[attr-defined]
        )
    assert api.status_code == 200, api.text
    data = api.json()
    assert data["list"]["handles"] == 5
    assert data["list"]["skipped_rows"] == 1
    assert data["list"]["accounts_found"] == len(handles)
    assert {r["handle"] for r in data["results"]} == set(handles)


def test_a_bad_list_names_the_file_and_row(member: TestClient, tmp_path: Path) -> None:
    csrf = member.csrf  # type: ignore[attr-defined]
    wrong = member.post(
        "/discover/match",
        data={"csrf_token": csrf},
        files={"file": ("fans.pdf", b"%PDF-1.4", "application/pdf")},
    )
    assert wrong.status_code == 400
    assert "fans.pdf" in wrong.text
    broken = member.post(
        "/discover/match",
        data={"csrf_token": csrf},
        files={"file": ("fans.txt", b"good.handle\nok.too\n\xff\xfe bad", "text/plain")},
    )
    assert broken.status_code == 400
    assert "fans.txt: row 3" in broken.text
    api = member.post(
        "/api/creators/match",
        files={"file": ("fans.txt", b"good.handle\n\xff bad", "text/plain")},
        headers={"X-CSRF-Token": csrf},
    )
    assert api.status_code == 400
    assert "fans.txt: row 2" in api.json()["detail"]
