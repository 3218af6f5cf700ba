"""Comment files on disk for ``kolscope comments analyse``: read rows, find the text column,
and decode what Thai tools export (the result is written by ``comment_output``).

Pure IO: no console, no exit codes. Every problem is a :class:`CommentFileError` naming the
file and, where there is one, the line and the field.

Encoding rule (the same for CSV, TSV and JSONL):

1. A UTF-16 byte-order mark: UTF-16.
2. The whole file is valid UTF-8 (a UTF-8 byte-order mark is dropped): UTF-8.
3. It decodes cleanly as Thai legacy cp874 (TIS-620 with Windows' extra punctuation), and it
   does not look like UTF-8 with a few damaged bytes (its invalid UTF-8 sequences outnumber its
   well-formed non-ASCII UTF-8 characters): cp874.
4. Otherwise UTF-8, each invalid byte sequence replaced by U+FFFD; every affected line is
   reported (:attr:`CommentFile.damaged`).
"""

from __future__ import annotations

import csv
import json
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

CSV_SUFFIXES = {".csv": ",", ".tsv": "\t"}
JSONL_SUFFIXES = (".jsonl", ".ndjson")

# Column names taken as the comment text, compared case-insensitively after trimming.
TEXT_COLUMN_NAMES = (
    "text", "comment", "comments", "message", "content", "msg", "texts", "body", "caption",
    "ข้อความ", "คอมเมนต์", "ความคิดเห็น",
)  # fmt: skip

UTF8, UTF8_DAMAGED, CP874, UTF16 = "utf-8", "utf-8 (damaged bytes replaced)", "cp874", "utf-16"
REPLACEMENT = "\ufffd"
BOM = b"\xef\xbb\xbf"
_FIELD_LIMIT = 64 * 1024 * 1024  # characters in one CSV field (the csv default is 128 KiB)

Format = Literal["csv", "jsonl"]


class CommentFileError(ValueError):
    """A comment file kolscope cannot read or write, with where the problem is."""

    def __init__(
        self, path: Path, message: str, *, line: int | None = None, column: str | None = None
    ) -> None:
        where = str(path)
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", field {column!r}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.column = column


@dataclass(frozen=True, slots=True)
class CommentRow:
    line: int  # the line the row starts on (1 is the first line of the file)
    values: dict[str, object]  # column -> value: str from CSV, any JSON value from JSONL


@dataclass(frozen=True, slots=True)
class DamagedRow:
    """A row whose bytes were not valid UTF-8 (decoded with U+FFFD in their place)."""

    line: int
    columns: tuple[str, ...]  # the fields that hold a U+FFFD (empty if none can be named)


@dataclass
class CommentFile:
    """A checked input file: format, encoding, columns, row count and damaged rows.
    :meth:`rows` reads it again row by row, so memory stays flat whatever its size."""

    path: Path
    format: Format
    encoding: str
    columns: list[str] = field(default_factory=list)
    column_lines: dict[str, int] = field(default_factory=dict)  # where each column first appears
    row_count: int = 0
    damaged: list[DamagedRow] = field(default_factory=list)

    def rows(self) -> Iterator[CommentRow]:
        yield from _parse(self.path, self.format, self.encoding, {}, [])


def input_format(path: Path) -> Format:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    raise CommentFileError(
        path, "unknown file type: use .csv, .tsv, .jsonl or .ndjson (one JSON object a line)"
    )


def open_comment_file(path: Path) -> CommentFile:
    """Check the whole file once (encoding, structure, columns) without keeping its rows."""
    kind = input_format(path)
    if path.is_dir():
        raise CommentFileError(path, "is a folder, not a file")
    encoding = detect_encoding(path)
    found = CommentFile(path=path, format=kind, encoding=encoding)
    count = 0
    for _row in _parse(path, kind, encoding, found.column_lines, found.damaged):
        count += 1
    found.columns = list(found.column_lines)
    found.row_count = count
    return found


def detect_encoding(path: Path) -> str:
    """UTF-16, UTF-8, cp874 or damaged UTF-8, by the rule in this module's docstring."""
    try:
        with path.open("rb") as handle:
            if handle.read(2) in (b"\xff\xfe", b"\xfe\xff"):
                return UTF16
            handle.seek(0)
            valid, invalid, well_formed = True, 0, 0
            for raw in handle:
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    valid = False
                    text = raw.decode("utf-8", "replace")
                    invalid += text.count(REPLACEMENT)
                    well_formed -= text.count(REPLACEMENT)
                well_formed += len(text) - len(text.encode("ascii", "ignore"))
            if valid:
                return UTF8
            if invalid > well_formed and _decodes(handle, "cp874"):
                return CP874
    except OSError as error:
        raise CommentFileError(path, f"cannot read: {error.strerror or error}") from error
    return UTF8_DAMAGED


def _decodes(handle: IO[bytes], encoding: str) -> bool:
    handle.seek(0)
    try:
        for raw in handle:
            raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _lines(path: Path, encoding: str, damaged: deque[int]) -> Iterator[str]:
    """The file's lines as text, line endings kept; damaged line numbers go to ``damaged``."""
    try:
        if encoding == UTF16:
            with path.open(encoding="utf-16", errors="replace", newline="") as text:
                for number, line in enumerate(text, start=1):
                    if REPLACEMENT in line:
                        damaged.append(number)
                    yield line
            return
        strict = encoding in (UTF8, CP874)
        codec = "cp874" if encoding == CP874 else "utf-8"
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                # A UTF-8 byte-order mark is not text.
                data = raw[3:] if number == 1 and codec == "utf-8" and raw[:3] == BOM else raw
                if strict:
                    yield data.decode(codec)
                    continue
                try:
                    yield data.decode(codec)
                except UnicodeDecodeError:
                    damaged.append(number)
                    yield data.decode(codec, "replace")
    except OSError as error:
        raise CommentFileError(path, f"cannot read: {error.strerror or error}") from error
    except UnicodeDecodeError as error:  # the file changed since it was checked
        raise CommentFileError(path, f"cannot decode as {encoding}: {error.reason}") from error


def _parse(
    path: Path, kind: Format, encoding: str, columns: dict[str, int], damaged: list[DamagedRow]
) -> Iterator[CommentRow]:
    """Rows in file order. ``columns`` gets each column and the line it first appears on
    (the CSV header, or every JSON key in the order first seen); ``damaged`` gets the rows
    that held invalid bytes."""
    bad_lines: deque[int] = deque()
    lines = _lines(path, encoding, bad_lines)
    rows = (
        _csv_rows(path, CSV_SUFFIXES[path.suffix.lower()], lines, columns)
        if kind == "csv"
        else _jsonl_rows(path, lines, columns)
    )
    for row, last_line in rows:
        if bad_lines and bad_lines[0] <= last_line:
            while bad_lines and bad_lines[0] <= last_line:
                bad_lines.popleft()
            named = tuple(
                name
                for name, value in row.values.items()
                if isinstance(value, str) and REPLACEMENT in value
            )
            damaged.append(DamagedRow(row.line, named))
        yield row


def _csv_rows(
    path: Path, delimiter: str, lines: Iterator[str], columns: dict[str, int]
) -> Iterator[tuple[CommentRow, int]]:
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    reader = csv.reader(lines, delimiter=delimiter)
    header: list[str] | None = None
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise CommentFileError(path, f"not valid CSV: {error}", line=start) from error
        if not cells:  # an empty line (a line of spaces is a comment of spaces)
            start = reader.line_num + 1
            continue
        if header is None:
            header = _header(path, cells, start)
            columns.update(dict.fromkeys(header, start))
        else:
            if len(cells) > len(header):
                raise CommentFileError(
                    path,
                    f"{len(cells)} fields but the header has {len(header)} "
                    "(a comment holding the separator must be in double quotes)",
                    line=start,
                )
            values: dict[str, object] = dict.fromkeys(header, "")
            values.update(zip(header, cells, strict=False))
            yield CommentRow(start, values), reader.line_num
        start = reader.line_num + 1


def _header(path: Path, cells: list[str], line: int) -> list[str]:
    seen: set[str] = set()
    for name in cells:
        if name in seen:
            raise CommentFileError(
                path, "the header names this column twice", line=line, column=name
            )
        seen.add(name)
    return cells


def _jsonl_rows(
    path: Path, lines: Iterator[str], columns: dict[str, int]
) -> Iterator[tuple[CommentRow, int]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, parse_constant=_no_constant)
        except json.JSONDecodeError as error:
            raise CommentFileError(
                path, f"not valid JSON ({error.msg} at character {error.pos + 1})", line=number
            ) from error
        except ValueError as error:
            raise CommentFileError(path, f"not valid JSON ({error})", line=number) from error
        if not isinstance(value, dict):
            raise CommentFileError(
                path, f"a JSON {_json_kind(value)}, not an object ({{...}})", line=number
            )
        for key in value:
            columns.setdefault(key, number)
        yield CommentRow(number, value), number


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return "number"


def find_text_column(path: Path, columns: Sequence[str], requested: str | None = None) -> str:
    """The column holding the comment: ``requested`` (exact, else the one name equal to it
    ignoring case and spaces), else a column with a known name, else the only column."""
    listed = ", ".join(repr(c) for c in columns) or "none"
    if requested is not None:
        if requested in columns:
            return requested
        loose = [c for c in columns if _key(c) == _key(requested)]
        if len(loose) == 1:
            return loose[0]
        raise CommentFileError(path, f"has no column {requested!r} (its columns: {listed})")
    known = {_key(name) for name in TEXT_COLUMN_NAMES}
    matches = [c for c in columns if _key(c) in known]
    if len(matches) == 1:
        return matches[0]
    if not matches and len(columns) == 1:
        return columns[0]
    if matches:
        raise CommentFileError(
            path,
            "more than one column could hold the comments "
            f"({', '.join(repr(c) for c in matches)}): choose one with --text-column "
            f"(its columns: {listed})",
        )
    raise CommentFileError(
        path,
        f"no column looks like the comment text (its columns: {listed}); name it with "
        f"--text-column (recognised names: {', '.join(TEXT_COLUMN_NAMES)})",
    )


def _key(name: str) -> str:
    return name.strip().casefold()


def text_of(value: object) -> str:
    """A cell as comment text: missing and null are empty, numbers and JSON as written."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)
