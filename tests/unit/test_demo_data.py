"""The synthetic Thai market: deterministic, consistent, realistic in shape, problems planted."""

from __future__ import annotations

import itertools
import json
import statistics
from collections import Counter, defaultdict
from datetime import UTC, date, timedelta

import pytest

from kolscope.catalogue.demo.build import DEMO_SOURCE, DemoData
from kolscope.catalogue.demo.data import NICHES, PROBLEMS, SyntheticThaiMarket
from kolscope.domain.audience import AudienceDimension, AudienceProfile
from kolscope.domain.content import extract_hashtags, extract_mentions
from kolscope.domain.creators import AccountSnapshot

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def small() -> DemoData:
    return SyntheticThaiMarket().generate(seed=11, creators=60, today=TODAY)


@pytest.fixture(scope="module")
def market() -> DemoData:
    return SyntheticThaiMarket().generate(seed=2569, creators=300, today=TODAY)


def _series(data: DemoData) -> dict[str, list[AccountSnapshot]]:
    found: dict[str, list[AccountSnapshot]] = defaultdict(list)
    for row in data.accounts:
        assert row.snapshot is not None
        found[row.account.reference].append(row.snapshot)
    return found


def test_the_same_seed_gives_the_same_data() -> None:
    first = SyntheticThaiMarket().generate(seed=3, creators=40, today=TODAY)
    again = SyntheticThaiMarket().generate(seed=3, creators=40, today=TODAY)
    other = SyntheticThaiMarket().generate(seed=4, creators=40, today=TODAY)
    assert first == again
    assert first.accounts != other.accounts


def test_a_small_run_has_the_expected_sizes(small: DemoData) -> None:
    accounts = {row.account.reference for row in small.accounts}
    assert 60 <= len(accounts) <= 80
    assert len({row.creator_key for row in small.accounts}) == 60
    assert all(row.creator_key and row.creator_key.startswith("demo-") for row in small.accounts)
    assert 26 * len(accounts) <= len(small.accounts) <= 52 * len(accounts)
    assert 8 * len(accounts) <= len(small.posts) <= 24 * len(accounts)
    assert 1.5 * len(small.posts) <= len(small.comments) <= 8 * len(small.posts)
    assert len(small.audience) == len(accounts)
    assert 0 < len(small.followers) <= 150 * len(accounts)
    assert 4 <= len(small.brands) <= 6
    assert [row.row for row in small.accounts] == list(range(1, len(small.accounts) + 1))


def test_snapshots_are_weekly_oldest_first_and_carry_the_profile(small: DemoData) -> None:
    days = [row.snapshot.taken_on for row in small.accounts if row.snapshot]
    assert days == sorted(days)
    for row in small.accounts:
        assert row.snapshot is not None
        assert row.snapshot.source == DEMO_SOURCE
        assert row.account.followers == row.snapshot.followers
        assert row.account.first_seen == row.account.last_seen == row.snapshot.taken_on
        assert row.account.handle.isascii()
    for snapshots in _series(small).values():
        assert 26 <= len(snapshots) <= 52
        assert snapshots[-1].taken_on == TODAY
        steps = {(b.taken_on - a.taken_on).days for a, b in itertools.pairwise(snapshots)}
        assert steps == {7}


def test_every_post_belongs_to_an_account(small: DemoData) -> None:
    accounts = {(row.account.platform, row.account.handle) for row in small.accounts}
    ids = Counter((row.platform, row.handle, row.post.platform_post_id) for row in small.posts)
    assert max(ids.values()) == 1
    earliest = TODAY - timedelta(days=190)
    for row in small.posts:
        post = row.post
        assert (row.platform, row.handle) in accounts
        assert post.hashtags == extract_hashtags(post.caption)
        assert post.mentions == extract_mentions(post.caption)
        assert post.hashtags
        assert post.posted_at is not None
        assert post.posted_at.tzinfo == UTC
        assert earliest <= post.posted_at.date() < TODAY
        assert post.likes is not None
        assert post.likes >= 0
        assert post.is_sponsored <= bool(post.brand_mentions)


def test_every_comment_belongs_to_a_post(small: DemoData) -> None:
    posts = {(row.platform, row.handle, row.post.platform_post_id): row.post for row in small.posts}
    ids = Counter((row.platform, row.platform_post_id, row.comment.platform_comment_id)
                  for row in small.comments)  # fmt: skip
    assert max(ids.values()) == 1
    for row in small.comments:
        post = posts[(row.platform, row.handle, row.platform_post_id)]
        assert row.comment.author
        assert row.comment.text
        assert row.comment.posted_at is not None
        assert post.posted_at is not None
        assert row.comment.posted_at > post.posted_at


def test_audience_shares_make_valid_profiles(small: DemoData) -> None:
    for row in small.audience:
        assert row.source == DEMO_SOURCE
        assert row.as_of == TODAY
        profile = AudienceProfile(row.source, row.shares, row.sample_size, row.as_of)
        keys = Counter((share.dimension, share.segment) for share in row.shares)
        assert max(keys.values()) == 1
        for dimension in AudienceDimension:
            total = sum(profile.by_dimension(dimension).values())
            assert 0.0 < total <= 1.0
        assert sum(profile.by_dimension(AudienceDimension.GENDER).values()) > 0.99
        assert sum(profile.by_dimension(AudienceDimension.AGE).values()) > 0.99


def test_ground_truth_names_every_account_and_problem(market: DemoData) -> None:
    truth = json.loads(json.dumps(market.ground_truth, ensure_ascii=False))
    references = {row.account.reference for row in market.accounts}
    assert set(truth["accounts"]) == references
    for entry in truth["accounts"].values():
        assert entry["creator_kind"] in ("kol", "koc", "general")
        assert set(entry["niches"]) <= set(NICHES)
        assert set(entry["problems"]) <= set(PROBLEMS)
        assert set(entry["details"]) == set(entry["problems"])
    counts = truth["counts"]["problems"]
    assert all(counts[problem] > 0 for problem in PROBLEMS), counts
    with_problems = truth["counts"]["accounts_with_problems"]
    assert with_problems < 0.25 * len(references)
    assert truth["pods"]
    assert all(6 <= len(pod) <= 10 for pod in truth["pods"])
    assert truth["spam_rings"]
    assert all(set(pod) <= references for pod in truth["pods"])


def test_bought_followers_jump_and_normal_growth_is_smooth(market: DemoData) -> None:
    truth = market.ground_truth["accounts"]
    for reference, snapshots in _series(market).items():
        counts = [s.followers or 0 for s in snapshots]
        ratios = [b / a for a, b in itertools.pairwise(counts)]
        jump = max(ratios)
        problems = truth[reference]["problems"]
        if "bought_followers" in problems:
            assert jump >= 1.25
            week = ratios.index(jump) + 1
            before = statistics.mean(s.engagement_rate or 0 for s in snapshots[:week])
            after = statistics.mean(s.engagement_rate or 0 for s in snapshots[week:])
            assert after < before * 0.85
        elif "growth_spike" not in problems:
            assert jump < 1.1


def test_bought_followers_show_in_their_follower_samples(market: DemoData) -> None:
    truth = market.ground_truth["accounts"]
    samples: dict[str, list[bool]] = defaultdict(list)
    for row in market.followers:
        p = row.profile
        fake_looking = not p.has_picture and (p.posts or 0) <= 3 and (p.following or 0) >= 1_000
        samples[f"{row.platform.value}:{row.handle}"].append(fake_looking)
    bought = [ref for ref, entry in truth.items() if "bought_followers" in entry["problems"]]
    assert bought
    for reference in bought:
        assert 50 <= len(samples[reference]) <= 150
        assert sum(samples[reference]) / len(samples[reference]) >= 0.12
    clean = [flags for ref, flags in samples.items() if not truth[ref]["problems"]]
    assert clean
    assert statistics.mean(sum(f) / len(f) for f in clean) < 0.1


def test_pods_and_spam_rings_show_in_comments(market: DemoData) -> None:
    by_post: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in market.comments:
        by_post[(f"{row.platform.value}:{row.handle}", row.platform_post_id)].append(
            row.comment.author or ""
        )
    for pod in market.ground_truth["pods"]:
        handles = {reference.split(":", 1)[1] for reference in pod}
        for (reference, _post), authors in by_post.items():
            if reference in pod:
                assert len(handles & set(authors)) >= 3
    for ring in market.ground_truth["spam_rings"]:
        hit = {
            ref for (ref, _post), authors in by_post.items() if set(ring["handles"]) & set(authors)
        }
        assert hit <= set(ring["targets"])
        assert len(hit) >= 3


def test_tiers_and_kinds_are_spread(market: DemoData) -> None:
    latest = {ref: s[-1].followers or 0 for ref, s in _series(market).items()}
    values = list(latest.values())
    assert any(f < 1_000 for f in values)
    assert sum(1_000 <= f < 10_000 for f in values) > len(values) * 0.2
    assert sum(10_000 <= f < 100_000 for f in values) > len(values) * 0.15
    assert any(f >= 100_000 for f in values)
    kinds: dict[str, list[int]] = defaultdict(list)
    for reference, entry in market.ground_truth["accounts"].items():
        kinds[entry["creator_kind"]].append(latest[reference])
    assert statistics.median(kinds["koc"]) < statistics.median(kinds["kol"])
    platforms = Counter(row.account.platform.value for row in market.accounts)
    assert len(platforms) >= 6


@pytest.mark.parametrize("creators", [1, 5])
def test_tiny_runs_work(creators: int) -> None:
    data = SyntheticThaiMarket().generate(seed=1, creators=creators, today=TODAY)
    assert len({row.creator_key for row in data.accounts}) == creators
    assert data.posts
    assert data.ground_truth["counts"]["creators"] == creators
