"""Fake-follower classification: profile features, the model and its training."""

from kolscope.vetting.followers.features import (
    FEATURES,
    PROFILE_FIELDS,
    feature_matrix,
    feature_matrix_from_columns,
)
from kolscope.vetting.followers.model import FollowerModel, ModelFileError

__all__ = [
    "FEATURES",
    "PROFILE_FIELDS",
    "FollowerModel",
    "ModelFileError",
    "feature_matrix",
    "feature_matrix_from_columns",
]
