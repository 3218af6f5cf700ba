"""Tone, brand fit for a brief, and the price estimate."""

from __future__ import annotations

import pytest

from kolscope.discovery.scoring import (
    WEIGHTS,
    CreatorContent,
    FitEvidence,
    PostText,
    Tone,
    brand_fit,
    classify_creator_type,
    classify_niches,
    estimate_price,
    tone_of,
    tone_wanted,
)
from kolscope.discovery.scoring.niches import NicheScore
from kolscope.discovery.scoring.tone import tone_fit
from kolscope.domain.brands import Brand

COMEDY = CreatorContent(
    "ohm.funny",
    posts=tuple(
        PostText(text, ("ตลก", "คลิปตลก"))
        for text in ["555555 ขำมากกกก แกล้งเพื่อนอีกแล้ว 😂😂🤣!!!", "POV: ฮามาก 😂😆🤣🙈",
                     "มุกนี้ตลกสุดๆ 5555 !!! 😂"] * 4
    ),
)  # fmt: skip
MINIMAL = CreatorContent(
    "kwan.studio",
    posts=tuple(
        PostText(text, ("minimal",))
        for text in ["ผ้าไทยโทนมินิมอล เรียบหรู", "Elegant linen, understated and timeless.",
                     "A calm corner of the studio."] * 4
    ),
)  # fmt: skip
LUXURY = Brand("Phasin Studio", niche="fashion",
               tone_notes="Modern Thai textiles, minimal and elegant (fictional)")  # fmt: skip


def test_a_comedy_creator_sounds_loud_and_funny() -> None:
    tone = tone_of(COMEDY)
    assert tone.loud >= 0.7
    assert tone.humour >= 0.7
    assert tone.emoji_rate >= 0.4
    assert tone.formal <= 0.2


def test_a_minimal_creator_sounds_calm() -> None:
    tone = tone_of(MINIMAL)
    assert tone.loud <= 0.2
    assert tone.humour == 0.0
    assert tone.formal >= 0.3


def test_tone_wanted_reads_brand_notes() -> None:
    calm = tone_wanted("Modern Thai textiles, minimal and elegant")
    loud = tone_wanted("Fun, hungry, lots of emoji; delivery within 30 minutes")
    assert calm is not None
    assert loud is not None
    assert calm.loud < 0.3 < loud.loud
    assert calm.formal > 0.6
    assert loud.emoji_rate >= 0.7
    assert tone_wanted("สนุก จัดจ้าน ฮาๆ") is not None
    assert tone_wanted(None) is None
    assert tone_wanted("Delivery within 30 minutes, Bangkok only") is None


def test_a_luxury_brand_and_a_comedy_creator_fit_badly_on_tone() -> None:
    wanted = tone_wanted(LUXURY.tone_notes)
    assert wanted is not None
    assert tone_fit(tone_of(COMEDY), wanted) < 0.4
    assert tone_fit(tone_of(MINIMAL), wanted) > 0.7


def evidence(**changes: object) -> FitEvidence:
    base: dict[str, object] = {
        "niches": (NicheScore("fashion", 0.9, ("#ootd ×8",)),),
        "creator_type": None,
        "tone": tone_of(MINIMAL),
        "quality_score": 82.0,
        "audience_fit": 0.7,
    }
    base.update(changes)
    return FitEvidence(**base)  # type: ignore[arg-type]


def test_weights_are_published_and_add_up_to_one() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)
    assert set(WEIGHTS) == {"niche", "audience", "tone", "authenticity", "review_style",
                            "brand_mentions", "competitors"}  # fmt: skip


def test_a_matching_creator_fits_well_with_high_confidence() -> None:
    kind = classify_creator_type(MINIMAL, classify_niches(MINIMAL))
    fit = brand_fit(LUXURY, evidence(creator_type=kind, balanced_reviews=0.6,
                                     sponsored_share=0.1, brand_posts=2))  # fmt: skip
    assert fit.score is not None
    assert fit.score >= 70
    assert fit.confidence == "high"
    parts = {p.name: p for p in fit.parts}
    assert parts["niche"].score == 1.0
    assert "works in the brand's niche fashion" in str(parts["niche"].reason)
    assert parts["niche"].reason.code == "discover.fit.niche.same"
    assert str(parts["brand_mentions"].reason) == "mentioned Phasin Studio unpaid in 2 posts"


def test_tone_mismatch_lowers_the_fit() -> None:
    good = brand_fit(LUXURY, evidence())
    bad = brand_fit(LUXURY, evidence(tone=tone_of(COMEDY)))
    assert good.score is not None
    assert bad.score is not None
    assert bad.score < good.score - 5
    tone = next(p for p in bad.parts if p.name == "tone")
    assert tone.score is not None
    assert tone.score < 0.4
    assert str(tone.reason).startswith("tone differs")


def test_unknown_parts_are_left_out_and_lower_the_confidence() -> None:
    nothing = brand_fit(Brand("No Brief"), evidence(niches=(), tone=None, quality_score=None,
                                                    audience_fit=None))  # fmt: skip
    assert nothing.score is None
    assert nothing.confidence == "low"
    some = brand_fit(LUXURY, evidence(quality_score=None, audience_fit=None))
    assert some.score is not None
    assert some.confidence in ("medium", "low")
    unknown = [p for p in some.parts if p.score is None]
    assert {p.name for p in unknown} >= {"audience", "authenticity"}
    assert all(str(p.reason) for p in some.parts)


def test_related_niches_get_partial_credit_and_can_be_overridden() -> None:
    beauty = (NicheScore("beauty", 0.9, ()),)
    default = brand_fit(LUXURY, evidence(niches=beauty))
    niche = next(p for p in default.parts if p.name == "niche")
    assert niche.score == pytest.approx(0.6)
    assert "related" in str(niche.reason)
    unrelated = brand_fit(LUXURY, evidence(niches=beauty), related={"fashion": ("travel",)})
    assert next(p for p in unrelated.parts if p.name == "niche").score == 0.0


def test_competitor_posts_are_a_caution() -> None:
    clean = brand_fit(LUXURY, evidence())
    rival = brand_fit(LUXURY, evidence(competitor_posts=3))
    part = next(p for p in rival.parts if p.name == "competitors")
    assert part.score == 0.2
    assert str(part.reason) == "caution: mentioned a competitor in 3 posts"
    assert clean.score is not None
    assert rival.score is not None
    assert rival.score < clean.score


def test_price_is_unknown_without_followers() -> None:
    assert estimate_price("instagram", None, 0.03) is None


def test_price_rises_with_followers() -> None:
    previous = (0, 0)
    for followers in (50, 500, 1_000, 5_000, 10_000, 80_000, 100_000, 400_000, 1_000_000,
                      3_000_000, 50_000_000):  # fmt: skip
        price = estimate_price("instagram", followers, 0.02)
        assert price is not None
        assert price.low_thb <= price.high_thb
        assert (price.low_thb, price.high_thb) >= previous
        assert price.low_thb >= previous[0]
        previous = (price.low_thb, price.high_thb)
    assert previous[0] > 100_000


def test_price_follows_engagement_and_platform_and_states_its_basis() -> None:
    low = estimate_price("instagram", 50_000, 0.005)
    typical = estimate_price("instagram", 50_000, None)
    high = estimate_price("instagram", 50_000, 0.09)
    assert low is not None
    assert typical is not None
    assert high is not None
    assert low.high_thb < typical.high_thb < high.high_thb
    assert "estimate" in typical.basis
    assert "micro tier" in typical.basis
    youtube = estimate_price("youtube", 50_000, None)
    x = estimate_price("x", 50_000, None)
    assert youtube is not None
    assert x is not None
    assert youtube.low_thb > typical.low_thb > x.low_thb
    assert estimate_price("instagram", 50_000, 3.0) == estimate_price("instagram", 50_000, 0.03)


def test_tone_of_nothing_is_all_zero() -> None:
    assert tone_of(CreatorContent("x")) == Tone(0.0, 0.0, 0.0, 0.0)


def test_type_reasons_are_stored_as_messages_and_older_strings_still_load() -> None:
    from kolscope.discovery.messages import reasons_of
    from kolscope.discovery.messages_kinds import EXPERT_POSTS
    from kolscope.domain.messages import Message

    kind = classify_creator_type(MINIMAL, classify_niches(MINIMAL))
    stored = [reason.to_dict() for reason in kind.reasons]
    assert reasons_of(stored) == kind.reasons
    assert all(isinstance(r, Message) for r in kind.reasons)
    older = reasons_of(["explains, compares or teaches in 18 of 23 posts", {"code": "x.gone"}])
    assert [str(r) for r in older] == ["explains, compares or teaches in 18 of 23 posts", ""]
    assert str(EXPERT_POSTS(count=18, posts=23)) == str(older[0])
    assert reasons_of(None) == ()
