"""Engagement metrics: hand-computed examples, windows, unknown counts and follower growth."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kolscope.domain.content import Post, PostType
from kolscope.domain.creators import AccountSnapshot
from kolscope.domain.dates import BANGKOK
from kolscope.vetting import metrics
from kolscope.vetting.metrics import (
    METRICS,
    FollowerHistory,
    MeasuredAccount,
    PostTable,
    Window,
    average_comments,
    average_likes,
    average_views,
    brand_mention_share,
    comment_to_like_ratio,
    definition_of,
    engagement_rate_by_followers,
    engagement_rate_by_followers_all,
    engagement_rate_by_views,
    follower_growth,
    follower_growth_absolute,
    follower_growth_from_history,
    follower_growth_per_week,
    follower_growth_rate,
    measure_all,
    median_comments,
    median_likes,
    median_views,
    posting_frequency,
    sponsored_share,
)

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=BANGKOK)
EVERYTHING = Window(posts=None)


def post(days_ago: float | None, **counts: object) -> Post:
    posted_at = None if days_ago is None else NOW - timedelta(days=days_ago)
    return Post(f"p{days_ago}-{sorted(counts.items())}", posted_at=posted_at, **counts)  # type: ignore[arg-type]


def table(*posts: Post) -> PostTable:
    return PostTable.from_posts(posts, NOW)


def snapshot(day: date, followers: int | None, source: str = "export") -> AccountSnapshot:
    return AccountSnapshot(taken_on=day, source=source, followers=followers)


# --- the post table and its windows ---------------------------------------------------------


def test_post_table_sorts_newest_first_with_undated_last_and_drops_future_posts() -> None:
    posts = table(
        post(None, likes=1),
        post(5, likes=5),
        post(1, likes=2, post_type=PostType.REEL, is_sponsored=True),
        post(-1, likes=99),  # published after the as-of moment
        post(3, comments_count=7, brand_mentions=("Srichand",)),
    )
    assert len(posts) == 4
    assert posts.age_days[:3].tolist() == [1.0, 3.0, 5.0]
    assert math.isnan(posts.age_days[3])
    assert posts.likes[[0, 2, 3]].tolist() == [2.0, 5.0, 1.0]
    assert math.isnan(posts.likes[1])  # unknown, not zero
    assert posts.comments[1] == 7.0
    assert posts.video.tolist() == [True, False, False, False]
    assert posts.sponsored.tolist() == [True, False, False, False]
    assert posts.brand_mention.tolist() == [False, True, False, False]


def test_post_table_reads_times_without_a_zone_as_bangkok_time() -> None:
    naive = Post("a", posted_at=datetime(2025, 6, 1, 6, 0))  # 23:00 UTC the day before
    posts = PostTable.from_posts([naive], datetime(2025, 6, 1, 0, 0, tzinfo=UTC))
    assert posts.age_days.tolist() == [pytest.approx(1 / 24)]


def test_from_columns_keeps_slices_as_views_and_checks_lengths() -> None:
    big = np.arange(10.0)
    flags = np.zeros(10, dtype=np.bool_)
    columns = {
        "likes": big[2:5], "comments": big[2:5], "shares": big[2:5], "saves": big[2:5],
        "views": big[2:5], "age_days": big[2:5], "sponsored": flags[2:5],
        "brand_mention": flags[2:5], "video": flags[2:5],
    }  # fmt: skip
    posts = PostTable.from_columns(**columns)
    assert np.shares_memory(posts.likes, big)
    assert np.shares_memory(posts.video, flags)
    with pytest.raises(ValueError, match="same length"):
        PostTable.from_columns(**{**columns, "views": big[:4]})


def test_windows_pick_newest_posts_days_and_sponsorship() -> None:
    posts = table(*(post(float(i), likes=i, is_sponsored=i % 3 == 0) for i in range(1, 21)))
    assert posts.window(Window(posts=5)).likes.tolist() == [1, 2, 3, 4, 5]
    assert posts.window(Window(posts=None, days=4)).likes.tolist() == [1, 2, 3, 4]
    assert posts.window(Window(posts=3, sponsored="sponsored")).likes.tolist() == [3, 6, 9]
    assert posts.window(Window(posts=4, sponsored="organic")).likes.tolist() == [1, 2, 4, 5]
    assert posts.window(Window(posts=2, days=10, sponsored="sponsored")).likes.tolist() == [3, 6]
    paid_in_ten_days = Window(posts=None, days=10, sponsored="sponsored")
    assert posts.window(paid_in_ten_days).likes.tolist() == [3, 6, 9]
    assert len(posts.window(Window(posts=50))) == 20
    assert len(PostTable.empty().window(Window())) == 0


def test_day_windows_leave_out_undated_posts_but_post_windows_take_them_last() -> None:
    posts = table(post(None, likes=100), post(2, likes=1), post(40, likes=2))
    assert average_likes(posts, Window(posts=None, days=30)) == 1.0
    assert average_likes(posts, Window(posts=3)) == pytest.approx(103 / 3)
    assert average_likes(posts, Window(posts=2)) == 1.5


def test_window_checks_its_limits_and_describes_itself() -> None:
    with pytest.raises(ValueError, match="at least one post"):
        Window(posts=0)
    with pytest.raises(ValueError, match="at least one day"):
        Window(days=0)
    with pytest.raises(ValueError, match="sponsored must be"):
        Window(sponsored="paid")  # type: ignore[arg-type]
    assert Window().describe() == "the 12 newest posts"
    assert Window(posts=None, days=30, sponsored="organic").describe() == (
        "all organic posts of the last 30 days"
    )


# --- engagement --------------------------------------------------------------------------------

HIDDEN = None


def mixed_posts() -> PostTable:
    return table(
        post(1, likes=100, comments_count=10, shares=5),
        post(2, likes=200, comments_count=20, saves=4),
        post(3, likes=HIDDEN, comments_count=5, shares=1),
        post(4, likes=300, comments_count=HIDDEN, shares=2),
    )


def test_engagement_rate_by_followers_averages_posts_with_both_counts() -> None:
    # Posts 1 and 2 have likes and comments: (110 + 220) / 2 = 165 per post, of 1,000 followers.
    assert engagement_rate_by_followers(mixed_posts(), 1_000) == pytest.approx(0.165)


def test_engagement_rate_all_adds_known_shares_and_saves() -> None:
    # Post 1: 110 + 5 shares; post 2: 220 + 4 saves; posts 3 and 4 lack likes or comments.
    assert engagement_rate_by_followers_all(mixed_posts(), 1_000) == pytest.approx(0.1695)
    without_extras = table(post(1, likes=10, comments_count=1), post(2, likes=20))
    assert engagement_rate_by_followers_all(without_extras, 100) is None
    assert engagement_rate_by_followers(without_extras, 100) == pytest.approx(0.11)


def test_engagement_rates_by_followers_are_none_without_followers_or_counts() -> None:
    for rate in (engagement_rate_by_followers, engagement_rate_by_followers_all):
        assert rate(mixed_posts(), None) is None
        assert rate(mixed_posts(), 0) is None
        assert rate(mixed_posts(), float("nan")) is None
        assert rate(PostTable.empty(), 1_000) is None
        assert rate(table(post(1, likes=HIDDEN, comments_count=3, shares=2)), 1_000) is None


def test_engagement_rate_by_views_is_a_ratio_of_sums_over_videos() -> None:
    posts = table(
        post(1, post_type=PostType.REEL, likes=90, comments_count=10, views=1_000),
        post(2, post_type=PostType.IMAGE, likes=500, comments_count=50, views=600),
        post(3, post_type=PostType.SHORT, likes=5, comments_count=5, views=40),
        post(4, post_type=PostType.VIDEO, likes=10, comments_count=0, views=0),
        post(5, post_type=PostType.VIDEO, likes=10, comments_count=HIDDEN, views=100),
    )
    # Videos with all three counts and views: (100 + 10) / (1,000 + 40); the image is ignored.
    assert engagement_rate_by_views(posts) == pytest.approx(110 / 1_040)
    assert engagement_rate_by_views(table(post(1, likes=5, comments_count=1, views=9))) is None


def test_views_metrics_read_the_newest_videos_not_videos_among_the_newest_posts() -> None:
    photos = [post(float(i), likes=1, comments_count=1) for i in range(1, 13)]
    video = post(20, post_type=PostType.REEL, likes=40, comments_count=10, views=500)
    posts = table(*photos, video)
    assert engagement_rate_by_views(posts) == pytest.approx(0.1)
    assert average_views(posts) == 500.0
    assert average_views(posts, Window(posts=None, days=15)) is None


def test_comment_to_like_ratio_sums_posts_with_both_counts() -> None:
    # Posts 1 and 2: 30 comments for 300 likes.
    assert comment_to_like_ratio(mixed_posts()) == pytest.approx(0.1)
    assert comment_to_like_ratio(table(post(1, likes=0, comments_count=4))) is None
    assert comment_to_like_ratio(PostTable.empty()) is None


# --- counts per post -----------------------------------------------------------------------


def test_averages_and_medians_skip_unknown_counts() -> None:
    posts = table(
        post(1, likes=10, comments_count=1),
        post(2, likes=HIDDEN, comments_count=3),
        post(3, likes=40, comments_count=HIDDEN),
        post(4, likes=100, comments_count=8),
        post(5, likes=30, comments_count=2),
    )
    assert average_likes(posts) == 45.0
    assert median_likes(posts) == 35.0  # the mean of the middle two of 10, 30, 40, 100
    assert average_comments(posts) == 3.5
    assert median_comments(posts) == 2.5
    assert average_likes(posts, Window(posts=1)) == 10.0
    assert median_likes(posts, Window(posts=3)) == 25.0


def test_views_counts_come_from_videos_only() -> None:
    posts = table(
        post(1, post_type=PostType.IMAGE, views=1_000_000),
        post(2, post_type=PostType.VIDEO, views=300),
        post(3, post_type=PostType.LIVE, views=100),
        post(4, post_type=PostType.SHORT, views=HIDDEN),
        post(5, post_type=PostType.REEL, views=2_000),
    )
    assert average_views(posts) == 800.0
    assert median_views(posts) == 300.0


def test_sponsored_posts_are_measured_separately() -> None:
    posts = table(
        post(1, likes=900, is_sponsored=True),
        post(2, likes=100),
        post(3, likes=300),
        post(4, likes=700, is_sponsored=True),
    )
    assert average_likes(posts, Window(sponsored="sponsored")) == 800.0
    assert average_likes(posts, Window(sponsored="organic")) == 200.0
    assert average_likes(posts) == 500.0
    assert sponsored_share(posts) == 0.5


def test_every_post_metric_is_none_without_posts() -> None:
    empty = MeasuredAccount(PostTable.empty(), followers=5_000)
    assert all(value is None for value in measure_all(empty).values())


# --- activity ------------------------------------------------------------------------------


def test_posting_frequency_counts_posts_a_week_over_days() -> None:
    posts = table(*(post(float(d)) for d in (1, 4, 8, 15, 22, 29, 35, 60)), post(None))
    assert posting_frequency(posts) == pytest.approx(6 / (30 / 7))
    assert posting_frequency(posts, Window(posts=None, days=7)) == pytest.approx(2.0)
    assert posting_frequency(table(post(100))) == 0.0
    assert posting_frequency(table(post(None))) is None
    assert posting_frequency(PostTable.empty()) is None
    with pytest.raises(ValueError, match="window in days"):
        posting_frequency(posts, Window(posts=12))


def test_brand_mention_share_counts_posts_naming_a_brand() -> None:
    posts = table(
        post(1, brand_mentions=("Mistine",)),
        post(2),
        post(3, brand_mentions=("Srichand", "Oriental Princess")),
        post(4, is_sponsored=True),
    )
    assert brand_mention_share(posts) == 0.5
    assert brand_mention_share(posts, Window(posts=1)) == 1.0
    assert brand_mention_share(PostTable.empty()) is None
    assert sponsored_share(posts) == 0.25


# --- follower growth -----------------------------------------------------------------------

JUNE_1 = date(2025, 6, 1)


def test_growth_over_daily_snapshots_uses_exactly_d_days() -> None:
    snapshots = [snapshot(JUNE_1 - timedelta(days=d), 10_000 - 10 * d) for d in range(90)]
    growth = follower_growth(snapshots, days=30)
    assert growth is not None
    assert (growth.start_on, growth.end_on) == (date(2025, 5, 2), JUNE_1)
    assert (growth.start_followers, growth.end_followers, growth.absolute) == (9_700, 10_000, 300)
    assert growth.rate == pytest.approx(300 / 9_700)
    assert growth.percent == pytest.approx(300 / 97)
    assert growth.per_week == pytest.approx(70.0)
    assert growth.days == 30


def test_growth_over_monthly_snapshots_takes_the_nearest_month() -> None:
    snapshots = [
        snapshot(date(2025, 3, 1), 1_000),
        snapshot(date(2025, 5, 1), 1_200),
        snapshot(date(2025, 4, 1), 1_100),  # out of order on purpose
        snapshot(date(2025, 6, 1), 1_550),
    ]
    growth = follower_growth(snapshots, days=30)
    assert growth is not None
    assert growth.start_on == date(2025, 5, 1)  # 31 days before, the nearest to 30
    assert growth.absolute == 350
    assert growth.per_week == pytest.approx(350 / (31 / 7))
    ninety = follower_growth(snapshots, days=90)
    assert ninety is not None
    assert ninety.start_on == date(2025, 3, 1)


def test_growth_is_none_for_a_single_snapshot_or_a_long_gap() -> None:
    assert follower_growth([snapshot(JUNE_1, 500)]) is None
    assert follower_growth([]) is None
    gap = [snapshot(date(2025, 1, 1), 400), snapshot(JUNE_1, 500)]
    assert follower_growth(gap, days=30) is None  # 151 days is more than twice 30
    assert follower_growth([snapshot(date(2025, 5, 25), 400), snapshot(JUNE_1, 500)]) is None


def test_growth_skips_snapshots_without_followers_and_honours_as_of() -> None:
    snapshots = [
        snapshot(date(2025, 4, 1), 800),
        snapshot(date(2025, 5, 2), None),
        snapshot(date(2025, 5, 10), 900),
        snapshot(JUNE_1, 1_000),
        snapshot(date(2025, 6, 20), 5_000),
    ]
    growth = follower_growth(snapshots, days=30, as_of=JUNE_1)
    assert growth is not None
    assert (growth.start_on, growth.start_followers) == (date(2025, 5, 10), 900)
    later = follower_growth(snapshots, days=30)
    assert later is not None
    assert later.end_followers == 5_000


def test_growth_ties_prefer_the_older_day_and_the_last_snapshot_of_a_day() -> None:
    snapshots = [
        snapshot(date(2025, 4, 30), 700),  # 32 days before June 1
        snapshot(date(2025, 5, 4), 750, "scrape"),  # 28 days before: as near as April 30
        snapshot(JUNE_1, 800, "first"),
        snapshot(JUNE_1, 820, "second"),
    ]
    growth = follower_growth(snapshots, days=30)
    assert growth is not None
    assert (growth.start_on, growth.start_followers, growth.end_followers) == (
        date(2025, 4, 30),
        700,
        820,
    )


def test_growth_rate_is_none_from_zero_followers_and_losses_are_negative() -> None:
    start = follower_growth([snapshot(date(2025, 5, 2), 0), snapshot(JUNE_1, 50)])
    assert start is not None
    assert (start.absolute, start.rate, start.percent) == (50, None, None)
    loss = follower_growth([snapshot(date(2025, 5, 2), 1_000), snapshot(JUNE_1, 900)])
    assert loss is not None
    assert (loss.absolute, loss.rate) == (-100, pytest.approx(-0.1))


def test_growth_from_columns_matches_growth_from_snapshots() -> None:
    days = np.array(["2025-04-01", "2025-05-01", "2025-05-20", "2025-06-01"], dtype="datetime64[D]")
    followers = np.array([100.0, np.nan, 130.0, 150.0])
    history = FollowerHistory.from_columns(days, followers)
    snapshots = [
        snapshot(date(2025, 4, 1), 100),
        snapshot(date(2025, 5, 1), None),
        snapshot(date(2025, 5, 20), 130),
        snapshot(JUNE_1, 150),
    ]
    assert follower_growth_from_history(history, 60) == follower_growth(snapshots, 60)
    assert follower_growth_absolute(history, 60) == 50.0
    assert follower_growth_rate(history, 60) == pytest.approx(0.5)
    assert follower_growth_per_week(history, 60) == pytest.approx(50 / (61 / 7))
    assert follower_growth_absolute(FollowerHistory.from_snapshots([])) is None
    numbers = days.astype(np.int64)
    as_int32 = FollowerHistory.from_columns(numbers.astype(np.int32), followers.astype(np.float32))
    assert follower_growth_from_history(as_int32, 60) == follower_growth_from_history(history, 60)
    kept = FollowerHistory.from_columns(numbers[1:], followers[1:])
    assert np.shares_memory(kept.days, numbers)
    assert np.shares_memory(kept.followers, followers)
    with pytest.raises(ValueError, match="one follower count per day"):
        FollowerHistory.from_columns(days, followers[:2])
    with pytest.raises(ValueError, match="at least one day"):
        follower_growth_from_history(history, 0)


# --- the registry --------------------------------------------------------------------------


def test_every_registered_metric_is_one_exported_function_with_a_definition() -> None:
    for name, spec in METRICS.items():
        assert spec.function.__name__ == name
        assert getattr(metrics, name) is spec.function
        assert name in metrics.__all__
        assert spec.definition == definition_of(spec.function)
        assert spec.unit in {"fraction", "count", "per week", "ratio"}
        assert spec.label
        assert spec.label_th


def test_definition_of_joins_continued_lines_and_refuses_a_missing_field() -> None:
    definition = definition_of(engagement_rate_by_views)
    assert definition.numerator.startswith("likes + comments summed over the video posts")
    assert definition.numerator.endswith("and whose views are above zero")
    assert definition.statistic == "ratio of sums"

    def undefined() -> None:
        """Numerator: likes
        Window: all posts
        Statistic: mean
        """

    with pytest.raises(ValueError, match="Denominator"):
        definition_of(undefined)


def test_measure_feeds_each_metric_what_it_reads() -> None:
    history = FollowerHistory.from_snapshots(
        [snapshot(date(2025, 5, 2), 900), snapshot(JUNE_1, 1_000)]
    )
    account = MeasuredAccount(mixed_posts(), followers=1_000, history=history)
    found = measure_all(account)
    assert list(found) == list(METRICS)
    assert found["engagement_rate_by_followers"] == pytest.approx(0.165)
    assert found["follower_growth_absolute"] == 100.0
    assert METRICS["average_likes"].measure(account, Window(posts=1)) == 100.0
    assert METRICS["follower_growth_absolute"].measure(account, Window(days=300)) is None
    assert METRICS["follower_growth_rate"].measure(MeasuredAccount(mixed_posts())) is None


# --- properties ----------------------------------------------------------------------------

counts = st.one_of(st.none(), st.integers(min_value=0, max_value=10_000_000))
post_counts = st.lists(st.tuples(counts, counts), max_size=40)


@given(
    post_counts, st.integers(min_value=1, max_value=10**8), st.integers(min_value=1, max_value=50)
)
def test_engagement_rate_matches_a_plain_reading_and_scales_with_followers(
    pairs: list[tuple[int | None, int | None]], followers: int, newest: int
) -> None:
    posts = table(
        *(post(float(i + 1), likes=lk, comments_count=c) for i, (lk, c) in enumerate(pairs))
    )
    window = Window(posts=newest)
    known = [lk + c for lk, c in pairs[:newest] if lk is not None and c is not None]
    rate = engagement_rate_by_followers(posts, followers, window)
    if not known:
        assert rate is None
        return
    assert rate == pytest.approx(sum(known) / len(known) / followers)
    assert rate >= 0
    doubled = engagement_rate_by_followers(posts, 2 * followers, window)
    assert doubled == pytest.approx(rate / 2)


@given(
    st.lists(st.tuples(st.floats(0, 400), st.booleans(), st.booleans()), max_size=30),
    st.one_of(st.none(), st.integers(1, 40)),
    st.one_of(st.none(), st.integers(1, 400)),
    st.sampled_from(["all", "organic", "sponsored"]),
)
def test_window_picks_what_a_plain_filter_picks(
    rows: list[tuple[float, bool, bool]], newest: int | None, days: int | None, sponsored: str
) -> None:
    rows = sorted(rows, key=lambda row: row[0])
    columns = {
        "age_days": np.array([r[0] for r in rows], dtype=np.float64),
        "sponsored": np.array([r[1] for r in rows], dtype=np.bool_),
        "video": np.array([r[2] for r in rows], dtype=np.bool_),
        "likes": np.arange(len(rows), dtype=np.float64),
    }
    posts = PostTable.from_columns(
        **columns, comments=columns["likes"], shares=columns["likes"], saves=columns["likes"],
        views=columns["likes"], brand_mention=columns["video"],
    )  # fmt: skip
    window = Window(posts=newest, days=days, sponsored=sponsored)  # type: ignore[arg-type]
    chosen = [
        i
        for i, (age, paid, _video) in enumerate(rows)
        if (days is None or age <= days)
        and (sponsored == "all" or paid == (sponsored == "sponsored"))
    ]
    assert posts.window(window).likes.tolist() == chosen[:newest]
    videos = [i for i in chosen if rows[i][2]][:newest]
    assert posts.likes[posts.positions(window, only=posts.video)].tolist() == videos
