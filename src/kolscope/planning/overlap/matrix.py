"""The pairwise audience overlap of a plan's accounts: for every two accounts, the audience ids
both hold, their Jaccard similarity, and the overlap as a share of the smaller audience (the
figure the optimiser's ``max_overlap`` rule limits).

All pairs are counted at once: the accounts' kept hashes form a sparse account-by-id matrix M,
and M times its transpose counts the hashes every two accounts share. Dividing by the pair's
smaller theta gives the theta-sketch intersection estimate (``sketches.shared_ids``), the same
figure DataSketches' own intersection returns, for a thousand accounts in about a second.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from kolscope.planning.overlap.sketches import AudienceSketch

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class PairOverlap:
    """The overlap of two accounts' held audiences."""

    shared: float  # audience ids held by both (estimated unless ``exact``)
    jaccard: float  # shared / ids held by either, 0-1
    share_of_smaller: float  # shared / the smaller audience, 0-1
    exact: bool  # both sketches hold every id (no sampling)


@dataclass(frozen=True, slots=True, eq=False)
class OverlapMatrix:
    """Pairwise overlap of ``account_ids`` (in that order); the diagonal holds each account's
    own size. Accounts without audience ids are not in it."""

    account_ids: tuple[int, ...]
    sizes: Floats  # distinct audience ids held per account
    shared: Floats  # n x n, audience ids held by both
    exact: npt.NDArray[np.bool_]  # n x n, both sketches exact

    @property
    def jaccard(self) -> Floats:
        either = self.sizes[:, None] + self.sizes[None, :] - self.shared
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(either > 0, self.shared / either, 0.0)

    @property
    def share_of_smaller(self) -> Floats:
        smaller = np.minimum.outer(self.sizes, self.sizes)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(smaller > 0, self.shared / smaller, 0.0)

    def index(self, account_id: int) -> int:
        return self.account_ids.index(account_id)

    def pair(self, a: int, b: int) -> PairOverlap:
        i, j = self.index(a), self.index(b)
        shared = float(self.shared[i, j])
        either = float(self.sizes[i] + self.sizes[j]) - shared
        smaller = float(min(self.sizes[i], self.sizes[j]))
        return PairOverlap(
            shared=shared,
            jaccard=shared / either if either > 0 else 0.0,
            share_of_smaller=shared / smaller if smaller > 0 else 0.0,
            exact=bool(self.exact[i, j]),
        )

    def to_dict(self) -> dict[str, object]:
        """The matrix for the API and exports: ids, sizes, and one row per account."""
        return {
            "account_ids": list(self.account_ids),
            "sizes": [round(float(s)) for s in self.sizes],
            "shared": [[round(float(v)) for v in row] for row in self.shared],
            "jaccard": [[round(float(v), 4) for v in row] for row in self.jaccard],
            "share_of_smaller": [
                [round(float(v), 4) for v in row] for row in self.share_of_smaller
            ],
            "exact": bool(self.exact.all()),
        }


def overlap_matrix(sketches: Mapping[int, AudienceSketch]) -> OverlapMatrix:
    """Pairwise overlap of the accounts whose sketches hold ids, in the mapping's order."""
    held = [(account_id, s) for account_id, s in sketches.items() if not s.empty]
    ids = tuple(account_id for account_id, _ in held)
    n = len(held)
    if n == 0:
        empty = np.zeros((0, 0))
        return OverlapMatrix((), np.zeros(0), empty, empty.astype(bool))
    thetas = np.array([s.theta for _, s in held])
    sizes = np.array([s.size for _, s in held])
    everything = np.concatenate([s.hashes for _, s in held])
    columns = np.unique(everything, return_inverse=True)[1].astype(np.int64)
    lengths = np.array([len(s.hashes) for _, s in held])
    rows = np.repeat(np.arange(n), lengths)
    counts = np.ones(len(everything), dtype=np.int32)
    kept = sparse.csr_matrix((counts, (rows, columns)), shape=(n, int(columns.max()) + 1))
    both = np.asarray((kept @ kept.T).toarray(), dtype=np.float64)
    shared = both / np.minimum.outer(thetas, thetas)
    np.fill_diagonal(shared, sizes)
    exact = np.logical_and.outer(thetas >= 1.0, thetas >= 1.0)
    return OverlapMatrix(ids, sizes, shared, exact)
