"""Audience overlap: theta sketches against exact set arithmetic, the pairwise matrix, the
deduplicated-reach estimator's properties (singleton, disjoint, monotone, submodular), the
random-duplication fallback, and serialisation."""

from __future__ import annotations

import random
from collections.abc import Mapping

import datasketches  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kolscope.domain.messages import Message
from kolscope.planning.choices import Audience
from kolscope.planning.overlap import (
    ALL_PLATFORMS,
    THAI_AUDIENCES,
    AudienceOverlap,
    AudienceSketch,
    overlap_matrix,
    random_duplication_reach,
    shared_ids,
    sketch_audience,
)


def people(*numbers: int) -> set[str]:
    return {f"anon:{n}" for n in numbers}


def audiences(seed: int, accounts: int, pool: int, most: int) -> dict[int, set[str]]:
    rng = random.Random(seed)
    return {
        a: {f"anon:{rng.randrange(pool)}" for _ in range(rng.randint(1, most))}
        for a in range(1, accounts + 1)
    }


# Sketches --------------------------------------------------------------------------------------
def test_a_sketch_holding_fewer_ids_than_k_is_exact() -> None:
    sketch = sketch_audience(people(*range(5000)))
    assert sketch.exact
    assert sketch.size == 5000
    assert len(sketch.hashes) == 5000


def test_sources_are_one_audience_an_id_counting_once() -> None:
    commenters, likers = people(1, 2, 3), people(3, 4)
    assert sketch_audience(commenters, likers).size == 4
    assert sketch_audience().empty


def test_shared_ids_are_exact_on_small_sets() -> None:
    for a, b in [(people(*range(100)), people(*range(50, 300))), (people(1), people(2))]:
        assert shared_ids(sketch_audience(a), sketch_audience(b)) == len(a & b)


def test_shared_ids_in_sampling_mode_match_datasketches_intersection() -> None:
    a, b = people(*range(6000)), people(*range(3000, 20000))
    first, second = sketch_audience(a, lg_k=9), sketch_audience(b, lg_k=10)
    assert not first.exact
    assert not second.exact
    theirs = datasketches.theta_intersection()
    theirs.update(first._sketch)
    theirs.update(second._sketch)
    assert shared_ids(first, second) == pytest.approx(theirs.get_result().get_estimate())
    assert shared_ids(first, second) == pytest.approx(3000, rel=0.25)


@pytest.mark.parametrize("count", [0, 10, 40000])
def test_a_sketch_reads_back_from_bytes(count: int) -> None:
    sketch = sketch_audience(people(*range(count)), lg_k=12)
    back = AudienceSketch.from_bytes(sketch.to_bytes())
    assert back.size == sketch.size
    assert back.theta == sketch.theta
    assert back.hashes.tolist() == sketch.hashes.tolist()


# The matrix ------------------------------------------------------------------------------------
def test_the_matrix_is_exact_set_arithmetic_on_held_ids() -> None:
    held = audiences(7, 12, 3000, 900)
    matrix = overlap_matrix({a: sketch_audience(ids) for a, ids in held.items()})
    for a in held:
        for b in held:
            both = len(held[a] & held[b])
            pair = matrix.pair(a, b)
            assert pair.exact
            assert pair.shared == both
            assert pair.jaccard == pytest.approx(both / len(held[a] | held[b]))
            assert pair.share_of_smaller == pytest.approx(both / min(len(held[a]), len(held[b])))
            i, j = matrix.index(a), matrix.index(b)
            assert matrix.jaccard[i, j] == pytest.approx(pair.jaccard)
            assert matrix.share_of_smaller[i, j] == pytest.approx(pair.share_of_smaller)


def test_the_matrix_in_sampling_mode_is_the_pairwise_theta_estimate() -> None:
    held = {1: people(*range(9000)), 2: people(*range(4000, 6000)), 3: people(*range(8500, 30000))}
    sketches = {a: sketch_audience(ids, lg_k=10) for a, ids in held.items()}
    matrix = overlap_matrix(sketches)
    for a in held:
        for b in held:
            if a != b:
                assert matrix.pair(a, b).shared == pytest.approx(
                    shared_ids(sketches[a], sketches[b])
                )
                assert not matrix.pair(a, b).exact


def test_accounts_without_ids_stay_out_of_the_matrix() -> None:
    audience = AudienceOverlap.from_ids({1: people(1, 2), 2: [], 3: people(2, 3, 4, 5)})
    matrix = audience.matrix()
    assert matrix.account_ids == (1, 3)
    assert matrix.to_dict()["share_of_smaller"] == [[1.0, 0.5], [0.5, 1.0]]
    assert audience.overlap(1, 3) == 0.5
    assert audience.overlap(1, 2) is None
    assert audience.known([1, 2, 3, 4]) == frozenset({1, 3})


def test_audience_overlap_is_an_audience() -> None:
    audience: Audience = AudienceOverlap.from_ids({1: people(1)})
    assert audience.known([1]) == frozenset({1})


# The estimator ---------------------------------------------------------------------------------
@st.composite
def held_audiences(draw: st.DrawFn) -> tuple[dict[int, set[str]], dict[int, float]]:
    count = draw(st.integers(1, 6))
    ids = {
        a: people(*draw(st.sets(st.integers(0, 25), min_size=1, max_size=12))) for a in range(count)
    }
    reaches = {a: draw(st.floats(1.0, 1e6)) for a in range(count)}
    return ids, reaches


def reach_of(audience: AudienceOverlap, reaches: Mapping[int, float], chosen: set[int]) -> float:
    return audience.reach({a: reaches[a] for a in chosen}, {}).deduplicated


@settings(max_examples=80, deadline=None)
@given(held_audiences())
def test_one_account_reaches_its_own_reach(
    case: tuple[dict[int, set[str]], dict[int, float]],
) -> None:
    ids, reaches = case
    audience = AudienceOverlap.from_ids(ids)
    for a in ids:
        assert reach_of(audience, reaches, {a}) == pytest.approx(reaches[a])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(1, 500), min_size=1, max_size=6), st.data())
def test_disjoint_audiences_add_up(sizes: list[int], data: st.DataObject) -> None:
    start, ids = 0, {}
    for a, size in enumerate(sizes):
        ids[a] = people(*range(start, start + size))
        start += size
    reaches = {a: data.draw(st.floats(0.0, 1e6)) for a in ids}
    audience = AudienceOverlap.from_ids(ids)
    assert reach_of(audience, reaches, set(ids)) == pytest.approx(sum(reaches.values()))


@settings(max_examples=150, deadline=None)
@given(held_audiences(), st.data())
def test_reach_is_monotone_and_submodular(
    case: tuple[dict[int, set[str]], dict[int, float]], data: st.DataObject
) -> None:
    ids, reaches = case
    audience = AudienceOverlap.from_ids(ids)
    bigger = data.draw(st.sets(st.sampled_from(sorted(ids))))
    smaller = data.draw(st.sets(st.sampled_from(sorted(bigger)))) if bigger else set()
    for extra in set(ids) - bigger:
        gain_small = reach_of(audience, reaches, smaller | {extra}) - reach_of(
            audience, reaches, smaller
        )
        gain_big = reach_of(audience, reaches, bigger | {extra}) - reach_of(
            audience, reaches, bigger
        )
        assert gain_big >= -1e-6  # monotone
        assert gain_small >= gain_big - 1e-6 * max(1.0, gain_small)  # submodular


@settings(max_examples=60, deadline=None)
@given(held_audiences(), st.data())
def test_the_counter_agrees_with_reach(
    case: tuple[dict[int, set[str]], dict[int, float]], data: st.DataObject
) -> None:
    ids, reaches = case
    missing = data.draw(st.sets(st.integers(100, 103)))  # accounts without ids
    reaches = {**reaches, **dict.fromkeys(missing, 5000.0)}
    platforms = dict.fromkeys(reaches, "tiktok")
    audience = AudienceOverlap.from_ids(ids, platforms)
    counter = audience.counter()
    for a, own in reaches.items():
        gain = counter.gain(a, own)
        before = counter.value
        counter.add(a, own)
        assert counter.value - before == pytest.approx(gain, abs=1e-6)
    expected = audience.reach(reaches, {})
    assert counter.value == pytest.approx(expected.deduplicated)
    assert counter.result({}).estimated == expected.estimated == bool(missing)


def test_an_account_added_twice_counts_once_at_its_larger_reach() -> None:
    audience = AudienceOverlap.from_ids({1: people(1, 2, 3, 4)})
    counter = audience.counter()
    counter.add(1, 1000.0)
    assert counter.gain(1, 800.0) == 0.0
    assert counter.gain(1, 1500.0) == pytest.approx(500.0)


def test_shared_ids_count_once_at_the_larger_weight() -> None:
    # 1 holds 4 ids for 4,000 people (1,000 each); 2 holds 2 of them for 600 (300 each)
    audience = AudienceOverlap.from_ids({1: people(1, 2, 3, 4), 2: people(3, 4)})
    reach = audience.reach({1: 4000.0, 2: 600.0}, {1: 10_000, 2: 3_000})
    assert reach.deduplicated == pytest.approx(4000.0)
    assert reach.followers_sum == 13_000
    assert not reach.estimated
    assert reach.basis == Message("plan.overlap.measured", {"ids": 4})


def test_sampled_sketches_keep_the_singleton_and_see_shared_ids() -> None:
    ids = {1: people(*range(5000)), 2: people(*range(2500, 7500)), 3: people(*range(20))}
    audience = AudienceOverlap.from_ids(ids, lg_k=9)
    assert audience.theta < 1.0
    for a in ids:
        assert audience.reach({a: 1e5}, {}).deduplicated == pytest.approx(1e5)
    # half of each shared: 100k + 100k reaching 150k people, within sampling error
    assert audience.reach({1: 1e5, 2: 1e5}, {}).deduplicated == pytest.approx(1.5e5, rel=0.1)


# The fallback ----------------------------------------------------------------------------------
def test_accounts_without_ids_are_combined_at_random_and_marked_estimated() -> None:
    audience = AudienceOverlap.from_ids({}, {1: "instagram", 2: "instagram"})
    reach = audience.reach({1: 2e6, 2: 3e6}, {1: 4_000_000, 2: 5_000_000})
    size = THAI_AUDIENCES["instagram"].people
    assert reach.deduplicated == pytest.approx(size * (1 - (1 - 2e6 / size) * (1 - 3e6 / size)))
    assert reach.estimated
    assert reach.followers_sum == 9_000_000
    assert reach.basis is not None
    assert reach.basis.code == "plan.overlap.estimated.platform"
    assert "18.7M Instagram users" in str(reach.basis)
    assert audience.reach({1: 2e6}, {}).deduplicated == pytest.approx(2e6)


def test_several_platforms_fall_back_to_all_thai_social_media_users() -> None:
    audience = AudienceOverlap.from_ids({}, {1: "instagram", 2: "tiktok"})
    reach = audience.reach({1: 2e6, 2: 3e6, 3: 1e6}, {})
    assert reach.deduplicated == pytest.approx(
        random_duplication_reach([2e6, 3e6, 1e6], ALL_PLATFORMS.people)
    )
    assert reach.basis is not None
    assert reach.basis.code == "plan.overlap.estimated.all"


def test_a_mixed_set_combines_the_measured_part_with_the_rest() -> None:
    platforms = {1: "tiktok", 2: "tiktok", 3: "tiktok"}
    audience = AudienceOverlap.from_ids({1: people(1, 2), 2: people(2, 3)}, platforms)
    reach = audience.reach({1: 2e6, 2: 2e6, 3: 1e6}, {})
    measured = 3e6  # 1,000,000 people per id, 3 ids
    size = THAI_AUDIENCES["tiktok"].people
    assert reach.deduplicated == pytest.approx(random_duplication_reach([measured, 1e6], size))
    assert reach.estimated
    assert reach.basis is not None
    assert reach.basis.code == "plan.overlap.partly_estimated.platform"
    assert reach.basis.params["missing"] == 1
    assert reach.basis.params["accounts"] == 3


@settings(max_examples=80, deadline=None)
@given(held_audiences(), st.data())
def test_mixed_sets_on_one_platform_stay_monotone_and_submodular(
    case: tuple[dict[int, set[str]], dict[int, float]], data: st.DataObject
) -> None:
    ids, reaches = case
    missing = {100 + k: data.draw(st.floats(1.0, 2e7)) for k in range(data.draw(st.integers(1, 3)))}
    reaches = {**reaches, **missing}
    audience = AudienceOverlap.from_ids(ids, dict.fromkeys(reaches, "x"))
    everyone = sorted(reaches)
    bigger = data.draw(st.sets(st.sampled_from(everyone)))
    smaller = data.draw(st.sets(st.sampled_from(sorted(bigger)))) if bigger else set()
    for extra in set(everyone) - bigger:
        gain_small = reach_of(audience, reaches, smaller | {extra}) - reach_of(
            audience, reaches, smaller
        )
        gain_big = reach_of(audience, reaches, bigger | {extra}) - reach_of(
            audience, reaches, bigger
        )
        assert gain_big >= -1e-6
        assert gain_small >= gain_big - 1e-6 * max(1.0, gain_small)


def test_no_accounts_reach_no_one() -> None:
    reach = AudienceOverlap.from_ids({}).reach({}, {})
    assert (reach.deduplicated, reach.followers_sum, reach.estimated, reach.basis) == (
        0.0,
        0,
        False,
        None,
    )
