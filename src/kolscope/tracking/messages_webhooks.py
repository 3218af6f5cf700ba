"""Every sentence the shop webhooks tell people: why a webhook was refused (bad signature,
malformed order), and what happened to an order's attribution (a duplicate counted once, an
older version arriving late, a cancellation or refund). Declared once here (code and English
text); the log, pages and the API write them in the reader's language (see
``kolscope.domain.messages``). Untyped placeholders are literal shop data (a header name, a
field name, an order number)."""

from __future__ import annotations

from kolscope.domain.messages import Template

# Refused with 401: the webhook cannot be shown to come from the shop -----------------------------
SIGNATURE_MISSING = Template(
    "track.webhooks.signature_missing", "the webhook has no {header} header, so it is not signed"
)
SIGNATURE_NOT_BASE64 = Template(
    "track.webhooks.signature_not_base64", "the {header} header is not a base64 signature"
)
SIGNATURE_WRONG = Template(
    "track.webhooks.signature_wrong",
    "the {header} signature does not match the body and the shop's webhook secret",
)

# Refused with 400: the webhook is signed but its order cannot be read ----------------------------
BODY_NOT_JSON = Template("track.webhooks.body_not_json", "the body is not a JSON object")
HEADER_MISSING = Template("track.webhooks.header_missing", "the webhook has no {header} header")
TOPIC_UNKNOWN = Template(
    "track.webhooks.topic_unknown", "the topic {topic} is not an order event kolscope reads"
)
FIELD_MISSING = Template("track.webhooks.field_missing", "the order has no {name}")
FIELD_NOT_AMOUNT = Template(
    "track.webhooks.field_not_amount", "the order's {name} is not an amount of money"
)
FIELD_NOT_TIME = Template(
    "track.webhooks.field_not_time", "the order's {name} is not a date and time"
)
FIELD_NOT_TEXT = Template("track.webhooks.field_not_text", "the order's {name} is not text")
FIELD_NOT_LIST = Template(
    "track.webhooks.field_not_list", "the order's {name} is not a list of entries"
)

# Answered 2xx without an order -------------------------------------------------------------------
PING = Template(
    "track.webhooks.ping", "WooCommerce checked webhook {webhook} is reachable; answered OK"
)

# What an event did to the order's history ---------------------------------------------------------
COUNTED = Template("track.webhooks.counted", "order {order} counted in sales")
DUPLICATE = Template(
    "track.webhooks.duplicate",
    "order {order}: webhook {key} arrived again ({count:int} copies); counted once",
)
SUPERSEDED = Template(
    "track.webhooks.superseded",
    "order {order}: a newer version of the order arrived, this one is kept in the history only",
)
CANCELLED = Template(
    "track.webhooks.cancelled", "order {order} was cancelled: its attributed sales are zero"
)
REFUNDED = Template(
    "track.webhooks.refunded", "order {order}: {amount} {currency} refunded, taken off its sales"
)
TEST_ORDER = Template(
    "track.webhooks.test_order", "order {order} is a test order: kept apart from sales"
)
