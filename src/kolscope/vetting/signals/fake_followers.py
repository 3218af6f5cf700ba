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

from kolscope.vetting import messages as m
from kolscope.vetting.signals.signal import (
    Confidence,
    Signal,
    Verdict,
    confidence_from_count,
    printed,
    unknown,
)

NAME = "fake_followers"
Z_95 = 1.959964
MIN_SAMPLE = 20  # fewer scored followers than this tells too little
# Organic accounts carry a few percent of inactive or fake followers; a share above these
# is what buying followers leaves behind.
WARNING_SHARE = 0.15
PROBLEM_SHARE = 0.25
DEFAULT_SOURCE = "follower sample"  # a sample without a file name


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
    probabilities: NDArray[np.float64], threshold: float, *, source: str = DEFAULT_SOURCE
) -> Signal:
    """Fake share of a sample of followers, with its 95 % Wilson interval.

    Verdict: problem when even the interval's lower end reaches 25 %, or the share does with a
    sample of 100 or more; warning from 15 %, or when the interval's upper end reaches 25 %
    (a sample too small to rule bought followers out); ok below. Shares are judged as printed
    (whole percents). Score: 100 at 0 % fake, 0 at 50 % or more.
    """
    unscored = int(np.count_nonzero(np.isnan(probabilities)))
    probabilities = probabilities[~np.isnan(probabilities)]  # followers with no known field
    sample = int(probabilities.shape[0])
    named = (
        m.FAKE_SAMPLE_UNNAMED(count=sample)
        if source == DEFAULT_SOURCE
        else m.FAKE_SAMPLE(count=sample, source=source)
    )
    if sample == 0 and unscored:
        return unknown(NAME, m.FAKE_UNSCORED(count=unscored))
    if sample == 0:
        return unknown(NAME, m.FAKE_NO_SAMPLE())
    if sample < MIN_SAMPLE:
        return unknown(NAME, m.FAKE_TOO_FEW(count=sample, least=MIN_SAMPLE), named)
    fakes = int(np.count_nonzero(probabilities >= threshold))
    share = fakes / sample
    low, high = wilson_interval(fakes, sample)
    confidence = confidence_from_count(sample, low=MIN_SAMPLE, medium=100, high=400)
    said = {"share": share, "low": low, "high": high, "usual": WARNING_SHARE}
    if printed(low) >= PROBLEM_SHARE or (printed(share) >= PROBLEM_SHARE and sample >= 100):
        verdict, reason = Verdict.PROBLEM, m.FAKE_LOOK_FAKE(**said)
    elif printed(share) >= WARNING_SHARE:
        verdict, reason = Verdict.WARNING, m.FAKE_LOOK_FAKE(**said)
    elif printed(high) >= PROBLEM_SHARE:
        verdict = Verdict.WARNING
        reason = m.FAKE_SMALL_SAMPLE(share=share, count=sample, high=high)
    else:
        verdict, reason = Verdict.OK, m.FAKE_ONLY(**said)
    return Signal(
        name=NAME,
        verdict=verdict,
        reason=reason,
        data=m.FAKE_SCORED(sample=named, threshold=threshold),
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
