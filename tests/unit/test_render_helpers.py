"""The rendering shortcuts made for speed write exactly what the template loops wrote."""

from __future__ import annotations

from datetime import UTC, date, datetime

import jinja2
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


def _jinja_gettext_env() -> jinja2.Environment:
    """Jinja's own new-style gettext, which render.py's template functions replace."""
    own = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    own.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True
    )
    return own


TRANSLATED = [
    "{{ _('Creators') }}",
    "{{ gettext('Filter') }} {{ _('Search') }}",
    "{{ _('%(count)s accounts', count=n) }}",
    "{{ _('%(count)s accounts', count=evil) }}",
    "{{ _('page %(page)s of %(pages)s', page=1, pages=evil) }}",
    "{{ _('100%% sure') }} {{ _('a <b>tag</b> kept') }}",
    "{{ ngettext('%(num)s creator', '%(num)s creators', n) }}",
    "{{ ngettext('%(num)s creator', '%(num)s creators', 1) }} {{ ngettext('a', 'b', 2, x=evil) }}",
    "{{ _('not in the catalogue, %(x)s', x=evil) | length }}",
]


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("source", TRANSLATED)
def test_template_gettext_writes_what_jinja_wrote(language: str, source: str) -> None:
    values = {"n": 12, "evil": '<script>alert("x")</script> & 5%'}
    i18n.set_language(language)
    try:
        ours = env.from_string(source).render(**values)
        theirs = _jinja_gettext_env().from_string(source).render(**values)
    finally:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)
    assert ours == theirs
    assert "<script>" not in ours


def test_template_gettext_follows_the_language_of_each_request() -> None:
    template = env.from_string("{{ _('Creators') }}")
    i18n.set_language("th")
    thai = template.render()
    i18n.set_language("en")
    try:
        english = template.render()
    finally:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)
    assert english == "Creators"
    assert thai != english
    assert thai == i18n.translations("th").gettext("Creators")
