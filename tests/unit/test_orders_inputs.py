"""What is sent without a shop: one conversion for the generic API (every field checked, the
field at fault named, the customer never kept as sent) and a lead (refused without consent)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kolscope.tracking.orders_inputs import read_conversion, read_lead
from kolscope.tracking.orders_values import OrderError

SECRET = b"workspace-secret-for-the-tests-0123456789"
NOW = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)


def conversion(**changes: Any) -> dict[str, Any]:
    sent: dict[str, Any] = {
        "order_id": "WEB-1042",
        "amount_thb": "1290.50",
        "ordered_at": "2026-11-20T10:15:00+07:00",
    }
    sent.update(changes)
    return {k: v for k, v in sent.items() if v is not ...}


def read(payload: Any) -> dict[str, Any]:
    return read_conversion(payload, shop="site", secret=SECRET, received_at=NOW)


def refused(payload: Any) -> OrderError:
    with pytest.raises(OrderError) as caught:
        read(payload)
    assert caught.value.status == 400
    return caught.value


def test_a_minimal_conversion_is_read_with_defaults() -> None:
    detail = read(conversion())
    assert detail["order_id"] == "WEB-1042"
    assert detail["amount_thb"] == "1290.50"
    assert detail["commission_thb"] == "0.00"
    assert detail["status"] == "paid"
    assert detail["ordered_at"] == "2026-11-20T03:15:00+00:00"
    assert detail["codes"] == []
    assert detail["utm"] == {}
    assert detail["click_id"] is None
    assert detail["event_key"].startswith("api:")


def test_every_optional_field_is_read() -> None:
    detail = read(
        conversion(
            order_id=5001,
            amount_thb=99.9,
            commission_thb="9.99",
            status="pending",
            codes=["namwan10", " NAMWAN10 ", "pim5"],
            click_id="k7Qx2a",
            utm={"utm_source": "tiktok", "utm_campaign": "songkran", "utm_term": ""},
            referrer="https://www.tiktok.com/@namwan/video/1",
            customer="somchai@example.co.th",
        )
    )
    assert detail["order_id"] == "5001"
    assert detail["amount_thb"] == "99.90"
    assert detail["status"] == "pending"
    assert detail["codes"] == ["NAMWAN10", "PIM5"]
    assert detail["utm"] == {"utm_source": "tiktok", "utm_campaign": "songkran"}
    assert detail["referrer_domain"] == "tiktok.com"
    assert "somchai" not in str(detail)
    assert len(detail["customer_key"]) == 32


def test_a_time_without_a_zone_is_thai_time() -> None:
    assert read(conversion(ordered_at="2026-11-20 10:15:00"))["ordered_at"] == (
        "2026-11-20T03:15:00+00:00"
    )


@pytest.mark.parametrize(
    ("payload", "field", "words"),
    [
        (conversion(order_id=...), "order_id", "required"),
        (conversion(order_id=""), "order_id", "required"),
        (conversion(order_id=True), "order_id", "text"),
        (conversion(order_id="x" * 201), "order_id", "at most 200"),
        (conversion(amount_thb=...), "amount_thb", "required"),
        (conversion(amount_thb="-1"), "amount_thb", "amount"),
        (conversion(amount_thb="12.345"), "amount_thb", "2 decimals"),
        (conversion(amount_thb="NaN"), "amount_thb", "amount"),
        (conversion(amount_thb=True), "amount_thb", "amount"),
        (conversion(amount_thb="1e13"), "amount_thb", "amount"),
        (conversion(commission_thb="lots"), "commission_thb", "amount"),
        (conversion(ordered_at="yesterday"), "ordered_at", "date and time"),
        (conversion(ordered_at=20261120), "ordered_at", "date and time"),
        (conversion(status="shipped"), "status", "paid, pending"),
        (conversion(codes="NAMWAN10"), "codes", "list"),
        (conversion(codes=[1]), "codes", "text"),
        (conversion(utm=["tiktok"]), "utm", "object"),
        (conversion(utm={"utm_colour": "red"}), "utm.utm_colour", "not a field"),
        (conversion(click_id=["k"]), "click_id", "text"),
        (conversion(colour="red"), "colour", "not a field"),
    ],
)
def test_a_bad_field_is_named(payload: dict[str, Any], field: str, words: str) -> None:
    error = refused(payload)
    assert error.field == field
    assert field in str(error.message)
    assert words in str(error.message)


def test_a_body_that_is_not_an_object_is_refused() -> None:
    assert refused(["order"]).field == "body"


def test_the_same_conversion_has_the_same_key_and_another_one_another() -> None:
    first = read(conversion(codes=["A"]))
    again = read_conversion(
        conversion(codes=["a"]), shop="site", secret=SECRET, received_at=datetime.now(UTC)
    )
    assert first["event_key"] == again["event_key"]
    assert read(conversion(status="refunded"))["event_key"] != first["event_key"]


def test_a_customer_is_hashed_per_secret_and_shop() -> None:
    one = read(conversion(customer="7712"))["customer_key"]
    assert one == read(conversion(customer=7712))["customer_key"]
    other = read_conversion(
        conversion(customer="7712"), shop="site", secret=b"another secret", received_at=NOW
    )
    assert other["customer_key"] != one


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "order_id": json_values,
            "amount_thb": json_values,
            "ordered_at": json_values,
            "status": json_values,
            "commission_thb": json_values,
            "codes": json_values,
            "click_id": json_values,
            "utm": json_values,
            "referrer": json_values,
            "customer": json_values,
        },
    )
)
def test_random_conversions_are_read_or_refused_naming_a_field(payload: dict[str, Any]) -> None:
    refusal: OrderError | None = None
    try:
        detail = read(payload)
    except OrderError as error:
        refusal = error
    if refusal is not None:
        assert refusal.status == 400
        assert refusal.field
        return
    assert detail["order_id"]
    assert detail["event_key"]


# Leads ------------------------------------------------------------------------------------------
def test_a_lead_needs_consent_given_to_words_shown() -> None:
    person = read_lead("Pim", "pim@example.com", True, "I agree ...", None)
    assert person == ("Pim", "pim@example.com", "I agree ...", None)
    for consent in (False, None, "yes", 1):
        with pytest.raises(OrderError) as caught:
            read_lead("Pim", "pim@example.com", consent, "I agree ...", None)
        assert caught.value.field == "consent"
    with pytest.raises(OrderError) as caught:
        read_lead("Pim", "pim@example.com", True, "  ", None)
    assert caught.value.field == "consent_text"


@pytest.mark.parametrize(
    ("name", "contact", "click_id", "field"),
    [
        ("", "pim@example.com", None, "name"),
        ("Pim", None, None, "contact"),
        ("Pim", "x" * 301, None, "contact"),
        ("Pim", "081-234-5678", 5, "click_id"),
    ],
)
def test_a_lead_without_a_name_or_contact_is_refused(
    name: Any, contact: Any, click_id: Any, field: str
) -> None:
    with pytest.raises(OrderError) as caught:
        read_lead(name, contact, True, "I agree", click_id)
    assert caught.value.field == field
