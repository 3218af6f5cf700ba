"""Messages (kolscope.domain.messages) written in the reader's language: the template from the
Thai catalogue, and each value the way the reader chose to see numbers and dates (Thai units,
Buddhist-era years), with places, niches, tiers and platforms as names.

``say`` is the pages' filter; ``wording`` gives the same for exports and charts.
"""

from __future__ import annotations

import gettext as gettext_module
import os
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

import pycountry
from jinja2 import pass_context
from jinja2.runtime import Context

from kolscope.discovery.facade import NICHES_BY_ID
from kolscope.domain.messages import Message, Wording, literal, render
from kolscope.domain.places import PROVINCES_BY_CODE, country_name
from kolscope.entrypoints.web import i18n
from kolscope.entrypoints.web.pages.field_names import FIELD_LABELS


@cache
def _country_names(language: str) -> gettext_module.NullTranslations:
    """pycountry's own catalogue of country names (shipped in its wheel)."""
    folder = os.path.join(os.path.dirname(pycountry.__file__), "locales")
    return gettext_module.translation("iso3166-1", folder, languages=[language], fallback=True)


def place(code: str | None, language: str | None = None) -> str:
    """A Thai province or a country by name in the reader's language ("TH-10" -> กรุงเทพมหานคร)."""
    if not code:
        return ""
    language = language or i18n.current_language()
    province = PROVINCES_BY_CODE.get(code)
    if province is not None:
        return province.name_th if language == "th" else province.name_en
    english = country_name(code) or code
    if language == "en":
        return english
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return _country_names(language).gettext(str(country.name))


@cache
def _language_names(language: str) -> gettext_module.NullTranslations:
    folder = os.path.join(os.path.dirname(pycountry.__file__), "locales")
    return gettext_module.translation("iso639-3", folder, languages=[language], fallback=True)


def spoken(code: str | None, language: str | None = None) -> str:
    """A language by name in the reader's language ("th" -> ไทย, "en" -> อังกฤษ / English)."""
    if not code:
        return ""
    found = pycountry.languages.get(alpha_2=code.lower()) if len(code) == 2 else None
    if found is None:
        return code
    reader = language or i18n.current_language()
    name = str(found.name)
    return name if reader == "en" else _language_names(reader).gettext(name)


def niche(code: str, language: str | None = None) -> str:
    found = NICHES_BY_ID.get(code)
    if found is None:
        return code
    return found.th if (language or i18n.current_language()) == "th" else found.en


class PageWording(Wording):
    """The reader's language and formats."""

    def __init__(self, language: str, *, thai_units: bool = False, buddhist_era: bool = False):
        self.language = language
        self.thai_units = thai_units
        self.buddhist_era = buddhist_era
        self._translations = i18n.translations(language)
        self.unknown = self._translations.gettext("unknown")

    def template(self, text: str) -> str:
        return self._translations.gettext(text)

    def written(self, kind: str, value: Any) -> str:
        if kind == "count":
            return i18n.count(round(value) if isinstance(value, float) else value, self.thai_units)
        if kind == "place":
            return place(str(value), self.language)
        if kind == "niche":
            return niche(str(value), self.language)
        if kind == "tier":
            return self._translations.gettext(str(value))
        if kind == "platform":  # proper names stay; "Other" reads in the reader's language
            return self._translations.gettext(super().written(kind, value))
        if kind == "field":
            label = FIELD_LABELS.get(str(value))
            return self._translations.gettext(label) if label else str(value)
        if kind == "thb":
            return i18n.money(float(value)).removesuffix(".00")
        if kind == "day":
            try:
                when = date.fromisoformat(str(value)[:10])
            except ValueError:
                return str(value)
            return i18n.day(when, buddhist_era=self.buddhist_era, language=self.language)
        return super().written(kind, value)


def wording(formats: dict[str, bool] | None = None, language: str | None = None) -> PageWording:
    """The current reader's wording; ``formats`` as the page context holds them."""
    formats = formats or {}
    return PageWording(
        language or i18n.current_language(),
        thai_units=bool(formats.get("thai_units")),
        buddhist_era=bool(formats.get("buddhist_era")),
    )


def say_with(message: Message | str | dict[str, Any] | None, words: Wording) -> str:
    if message is None:
        return ""
    if not isinstance(message, Message):
        message = Message.from_dict(message) if isinstance(message, dict) else literal(message)
    return render(message, words)


@pass_context
def say(context: Context, message: Message | str | dict[str, Any] | None) -> str:
    """The ``say`` filter: ``{{ reason|say }}`` (the page escapes the result)."""
    return say_with(message, wording(context.get("formats")))


@pass_context
def say_all(context: Context, messages: Iterable[Message | str], sep: str = "; ") -> str:
    words = wording(context.get("formats"))
    return sep.join(say_with(m, words) for m in messages)
