"""Audience overlap: a theta sketch of the audience ids kolscope holds per account, the pairwise
overlap matrix of a plan, and deduplicated reach (measured where ids exist, estimated by random
duplication where they do not). See docs/planning.md (audience overlap)."""

from kolscope.planning.overlap.fallback import (
    ALL_PLATFORMS,
    THAI_AUDIENCES,
    AudienceSize,
    audience_size,
    random_duplication_reach,
)
from kolscope.planning.overlap.matrix import OverlapMatrix, PairOverlap, overlap_matrix
from kolscope.planning.overlap.reach import AudienceOverlap, ReachCounter
from kolscope.planning.overlap.sketches import LG_K, AudienceSketch, shared_ids, sketch_audience

__all__ = [
    "ALL_PLATFORMS",
    "LG_K",
    "THAI_AUDIENCES",
    "AudienceOverlap",
    "AudienceSize",
    "AudienceSketch",
    "OverlapMatrix",
    "PairOverlap",
    "ReachCounter",
    "audience_size",
    "overlap_matrix",
    "random_duplication_reach",
    "shared_ids",
    "sketch_audience",
]
