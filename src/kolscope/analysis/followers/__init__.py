"""Fake-follower classification: profile features, the model and its training."""

from kolscope.analysis.followers.features import (
    FEATURES,
    PROFILE_FIELDS,
    feature_matrix,
    feature_matrix_from_columns,
)
from kolscope.analysis.followers.model import FollowerModel, ModelFileError

__all__ = [
    "FEATURES",
    "PROFILE_FIELDS",
    "FollowerModel",
    "ModelFileError",
    "feature_matrix",
    "feature_matrix_from_columns",
]
