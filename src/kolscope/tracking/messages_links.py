"""Every sentence the tracking links and promo codes tell people: why a destination, a medium,
a pasted affiliate link or a promo code pattern is refused. Declared once here (code and English
text); the CLI, pages and the API write them in the reader's language (see
``kolscope.domain.messages``)."""

from __future__ import annotations

from kolscope.domain.messages import Template

# Tracking links --------------------------------------------------------------------------------
BAD_DESTINATION = Template(
    "track.links.bad_destination",
    "{url} is not a web address kolscope can send people to (it must start with http:// or "
    "https:// and name a host)",
)
UNREGISTERED_DESTINATION = Template(
    "track.links.unregistered_destination",
    "{url} is not a destination registered for this campaign",
)
BAD_MEDIUM = Template(
    "track.links.bad_medium", "unknown UTM medium {medium} (known: {known:words})"
)
NO_SHORT_CODE_LEFT = Template(
    "track.links.no_short_code_left",
    "no free short code found after {count:int} tries; ask for a longer code",
)

# Marketplace affiliate links -------------------------------------------------------------------
NOT_A_MARKETPLACE = Template(
    "track.links.not_a_marketplace",
    "{url} is not a Shopee or Lazada affiliate link",
)
SHORT_MARKETPLACE_LINK = Template(
    "track.links.short_marketplace_link",
    "{url} is a short link: set the creator's token {token} as Sub_id in the marketplace's "
    "own link tool and paste the link it makes",
)
BAD_SUB_ID_SLOT = Template(
    "track.links.bad_sub_id_slot",
    "{marketplace} has sub-id fields 1 to {most:int}, not {slot:int}",
)
BAD_TOKEN = Template(
    "track.links.bad_token",
    "{token} cannot travel in a sub-id: use letters, digits and underscores only",
)
NO_SUB_ID = Template(
    "track.links.no_sub_id",
    "TikTok Shop links carry no sub-id: its orders are matched by creator username and content id",
)

# Promo codes -----------------------------------------------------------------------------------
BAD_PATTERN = Template(
    "track.links.bad_pattern",
    "promo code pattern {pattern} may use {{HANDLE}}, {{NAME}} and {{N}}, letters and digits only",
)
BAD_PERCENT = Template(
    "track.links.bad_percent", "a percentage discount must be above 0 and at most 100, not {value}"
)
BAD_AMOUNT = Template("track.links.bad_amount", "a discount in baht must be above ฿0, not {value}")
BAD_LIMIT = Template(
    "track.links.bad_limit", "a usage limit must be a whole number of at least 1, not {value}"
)
BAD_VALIDITY = Template(
    "track.links.bad_validity", "the code ends on {ends:day}, before it starts on {starts:day}"
)
