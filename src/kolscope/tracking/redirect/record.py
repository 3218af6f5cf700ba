"""One click as a line of the click log, and back.

A line is a JSON array (one line, ASCII only, ending in ``\\n``): the format's version, then
the click's fields in a fixed order. An array rather than an object because the line is
written on the request path: it is a third shorter and quicker to write, and the order is
fixed here, in one place, for both the writer (the redirect) and the reader (the shipper).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

VERSION = 1
FIELDS = (
    "click_id",
    "link_id",
    "clicked_at",
    "method",
    "referrer_domain",
    "browser",
    "os",
    "device",
    "visitor_kind",
    "visitor_reason",
    "country",
    "visitor_hash",
    "network_hash",
)
LIMITS = {
    "click_id": 40,
    "method": 8,
    "referrer_domain": 255,
    "browser": 60,
    "os": 60,
    "device": 20,
    "visitor_kind": 20,
    "visitor_reason": 200,
    "country": 2,
    "visitor_hash": 64,
    "network_hash": 64,
}
"""The widths of the ``clicks`` columns: what is longer is cut on the way in."""
_VALUES = attrgetter(*FIELDS)  # the fields as a tuple (dataclasses.astuple deep-copies: slow)
_ENCODE = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), check_circular=False)


@dataclass(frozen=True, slots=True)
class ClickRecord:
    """What the redirect keeps of one click (the ``clicks`` row without its database id).
    ``clicked_at`` is microseconds since 1970 (UTC); ``visitor_reason`` is the reason's
    message as compact JSON (``{"code": ..., "params": {...}}``, read with
    ``Message.from_dict``)."""

    click_id: str
    link_id: int
    clicked_at: int
    method: str
    referrer_domain: str | None
    browser: str | None
    os: str | None
    device: str | None
    visitor_kind: str
    visitor_reason: str | None
    country: str | None
    visitor_hash: str
    network_hash: str

    def line(self) -> bytes:
        """The record as one log line (with its newline)."""
        return (_ENCODE.encode([VERSION, *_VALUES(self)]) + "\n").encode("ascii")

    def row(self) -> dict[str, Any]:
        """The record as a ``clicks`` row: a time stamp, and text cut to the columns' widths."""
        values: dict[str, Any] = dict(zip(FIELDS, _VALUES(self), strict=True))
        for name, width in LIMITS.items():
            value = values[name]
            if isinstance(value, str) and len(value) > width:
                values[name] = value[:width]
        values["clicked_at"] = datetime.fromtimestamp(self.clicked_at / 1_000_000, UTC)
        return values


class BadLineError(ValueError):
    """A log line that is not a click record (a torn write after a power cut, or junk)."""


def read_line(line: bytes) -> ClickRecord:
    """The record a log line holds; BadLineError when it holds none."""
    try:
        values = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        raise BadLineError("not JSON") from None
    if not isinstance(values, list) or len(values) != len(FIELDS) + 1 or values[0] != VERSION:
        raise BadLineError("not a click record of this version")
    fields = dict(zip(FIELDS, values[1:], strict=True))
    if not (
        isinstance(fields["click_id"], str)
        and fields["click_id"]
        and isinstance(fields["link_id"], int)
        and isinstance(fields["clicked_at"], int)
        and isinstance(fields["visitor_kind"], str)
        and isinstance(fields["visitor_hash"], str)
        and isinstance(fields["network_hash"], str)
        and isinstance(fields["method"], str)
    ):
        raise BadLineError("a required field is missing or of the wrong type")
    for name in ("referrer_domain", "browser", "os", "device", "visitor_reason", "country"):
        if fields[name] is not None and not isinstance(fields[name], str):
            raise BadLineError(f"{name} is not text")
    return ClickRecord(**fields)
