"""Engagement against the tier's norm: far below it, or implausibly high with poor comments.

The norm is the distribution of engagement rate by followers among the workspace's accounts of
the same platform and tier (see ``kolscope.vetting.metrics.benchmarks``). Far below the norm
is what bought followers do (many followers, few of them engage). Far above it is good news
when the comments are real conversation, and bought engagement or a pod when they are rows of
emoji, generic praise or come from the same few creators.
"""

from __future__ import annotations

from dataclasses import dataclass

from kolscope.vetting.metrics.benchmarks import ordinal
from kolscope.vetting.signals.signal import Signal, Verdict, confidence_from_count, unknown

NAME = "engagement"
LOW_PERCENTILE = 5.0  # at or below: low for the tier (5 % of any tier is, so only a warning)
FAR_BELOW = 0.25  # under a quarter of the tier's median: far below the norm
HIGH_PERCENTILE = 90.0  # at or above: unusually high
POOR_COMMENTS = 0.6  # share of low-effort or spam comments that makes high engagement suspect


@dataclass(frozen=True, slots=True)
class TierNorm:
    """Where an engagement rate stands among peers: its percentile, their median, how many."""

    group: str  # "micro Instagram creators (standard scheme)"
    percentile: float | None  # 0-100; None when the peers are too few
    median: float | None
    peers: int


def engagement_signal(
    rate: float | None,
    norm: TierNorm | None,
    *,
    posts: int,
    poor_comment_share: float | None = None,
    pod_partners: int = 0,
) -> Signal:
    """Engagement rate by followers (a fraction) read against its tier's distribution.

    ``poor_comment_share`` is the share of recent comments that are low effort or spam (None when
    no comments were read); ``pod_partners`` the creators this account trades comments with.
    Verdict: problem under a quarter of the tier's median, or at or above the 90th percentile
    with 60 % or more poor comments or 3 or more pod partners; warning at or below the 5th
    percentile, or high with comments unread; ok otherwise. Score: 15 problem, 50 warning,
    70-100 ok by percentile.
    """
    data = f"{posts} recent posts"
    if rate is None:
        return unknown(NAME, "no posts with likes or comments and a follower count", data)
    if norm is None or norm.percentile is None or norm.median is None:
        peers = norm.peers if norm else 0
        group = norm.group if norm else "its tier"
        return Signal(
            name=NAME,
            verdict=Verdict.UNKNOWN,
            reason=f"engagement rate {rate:.2%}, but only {peers} peers among {group}: "
            "too few to say what is normal",
            data=data,
            value=rate,
            unit="fraction",
        )
    pct, median = norm.percentile, norm.median
    where = f"engagement rate {rate:.2%}, {ordinal(round(pct))} percentile among {norm.group} " + (
        f"(median {median:.2%}, {norm.peers} accounts)"
    )
    confidence = confidence_from_count(posts, low=3, medium=8, high=20)
    if median > 0 and rate < FAR_BELOW * median:
        verdict, score = Verdict.PROBLEM, 15.0
        reason = f"{where}: far below the norm, as when many followers are bought"
    elif pct >= HIGH_PERCENTILE and (
        pod_partners >= 3
        or (poor_comment_share is not None and poor_comment_share >= POOR_COMMENTS)
    ):
        verdict, score = Verdict.PROBLEM, 15.0
        why = (
            f"{poor_comment_share:.0%} of comments are low effort or spam"
            if poor_comment_share is not None and poor_comment_share >= POOR_COMMENTS
            else f"it trades comments with {pod_partners} creators"
        )
        reason = f"{where}: implausibly high while {why}, as with bought engagement or a pod"
    elif pct <= LOW_PERCENTILE:
        verdict, score = Verdict.WARNING, 50.0
        reason = f"{where}: low for its tier"
    elif pct >= HIGH_PERCENTILE and poor_comment_share is None:
        verdict, score = Verdict.WARNING, 50.0
        reason = f"{where}: unusually high, and no comments were read to check it is real"
    else:
        verdict, score = Verdict.OK, 70.0 + 30.0 * min(1.0, pct / 50.0)
        reason = f"{where}: " + ("high, with real comments" if pct >= HIGH_PERCENTILE else "normal")
    return Signal(
        name=NAME,
        verdict=verdict,
        reason=reason,
        data=f"{data}; norm from {norm.peers} {norm.group}",
        value=rate,
        unit="fraction",
        score=score,
        confidence=confidence,
        details={"percentile": round(pct, 1), "median": median, "peers": norm.peers},
    )
