"""The fake-follower features, model and training (no shared data needed)."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import numpy as np
import pytest

from kolscope.domain.followers import FollowerProfile
from kolscope.vetting.followers import (
    FEATURES,
    FollowerModel,
    ModelFileError,
    feature_matrix,
    feature_matrix_from_columns,
)
from kolscope.vetting.followers.features import COMMON_FIELDS
from kolscope.vetting.followers.model import default_model_path, row_masks
from kolscope.vetting.followers.names import bio_length, full_name_fields, username_counts
from kolscope.vetting.followers.training import (
    TrainingDataError,
    logistic_regression,
    summary,
    train,
)

BOUGHT = FollowerProfile(
    followers=3, following=4_200, posts=0, bio_length=0, has_picture=False, is_private=False,
    username_length=14, username_digits=6,
)  # fmt: skip
PERSON = FollowerProfile(
    followers=850, following=310, posts=140, bio_length=80, has_picture=True, is_private=True,
    username_length=9, username_digits=0,
)  # fmt: skip


def column(name: str, matrix: np.ndarray) -> np.ndarray:
    return matrix[:, FEATURES.index(name)]


def synthetic(count: int, seed: int = 1) -> tuple[list[FollowerProfile], list[bool]]:
    """Made-up followers: fakes post little, follow many and rarely have a picture or bio."""
    rng = np.random.default_rng(seed)
    profiles, labels = [], []
    for index in range(count):
        fake = index % 3 == 0
        profiles.append(
            FollowerProfile(
                followers=int(rng.integers(0, 60) if fake else rng.integers(80, 3_000)),
                following=int(rng.integers(800, 6_000) if fake else rng.integers(50, 900)),
                posts=int(rng.integers(0, 3) if fake else rng.integers(5, 400)),
                bio_length=int(0 if fake and rng.random() < 0.8 else rng.integers(0, 120)),
                has_picture=bool(rng.random() < (0.4 if fake else 0.97)),
                is_private=bool(rng.random() < 0.5),
                username_length=int(rng.integers(6, 16)),
                username_digits=int(rng.integers(2, 6) if fake else rng.integers(0, 2)),
            )
        )
        labels.append(fake)
    return profiles, labels


# Features ---------------------------------------------------------------------------------


def test_features_are_log_counts_ratios_and_flags() -> None:
    matrix = feature_matrix([BOUGHT])
    assert matrix.shape == (1, len(FEATURES))
    assert column("log_followers", matrix)[0] == pytest.approx(math.log1p(3))
    assert column("follow_ratio", matrix)[0] == pytest.approx(math.log1p(4_200) - math.log1p(3))
    assert column("mass_following", matrix)[0] == pytest.approx(
        math.log1p(4_200) - math.log1p(1000)
    )
    assert column("no_posts", matrix)[0] == 1.0
    assert column("no_bio", matrix)[0] == 1.0
    assert column("has_picture", matrix)[0] == 0.0
    assert column("username_digit_ratio", matrix)[0] == pytest.approx(6 / 14)
    assert column("username_has_digits", matrix)[0] == 1.0


def test_unknown_fields_are_nan_and_known_zeros_are_not() -> None:
    matrix = feature_matrix([FollowerProfile(followers=0, bio_length=0)])
    assert column("log_followers", matrix)[0] == 0.0
    assert column("no_bio", matrix)[0] == 1.0
    for name in ("log_following", "follow_ratio", "log_posts", "has_picture", "fullname_words"):
        assert math.isnan(column(name, matrix)[0]), name


def test_impossible_values_count_as_unknown() -> None:
    matrix = feature_matrix_from_columns(
        {
            "followers": [-5, np.inf],
            "username_digit_ratio": [1.5, 0.2],
            "username_length": [4, 0],
            "username_digits": [9, 0],  # more digits than characters: not a username
        }
    )
    assert math.isnan(column("log_followers", matrix)[0])
    assert math.isnan(column("log_followers", matrix)[1])
    assert math.isnan(column("username_digit_ratio", matrix)[0])
    assert column("username_digit_ratio", matrix)[1] == pytest.approx(0.2)


def test_columns_and_profiles_give_the_same_matrix() -> None:
    profiles, _labels = synthetic(30)
    columns = {
        name: [getattr(p, name) for p in profiles]
        for name in FollowerProfile._fields
        if name != "is_fake"
    }
    np.testing.assert_array_equal(feature_matrix(profiles), feature_matrix_from_columns(columns))
    assert feature_matrix([]).shape == (0, len(FEATURES))
    assert feature_matrix_from_columns({"followers": [1, None]}).shape == (2, len(FEATURES))
    with pytest.raises(ValueError, match="different lengths"):
        feature_matrix_from_columns({"followers": [1, 2], "posts": [3]})


def test_names_give_counts_only() -> None:
    assert username_counts("@mint_2024") == (9, 4)
    assert full_name_fields("Mint K 99", "mint.k") == (3, pytest.approx(2 / 9), False)
    assert full_name_fields("mintk", "MintK")[2] is True
    assert full_name_fields(None, None) == (0, 0.0, None)
    assert bio_length("  hello ") == 5
    assert bio_length(None) == 0


# The shipped model ------------------------------------------------------------------------


def test_obvious_fakes_and_people_are_told_apart() -> None:
    model = FollowerModel.load_default()
    fake, real = model.probabilities(feature_matrix([BOUGHT, PERSON]))
    assert fake > 0.9
    assert real < 0.1
    unknown = dict.fromkeys(("bio_length", "has_picture", "is_private", "username_length"))
    counts_only = [p._replace(**unknown, username_digits=None) for p in (BOUGHT, PERSON)]
    fake, real = model.probabilities(feature_matrix(counts_only))
    assert fake > 0.7
    assert real < 0.3
    assert model.is_fake(np.array([0.2, 0.5, 0.9, np.nan])).tolist() == [False, True, True, False]


def test_a_follower_with_nothing_known_gets_no_probability() -> None:
    model = FollowerModel.load_default()
    probabilities = model.probabilities(feature_matrix([FollowerProfile(), BOUGHT]))
    assert math.isnan(probabilities[0])
    assert probabilities[1] > 0.9
    assert model.probabilities(feature_matrix([])).shape == (0,)
    with pytest.raises(ValueError, match="17 columns"):
        model.probabilities(np.zeros((3, 4)))


def test_rows_scored_together_match_rows_scored_alone() -> None:
    model = FollowerModel.load_default()
    profiles, _labels = synthetic(40)
    mixed = [
        p._replace(bio_length=None) if i % 4 == 1 else
        p._replace(followers=None, following=None) if i % 4 == 2 else
        FollowerProfile() if i % 4 == 3 else p
        for i, p in enumerate(profiles)
    ]  # fmt: skip
    matrix = feature_matrix(mixed)
    together = model.probabilities(matrix)
    alone = np.array([model.probabilities(matrix[i : i + 1])[0] for i in range(len(mixed))])
    np.testing.assert_allclose(together, alone, equal_nan=True)
    assert len(set(model.head_index(matrix).tolist())) == 4  # three heads and "none"


def test_the_head_with_the_most_known_fields_scores_a_row() -> None:
    model = FollowerModel.load_default()
    matrix = feature_matrix([PERSON, PERSON._replace(is_private=None)])
    first, second = (model.heads[i] for i in model.head_index(matrix))
    assert set(first.fields) == {*COMMON_FIELDS, "username_length"}
    assert set(second.fields) == set(COMMON_FIELDS) - {"is_private"}


def test_contributions_explain_the_log_odds() -> None:
    model = FollowerModel.load_default()
    matrix = feature_matrix([BOUGHT, PERSON])
    p = model.probabilities(matrix)
    moved = model.contributions(matrix)
    intercepts = [model.heads[i].intercept for i in model.head_index(matrix)]
    np.testing.assert_allclose(np.log(p / (1 - p)) - moved.sum(axis=1), intercepts, atol=1e-9)
    assert moved[0, FEATURES.index("has_picture")] > 0  # no picture pushes towards fake


def test_the_shipped_model_says_where_it_came_from() -> None:
    model = FollowerModel.load_default()
    manifest = model.manifest
    assert model.threshold == 0.5
    assert manifest["features"] == list(FEATURES)
    assert manifest["trained_on"]
    sources = {source["licence"]: source for source in manifest["sources"]}
    assert set(sources) == {"CC-BY-NC-4.0", "not stated"}
    assert "1910.03090" in sources["CC-BY-NC-4.0"]["citation"]
    for source in manifest["sources"]:
        assert all(len(d) == 64 for d in source["sha256"].values())
    assert manifest["training_rows"] == 1_770
    assert manifest["cross_validated"]["accuracy"] > 0.9
    assert "CC BY-NC 4.0" in manifest["licence"]
    assert default_model_path().stat().st_size < 200_000  # a small set of numbers


def test_scoring_is_vectorised() -> None:
    model = FollowerModel.load_default()
    rng = np.random.default_rng(0)
    size = 200_000
    columns = {
        "followers": rng.integers(0, 5_000, size).astype(float),
        "following": rng.integers(0, 7_500, size).astype(float),
        "posts": rng.integers(0, 300, size).astype(float),
        "has_picture": rng.integers(0, 2, size).astype(float),
    }
    matrix = feature_matrix_from_columns(columns)
    start = time.perf_counter()
    probabilities = model.probabilities(matrix)
    assert time.perf_counter() - start < 1.0  # ~5 ms; a Python loop per row would take seconds
    assert not np.isnan(probabilities).any()
    assert len(row_masks(matrix)) == size


# Saving and loading -----------------------------------------------------------------------


def test_save_and_load_give_the_same_model(tmp_path: Path) -> None:
    profiles, labels = synthetic(90)
    model = train(profiles, labels, cross_validate=False)
    path = model.save(tmp_path / "models" / "followers.json")
    loaded = FollowerModel.load(path)
    matrix = feature_matrix(profiles)
    np.testing.assert_array_equal(loaded.probabilities(matrix), model.probabilities(matrix))
    assert loaded.threshold == model.threshold
    assert loaded.manifest == json.loads(json.dumps(model.manifest))
    assert [p.name for p in tmp_path.joinpath("models").iterdir()] == ["followers.json"]


def test_bad_model_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelFileError, match="not a JSON file"):
        FollowerModel.load(path)
    path.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(ModelFileError, match="not a kolscope follower model"):
        FollowerModel.load(path)
    data = FollowerModel.load_default().to_json()
    data["features"] = data["features"][:-1]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelFileError, match="different follower features"):
        FollowerModel.load(path)
    with pytest.raises(ModelFileError, match="cannot read"):
        FollowerModel.load(tmp_path / "missing.json")


# Training ---------------------------------------------------------------------------------


def test_training_is_deterministic_and_cross_validated() -> None:
    profiles, labels = synthetic(120)
    first = train(profiles, labels).to_json()
    second = train(profiles, labels).to_json()
    assert first == second
    scores = first["manifest"]["cross_validated"]
    assert scores["accuracy"] > 0.9
    assert scores["roc_auc"] > 0.95
    fields = {tuple(head["fields"]) for head in first["heads"]}
    assert len(fields) == 2**7 - 1 + 1  # every set of common fields, and the full layout


def test_training_needs_both_classes() -> None:
    profiles, labels = synthetic(30)
    with pytest.raises(TrainingDataError, match="at least 5 fake and 5 real"):
        train(profiles[:8], [True] * 3 + [False] * 5)
    with pytest.raises(TrainingDataError, match="labels for"):
        train(profiles, labels[:-1])
    with pytest.raises(TrainingDataError, match="1/0"):
        train(profiles, [2] * len(profiles))


def test_the_solver_matches_scikit_learn() -> None:
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(3)
    x = rng.normal(size=(300, 5))
    y = (x @ rng.normal(size=5) + rng.normal(size=300)) > 0
    coef, intercept = logistic_regression(x, y, 0.5)
    reference = LogisticRegression(C=0.5, tol=1e-10, max_iter=10_000).fit(x, y)
    np.testing.assert_allclose(coef, reference.coef_[0], atol=1e-6)
    assert intercept == pytest.approx(reference.intercept_[0], abs=1e-6)


def test_summary_counts_unscored_rows_apart() -> None:
    scores = summary([True, False, True, False], np.array([0.9, 0.1, 0.4, np.nan]), 0.5)
    assert scores["unscored"] == 1
    assert scores["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["precision"] == 1.0
    assert scores["recall"] == 0.5
