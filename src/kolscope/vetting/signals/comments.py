"""Comment signals: what the recent comments under an account's posts say about its audience.

Read from the comment models' counts (``kolscope.vetting.comments``): emoji- or sticker-only
and generic comments, copy-paste duplicates across posts, spam; and, as good signs, real
questions and purchase intent.
"""

from __future__ import annotations

from dataclasses import dataclass

from kolscope.vetting.signals.signal import Signal, Verdict, confidence_from_count, unknown

NAME = "comments"
MIN_COMMENTS = 10
SPAM_WARNING, SPAM_PROBLEM = 0.06, 0.12
# Thai audiences write many emoji-only and one-word comments: half of them is still normal.
LOW_EFFORT_WARNING, LOW_EFFORT_PROBLEM = 0.6, 0.7
GOOD_SIGN = 0.05  # questions + purchase intent at or above this share is a good sign


@dataclass(frozen=True, slots=True)
class CommentCounts:
    """Counts over the comments read for one account (each comment may count in several)."""

    read: int
    low_effort: int = 0
    emoji_or_sticker: int = 0
    generic: int = 0
    duplicates: int = 0
    spam: int = 0
    questions: int = 0
    purchase_intent: int = 0

    def share(self, count: int) -> float:
        return count / self.read if self.read else 0.0

    @property
    def poor_share(self) -> float:
        """Low effort or spam (a comment that is both counts once at most by the larger)."""
        return min(1.0, self.share(max(self.low_effort, self.spam)))


def comment_signal(counts: CommentCounts | None) -> Signal:
    """Low-effort and spam shares, softened by questions and purchase intent.

    Verdict: problem from 12 % spam or 70 % low effort; warning from 6 % spam or 60 % low
    effort; ok below. Score: 100 - 250 x spam share - 100 x low-effort share above 40 %, plus
    up to 10 for questions and purchase intent, kept within 0-100.
    """
    if counts is None or counts.read == 0:
        return unknown(NAME, "no comments have been imported for this account")
    data = f"{counts.read} recent comments read by the comment models"
    if counts.read < MIN_COMMENTS:
        return unknown(
            NAME, f"only {counts.read} comments: at least {MIN_COMMENTS} are needed", data
        )
    spam, low = counts.share(counts.spam), counts.share(counts.low_effort)
    buying = counts.share(counts.questions + counts.purchase_intent)
    parts = [
        f"{low:.0%} low effort ({counts.share(counts.emoji_or_sticker):.0%} emoji or sticker only, "
        f"{counts.share(counts.generic):.0%} generic, {counts.share(counts.duplicates):.0%} "
        "copy-paste duplicates)",
        f"{spam:.0%} spam",
        f"{buying:.0%} questions or purchase intent",
    ]
    if spam >= SPAM_PROBLEM or low >= LOW_EFFORT_PROBLEM:
        verdict, lead = Verdict.PROBLEM, "comments look bought or spammed"
    elif spam >= SPAM_WARNING or low >= LOW_EFFORT_WARNING:
        verdict, lead = Verdict.WARNING, "many comments carry no real conversation"
    else:
        verdict, lead = Verdict.OK, "comments read as real conversation"
    if buying >= GOOD_SIGN:
        lead += "; people ask questions and want to buy (a good sign)"
    score = 100.0 - 250.0 * spam - 100.0 * max(0.0, low - 0.4) + min(10.0, 100.0 * buying)
    return Signal(
        name=NAME,
        verdict=verdict,
        reason=f"{lead}: " + ", ".join(parts),
        data=data,
        value=counts.poor_share,
        unit="share",
        score=max(0.0, min(100.0, score)),
        confidence=confidence_from_count(counts.read, low=MIN_COMMENTS, medium=50, high=200),
        details={
            "read": counts.read,
            "low_effort": round(low, 4),
            "spam": round(spam, 4),
            "duplicates": round(counts.share(counts.duplicates), 4),
            "questions_or_purchase_intent": round(buying, 4),
        },
    )
