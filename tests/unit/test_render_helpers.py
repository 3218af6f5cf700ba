"""The rendering shortcuts made for speed write exactly what the template loops wrote."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kolscope.domain.places import THAI_PROVINCES, country_name
from kolscope.entrypoints.web import i18n
from kolscope.entrypoints.web.render import env, province_options

# What creators.html and _discover_filters.html looped over on every request before.
LOOP = env.from_string(
    '{% for p in provinces %}<option value="{{ p.code }}" {% if chosen == p.code %}selected'
    "{% endif %}>{% if language == 'th' %}{{ p.name_th }}{% else %}{{ p.name_en }} · "
    "{{ p.name_th }}{% endif %}</option>{% endfor %}"
)


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("chosen", [None, "", "TH-10", THAI_PROVINCES[-1].code, '"><script>'])
def test_province_options_match_the_template_loop(language: str, chosen: str | None) -> None:
    i18n.set_language(language)
    try:
        made = env.from_string("{{ province_options(chosen) }}").render(chosen=chosen)
        looped = LOOP.render(provinces=THAI_PROVINCES, chosen=chosen, language=language)
    finally:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)
    assert made == looped
    assert made.count("<option") == len(THAI_PROVINCES)
    assert ("selected>" in made) == (chosen in {p.code for p in THAI_PROVINCES})


def test_province_options_follow_the_language() -> None:
    i18n.set_language("th")
    thai = str(province_options(None))
    i18n.set_language("en")
    try:
        english = str(province_options(None))
    finally:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)
    assert "Bangkok" not in thai
    assert "Bangkok · " in english


def test_country_filter_names_countries() -> None:
    country = env.filters["country"]
    assert country("TH") == country_name("TH") == "Thailand"
    assert country("th") == "Thailand"
    assert country(None) == ""
    assert country("ZZ") == "ZZ"


def test_days_are_written_alike_every_time() -> None:
    moment = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)  # 24 Nov in Bangkok
    for _ in range(2):
        assert i18n.day(moment, language="th") == "24 พ.ย. 2026"
        assert i18n.day(moment, buddhist_era=True, language="en") == "24 Nov 2569 BE"
        assert i18n.day(date(2026, 11, 23), language="en") == "23 Nov 2026"
        assert i18n.day(datetime(2026, 11, 23, 20, 0), language="en") == "23 Nov 2026"
    assert i18n.day(None) == "–"
