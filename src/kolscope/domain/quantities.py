"""Reading the numbers people write: "1.2M", "45.3K", "3.1%", "1,234", Thai digits and Thai units.

These parsers are shared by importers, CLI filters and the web search box, so a number written one
way is read the same way everywhere. They raise ``ReadError`` (a ``ValueError``) whose English
text a marketer can act on, with a code and the values it names, so an area can say the same in
the reader's language (``catalogue.messages.read_error``, ``discovery.messages.read_error``).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from kolscope.domain.limits import MAX_COUNT


class ReadError(ValueError):
    """A value that cannot be read: ``str()`` is the English text, ``code`` names the sentence
    (``number``, ``count.negative`` ...) and ``values`` the literal text it quotes."""

    def __init__(self, code: str, text: str, **values: object) -> None:
        super().__init__(text)
        self.code = code
        self.values = values


THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

# Cells that mean "no value": blanks, dashes, spreadsheet errors and the usual placeholders.
_MISSING = {
    "",
    "-",
    "--",
    "—",
    "–",
    "n/a",
    "na",
    "n.a.",
    "none",
    "null",
    "nan",
    "nil",
    "unknown",
    "?",
    "ไม่มี",
    "ไม่ระบุ",
    "ไม่ทราบ",
}
_SPREADSHEET_ERROR = re.compile(r"^#[a-z0-9/!?.]+[!?]?$", re.IGNORECASE)

_SUFFIX = {
    "": 1,
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mil": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "พัน": 1_000,
    "หมื่น": 10_000,
    "แสน": 100_000,
    "ล้าน": 1_000_000,
    "ล.": 1_000_000,
}
_NUMBER = re.compile(
    r"^(?P<sign>[-+]?)(?P<digits>(?:\d[\d,.' _]*)?\d|\.\d+|\d+\.)\s*"
    r"(?P<suffix>[a-z.\u0e00-\u0e7f]*)\s*(?P<pct>%?)$"
)


_MISSING_STARTS = frozenset(" \t\n'\"-—–nNuU?#ไ") | {""}


def is_missing(text: str) -> bool:
    """True when a cell means "no value" rather than a value."""
    if text and text[0] not in _MISSING_STARTS and text[-1] not in " \t\n'\"":
        return False  # no placeholder starts this way: settles most cells at once
    key = text.strip().strip("'\"").strip().lower()
    return key in _MISSING or bool(_SPREADSHEET_ERROR.match(key))


def _clean(text: str) -> str:
    text = text.translate(THAI_DIGITS)
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    return text.strip().strip("'\"").strip().lower()


def _plain_number(digits: str) -> float:
    """Read digits with thousands separators in any of the common styles."""
    compact = digits.replace(" ", "").replace("_", "").replace("'", "")
    commas, dots = compact.count(","), compact.count(".")
    if commas and dots:
        # Whichever separator comes last is the decimal mark: 1,234.5 or 1.234,5.
        if compact.rfind(",") > compact.rfind("."):
            compact = compact.replace(".", "").replace(",", ".")
        else:
            compact = compact.replace(",", "")
    elif commas:
        groups = compact.split(",")
        if commas == 1 and len(groups[1]) != 3:
            compact = compact.replace(",", ".")  # 3,5 is a decimal comma
        elif all(len(g) == 3 for g in groups[1:]):
            compact = compact.replace(",", "")
        else:
            raise ReadError(
                "number.commas",
                f"cannot read {digits!r}: the commas are not thousands separators",
                value=repr(digits),
            )
    elif dots > 1:
        groups = compact.split(".")
        if all(len(g) == 3 for g in groups[1:]):
            compact = compact.replace(".", "")  # 1.234.567
        else:
            raise ReadError(
                "number.points",
                f"cannot read {digits!r}: too many decimal points",
                value=repr(digits),
            )
    return float(compact)


_PLAIN = re.compile(r"^[0-9]{1,15}(?:\.[0-9]+)?$")


def parse_number(value: object) -> float | None:
    """A number with an optional K/M/B or Thai unit (พัน หมื่น แสน ล้าน); None when missing.

    A trailing ``%`` divides by 100, so "3.1%" reads as 0.031.
    """
    if value is None:
        return None
    if isinstance(value, str):
        if _PLAIN.match(value):  # the common case, read without the general parser
            return float(value)
        return _parse_text(value)
    if isinstance(value, bool):
        raise ReadError("number.found", f"expected a number, found {value!r}", value=repr(value))
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            return None
        return float(value)
    return _parse_text(str(value))


@lru_cache(maxsize=65536)
def _parse_text(text: str) -> float | None:
    if is_missing(text):
        return None
    cleaned = _clean(text)
    match = _NUMBER.match(cleaned)
    if match is None:
        raise ReadError(
            "number", f"cannot read {text.strip()!r} as a number", value=repr(text.strip())
        )
    suffix = match["suffix"].rstrip(".") if match["suffix"] not in _SUFFIX else match["suffix"]
    if suffix not in _SUFFIX:
        raise ReadError(
            "number.unit",
            f"cannot read {text.strip()!r} as a number: unknown unit {match['suffix']!r}",
            value=repr(text.strip()),
            unit=repr(match["suffix"]),
        )
    number = _plain_number(match["digits"]) * _SUFFIX[suffix]
    if match["sign"] == "-":
        number = -number
    if match["pct"]:
        number /= 100
    if math.isinf(number) or math.isnan(number):
        raise ReadError(
            "number", f"cannot read {text.strip()!r} as a number", value=repr(text.strip())
        )
    return number


def parse_count(value: object) -> int | None:
    """A whole, non-negative count such as followers ("1.2M" -> 1200000); None when missing."""
    number = parse_number(value)
    if number is None:
        return None
    if isinstance(value, str) and value.strip().endswith("%"):
        raise ReadError(
            "count.percentage",
            f"expected a count, found a percentage {value.strip()!r}",
            value=repr(value.strip()),
        )
    if number < 0:
        raise ReadError(
            "count.negative", f"a count cannot be negative ({value!r})", value=repr(value)
        )
    if number > MAX_COUNT:
        raise ReadError(
            "count.too_large",
            f"{value!r} is too large for a count (at most {MAX_COUNT:,})",
            value=repr(value),
            most=MAX_COUNT,
        )
    return round(number)


def parse_average(value: object) -> float | None:
    """A non-negative average such as likes per post (348.5 stays 348.5); None when missing."""
    number = parse_number(value)
    if number is None:
        return None
    if isinstance(value, str) and value.strip().endswith("%"):
        raise ReadError(
            "average.percentage",
            f"expected an average, found a percentage {value.strip()!r}",
            value=repr(value.strip()),
        )
    if number < 0:
        raise ReadError(
            "average.negative", f"an average cannot be negative ({value!r})", value=repr(value)
        )
    return number


def parse_rate(value: object, *, percent_scale: bool = False) -> float | None:
    """A rate as a fraction: "3.1%" -> 0.031. Plain numbers are fractions unless ``percent_scale``.

    ``percent_scale`` is decided per column by the importer (a header saying "%" or values that
    are clearly percentages), so "3.1" in an "ER %" column also reads as 0.031.
    """
    number = parse_number(value)
    if number is None:
        return None
    has_sign = isinstance(value, str) and value.strip().endswith("%")
    if percent_scale and not has_sign:
        number /= 100
    if number < 0:
        raise ReadError(
            "rate.negative", f"a rate cannot be negative ({value!r})", value=repr(value)
        )
    return number


def number_precision(value: object) -> int:
    """How many significant digits a written number carries ("13.8M" -> 3, "13800000" -> 8).

    Used to prefer the exact column when an export writes the same value twice. Zeros after a
    decimal point add nothing ("477900000.00" -> 9); a K/M/B unit leaves only the digits written.
    """
    if isinstance(value, bool):
        return 0
    text = repr(value) if isinstance(value, int | float) else _clean(str(value))
    match = _NUMBER.match(text)
    if match is None:
        return 0
    digits = match["digits"].replace(" ", "").replace("_", "").replace("'", "")
    if "." in digits and digits.count(".") == 1 and "," not in digits:
        whole, fraction = digits.split(".")
        digits = whole + fraction.rstrip("0")
    significant = re.sub(r"\D", "", digits).lstrip("0")
    return len(significant) or 1


def format_count(value: int | float | None) -> str:
    """A compact count for people: 1234 -> "1.2K", 1200000 -> "1.2M" (unknown -> "–")."""
    if value is None:
        return "–"
    number = float(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(number) >= limit:
            shown = f"{number / limit:.1f}".rstrip("0").rstrip(".")
            return f"{shown}{suffix}"
    if number == int(number):
        return f"{int(number):,}"
    return f"{number:,.1f}"
