"""What a forecast says about where its numbers come from: the creator's own posts, posts of
other kinds converted by the tier's norm, or the tier's norm alone, and the assumptions behind
reach, clicks and conversions. Declared once here (code and English text); pages, exports and
the CLI write them in the reader's language.
"""

from __future__ import annotations

from kolscope.domain.messages import Template

# What is forecast (a deliverable, by name) --------------------------------------------------
DELIVERABLE_POST = Template("plan.forecast.deliverable.post", "feed posts")
DELIVERABLE_SHORT_VIDEO = Template("plan.forecast.deliverable.short_video", "short videos")
DELIVERABLE_STORY = Template("plan.forecast.deliverable.story", "stories")
DELIVERABLE_LONG_VIDEO = Template("plan.forecast.deliverable.long_video", "long videos")
DELIVERABLE_LIVE = Template("plan.forecast.deliverable.live", "lives")

# Where the numbers come from (a forecast's basis) -------------------------------------------
BASIS_OWN = Template(
    "plan.forecast.basis.own",
    "from {count:int} recent {what:said} over {days:int} days, {sponsored:int} of them sponsored",
)
BASIS_OTHER_KINDS = Template(
    "plan.forecast.basis.other_kinds",
    "from {count:int} recent posts of other kinds ({sponsored:int} of them sponsored), "
    "converted to {what:said} by the {tier:tier} norm on {platform:platform}",
)
BASIS_THIN = Template(
    "plan.forecast.basis.thin",
    "tier norm: only {count:int} recent posts, so the {tier:tier} norm for {what:said} on "
    "{platform:platform} weighs in (the creator's own posts count {weight:share})",
)
BASIS_NORM = Template(
    "plan.forecast.basis.norm",
    "tier norm: no recent posts with numbers, so the {tier:tier} norm for {what:said} on "
    "{platform:platform}",
)

# How reach, sponsored posts, clicks and conversions were reckoned ---------------------------
REACH_FROM_VIEWS = Template(
    "plan.forecast.reach.from_views",
    "reach: taken as the views forecast (the posts carry no reach)",
)
REACH_FROM_FOLLOWERS = Template(
    "plan.forecast.reach.from_followers",
    "reach: followers times the {tier:tier} reach rate on {platform:platform} ({rate:share}), "
    "an assumption (the posts carry no reach or views)",
)
SPONSORED_OWN = Template(
    "plan.forecast.sponsored.own",
    "sponsored: the creator's own {count:int} sponsored posts get {ratio:share} of the "
    "organic engagements",
)
SPONSORED_NORM = Template(
    "plan.forecast.sponsored.norm",
    "sponsored: only {count:int} sponsored posts, so the usual ratio applies (sponsored posts "
    "get {ratio:share} of the organic engagements)",
)
CLICKS = Template(
    "plan.forecast.clicks",
    "clicks: {rate:percent} of {base:said} for {what:said} on {platform:platform}, an "
    "assumption until tracking measures it",
)
CLICKS_BASE_REACH = Template("plan.forecast.clicks.base.reach", "the people reached")
CLICKS_BASE_VIEWS = Template("plan.forecast.clicks.base.views", "the views")
CONVERSIONS_SET = Template(
    "plan.forecast.conversions.set",
    "conversions: {rate:percent} of clicks, the conversion rate you set",
)
CONVERSIONS_DEFAULT = Template(
    "plan.forecast.conversions.default",
    "conversions: {rate:percent} of clicks, kolscope's default conversion rate (set your own, "
    "or let tracking measure it)",
)
