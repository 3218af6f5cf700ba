"""The vetting signals and the quality score: each verdict, its reason, unknown without data."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from kolscope.domain.audience import AudienceDimension, AudienceProfile, AudienceShare
from kolscope.domain.messages import literal
from kolscope.vetting.metrics.growth import day_number
from kolscope.vetting.signals.audience_fit import AudienceTarget, audience_fit_signal
from kolscope.vetting.signals.comments import CommentCounts, comment_signal
from kolscope.vetting.signals.engagement import TierNorm, engagement_signal
from kolscope.vetting.signals.fake_followers import fake_follower_signal, wilson_interval
from kolscope.vetting.signals.growth import growth_signal, nearest_round
from kolscope.vetting.signals.network import commenting_network, pod_signal
from kolscope.vetting.signals.score import WEIGHTS, quality_score
from kolscope.vetting.signals.signal import Confidence, Signal, Verdict, unknown

START = day_number(date(2026, 5, 4))


def weekly(values: list[float]) -> tuple[np.ndarray, np.ndarray]:
    days = np.array([START + 7 * i for i in range(len(values))], dtype=np.float64)
    return days, np.array(values, dtype=np.float64)


def test_wilson_interval_matches_the_formula() -> None:
    low, high = wilson_interval(10, 100)
    assert low == pytest.approx(0.0552, abs=1e-3)
    assert high == pytest.approx(0.1744, abs=1e-3)
    assert wilson_interval(0, 20)[0] == 0.0
    with pytest.raises(ValueError, match="at least one"):
        wilson_interval(0, 0)


def test_fake_followers_share_interval_and_verdicts() -> None:
    clean = fake_follower_signal(np.array([0.1] * 190 + [0.9] * 10), 0.5)
    assert clean.verdict is Verdict.OK
    assert clean.value == pytest.approx(0.05)
    assert clean.details["low"] < 0.05 < clean.details["high"]
    bought = fake_follower_signal(np.array([0.9] * 90 + [0.1] * 110), 0.5)
    assert bought.verdict is Verdict.PROBLEM
    assert "45%" in str(bought.reason)
    assert bought.score is not None
    assert bought.score < clean.score
    few = fake_follower_signal(np.array([0.9] * 5), 0.5)
    assert few.verdict is Verdict.UNKNOWN
    assert few.score is None
    assert "only 5" in str(few.reason)
    assert fake_follower_signal(np.array([]), 0.5).verdict is Verdict.UNKNOWN


def test_wider_interval_from_a_smaller_sample() -> None:
    small = fake_follower_signal(np.array([0.9] * 6 + [0.1] * 24), 0.5)
    large = fake_follower_signal(np.array([0.9] * 60 + [0.1] * 240), 0.5)
    assert small.value == large.value
    width = lambda s: s.details["high"] - s.details["low"]  # noqa: E731
    assert width(small) > width(large)
    assert small.confidence is Confidence.LOW
    assert large.confidence is Confidence.MEDIUM


def test_steady_growth_is_ok() -> None:
    days, followers = weekly([10_000 * 1.01**i for i in range(20)])
    signal = growth_signal(days, followers)
    assert signal.verdict is Verdict.OK
    assert signal.score == 100.0


def test_spike_that_decays_is_a_problem() -> None:
    values = [20_000 * 1.005**i for i in range(10)] + [40_000, 33_000, 28_000, 26_000, 25_500]
    days, followers = weekly([*values, 25_600, 25_700])
    signal = growth_signal(days, followers)
    assert signal.verdict is Verdict.PROBLEM
    assert "lost again" in str(signal.reason)
    assert signal.details["jumps"][0]["on"] == "2026-07-13"


def test_bare_jump_is_only_a_warning_and_round_packages_are_named() -> None:
    values = [30_000 + 100 * i for i in range(8)] + [45_000 + 100 * i for i in range(8)]
    days, followers = weekly(values)
    signal = growth_signal(days, followers)
    assert signal.verdict is Verdict.WARNING
    packaged = [30_000 + 100 * i for i in range(8)] + [40_800 + 100 * i for i in range(8)]
    flagged = growth_signal(*weekly(packaged))
    assert flagged.verdict is Verdict.PROBLEM
    assert "10,000" in str(flagged.reason)
    assert nearest_round(9_900) == 10_000
    assert nearest_round(7_000) is None


def test_jump_without_engagement_is_a_problem() -> None:
    values = [30_000 + 100 * i for i in range(8)] + [45_000 + 100 * i for i in range(8)]
    engagement = np.array([900.0] * 16)
    signal = growth_signal(*weekly(values), engagement)
    assert signal.verdict is Verdict.PROBLEM
    assert "engagement per post" in str(signal.reason)


def test_too_little_history_is_unknown() -> None:
    signal = growth_signal(*weekly([1_000, 1_010, 1_020]))
    assert signal.verdict is Verdict.UNKNOWN
    assert "too little history" in str(signal.reason)


NORM = TierNorm("micro Instagram creators (standard scheme)", 50.0, 0.03, 200)


def test_engagement_against_the_tier() -> None:
    normal = engagement_signal(0.03, NORM, posts=12, poor_comment_share=0.3)
    assert normal.verdict is Verdict.OK
    assert "percentile 50 among" in str(normal.reason)
    low = engagement_signal(0.005, TierNorm(NORM.group, 1.0, 0.03, 200), posts=12)
    assert low.verdict is Verdict.PROBLEM
    assert "far below" in str(low.reason)
    high = TierNorm(NORM.group, 99.0, 0.03, 200)
    bought = engagement_signal(0.2, high, posts=12, poor_comment_share=0.8)
    assert bought.verdict is Verdict.PROBLEM
    assert "80% of comments" in str(bought.reason)
    real = engagement_signal(0.2, high, posts=12, poor_comment_share=0.2)
    assert real.verdict is Verdict.OK
    unread = engagement_signal(0.2, high, posts=12)
    assert unread.verdict is Verdict.WARNING


def test_engagement_without_peers_or_posts_is_unknown() -> None:
    assert engagement_signal(None, NORM, posts=0).verdict is Verdict.UNKNOWN
    few = engagement_signal(0.03, TierNorm(NORM.group, None, None, 4), posts=12)
    assert few.verdict is Verdict.UNKNOWN
    assert few.score is None
    assert "only 4 peers" in str(few.reason)


def test_comment_signal() -> None:
    assert comment_signal(None).verdict is Verdict.UNKNOWN
    assert comment_signal(CommentCounts(read=5)).verdict is Verdict.UNKNOWN
    real = comment_signal(CommentCounts(read=100, low_effort=30, spam=1, questions=10))
    assert real.verdict is Verdict.OK
    assert "a good sign" in str(real.reason)
    spammed = comment_signal(CommentCounts(read=100, low_effort=30, spam=15))
    assert spammed.verdict is Verdict.PROBLEM
    bought = comment_signal(CommentCounts(read=100, low_effort=85, generic=60))
    assert bought.verdict is Verdict.PROBLEM
    assert bought.score is not None
    assert bought.score < 60


def test_pods_are_reciprocal_commenters() -> None:
    pod = ["ig:a", "ig:b", "ig:c", "ig:d"]
    authors: dict[str, dict[str, int]] = {
        member: {other: 12 for other in pod if other != member} | {"anon:1": 40} for member in pod
    }
    authors["ig:e"] = {"ig:a": 3, "anon:2": 50}  # a fan of a, not commented on by a
    facts = commenting_network(authors)
    assert facts["ig:a"].partners == ("ig:b", "ig:c", "ig:d")
    assert facts["ig:e"].partners == ()
    assert pod_signal(facts["ig:a"]).verdict is Verdict.PROBLEM
    assert pod_signal(facts["ig:e"]).verdict is Verdict.OK
    assert pod_signal(None).verdict is Verdict.UNKNOWN


def test_audience_fit_multiplies_dimensions() -> None:
    profile = AudienceProfile(
        source="export",
        sample_size=5_000,
        shares=(
            AudienceShare(AudienceDimension.GENDER, "female", 0.8),
            AudienceShare(AudienceDimension.GENDER, "male", 0.2),
            AudienceShare(AudienceDimension.AGE, "18-24", 0.5),
            AudienceShare(AudienceDimension.AGE, "25-34", 0.3),
            AudienceShare(AudienceDimension.COUNTRY, "TH", 0.9),
        ),
    )
    target = AudienceTarget.parse(["gender=หญิง", "age=18 - 24,25-34", "country=th"])
    signal = audience_fit_signal((profile,), target)
    assert signal.value == pytest.approx(0.8 * 0.8 * 0.9)
    assert signal.verdict is Verdict.OK
    assert signal.confidence is Confidence.HIGH
    missing = audience_fit_signal((profile,), AudienceTarget(provinces=("TH-10",)))
    assert missing.verdict is Verdict.UNKNOWN
    assert "province" in str(missing.reason)
    assert audience_fit_signal((), target).verdict is Verdict.UNKNOWN
    with pytest.raises(ValueError, match="unknown audience dimension"):
        AudienceTarget.parse(["height=tall"])
    with pytest.raises(ValueError, match="DIMENSION=SEGMENT"):
        AudienceTarget.parse(["gender"])


def known(name: str, score: float, verdict: Verdict = Verdict.OK) -> Signal:
    return Signal(name, verdict, literal("why"), literal("data"), 1.0, "", score, Confidence.HIGH)


def test_score_weights_add_up_and_unknown_parts_drop_out() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)
    everything = tuple(known(name, 80.0) for name in WEIGHTS)
    full = quality_score(everything)
    assert full.score == 80.0
    assert full.verdict == "good"
    assert full.confidence is Confidence.HIGH
    thin = quality_score((known("pods", 90.0), unknown("growth", literal("no snapshots"))))
    assert thin.score == 90.0
    assert thin.confidence is Confidence.LOW


def test_no_data_means_unknown_never_a_number() -> None:
    nothing = quality_score(tuple(unknown(name, literal("no data")) for name in WEIGHTS))
    assert nothing.score is None
    assert nothing.verdict == "unknown"
    assert nothing.to_dict()["score"] is None


def test_one_problem_is_never_averaged_away() -> None:
    signals = tuple(known(name, 100.0) for name in WEIGHTS if name != "fake_followers")
    signals += (known("fake_followers", 60.0, Verdict.PROBLEM),)
    result = quality_score(signals)
    assert result.score is not None
    assert result.score < 70
    assert result.verdict == "caution"
    assert [s.name for s in result.problems] == ["fake_followers"]


def test_signal_round_trips_through_json() -> None:
    signal = known("growth", 60.0, Verdict.WARNING)
    assert Signal.from_dict(signal.to_dict()) == signal
