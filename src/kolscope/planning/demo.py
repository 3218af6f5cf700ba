"""The demo's campaign: one campaign for the brand the demo client sees, planned from a
shortlist of matching creators, with the board part-way through (some contacted, fees agreed,
one deliverable overdue, one due this week, content waiting for the client's approval, one
published). Synthetic like the rest of the demo; it says so in its name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from kolscope.planning.campaigns import Campaign, DueItem
from kolscope.planning.choices import Deliverable, PlanError
from kolscope.planning.outreach import Outreach
from kolscope.planning.pipeline import Stage
from kolscope.planning.planner import Planner
from kolscope.planning.service import Actor, CampaignService

DEMO_CAMPAIGN = "Year-end launch (demo)"
POST_PAGES = {
    "instagram": "https://www.instagram.com/",
    "tiktok": "https://www.tiktok.com/@",
    "youtube": "https://www.youtube.com/@",
    "facebook": "https://www.facebook.com/",
    "x": "https://x.com/",
    "lemon8": "https://www.lemon8-app.com/@",
}
RULES = (
    {"open_with_big": 1, "small_share": 30, "max_creators": 20},
    {"open_with_big": 1, "small_share": 15, "max_creators": 25},
    {"open_with_big": 0, "small_share": 0},
)


def add_demo_campaign(
    campaigns: CampaignService,
    outreach: Outreach,
    planner: Planner,
    actor: Actor,
    brand: str,
    niches: Sequence[str],
    shortlist: str,
    make_shortlist: Callable[[str, str], int],
    today: date,
) -> Campaign | None:
    """Make the demo campaign once; None when there is nothing to plan from."""
    if any(c.name == DEMO_CAMPAIGN for c in campaigns.campaigns(actor)):
        return None
    if not make_shortlist(shortlist, brand):
        return None
    brief = {
        "objective": "engagement",
        "budget_thb": 250_000,
        "starts_on": (today + timedelta(days=3)).isoformat(),
        "ends_on": (today + timedelta(days=45)).isoformat(),
        "niches": list(niches),
        "countries": ["TH"],
        "deliverables": [Deliverable.POST.value, Deliverable.SHORT_VIDEO.value],
        "rules": RULES[0],
    }
    campaign = campaigns.create(actor, DEMO_CAMPAIGN, brand, brief, shortlist=shortlist)
    plan = None
    for rules in RULES:  # the demo's market differs by seed and size: ease the rules until
        try:  # one plan holds (a person sees the conflicting rules named instead)
            campaign = campaigns.edit(actor, campaign, brief={**brief, "rules": rules})
            plan = planner.plan(actor, campaign)
            break
        except PlanError:
            continue
    if plan is None:
        return campaign
    picks = list({p["reference"]: p for p in reversed(plan.to_dict()["picks"])}.values())[::-1]
    steps = [
        # (stage to reach, due in days, deliverable, content)
        (Stage.SUBMITTED, 5, Deliverable.SHORT_VIDEO, ""),
        (Stage.PUBLISHED, -2, Deliverable.POST, ""),
        (Stage.AGREED, -1, Deliverable.POST, None),
        (Stage.AGREED, 4, Deliverable.SHORT_VIDEO, None),
        (Stage.NEGOTIATING, 10, Deliverable.POST, None),
        (Stage.CONTACTED, 12, Deliverable.POST, None),
    ]
    for number, (pick, (stage, days, kind, content)) in enumerate(zip(picks, steps, strict=False)):
        link = None
        if content is not None:  # a made-up address on the creator's own platform
            platform, handle = str(pick["reference"]).split(":", 1)
            link = f"{POST_PAGES.get(platform, 'https://example.com/')}{handle}/demo-{number + 1}"
        _walk(outreach, actor, campaign, pick, stage, today + timedelta(days=days), kind, link)
    return campaigns.edit(actor, campaign, status="running")


def _walk(
    outreach: Outreach,
    actor: Actor,
    campaign: Campaign,
    pick: dict[str, object],
    stage: Stage,
    due: date,
    kind: Deliverable,
    link: str | None,
) -> None:
    reference = str(pick["reference"])
    outreach.move(actor, campaign, reference, Stage.CONTACTED, note="LINE")
    if stage == Stage.CONTACTED:
        return
    outreach.move(actor, campaign, reference, Stage.NEGOTIATING)
    outreach.set_terms(
        actor, campaign, reference, quote_thb=max(500.0, round(float(str(pick["fee_thb"])), -2)),
        deliverables=[DueItem(kind, due)], contact_channel="line",
        contact_handle="@" + reference.split(":", 1)[1],
    )  # fmt: skip
    if stage == Stage.NEGOTIATING:
        return
    outreach.move(actor, campaign, reference, Stage.AGREED)
    if stage == Stage.AGREED or link is None:
        return
    outreach.submit(actor, campaign, reference, link, "ของขวัญปีใหม่ชิ้นนี้ใช้ดีมาก #รีวิว (demo)")
    if stage == Stage.SUBMITTED:
        return
    card = outreach.creator(campaign, reference)
    outreach.decide(actor, campaign, card.submissions[-1].id, approve=True, comment="ผ่านค่ะ")
    outreach.set_terms(actor, campaign, reference, content_links=[link])
    outreach.move(actor, campaign, reference, Stage.PUBLISHED)
