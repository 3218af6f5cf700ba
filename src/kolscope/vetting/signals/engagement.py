"""Engagement against the tier's norm: far below it, or implausibly high with poor comments.

The norm is the distribution of engagement rate by followers among the workspace's accounts of
the same platform and tier (see ``kolscope.vetting.metrics.benchmarks``). Far below the norm
is what bought followers do (many followers, few of them engage). Far above it is good news
when the comments are real conversation, and bought engagement or a pod when they are rows of
emoji, generic praise or come from the same few creators.
"""

from __future__ import annotations

from dataclasses import dataclass

from kolscope.domain.messages import Message, literal
from kolscope.vetting import messages as m
from kolscope.vetting.signals.comments import LOW_EFFORT_WARNING
from kolscope.vetting.signals.signal import (
    Signal,
    Verdict,
    confidence_from_count,
    printed,
    unknown,
)

NAME = "engagement"
LOW_PERCENTILE = 5.0  # at or below: low for the tier (5 % of any tier is, so only a warning)
FAR_BELOW = 0.25  # under a quarter of the tier's median: far below the norm
HIGH_PERCENTILE = 90.0  # at or above: unusually high
# Shares of low-effort or spam comments that make high engagement suspect: worth a look from
# where the comment signal itself stops reading the comments as fine, a problem from 60 %.
POOR_COMMENTS_WARNING = LOW_EFFORT_WARNING
POOR_COMMENTS = 0.6


@dataclass(frozen=True, slots=True)
class TierNorm:
    """Where an engagement rate stands among peers: its percentile, their median, how many."""

    group: Message | str  # "micro Instagram creators (standard scheme)" (audit.engagement.group)
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
    percentile, or high with comments unread or with 50 % or more poor comments (where the
    comment signal stops reading them as fine); ok otherwise. Shares are judged as printed
    (whole percents). Score: 15 problem, 50 warning, 70-100 ok by percentile.
    """
    data = m.ENGAGEMENT_POSTS(count=posts)
    if rate is None:
        return unknown(NAME, m.ENGAGEMENT_NO_RATE(), data)
    if norm is None or norm.percentile is None or norm.median is None:
        return Signal(
            name=NAME,
            verdict=Verdict.UNKNOWN,
            reason=m.ENGAGEMENT_FEW_PEERS(
                rate=100 * rate,
                peers=norm.peers if norm else 0,
                group=_group(norm.group) if norm else m.ENGAGEMENT_ITS_TIER(),
            ),
            data=data,
            value=rate,
            unit="fraction",
        )
    pct, median = norm.percentile, norm.median
    group = _group(norm.group)
    where = m.ENGAGEMENT_WHERE(
        rate=100 * rate,
        rank=min(99, max(1, round(pct))),
        group=group,
        median=100 * median,
        peers=norm.peers,
    )
    confidence = confidence_from_count(posts, low=3, medium=8, high=20)
    poor_shown = None if poor_comment_share is None else printed(poor_comment_share)
    poor = poor_shown is not None and poor_shown >= POOR_COMMENTS
    if median > 0 and rate < FAR_BELOW * median:
        verdict, score, said = Verdict.PROBLEM, 15.0, m.ENGAGEMENT_FAR_BELOW()
    elif pct >= HIGH_PERCENTILE and (pod_partners >= 3 or poor):
        verdict, score = Verdict.PROBLEM, 15.0
        said = (
            m.ENGAGEMENT_POOR_COMMENTS(share=poor_comment_share)
            if poor
            else m.ENGAGEMENT_POD(count=pod_partners)
        )
    elif pct <= LOW_PERCENTILE:
        verdict, score, said = Verdict.WARNING, 50.0, m.ENGAGEMENT_LOW()
    elif pct >= HIGH_PERCENTILE and poor_comment_share is None:
        verdict, score, said = Verdict.WARNING, 50.0, m.ENGAGEMENT_UNCHECKED()
    elif pct >= HIGH_PERCENTILE and poor_shown is not None and poor_shown >= POOR_COMMENTS_WARNING:
        verdict, score = Verdict.WARNING, 50.0
        said = m.ENGAGEMENT_HALF_POOR(share=poor_comment_share)
    else:
        verdict, score = Verdict.OK, 70.0 + 30.0 * min(1.0, pct / 50.0)
        said = m.ENGAGEMENT_HIGH_REAL() if pct >= HIGH_PERCENTILE else m.ENGAGEMENT_NORMAL()
    return Signal(
        name=NAME,
        verdict=verdict,
        reason=m.BECAUSE(lead=where, facts=said),
        data=m.ENGAGEMENT_NORM_FROM(count=posts, peers=norm.peers, group=group),
        value=rate,
        unit="fraction",
        score=score,
        confidence=confidence,
        details={"percentile": round(pct, 1), "median": median, "peers": norm.peers},
    )


def _group(group: Message | str) -> Message:
    return group if isinstance(group, Message) else literal(group)
