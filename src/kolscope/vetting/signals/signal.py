"""What every vetting check returns: a value, a verdict, the reason in words, the data it used.

A signal never invents a number: when its data is missing or too thin, its verdict is
``unknown``, its value is None and its reason says what was missing. A verdict is never
better than what its own printed numbers say (docs/vetting.md lists each signal's rule).

The reason and the data line are messages (``kolscope.vetting.messages``): stored and sent as
English text under ``reason`` and ``data`` (a contract) and as ``reason_message`` and
``data_message`` (code and values), so pages can say them in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kolscope.domain.messages import Message
from kolscope.vetting.messages import NO_DATA


class Verdict(StrEnum):
    """How a signal reads: fine, worth a look, a likely problem, or not enough data."""

    OK = "ok"
    WARNING = "warning"
    PROBLEM = "problem"
    UNKNOWN = "unknown"


class Confidence(StrEnum):
    """How sure a signal (or the score) is, driven by how much data it had."""

    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def weight(self) -> float:
        """How much a component counts in the score's confidence: high 1, medium 0.6, low 0.3."""
        return _CONFIDENCE_WEIGHT[self]


_CONFIDENCE_WEIGHT = {
    Confidence.NONE: 0.0,
    Confidence.LOW: 0.3,
    Confidence.MEDIUM: 0.6,
    Confidence.HIGH: 1.0,
}


@dataclass(frozen=True, slots=True)
class Signal:
    """One vetting check on one account.

    ``value`` is the measured quantity (its unit in ``unit``), ``score`` the 0-100 goodness the
    quality score uses (None when unknown), ``reason`` the explanation (a message) and ``data``
    what it was computed from (how many posts, snapshots, followers or comments).
    """

    name: str
    verdict: Verdict
    reason: Message
    data: Message
    value: float | None = None
    unit: str = ""
    score: float | None = None
    confidence: Confidence = Confidence.NONE
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def known(self) -> bool:
        return self.verdict is not Verdict.UNKNOWN and self.score is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "verdict": self.verdict.value,
            "value": self.value,
            "unit": self.unit,
            "score": None if self.score is None else round(self.score, 1),
            "confidence": self.confidence.value,
            "reason": str(self.reason),
            "data": str(self.data),
            "reason_message": self.reason.to_dict(),
            "data_message": self.data.to_dict(),
            "details": self.details,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Signal:
        return cls(
            name=str(data["name"]),
            verdict=Verdict(data["verdict"]),
            reason=Message.from_dict(data.get("reason_message") or str(data["reason"])),
            data=Message.from_dict(data.get("data_message") or str(data["data"])),
            value=data.get("value"),
            unit=str(data.get("unit", "")),
            score=data.get("score"),
            confidence=Confidence(data.get("confidence", "none")),
            details=dict(data.get("details") or {}),
        )


def unknown(name: str, reason: Message, data: Message | None = None) -> Signal:
    """A signal that cannot be read: no value, no score, the reason why."""
    return Signal(
        name=name, verdict=Verdict.UNKNOWN, reason=reason, data=NO_DATA() if data is None else data
    )


# A signal's own score never reads better than its verdict: at most this much for a warning
# (the caution band) and for a problem (the risk band).
WARNING_CEILING, PROBLEM_CEILING = 60.0, 30.0


def printed(share: float) -> float:
    """A share as the reason prints it (whole percents), so verdicts are judged on the same
    number people read: 49.6 % prints as 50 % and counts as 50 %."""
    return int(f"{share:.0%}".removesuffix("%")) / 100


def within_verdict(verdict: Verdict, score: float) -> float:
    """``score`` kept within 0-100 and no higher than ``verdict`` allows."""
    ceiling = {Verdict.WARNING: WARNING_CEILING, Verdict.PROBLEM: PROBLEM_CEILING}.get(
        verdict, 100.0
    )
    return max(0.0, min(ceiling, score))


def confidence_from_count(count: int, *, low: int, medium: int, high: int) -> Confidence:
    """none below ``low`` items, then low, medium and high at the given counts."""
    if count >= high:
        return Confidence.HIGH
    if count >= medium:
        return Confidence.MEDIUM
    if count >= low:
        return Confidence.LOW
    return Confidence.NONE
