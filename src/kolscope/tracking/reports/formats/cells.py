"""Reading one cell of a marketplace report: headers compared loosely, ids always as text,
money, rates, counts and times as the marketplaces write them.

* **Headers** are compared without a byte-order mark, case, spaces, underscores or a trailing
  currency sign in brackets (``มูลค่าซื้อ(฿)``, ``Purchase Value(RM)``), and with a Thai mark
  typed twice read once (Shopee's ``แบรนด์์``).
* **Empty** is an empty cell, ``N/A``, ``-`` or ``--`` (Lazada writes ``N/A``).
* **Ids are text.** An XLSX number such as ``1.00188093044E11`` becomes ``100188093044``
  through its digits, never through a float's text; a number past 2⁵³, or text a spreadsheet
  shortened (``1.00188E+11``), has lost digits and is refused rather than guessed.
* **Money** is a Decimal: ``1,290.50``, ``฿1,290.50``, ``THB 1290.5``, numbers from XLSX.
* **Rates** are fractions: ``1.50%`` is 0.015; a plain number (Lazada's ``0.1629``) is one
  already.
* **Times** are Bangkok time unless they name a zone: ``YYYY-MM-DD HH:MM:SS`` (Shopee),
  ``YYYY-MM-DD`` (Lazada), ``DD/MM/YYYY`` with or without a time (TikTok Shop; day first, as
  Thailand writes it), a Buddhist-era year (2569) read as 2026.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation

from kolscope.domain.dates import BANGKOK, BUDDHIST_ERA_OFFSET
from kolscope.tracking import messages_reports as said
from kolscope.tracking.reports.formats.values import Cell, CellError

EMPTY_WORDS = frozenset({"", "n/a", "na", "-", "--", "null", "none"})
LARGEST_AMOUNT = Decimal("1e12")  # no affiliate line is worth a trillion; beyond is a bad cell
EXACT_FLOAT_INTEGERS = 2**53  # past this an XLSX number has lost an id's last digits

# A currency sign in brackets at the end of a money header, and the currency it means.
CURRENCY_SIGNS = {
    "฿": "THB",
    "thb": "THB",
    "rm": "MYR",
    "rp": "IDR",
    "₱": "PHP",
    "₫": "VND",
    "s$": "SGD",
    "nt$": "TWD",
    "r$": "BRL",
    "$": "USD",
}
_SIGN_IN_HEADER = re.compile(r"\s*[(（]\s*([^()（）\w]{1,3}|[a-z]{1,3}\$?)\s*[)）]\s*$")
_DOUBLED_MARK = re.compile(r"([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\1+")
_INVISIBLE = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060\s_]+")
_INTEGRAL_TEXT = re.compile(r"[+-]?\d+\.0*")
_SCIENTIFIC = re.compile(r"(\d)(?:\.(\d+))?e\+?(\d{1,3})", re.IGNORECASE)
_MONEY_NOISE = re.compile(r"[฿$,\s\u00a0]|thb|baht|บาท", re.IGNORECASE)
_OFFSET, _MIDNIGHT = "+07:00", " 00:00:00+07:00"  # Bangkok's offset, written for fromisoformat
_TIME = re.compile(
    r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?"
)
_DAY_FIRST = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?"
)


def header_key(header: object) -> str:
    """How a header is compared: no BOM, case, spaces, underscores or currency sign."""
    text = unicodedata.normalize("NFC", str(header or "")).strip().lstrip("\ufeff").casefold()
    text = _SIGN_IN_HEADER.sub("", text)
    text = _DOUBLED_MARK.sub(r"\1", text)
    return _INVISIBLE.sub("", text)


def currency_in_header(header: object) -> str | None:
    """The currency a money header names by its sign in brackets (``(฿)`` is THB), if any."""
    found = _SIGN_IN_HEADER.search(str(header or "").strip().casefold())
    if found is None:
        return None
    sign = found.group(1).strip()
    return CURRENCY_SIGNS.get(sign, sign.upper())


@dataclass(frozen=True, slots=True)
class Column:
    """One column a reader uses: ``name`` as the issue and the English export write it (named
    in errors when the column is missing), other headers it goes by (the Thai export's,
    older exports'), and whether every report must have it."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True

    def header_keys(self) -> tuple[str, ...]:
        return tuple(header_key(h) for h in (self.name, *self.aliases))


def find_columns(header: Sequence[object], columns: Sequence[Column]) -> dict[str, int | None]:
    """Each column's position in ``header`` (the first header matching any of its names), or
    None when the header lacks it."""
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        positions.setdefault(header_key(cell), index)
    found: dict[str, int | None] = {}
    for column in columns:
        found[column.name] = next(
            (positions[k] for k in column.header_keys() if k in positions), None
        )
    return found


def is_empty(value: Cell) -> bool:
    if value is None:
        return True
    if value.__class__ is str:  # the hot path: most cells are text
        return len(value) < 9 and _blank(value.strip())
    return False


def _blank(written: str) -> bool:
    """Stripped text that means an empty cell ("", N/A, -, --)."""
    return not written or (len(written) < 5 and written.casefold() in EMPTY_WORDS)


def text(value: Cell) -> str:
    """A cell as text: "" for empty; whole numbers without ``.0``."""
    if is_empty(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def id_text(value: Cell) -> str:
    """An id as text, whatever the spreadsheet stored it as ("" when empty)."""
    if value.__class__ is str:  # the hot path: CSV cells, XLSX text
        written = value.strip()
        if _blank(written):
            return ""
        if "." not in written and "e" not in written and "E" not in written:
            return written  # digits or letters: the id as written
        return _id_from_text(written)
    if value is None:
        return ""
    if isinstance(value, bool | datetime | date):
        raise CellError(said.NOT_ID(value=str(value)))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer() or value < 0:
            raise CellError(said.NOT_ID(value=repr(value)))
        if value >= EXACT_FLOAT_INTEGERS:
            raise CellError(said.ID_CUT(value=f"{value:.15g}"))
        return str(int(value))
    return _id_from_text(str(value).strip())


def _id_from_text(written: str) -> str:
    if _INTEGRAL_TEXT.fullmatch(written):
        return written.split(".", 1)[0].lstrip("+")
    scientific = _SCIENTIFIC.fullmatch(written)
    if scientific is not None:
        lead, fraction, exponent = (
            scientific.group(1),
            scientific.group(2) or "",
            scientific.group(3),
        )
        places = int(exponent)
        if len(fraction) > places:  # 1.5E+0 is no whole number
            raise CellError(said.NOT_ID(value=written))
        if len(lead + fraction) < places + 1:  # digits the spreadsheet did not write are lost
            raise CellError(said.ID_CUT(value=written))
        return lead + fraction
    return written


def money(value: Cell) -> Decimal | None:
    """An amount as a Decimal, or None when the cell is empty."""
    if value.__class__ is str:  # the hot path: CSV cells, XLSX text
        written = value.strip()
        if _blank(written):
            return None
        try:
            amount = Decimal(written)  # a plain number
        except InvalidOperation:
            amount = _noisy_money(written)
        if not amount.is_finite() or abs(amount) >= LARGEST_AMOUNT:
            raise CellError(said.NOT_MONEY(value=written))
        return amount
    if value is None:
        return None
    if isinstance(value, bool | datetime):
        raise CellError(said.NOT_MONEY(value=str(value)))
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellError(said.NOT_MONEY(value=repr(value)))
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        written = str(value).strip()
        try:
            amount = Decimal(written)  # the hot path: a plain number
        except InvalidOperation:
            amount = _noisy_money(written)
        if not amount.is_finite():
            raise CellError(said.NOT_MONEY(value=written))
    if abs(amount) >= LARGEST_AMOUNT:
        raise CellError(said.NOT_MONEY(value=str(value)))
    return amount


def _noisy_money(written: str) -> Decimal:
    """An amount written with a currency sign, thousands separators or in brackets."""
    cleaned = _MONEY_NOISE.sub("", written)
    if cleaned.startswith("(") and cleaned.endswith(")"):  # accountants' negative
        cleaned = "-" + cleaned[1:-1]
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise CellError(said.NOT_MONEY(value=written)) from None


def money_or_zero(value: Cell) -> Decimal:
    found = money(value)
    return Decimal(0) if found is None else found


def rate(value: Cell) -> Decimal | None:
    """A commission rate as a fraction (``1.50%`` -> 0.015, ``0.1629`` stays), or None."""
    if is_empty(value):
        return None
    written = str(value).strip()
    percent = written.endswith("%")
    try:
        found = money(written[:-1] if percent else value)
    except CellError:
        raise CellError(said.NOT_RATE(value=written)) from None
    if found is None:
        raise CellError(said.NOT_RATE(value=written))
    fraction = found / 100 if percent else found
    if not 0 <= fraction <= 1:
        raise CellError(said.NOT_RATE(value=written))
    return fraction


def count(value: Cell) -> int:
    """A number of items (0 when empty)."""
    if is_empty(value):
        return 0
    found = money(value) if not isinstance(value, str) else _count_text(value)
    if found is None or found != found.to_integral_value() or found < 0:
        raise CellError(said.NOT_COUNT(value=str(value)))
    return int(found)


def _count_text(value: str) -> Decimal | None:
    try:
        return Decimal(value.strip().replace(",", ""))
    except InvalidOperation:
        raise CellError(said.NOT_COUNT(value=value)) from None


def moment(value: Cell) -> datetime | None:
    """A report's date or date and time, aware (Bangkok time unless the cell names a zone),
    or None when the cell is empty."""
    if value.__class__ is str:  # the hot path: text as the marketplaces write it
        written = value.strip()
        if _blank(written):
            return None
        size = len(written)
        if size in (19, 10) and written[4] == "-" and written[:2] in ("19", "20"):
            # 2026-05-01 14:30:00 or 2026-05-01, Bangkok time: parsed with the offset in C
            # (datetime.replace(tzinfo=...) costs five times as much).
            try:
                return datetime.fromisoformat(written + (_OFFSET if size == 19 else _MIDNIGHT))
            except ValueError:
                pass
        return _moment_from_text(written)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=BANGKOK)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=BANGKOK)
    raise CellError(said.NOT_TIME(value=str(value)))


def _moment_from_text(written: str) -> datetime:
    found = _TIME.fullmatch(written)
    if found is not None:
        year, month, day, hour, minute, second, zone = found.groups()
        return _build(written, year, month, day, hour, minute, second, zone)
    found = _DAY_FIRST.fullmatch(written)
    if found is not None:
        day, month, year, hour, minute, second, zone = found.groups()
        return _build(written, year, month, day, hour, minute, second, zone)
    raise CellError(said.NOT_TIME(value=written))


def _build(
    written: str,
    year: str,
    month: str,
    day: str,
    hour: str | None,
    minute: str | None,
    second: str | None,
    zone: str | None,
) -> datetime:
    number = int(year)
    if number > 2400:
        number -= BUDDHIST_ERA_OFFSET
    try:
        return datetime(
            number,
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=_zone(zone),
        )
    except ValueError:
        raise CellError(said.NOT_TIME(value=written)) from None


def _zone(zone: str | None) -> timezone:
    if zone is None:
        return BANGKOK
    if zone == "Z":
        return UTC
    digits = zone[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(-offset if zone[0] == "-" else offset)


def latest(*times: datetime | None) -> datetime | None:
    """The latest of the times a row carries (None when it carries none)."""
    present = [t for t in times if t is not None]
    return max(present) if present else None
