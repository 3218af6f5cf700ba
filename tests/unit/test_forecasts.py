"""Forecasts per creator and deliverable: the deliverable of a post, shrinkage towards the tier
norm, sponsored posts, intervals, determinism, the basis said, and bad input."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import pytest

from kolscope.domain.content import Post, PostType
from kolscope.planning import messages_forecasts as said
from kolscope.planning.choices import KPIS, Deliverable
from kolscope.planning.forecasts import (
    DEFAULT_NORMS,
    Assumptions,
    CreatorHistory,
    Forecast,
    Norms,
    PostNumbers,
    default_norm,
    deliverable_of,
    forecast,
    norms_from_histories,
    numbers_of,
)

START = datetime(2026, 1, 1, 12, tzinfo=UTC)
FOLLOWERS = 50_000  # micro on the standard scheme


def posts(
    count: int,
    engagements: float,
    *,
    deliverable: Deliverable = Deliverable.POST,
    views: float | None = None,
    sponsored: bool = False,
    start: int = 0,
    jitter: float = 0.0,
    seed: int = 1,
) -> list[PostNumbers]:
    rng = random.Random(seed)
    made = []
    for n in range(count):
        factor = math.exp(rng.gauss(0.0, jitter)) if jitter else 1.0
        made.append(
            PostNumbers(
                deliverable,
                START + timedelta(days=3 * (start + n)),
                views=views * factor if views is not None else None,
                engagements=engagements * factor,
                sponsored=sponsored,
            )
        )
    return made


def predict(
    history: list[PostNumbers],
    *,
    followers: int = FOLLOWERS,
    deliverable: Deliverable = Deliverable.POST,
    norms: Norms = DEFAULT_NORMS,
    assumptions: Assumptions | None = None,
) -> Forecast:
    return forecast(
        history,
        followers=followers,
        platform="instagram",
        tier="micro",
        deliverable=deliverable,
        norms=norms,
        assumptions=assumptions or Assumptions(sponsored=False),
    )


def norm_engagements(
    platform: str = "instagram", deliverable: Deliverable = Deliverable.POST
) -> float:
    return DEFAULT_NORMS.norm(platform, "micro", deliverable).engagements_per_follower * FOLLOWERS


@pytest.mark.parametrize(
    ("post_type", "platform", "expected"),
    [
        (PostType.IMAGE, "instagram", Deliverable.POST),
        (PostType.CAROUSEL, "lemon8", Deliverable.POST),
        (PostType.TEXT, "x", Deliverable.POST),
        (PostType.REEL, "instagram", Deliverable.SHORT_VIDEO),
        (PostType.SHORT, "youtube", Deliverable.SHORT_VIDEO),
        (PostType.VIDEO, "tiktok", Deliverable.SHORT_VIDEO),
        (PostType.VIDEO, "youtube", Deliverable.LONG_VIDEO),
        (PostType.STORY, "instagram", Deliverable.STORY),
        (PostType.LIVE, "tiktok", Deliverable.LIVE),
        ("Reels", "IG", Deliverable.SHORT_VIDEO),
        ("clip", "YouTube", Deliverable.LONG_VIDEO),
    ],
)
def test_deliverable_of_post_type_and_platform(
    post_type: PostType | str, platform: str, expected: Deliverable
) -> None:
    assert deliverable_of(post_type, platform) == expected


def test_numbers_of_a_post_sum_known_engagements_and_ignore_negatives() -> None:
    post = Post("p1", PostType.REEL, likes=100, comments_count=10, shares=None, saves=-4, views=-1)
    numbers = numbers_of(post, "instagram")
    assert numbers.deliverable == Deliverable.SHORT_VIDEO
    assert numbers.engagements == 110
    assert numbers.views is None
    assert numbers_of(Post("p2"), "instagram").engagements is None


def test_thin_history_stays_near_the_norm_and_rich_history_near_the_creator() -> None:
    norm = norm_engagements()
    own = norm * 10
    thin = predict(posts(1, own))
    rich = predict(posts(30, own, jitter=0.3))
    thin_value = thin["engagements"].value
    rich_value = rich["engagements"].value
    assert norm < thin_value < rich_value
    assert abs(math.log(rich_value / own)) < 0.15
    # Where creators barely stray from the norm, one post hardly moves the forecast.
    tight = Norms(creator_spread=0.1)
    near = predict(posts(1, own), norms=tight)["engagements"].value
    assert abs(math.log(near / norm)) < 0.1
    assert thin.weight < rich.weight


def test_sponsored_posts_use_their_own_level_when_enough_are_marked() -> None:
    history = posts(10, 2_000, jitter=0.1) + posts(5, 1_000, sponsored=True, start=10, jitter=0.1)
    paid = predict(history, assumptions=Assumptions(sponsored=True))
    organic = predict(history, assumptions=Assumptions(sponsored=False))
    assert paid["engagements"].value < 0.65 * organic["engagements"].value
    assert any(n.code == said.SPONSORED_OWN.code for n in paid.notes)


def test_one_sponsored_post_gets_the_usual_ratio() -> None:
    history = posts(10, 2_000) + posts(1, 200, sponsored=True, start=10)
    paid = predict(history, assumptions=Assumptions(sponsored=True))
    organic = predict(history, assumptions=Assumptions(sponsored=False))
    ratio = paid["engagements"].value / organic["engagements"].value
    usual = DEFAULT_NORMS.norm("instagram", "micro", Deliverable.POST).sponsored_engagements
    assert ratio == pytest.approx(usual, rel=0.05)
    assert any(n.code == said.SPONSORED_NORM.code for n in paid.notes)


@pytest.mark.parametrize("count", [0, 1, 2, 5, 30])
def test_intervals_are_ordered_and_clicks_follow_reach(count: int) -> None:
    history = posts(count, 900, deliverable=Deliverable.SHORT_VIDEO, views=20_000, jitter=0.5)
    result = predict(history, deliverable=Deliverable.SHORT_VIDEO)
    for kpi in KPIS:
        estimate = result[kpi]
        assert 0 <= estimate.low <= estimate.value <= estimate.high
    assert result["clicks"].value < result["views"].value
    assert result["conversions"].value < result["clicks"].value


def test_thin_history_gives_wider_intervals() -> None:
    def width(count: int) -> float:
        found = predict(posts(count, 900, jitter=0.4))["engagements"]
        return float(found.high / found.low)

    assert width(1) > width(5) > width(30)


def test_forecasts_are_deterministic_whatever_the_order() -> None:
    history = posts(12, 900, jitter=0.5) + posts(3, 400, sponsored=True, start=12, jitter=0.3)
    shuffled = list(history)
    random.Random(3).shuffle(shuffled)
    assert predict(history) == predict(history)
    assert predict(history).estimates == predict(shuffled).estimates


def test_basis_says_where_the_numbers_come_from() -> None:
    own = predict(posts(14, 900, jitter=0.3) + posts(3, 700, sponsored=True, start=14))
    assert own.basis.code == said.BASIS_OWN.code
    assert own.basis.params["count"] == 17
    assert own.basis.params["sponsored"] == 3
    assert "17 recent feed posts" in str(own.basis)
    thin = predict(posts(2, 900))
    assert thin.basis.code == said.BASIS_THIN.code
    assert str(thin.basis).startswith("tier norm: only 2 recent posts")
    none = predict([])
    assert none.basis.code == said.BASIS_NORM.code
    assert none.posts_used == 0
    other = predict(posts(8, 900, deliverable=Deliverable.SHORT_VIDEO, views=9_000))
    assert other.basis.code == said.BASIS_OTHER_KINDS.code
    for message in (own.basis, thin.basis, none.basis, other.basis, *own.notes):
        assert "unknown" not in str(message)


def test_no_history_falls_back_to_the_tier_norm() -> None:
    result = predict([])
    assert result["engagements"].value == pytest.approx(norm_engagements(), rel=0.01)
    assert any(n.code == said.REACH_FROM_FOLLOWERS.code for n in result.notes)


def test_negative_and_missing_counts_are_ignored() -> None:
    broken = [PostNumbers(Deliverable.POST, START, views=-3, engagements=-10)] * 5
    assert predict(broken).posts_used == 0
    assert predict(broken) == predict([])
    nothing = predict([], followers=-5)
    assert all(nothing[kpi].value == 0 for kpi in KPIS)


def test_reach_comes_from_posts_then_views_then_followers() -> None:
    with_reach = [p._replace(reach=5_000.0) for p in posts(6, 300)]
    result = predict(with_reach)
    assert result["reach"].value == pytest.approx(5_000, rel=0.1)  # shrunk a little
    video = predict(
        posts(6, 300, deliverable=Deliverable.SHORT_VIDEO, views=8_000),
        deliverable=Deliverable.SHORT_VIDEO,
    )
    assert video["reach"] == video["views"]
    assert any(n.code == said.REACH_FROM_VIEWS.code for n in video.notes)


def test_conversions_use_the_rate_the_user_sets() -> None:
    history = posts(10, 300, deliverable=Deliverable.SHORT_VIDEO, views=8_000)
    result = predict(
        history,
        deliverable=Deliverable.SHORT_VIDEO,
        assumptions=Assumptions(sponsored=False, conversion_rate=0.1, click_rate=0.01),
    )
    assert result["clicks"].value == pytest.approx(80, rel=0.1)
    assert result["conversions"].value == pytest.approx(8, rel=0.15)
    assert any(n.code == said.CONVERSIONS_SET.code for n in result.notes)


def test_norms_measured_on_a_workspace_replace_the_default_table() -> None:
    rng = random.Random(7)
    histories = []
    for number in range(40):
        followers = 20_000 + 1_000 * number
        level = followers * 0.05 * math.exp(rng.gauss(0.0, 0.3))
        history = [
            PostNumbers(Deliverable.POST, START, engagements=level * math.exp(rng.gauss(0, 0.4)))
            for _ in range(12)
        ]
        histories.append(CreatorHistory("instagram", "micro", followers, history))
    norms = norms_from_histories(histories)
    measured = norms.norm("instagram", "micro", Deliverable.POST)
    assert measured.creators == 40
    assert measured.engagements_per_follower == pytest.approx(0.05, rel=0.15)
    assert norms.post_spread == pytest.approx(0.4, abs=0.1)
    assert norms.norm("tiktok", "mega", Deliverable.LIVE).views_per_follower == pytest.approx(
        default_norm("tiktok", "mega", Deliverable.LIVE).views_per_follower
    )
