from __future__ import annotations

import pytest

from kolscope.domain.tiers import KOL_TH, PRESET_SCHEMES, STANDARD, WIDE_MICRO, TierCatalogue


@pytest.mark.parametrize(
    ("followers", "tier"),
    [
        (0, "consumer"),
        (999, "consumer"),
        (1_000, "nano"),
        (9_999, "nano"),
        (10_000, "micro"),
        (99_999, "micro"),
        (100_000, "mid"),
        (499_999, "mid"),
        (500_000, "macro"),
        (999_999, "macro"),
        (1_000_000, "mega"),
        (600_000_000, "mega"),
    ],
)
def test_standard_bands(followers: int, tier: str) -> None:
    found = STANDARD.tier_for(followers)
    assert found is not None
    assert found.name == tier
    assert str(found) == f"{tier} (standard)"


@pytest.mark.parametrize(
    ("followers", "tier"), [(10_000, "micro"), (499_999, "micro"), (500_000, "macro")]
)
def test_wide_micro_bands(followers: int, tier: str) -> None:
    assert WIDE_MICRO.tier_for(followers).name == tier  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("followers", "tier"),
    [
        (10_000, "rising"),
        (200_000, "rising"),
        (200_001, "micro"),
        (600_000, "micro"),
        (600_001, "mega"),
    ],
)
def test_thai_agency_bands_close_their_gaps_upwards(followers: int, tier: str) -> None:
    assert KOL_TH.tier_for(followers).name == tier  # type: ignore[union-attr]


def test_unknown_followers_have_no_tier() -> None:
    assert STANDARD.tier_for(None) is None


def test_tier_ranges_for_filtering() -> None:
    micro = STANDARD.tier_named("micro")
    assert (micro.min_followers, micro.max_followers) == (10_000, 100_000)
    assert STANDARD.tier_named("mega").max_followers is None
    with pytest.raises(ValueError, match="has no tier"):
        STANDARD.tier_named("giga")


def test_presets_are_named_as_documented() -> None:
    assert set(PRESET_SCHEMES) == {"standard", "wide-micro", "kol-th"}


def test_workspace_schemes() -> None:
    catalogue = TierCatalogue.with_custom(
        {"my-agency": {"label": "Mine", "bands": {"seed": 1_000, "consumer": 0, "star": 50_000}}},
        default="my-agency",
    )
    scheme = catalogue.get()
    assert scheme.tier_names == ("consumer", "seed", "star")
    assert scheme.tier_for(60_000).name == "star"  # type: ignore[union-attr]
    assert catalogue.get("standard") is STANDARD


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"bands": {"a": 5}}, "start at 0"),
        ({"bands": {}}, "bands"),
        ({"bands": {"a": 0, "b": -1}}, "whole minimum"),
        ({"bands": {"a": 0, "b": 1.5}}, "whole"),
    ],
)
def test_bad_workspace_schemes_are_explained(spec: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TierCatalogue.with_custom({"x": spec})


def test_presets_cannot_be_redefined_and_default_must_exist() -> None:
    with pytest.raises(ValueError, match="preset"):
        TierCatalogue.with_custom({"standard": {"bands": {"a": 0}}})
    with pytest.raises(ValueError, match="not defined"):
        TierCatalogue.with_custom({}, default="nope")
