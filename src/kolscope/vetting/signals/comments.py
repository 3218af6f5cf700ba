"""Comment signals: what the recent comments under an account's posts say about its audience.

Read from the comment models' counts (``kolscope.vetting.comments``): emoji- or sticker-only
and generic comments, copy-paste duplicates across posts, spam; and, as good signs, real
questions and purchase intent.
"""

from __future__ import annotations

from dataclasses import dataclass

from kolscope.vetting import messages as m
from kolscope.vetting.signals.signal import (
    Signal,
    Verdict,
    confidence_from_count,
    printed,
    unknown,
    within_verdict,
)

NAME = "comments"
MIN_COMMENTS = 10
SPAM_WARNING, SPAM_PROBLEM = 0.06, 0.12
# Thai audiences write many emoji-only and one-word comments, but when half of them or more
# carry no conversation the comments are worth a look; from 70 % they look bought.
LOW_EFFORT_WARNING, LOW_EFFORT_PROBLEM = 0.5, 0.7
DUPLICATE_WARNING = 0.25  # copy-paste duplicates at or above this share: worth a look
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
    """Low-effort, duplicate and spam shares, softened by questions and purchase intent.

    Verdict: problem from 12 % spam or 70 % low effort; warning from 6 % spam, 50 % low effort
    or 25 % copy-paste duplicates; ok below all three. Score: 100 - 250 x spam share - 100 x
    low-effort share above 40 %, plus up to 10 for questions and purchase intent, kept within
    0-100 and at most 60 for a warning, 30 for a problem.
    """
    if counts is None or counts.read == 0:
        return unknown(NAME, m.COMMENTS_NONE())
    data = m.COMMENTS_READ(count=counts.read)
    if counts.read < MIN_COMMENTS:
        return unknown(NAME, m.TOO_FEW_COMMENTS(count=counts.read, least=MIN_COMMENTS), data)
    spam, low = counts.share(counts.spam), counts.share(counts.low_effort)
    duplicates = counts.share(counts.duplicates)
    buying = counts.share(counts.questions + counts.purchase_intent)
    facts = m.COMMENTS_SHARES(
        low=low,
        emoji=counts.share(counts.emoji_or_sticker),
        generic=counts.share(counts.generic),
        duplicates=duplicates,
        spam=spam,
        buying=buying,
    )
    # Judged on the shares as printed, so a verdict never reads better than its numbers.
    spam_, low_, duplicates_ = printed(spam), printed(low), printed(duplicates)
    if spam_ >= SPAM_PROBLEM or low_ >= LOW_EFFORT_PROBLEM:
        verdict, leads = Verdict.PROBLEM, [m.COMMENTS_BOUGHT()]
    elif spam_ >= SPAM_WARNING or low_ >= LOW_EFFORT_WARNING or duplicates_ >= DUPLICATE_WARNING:
        verdict = Verdict.WARNING
        leads = [
            lead
            for found, lead in (
                (low_ >= LOW_EFFORT_WARNING, m.COMMENTS_LOW_EFFORT()),
                (duplicates_ >= DUPLICATE_WARNING, m.COMMENTS_DUPLICATES()),
                (spam_ >= SPAM_WARNING, m.COMMENTS_SPAM()),
            )
            if found
        ]
    else:
        verdict, leads = Verdict.OK, [m.COMMENTS_REAL()]
    if buying >= GOOD_SIGN:
        leads.append(m.COMMENTS_GOOD_SIGN())
    score = 100.0 - 250.0 * spam - 100.0 * max(0.0, low - 0.4) + min(10.0, 100.0 * buying)
    return Signal(
        name=NAME,
        verdict=verdict,
        reason=m.BECAUSE(lead=m.joined(leads), facts=facts),
        data=data,
        value=counts.poor_share,
        unit="share",
        score=within_verdict(verdict, score),
        confidence=confidence_from_count(counts.read, low=MIN_COMMENTS, medium=50, high=200),
        details={
            "read": counts.read,
            "low_effort": round(low, 4),
            "spam": round(spam, 4),
            "duplicates": round(duplicates, 4),
            "questions_or_purchase_intent": round(buying, 4),
        },
    )
