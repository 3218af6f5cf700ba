"""Thai and English: message catalogues, the language a request is shown in, and how numbers,
money and dates are written for people.

Messages are written in English in the templates and code (``_("Creators")``) and translated
in ``locales/th/LC_MESSAGES/messages.po`` (gettext, maintained with Babel: ``make messages``).
The catalogue is compiled in memory at start-up, so no binary file is kept in the repository.
"""

from __future__ import annotations

import io
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache, lru_cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kolscope.domain.dates import BANGKOK, to_buddhist_era
from kolscope.domain.quantities import format_count

LANGUAGES = {"en": "English", "th": "ไทย"}
DEFAULT_LANGUAGE = "en"
LOCALES = Path(__file__).with_name("locales")
_current: ContextVar[str] = ContextVar("kolscope_language", default=DEFAULT_LANGUAGE)

THAI_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
               "พ.ย.", "ธ.ค.")  # fmt: skip
ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                  "Dec")  # fmt: skip


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of a language (English is the source: no catalogue)."""
    source = LOCALES / language / "LC_MESSAGES" / "messages.po"
    if language == "en" or not source.exists():
        return NullTranslations()
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return GNUTranslations(buffer)


def set_language(language: str) -> None:
    _current.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


def current_language() -> str:
    return _current.get()


def gettext(message: str) -> str:
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language()).ngettext(singular, plural, n)


_ = gettext


def negotiate(accept_language: str | None) -> str:
    """Thai when the browser asks for it before English, else English."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        piece = part.strip()
        if not piece:
            continue
        tag, _sep, params = piece.partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, position, tag.strip().lower().split("-")[0]))
    for _quality, _position, language in sorted(ranked):
        if language in LANGUAGES:
            return language
    return DEFAULT_LANGUAGE


def thai_count(value: float | None) -> str:
    """A count in Thai units: 12,300 -> "1.2 หมื่น", 340,000 -> "3.4 แสน", 1.2M -> "1.2 ล้าน"."""
    if value is None:
        return "–"
    number = float(value)
    for limit, unit in ((1e6, "ล้าน"), (1e5, "แสน"), (1e4, "หมื่น"), (1e3, "พัน")):
        if abs(number) >= limit:
            shown = f"{number / limit:.1f}".rstrip("0").rstrip(".")
            return f"{shown} {unit}"
    return f"{number:,.0f}"


def count(value: float | None, thai_units: bool = False) -> str:
    """Compact counts (12.3K, 1.2M), or Thai units when the person chose them."""
    return thai_count(value) if thai_units else format_count(value)


def money(amount: float | None, currency: str = "THB") -> str:
    """THB as Thai people write it: ฿1,234.50, and whole baht without satang (฿150,000);
    other currencies with their code."""
    if amount is None:
        return "–"
    sign = "-" if amount < 0 else ""
    written = f"{abs(amount):,.2f}".removesuffix(".00")
    if currency == "THB":
        return f"{sign}฿{written}"
    return f"{sign}{currency} {written}"


def day(
    value: date | datetime | None, *, buddhist_era: bool = False, language: str | None = None
) -> str:
    """23 Nov 2026 / 23 พ.ย. 2026, or with Buddhist-era years 23 Nov 2569 BE / 23 พ.ย. 2569."""
    if value is None:
        return "–"
    return _day(value, buddhist_era, language or current_language())


@lru_cache(maxsize=4096)
def _day(value: date | datetime, buddhist_era: bool, language: str) -> str:
    """``day`` for one value (kept: a list page writes the same few days again and again)."""
    if isinstance(value, datetime):
        value = (value if value.tzinfo else value.replace(tzinfo=BANGKOK)).astimezone(BANGKOK)
    year = to_buddhist_era(value) if buddhist_era else value.year
    if language == "th":
        return f"{value.day} {THAI_MONTHS[value.month - 1]} {year}"
    suffix = " BE" if buddhist_era else ""
    return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {year}{suffix}"


def moment(
    value: datetime | None, *, buddhist_era: bool = False, language: str | None = None
) -> str:
    """A day and a Bangkok time: 23 พ.ย. 2569 14:05."""
    if value is None:
        return "–"
    local = (value if value.tzinfo else value.replace(tzinfo=BANGKOK)).astimezone(BANGKOK)
    return f"{day(local, buddhist_era=buddhist_era, language=language)} {local:%H:%M}"


def year_label(value: date, *, buddhist_era: bool = False, language: str | None = None) -> str:
    """A year on its own: 2026, or พ.ศ. 2569 / 2569 BE."""
    language = language or current_language()
    if not buddhist_era:
        return str(value.year)
    return f"พ.ศ. {to_buddhist_era(value)}" if language == "th" else f"{to_buddhist_era(value)} BE"
