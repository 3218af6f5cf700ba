"""How deeply a JSON text nests, found without parsing it (parsing deep JSON recurses)."""

from __future__ import annotations

import re

import numpy as np

# A JSON string (an unterminated one runs to the end, so a bad file cannot make this quadratic).
_STRING = re.compile(r'"(?:[^"\\]|\\.)*+(?:"|\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEPS = str.maketrans("[{]}", "(())")


def json_depth(text: str, enough: int) -> int:
    """The deepest nesting of brackets outside strings; exact up to ``enough`` at least
    (a text with at most ``enough`` opening brackets is not scanned)."""
    if text.count("[") + text.count("{") <= enough:
        return 0
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text)).translate(_STEPS)
    if not brackets:
        return 0
    codes = np.frombuffer(brackets.encode("ascii"), dtype=np.uint8)
    steps = 81 - 2 * codes.astype(np.int64)  # "(" is 40 -> +1, ")" is 41 -> -1
    return int(np.cumsum(steps).max())
