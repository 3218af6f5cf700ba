"""Reading dates as Thai and international files write them, Buddhist-era years included.

Day-first (15/09/2022) is assumed for slashed dates, as written in Thailand; a year above 2400 is a
Buddhist-era year (2565 BE = 2022 CE). Times without a zone are Bangkok time (UTC+7).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from kolscope.domain.quantities import ReadError

BANGKOK = timezone(timedelta(hours=7), "Asia/Bangkok")
BUDDHIST_ERA_OFFSET = 543

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
    "ม.ค.": 1, "มกราคม": 1, "ก.พ.": 2, "กุมภาพันธ์": 2, "มี.ค.": 3, "มีนาคม": 3,
    "เม.ย.": 4, "เมษายน": 4, "พ.ค.": 5, "พฤษภาคม": 5, "มิ.ย.": 6, "มิถุนายน": 6,
    "ก.ค.": 7, "กรกฎาคม": 7, "ส.ค.": 8, "สิงหาคม": 8, "ก.ย.": 9, "กันยายน": 9,
    "ต.ค.": 10, "ตุลาคม": 10, "พ.ย.": 11, "พฤศจิกายน": 11, "ธ.ค.": 12, "ธันวาคม": 12,
}  # fmt: skip
_MONTH_WORDS = sorted(_MONTHS, key=len, reverse=True)
_MONTH_RE = "|".join(re.escape(m) for m in _MONTH_WORDS)
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _year(text: str) -> int:
    year = int(text)
    if year < 100:  # two-digit years: 65 is BE 2565 in Thai writing when above 40, else 20xx
        year = year + 2500 - BUDDHIST_ERA_OFFSET if year > 40 else 2000 + year
    elif year > 2400:
        year -= BUDDHIST_ERA_OFFSET
    return year


def to_buddhist_era(day: date) -> int:
    """The Buddhist-era year of a date (2026 -> 2569)."""
    return day.year + BUDDHIST_ERA_OFFSET


_ISO_DAY = re.compile(r"(?<!\d)(\d{4})[-_./](\d{1,2})[-_./](\d{1,2})(?!\d)")
_COMPACT_DAY = re.compile(r"(?<!\d)(20\d{2}|25\d{2})(\d{2})(\d{2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)")
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(\d{{1,2}})[\s\-_]*({_MONTH_RE})[\s\-_,]*(\d{{4}}|\d{{2}})(?!\d)", re.IGNORECASE
)
_MONTH_YEAR = re.compile(
    rf"(?<![a-z])({_MONTH_RE})(?![a-z])[\s\-_,]*(\d{{4}}|\d{{2}})(?!\d)", re.IGNORECASE
)
_YEAR_MONTH_WORD = re.compile(rf"(?<!\d)(\d{{4}})[\s\-_]*({_MONTH_RE})(?![a-z])", re.IGNORECASE)
_ISO_MONTH = re.compile(r"(?<!\d)(\d{4})[-_.](\d{1,2})(?![\d\-_.]*\d)")


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_date_in_text(text: str) -> tuple[date, str] | None:
    """A date named in a file name or title, and how precise it is ("day" or "month").

    "influencers sep-2022.csv" -> (2022-09-01, "month"); "export_2022-09-15.csv" -> day.
    A month without a day is dated on its first day.
    """
    lowered = text.lower().translate(_THAI_DIGITS)
    for pattern in (_ISO_DAY, _COMPACT_DAY):
        for match in pattern.finditer(lowered):
            found = _safe(_year(match[1]), int(match[2]), int(match[3]))
            if found:
                return found, "day"
    named = _DAY_MONTH_YEAR.search(lowered)
    if named:
        found = _safe(_year(named[3]), _MONTHS[named[2].lower()], int(named[1]))
        if found:
            return found, "day"
    slashed = _DMY.search(lowered)
    if slashed:
        found = _safe(_year(slashed[3]), int(slashed[2]), int(slashed[1]))
        if found:
            return found, "day"
    month = _MONTH_YEAR.search(lowered)
    if month and (len(month[2]) == 4 or not lowered[month.end() :].strip()[:1].isdigit()):
        year = _year(month[2])
        if 1990 <= year <= 2100:
            return date(year, _MONTHS[month[1].lower()], 1), "month"
    year_first = _YEAR_MONTH_WORD.search(lowered)
    if year_first:
        return date(_year(year_first[1]), _MONTHS[year_first[2].lower()], 1), "month"
    iso_month = _ISO_MONTH.search(lowered)
    if iso_month and 1 <= int(iso_month[2]) <= 12:
        return date(_year(iso_month[1]), int(iso_month[2]), 1), "month"
    return None


def parse_date(value: object) -> date | None:
    """A calendar date from a cell: ISO, day-first, Thai month names, BE years, Excel dates."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    moment = _parse_moment(text)
    if moment is not None:
        return moment.date()
    found = find_date_in_text(text)
    if found is None or found[1] != "day":
        raise ReadError(
            "date.written",
            f"cannot read {text!r} as a date (write it as 2026-11-23 or 23/11/2569)",
            value=repr(text),
        )
    return found[0]


def parse_datetime(value: object) -> datetime | None:
    """A moment in time, as UTC. Times without a zone are read as Bangkok time.

    Accepts ISO 8601, "15/09/2022 10:30", Unix timestamps (seconds or milliseconds) and dates
    alone (midnight Bangkok time).
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        moment = _from_timestamp(float(value))
    else:
        text = str(value).strip()
        if not text:
            return None
        parsed = _parse_moment(text)
        if parsed is None:
            return datetime.combine(_require_date(text), datetime.min.time(), BANGKOK).astimezone(
                UTC
            )
        moment = parsed
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BANGKOK)
    return moment.astimezone(UTC)


def _require_date(text: str) -> date:
    day = parse_date(text)
    if day is None:
        raise ReadError("date", f"cannot read {text!r} as a date", value=repr(text))
    return day


def _from_timestamp(number: float) -> datetime:
    if number > 1e11:  # milliseconds
        number /= 1000
    if not 0 < number < 4e9:
        raise ReadError(
            "date.timestamp",
            f"{number:g} is not a plausible Unix timestamp",
            value=f"{number:g}",
        )
    return datetime.fromtimestamp(number, UTC)


_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def _parse_moment(text: str) -> datetime | None:
    cleaned = text.translate(_THAI_DIGITS).strip()
    if re.fullmatch(r"\d{10}(\d{3})?(\.\d+)?", cleaned):
        return _from_timestamp(float(cleaned))
    iso = cleaned.replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        moment = None
    if moment is not None:
        if moment.year > 2400:
            moment = moment.replace(year=moment.year - BUDDHIST_ERA_OFFSET)
        return moment
    time_match = _TIME.search(cleaned)
    date_part = cleaned[: time_match.start()] if time_match else cleaned
    found = find_date_in_text(date_part)
    if found is None or found[1] != "day":
        return None
    day = found[0]
    if time_match is None:
        return None if date_part.strip() != cleaned else _midnight(day, cleaned)
    hour, minute = int(time_match[1]), int(time_match[2])
    second = int(time_match[3] or 0)
    rest = cleaned[time_match.end() :].strip().lower()
    if rest.startswith("pm") and hour < 12:
        hour += 12
    elif rest.startswith("am") and hour == 12:
        hour = 0
    return datetime(day.year, day.month, day.day, hour, minute, second)


def _midnight(day: date, _text: str) -> datetime | None:
    return datetime(day.year, day.month, day.day)
