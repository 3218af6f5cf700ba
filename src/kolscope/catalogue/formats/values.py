"""Reading one cell as the type its field needs. Errors are ValueError (``CellError`` or the
domain's ``ReadError``: ``messages.read_error`` says them in the reader's language);
``Unclear`` marks a value that is dropped with a warning instead of failing the row."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kolscope.catalogue.importing.fields import ValueType
from kolscope.catalogue.messages import (
    UNKNOWN_COUNTRY,
    UNKNOWN_LANGUAGE,
    UNKNOWN_PLATFORM,
    UNKNOWN_PROVINCE,
    YES_NO,
    YES_NO_NUMBER,
    CellError,
)
from kolscope.domain.content import parse_post_type
from kolscope.domain.dates import parse_date, parse_datetime
from kolscope.domain.messages import Message
from kolscope.domain.places import find_country, find_language, find_province
from kolscope.domain.platforms import account_from_url, parse_platform
from kolscope.domain.quantities import is_missing, parse_average, parse_count, parse_rate


class UnclearValueError(ValueError):
    """A descriptive value kolscope cannot place (an unknown country): dropped with a warning
    that says why (``message``)."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


_TRUE = {
    "true",
    "yes",
    "y",
    "1",
    "t",
    "✓",
    "✔",
    "x",
    "ใช่",
    "มี",
    "จริง",
    "verified",
    "private",
    "public",
}
_FALSE = {"false", "no", "n", "0", "f", "✗", "✘", "ไม่", "ไม่ใช่", "ไม่มี", "เท็จ"}
_HAS_SEPARATOR = re.compile(r"[,;|\n#@]")
_LIST_SPLIT = re.compile(r"\s*[,;|\n]\s*")
_LANGUAGE_SPLIT = re.compile(r"\s*(?:[,;/|&+\n]|\band\b|และ)\s*")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def read_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise CellError(YES_NO_NUMBER(value=repr(value)))
    text = _text(value).strip().lower()
    if text in _TRUE - {"public"}:
        return True
    if text in _FALSE or text == "public":
        return False
    if is_missing(text):
        return None
    raise CellError(YES_NO(value=repr(value)))


def read_list(value: Any, *, hashtags: bool = False) -> list[str]:
    if isinstance(value, list | tuple):
        items = [_text(v).strip() for v in value if v is not None]
    else:
        text = _text(value).strip()
        if is_missing(text):
            return []
        if not hashtags and not _HAS_SEPARATOR.search(text):
            return [text]
        if hashtags or text.startswith(("#", "@")):
            items = re.split(r"[\s,;|]+", text)
        else:
            items = _LIST_SPLIT.split(text)
    cleaned = [i.lstrip("#@").strip() if hashtags or i.startswith(("#", "@")) else i for i in items]
    seen: dict[str, None] = {}
    for item in cleaned:
        if item and not is_missing(item):
            seen.setdefault(item.casefold() if hashtags else item, None)
    return list(seen)


def read_handle(value: Any) -> str | None:
    text = " ".join(_text(value).split())
    if not text or is_missing(text):
        return None
    if "/" in text and "." in text:
        found = account_from_url(text)
        if found is not None:
            return found[1]
    return text.lstrip("@") or None


def _text_value(value: Any) -> str | None:
    text = _text(value).strip()
    return None if is_missing(text) else " ".join(text.split())


def _long_text(value: Any) -> str | None:
    text = _text(value).strip()
    return None if is_missing(text) else text


def _platform(value: Any) -> Any:
    text = _text(value).strip()
    if is_missing(text):
        return None
    platform = parse_platform(text)
    if platform is None:
        raise CellError(UNKNOWN_PLATFORM(value=repr(text)))
    return platform


def _post_type(value: Any) -> Any:
    text = _text(value).strip()
    return None if is_missing(text) else parse_post_type(text)


def _province(value: Any) -> str | None:
    text = _text(value).strip()
    if is_missing(text):
        return None
    province = find_province(text)
    if province is None:
        raise UnclearValueError(UNKNOWN_PROVINCE(value=repr(text)))
    return province.code


def _url(value: Any) -> str | None:
    text = _text(value).strip()
    return None if is_missing(text) else text


READERS: dict[ValueType, Callable[[Any], Any]] = {
    ValueType.COUNT: parse_count,
    ValueType.AVERAGE: parse_average,
    ValueType.BOOL: read_bool,
    ValueType.DATE: parse_date,
    ValueType.DATETIME: parse_datetime,
    ValueType.HANDLE: read_handle,
    ValueType.LIST: read_list,
    ValueType.PLATFORM: _platform,
    ValueType.POST_TYPE: _post_type,
    ValueType.PROVINCE: _province,
    ValueType.URL: _url,
    ValueType.IGNORED: lambda _value: None,
}


def reader_for(
    kind: ValueType, *, percent_scale: bool = False, long_text: bool = False
) -> Callable[[Any], Any]:
    """The function that reads a cell as ``kind`` (None for a cell that means "no value")."""
    if kind == ValueType.RATE:
        return lambda value: parse_rate(value, percent_scale=percent_scale)
    if kind == ValueType.COUNTRY:
        return _country
    if kind == ValueType.LANGUAGES:
        return _languages
    if kind == ValueType.TEXT:
        return _long_text if long_text else _text_value
    return READERS[kind]


def read_value(kind: ValueType, value: Any, *, percent_scale: bool = False) -> Any:
    """A cell as ``kind``; None when the cell means "no value"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return reader_for(kind, percent_scale=percent_scale)(value)


def _country(value: Any) -> str | None:
    text = _text(value).strip()
    if is_missing(text):
        return None
    code = find_country(text)
    if code is None:
        raise UnclearValueError(UNKNOWN_COUNTRY(value=repr(text)))
    return code


def _languages(value: Any) -> list[str]:
    items = value if isinstance(value, list) else _LANGUAGE_SPLIT.split(_text(value).strip())
    codes: list[str] = []
    unknown: list[str] = []
    for item in items:
        text = _text(item).strip()
        if not text or is_missing(text):
            continue
        code = find_language(text)
        if code is None:
            unknown.append(text)
        elif code not in codes:
            codes.append(code)
    if unknown and not codes:
        raise UnclearValueError(UNKNOWN_LANGUAGE(value=repr(", ".join(unknown))))
    return codes
