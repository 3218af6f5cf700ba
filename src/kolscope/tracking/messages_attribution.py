"""Every sentence attribution tells people: which rule placed an order with which creator (a
promo code, a click id, the visitor's last click, a UTM match, or a multi-touch split), why an
order stayed unattributed, and why a cancelled, refunded, rejected or ineligible order counts
for nothing. Declared once here (code and English text); pages, exports and the API write them
in the reader's language (see ``kolscope.domain.messages``). Untyped placeholders are literal
data: a promo code, a click id, a creator's handle, a campaign's UTM slug."""

from __future__ import annotations

from kolscope.domain.messages import Template

# The default rules, in the order they are tried --------------------------------------------------
PROMO_CODE = Template(
    "track.attribution.promo_code", "the order used promo code {code}, which belongs to {creator}"
)
CLICK_ID = Template(
    "track.attribution.click_id",
    "the order carries click id {click_id}, a click on {creator}'s link",
)
LAST_CLICK = Template(
    "track.attribution.last_click",
    "the visitor's last click within {days:int} days was on {creator}'s link, on {when:day}",
)
UTM = Template(
    "track.attribution.utm",
    "the order's UTM tags name creator {creator} in campaign {campaign}",
)
UNATTRIBUTED = Template(
    "track.attribution.unattributed",
    "no promo code, click id, click within {days:int} days or UTM tag points to a creator",
)

# The documented alternatives to the last click ---------------------------------------------------
FIRST_CLICK = Template(
    "track.attribution.first_click",
    "the visitor's first click within {days:int} days was on {creator}'s link, on {when:day}",
)
LINEAR = Template(
    "track.attribution.linear",
    "split equally over the visitor's {count:int} clicks within {days:int} days",
)
TIME_DECAY = Template(
    "track.attribution.time_decay",
    "split over the visitor's {count:int} clicks within {days:int} days, "
    "a click's weight halving every {half_life:int} days before the order",
)
POSITION = Template(
    "track.attribution.position",
    "split over the visitor's {count:int} clicks within {days:int} days: "
    "{ends:share} each to the first and last click, {middle:share} to those between",
)

# Orders that count for nothing, whatever placed them ---------------------------------------------
CANCELLED = Template(
    "track.attribution.cancelled", "{why:said}; the order was cancelled, so it counts 0 THB"
)
REFUNDED = Template(
    "track.attribution.refunded", "{why:said}; the order was refunded, so it counts 0 THB"
)
REJECTED = Template(
    "track.attribution.rejected", "{why:said}; the order was rejected, so it counts 0 THB"
)
UNPAID = Template(
    "track.attribution.unpaid",
    "{why:said}; the order is not paid for yet, so it counts 0 THB until it is",
)
INELIGIBLE = Template(
    "track.attribution.ineligible",
    "{why:said}; the order is not eligible for commission, so it counts 0 THB",
)
