"""The quality score: 0-100 from the signals, with documented weights and a confidence.

Each known signal contributes its own 0-100 score with its weight; signals that are unknown
are left out and the weights of the others are renormalised. The confidence is the share of
the full weight that was known, each part counted by its own confidence (high 1, medium 0.6,
low 0.3): all signals known with plenty of data is high; one thin signal is low. With no known
signal the score is unknown (None), never a default number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kolscope.vetting.signals.signal import Confidence, Signal, Verdict

# What each signal weighs (documented in docs/vetting.md; the test checks they add up to 1).
WEIGHTS: dict[str, float] = {
    "fake_followers": 0.30,
    "engagement": 0.25,
    "comments": 0.20,
    "growth": 0.15,
    "pods": 0.10,
}
# Audience fit joins the score only when a target audience is given.
AUDIENCE_FIT_WEIGHT = 0.15

GOOD, CAUTION = 70.0, 40.0  # score bands: good from 70, caution from 40, risk below


class ScoreVerdict:
    GOOD = "good"
    CAUTION = "caution"
    RISK = "risk"
    UNKNOWN = "unknown"
    ALL = ("good", "caution", "risk", "unknown")


@dataclass(frozen=True, slots=True)
class QualityScore:
    """The score (None when unknown), its verdict, its confidence and the signals behind it."""

    score: float | None
    verdict: str
    confidence: Confidence
    signals: tuple[Signal, ...]
    weights: dict[str, float]

    def signal(self, name: str) -> Signal | None:
        return next((s for s in self.signals if s.name == name), None)

    @property
    def problems(self) -> tuple[Signal, ...]:
        return tuple(s for s in self.signals if s.verdict is Verdict.PROBLEM)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": None if self.score is None else round(self.score, 1),
            "verdict": self.verdict,
            "confidence": self.confidence.value,
            "weights": self.weights,
            "signals": [s.to_dict() for s in self.signals],
        }


def weights_for(signals: tuple[Signal, ...]) -> dict[str, float]:
    """The weights in use: the standard ones, plus audience fit when it was asked for."""
    weights = dict(WEIGHTS)
    if any(s.name == "audience_fit" and s.details.get("target") for s in signals):
        weights["audience_fit"] = AUDIENCE_FIT_WEIGHT
    total = sum(weights.values())
    return {name: value / total for name, value in weights.items()}


def quality_score(signals: tuple[Signal, ...]) -> QualityScore:
    """Combine the signals (see the module's docstring). A signal with a problem verdict also
    caps the score at the caution band's top, so one clear problem is never averaged away."""
    weights = weights_for(signals)
    known = [s for s in signals if s.known and s.name in weights]
    if not known:
        return QualityScore(None, ScoreVerdict.UNKNOWN, Confidence.NONE, signals, weights)
    weight = sum(weights[s.name] for s in known)
    score = sum(weights[s.name] * float(s.score or 0.0) for s in known) / weight
    if any(s.verdict is Verdict.PROBLEM for s in known):
        score = min(score, GOOD - 1.0)
    coverage = sum(weights[s.name] * s.confidence.weight for s in known)
    confidence = (
        Confidence.HIGH
        if coverage >= 0.75
        else Confidence.MEDIUM
        if coverage >= 0.45
        else Confidence.LOW
    )
    verdict = (
        ScoreVerdict.GOOD
        if score >= GOOD
        else ScoreVerdict.CAUTION
        if score >= CAUTION
        else ScoreVerdict.RISK
    )
    return QualityScore(round(score, 1), verdict, confidence, signals, weights)
