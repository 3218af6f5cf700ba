"""Deduplicated reach of a set of creators, from the audience ids kolscope holds for each and
each creator's own reach R_i (a forecast, usually far larger than the ids held).

The estimator: each held id u of account i stands for w_i = R_i / |H_i| people, and a set S
reaches f(S) = sum over the distinct ids u held by S of max w_i over the accounts in S holding
u. So f({i}) = R_i exactly; f(S) = sum of R_i when the held ids are disjoint; and f is a
weighted coverage function, hence monotone and submodular (each id's term, the largest weight
among the chosen accounts holding it, is a monotone submodular function of the set, and sums of
such functions are too), which the optimiser's lazy greedy relies on. Taking the largest weight,
not the sum, counts a shared id's people once: the people behind a shared id are reached by
the account that reaches the most of them.

Sketches in sampling mode (accounts holding more than ~30,700 ids) are all cut at the smallest
theta among the accounts, so every account is sampled at one rate and shared ids are seen
whichever pair they belong to; weights are then R_i over the account's kept hashes.

Accounts without ids fall back to random duplication (``fallback``), and are marked so.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

import numpy as np
import numpy.typing as npt

from kolscope.domain.messages import Message
from kolscope.planning import messages_overlap as said
from kolscope.planning.choices import Reach
from kolscope.planning.overlap.fallback import audience_size, random_duplication_reach
from kolscope.planning.overlap.matrix import OverlapMatrix, overlap_matrix
from kolscope.planning.overlap.sketches import LG_K, AudienceSketch, shared_ids, sketch_audience

Indexes = npt.NDArray[np.int64]


class AudienceOverlap:
    """Audience overlap and deduplicated reach over the accounts' audience sketches (the
    ``Audience`` protocol of ``planning.choices``). ``platforms`` (account -> platform code)
    picks the audience size of the fallback; accounts without one use all Thai social media
    users."""

    def __init__(
        self, sketches: Mapping[int, AudienceSketch], platforms: Mapping[int, str] | None = None
    ) -> None:
        self.sketches = {a: s for a, s in sketches.items() if not s.empty}
        self.platforms: Mapping[int, str] = dict(platforms or {})
        self._overlaps: dict[tuple[int, int], float] = {}
        self._ground(self.sketches)

    @classmethod
    def from_ids(
        cls,
        ids: Mapping[int, Iterable[str]],
        platforms: Mapping[int, str] | None = None,
        *,
        lg_k: int = LG_K,
    ) -> AudienceOverlap:
        """From each account's audience ids (chain several sources into one iterable)."""
        return cls({a: sketch_audience(held, lg_k=lg_k) for a, held in ids.items()}, platforms)

    def _ground(self, sketches: Mapping[int, AudienceSketch]) -> None:
        # Every account's kept hashes below the smallest theta, numbered 0..ground-1.
        limit = min((s.limit for s in sketches.values()), default=0)
        self.theta = min((s.theta for s in sketches.values()), default=1.0)
        cut = {a: s.hashes[s.hashes < np.uint64(limit)] for a, s in sketches.items()}
        cut = {a: h if len(h) else sketches[a].hashes for a, h in cut.items()}  # tiny accounts
        self.items: dict[int, Indexes] = {}
        self.ground = 0
        if not cut:
            return
        order = list(cut)
        values, numbers = np.unique(np.concatenate([cut[a] for a in order]), return_inverse=True)
        self.ground = len(values)
        starts = np.cumsum([0] + [len(cut[a]) for a in order])
        for k, account_id in enumerate(order):
            self.items[account_id] = numbers[starts[k] : starts[k + 1]].astype(np.int64)

    # The Audience protocol ------------------------------------------------------------------
    def known(self, account_ids: Collection[int]) -> frozenset[int]:
        return frozenset(a for a in account_ids if a in self.sketches)

    def overlap(self, a: int, b: int) -> float | None:
        if a not in self.sketches or b not in self.sketches:
            return None
        key = (a, b) if a <= b else (b, a)
        found = self._overlaps.get(key)
        if found is None:
            first, second = self.sketches[a], self.sketches[b]
            smaller = min(first.size, second.size)
            found = min(1.0, shared_ids(first, second) / smaller) if smaller else 0.0
            self._overlaps[key] = found
        return found

    def reach(self, reaches: Mapping[int, float], followers: Mapping[int, int]) -> Reach:
        known = {a: r for a, r in reaches.items() if a in self.items}
        unknown = [r for a, r in reaches.items() if a not in self.items]
        measured, held = self._measured(known)
        platforms = {self.platforms.get(a) for a in reaches}
        return Reach(
            deduplicated=_combined(measured, unknown, platforms),
            followers_sum=sum(followers.get(a, 0) for a in reaches),
            estimated=bool(unknown),
            basis=_basis(held, len(reaches), len(unknown), platforms),
        )

    # More than the protocol -----------------------------------------------------------------
    def matrix(self, account_ids: Iterable[int] | None = None) -> OverlapMatrix:
        """Pairwise overlap of these accounts (all held ones by default); accounts without
        audience ids are left out."""
        chosen = self.sketches if account_ids is None else account_ids
        return overlap_matrix({a: self.sketches[a] for a in chosen if a in self.sketches})

    def counter(self) -> ReachCounter:
        """An empty set to grow one account at a time (the optimiser's greedy)."""
        return ReachCounter(self)

    def weight(self, account_id: int, reach: float) -> float:
        """People each held id of this account stands for, at this reach."""
        return max(0.0, reach) / len(self.items[account_id])

    def _measured(self, reaches: Mapping[int, float]) -> tuple[float, float]:
        """f(S) over accounts with ids, and the distinct ids they hold: each id's largest
        weight, summed."""
        if not reaches:
            return 0.0, 0.0
        items = np.concatenate([self.items[a] for a in reaches])
        weights = np.concatenate(
            [np.full(len(self.items[a]), self.weight(a, r)) for a, r in reaches.items()]
        )
        order = np.argsort(items, kind="stable")
        items, weights = items[order], weights[order]
        starts = np.flatnonzero(np.r_[True, items[1:] != items[:-1]])
        return float(np.maximum.reduceat(weights, starts).sum()), len(starts) / self.theta


class ReachCounter:
    """A growing set of accounts and its deduplicated reach: ``gain`` is the reach an account
    would add (without adding it), ``add`` adds it. An account added twice (two deliverables)
    counts once, at the larger of its reaches. Keeps each held id's largest weight so far, so
    a gain costs one pass over the account's own held ids."""

    def __init__(self, audience: AudienceOverlap) -> None:
        self.audience = audience
        self.measured = 0.0  # reach of the accounts with ids
        self.known: dict[int, float] = {}  # account -> reach, accounts with ids
        self.unknown: dict[int, float] = {}  # account -> reach, accounts without ids
        self.platforms: set[str | None] = set()
        self.value = 0.0  # the set's deduplicated reach
        self._best = np.zeros(audience.ground)

    @property
    def accounts(self) -> frozenset[int]:
        return frozenset(self.known) | frozenset(self.unknown)

    def gain(self, account_id: int, reach: float) -> float:
        """Deduplicated reach ``account_id`` would add at ``reach``; the set is unchanged."""
        platforms = self.platforms | {self.audience.platforms.get(account_id)}
        items = self.audience.items.get(account_id)
        if items is None:
            unknown = {**self.unknown, account_id: max(reach, self.unknown.get(account_id, 0))}
            after = _combined(self.measured, unknown.values(), platforms)
        else:
            before = self._best[items]
            raised = np.maximum(before, self.audience.weight(account_id, reach))
            measured = self.measured + float((raised - before).sum())
            after = _combined(measured, self.unknown.values(), platforms)
        return max(0.0, after - self.value)

    def add(self, account_id: int, reach: float) -> None:
        self.platforms.add(self.audience.platforms.get(account_id))
        items = self.audience.items.get(account_id)
        if items is None:
            self.unknown[account_id] = max(reach, self.unknown.get(account_id, 0.0))
        else:
            self.known[account_id] = max(reach, self.known.get(account_id, 0.0))
            before = self._best[items]
            raised = np.maximum(before, self.audience.weight(account_id, reach))
            self.measured += float((raised - before).sum())
            self._best[items] = raised
        self.value = _combined(self.measured, self.unknown.values(), self.platforms)

    def result(self, followers: Mapping[int, int]) -> Reach:
        """The set's ``Reach``, beside its followers' plain sum, with how it was found."""
        held = float(np.count_nonzero(self._best)) / self.audience.theta
        accounts = self.accounts
        return Reach(
            deduplicated=self.value,
            followers_sum=sum(followers.get(a, 0) for a in accounts),
            estimated=bool(self.unknown),
            basis=_basis(held, len(accounts), len(self.unknown), self.platforms),
        )


def _combined(measured: float, unknown: Iterable[float], platforms: set[str | None]) -> float:
    """Measured reach, then the accounts without ids combined with it by random duplication."""
    others = list(unknown)
    if not others:
        return measured
    people, _ = audience_size(platforms)
    return max(measured, random_duplication_reach([measured, *others], people))


def _basis(held: float, accounts: int, missing: int, platforms: set[str | None]) -> Message | None:
    if accounts == 0:
        return None
    if not missing:
        return said.MEASURED(ids=round(held))
    people, platform = audience_size(platforms)
    if missing == accounts:
        if platform is None:
            return said.ESTIMATED(accounts=accounts, people=people)
        return said.ESTIMATED_ON(accounts=accounts, people=people, platform=platform)
    if platform is None:
        return said.PARTLY_ESTIMATED(missing=missing, accounts=accounts, people=people)
    return said.PARTLY_ESTIMATED_ON(
        missing=missing, accounts=accounts, people=people, platform=platform
    )
