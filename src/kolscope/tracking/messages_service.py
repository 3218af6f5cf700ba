"""What tracking's use cases say when they refuse a request: an unknown campaign, destination,
link or creator, a value that is not a number, a discount or shop kind it does not know, and
what attribution says of orders matched by a TikTok Shop creator's username. Declared once here
(code and English text); the CLI, pages and the API write them in the reader's language."""

from __future__ import annotations

from kolscope.domain.messages import Template

NO_CAMPAIGN = Template("track.service.no_campaign", "there is no campaign {campaign}")
NO_DESTINATION = Template(
    "track.service.no_destination",
    "destination {destination} is not registered for this campaign; add it first",
)
NO_LINK = Template("track.service.no_link", "there is no live tracking link {code}")
NOT_IN_CAMPAIGN = Template(
    "track.service.not_in_campaign", "creator {creator} is not in this campaign"
)
NOT_REGISTERED = Template(
    "track.service.not_registered",
    "{url} does not lead to a destination registered for this campaign",
)
NOT_A_MARKETPLACE = Template(
    "track.service.not_a_marketplace", "{url} is not a Shopee or Lazada affiliate link"
)
BAD_MEDIUM = Template(
    "track.service.bad_medium", "unknown UTM medium {medium} (known: {known:words})"
)
BAD_SHOP_KIND = Template(
    "track.service.bad_shop_kind", "unknown kind of shop {kind} (known: {known:words})"
)
BAD_DISCOUNT_KIND = Template(
    "track.service.bad_discount_kind",
    "a discount is a percentage (percent) or baht off (thb), not {kind}",
)
NOT_AN_AMOUNT = Template("track.service.not_an_amount", "{value} is not a number")
BAD_MODEL = Template(
    "track.service.bad_model", "unknown attribution model {model} (known: {known:words})"
)
CREATOR_USERNAME = Template(
    "track.attribution.creator_username",
    "TikTok Shop names creator {creator} (content {content}) as the affiliate of this order",
)
SUB_ID = Template(
    "track.attribution.sub_id",
    "the marketplace report carries token {token} of {creator}'s affiliate link in a sub-id",
)
