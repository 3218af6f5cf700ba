"""Every sentence the orders part tells people: shops and their secrets, what a webhook's answer
was, why a conversion sent to the API or a lead was refused, what a marketplace report import
did, and the PDPA consent a lead form shows. Declared once here (code and English text); the
CLI, pages and the API write them in the reader's language (see ``kolscope.domain.messages``).
Untyped placeholders are literal data (a shop's name, a field's name, an order number)."""

from __future__ import annotations

from kolscope.domain.messages import Template

# Shops and their secrets ----------------------------------------------------------------------
SOURCE_UNKNOWN = Template(
    "track.orders.source_unknown", "unknown shop kind {source} (known: {known:words})"
)
SHOP_NAME_MISSING = Template(
    "track.orders.shop_name_missing",
    "give the shop a name of 1 to {most:int} letters, digits, dots, dashes or underscores",
)
SHOP_TAKEN = Template("track.orders.shop_taken", "there is already a {source} shop named {shop}")
SHOP_UNKNOWN = Template("track.orders.shop_unknown", "there is no {source} shop named {shop}")
BRAND_UNKNOWN = Template("track.orders.brand_unknown", "there is no brand named {brand}")
DOMAIN_BAD = Template(
    "track.orders.domain_bad", "{domain} is not a shop address (for example shop.example.co.th)"
)
SHOPIFY_SECRET_NEEDED = Template(
    "track.orders.shopify_secret_needed",
    "paste the key Shopify signs this shop's webhooks with (Settings, Notifications, Webhooks: "
    '"Your webhooks will be signed with ...")',
)
SECRET_MADE_HERE = Template(
    "track.orders.secret_made_here",
    "kolscope makes the secret of a {source} shop itself; do not paste one",
)
SECRET_TOO_SHORT = Template(
    "track.orders.secret_too_short",
    "the signing key is too short ({count:int} characters; at least {least:int})",
)
SECRET_SHOWN_ONCE = Template(
    "track.orders.secret_shown_once",
    "copy the secret now: kolscope shows it only this once (rotate it to get a new one)",
)
SHOPIFY_SECRET_KEPT = Template(
    "track.orders.shopify_secret_kept",
    "Shopify's signing key is kept; kolscope never shows it again",
)

# What a webhook was answered ------------------------------------------------------------------
RECEIVED = Template("track.orders.received", "webhook received; its order is counted in a moment")
ALREADY_RECEIVED = Template(
    "track.orders.already_received", "this webhook was received before; it is counted once"
)
DELIVERY_REFUSED_LATER = Template(
    "track.orders.delivery_refused_later",
    "a stored webhook could no longer be read (was the shop's secret rotated meanwhile?): "
    "{why:said}",
)

# The conversion API ---------------------------------------------------------------------------
TOKEN_MISSING = Template(
    "track.orders.token_missing", "send the conversion token: Authorization: Bearer <token>"
)
TOKEN_WRONG = Template(
    "track.orders.token_wrong", "the conversion token is not one kolscope made (or it was rotated)"
)
BODY_NOT_OBJECT = Template("track.orders.body_not_object", "the body is not a JSON object")
FIELD_REQUIRED = Template("track.orders.field_required", "{name}: required")
FIELD_UNKNOWN = Template(
    "track.orders.field_unknown", "{name}: not a field kolscope reads (known: {known:words})"
)
FIELD_NOT_TEXT = Template("track.orders.field_not_text", "{name}: must be text")
FIELD_TOO_LONG = Template("track.orders.field_too_long", "{name}: at most {most:int} characters")
FIELD_NOT_AMOUNT = Template(
    "track.orders.field_not_amount",
    "{name}: must be an amount in baht of 0 or more with at most 2 decimals (for example 1290.50)",
)
FIELD_NOT_TIME = Template(
    "track.orders.field_not_time",
    "{name}: must be a date and time such as 2026-11-20T10:15:00+07:00",
)
FIELD_NOT_STATUS = Template("track.orders.field_not_status", "{name}: must be one of {known:words}")
FIELD_NOT_LIST = Template("track.orders.field_not_list", "{name}: must be a list of texts")
FIELD_NOT_OBJECT = Template("track.orders.field_not_object", "{name}: must be an object of texts")
CONVERSION_SAVED = Template("track.orders.conversion_saved", "conversion {order} saved")
CONVERSION_UNCHANGED = Template(
    "track.orders.conversion_unchanged", "conversion {order} was already saved as sent; unchanged"
)

# Leads and PDPA consent -----------------------------------------------------------------------
CONSENT_TEXT = Template(
    "track.orders.consent_text",
    "I agree that {brand} may keep my name and contact details and use them to contact me "
    "about {campaign}. I can ask {brand} at any time to stop, or to see or delete my details.",
)
CONSENT_REQUIRED = Template(
    "track.orders.consent_required",
    "tick the consent box: without consent kolscope keeps nothing",
)
CONSENT_TEXT_MISSING = Template(
    "track.orders.consent_text_missing",
    "consent_text: send the exact consent words the person agreed to",
)
LINK_UNKNOWN = Template(
    "track.orders.link_unknown", "there is no tracking link {code} (or it was deleted)"
)
CAMPAIGN_UNKNOWN = Template(
    "track.orders.campaign_unknown", "there is no campaign named {campaign}"
)
LEAD_NEEDS_CAMPAIGN = Template(
    "track.orders.lead_needs_campaign", "name the campaign, or the tracking link's code"
)
LEAD_SAVED = Template("track.orders.lead_saved", "thank you: your details were sent to {brand}")

# Marketplace reports --------------------------------------------------------------------------
REPORT_KIND_UNKNOWN = Template(
    "track.orders.report_kind_unknown", "unknown report kind {kind} (known: {known:words})"
)
REPORT_IMPORTED = Template(
    "track.orders.report_imported",
    "{file}: {rows:int} rows, {orders:int} orders ({new:int} new), {lines:int} lines "
    "({changed:int} new or changed)",
)
REPORT_LINE = Template(
    "track.orders.report_line", "{file} row {row:int}: line {line} {status} ({shop_status})"
)

# Notes in an order's history --------------------------------------------------------------------
API_CONVERSION = Template("track.orders.api_conversion", "sent to the conversion API as {status}")
ORDER_EVENT = Template(
    "track.orders.order_event",
    "the shop sent the order as {status} (its status: {shop_status}), {amount} {currency}",
)
REFUND_EVENT = Template(
    "track.orders.refund_event", "the shop sent a refund of {amount} {currency}"
)
LEAD_CONVERSION = Template("track.orders.lead_conversion", "a lead from the campaign's form")
