"""What a person does in a real browser (headless Chromium from Debian, driven by Playwright):
log in, switch to Thai, import a real export through the upload page, browse creators.

Screenshots of the main pages are written to docs/screenshots/ when KOLSCOPE_SCREENSHOTS=1
(`make screenshots`)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kolscope.bootstrap import Workspace, open_workspace
from kolscope.config import Settings
from kolscope.jobs.worker import start_embedded_worker
from tests.conftest import need
from tests.e2e.conftest import PASSWORD
from tests.e2e.live import live_app

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
EXPORT = "social media influencers-instagram - -nov 2022.csv"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Workspace]]:
    workspace = open_workspace(Settings(workspace=tmp_path / "ws"))
    owner = workspace.team.create_first_owner(
        "Agency", "owner@example.com", "Olivia Owner", PASSWORD
    )
    assert owner.id
    stop_worker = start_embedded_worker(workspace)
    try:
        with live_app(workspace) as url:
            yield url, workspace
    finally:
        stop_worker()
        workspace.close()


@pytest.fixture
def browser() -> Iterator[object]:
    need(CHROMIUM.exists(), "Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            yield launched
        finally:
            launched.close()


def shot(page: object, name: str) -> None:
    if os.environ.get("KOLSCOPE_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]


def test_a_person_imports_a_real_export_and_browses_in_thai(
    site: tuple[str, Workspace], browser: object, shared_data: Path, tmp_path: Path
) -> None:
    url, workspace = site
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},  # type: ignore[attr-defined]
        locale="en-US",
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(f"{url}/creators")
    assert "/login" in page.url
    shot(page, "login")
    page.fill("input[name=email]", "owner@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(f"{url}/creators")
    assert page.locator("h1").inner_text() == "Creators"

    page.click("form.language button[value=th]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("h1").inner_text() == "ครีเอเตอร์"
    assert page.locator("nav[aria-label] a[href='/imports']").inner_text() == "นำเข้าข้อมูล"

    export = tmp_path / EXPORT
    shutil.copy(shared_data / "influencers-2022" / EXPORT, export)
    page.goto(f"{url}/imports/new")
    page.set_input_files("input[type=file]", str(export))
    page.click("form[action='/imports/new'] button[type=submit]")
    page.wait_for_url("**/imports/draft/**")
    mapping = page.locator("#mapping")
    assert mapping.is_visible()
    assert page.locator("#mapping select[name=column_1]").input_value() == "handle"
    assert page.locator("#mapping select[name=column_4]").input_value() == "followers"
    shot(page, "import-review")
    page.click("button[value=import]")
    page.wait_for_url("**/jobs/**")
    page.wait_for_selector("#report", timeout=60_000)
    report = page.locator("#report tbody tr").first.inner_text()
    assert "1,000" in report  # every row of the file
    shot(page, "import-report")

    page.goto(f"{url}/creators?q=cristiano")
    page.click("text=Cristiano Ronaldo")
    page.wait_for_url("**/creators/instagram/cristiano")
    assert "483.1 ล้าน" in page.locator(".cards").inner_text()  # Thai units on a Thai page
    assert page.locator("h2", has_text="ผู้ติดตาม").count() >= 1

    page.goto(f"{url}/creators")
    assert page.locator("table.list tbody tr").count() == 50
    shot(page, "creators")
    assert workspace.catalogue.totals().accounts == 998  # the file repeats two accounts

    # the import queued a search-index update; once it is done, discover the music accounts
    def indexed() -> bool:
        page.goto(f"{url}/discover?niche=music&view=cards")
        return page.locator("#hits .hit-card").count() > 0

    deadline = time.monotonic() + 60
    while not indexed():
        assert time.monotonic() < deadline, "the search index was not updated after the import"
        time.sleep(1)
    assert page.locator("html").get_attribute("lang") == "th"
    shot(page, "discover")
    # the table at a laptop's and a wide screen's width: names keep room, nothing squeezed
    for width in (1366, 1920):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{url}/discover?niche=music&view=table")
        name = page.locator("#hits tbody tr td:first-child").first.bounding_box()
        assert name is not None
        assert name["width"] >= 150, name
        fits = page.evaluate(
            "() => { const box = document.querySelector('#hits').closest('.scroll');"
            " return box.scrollWidth <= box.clientWidth + 1; }"
        )
        assert fits, f"the results table scrolls sideways at {width} px"
        assert "เมกะ" in page.locator("#hits tbody").inner_text()  # tier names in Thai
        shot(page, f"discover-table-{width}")
    # on a phone the menu keeps each word whole: every link is one line high
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{url}/discover?niche=music&view=table")
    links = page.locator("nav[aria-label] a").all()
    heights = [box["height"] for box in (link.bounding_box() for link in links) if box]
    assert heights
    assert max(heights) < 2 * min(heights), heights
    shot(page, "discover-phone")
    assert errors == []
    context.close()


def test_the_follower_chart_is_drawn_with_the_bundled_plotly(
    site: tuple[str, Workspace], browser: object, tmp_path: Path
) -> None:
    from tests.e2e.conftest import import_rows
    from tests.factories import write_csv

    url, workspace = site
    import_rows(
        workspace,
        write_csv(
            tmp_path / "tt-2026-09-01.csv",
            [
                ["platform", "handle", "display_name", "followers", "bio"],
                ["tiktok", "nong.mint", "น้องมิ้นท์ รีวิว", "12,000", "รีวิวสกินแคร์ ใช้จริง 555"],
            ],
        ),
    )
    import_rows(
        workspace,
        write_csv(
            tmp_path / "tt-2026-10-01.csv",
            [["platform", "handle", "followers"], ["tiktok", "nong.mint", "15,500"]],
        ),
    )
    context = browser.new_context(
        viewport={"width": 1280, "height": 1000},  # type: ignore[attr-defined]
        locale="th-TH",
    )
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{url}/login")
    assert page.locator("html").get_attribute("lang") == "th"  # the browser asked for Thai
    page.fill("input[name=email]", "owner@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.goto(f"{url}/creators/tiktok/nong.mint")
    page.wait_for_selector("#followers-chart .main-svg", timeout=15_000)
    assert "น้องมิ้นท์ รีวิว" in page.locator("h1").inner_text()
    # the axes read in Thai: Thai month names, Buddhist-era years, Thai number units
    ticks = " ".join(page.locator("#followers-chart .xtick text").all_text_contents())
    assert "ก.ย. 2569" in ticks, ticks
    assert "Sep" not in ticks
    numbers = " ".join(page.locator("#followers-chart .ytick text").all_text_contents())
    assert "หมื่น" in numbers, numbers
    shot(page, "creator")
    assert all(r.startswith(url) for r in requests), "every file comes from kolscope itself"
    context.close()


def test_an_owner_manages_tokens_and_organisations_in_thai(
    site: tuple[str, Workspace], browser: object
) -> None:
    """Settings (tokens, the password form that revokes them) and the organisations page, in
    Thai, at a laptop's and a phone's width."""
    url, _workspace = site
    for width, height, suffix in ((1366, 900, ""), (390, 844, "-phone")):
        context = browser.new_context(  # type: ignore[attr-defined]
            viewport={"width": width, "height": height}, locale="th-TH"
        )
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto(f"{url}/login")
        page.fill("input[name=email]", "owner@example.com")
        page.fill("input[name=password]", PASSWORD)
        page.click("form[action='/login'] button[type=submit]")
        page.wait_for_load_state()
        page.goto(f"{url}/settings")
        assert page.locator("html").get_attribute("lang") == "th"
        assert page.locator("input[name=revoke_tokens]").is_checked()
        shot(page, f"settings{suffix}")
        page.goto(f"{url}/admin/organisations")
        if not suffix:
            page.fill("input[name=name]", "เอเจนซี่ที่สอง")
            page.fill("input[name=owner_email]", f"second{width}@example.com")
            page.fill("input[name=owner_name]", "คุณสอง")
            page.fill("input[name=password]", PASSWORD)
            page.click("form[action='/admin/organisations'] button[type=submit]")
            page.wait_for_load_state()
            assert "เอเจนซี่ที่สอง" in page.locator("main").inner_text()
        shot(page, f"organisations{suffix}")
        assert errors == []
        context.close()


def test_the_api_docs_render_the_openapi_31_schema(
    site: tuple[str, Workspace], browser: object
) -> None:
    url, _workspace = site
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/login")
    page.fill("input[name=email]", "owner@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{url}/api/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)  # an operation is drawn
    assert "Unable to render" not in page.content()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/creators/search" in p for p in paths)
    assert errors == []
