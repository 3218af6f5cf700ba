"""What the campaign optimiser says: the pyramid rules in words, why each creator was picked or
left out, the notes on a plan, and why no plan can be made. Declared once here (code and English
text); pages, the CLI and exports write them in the reader's language.
"""

from __future__ import annotations

from kolscope.domain.messages import Message, Template

# The forecast KPIs by name, nested in other sentences as {kpi:said} ----------------------------
KPI_NAMES = {
    "reach": Template("plan.optimiser.kpi.reach", "reach"),
    "views": Template("plan.optimiser.kpi.views", "views"),
    "engagements": Template("plan.optimiser.kpi.engagements", "engagements"),
    "clicks": Template("plan.optimiser.kpi.clicks", "clicks"),
    "conversions": Template("plan.optimiser.kpi.conversions", "conversions"),
}


def kpi_name(kpi: str) -> Message:
    """The KPI's name as a message (reach, engagements, ...)."""
    return KPI_NAMES[kpi]()


# The rules in words ---------------------------------------------------------------------------
RULE_OPEN_WITH_BIG = Template(
    "plan.optimiser.rule.open_with_big",
    "at least {count:int} macro or mega creators to open (awareness)",
)
RULE_SMALL_SHARE = Template(
    "plan.optimiser.rule.small_share", "at least {share:share} of the budget to micro and nano"
)
RULE_MAX_CREATORS = Template("plan.optimiser.rule.max_creators", "at most {count:int} creators")
RULE_MIN_QUALITY = Template(
    "plan.optimiser.rule.min_quality", "quality score at least {least:score}"
)
RULE_MIN_BRAND_FIT = Template(
    "plan.optimiser.rule.min_brand_fit", "brand fit at least {least:ratio}"
)
RULE_MIN_NICHE_MATCH = Template(
    "plan.optimiser.rule.min_niche_match", "niche match at least {least:ratio}"
)
RULE_MAX_OVERLAP = Template(
    "plan.optimiser.rule.max_overlap", "no two creators sharing more than {share:share} of audience"
)
RULE_PLATFORM_LEAST = Template(
    "plan.optimiser.rule.platform_least",
    "at least {share:share} of the budget on {platform:platform}",
)
RULE_PLATFORM_MOST = Template(
    "plan.optimiser.rule.platform_most",
    "at most {share:share} of the budget on {platform:platform}",
)
RULE_MUST_HAVE = Template("plan.optimiser.rule.must_have", "{reference} must be in the plan")
RULE_EXCLUDED = Template("plan.optimiser.rule.excluded", "{reference} is left out")
RULE_ONE_EACH = Template("plan.optimiser.rule.one_each", "at most one deliverable per creator")
RULE_BUDGET = Template("plan.optimiser.rule.budget", "a budget of {budget:thb}")

# Why a creator is in the plan -----------------------------------------------------------------
PICK_MUST_HAVE = Template(
    "plan.optimiser.pick.must_have", "must-have: {value:count} {kpi:said} for {fee:thb}"
)
PICK_OPENER = Template(
    "plan.optimiser.pick.opener", "{tier:tier} opener: {reach:count} reach for {fee:thb}"
)
PICK_BEST_IN_TIER = Template(
    "plan.optimiser.pick.best_in_tier",
    "best {kpi:said} per baht in the {tier:tier} tier: {value:count} for {fee:thb}",
)
PICK_RANKED = Template(
    "plan.optimiser.pick.ranked",
    "{value:count} {kpi:said} for {fee:thb}: number {rank:int} of {of:int} in the {tier:tier} "
    "tier by {kpi:said} per baht",
)
PICK_ADDS_REACH = Template(
    "plan.optimiser.pick.adds_reach",
    "adds {gain:count} new reach for {fee:thb} ({overlap:share} of its reach already covered)",
)
PICK_MANUAL = Template("plan.optimiser.pick.manual", "chosen by you")

# Why a creator is not in the plan -------------------------------------------------------------
OUT_BY_YOU = Template("plan.optimiser.out.by_you", "excluded: left out by you")
OUT_QUALITY = Template(
    "plan.optimiser.out.quality", "excluded: quality {quality:score} < {least:score}"
)
OUT_NO_QUALITY = Template(
    "plan.optimiser.out.no_quality",
    "excluded: no quality score yet (the rule asks at least {least:score})",
)
OUT_BRAND_FIT = Template(
    "plan.optimiser.out.brand_fit", "excluded: brand fit {fit:ratio} < {least:ratio}"
)
OUT_NO_BRAND_FIT = Template(
    "plan.optimiser.out.no_brand_fit",
    "excluded: no brand fit yet (the rule asks at least {least:ratio})",
)
OUT_NICHE_MATCH = Template(
    "plan.optimiser.out.niche_match", "excluded: niche match {match:ratio} < {least:ratio}"
)
OUT_NO_NICHE_MATCH = Template(
    "plan.optimiser.out.no_niche_match",
    "excluded: no niche match yet (the rule asks at least {least:ratio})",
)
OUT_OVER_BUDGET = Template(
    "plan.optimiser.out.over_budget",
    "excluded: the cheapest deliverable costs {fee:thb}, more than the budget of {budget:thb}",
)
OUT_OVERLAP = Template(
    "plan.optimiser.out.overlap",
    "excluded: {overlap:share} audience overlap with {other} (limit {limit:share})",
)
OUT_FULL = Template(
    "plan.optimiser.out.full", "not chosen: the plan already has {count:int} creators, the most"
)
OUT_LOWER_VALUE = Template(
    "plan.optimiser.out.lower_value",
    "not chosen: {value:number} {kpi:said} per 1,000 baht at best; the picks average "
    "{average:number}",
)
OUT_LOW_GAIN = Template(
    "plan.optimiser.out.low_gain",
    "not chosen: would add {gain:count} new reach for {fee:thb}, less per baht than the picks",
)

# Notes on a plan ------------------------------------------------------------------------------
NOTE_NO_AUDIENCE = Template(
    "plan.optimiser.note.no_audience",
    "no audience overlap data: reach is the plain sum of each creator's reach, and the overlap "
    "limit could not be applied",
)
NOTE_PARTLY_KNOWN = Template(
    "plan.optimiser.note.partly_known",
    "audience overlap known for {count:int} of {of:int} creators; the others count in full",
)
NOTE_MIP_GAP = Template(
    "plan.optimiser.note.mip_gap",
    "exact plan: within {gap:share} of the best possible {kpi:said} (a proven bound)",
)
NOTE_TIME_LIMIT = Template(
    "plan.optimiser.note.time_limit",
    "the solver stopped at its time limit; the plan is within {gap:share} of the best possible",
)
METHOD_NAMES = {
    "ratio greedy": Template("plan.optimiser.method.ratio", "most new reach per baht first"),
    "cost-agnostic greedy": Template("plan.optimiser.method.most", "most new reach first"),
    "best single": Template("plan.optimiser.method.single", "the one creator adding most reach"),
    "exact on own reach": Template(
        "plan.optimiser.method.exact", "the exact plan on each creator's own reach, re-measured"
    ),
}
NOTE_CELF = Template(
    "plan.optimiser.note.celf",
    "reach with overlap: chosen by {method:said}; at most {bound:count} reach is "
    "possible under these rules, so this plan is within {gap:share} of the best",
)
NOTE_CELF_REPAIRED = Template(
    "plan.optimiser.note.celf_repaired",
    "step-by-step choice could not meet {rule:said}; the plan is the exact plan on each "
    "creator's own reach, re-measured with overlap",
)
NOTE_SHARE_OF_BUDGET = Template(
    "plan.optimiser.note.share_of_budget",
    "shares are of the whole budget ({budget:thb}); {spent:thb} is spent",
)

# Why no plan can be made ----------------------------------------------------------------------
ERR_BUDGET = Template("plan.optimiser.error.budget", "the budget must be more than 0 THB")
ERR_BELOW_CHEAPEST = Template(
    "plan.optimiser.error.below_cheapest",
    "the budget of {budget:thb} is below the cheapest deliverable ({fee:thb}, {reference})",
)
ERR_NO_OPTIONS = Template("plan.optimiser.error.no_options", "there are no creators to choose from")
ERR_UNKNOWN = Template("plan.optimiser.error.unknown", "unknown creators: {references:words}")
ERR_UNKNOWN_DELIVERABLE = Template(
    "plan.optimiser.error.unknown_deliverable", "{reference} has no priced {deliverable}"
)
ERR_MUST_HAVE_EXCLUDED = Template(
    "plan.optimiser.error.must_have_excluded",
    "{reference} is a must-have but is {why:said}",
)
ERR_MUST_HAVE_OVER = Template(
    "plan.optimiser.error.must_have_over",
    "{reference} is a must-have but costs at least {fee:thb}, more than the budget of {budget:thb}",
)
ERR_BAD_RULE = Template("plan.optimiser.error.bad_rule", "this rule cannot hold: {rule:said}")
ERR_CONFLICT = Template(
    "plan.optimiser.error.conflict",
    "no plan meets all the rules: these {count:int} conflict; relax one of them",
)
ERR_CONFLICTING_RULE = Template("plan.optimiser.error.conflicting_rule", "conflicting: {rule:said}")
ERR_OUT_OF_TIME = Template(
    "plan.optimiser.error.out_of_time",
    "no plan was found within {seconds:int} seconds; try fewer creators or fewer rules",
)
ERR_NO_SCENARIO = Template(
    "plan.optimiser.error.no_scenario", "no {tier:tier} creators can be chosen for this scenario"
)
