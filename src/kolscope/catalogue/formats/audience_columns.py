"""Wide audience exports: one column per segment ("Female %", "18-24", "Bangkok")."""

from __future__ import annotations

import re

from kolscope.catalogue.formats.headers import clean_header
from kolscope.domain.audience import AudienceDimension, normalise_age_band, normalise_gender
from kolscope.domain.places import find_country, find_province

WIDE_PREFIX = "share:"
_NOISE = re.compile(
    r"(?i)\b(audience|share|percent|percentage|pct|of|followers|follower|ratio)\b|%|สัดส่วน|ผู้ติดตาม"
)
_DIMENSION_WORDS = {
    "gender": AudienceDimension.GENDER,
    "sex": AudienceDimension.GENDER,
    "เพศ": AudienceDimension.GENDER,
    "age": AudienceDimension.AGE,
    "อายุ": AudienceDimension.AGE,
    "country": AudienceDimension.COUNTRY,
    "ประเทศ": AudienceDimension.COUNTRY,
    "province": AudienceDimension.PROVINCE,
    "city": AudienceDimension.PROVINCE,
    "จังหวัด": AudienceDimension.PROVINCE,
}


def wide_field(dimension: AudienceDimension, segment: str) -> str:
    return f"{WIDE_PREFIX}{dimension.value}={segment}"


def parse_wide_field(name: str) -> tuple[AudienceDimension, str]:
    dimension, _, segment = name.removeprefix(WIDE_PREFIX).partition("=")
    return AudienceDimension(dimension), segment


def segment_of_header(header: str) -> tuple[AudienceDimension, str] | None:
    """What a wide audience column measures, from its header; None when it is not one."""
    text = clean_header(header)
    hinted: AudienceDimension | None = None
    lowered = text.lower()
    for word, dimension in _DIMENSION_WORDS.items():
        if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", lowered):
            hinted = dimension
            lowered = re.sub(rf"(?<![a-z]){re.escape(word)}(?![a-z])", " ", lowered)
    rest = " ".join(_NOISE.sub(" ", lowered).replace("_", " ").replace(":", " ").split())
    if not rest:
        return None
    if hinted in (None, AudienceDimension.GENDER):
        try:
            return AudienceDimension.GENDER, normalise_gender(rest)
        except ValueError:
            pass
    if hinted in (None, AudienceDimension.AGE) and re.search(r"\d", rest):
        try:
            return AudienceDimension.AGE, normalise_age_band(rest.replace(" ", "-"))
        except ValueError:
            pass
    if hinted in (None, AudienceDimension.PROVINCE):
        province = find_province(rest)
        if province is not None:
            return AudienceDimension.PROVINCE, province.code
    if hinted in (None, AudienceDimension.COUNTRY) and (hinted or len(rest) > 2):
        country = find_country(rest)
        if country is not None:
            return AudienceDimension.COUNTRY, country
    return None
