"""A browser reads every page of the demo in Thai, as the owner, a member and a client, and
counts the Latin-script words kolscope wrote there: apart from proper names (kolscope, TikTok,
KOL, ...) there must be none. Examples of what to type (filter syntax, code) are marked
``translate="no"`` or set in ``<code>``, and the English-only documents (/help) are marked
``lang="en"`` under a Thai note saying so: neither is counted. Creator data (names, bios,
captions, comments, hashtags, brand and people's names) is read from the workspace's database
and may be in any script.

The crawl follows the links each person sees, one page per shape of address, plus searches
that make discover give every kind of reason.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from kolscope.bootstrap import Workspace, open_workspace
from kolscope.catalogue.demo.build import DEMO_PASSWORD, DEMO_PEOPLE
from kolscope.config import Settings
from kolscope.entrypoints.web.i18n import THAI_MONTHS
from kolscope.infra.db import tables, tables_discovery, tables_planning, tables_team
from tests.e2e.live import live_app
from tests.e2e.test_browser import SHOTS, browser  # noqa: F401 - the fixture

TODAY = date(2026, 11, 23)
# Names people write in Latin script in Thai too.
_NAMES = """kolscope KOL KOLs KOC KOCs TikTok Instagram YouTube Facebook X Lemon8 LINE
    Pantip Shopee Lazada Shopify WooCommerce THB CSV XLSX JSON API PDPA URL UTM ID OpenAPI
    Swagger UI Redoc UTF Google Sheets Excel Meta HypeAuditor Modash email Asia Bangkok
    CPM CPE CPC CPA ROAS ROI CTR ER English Twitter TSV JSONL txt csv xlsx
    Analytics Shop Sub PNG SVG ZIP"""
ALLOWED = {word.lower() for word in _NAMES.split()}
# Pages that are not kolscope's words: the API explorer is Swagger UI's own English.
SKIPPED = ("/api/docs", "/api/openapi", "/logout", "/static/")
PER_ROLE = 60
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’&.\-]*(?:[ ,:;/()]+[A-Za-z][A-Za-z0-9'’&.\-]*)*")
# The columns that hold what people and creators wrote (codes such as platform, country,
# province, kind or status are kolscope's and must be shown as names, so they are not here).
SYNTAX = re.compile(r"\S*[=<>]\S*")  # what a person types into a filter: female>=60%, age=18-24
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")  # an address is data, read whole
WEB = re.compile(r"https?://\S*")  # a web address (or the "https://" a link field hints) is no word
QUOTED = re.compile(r'"[^"]*"|“[^”]*”')  # kolscope quotes what a creator wrote: name: "mom"
DATA_COLUMNS = {
    tables.creators: ("display_name", "notes"),
    tables.accounts: ("handle", "display_name", "bio", "categories", "external_url", "contact"),
    tables.posts: ("caption", "url"),
    tables.comments: ("text", "author"),
    tables.brands: ("name", "handles", "hashtags", "competitors", "tone_notes"),
    tables_discovery.shortlists: ("name",),
    tables_discovery.shortlist_entries: ("note",),
    tables_discovery.saved_searches: ("name",),
    tables_discovery.account_terms: ("term",),
    tables_team.organisations: ("name",),
    tables_team.users: ("email", "name"),
    tables_planning.campaigns: ("name",),
    tables_planning.campaign_creators: ("contact_handle", "notes", "content_links"),
    tables_planning.content_submissions: ("url", "caption"),
    tables_planning.content_decisions: ("comment", "by_name"),
}
# What people wrote in a campaign's brief (its other keys are kolscope's codes).
BRIEF_TEXT = ("tone", "must_have", "excluded", "avoid_competitors")
VISIBLE_TEXT = """() => {
  const NOT_COUNTED =
    'script, style, noscript, template, code, pre, kbd, samp, [translate=no], [lang=en]';
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!parent || parent.closest(NOT_COUNTED)) continue;
    if (!node.textContent.trim()) continue;
    out.push(node.textContent);
  }
  for (const el of document.querySelectorAll('[title],[placeholder],[aria-label],img[alt]')) {
    if (el.closest('[translate=no], [lang=en]')) continue;
    for (const a of ['title', 'placeholder', 'aria-label', 'alt']) {
      if (el.getAttribute(a)) out.push(el.getAttribute(a));
    }
  }
  for (const el of document.querySelectorAll('input[type=submit][value],button[value]')) {
    if (el.type === 'submit' && el.tagName === 'INPUT') out.push(el.value);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Workspace]]:
    workspace = open_workspace(Settings(workspace=tmp_path_factory.mktemp("thai") / "ws"))
    workspace.build_demo(seed=3, creators=60, today=TODAY)
    try:
        with live_app(workspace) as url:
            yield url, workspace
    finally:
        workspace.close()


def campaign_pages(workspace: Workspace) -> list[str]:
    """The demo campaign's pages no link leads to (the scenarios are a form's answer)."""
    with workspace.engine.connect() as connection:
        ids = [row[0] for row in connection.execute(select(tables_planning.campaigns.c.id))]
    return [f"/campaigns/{ids[0]}/scenarios"] if ids else []


class Data:
    """What people and creators wrote, as the Latin-script runs of each value (a JSON list
    read item by item). A run on a page is theirs when it is one of these runs, a stretch of
    words inside one, or the start of one cut short with an ellipsis."""

    def __init__(self, workspace: Workspace) -> None:
        self.runs: set[str] = set()
        with workspace.engine.connect() as connection:
            for table, names in DATA_COLUMNS.items():
                columns = [table.c[name] for name in names]
                for row in connection.execute(select(*columns)):
                    for value in row:
                        items = value if isinstance(value, (list, tuple)) else [value]
                        for item in items:
                            self._add(item)
            for (brief,) in connection.execute(select(tables_planning.campaigns.c.brief)):
                for key in BRIEF_TEXT:
                    value = (brief or {}).get(key) or []
                    for item in value if isinstance(value, list) else [value]:
                        self._add(item)
        self.blob = "\n".join(sorted(self.runs))

    def _add(self, item: object) -> None:
        text = EMAIL.sub(" ", str(item or ""))  # read whole on pages
        self.runs.update(_norm(r) for r in LATIN_RUN.findall(text))

    def holds(self, run: str, shown: str) -> bool:
        text = _norm(run)
        if text in self.runs:
            return True
        if " " in text and re.search(rf"(?<![a-z0-9]){re.escape(text)}(?![a-z0-9])", self.blob):
            return True
        cut = re.search(re.escape(run) + r"\s*(…|\.\.\.)", shown) is not None
        return cut and any(d.startswith(text) for d in self.runs)


def _norm(run: str) -> str:
    return " ".join(run.lower().strip(" .,:;()-'’").split())


def shape(path: str) -> str:
    """An address with its ids and handles taken out: one page of each shape is enough."""
    parts = [p for p in path.split("/") if p]
    if parts[:1] == ["creators"] and len(parts) >= 3:
        return "/creators/PLATFORM/HANDLE" + "/".join(["", *parts[3:]])
    return "/" + "/".join(re.sub(r"^\d+$|^[0-9a-f-]{16,}$", "N", p) for p in parts)


def kolscope_latin(texts: list[str], data: Data) -> list[str]:
    runs = []
    for shown in texts:
        text = QUOTED.sub(" ", SYNTAX.sub(" ", EMAIL.sub(" ", WEB.sub(" ", shown))))
        for run in LATIN_RUN.findall(text):
            words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", run) if len(w) > 2]
            words = [w for w in words if w.lower() not in ALLOWED]
            if not words:
                continue
            if data.holds(run, shown) or all(data.holds(p, shown) for p in run.split(",")):
                continue  # the creator's own words (a list of them, separated by commas)
            if any(month in text for month in THAI_MONTHS) and re.fullmatch(r"[\d\s:.]+", run):
                continue
            runs.append(run.strip())
    return runs


def crawl(
    chromium: object, url: str, email: str, data: Data, extra: list[str]
) -> dict[str, list[str]]:
    context = chromium.new_context(  # type: ignore[attr-defined]
        locale="th-TH", viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{url}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()
    if page.locator("html").get_attribute("lang") != "th":
        page.click("form.language button[value=th]")
        page.wait_for_load_state()
    queue, seen, found = ["/", *extra], set[str](), dict[str, list[str]]()
    while queue and len(seen) < PER_ROLE:
        path = queue.pop(0)
        key = shape(urlsplit(path).path) + ("?" if "?" in path and path in extra else "")
        if key in seen or path.startswith(SKIPPED):
            continue
        seen.add(key)
        response = page.goto(url + path)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        assert page.locator("html").get_attribute("lang") == "th", path
        english = kolscope_latin(page.evaluate(VISIBLE_TEXT), data)
        if english:
            found[path] = sorted(set(english))
        links = page.eval_on_selector_all(
            "a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
        )
        queue.extend(
            href
            for href in links
            if not href.startswith(SKIPPED) and "export" not in href and "download" not in href
        )
    context.close()
    return found


def test_a_thai_reader_meets_no_english_from_kolscope(
    demo: tuple[str, Workspace],
    browser: object,  # noqa: F811 - the fixture
) -> None:
    url, workspace = demo
    data = Data(workspace)
    searches = [
        "/discover?niche=beauty&min_er=0.5&province=TH-10&min_quality=10&tier=micro",
        "/discover?text=รีวิว&min_price=1000&active_within=365&max_followers=10000000",
        "/discover?sort=engagement&type=koc",
        "/nothing-here",
        *campaign_pages(workspace),
    ]
    english = {}
    for email, _name, _role in DEMO_PEOPLE:
        found = crawl(browser, url, email, data, searches)
        english.update({f"{email} {path}": runs for path, runs in found.items()})
    report = "\n".join(f"{where}: {runs}" for where, runs in sorted(english.items()))
    assert english == {}, report


SHOT_PAGES: dict[str, dict[str, str | None]] = {
    "demo@kolscope.local": {
        "th-overview": "/",
        "th-discover": "/discover?niche=beauty&min_er=0.5&sort=engagement",
        "th-creator": None,  # the first creator of the list
        "th-audits": "/audits",
        "th-imports": "/imports",
        "th-help-metrics": "/help/metrics",
        "th-campaigns": "/campaigns",
        "th-campaign-new": "/campaigns/new",
        "th-campaign-plan": "/campaigns/{campaign}",
        "th-campaign-scenarios": "/campaigns/{campaign}/scenarios",
        "th-campaign-board": "/campaigns/{campaign}/board",
        "th-campaign-tracking": "/campaigns/{campaign}/tracking",
        "th-ratecards": "/ratecards",
        "th-shops": "/settings/shops",
        "th-order-import": "/orders/import",
    },
    "client@kolscope.local": {
        "th-client-home": "/",
        "th-client-content": "/campaigns/{campaign}/content",
        "th-client-tracking": "/campaigns/{campaign}/tracking",
    },
}


def demo_campaign_id(workspace: Workspace) -> int | None:
    with workspace.engine.connect() as connection:
        return connection.execute(select(tables_planning.campaigns.c.id)).scalar()


def test_thai_pages_for_the_screenshots(
    demo: tuple[str, Workspace],
    browser: object,  # noqa: F811 - the fixture
) -> None:
    """`make screenshots`: the demo's main pages in Thai at 1366 px and on a 390 px phone."""
    if os.environ.get("KOLSCOPE_SCREENSHOTS") != "1":
        pytest.skip("screenshots are taken by `make screenshots`")
    url, workspace = demo
    campaign = demo_campaign_id(workspace)
    for email, pages in SHOT_PAGES.items():
        for width, height, suffix in ((1366, 900, ""), (390, 844, "-phone")):
            context = browser.new_context(  # type: ignore[attr-defined]
                locale="th-TH", viewport={"width": width, "height": height}
            )
            page = context.new_page()
            page.goto(f"{url}/login")
            page.fill("input[name=email]", email)
            page.fill("input[name=password]", DEMO_PASSWORD)
            page.click("form[action='/login'] button[type=submit]")
            page.wait_for_load_state()
            for name, wanted in pages.items():
                path = wanted
                if path is not None and "{campaign}" in path:
                    if campaign is None:
                        continue
                    path = path.format(campaign=campaign)
                if path is None:
                    page.goto(f"{url}/creators")
                    path = page.locator("a[href^='/creators/']").first.get_attribute("href")
                page.goto(f"{url}{path}")
                assert page.locator("html").get_attribute("lang") == "th"
                SHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SHOTS / f"{name}{suffix}.png"), full_page=True)
            context.close()


def test_no_thai_page_is_wider_than_a_phone(
    demo: tuple[str, Workspace],
    browser: object,  # noqa: F811 - the fixture
) -> None:
    """At 390 px the page never scrolls sideways (wide tables scroll inside their own box)."""
    url, workspace = demo
    campaign = demo_campaign_id(workspace)
    context = browser.new_context(  # type: ignore[attr-defined]
        locale="th-TH", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(f"{url}/login")
    page.fill("input[name=email]", DEMO_PEOPLE[0][0])
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{url}/creators")
    creator = page.locator("a[href^='/creators/']").first.get_attribute("href")
    wide = {}
    for path in ("/", "/discover?niche=beauty&min_er=0.5", "/creators", creator, "/audits",
                 "/imports", "/imports/new", "/brands", "/settings", "/help/metrics",
                 "/campaigns", "/campaigns/new", "/ratecards", "/settings/shops", "/orders/import",
                 *([f"/campaigns/{campaign}", f"/campaigns/{campaign}/board",
                    f"/campaigns/{campaign}/content", f"/campaigns/{campaign}/scenarios",
                    f"/campaigns/{campaign}/tracking"]
                   if campaign else [])):  # fmt: skip
        page.goto(f"{url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 391:
            wide[path] = width
    context.close()
    assert wide == {}
