"""Rate cards without a database: the default card, the order a fee is chosen in, cells and
files read all-or-nothing, and the fitted model against fees drawn from a known law."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from kolscope.discovery.facade import estimate_price
from kolscope.planning.choices import TIERS, Deliverable
from kolscope.planning.ratecards.card import (
    DELIVERABLES,
    LEAST_AGREED,
    PLATFORMS,
    REPRESENTATIVE_FOLLOWERS,
    CardCell,
    CellError,
    Pricing,
    RateCard,
    RateCardError,
    default_card,
    read_cell,
)
from kolscope.planning.ratecards.fitted import LEVEL, AgreedFee, fit
from kolscope.planning.ratecards.service import FILE_COLUMNS, AgreedDeal, RateCardService

D = Deliverable


def discovery(platform: str, followers: int) -> tuple[float, float] | None:
    found = estimate_price(platform, followers, None)
    return None if found is None else (found.low_thb, found.high_thb)


class FakeStore:
    """The store port in memory."""

    def __init__(self, deals: Sequence[AgreedDeal] = (), table: list[list[str]] | None = None):
        self.cells: dict[tuple[int | None, tuple[str, str, Deliverable]], CardCell] = {}
        self.deals = list(deals)
        self.table = table or []
        self.saves = 0

    def price_estimate(self, platform: str, followers: int) -> tuple[float, float] | None:
        return discovery(platform, followers)

    def edited_cells(self, organisation_id: int | None) -> list[CardCell]:
        return [c for (org, _), c in self.cells.items() if org == organisation_id]

    def save_cells(
        self, organisation_id: int | None, cells: Sequence[CardCell], user_id: int | None
    ) -> None:
        self.saves += 1
        for cell in cells:
            self.cells[(organisation_id, cell.key)] = cell

    def agreed_deals(self, organisation_id: int | None) -> list[AgreedDeal]:
        return self.deals

    def read_table(self, path: Path) -> list[list[str]]:
        return self.table

    def first_organisation_id(self) -> int | None:
        return None


@pytest.fixture(scope="module")
def card() -> RateCard:
    return default_card(discovery)


# The default card --------------------------------------------------------------------------------
def test_every_platform_tier_and_deliverable_it_sells_is_priced(card: RateCard) -> None:
    assert len(card.cells) == sum(len(DELIVERABLES[p]) for p in PLATFORMS) * len(TIERS)
    assert (("x", "micro", D.STORY)) not in card.cells
    assert (("lemon8", "mega", D.LONG_VIDEO)) not in card.cells
    for platform in PLATFORMS:
        for deliverable in DELIVERABLES[platform]:
            middles = [card.cell(platform, t, deliverable).middle_thb for t in TIERS]
            assert middles == sorted(middles), (platform, deliverable)


def test_a_feed_post_is_discoverys_estimate_at_the_tiers_middle(card: RateCard) -> None:
    cell = card.cell("instagram", "micro", D.POST)
    low, high = discovery("instagram", REPRESENTATIVE_FOLLOWERS["micro"]) or (0, 0)
    assert (cell.low_thb, cell.high_thb) == (low, high)
    assert cell.source == "default"
    story = card.cell("instagram", "micro", D.STORY)
    assert story.middle_thb == pytest.approx(0.4 * cell.middle_thb, rel=0.05)


# Choosing a fee --------------------------------------------------------------------------------
def test_followers_move_the_fee_within_a_tier(card: RateCard) -> None:
    pricing = Pricing(card)
    small = pricing.fee_for("instagram", 10_000, "post")
    large = pricing.fee_for("instagram", 99_000, "post")
    assert large.value_thb > 3 * small.value_thb
    assert small.low_thb <= small.value_thb <= small.high_thb
    # Continuous across a tier's edge: 99,999 and 100,000 cost about the same.
    below = pricing.fee_for("instagram", 99_999, "post").value_thb
    above = pricing.fee_for("instagram", 100_000, "post").value_thb
    assert above == pytest.approx(below, rel=0.01)
    values = [
        pricing.fee_for("tiktok", f, "short_video").value_thb
        for f in (500, 5_000, 50_000, 5_000_000)
    ]
    assert values == sorted(values)


def test_the_quote_overrides_everything(card: RateCard) -> None:
    fee = Pricing(card).fee_for("ig", 40_000, "reel", quote_thb=12_345)
    assert (fee.value_thb, fee.low_thb, fee.high_thb, fee.source) == (
        12_345,
        12_345,
        12_345,
        "quote",
    )
    assert "quote" in str(fee.basis)


def test_a_workspace_cell_overrides_the_default(card: RateCard) -> None:
    edited = card.overlay([CardCell("tiktok", "micro", D.SHORT_VIDEO, 20_000, 60_000)])
    fee = Pricing(edited).fee_for("tiktok", REPRESENTATIVE_FOLLOWERS["micro"], "short_video")
    assert fee.source == "workspace"
    assert fee.value_thb == pytest.approx(math.sqrt(20_000 * 60_000), rel=0.001)
    assert "workspace" in str(fee.basis)
    assert Pricing(edited).fee_for("tiktok", 30_000, "post").source == "card"


def test_a_deliverable_the_platform_does_not_sell_is_refused(card: RateCard) -> None:
    with pytest.raises(RateCardError, match="no story"):
        Pricing(card).fee_for("x", 5_000, "story")


# Cells and files -------------------------------------------------------------------------------
def test_a_cell_names_every_field_at_fault() -> None:
    with pytest.raises(CellError) as caught:
        read_cell("myspace", "giant", "poem", "-3", "abc")
    assert [f for f, _ in caught.value.fields] == [
        "platform", "tier", "deliverable", "low_thb", "high_thb",
    ]  # fmt: skip
    with pytest.raises(CellError, match="above the high end"):
        read_cell("instagram", "micro", "post", "9,000", "5000")
    cell = read_cell("IG", "Micro", "short video", "฿8,000", "25000 THB")
    assert (cell.platform, cell.deliverable, cell.low_thb) == ("instagram", D.SHORT_VIDEO, 8000)


def test_a_file_with_any_bad_row_saves_nothing_and_names_file_row_and_field() -> None:
    table = [
        ["Platform", "tier", "deliverable", "low_thb", "high_thb"],
        ["tiktok", "nano", "short_video", "1000", "3000"],
        ["tiktok", "mega", "post", "abc", "100"],
        ["", "", "", "", ""],
        ["youtube", "nano", "story", "100", "200"],
        ["tiktok", "nano", "short_video", "1100", "3100"],
    ]
    store = FakeStore(table=table)
    service = RateCardService(store)
    with pytest.raises(RateCardError) as caught:
        service.import_file(None, Path("card.csv"))
    said = [str(p) for p in caught.value.problems]
    assert said[0] == "card.csv, row 3, low_thb: not a number of baht: abc"
    assert said[1].startswith("card.csv, row 5, deliverable: YouTube has no story")
    assert said[2] == "card.csv, row 6: the same platform, tier and deliverable as row 2"
    assert said[-1] == "card.csv: nothing was saved (errors found: 3)"
    assert store.saves == 0
    assert not store.cells


def test_a_file_without_the_columns_is_refused() -> None:
    service = RateCardService(FakeStore())
    with pytest.raises(RateCardError, match="missing columns low_thb, high_thb"):
        service.read_rows("card.xlsx", [["platform", "tier", "deliverable"]])
    with pytest.raises(RateCardError, match="no rows"):
        service.read_rows("card.xlsx", [list(FILE_COLUMNS), ["", "", "", "", ""]])


def test_the_service_shows_sets_and_imports() -> None:
    table = [["platform", "tier", "deliverable", "low_thb", "high_thb"]]
    table.append(["lemon8", "mid", "post", "10000", "30000"])
    store = FakeStore(table=table)
    service = RateCardService(store)
    service.set(7, "instagram", "nano", "story", 300, 900)
    assert len(service.import_file(7, Path("card.csv"))) == 1
    shown = {c.key: c for c in service.show(7)}
    assert shown[("instagram", "nano", D.STORY)].source == "workspace"
    assert shown[("lemon8", "mid", D.POST)].high_thb == 30_000
    assert all(c.source == "default" for c in service.show(8))  # another organisation's card
    assert {c.platform for c in service.show(7, "line")} == {"line"}


# The fitted model ------------------------------------------------------------------------------
TRUE_SHIFT = {"overall": 0.25, "slope": 0.08, "tiktok": 0.2, "story": -0.3}
NOISE = 0.3


def _law(fee: AgreedFee, card_log: float) -> float:
    """The known law the synthetic fees are drawn from, as log baht."""
    x = math.log(fee.followers / 100_000)
    shift = TRUE_SHIFT["overall"] + TRUE_SHIFT["slope"] * x
    shift += TRUE_SHIFT["tiktok"] * (fee.platform == "tiktok")
    shift += TRUE_SHIFT["story"] * (fee.deliverable == "story")
    return card_log + shift


def _draw(rng: np.random.Generator, pricing: Pricing, count: int) -> list[AgreedFee]:
    kinds = [("instagram", "post"), ("instagram", "story"), ("tiktok", "short_video")]
    fees = []
    for _ in range(count):
        platform, deliverable = kinds[int(rng.integers(len(kinds)))]
        followers = int(math.exp(rng.uniform(math.log(2_000), math.log(2_000_000))))
        blank = AgreedFee(platform, deliverable, followers, 1.0)
        card_log = math.log(pricing.card_value(platform, D(deliverable), followers))
        value = math.exp(_law(blank, card_log) + rng.normal(0, NOISE))
        fees.append(AgreedFee(platform, deliverable, followers, value))
    return fees


def _card_log(pricing: Pricing) -> object:
    return lambda f: math.log(pricing.card_value(f.platform, D(f.deliverable), f.followers))


def test_the_fit_recovers_the_law_and_its_interval_covers_80_percent(card: RateCard) -> None:
    pricing = Pricing(card)
    rng = np.random.default_rng(16)
    model = fit(_draw(rng, pricing, 1_500), _card_log(pricing), card.spread())  # type: ignore[arg-type]
    assert model.spread == pytest.approx(NOISE, abs=0.03)
    for platform, deliverable, followers in [
        ("instagram", "post", 5_000), ("instagram", "story", 800_000),
        ("tiktok", "short_video", 50_000), ("tiktok", "short_video", 1_500_000),
    ]:  # fmt: skip
        blank = AgreedFee(platform, deliverable, followers, 1.0)
        card_log = math.log(pricing.card_value(platform, D(deliverable), followers))
        value, _, _ = model.predict(platform, deliverable, followers, card_log)
        assert math.log(value) == pytest.approx(_law(blank, card_log), abs=0.06)
    fresh = _draw(rng, pricing, 4_000)
    inside = 0
    for fee in fresh:
        card_log = math.log(pricing.card_value(fee.platform, D(fee.deliverable), fee.followers))
        _, low, high = model.predict(fee.platform, fee.deliverable, fee.followers, card_log)
        inside += low <= fee.fee_thb <= high
    assert inside / len(fresh) == pytest.approx(LEVEL, abs=0.03)


def test_three_fees_move_the_card_a_little_fifty_a_lot(card: RateCard) -> None:
    pricing = Pricing(card)
    at = REPRESENTATIVE_FOLLOWERS["mid"]
    card_log = math.log(pricing.card_value("instagram", D.POST, at))
    fees = [AgreedFee("instagram", "post", at, math.exp(card_log + 0.5)) for _ in range(50)]
    moved = {}
    for count in (3, 50):
        model = fit(fees[:count], _card_log(pricing), card.spread())  # type: ignore[arg-type]
        value, low, high = model.predict("instagram", "post", at, card_log)
        moved[count] = (math.log(value) - card_log) / 0.5
        assert low < value < high
    assert 0.1 < moved[3] < 0.35
    assert moved[50] > 0.75


def test_fees_use_the_fit_from_enough_agreed_fees(card: RateCard) -> None:
    rng = np.random.default_rng(3)
    fees = _draw(rng, Pricing(card), LEAST_AGREED)
    deals = [AgreedDeal(f.platform, f.followers, (f.deliverable,), f.fee_thb) for f in fees]
    few = RateCardService(FakeStore(deals[:-1]))
    fee = few.fee_for(None, "instagram", 30_000, "post")
    assert fee.source == "card"
    assert "not fitted" in str(fee.basis)
    several = AgreedDeal("tiktok", 9_000, ("short_video", "story"), 5_000)
    unknown = AgreedDeal("tiktok", None, ("short_video",), 5_000)
    service = RateCardService(FakeStore([*deals, several, unknown]))
    found = service.fitted(None)
    assert (found.usable, found.skipped) == (LEAST_AGREED, 2)
    assert found.model is not None
    assert "fitted on 5 agreed fees" in str(found.said[0])
    fee = service.fee_for(None, "instagram", 30_000, "post")
    assert fee.source == "fitted"
    assert fee.low_thb < fee.value_thb < fee.high_thb
    assert service.fee_for(None, "instagram", 30_000, "post", 9_999).source == "quote"
