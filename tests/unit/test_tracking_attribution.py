"""Attribution rules (#17): each default rule and their precedence, the window's edge, the
multi-touch models' shares, voided orders, and totals that add up."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kolscope.tracking.attribution import (
    MODELS,
    Attributed,
    CodeOwner,
    Model,
    Order,
    Rule,
    Touch,
    attribute,
    totals,
)
from kolscope.tracking.attribution.models import (
    position_weights,
    split_baht,
    time_decay_weights,
)

ORDERED = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
CODES: dict[str, str | CodeOwner] = {"MAYGLOW10": "may", "PIMSUMMER": CodeOwner("pim", "summer")}


def click(days_before: float, creator: str, click_id: str = "", visitor: str = "v1") -> Touch:
    """A click ``days_before`` the order on ``creator``'s link for the summer campaign."""
    return Touch(
        at=ORDERED - timedelta(days=days_before),
        creator=creator,
        campaign="summer",
        click_id=click_id or f"c-{creator}-{days_before}",
        visitor=visitor,
    )


def order(amount: str = "1000", **fields: object) -> Order:
    values: dict[str, object] = {"order_id": "1001", "at": ORDERED, "visitor": "v1"}
    values.update(fields)
    return Order(amount_thb=Decimal(amount), **values)  # type: ignore[arg-type]


UTM_TAGS = {"utm_medium": "influencer", "utm_content": "@Nook", "utm_campaign": "summer"}
TOUCHES = [click(3, "ann", "k-ann"), click(1, "bee", "k-bee")]


# The default rules, one by one and in order ------------------------------------------------------
def test_a_promo_code_wins_over_everything() -> None:
    placed = attribute(order(codes=["mayglow10"], click_id="k-ann", utm=UTM_TAGS), TOUCHES, CODES)
    assert placed.rule is Rule.PROMO_CODE
    assert [(c.creator, c.share, c.amount_thb) for c in placed.credits] == [
        ("may", 1.0, Decimal("1000.00"))
    ]
    assert str(placed.why) == "the order used promo code MAYGLOW10, which belongs to may"


def test_a_code_owner_can_name_its_campaign_and_unknown_codes_are_skipped() -> None:
    placed = attribute(order(codes=["WELCOME", "PimSummer"]), [], CODES)
    assert placed.rule is Rule.PROMO_CODE
    assert (placed.credits[0].creator, placed.credits[0].campaign) == ("pim", "summer")


def test_a_click_id_wins_over_the_last_click_and_utm() -> None:
    placed = attribute(order(codes=["NOPE"], click_id="k-ann", utm=UTM_TAGS), TOUCHES, CODES)
    assert placed.rule is Rule.CLICK_ID
    assert placed.credits[0].creator == "ann"
    assert "click id k-ann" in str(placed.why)


def test_an_unknown_click_id_falls_back_to_the_last_click() -> None:
    placed = attribute(order(click_id="k-unknown", utm=UTM_TAGS), TOUCHES, CODES)
    assert placed.rule is Rule.LAST_CLICK
    assert placed.credits[0].creator == "bee"
    assert str(placed.why) == (
        "the visitor's last click within 30 days was on bee's link, on 2026-06-29"
    )


def test_a_click_after_the_order_does_not_count() -> None:
    later = Touch(ORDERED + timedelta(hours=1), "zed", "summer", "k-zed", "v1")
    placed = attribute(order(click_id="k-zed"), [*TOUCHES, later], CODES)
    assert (placed.rule, placed.credits[0].creator) == (Rule.LAST_CLICK, "bee")


def test_other_visitors_clicks_do_not_count_for_the_last_click() -> None:
    placed = attribute(order(utm=UTM_TAGS), [click(1, "bee", visitor="v2")], CODES)
    assert placed.rule is Rule.UTM
    assert (placed.credits[0].creator, placed.credits[0].campaign) == ("nook", "summer")


def test_utm_needs_one_of_our_mediums() -> None:
    tags = {**UTM_TAGS, "utm_medium": "cpc"}
    placed = attribute(order(utm=tags), [], CODES)
    assert placed.rule is Rule.UNATTRIBUTED
    assert placed.credits == ()
    assert placed.amount_thb == Decimal("1000.00")
    assert "within 30 days" in str(placed.why)


# The window --------------------------------------------------------------------------------------
def test_a_click_exactly_at_the_window_edge_counts_and_one_second_older_does_not() -> None:
    edge = [click(30, "ann")]
    assert attribute(order(), edge, CODES).rule is Rule.LAST_CLICK
    older = [Touch(ORDERED - timedelta(days=30, seconds=1), "ann", "summer", "k", "v1")]
    assert attribute(order(), older, CODES).rule is Rule.UNATTRIBUTED


def test_the_window_is_configurable() -> None:
    touches = [click(10, "ann")]
    assert attribute(order(), touches, CODES, window_days=7).rule is Rule.UNATTRIBUTED
    placed = attribute(order(), touches, CODES, window_days=14)
    assert placed.rule is Rule.LAST_CLICK
    assert "within 14 days" in str(placed.why)


def test_unknown_model_and_negative_window_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown attribution model"):
        attribute(order(), [], CODES, model="last_touch")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="negative"):
        attribute(order(), [], CODES, window_days=-1)


# The multi-touch models --------------------------------------------------------------------------
THREE = [click(20, "ann"), click(10, "bee"), click(2, "cat")]


def shares(placed: Attributed) -> dict[str, float]:
    return {credit.creator: credit.share for credit in placed.credits}


def test_first_click_gives_all_to_the_earliest_click() -> None:
    placed = attribute(order(), THREE, CODES, model="first_click")
    assert placed.rule is Rule.FIRST_CLICK
    assert shares(placed) == {"ann": 1.0}


def test_codes_and_click_ids_still_win_in_every_model() -> None:
    for model in MODELS:
        assert attribute(order(codes=["MAYGLOW10"]), THREE, CODES, model=model).rule is (
            Rule.PROMO_CODE
        )
        placed = attribute(order(click_id=THREE[0].click_id), THREE, CODES, model=model)
        assert placed.rule is Rule.CLICK_ID


def test_linear_splits_equally_and_merges_a_creators_clicks() -> None:
    placed = attribute(order(), [*THREE, click(1, "ann")], CODES, model="linear")
    assert placed.rule is Rule.LINEAR
    assert shares(placed) == {"ann": 0.5, "bee": 0.25, "cat": 0.25}
    assert [c.amount_thb for c in placed.credits] == [Decimal(500), Decimal(250), Decimal(250)]


def test_time_decay_halves_every_seven_days() -> None:
    weights = time_decay_weights([ORDERED - timedelta(days=7), ORDERED], ORDERED)
    assert weights[0] == pytest.approx(weights[1] / 2)
    weights = time_decay_weights([ORDERED - timedelta(days=14), ORDERED], ORDERED)
    assert weights[0] == pytest.approx(weights[1] / 4)
    placed = attribute(order(), [click(7, "ann"), click(0, "bee")], CODES, model="time_decay")
    assert placed.rule is Rule.TIME_DECAY
    assert shares(placed) == pytest.approx({"ann": 1 / 3, "bee": 2 / 3})
    assert "halving every 7 days" in str(placed.why)


def test_position_is_40_20_40_with_three_or_more_clicks() -> None:
    assert position_weights(3) == pytest.approx([0.4, 0.2, 0.4])
    assert position_weights(4) == pytest.approx([0.4, 0.1, 0.1, 0.4])
    placed = attribute(order(), THREE, CODES, model="position")
    assert placed.rule is Rule.POSITION
    assert shares(placed) == pytest.approx({"ann": 0.4, "bee": 0.2, "cat": 0.4})
    assert "40% each to the first and last click, 20% to those between" in str(placed.why)


def test_position_gives_one_click_everything_and_two_clicks_half_each() -> None:
    """One click takes 100 %; two clicks have no middle, so they share it: 50 % each."""
    assert position_weights(1) == [1.0]
    assert position_weights(2) == [0.5, 0.5]
    placed = attribute(order(), THREE[:2], CODES, model="position")
    assert shares(placed) == {"ann": 0.5, "bee": 0.5}


@given(
    days=st.lists(st.floats(min_value=0, max_value=30), min_size=1, max_size=12),
    creators=st.lists(st.sampled_from(["ann", "bee", "cat", "dan"]), min_size=12, max_size=12),
    model=st.sampled_from(MODELS),
    satang=st.integers(min_value=0, max_value=10**9),
)
def test_every_models_shares_sum_to_one_and_baht_to_the_amount(
    days: list[float], creators: list[str], model: Model, satang: int
) -> None:
    touches = [click(d, c, f"k{i}") for i, (d, c) in enumerate(zip(days, creators, strict=False))]
    amount = Decimal(satang) / 100
    placed = attribute(order(str(amount)), touches, CODES, model=model)
    assert math.isclose(sum(c.share for c in placed.credits), 1.0, rel_tol=1e-9)
    assert all(c.share >= 0 for c in placed.credits)
    assert sum(c.amount_thb for c in placed.credits) == amount


@given(
    shares_=st.lists(st.floats(min_value=0.001, max_value=1), min_size=1, max_size=20),
    satang=st.integers(min_value=0, max_value=10**9),
)
def test_split_baht_adds_up_to_the_satang(shares_: list[float], satang: int) -> None:
    amount = Decimal(satang) / 100
    parts = split_baht(amount, shares_)
    assert sum(parts) == amount
    assert all(part >= 0 for part in parts)


# Orders that count for nothing, and totals -------------------------------------------------------
@pytest.mark.parametrize("status", ["cancelled", "refunded", "rejected", "ineligible"])
def test_voided_orders_keep_their_rule_but_count_nothing(status: str) -> None:
    placed = attribute(order(codes=["MAYGLOW10"], status=status), [], CODES)
    assert placed.rule is Rule.PROMO_CODE
    assert placed.credits[0].share == 1.0
    assert placed.credits[0].amount_thb == 0
    assert placed.amount_thb == 0
    assert placed.reversed_thb == Decimal("1000.00")
    assert str(placed.why).startswith("the order used promo code MAYGLOW10")
    assert str(placed.why).endswith("so it counts 0 THB")
    assert placed.why.to_dict()["params"]["why"]["code"] == "track.attribution.promo_code"


def test_totals_by_rule_and_unattributed() -> None:
    placed = [
        attribute(order("100", order_id="a", codes=["MAYGLOW10"]), [], CODES),
        attribute(order("250.50", order_id="b", click_id="k-ann"), TOUCHES, CODES),
        attribute(order("300", order_id="c"), TOUCHES, CODES),
        attribute(order("40", order_id="d", visitor=None), [], CODES),
        attribute(order("999", order_id="e", codes=["MAYGLOW10"], status="refunded"), [], CODES),
    ]
    summed = totals(placed)
    assert {rule: (t.orders, t.amount_thb) for rule, t in summed.by_rule.items()} == {
        Rule.PROMO_CODE: (2, Decimal("100.00")),
        Rule.CLICK_ID: (1, Decimal("250.50")),
        Rule.LAST_CLICK: (1, Decimal("300.00")),
    }
    assert (summed.unattributed.orders, summed.unattributed.amount_thb) == (1, Decimal("40"))
    assert (summed.reversed.orders, summed.reversed.amount_thb) == (1, Decimal("999"))
    assert summed.amount_thb == Decimal("690.50")


@given(
    orders=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10**8),
            st.sampled_from(["paid", "pending", "cancelled", "refunded"]),
            st.sampled_from([None, "k-ann", "k-bee", "k-x"]),
            st.sampled_from([None, "v1", "v2"]),
            st.booleans(),
        ),
        max_size=20,
    ),
    model=st.sampled_from(MODELS),
)
def test_totals_add_up_to_the_orders_amount(
    orders: list[tuple[int, str, str | None, str | None, bool]], model: Model
) -> None:
    touches = [*THREE, *TOUCHES]
    made = [
        order(
            str(Decimal(satang) / 100),
            order_id=str(i),
            status=status,
            click_id=click_id,
            visitor=visitor,
            codes=["PIMSUMMER"] if coded else [],
        )
        for i, (satang, status, click_id, visitor, coded) in enumerate(orders)
    ]
    summed = totals(attribute(o, touches, CODES, model=model) for o in made)
    counted = sum((o.amount_thb for o in made if o.counts), Decimal(0))
    voided = sum((o.amount_thb for o in made if not o.counts), Decimal(0))
    assert summed.amount_thb == counted
    assert summed.reversed.amount_thb == voided
    assert summed.attributed.orders + summed.unattributed.orders == len(made)
