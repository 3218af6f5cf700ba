"""The share of an account's followers that look fake, from a scored sample of them.

Each sampled follower has a probability of being fake (the follower model). A follower counts
as fake at or above the model's threshold; the share of fakes in the sample estimates the
share among all followers, and the Wilson score interval says how far off it may be, given the
sample size (Wilson, 1927: it stays inside 0-1 and behaves at small samples and at 0 %).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from kolscope.vetting.signals.signal import (
    Confidence,
    Signal,
    Verdict,
    confidence_from_count,
    unknown,
)

NAME = "fake_followers"
Z_95 = 1.959964
MIN_SAMPLE = 20  # fewer scored followers than this tells too little
# Organic accounts carry a few percent of inactive or fake followers; a share above these
# is what buying followers leaves behind.
WARNING_SHARE = 0.15
PROBLEM_SHARE = 0.25


def wilson_interval(fakes: int, sample: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``fakes / sample`` (95 % by default)."""
    if sample <= 0:
        raise ValueError("a proportion needs a sample of at least one")
    p = fakes / sample
    denominator = 1 + z * z / sample
    centre = (p + z * z / (2 * sample)) / denominator
    half = z * math.sqrt(p * (1 - p) / sample + z * z / (4 * sample * sample)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def fake_follower_signal(
    probabilities: NDArray[np.float64], threshold: float, *, source: str = "follower sample"
) -> Signal:
    """Fake share of a sample of followers, with its 95 % Wilson interval.

    Verdict: problem when even the interval's lower end reaches 25 %, or the share does with a
    sample of 100 or more; warning from 15 %; ok below. Score: 100 at 0 % fake, 0 at 50 % or more.
    """
    unscored = int(np.count_nonzero(np.isnan(probabilities)))
    probabilities = probabilities[~np.isnan(probabilities)]  # followers with no known field
    sample = int(probabilities.shape[0])
    if sample == 0 and unscored:
        return unknown(NAME, f"none of the {unscored} sampled followers has a profile field known")
    if sample == 0:
        return unknown(NAME, "no follower sample has been imported for this account")
    if sample < MIN_SAMPLE:
        return unknown(
            NAME,
            f"only {sample} followers were sampled; at least {MIN_SAMPLE} are needed",
            f"{sample} followers from {source}",
        )
    fakes = int(np.count_nonzero(probabilities >= threshold))
    share = fakes / sample
    low, high = wilson_interval(fakes, sample)
    confidence = confidence_from_count(sample, low=MIN_SAMPLE, medium=100, high=400)
    interval = f"{share:.0%} (95 % interval {low:.0%}-{high:.0%})"
    if low >= PROBLEM_SHARE or (share >= PROBLEM_SHARE and sample >= 100):
        verdict, reason = Verdict.PROBLEM, f"{interval} of sampled followers look fake"
    elif share >= WARNING_SHARE:
        verdict, reason = Verdict.WARNING, f"{interval} of sampled followers look fake"
    else:
        verdict, reason = Verdict.OK, f"only {interval} of sampled followers look fake"
    reason += f"; organic accounts usually stay under {WARNING_SHARE:.0%}"
    return Signal(
        name=NAME,
        verdict=verdict,
        reason=reason,
        data=f"{sample} followers from {source}, scored by the follower model "
        f"(fake at probability >= {threshold:.2f})",
        value=share,
        unit="share",
        score=max(0.0, 100.0 * (1 - share / 0.5)),
        confidence=confidence if verdict is not Verdict.UNKNOWN else Confidence.NONE,
        details={
            "sample": sample,
            "fakes": fakes,
            "low": round(low, 4),
            "high": round(high, 4),
            "mean_probability": round(float(probabilities.mean()), 4),
            "unscored": unscored,
        },
    )
