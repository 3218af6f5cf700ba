"""Audience fit: how much of an account's audience is the audience a brand wants.

For each dimension the brand names (gender, age bands, countries, Thai provinces) the share of
the audience in the wanted segments is summed; the dimensions are then multiplied, which
assumes they are independent (exports give each dimension separately, never the joint
table). A dimension the brand does not name does not narrow the match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kolscope.domain.audience import (
    AudienceDimension,
    AudienceProfile,
    normalise_age_band,
    normalise_gender,
)
from kolscope.domain.messages import Message
from kolscope.vetting import messages as m
from kolscope.vetting.signals.signal import (
    Signal,
    Verdict,
    confidence_from_count,
    printed,
    unknown,
)

NAME = "audience_fit"
GOOD_MATCH = 0.5
POOR_MATCH = 0.15


@dataclass(frozen=True, slots=True)
class AudienceTarget:
    """The audience a brand wants; an empty tuple means any."""

    genders: tuple[str, ...] = ()
    age_bands: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()

    def wanted(self) -> dict[AudienceDimension, tuple[str, ...]]:
        pairs = (
            (AudienceDimension.GENDER, self.genders),
            (AudienceDimension.AGE, self.age_bands),
            (AudienceDimension.COUNTRY, self.countries),
            (AudienceDimension.PROVINCE, self.provinces),
        )
        return {dimension: segments for dimension, segments in pairs if segments}

    @property
    def empty(self) -> bool:
        return not self.wanted()

    def describe(self) -> str:
        return "; ".join(f"{d.value} {', '.join(s)}" for d, s in self.wanted().items())

    def to_dict(self) -> dict[str, list[str]]:
        return {d.value: list(s) for d, s in self.wanted().items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Sequence[str]]) -> AudienceTarget:
        """The reverse of ``to_dict``: keys gender, age, country, province."""
        known = {d.value for d in AudienceDimension}
        unknown_keys = sorted(set(data) - known)
        if unknown_keys:
            names = ", ".join(sorted(known))
            raise ValueError(f"unknown audience dimension {unknown_keys[0]!r} (known: {names})")
        return cls(
            genders=tuple(normalise_gender(g) for g in data.get("gender", ())),
            age_bands=tuple(normalise_age_band(a) for a in data.get("age", ())),
            countries=tuple(c.upper() for c in data.get("country", ())),
            provinces=tuple(data.get("province", ())),
        )

    @classmethod
    def parse(cls, items: Sequence[str]) -> AudienceTarget:
        """From ``gender=female``, ``age=18-24,25-34``, ``country=TH``, ``province=TH-10``."""
        found: dict[str, list[str]] = {}
        for item in items:
            key, sep, values = item.partition("=")
            segments = [v.strip() for v in values.split(",") if v.strip()]
            if not sep or not segments:
                raise ValueError(f"{item!r} is not DIMENSION=SEGMENT[,SEGMENT...] (gender=female)")
            found.setdefault(key.strip().lower(), []).extend(segments)
        return cls.from_dict(found)


def audience_fit_signal(profiles: tuple[AudienceProfile, ...], target: AudienceTarget) -> Signal:
    """The share of the audience that matches ``target``, from the newest profile per dimension.

    Verdict: ok from 50 %, warning from 15 %, problem below. Score: 100 x share / 50 %, at most
    100. Confidence from the sample the profile was measured on (unknown sample: low).
    """
    if target.empty:
        return unknown(NAME, m.FIT_NO_TARGET(), m.FIT_NO_TARGET_DATA())
    if not profiles:
        return unknown(NAME, m.FIT_NO_AUDIENCE())
    matched = 1.0
    used: list[Message] = []
    parts: list[Message] = []
    samples: list[int | None] = []
    for dimension, segments in target.wanted().items():
        profile = next((p for p in profiles if p.by_dimension(dimension)), None)
        if profile is None:
            return unknown(
                NAME,
                m.FIT_MISSING(dimension=m.dimension(dimension.value)),
                m.FIT_PROFILES(count=len(profiles)),
            )
        shares = profile.by_dimension(dimension)
        wanted = {s.casefold() for s in segments}
        share = min(1.0, sum(v for k, v in shares.items() if k.casefold() in wanted))
        matched *= share
        named = m.dimension(dimension.value)
        parts.append(m.FIT_PART(share=share, dimension=named, segments=list(segments)))
        used.append(
            m.FIT_FROM(dimension=named, source=profile.source, people=profile.sample_size)
            if profile.sample_size
            else m.FIT_FROM_UNKNOWN(dimension=named, source=profile.source)
        )
        samples.append(profile.sample_size)
    known_samples = [s for s in samples if s]
    smallest = min(known_samples) if len(known_samples) == len(samples) else None
    # An unknown sample size reads as low confidence, however big the audience.
    confidence = confidence_from_count(smallest or 0, low=0, medium=100, high=1_000)
    shown = printed(matched)  # judged as printed, in whole percents
    verdict = (
        Verdict.OK
        if shown >= GOOD_MATCH
        else Verdict.WARNING
        if shown >= POOR_MATCH
        else Verdict.PROBLEM
    )
    matches = m.FIT_MATCHES_INDEPENDENT if len(parts) > 1 else m.FIT_MATCHES
    return Signal(
        name=NAME,
        verdict=verdict,
        reason=matches(share=matched, parts=m.joined(parts)),
        data=m.joined(used),
        value=matched,
        unit="share",
        score=min(100.0, 100.0 * matched / GOOD_MATCH),
        confidence=confidence,
        details={"target": target.to_dict(), "smallest_sample": smallest},
    )
