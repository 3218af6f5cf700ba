"""What kolscope reads in one comment."""

from __future__ import annotations

from dataclasses import dataclass

from kolscope.domain.messages import Message

SENTIMENTS = ("negative", "neutral", "positive")
LOW_EFFORT_KINDS = ("emoji_only", "sticker_only", "generic", "duplicate", "empty")

# The columns `kolscope comments analyse` adds, in order (a contract: never rename).
OUTPUT_COLUMNS = (
    "sentiment", "sentiment_p", "question", "question_p", "purchase_intent",
    "purchase_intent_p", "spam", "spam_p", "low_effort", "toxic", "language", "evidence",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CommentInsight:
    """One comment's reading. Each ``*_p`` is the probability the model (and rules) give
    to the label beside it; ``evidence`` names the words, tokens and rules that decided, in
    English (the ``evidence`` column), and ``said`` holds the same as messages, for pages that
    say it in the reader's language."""

    sentiment: str  # negative, neutral or positive
    sentiment_p: float  # probability of that sentiment
    question: bool
    question_p: float
    purchase_intent: bool
    purchase_intent_p: float
    spam: bool
    spam_p: float
    low_effort: bool
    low_effort_kind: str | None  # emoji_only, sticker_only, generic, duplicate, empty
    toxic: bool
    language: str  # th, en, mixed or none
    evidence: tuple[str, ...]
    said: tuple[Message, ...] = ()

    @property
    def wisesight_label(self) -> str:
        """The four-class label of the Wisesight corpus: q for a question, else pos/neu/neg."""
        return "q" if self.question else self.sentiment[:3]

    def columns(self) -> dict[str, str | float | bool]:
        """The output columns, in order, ready for a CSV or JSON row."""
        return {
            "sentiment": self.sentiment,
            "sentiment_p": round(self.sentiment_p, 4),
            "question": self.question,
            "question_p": round(self.question_p, 4),
            "purchase_intent": self.purchase_intent,
            "purchase_intent_p": round(self.purchase_intent_p, 4),
            "spam": self.spam,
            "spam_p": round(self.spam_p, 4),
            "low_effort": self.low_effort,
            "toxic": self.toxic,
            "language": self.language,
            "evidence": "; ".join(self.evidence),
        }
