"""What kolscope tells people (reasons, notes, warnings, evidence) as data: a message id and its
values, written out only at the edge (web page, CLI, export, API) in the reader's language.

A ``Template`` declares one sentence once: a stable ``code`` (kept in the API and in stored
audits, never renamed) and its English text, which is also the gettext message id. Each
placeholder names the kind of its value after a colon, ``{niche:niche}``, ``{share:share}``,
so every language writes numbers, dates, places, niches, tiers and platforms its own way::

    NICHE = Template("discover.niche", "niche {niche:niche} ({confidence:ratio})")
    NICHE(niche="beauty", confidence=0.85)  # a Message; str() is the English sentence

Values are plain JSON (text, numbers, ISO dates, lists, nested messages), so a message is stored
and sent as ``{"code", "params", "text"}`` and read back with ``Message.from_dict``. A
placeholder without a kind is literal text from the data (a handle, a hashtag, a word a
creator wrote) and is never translated.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kolscope.domain.places import PROVINCES_BY_CODE, country_name
from kolscope.domain.platforms import parse_platform
from kolscope.domain.quantities import format_count

# The kinds a placeholder can name, and what each expects.
KINDS = {
    "count": "a count, written short (12.3k, or 1.2 หมื่น in Thai units)",
    "int": "a whole number, with thousands separators",
    "share": "a share from 0 to 1, written as a percentage without decimals",
    "percent": "a percentage already scaled to 0-100, written with two decimals",
    "ratio": "a number from 0 to 1 written with two decimals (a probability or confidence)",
    "score": "a score written without decimals",
    "number": "a number written with one decimal",
    "thb": "an amount in Thai baht",
    "day": "an ISO date (2026-01-05), in the reader's calendar",
    "niche": "a niche id of the taxonomy (beauty), written as its name",
    "niches": "a list of niche ids",
    "place": "a country (TH) or Thai province (TH-10) code, written as its name",
    "platform": "a platform code (tiktok), written as its name",
    "tier": "a tier or tier-scheme name (micro, kol-th)",
    "field": "an import field's key (followers), written as its name where pages name fields",
    "said": "another message",
    "words": "a list of literal texts from the data, joined by commas",
}
TEMPLATES: dict[str, str] = {}
LITERAL = "text"  # the code of a sentence kept as it was written (older stored data)
TEMPLATES[LITERAL] = "{text}"


@dataclass(frozen=True, slots=True)
class Message:
    """One sentence as data: its template's ``code`` and the values of its placeholders."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return TEMPLATES.get(self.code, TEMPLATES[LITERAL])

    def __str__(self) -> str:
        return render(self, ENGLISH)

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "params", "text"}``: the API's and the stored audits' form."""
        return {"code": self.code, "params": _plain(self.params), "text": str(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str) -> Message:
        """Read back ``to_dict``'s form; a bare string (stored before messages were data) or
        an unknown code becomes a literal sentence, so older data still reads."""
        if isinstance(data, str):
            return literal(data)
        code = str(data.get("code", LITERAL))
        if code not in TEMPLATES:
            return literal(str(data.get("text", "")))
        return cls(code, {k: _read(v) for k, v in dict(data.get("params") or {}).items()})


def literal(text: str) -> Message:
    """A sentence kept as written: data, or text from before messages were data."""
    return Message(LITERAL, {"text": text})


class Template:
    """One sentence's declaration: ``code`` stays stable; ``text`` is the English wording."""

    __slots__ = ("code", "text")

    def __init__(self, code: str, text: str) -> None:
        known = TEMPLATES.get(code)
        if known is not None and known != text:
            raise ValueError(f"message code {code!r} is declared twice with different text")
        for _, name, kind, _ in string.Formatter().parse(text):
            if name is not None and kind and kind not in KINDS:
                raise ValueError(f"message {code!r}: unknown kind {kind!r} for {{{name}}}")
        TEMPLATES[code] = text
        self.code, self.text = code, text

    def __call__(self, **params: Any) -> Message:
        return Message(self.code, params)

    def __repr__(self) -> str:
        return f"Template({self.code!r}, {self.text!r})"


@cache
def placeholders(text: str) -> Mapping[str, str]:
    """Each placeholder of a template and its kind ("" for literal text); read once."""
    return {
        name: kind or "" for _, name, kind, _ in string.Formatter().parse(text) if name is not None
    }


class Wording:
    """How one language writes a message: its template and each kind of value. This one is
    English; the web's wording (entrypoints/web/said.py) translates both."""

    unknown = "unknown"
    joiner = ", "

    def template(self, text: str) -> str:
        return text

    def value(self, kind: str, value: Any) -> str:
        if kind == "said":
            return render(value, self) if isinstance(value, Message) else str(value)
        if kind in ("words", "niches"):
            many = isinstance(value, Sequence) and not isinstance(value, str)
            items = list(value) if many else [value]
            one = "niche" if kind == "niches" else ""
            return self.joiner.join(self.value(one, item) for item in items)
        if value is None:
            return self.unknown
        if kind == "":
            return str(value)
        return self.written(kind, value)

    def written(self, kind: str, value: Any) -> str:
        if kind == "count":  # a count is whole: forecasts (694.6 engagements) read as 695
            return format_count(round(value) if isinstance(value, float) else value)
        if kind == "int":
            return f"{int(value):,}"
        if kind == "share":
            return f"{float(value):.0%}"
        if kind == "percent":
            return f"{float(value):.2f}%"
        if kind == "ratio":
            return f"{float(value):.2f}"
        if kind == "score":
            return f"{float(value):.0f}"
        if kind == "number":
            return f"{float(value):.1f}"
        if kind == "thb":
            return f"{float(value):,.0f} THB"
        if kind == "place":
            return place_name(str(value), "en")
        if kind == "platform":
            platform = parse_platform(str(value))
            return platform.label if platform else str(value)
        if kind == "niche":
            return str(value).replace("_", " ")
        return str(value)  # day (ISO), tier, field (its key)


ENGLISH = Wording()


def place_name(code: str, language: str) -> str:
    """A Thai province or a country by name in ``language`` ("th" or "en")."""
    province = PROVINCES_BY_CODE.get(code)
    if province is not None:
        return province.name_th if language == "th" else province.name_en
    return country_name(code) or code


class _Writer(string.Formatter):
    def __init__(self, wording: Wording) -> None:
        self.wording = wording

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "" or format_spec in KINDS:
            return self.wording.value(format_spec, value)
        return format(value, format_spec)


def render(message: Message, wording: Wording) -> str:
    """The sentence in ``wording``'s language; a placeholder missing from ``params`` reads as
    unknown rather than failing."""
    params = {name: message.params.get(name) for name in placeholders(message.template)}
    try:
        return _Writer(wording).vformat(wording.template(message.template), (), params)
    except (KeyError, ValueError, IndexError):  # a translation that names other placeholders
        return _Writer(wording).vformat(message.template, (), params)


def _plain(value: Any) -> Any:
    if isinstance(value, Message):
        return {"code": value.code, "params": _plain(value.params)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _read(value: Any) -> Any:
    if isinstance(value, Mapping) and "code" in value:
        return Message.from_dict(value)
    if isinstance(value, list):
        return [_read(v) for v in value]
    return value


def chained(parts: Sequence[Message], template: Template) -> Message | None:
    """Several messages as one, each joined to the rest by ``template`` (a two-part sentence
    such as "{first:said}; {rest:said}"), so each language joins them its own way; None for
    none."""
    if not parts:
        return None
    message = parts[-1]
    for part in reversed(parts[:-1]):
        message = template(first=part, rest=message)
    return message


def join(messages: Sequence[Message], wording: Wording = ENGLISH, sep: str = "; ") -> str:
    """Several sentences on one line (exports, the CLI)."""
    return sep.join(render(m, wording) for m in messages)
