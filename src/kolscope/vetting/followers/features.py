"""Follower-profile features as one float64 matrix, NaN where a profile does not say.

A follower is described by up to twelve profile fields (``PROFILE_FIELDS``). Counts enter on a
log scale (``log1p``), because the difference between 0 and 50 followers says more than the
one between 50,000 and 50,050; ratios and yes/no fields enter as they are. A feature is NaN
when any field it needs is unknown, so the model can tell "no bio" (0) from "bio not
collected" (NaN) and pick the sub-model that uses only what is known (see ``model.py``).

Two ways in: ``feature_matrix`` from ``FollowerProfile`` values, and
``feature_matrix_from_columns`` from one array per field, which is the fast path (pure numpy,
no Python loop over rows) for scoring many accounts' samples at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from kolscope.domain.followers import FollowerProfile

# The profile fields the features are made of, in the order of the availability bits.
PROFILE_FIELDS: tuple[str, ...] = (
    "followers",
    "following",
    "posts",
    "bio_length",
    "has_picture",
    "is_private",
    "username_digit_ratio",
    "username_length",
    "fullname_words",
    "fullname_digit_ratio",
    "name_equals_username",
    "has_external_url",
)

# The fields both public data sets have; every combination of them gets its own sub-model.
COMMON_FIELDS: tuple[str, ...] = PROFILE_FIELDS[:7]

# Following this many accounts or more is what follow-for-follow and bought-follower accounts do.
MASS_FOLLOWING = 1000


class Feature(NamedTuple):
    name: str
    needs: tuple[str, ...]  # the profile fields it is computed from
    meaning: str


FEATURE_LIST: tuple[Feature, ...] = (
    Feature("log_followers", ("followers",), "log(1 + followers)"),
    Feature("log_following", ("following",), "log(1 + accounts it follows)"),
    Feature("follow_ratio", ("followers", "following"), "log(1 + following) - log(1 + followers)"),
    Feature(
        "mass_following",
        ("following",),
        f"log(1 + following) above log(1 + {MASS_FOLLOWING:,}), else 0",
    ),
    Feature("log_posts", ("posts",), "log(1 + posts)"),
    Feature("no_posts", ("posts",), "1 when it has never posted"),
    Feature("log_bio_length", ("bio_length",), "log(1 + characters in the bio)"),
    Feature("no_bio", ("bio_length",), "1 when the bio is empty"),
    Feature("has_picture", ("has_picture",), "1 when it has a profile picture"),
    Feature("is_private", ("is_private",), "1 when the account is private"),
    Feature("username_digit_ratio", ("username_digit_ratio",), "digits / username length"),
    Feature("username_has_digits", ("username_digit_ratio",), "1 when the username has a digit"),
    Feature("username_length", ("username_length",), "characters in the username"),
    Feature("fullname_words", ("fullname_words",), "words in the full name"),
    Feature("fullname_digit_ratio", ("fullname_digit_ratio",), "digits / full-name length"),
    Feature("name_equals_username", ("name_equals_username",), "1 when full name = username"),
    Feature("has_external_url", ("has_external_url",), "1 when the bio has a link"),
)

FEATURES: tuple[str, ...] = tuple(feature.name for feature in FEATURE_LIST)

# For each profile field, the feature column that is NaN exactly when the field is unknown.
FIELD_COLUMN: dict[str, int] = {
    field: next(i for i, f in enumerate(FEATURE_LIST) if f.needs == (field,))
    for field in PROFILE_FIELDS
}

_COUNTS = ("followers", "following", "posts", "bio_length", "username_length", "fullname_words")
_FLAGS = ("has_picture", "is_private", "name_equals_username", "has_external_url")
_RATIOS = ("username_digit_ratio", "fullname_digit_ratio")


def feature_matrix(profiles: Sequence[FollowerProfile]) -> np.ndarray:
    """The features of each profile (rows) as float64, NaN where unknown. About 1.5 µs a
    profile; for many accounts at once, ``feature_matrix_from_columns`` is far quicker."""
    if not profiles:
        return np.empty((0, len(FEATURES)), order="F")
    table = np.array(profiles, dtype=np.float64)  # None becomes NaN, booleans 1 and 0
    return feature_matrix_from_columns(dict(zip(FollowerProfile._fields, table.T, strict=True)))


def feature_matrix_from_columns(columns: Mapping[str, ArrayLike]) -> np.ndarray:
    """The features from one array per profile field (names as in ``FollowerProfile``).

    A field that is absent, or NaN in a row, is unknown. ``username_digit_ratio`` is taken
    from ``username_digits`` / ``username_length`` where it is not given. Values a profile
    cannot have (negative or infinite counts, ratios outside 0..1) are treated as unknown.
    """
    size = _row_count(columns)
    known = {name: _column(columns, name, size) for name in (*_COUNTS, *_FLAGS, *_RATIOS)}
    for name in _COUNTS:
        count = known[name]
        known[name] = np.where(np.isfinite(count) & (count >= 0), count, np.nan)
    for name in _FLAGS:
        known[name] = np.where(np.isnan(known[name]), np.nan, known[name] > 0.5)
    digits = _column(columns, "username_digits", size)
    length = known["username_length"]
    with np.errstate(divide="ignore", invalid="ignore"):
        plausible = (length > 0) & (digits >= 0) & (digits <= length)
        derived = np.where(plausible, digits / length, np.nan)
    ratio = known["username_digit_ratio"]
    known["username_digit_ratio"] = np.where(np.isnan(ratio), derived, ratio)
    for name in _RATIOS:
        value = known[name]
        known[name] = np.where((value >= 0) & (value <= 1), value, np.nan)

    log_followers = np.log1p(known["followers"])
    log_following = np.log1p(known["following"])
    digit_ratio = known["username_digit_ratio"]
    values = {
        "log_followers": log_followers,
        "log_following": log_following,
        "follow_ratio": log_following - log_followers,
        "mass_following": np.maximum(log_following - np.log1p(MASS_FOLLOWING), 0.0),
        "log_posts": np.log1p(known["posts"]),
        "no_posts": _flag(known["posts"] == 0, known["posts"]),
        "log_bio_length": np.log1p(known["bio_length"]),
        "no_bio": _flag(known["bio_length"] == 0, known["bio_length"]),
        "has_picture": known["has_picture"],
        "is_private": known["is_private"],
        "username_digit_ratio": digit_ratio,
        "username_has_digits": _flag(digit_ratio > 0, digit_ratio),
        "username_length": known["username_length"],
        "fullname_words": known["fullname_words"],
        "fullname_digit_ratio": known["fullname_digit_ratio"],
        "name_equals_username": known["name_equals_username"],
        "has_external_url": known["has_external_url"],
    }
    matrix = np.empty((size, len(FEATURES)), order="F")  # column-major: filled and read by column
    for index, name in enumerate(FEATURES):
        matrix[:, index] = values[name]
    return matrix


def _flag(condition: np.ndarray, source: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(source), np.nan, condition.astype(np.float64))


def _row_count(columns: Mapping[str, ArrayLike]) -> int:
    sizes = {int(np.asarray(value).shape[0]) for value in columns.values()}
    if len(sizes) > 1:
        raise ValueError(f"columns of different lengths: {sorted(sizes)}")
    return sizes.pop() if sizes else 0


def _column(columns: Mapping[str, ArrayLike], name: str, size: int) -> np.ndarray:
    value = columns.get(name)
    if value is None:
        return np.full(size, np.nan)
    return np.asarray(value, dtype=np.float64)  # None becomes NaN, booleans 1 and 0
