"""What every vetting check returns: a value, a verdict, the reason in words, the data it used.

A signal never invents a number: when its data is missing or too thin, its verdict is
``unknown``, its value is None and its reason says what was missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


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
    quality score uses (None when unknown), ``reason`` the explanation in words and ``data``
    what it was computed from (how many posts, snapshots, followers or comments).
    """

    name: str
    verdict: Verdict
    reason: str
    data: str
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
            "reason": self.reason,
            "data": self.data,
            "details": self.details,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Signal:
        return cls(
            name=str(data["name"]),
            verdict=Verdict(data["verdict"]),
            reason=str(data["reason"]),
            data=str(data["data"]),
            value=data.get("value"),
            unit=str(data.get("unit", "")),
            score=data.get("score"),
            confidence=Confidence(data.get("confidence", "none")),
            details=dict(data.get("details") or {}),
        )


def unknown(name: str, reason: str, data: str = "no data") -> Signal:
    """A signal that cannot be read: no value, no score, the reason why."""
    return Signal(name=name, verdict=Verdict.UNKNOWN, reason=reason, data=data)


def confidence_from_count(count: int, *, low: int, medium: int, high: int) -> Confidence:
    """none below ``low`` items, then low, medium and high at the given counts."""
    if count >= high:
        return Confidence.HIGH
    if count >= medium:
        return Confidence.MEDIUM
    if count >= low:
        return Confidence.LOW
    return Confidence.NONE
