"""The ceiling for a Python redirect under granian: an RSGI app that does nothing but append a
line to a file and answer a fixed 302. bench_redirect.py runs it beside nginx and the real
redirect, so the report shows how much of the gap to nginx is the Python server itself and
how much is the redirect's own work (classifying, hashing, the log, the code map)."""

from __future__ import annotations

import os
from typing import Any

_LOG = os.open(
    os.environ.get("CEILING_LOG", "/dev/null"), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600
)
_LINE = b"x" * 300 + b"\n"  # about a click's line
_HEADERS = [
    (
        "location",
        "https://moonmint.example/glow?utm_source=tiktok&utm_medium=influencer"
        "&kc=0123456789abcdef01234567&ref=0123456789abcdef01234567",
    ),
    ("cache-control", "no-store"),
]


async def app(_scope: Any, protocol: Any) -> None:
    os.write(_LOG, _LINE)
    protocol.response_empty(302, _HEADERS)
