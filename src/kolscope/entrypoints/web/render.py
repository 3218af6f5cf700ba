"""Rendering pages: one Jinja2 environment (autoescaped, translated) and the shared context."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from kolscope.catalogue.facade import DEMO_SOURCE
from kolscope.domain.places import THAI_PROVINCES
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web import i18n, said
from kolscope.entrypoints.web.pages.explanations import explain
from kolscope.entrypoints.web.security import visitor_of, workspace_of
from kolscope.planning.facade import COMMAND_LINE

templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
env = templates.env
env.add_extension("jinja2.ext.i18n")
env.install_gettext_callables(  # type: ignore[attr-defined]
    i18n.gettext, i18n.ngettext, newstyle=True
)


@lru_cache(maxsize=8192)
def _message(language: str, message: str) -> Markup:
    """A translated message as Jinja's new-style gettext gives it in an autoescaped template
    (the translation is trusted markup, always read as a format string), once per language."""
    return Markup(i18n.translations(language).gettext(message)) % {}  # noqa: S704 - our catalogue


def template_gettext(message: str, **variables: Any) -> Markup:
    """``_()`` and ``gettext()`` in templates: the same output as Jinja's new-style gettext
    (variables escaped into the translated text) without its three context calls per message,
    a tenth of the discover page's rendering."""
    if not variables:
        return _message(i18n.current_language(), message)
    translated = i18n.translations(i18n.current_language()).gettext(message)
    return Markup(translated) % variables  # noqa: S704 - our catalogue; variables escaped by %


def template_ngettext(singular: str, plural: str, number: int, **variables: Any) -> Markup:
    """``ngettext()`` in templates, as Jinja's new-style one (``num`` is the number)."""
    variables.setdefault("num", number)
    translated = i18n.translations(i18n.current_language()).ngettext(singular, plural, number)
    return Markup(translated) % variables  # noqa: S704 - our catalogue; variables escaped by %


# Every template is HTML and autoescaped (select_autoescape, no autoescape blocks), which the
# plain functions above rely on: they always answer Markup, as Jinja's do in that case.
env.globals.update(_=template_gettext, gettext=template_gettext, ngettext=template_ngettext)


@lru_cache(maxsize=2048)
def _place(code: str | None, language: str) -> str:
    """A country's or province's name in the reader's language: looked up once per code
    (pycountry's lookup was a tenth of the creators list's rendering)."""
    return said.place(code, language)


env.filters["country"] = lambda code: _place(code, i18n.current_language())
env.filters["province"] = env.filters["country"]
env.filters["spoken"] = said.spoken
env.filters["platform"] = lambda code: said.PageWording(i18n.current_language()).value(
    "platform", code
)
# an import's source: a file's name, or the demo's own source named in the reader's language
env.filters["source"] = lambda name: i18n.gettext(name) if name == DEMO_SOURCE else (name or "")
env.filters["who"] = lambda name: i18n.gettext(name) if name == COMMAND_LINE else (name or "")
env.filters["say"] = said.say
env.filters["say_all"] = said.say_all
env.filters["percent"] = lambda value: "" if value is None else f"{value:.0%}"
env.filters["rate"] = lambda value: "" if value is None else f"{value:.1%}"
env.filters["exact"] = lambda value: "" if value is None else f"{value:,}"
env.filters["money"] = i18n.money
env.filters["explain"] = explain


def json_script(value: Any) -> Markup:
    """JSON safe to place inside a <script type="application/json"> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(safe)  # noqa: S704 - escaped above for a script element


env.filters["json_script"] = json_script


@lru_cache(maxsize=512)
def _province_options(language: str, selected: str) -> Markup:
    parts = []
    for province in THAI_PROVINCES:
        code = escape(province.code)
        chosen = "selected" if province.code == selected else ""
        name = (
            escape(province.name_th)
            if language == "th"
            else escape(province.name_en) + " · " + escape(province.name_th)
        )
        parts.append(f'<option value="{code}" {chosen}>{name}</option>')
    return Markup("".join(parts))  # noqa: S704 - every part escaped above


def province_options(selected: str | None) -> Markup:
    """The <option>s of every Thai province in the page's language, ``selected`` chosen: made
    once per language and choice instead of 77 template loops on every filter form."""
    return _province_options(i18n.current_language(), selected or "")


env.globals["province_options"] = province_options

NAVIGATION = (
    ("/creators", "Creators", Permission.VIEW_CREATORS),
    ("/audits", "Audits", Permission.VIEW_AUDITS),
    ("/campaigns", "Campaigns", Permission.VIEW_CAMPAIGNS),
    ("/ratecards", "Rate card", Permission.MANAGE_CAMPAIGNS),
    ("/brands", "Brands", Permission.VIEW_BRANDS),
    ("/imports", "Imports", Permission.VIEW_IMPORTS),
    ("/settings", "Settings", Permission.OWN_ACCOUNT),
)


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a template with what every page needs: the user, their formats, the CSRF token."""
    visitor = visitor_of(request)
    workspace = workspace_of(request)
    user: User | None = visitor.user
    buddhist, thai_units = user.formats(i18n.current_language()) if user else (False, False)
    shared = {
        "workspace": workspace.config,
        "user": user,
        "csrf_token": visitor.csrf_token,
        "language": i18n.current_language(),
        "languages": i18n.LANGUAGES,
        "nav": [
            (url, label)
            for url, label, permission in NAVIGATION
            if user is not None and user.can(permission)
        ],
        "count": lambda value: i18n.count(value, thai_units),
        "day": lambda value: i18n.day(value, buddhist_era=buddhist),
        "moment": lambda value: i18n.moment(value, buddhist_era=buddhist),
        "Permission": Permission,
        "formats": {"buddhist_era": buddhist, "thai_units": thai_units},
    }
    return templates.TemplateResponse(request, name, {**shared, **context}, status_code=status_code)
