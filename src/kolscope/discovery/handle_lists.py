"""Reading a customer or follower list (a text file of handles, or a CSV/XLSX export) as the
handles in it, so they can be matched against the creators in the workspace.

A CSV or XLSX needs a column that holds handles: one named like handle, username, user,
account, instagram, tiktok, ig, profile, url, ชื่อผู้ใช้ or บัญชี; else the first column whose
values look like handles (@name) or profile links. Profile links (instagram.com/name,
tiktok.com/@name) are read as their handle. E-mail addresses and phone numbers are not handles
and are counted as skipped, never stored.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from kolscope.discovery import messages as said
from kolscope.domain.messages import Message

_HANDLE_COLUMNS = (
    "handle", "username", "user name", "user", "account", "instagram", "tiktok", "ig",
    "profile", "url", "link", "twitter", "x", "youtube", "facebook", "lemon8",
    "ชื่อผู้ใช้", "บัญชี", "ไอจี",
)  # fmt: skip
_LINK = re.compile(
    r"(?i)^(?:https?://)?(?:www\.|m\.)?(?:instagram\.com|tiktok\.com|x\.com|twitter\.com|"
    r"youtube\.com|facebook\.com|lemon8-app\.com)/@?([A-Za-z0-9_.\-]+)"
)
_HANDLE = re.compile(r"^@?([A-Za-z0-9_.\-]{2,64})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
MAX_ROWS = 1_000_000


class ListFileError(ValueError):
    """The list cannot be read; the message names the file (and row). ``said`` is the
    message (pages write it in the reader's language); ``str()`` is its English text."""

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said

    @classmethod
    def wrong_suffix(cls, name: str) -> ListFileError:
        return cls(said.LIST_SUFFIX(file=name))

    @classmethod
    def too_large(cls, name: str) -> ListFileError:
        return cls(said.LIST_TOO_LARGE(file=name))

    def naming(self, name: str) -> Message:
        """``said`` with the file called ``name`` (an upload's own name, not its temporary path)."""
        return Message(self.said.code, {**self.said.params, "file": name})


@dataclass(frozen=True, slots=True)
class HandleList:
    handles: tuple[str, ...]
    rows: int
    skipped: int  # rows with no handle (blank, e-mail, phone, unreadable)
    column: str | None


def handle_in(value: str) -> str | None:
    """The handle in a cell: "@som.review", "som.review", a profile link; else None."""
    text = value.strip()
    link = _LINK.match(text)
    if link:
        return link.group(1).lower()
    if not text or _EMAIL.match(text):
        return None
    found = _HANDLE.match(text)
    if found and not found.group(1).replace("-", "").isdigit():
        return found.group(1).lower()
    return None


def _pick_column(header: list[str], rows: list[list[str]]) -> int:
    names = [" ".join(h.strip().lower().split()) for h in header]
    for wanted in _HANDLE_COLUMNS:
        if wanted in names:
            return names.index(wanted)
    for index in range(len(header)):
        sample = [r[index] for r in rows[:50] if index < len(r) and r[index].strip()]
        if sample and sum(1 for v in sample if handle_in(v)) >= 0.8 * len(sample):
            return index
    return -1


def _table(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for broken files
            raise ListFileError(said.LIST_NOT_XLSX(file=str(path), error=str(error))) from error
        sheet = book.worksheets[0]
        table = [
            ["" if c is None else str(c) for c in row]
            for row in sheet.iter_rows(max_row=MAX_ROWS + 1, values_only=True)
        ]
        book.close()
        return table
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ListFileError(said.LIST_NOT_UTF8(file=str(path), row=line)) from error
    if suffix == ".csv":
        return list(csv.reader(text.splitlines()))
    return [[line] for line in text.splitlines()]


def read_handles(path: Path) -> HandleList:
    """The distinct handles in a list file (.txt, .csv or .xlsx)."""
    if not path.is_file():
        raise ListFileError(said.LIST_MISSING(file=str(path)))
    table = _table(path)
    if not table:
        raise ListFileError(said.LIST_EMPTY(file=str(path)))
    column: str | None = None
    body = table
    if path.suffix.lower() in (".csv", ".xlsx"):
        header, body = table[0], table[1:]
        index = _pick_column(header, body)
        if index < 0:
            first = header[0].strip() if header else ""
            if first.startswith("@") or _LINK.match(first):  # a list without a header row
                body, index = table, 0
            else:
                named = [h for h in header if h]
                raise ListFileError(
                    said.LIST_NO_COLUMN(file=str(path), columns=named)
                    if named
                    else said.LIST_NO_COLUMNS(file=str(path))
                )
        column = header[index] if body is not table else None
    else:
        index = 0
    handles: dict[str, None] = {}
    skipped = 0
    for row in body[:MAX_ROWS]:
        found = handle_in(row[index]) if index < len(row) else None
        if found is None:
            skipped += 1
        else:
            handles.setdefault(found, None)
    return HandleList(tuple(handles), len(body), skipped, column)
