"""The documented estimate where kolscope holds no audience ids for an account: Sainsbury's
random-duplication formula. Each account reaches its own people drawn at random from the
platform's Thai audience of P people, so a set reaches P * (1 - prod(1 - R_i / P)).

It is an estimate, marked as one wherever it is used: real creators' audiences overlap more
than at random when they share a niche, so the formula tends to overstate deduplicated reach
for creators of one niche. The audience sizes P and their sources are listed below and in
docs/planning.md (audience overlap).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AudienceSize:
    """The people a platform can reach in Thailand, and where the figure was published."""

    people: int
    source: str


_DIGITAL_2024 = (
    "DataReportal, Digital 2024 Global Overview Report (We Are Social, Meltwater), Thailand's "
    "figures as reported by the Bangkok Post, 'Thais among top social media users' (2024)"
)
# Thai social media users: the audience of a set spanning several platforms, and of platforms
# without a published Thai figure here (YouTube, LINE, Lemon8, Pantip).
ALL_PLATFORMS = AudienceSize(
    49_100_000,
    "DataReportal, early 2024: Thai social media users 49.10 million, as reported by "
    "Krungthep Turakij (bangkokbiznews.com, 2024)",
)
THAI_AUDIENCES: dict[str, AudienceSize] = {
    "facebook": AudienceSize(49_100_000, _DIGITAL_2024 + ": Facebook ad audience 49 million"),
    "tiktok": AudienceSize(44_300_000, _DIGITAL_2024 + ": TikTok ad reach 44.3 million"),
    "instagram": AudienceSize(18_700_000, _DIGITAL_2024 + ": Instagram users 18.7 million"),
    "x": AudienceSize(14_600_000, _DIGITAL_2024 + ": X users 14.6 million"),
}


def audience_size(platforms: Iterable[str | None]) -> tuple[int, str | None]:
    """P for a set of accounts and the platform it belongs to: the platform's own Thai
    audience when every account is on that one platform, else all Thai social media users
    (platform None)."""
    found = set(platforms)
    if len(found) == 1:
        (platform,) = found
        if platform is not None and platform in THAI_AUDIENCES:
            return THAI_AUDIENCES[platform].people, platform
    return ALL_PLATFORMS.people, None


def random_duplication_reach(reaches: Iterable[float], people: float) -> float:
    """Sainsbury's formula: P * (1 - prod(1 - R_i / P)), each R_i capped at P. Monotone and
    submodular in the set, and equal to R_i for one account."""
    missed = 1.0
    for reach in reaches:
        missed *= 1.0 - min(max(reach, 0.0), people) / people
    return people * (1.0 - missed)
