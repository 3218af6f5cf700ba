"""Single values of a search field from text (a query string, a form, a command-line option):
text, lists, counts, numbers, days and yes/no, each refused with a ``FieldError`` that names
its field (the page marks that field, the API answers 400, the command line names the option)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from kolscope.discovery import messages as say
from kolscope.discovery.query import SearchError
from kolscope.domain.limits import MAX_DAYS
from kolscope.domain.messages import Message, literal
from kolscope.domain.quantities import parse_count

_YES = ("yes", "true", "1", "on", "y")
_NO = ("no", "false", "0", "off", "n")
Values = dict[str, list[str]]  # a field's values by name, as given (repeats kept)


class FieldError(SearchError):
    """A search field that cannot be read; ``field`` is its name. ``str()`` is
    "field: what is wrong" in English; ``reason`` what is wrong alone (a page puts the field's
    label before it, in the reader's language): the message given, or ``reason`` when the
    English names codes a person types (the command line and the API keep that English)."""

    def __init__(self, field: str, message: str | Message, reason: Message | None = None) -> None:
        said = reason or (message if isinstance(message, Message) else literal(message))
        super().__init__(f"{field}: {message}", field, said)


def read_text(values: Values, name: str) -> str | None:
    for value in values.get(name, []):
        if value.strip():
            return value.strip()
    return None


def read_many(values: Values, name: str) -> list[str]:
    """A repeatable parameter (niches and platforms may also be comma-separated)."""
    found: list[str] = []
    for value in values.get(name, []):
        parts = [value] if name in ("audience", "target") else value.split(",")
        found.extend(p.strip() for p in parts if p.strip())
    return list(dict.fromkeys(found))


def read_count(values: Values, name: str) -> int | None:
    text = read_text(values, name)
    if text is None:
        return None
    try:
        return parse_count(text.replace("฿", "").replace("THB", "").strip())
    except ValueError as error:
        raise FieldError(name, say.read_error(error)) from None


def read_number(values: Values, name: str) -> float | None:
    text = read_text(values, name)
    if text is None:
        return None
    try:
        number = float(text.rstrip("%").replace(",", "").strip())
    except ValueError:
        raise FieldError(name, say.NOT_A_NUMBER(value=repr(text))) from None
    if not math.isfinite(number):
        raise FieldError(name, say.NOT_A_NUMBER(value=repr(text)))
    return number


def read_whole(values: Values, name: str, default: int | None) -> int | None:
    text = read_text(values, name)
    if text is None:
        return default
    try:
        return int(text)
    except ValueError:
        raise FieldError(name, say.NOT_WHOLE(value=repr(text))) from None


def read_days(values: Values, name: str) -> int | None:
    days = read_whole(values, name, None)
    if days is not None and not 0 <= days <= MAX_DAYS:
        raise FieldError(name, say.DAYS(most=MAX_DAYS))
    return days


def read_flag(values: Values, name: str) -> bool | None:
    text = read_text(values, name)
    if text is None or text.lower() in ("any", "either"):
        return None
    if text.lower() in _YES:
        return True
    if text.lower() in _NO:
        return False
    raise FieldError(name, say.YES_OR_NO(value=repr(text)))


def grouped(pairs: Iterable[tuple[str, str]]) -> Values:
    values: Values = {}
    for key, value in pairs:
        values.setdefault(key, []).append(value)
    return values
