"""Every sentence the campaign service says: brief errors, board and approval errors, notes on
plans and reminders, each declared once as a ``Template`` (``kolscope.domain.messages``). The
optimiser, forecasts, overlap and rate cards declare theirs in ``messages_<part>.py``."""

from __future__ import annotations

from kolscope.domain.messages import Template

# Reading a brief ------------------------------------------------------------------------------
NOT_A_NUMBER = Template("plan.brief.not_a_number", "{value} is not a number")
NOT_A_DATE = Template("plan.brief.not_a_date", "{value} is not a date (write 2026-12-31)")
NAME_EMPTY = Template("plan.brief.name_empty", "A campaign needs a name.")
NAME_LONG = Template("plan.brief.name_long", "A campaign name has at most {most:int} characters.")
BAD_OBJECTIVE = Template(
    "plan.brief.objective",
    "{value} is not an objective: choose awareness, engagement or conversion",
)
BUDGET_MISSING = Template("plan.brief.budget_missing", "A campaign needs a budget in baht.")
BUDGET_RANGE = Template(
    "plan.brief.budget_range", "The budget must be more than 0 and at most {most:thb}."
)
BAD_CHOICE = Template("plan.brief.bad_choice", "{value} is not one of the choices")
SHARE_RANGE = Template("plan.brief.share_range", "A share is from 0 to 100 %.")
AT_LEAST_ONE = Template("plan.brief.at_least_one", "At least 1.")
SCORE_RANGE = Template("plan.brief.score_range", "A score is from 0 to 100.")
SHARES_ORDER = Template(
    "plan.brief.shares_order", "The least share of a platform is above its most share."
)
DATES_ORDER = Template(
    "plan.brief.dates_order", "The campaign ends ({ends:day}) before it starts ({starts:day})."
)

# Finding campaigns, brands and creators -------------------------------------------------------
NO_CAMPAIGN = Template("plan.campaign.missing", "No campaign is called {name}.")
NO_CAMPAIGN_KNOWN = Template(
    "plan.campaign.missing_known", "No campaign is called {name}; there are: {names:words}."
)
NAME_TAKEN = Template("plan.campaign.name_taken", "A campaign called {name} exists already.")
NO_BRAND = Template(
    "plan.campaign.no_brand",
    "No brand is called {name}. Add it first (Brands page, or kolscope brands add).",
)
MAY_NOT_MANAGE = Template("plan.campaign.may_not_manage", "You may not plan or change campaigns.")
MAY_NOT_APPROVE = Template(
    "plan.campaign.may_not_approve", "You may not approve content of this campaign."
)
UNKNOWN_CREATORS = Template(
    "plan.campaign.unknown_creators", "Not in the workspace: {references:words}."
)
BAD_REFERENCE = Template(
    "plan.campaign.bad_reference", "{value} is not a creator: write platform:handle"
)
NOT_IN_CAMPAIGN = Template("plan.campaign.not_in", "{reference} is not in this campaign.")
NO_SHORTLIST = Template("plan.campaign.no_shortlist", "No shortlist is called {name}.")
NO_SAVED_SEARCH = Template("plan.campaign.no_search", "No saved search is called {name}.")
BAD_STATUS = Template(
    "plan.campaign.bad_status", "{value} is not a status: draft, planning, running or finished"
)

# The board ------------------------------------------------------------------------------------
BAD_STAGE = Template("plan.board.bad_stage", "{value} is not a stage of the board")
BAD_MOVE = Template(
    "plan.board.bad_move",
    "{reference} cannot go from {current:said} to {target:said}: next can be {allowed:said}.",
)
BAD_MOVE_END = Template(
    "plan.board.bad_move_end", "{reference} is {current:said}: that ends their part in it."
)
BRAND_DECIDES = Template(
    "plan.board.brand_decides",
    "Content is approved or sent back by deciding on what was submitted, not by moving the card.",
)
NEEDS_SUBMISSION = Template(
    "plan.board.needs_submission", "Submit the content (a link) to move {reference} there."
)
FEE_RANGE = Template("plan.board.fee_range", "A fee must be more than 0 and at most {most:thb}.")
FEE_NEEDED = Template(
    "plan.board.fee_needed", "Agree a fee with {reference} before moving them to agreed."
)
BAD_CHANNEL = Template(
    "plan.board.bad_channel", "{value} is not a contact channel: LINE, email, phone or DM"
)
BAD_URL = Template("plan.board.bad_url", "{value} is not a web address (https://…)")
NO_SUBMISSION = Template(
    "plan.board.no_submission", "No content number {number:int} was submitted."
)
ALREADY_DECIDED = Template(
    "plan.board.already_decided", "That content was already decided on; submit the new version."
)
COMMENT_NEEDED = Template(
    "plan.board.comment_needed", "Say what should change, so the creator knows what to fix."
)
TEXT_LONG = Template("plan.board.text_long", "At most {most:int} characters.")

# Stage names (the board's columns) ------------------------------------------------------------
STAGE_NAMES = {
    "shortlisted": Template("plan.stage.shortlisted", "shortlisted"),
    "contacted": Template("plan.stage.contacted", "contacted"),
    "negotiating": Template("plan.stage.negotiating", "negotiating"),
    "agreed": Template("plan.stage.agreed", "agreed"),
    "content_submitted": Template("plan.stage.content_submitted", "content submitted"),
    "approved": Template("plan.stage.approved", "approved"),
    "changes_requested": Template("plan.stage.changes_requested", "changes requested"),
    "published": Template("plan.stage.published", "published"),
    "paid": Template("plan.stage.paid", "paid"),
    "declined": Template("plan.stage.declined", "declined"),
    "dropped": Template("plan.stage.dropped", "dropped"),
}
OR = Template("plan.or", "{first:said} or {rest:said}")
COMMA = Template("plan.comma", "{first:said}, {rest:said}")
NOTHING = Template("plan.nothing", "nowhere")

# Planning the pool ----------------------------------------------------------------------------
POOL_EMPTY = Template(
    "plan.pool.empty",
    "No creators to choose from: add a shortlist or creators to the campaign, or give the "
    "brief niches so kolscope can search.",
)
POOL_SEARCHED = Template(
    "plan.pool.searched",
    "The campaign has no creators yet, so the plan chose from the {count:int} best matches of "
    "a search by the brief.",
)
COMPETITOR = Template(
    "plan.pool.competitor", "excluded: posted for competitor {competitor} on {day:day}"
)
DECLINED = Template("plan.pool.declined", "excluded: {stage:said} on the board")
NO_DELIVERABLE = Template(
    "plan.pool.no_deliverable",
    "excluded: offers none of the brief's deliverables on {platform:platform}",
)

# Reminders ------------------------------------------------------------------------------------
DUE = Template("plan.remind.due", "{reference}: {deliverable:said} due {day:day} ({campaign})")
OVERDUE = Template(
    "plan.remind.overdue", "{reference}: {deliverable:said} was due {day:day} ({campaign})"
)
REMINDER_SUBJECT = Template(
    "plan.remind.subject", "kolscope: {due:int} due this week, {overdue:int} overdue"
)
DELIVERABLE_NAMES = {
    "post": Template("plan.deliverable.post", "post"),
    "short_video": Template("plan.deliverable.short_video", "reel or short video"),
    "story": Template("plan.deliverable.story", "story"),
    "long_video": Template("plan.deliverable.long_video", "long video"),
    "live": Template("plan.deliverable.live", "live"),
}
OBJECTIVE_NAMES = {
    "awareness": Template("plan.objective.awareness", "awareness"),
    "engagement": Template("plan.objective.engagement", "engagement"),
    "conversion": Template("plan.objective.conversion", "conversion"),
}
STATUS_NAMES = {
    "draft": Template("plan.status.draft", "draft"),
    "planning": Template("plan.status.planning", "planning"),
    "running": Template("plan.status.running", "running"),
    "finished": Template("plan.status.finished", "finished"),
}
