"""Reading what people and programs send without a shop: one conversion for the generic API,
and a lead (name, contact, PDPA consent). Pure: every refusal is an ``OrderError(400)`` naming
the field, before anything is written.

A conversion is ``{order_id, amount_thb, ordered_at, status, commission_thb, codes, click_id,
utm, referrer, customer}``; only the first three are required. A time without a zone is Thai
time (UTC+7). The customer is kept only as an HMAC under the workspace secret, never as sent.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from kolscope.tracking import messages_orders as said
from kolscope.tracking.orders_values import OrderError
from kolscope.tracking.webhooks.orders import UTM_TAGS, domain_of

BANGKOK = timezone(timedelta(hours=7), "Asia/Bangkok")
LARGEST_BAHT = Decimal("1e12")
CONVERSION_STATUSES = ("paid", "pending", "cancelled", "refunded", "rejected", "ineligible")
REQUIRED = ("order_id", "amount_thb", "ordered_at")
OPTIONAL = ("status", "commission_thb", "codes", "click_id", "utm", "referrer", "customer")
MOST = {"order_id": 200, "click_id": 40, "code": 60, "utm": 200, "referrer": 2000, "customer": 300}
MOST_NAME = 200
MOST_CONTACT = 300
MOST_CONSENT = 5000


def _refuse(message: Any, name: str) -> OrderError:
    return OrderError(400, message, name)


def _text(value: Any, name: str, most: int, *, numbers: bool = False) -> str:
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _refuse(said.FIELD_NOT_TEXT(name=name), name)
    text = value.strip()
    if not text:
        raise _refuse(said.FIELD_REQUIRED(name=name), name)
    if len(text) > most:
        raise _refuse(said.FIELD_TOO_LONG(name=name, most=most), name)
    return text


def _optional_text(payload: Mapping[str, Any], name: str, most: int) -> str | None:
    value = payload.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _text(value, name, most, numbers=name == "customer")


def baht_amount(value: Any, name: str) -> Decimal:
    """Baht of 0 or more, at most 2 decimals, sent as a number or as text ("1290.50")."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _refuse(said.FIELD_NOT_AMOUNT(name=name), name)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise _refuse(said.FIELD_NOT_AMOUNT(name=name), name) from None
    exponent = number.as_tuple().exponent
    if (
        not number.is_finite()
        or number < 0
        or number > LARGEST_BAHT
        or not isinstance(exponent, int)
        or exponent < -2
    ):
        raise _refuse(said.FIELD_NOT_AMOUNT(name=name), name)
    return number.quantize(Decimal("0.01"))


def moment(value: Any, name: str) -> datetime:
    """An ISO 8601 time; without a zone it is Thai time."""
    if not isinstance(value, str):
        raise _refuse(said.FIELD_NOT_TIME(name=name), name)
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise _refuse(said.FIELD_NOT_TIME(name=name), name) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=BANGKOK)
    try:
        return when.astimezone(UTC)
    except (OverflowError, ValueError):
        raise _refuse(said.FIELD_NOT_TIME(name=name), name) from None


def _codes(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _refuse(said.FIELD_NOT_LIST(name="codes"), "codes")
    return list(dict.fromkeys(_text(code, "codes", MOST["code"]).upper() for code in value))


def _utm(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _refuse(said.FIELD_NOT_OBJECT(name="utm"), "utm")
    tags = {}
    for key, tag in value.items():
        name = f"utm.{key}"
        if key not in UTM_TAGS:
            raise _refuse(said.FIELD_UNKNOWN(name=name, known=list(UTM_TAGS)), name)
        if tag is None or tag == "":
            continue
        tags[key] = _text(tag, name, MOST["utm"])
    return tags


def customer_key(secret: bytes, shop: str, customer: str | None) -> str | None:
    """The customer as an HMAC under the workspace secret: orders by the same customer match,
    and kolscope never keeps who they are."""
    if not customer:
        return None
    return hmac.new(secret, f"api:{shop}:{customer}".encode(), hashlib.sha256).hexdigest()[:32]


def read_conversion(
    payload: Any, *, shop: str, secret: bytes, received_at: datetime
) -> dict[str, Any]:
    """One conversion as stored (``order_events.detail``), with its ``event_key``: the same
    conversion sent twice has the same key, so it is kept once."""
    if not isinstance(payload, dict):
        raise _refuse(said.BODY_NOT_OBJECT(), "body")
    known = (*REQUIRED, *OPTIONAL)
    for name in payload:
        if name not in known:
            raise _refuse(said.FIELD_UNKNOWN(name=str(name), known=list(known)), str(name))
    for name in REQUIRED:
        if payload.get(name) is None or payload.get(name) == "":
            raise _refuse(said.FIELD_REQUIRED(name=name), name)
    status = payload.get("status") or "paid"
    if status not in CONVERSION_STATUSES:
        statuses = list(CONVERSION_STATUSES)
        raise _refuse(said.FIELD_NOT_STATUS(name="status", known=statuses), "status")
    commission = payload.get("commission_thb")
    referrer = _optional_text(payload, "referrer", MOST["referrer"])
    detail: dict[str, Any] = {
        "form": "api",
        "order_id": _text(payload["order_id"], "order_id", MOST["order_id"], numbers=True),
        "amount_thb": str(baht_amount(payload["amount_thb"], "amount_thb")),
        "commission_thb": str(
            baht_amount(commission, "commission_thb") if commission is not None else Decimal("0.00")
        ),
        "ordered_at": moment(payload["ordered_at"], "ordered_at").isoformat(),
        "status": status,
        "codes": _codes(payload.get("codes")),
        "click_id": _optional_text(payload, "click_id", MOST["click_id"]),
        "utm": _utm(payload.get("utm")),
        "referrer_domain": domain_of(referrer),
        "customer_key": customer_key(
            secret, shop, _optional_text(payload, "customer", MOST["customer"])
        ),
    }
    canonical = json.dumps(detail, sort_keys=True, ensure_ascii=False).encode()
    detail["event_key"] = "api:" + hashlib.sha256(canonical).hexdigest()[:40]
    detail["received_at"] = received_at.astimezone(UTC).isoformat()
    return detail


def read_lead(
    name: Any, contact: Any, consent: Any, consent_text: Any, click_id: Any
) -> tuple[str, str, str, str | None]:
    """A lead's name, contact, the consent words and click id; refused without consent (the
    box ticked and the words it was given to), so nothing is kept without it."""
    if consent is not True:
        raise _refuse(said.CONSENT_REQUIRED(), "consent")
    if not isinstance(consent_text, str) or not consent_text.strip():
        raise _refuse(said.CONSENT_TEXT_MISSING(), "consent_text")
    words = _text(consent_text, "consent_text", MOST_CONSENT)
    person = _text(name, "name", MOST_NAME)
    reach = _text(contact, "contact", MOST_CONTACT)
    click = None
    if click_id is not None and click_id != "":
        click = _text(click_id, "click_id", MOST["click_id"])
    return person, reach, words, click
