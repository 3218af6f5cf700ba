"""An account's audience as a theta sketch: the audience ids kolscope holds for it (commenters
today; follower samples and likers later), each hashed once, so overlaps between accounts are
counted without keeping or comparing the ids themselves.

A theta sketch keeps every hashed id below a threshold ``theta`` (a share of the 64-bit hash
space). While an account holds fewer ids than the sketch's capacity, theta is 1 and the sketch
is the exact set of hashed ids: sizes and intersections are then exact, not estimates. Beyond
it, each kept hash stands for ``1 / theta`` ids. See docs/planning.md (audience overlap) for
the choice of ``LG_K``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import datasketches  # type: ignore[import-untyped]
import numpy as np
import numpy.typing as npt

# log2 of the sketch's nominal entries k. With lg_k = 14 (k = 16,384) the update sketch keeps
# every id until it holds 15/16 of 2k = 30,720 distinct ids, so any account with fewer held ids
# is counted exactly; past that the relative standard error of its size is 1/sqrt(k) = 0.8 %.
# At 8 bytes a kept hash, the largest sketch is about 240 KB.
LG_K = 14
# The hash seed: every sketch compared with another must use the same one.
SEED = 9001

Hashes = npt.NDArray[np.uint64]


class AudienceSketch:
    """The hashed audience ids of one account: the kept hashes (sorted), theta, and the
    estimated number of distinct ids. ``exact`` is True while theta is 1 (nothing dropped)."""

    __slots__ = ("_sketch", "hashes", "limit", "theta")

    def __init__(self, sketch: Any) -> None:
        self._sketch = sketch  # a datasketches.compact_theta_sketch, ordered
        self.theta: float = float(sketch.theta)
        self.limit: int = int(sketch.theta64)  # theta in hash units: every kept hash is below
        count = int(sketch.num_retained)
        hashes = np.fromiter(iter(sketch), dtype=np.uint64, count=count)
        if not sketch.is_ordered():
            hashes.sort()
        self.hashes: Hashes = hashes

    @property
    def size(self) -> float:
        """Distinct audience ids held (exact while ``exact``; an estimate beyond)."""
        return len(self.hashes) / self.theta

    @property
    def exact(self) -> bool:
        return self.theta >= 1.0

    @property
    def empty(self) -> bool:
        return len(self.hashes) == 0

    def to_bytes(self) -> bytes:
        """The sketch in DataSketches' compact binary form, for a store to keep."""
        data: bytes = self._sketch.serialize()
        return data

    @classmethod
    def from_bytes(cls, data: bytes) -> AudienceSketch:
        return cls(datasketches.compact_theta_sketch.deserialize(data, SEED))

    def __repr__(self) -> str:
        kind = "exact" if self.exact else f"theta={self.theta:.4f}"
        return f"AudienceSketch(size={self.size:.0f}, kept={len(self.hashes)}, {kind})"


def sketch_audience(*sources: Iterable[str], lg_k: int = LG_K) -> AudienceSketch:
    """One account's sketch from its audience ids, one iterable of id strings per source
    (commenters, follower samples, likers); an id seen in several sources counts once."""
    sketch = datasketches.update_theta_sketch(lg_k, 1.0, SEED)
    update = sketch.update
    for source in sources:
        for audience_id in source:
            update(audience_id)
    return AudienceSketch(sketch.compact(True))


def shared_ids(a: AudienceSketch, b: AudienceSketch) -> float:
    """Estimated audience ids held by both accounts (exact when both sketches are exact).

    Every hash kept by either sketch lies below its own theta, and each sketch keeps all of its
    hashes below its theta; so the hashes kept by both are exactly the sampled ids of the
    intersection below min(theta_a, theta_b), and the theta-sketch estimate is their count
    divided by that smaller theta."""
    if a.empty or b.empty:
        return 0.0
    both = np.intersect1d(a.hashes, b.hashes, assume_unique=True)
    return len(both) / min(a.theta, b.theta)
