"""What a column's values look like: numbers, handles, countries, percentages, dates."""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kolscope.domain.dates import parse_date
from kolscope.domain.places import find_country
from kolscope.domain.quantities import is_missing, parse_number

_HANDLE = re.compile(r"^@?[\w.\-]{1,100}$")


@dataclass(frozen=True, slots=True)
class ColumnProfile:
    filled: int  # non-missing values in the sample
    numeric: float  # shares of filled values
    percent_signs: float
    handle_like: float
    lowercase: float
    country: float
    date: float
    median_number: float | None
    samples: tuple[str, ...]


def _is_number(value: Any) -> float | None:
    try:
        return parse_number(value)
    except ValueError:
        return None


def _is_date(value: Any) -> bool:
    try:
        return parse_date(value) is not None
    except ValueError:
        return False


def profile_column(values: Sequence[Any]) -> ColumnProfile:
    filled = [v for v in values if v is not None and not (isinstance(v, str) and is_missing(v))]
    if not filled:
        return ColumnProfile(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, None, ())
    texts = [str(v).strip() for v in filled]
    numbers = [n for n in (_is_number(v) for v in filled) if n is not None]
    count = len(filled)
    textual = [t for t, v in zip(texts, filled, strict=True) if _is_number(v) is None]
    plain_numbers = [
        n
        for n, t in zip((_is_number(v) for v in filled), texts, strict=True)
        if n is not None and not t.endswith("%")
    ]
    samples: dict[str, None] = {}
    for text in texts:
        if len(samples) >= 3:
            break
        samples.setdefault(text[:40], None)
    return ColumnProfile(
        filled=count,
        numeric=len(numbers) / count,
        percent_signs=sum(t.endswith("%") for t in texts) / count,
        handle_like=sum(bool(_HANDLE.match(t)) for t in texts) / count,
        lowercase=sum(t == t.lower() for t in texts) / count,
        country=(
            sum(find_country(t) is not None for t in textual[:200])
            / min(len(textual), 200)
            * len(textual)
            / count
        )
        if textual
        else 0.0,
        date=sum(_is_date(v) for v in filled[:100]) / min(count, 100),
        median_number=statistics.median(plain_numbers) if plain_numbers else None,
        samples=tuple(samples),
    )


def values_agree(first: Any, second: Any) -> bool | None:
    """Whether two cells write the same quantity ("13.8M" and "13800000"); None if one is blank."""
    a, b = _is_number(first), _is_number(second)
    if a is None or b is None:
        return None
    return abs(a - b) <= rounding_tolerance(first, a) + rounding_tolerance(second, b)


def rounding_tolerance(written: Any, value: float) -> float:
    """How far the true number can be from a rounded one: "13.8M" is 13.75M-13.85M."""
    from kolscope.domain.quantities import number_precision

    digits = number_precision(written)
    if value == 0 or digits == 0:
        return 0.5
    magnitude = len(str(int(abs(value)))) if abs(value) >= 1 else 1
    return 0.5 * 10.0 ** max(magnitude - digits, 0) + 1e-9
