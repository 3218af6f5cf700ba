"""Cells and sheet names that a spreadsheet opens safely: the one neutraliser every CSV and XLSX
writer uses (results, shortlists, comment and follower scores).

A text cell that a spreadsheet would read as a formula (= + - @, a tab or a carriage return at
the start, also in their full-width or small forms such as "＝" and "﹢", or the minus sign "−")
gets a leading apostrophe, so a bio or a comment cannot become a formula. Sheet titles lose the
characters Excel forbids (\\ / ? * [ ] :), keep at most 31 characters, are never blank, and do
not start or end with an apostrophe.
"""

from __future__ import annotations

import re
import unicodedata

_FORMULA_START = frozenset("=+-@\t\r\n")
_ALSO_MINUS = frozenset("\u2212\u2013\u2014")  # minus sign, en and em dashes
_SHEET_FORBIDDEN = re.compile(r"[\\/?*\[\]:\x00-\x1f]+")
MAX_SHEET_TITLE = 31


def starts_a_formula(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    if not text:
        return False
    first = text[0]
    if first in _FORMULA_START or first in _ALSO_MINUS:
        return True
    return unicodedata.normalize("NFKC", first)[:1] in _FORMULA_START


def safe_cell(value: object) -> object:
    """``value`` as written, except text that could start a formula, which gets a leading '."""
    if isinstance(value, str) and starts_a_formula(value):
        return "'" + value
    return value


def sheet_title(name: str, default: str = "kolscope") -> str:
    """A worksheet title Excel and openpyxl accept, made from a list's name."""
    title = " ".join(_SHEET_FORBIDDEN.sub(" ", name).split())[:MAX_SHEET_TITLE]
    title = title.strip("'").strip()
    return title or default
