"""Campaigns and the outreach board on SQLite and PostgreSQL: made from scratch, a shortlist or a
saved search; bad briefs refused with the field named and nothing saved; moves that make sense
only, each kept with who and when; content submitted, approved or sent back by the brand; what
is due this week and what is overdue; scoping by organisation and brand."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from kolscope.bootstrap import Workspace
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.discovery.query import SearchRequest
from kolscope.domain.brands import Brand
from kolscope.domain.team import Scope
from kolscope.planning.campaigns import CampaignError, DueItem, Status
from kolscope.planning.choices import Deliverable, Objective
from kolscope.planning.pipeline import Stage
from kolscope.planning.service import Actor
from tests.factories import write_csv

BRIEF = {"objective": "engagement", "budget_thb": "150,000", "niches": "skincare",
         "starts_on": "2026-12-01", "ends_on": "2026-12-31"}  # fmt: skip


@pytest.fixture
def shop(workspace: Workspace, tmp_path: Path) -> Workspace:
    accounts = [
        ["platform", "handle", "name", "followers", "country", "category"],
        ["instagram", "mint.skin", "Mint", 8_000, "Thailand", "skincare"],
        ["instagram", "bkk_eats", "BKK Eats", 45_000, "Thailand", "food"],
        ["tiktok", "gadget.guy", "Gadget Guy", 250_000, "Thailand", "IT"],
        ["youtube", "big.star", "Big Star", 2_000_000, "Thailand", "beauty"],
    ]
    options = ImportOptions()
    path = write_csv(tmp_path / "accounts-2026-11-01.csv", accounts)
    report = workspace.importer.run(workspace.importer.plan([path], options), options)
    assert report.committed
    with workspace.unit_of_work() as work:
        work.catalogue.save_brand(Brand("Moonmint Skin", ("moonmint.skin",), (), "skincare"))
        work.commit()
    workspace.discovery_index.refresh()
    return workspace


def _cli(ws: Workspace) -> Actor:
    return ws.campaigns.command_line()


def test_create_from_references_and_read_back(shop: Workspace) -> None:
    service, actor = shop.campaigns, _cli(shop)
    made = service.create(actor, "  Summer   glow ", "moonmint skin", BRIEF,
                          references=["instagram:@Mint.Skin", "tiktok:gadget.guy"])  # fmt: skip
    assert made.name == "Summer glow"
    assert made.brand_name == "Moonmint Skin"
    assert made.status == Status.DRAFT
    assert made.objective == Objective.ENGAGEMENT
    assert made.budget_thb == 150_000
    assert made.brief.niches == ("skincare",)
    assert made.brief.starts_on == date(2026, 12, 1)
    assert made.brief.deliverables == (Deliverable.POST, Deliverable.SHORT_VIDEO)
    cards = service.creators(actor, made)
    assert [c.reference for c in cards] == ["instagram:mint.skin", "tiktok:gadget.guy"]
    assert all(c.stage == Stage.SHORTLISTED for c in cards)
    assert cards[0].moves[0].to_stage == Stage.SHORTLISTED
    assert cards[0].moves[0].by_name == "command line"
    assert service.named(actor, "summer GLOW").id == made.id
    assert [c.name for c in service.campaigns(actor)] == ["Summer glow"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"budget_thb": "0"}, "budget"),
        ({"budget_thb": "lots"}, "budget"),
        ({"objective": "fame"}, "objective"),
        ({"starts_on": "2026-12-31", "ends_on": "2026-12-01"}, "ends_on"),
        ({"starts_on": "31/12/2026"}, "starts_on"),
        ({"niches": "not-a-niche"}, "niches"),
        ({"provinces": "TH-99"}, "provinces"),
        ({"age_bands": "18-99"}, "age_bands"),
        ({"deliverables": "billboard"}, "deliverables"),
        ({"rules": {"small_share": 140}}, "small_share"),
    ],
)
def test_bad_briefs_name_the_field_and_save_nothing(
    shop: Workspace, changes: dict[str, object], field: str
) -> None:
    service, actor = shop.campaigns, _cli(shop)
    with pytest.raises(CampaignError) as error:
        service.create(actor, "Bad", "Moonmint Skin", {**BRIEF, **changes})
    assert error.value.field == field
    assert service.campaigns(actor) == []


def test_unknown_brand_creator_list_and_taken_name(shop: Workspace) -> None:
    service, actor = shop.campaigns, _cli(shop)
    with pytest.raises(CampaignError, match="No brand is called Nope"):
        service.create(actor, "A", "Nope", BRIEF)
    with pytest.raises(CampaignError, match="Not in the workspace: instagram:ghost"):
        service.create(actor, "A", "Moonmint Skin", BRIEF, references=["instagram:ghost"])
    with pytest.raises(CampaignError, match="not a creator"):
        service.create(actor, "A", "Moonmint Skin", BRIEF, references=["ghost"])
    with pytest.raises(CampaignError, match="No shortlist is called Missing"):
        service.create(actor, "A", "Moonmint Skin", BRIEF, shortlist="Missing")
    assert service.campaigns(actor) == []
    service.create(actor, "A", "Moonmint Skin", BRIEF)
    with pytest.raises(CampaignError, match="exists already"):
        service.create(actor, "a", "Moonmint Skin", BRIEF)


def test_from_a_shortlist_and_a_saved_search(shop: Workspace) -> None:
    service, actor = shop.campaigns, _cli(shop)
    lists = shop.shortlists
    org = lists.organisation_for_cli()
    lists.add("Skin picks", ["instagram:mint.skin", "youtube:big.star"], org)
    lists.save_search("Big ones", SearchRequest(min_followers=200_000), org)
    from_list = service.create(actor, "From list", "Moonmint Skin", BRIEF, shortlist="Skin picks")
    assert from_list.source == "shortlist:Skin picks"
    assert {c.reference for c in service.creators(actor, from_list)} == {
        "instagram:mint.skin", "youtube:big.star"}  # fmt: skip
    from_search = service.create(actor, "From search", "Moonmint Skin", BRIEF,
                                 saved_search="Big ones")  # fmt: skip
    assert {c.reference for c in service.creators(actor, from_search)} == {
        "tiktok:gadget.guy", "youtube:big.star"}  # fmt: skip


def test_the_board_allows_only_moves_that_make_sense(shop: Workspace) -> None:
    service, board, actor = shop.campaigns, shop.outreach, _cli(shop)
    campaign = service.create(actor, "Glow", "Moonmint Skin", BRIEF,
                              references=["instagram:mint.skin", "tiktok:gadget.guy"])  # fmt: skip
    with pytest.raises(CampaignError, match="cannot go from shortlisted to paid"):
        board.move(actor, campaign, "instagram:mint.skin", "paid")
    with pytest.raises(CampaignError, match="not a stage"):
        board.move(actor, campaign, "instagram:mint.skin", "famous")
    with pytest.raises(CampaignError, match="not in this campaign"):
        board.move(actor, campaign, "instagram:bkk_eats", "contacted")
    board.move(actor, campaign, "instagram:mint.skin", "contacted", note="LINE sent")
    board.move(actor, campaign, "instagram:mint.skin", "negotiating")
    with pytest.raises(CampaignError, match="Agree a fee"):
        board.move(actor, campaign, "instagram:mint.skin", "agreed")
    due = date(2026, 12, 10)
    board.set_terms(actor, campaign, "instagram:mint.skin", fee_thb=6_500,
                    deliverables=[DueItem(Deliverable.SHORT_VIDEO, due)],
                    contact_channel="LINE", contact_handle="@mint")  # fmt: skip
    with pytest.raises(CampaignError, match="not a contact channel"):
        board.set_terms(actor, campaign, "instagram:mint.skin", contact_channel="fax")
    with pytest.raises(CampaignError, match="fee must be more than 0"):
        board.set_terms(actor, campaign, "instagram:mint.skin", fee_thb=-5)
    card = board.move(actor, campaign, "instagram:mint.skin", "agreed")
    assert card.stage == Stage.AGREED
    assert card.fee_thb == 6_500
    assert card.contact_channel == "line"
    with pytest.raises(CampaignError, match="cannot go from agreed to approved"):
        board.move(actor, campaign, "instagram:mint.skin", "approved")
    # declined only once asked; dropped from anywhere open; both end it
    with pytest.raises(CampaignError, match="cannot go from shortlisted to declined"):
        board.move(actor, campaign, "tiktok:gadget.guy", "declined")
    board.move(actor, campaign, "tiktok:gadget.guy", "dropped")
    with pytest.raises(CampaignError, match="ends their part"):
        board.move(actor, campaign, "tiktok:gadget.guy", "contacted")
    view = board.board(actor, campaign, today=date(2026, 12, 11))
    totals = view.totals()
    assert totals[Stage.AGREED] == (1, 6_500)
    assert totals[Stage.DROPPED][0] == 1
    assert view.committed_thb == 6_500
    assert len(view.overdue) == 1
    moves = board.creator(campaign, "instagram:mint.skin").moves
    assert [m.to_stage for m in moves] == [
        Stage.SHORTLISTED, Stage.CONTACTED, Stage.NEGOTIATING, Stage.AGREED]  # fmt: skip
    assert moves[1].note == "LINE sent"


def test_content_is_approved_or_sent_back_by_the_brand(shop: Workspace) -> None:
    service, board, actor = shop.campaigns, shop.outreach, _cli(shop)
    campaign = service.create(actor, "Glow", "Moonmint Skin", BRIEF,
                              references=["instagram:mint.skin"])  # fmt: skip
    ref = "instagram:mint.skin"
    with pytest.raises(CampaignError, match="cannot go from shortlisted"):
        board.submit(actor, campaign, ref, "https://instagram.com/p/1", "draft")
    board.set_terms(actor, campaign, ref, quote_thb=5_000)
    for stage in ("contacted", "agreed"):
        board.move(actor, campaign, ref, stage)
    assert board.creator(campaign, ref).fee_thb == 5_000  # the quote becomes the fee
    with pytest.raises(CampaignError, match="not a web address"):
        board.submit(actor, campaign, ref, "javascript:alert(1)", None)
    card = board.submit(actor, campaign, ref, "https://instagram.com/p/1", "แคปชัน <b>")
    assert card.stage == Stage.SUBMITTED
    first = card.submissions[0]
    with pytest.raises(CampaignError, match="by deciding on what was submitted"):
        board.move(actor, campaign, ref, "approved")
    client = Actor(Scope(actor.scope.organisation_id), None, "Khun Ploy", False, True)
    with pytest.raises(CampaignError, match="Say what should change"):
        board.decide(client, campaign, first.id, approve=False, comment="  ")
    with pytest.raises(CampaignError, match="may not plan"):
        board.move(client, campaign, ref, "published")
    card = board.decide(client, campaign, first.id, approve=False, comment="โลโก้เล็กไป")
    assert card.stage == Stage.CHANGES
    with pytest.raises(CampaignError, match="already decided"):
        board.decide(client, campaign, first.id, approve=True)
    card = board.submit(actor, campaign, ref, "https://instagram.com/p/2", "v2")
    card = board.decide(client, campaign, card.submissions[-1].id, approve=True, comment="ok")
    assert card.stage == Stage.APPROVED
    decisions = [d for s in card.submissions for d in s.decisions]
    assert [(d.decision, d.by_name) for d in decisions] == [
        (Stage.CHANGES, "Khun Ploy"), (Stage.APPROVED, "Khun Ploy")]  # fmt: skip
    assert decisions[0].comment == "โลโก้เล็กไป"
    with pytest.raises(CampaignError, match="No content number 999"):
        board.decide(client, campaign, 999, approve=True)


def test_reminders_list_due_this_week_and_overdue(shop: Workspace) -> None:
    service, board, actor = shop.campaigns, shop.outreach, _cli(shop)
    campaign = service.create(actor, "Glow", "Moonmint Skin", BRIEF,
                              references=["instagram:mint.skin", "tiktok:gadget.guy"])  # fmt: skip
    today = date(2026, 12, 7)
    items = [
        DueItem(Deliverable.POST, today - timedelta(days=2)),
        DueItem(Deliverable.STORY, today + timedelta(days=3)),
        DueItem(Deliverable.LIVE, today + timedelta(days=30)),
    ]
    board.set_terms(actor, campaign, "instagram:mint.skin", deliverables=items)
    found = board.reminders(actor, today)
    assert [(r.deliverable, r.overdue) for r in found] == [("post", True), ("story", False)]
    assert str(found[0].message()) == ("instagram:mint.skin: post was due 2026-12-05 (Glow)")
    service.edit(actor, campaign, status="finished")
    assert board.reminders(actor, today) == []
    with pytest.raises(CampaignError, match="not a status"):
        service.edit(actor, campaign, status="paused")


def test_reminders_are_mailed_through_the_mail_settings(shop: Workspace) -> None:
    import socket

    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message
    from typer.testing import CliRunner

    from kolscope.entrypoints.cli.app import app

    service, board, actor = shop.campaigns, shop.outreach, _cli(shop)
    campaign = service.create(actor, "Glow", "Moonmint Skin", BRIEF,
                              references=["instagram:mint.skin"])  # fmt: skip
    due = [DueItem(Deliverable.POST, date.today() - timedelta(days=1))]
    board.set_terms(actor, campaign, "instagram:mint.skin", deliverables=due)
    received: list[str] = []

    class Inbox(Message):
        def handle_message(self, message: object) -> None:
            received.append(str(message))

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = str(shop.settings.workspace)
    env = {"KOLSCOPE_DATABASE_URL": shop.settings.database_url or ""}
    unset = CliRunner().invoke(app, ["-w", folder, "campaigns", "remind", "--email", "a@b.co"],
                               env=env)  # fmt: skip
    assert unset.exit_code == 2
    assert "KOLSCOPE_SMTP_URL" in unset.output
    controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        sent = CliRunner().invoke(
            app, ["-w", folder, "campaigns", "remind", "--email", "team@agency.co"],
            env={**env, "KOLSCOPE_SMTP_URL": f"smtp://127.0.0.1:{port}"},
        )  # fmt: skip
    finally:
        controller.stop()
    assert sent.exit_code == 0, sent.output
    assert "instagram:mint.skin: post was due" in sent.output
    assert len(received) == 1
    assert "1 overdue" in received[0]
    assert "team@agency.co" in received[0]
