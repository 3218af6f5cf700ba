"""A campaign in a real browser, in Thai: the owner plans it from a shortlist, moves creators
along the board (by dragging a card, and by its buttons), records terms and sends content; the
brand's client approves it from their home page."""

from __future__ import annotations

from typing import Any

from kolscope.bootstrap import Workspace
from kolscope.domain.team import User
from kolscope.planning.facade import Actor, Stage
from tests.e2e.conftest import PASSWORD, People
from tests.e2e.live import live_app
from tests.e2e.test_browser import browser, shot  # noqa: F401 - the fixture


def _logged_in(chromium: Any, url: str, person: User) -> Any:
    context = chromium.new_context(locale="th-TH", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/login")
    page.fill("input[name=email]", person.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()
    if page.locator("html").get_attribute("lang") != "th":
        page.click("form.language button[value=th]")
        page.wait_for_load_state()
    return page


def test_plan_from_a_shortlist_move_on_the_board_and_the_client_approves(
    filled: Workspace,
    people: People,
    browser: Any,  # noqa: F811 - the fixture
) -> None:
    filled.discovery_index.refresh()  # the planner reads the shortlisted creators from it
    filled.shortlists.add(
        "ผิวใส", ["instagram:mint.review", "instagram:bkk_foodie"], people.owner.organisation.id
    )
    with live_app(filled) as url:
        page = _logged_in(browser, url, people.owner)
        page.goto(f"{url}/campaigns")
        page.click("a[href='/campaigns/new']")
        page.fill("input[name=name]", "ปีใหม่ผิวใส")
        page.select_option("select[name=shortlist]", "ผิวใส")
        page.check("input[name=objective][value=engagement]")
        page.fill("input[name=budget]", "ห้าหมื่น")
        page.check("input[name=genders][value=female]")
        page.select_option("select[name=provinces]", ["TH-10", "TH-50"])
        page.click("form.campaign-form button[type=submit]")
        page.wait_for_selector("#error-budget")
        assert page.input_value("input[name=name]") == "ปีใหม่ผิวใส"
        assert filled.campaigns.campaigns(Actor.of(people.owner)) == []
        page.fill("input[name=budget]", "50000")
        page.fill("input[name=open_with_big]", "0")  # the list has no macro or mega creator
        page.fill("input[name=small_share]", "")
        page.click("form.campaign-form button[type=submit]")
        page.wait_for_selector("#plan")
        campaign = filled.campaigns.named(Actor.of(people.owner), "ปีใหม่ผิวใส")
        assert campaign.brief.audience.provinces == ("TH-10", "TH-50")

        page.click(f"form[action='/campaigns/{campaign.id}/plan'] button")
        page.wait_for_selector("#picks")
        assert page.locator("#picks tbody tr").count() >= 1
        assert page.locator("#reach-card").count() == 1
        shot(page, "campaign-plan")

        page.goto(f"{url}/campaigns/{campaign.id}/board")
        mint = filled.outreach.creator(campaign, "instagram:mint.review")
        card = f"#card-{mint.id}"
        with page.expect_navigation():
            page.drag_and_drop(card, "section[data-stage=contacted]")
        assert page.locator(f"section[data-stage=contacted] {card}").count() == 1
        assert filled.outreach.creator(campaign, mint.reference).stage == Stage.CONTACTED

        page.click(f"{card} details.terms summary")
        page.fill(f"{card} input[name=fee]", "12000")
        page.select_option(f"{card} select[name=contact_channel]", "line")
        page.click(f"{card} form[action$='/terms'] button[type=submit]")
        page.click(f"{card} button.move-agreed")  # the keyboard's way
        page.wait_for_selector(f"section[data-stage=agreed] {card}")
        page.click(f"{card} details.submit summary")
        page.fill(f"{card} input[name=url]", "https://www.instagram.com/p/newyear")
        page.fill(f"{card} textarea[name=caption]", "ผิวใสรับปีใหม่ #glowlab")
        page.click(f"{card} form[action$='/submit'] button[type=submit]")
        page.wait_for_selector(f"section[data-stage=content_submitted] {card}")
        shot(page, "campaign-board")
        page.context.close()

        client = _logged_in(browser, url, people.client)
        client.wait_for_selector("#client-waiting")
        client.click(f"a[href='/campaigns/{campaign.id}/content']")
        client.wait_for_selector(".submission.waiting")
        shot(client, "campaign-approve")
        client.click("button.approve")
        client.wait_for_selector("#decided-note")
        client.context.close()
    card_now = filled.outreach.creator(campaign, mint.reference)
    assert card_now.stage == Stage.APPROVED
    assert card_now.submissions[0].decisions[0].by_name == people.client.name
