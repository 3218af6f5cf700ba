"""Who follows an account: shares by gender, age band, country and Thai province."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from kolscope.domain.quantities import ReadError


class AudienceDimension(StrEnum):
    GENDER = "gender"
    AGE = "age"
    COUNTRY = "country"
    PROVINCE = "province"


AGE_BANDS = ("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
GENDERS = ("female", "male", "other")


class AudienceShare(NamedTuple):
    """The share (0-1) of an audience that falls in one segment of one dimension."""

    dimension: AudienceDimension
    segment: str
    share: float


@dataclass(frozen=True, slots=True)
class AudienceProfile:
    """An account's audience as one source measured it, with the sample it was measured on."""

    source: str
    shares: tuple[AudienceShare, ...]
    sample_size: int | None = None
    as_of: date | None = None
    account_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        totals: dict[AudienceDimension, float] = defaultdict(float)
        for item in self.shares:
            if not 0.0 <= item.share <= 1.0:
                raise ValueError(
                    f"{item.dimension.value} {item.segment!r}: a share must be between 0 and 1 "
                    f"(got {item.share:g})"
                )
            totals[item.dimension] += item.share
        for dimension, total in totals.items():
            if total > 1.02:  # rounding in exports can add up to a little over 100 %
                raise ValueError(f"{dimension.value} shares add up to {total:.0%}, more than 100 %")

    def by_dimension(self, dimension: AudienceDimension) -> dict[str, float]:
        return {s.segment: s.share for s in self.shares if s.dimension == dimension}


def normalise_age_band(text: str) -> str:
    """ "18 - 24", "18to24", "age_18_24" -> "18-24"; "65 +" / "65up" -> "65+"."""
    import re

    cleaned = text.strip().lower().replace("age", "").replace("ปี", "").strip(" _-:")
    numbers = re.findall(r"\d+", cleaned)
    if len(numbers) == 2:
        return f"{int(numbers[0])}-{int(numbers[1])}"
    if len(numbers) == 1 and ("+" in cleaned or "up" in cleaned or "ขึ้นไป" in cleaned):
        return f"{int(numbers[0])}+"
    raise ReadError(
        "age_band",
        f"cannot read {text!r} as an age band such as 18-24 or 65+",
        value=repr(text),
    )


_GENDER_WORDS = {
    "female": "female",
    "women": "female",
    "woman": "female",
    "f": "female",
    "หญิง": "female",
    "ผู้หญิง": "female",
    "เพศหญิง": "female",
    "male": "male",
    "men": "male",
    "man": "male",
    "m": "male",
    "ชาย": "male",
    "ผู้ชาย": "male",
    "เพศชาย": "male",
    "other": "other",
    "others": "other",
    "unknown": "other",
    "อื่นๆ": "other",
    "อื่น ๆ": "other",
}


def normalise_gender(text: str) -> str:
    key = text.strip().lower()
    if key in _GENDER_WORDS:
        return _GENDER_WORDS[key]
    raise ReadError(
        "gender", f"cannot read {text!r} as a gender (female, male or other)", value=repr(text)
    )
