"""Opening import files (CSV/TSV, JSON, JSONL, XLSX) as streams of raw rows.

Rows are numbered as a person would find them: the spreadsheet row of a CSV record or XLSX
row, the line of a JSONL record, the position of an item in a JSON array.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from kolscope.catalogue import messages as say
from kolscope.catalogue import messages_files as file_said
from kolscope.catalogue.formats.delimited import LineSpans, delimited_rows, not_text
from kolscope.catalogue.formats.limits import MAX_COLUMNS, MAX_JSON_DEPTH, MAX_RECORD_CHARS
from kolscope.catalogue.formats.nesting import json_depth
from kolscope.catalogue.formats.raw import RawRow
from kolscope.catalogue.formats.workbooks import check_workbook, xlsx_rows
from kolscope.catalogue.importing.records import RowProblem, problem_said
from kolscope.catalogue.messages import DELIMITER, ENCODING
from kolscope.catalogue.ports import ImportFileError
from kolscope.domain.messages import Message

__all__ = ["OpenedFile", "RawRow", "open_file"]

SAMPLE_BYTES = 1 << 20
JSON_KEY_SAMPLE = 1000
csv.field_size_limit(16 * 1024 * 1024)

_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}


@dataclass(slots=True)
class OpenedFile:
    """A file ready to stream. ``keyed`` formats (JSON) carry their header as row 0."""

    path: Path
    format: str
    encoding: str | None
    sha256: str
    keyed: bool
    sheet: str | None = None
    delimiter: str = ","
    notes: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)  # shown with the plan (dry run, review)
    spans: LineSpans = field(default_factory=LineSpans)  # CSV/TSV records over several lines

    def rows(self) -> Iterator[RawRow]:
        if self.format in {"csv", "tsv"}:
            return _bounded(self, delimited_rows(self, self.spans))
        if self.format == "jsonl":
            return _jsonl_rows(self)
        if self.format == "json":
            return _json_rows(self)
        return _bounded(self, xlsx_rows(self))


def _bounded(opened: OpenedFile, rows: Iterator[RawRow]) -> Iterator[RawRow]:
    """Rows with at most ``MAX_COLUMNS`` cells holding values (trailing blanks do not count)."""
    for raw in rows:
        if len(raw.cells) > MAX_COLUMNS:
            check_width(opened.path, raw.number, raw.cells)
        yield raw


def check_width(path: Path, number: int | None, cells: list[Any]) -> None:
    width = len(cells)
    while width > MAX_COLUMNS and cells[width - 1] in (None, ""):
        width -= 1
    if width > MAX_COLUMNS:
        raise _fail(
            path,
            file_said.TOO_WIDE(width=width, most=MAX_COLUMNS),
            number,
        )


def _fail(path: Path, message: str | Message, row: int | None = None) -> ImportFileError:
    text, said = problem_said(message)
    return ImportFileError(RowProblem(path.name, row, None, text, said=said))


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_file(path: Path, *, encoding: str | None = None, sheet: str | None = None) -> OpenedFile:
    if not path.exists():
        raise _fail(path, say.NO_SUCH_FILE())
    if path.is_dir():
        raise _fail(path, say.A_FOLDER())
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise _fail(path, say.OLD_EXCEL())
    fmt = _FORMATS.get(suffix)
    raw = path.read_bytes()[:SAMPLE_BYTES] if fmt != "xlsx" else b""
    if fmt is None:
        fmt = _sniff_format(path, raw)
    sha = file_digest(path)
    if fmt == "xlsx":
        check_workbook(path)
        return OpenedFile(path, fmt, None, sha, keyed=False, sheet=sheet)
    chosen = encoding or detect_encoding(path, raw)
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise _fail(path, file_said.UNKNOWN_ENCODING(encoding=repr(chosen))) from None
    opened = OpenedFile(path, fmt, chosen, sha, keyed=fmt in {"json", "jsonl"})
    if encoding is None and chosen.lower().replace("_", "-") not in _UNICODE:
        opened.warnings.append(ENCODING(encoding=_shown(chosen)))
    if fmt in {"csv", "tsv"}:
        text = raw.decode(chosen, errors="replace")
        opened.delimiter = "\t" if fmt == "tsv" else sniff_delimiter(text)
        if opened.delimiter != ",":
            opened.notes.append(DELIMITER(delimiter=repr(opened.delimiter)))
    return opened


def _sniff_format(path: Path, raw: bytes) -> str:
    start = raw.lstrip()[:1]
    if raw[:4] == b"PK\x03\x04":
        return "xlsx"
    if start == b"[":
        return "json"
    if start == b"{":
        first_line = raw.lstrip().split(b"\n", 1)[0]
        try:
            json.loads(first_line)
        except ValueError:
            return "json"
        return "jsonl"
    if b"\x00" in raw and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _fail(path, say.BINARY())
    return "csv"


_UNICODE = {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "ascii"}
_NAMES = {"cp874": "windows-874 (Thai)", "tis-620": "TIS-620 (Thai)"}


def _shown(encoding: str) -> str:
    return _NAMES.get(encoding.lower().replace("_", "-"), encoding)


def detect_encoding(path: Path, raw: bytes) -> str:
    """The text encoding: a BOM if present, else UTF-8 if it decodes, else the best guess
    (Thai files from Excel on Windows are usually cp874).

    Text that is mostly valid UTF-8 with a few broken bytes stays UTF-8, so the rows holding
    them are reported instead of the whole file turning into the wrong letters. A legacy code
    page is chosen only when the text reads plausibly in it; the plan then says so."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return name
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(raw) - 3 and len(raw) == SAMPLE_BYTES:
            return "utf-8"  # the sample cut a character in half
    as_utf8 = raw.decode("utf-8", errors="replace")
    broken = as_utf8.count("\ufffd")
    if sum(ch > "\x7f" for ch in as_utf8) - broken >= 10 * broken:
        return "utf-8"
    if any(0xA1 <= b <= 0xFB for b in raw):
        try:
            text = raw.decode("cp874")
        except UnicodeDecodeError:
            text = ""
        if text and sum("\u0e01" <= ch <= "\u0e5b" for ch in text) >= 0.5 * sum(
            b >= 0x80 for b in raw
        ):
            return "cp874"
    best = from_bytes(raw).best()
    if best is None or best.chaos > 0.1:
        raise _fail(path, say.WHICH_ENCODING())
    return str(best.encoding)


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first lines into the most, most consistent columns."""
    lines = text.splitlines()[:50]
    sample = "\n".join(lines)
    best, best_score = ",", -1.0
    for delimiter in (",", ";", "\t", "|"):
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if r]
        except csv.Error:
            continue
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        if mode < 2:
            continue
        score = widths.count(mode) * mode
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _keyed_rows(opened: OpenedFile, records: Iterator[tuple[int, Any]]) -> Iterator[RawRow]:
    buffered: list[tuple[int, dict[str, Any]]] = []
    keys: dict[str, None] = {}
    for number, record in records:
        if not isinstance(record, dict):
            raise _fail(opened.path, file_said.NOT_AN_OBJECT(), number)
        flat = _flatten(record)
        buffered.append((number, flat))
        for key in flat:
            keys.setdefault(key, None)
        if len(keys) > MAX_COLUMNS:
            raise _fail(
                opened.path,
                file_said.TOO_MANY_KEYS(most=MAX_COLUMNS, record=number, count=len(keys)),
                number,
            )
        if len(buffered) >= JSON_KEY_SAMPLE:
            break
    header = list(keys)
    yield RawRow(0, list(header))
    for number, flat in buffered:
        yield RawRow(number, [flat.get(k) for k in header])
    for number, record in records:
        if not isinstance(record, dict):
            raise _fail(opened.path, file_said.NOT_AN_OBJECT(), number)
        flat = _flatten(record)
        yield RawRow(number, [flat.get(k) for k in header])


def _jsonl_records(opened: OpenedFile) -> Iterator[tuple[int, Any]]:
    assert opened.encoding is not None
    number = 0
    try:
        with opened.path.open(encoding=opened.encoding) as handle:
            lines = iter(lambda: handle.readline(MAX_RECORD_CHARS + 1), "")
            for number, line in enumerate(lines, start=1):
                if len(line) > MAX_RECORD_CHARS:
                    raise _fail(
                        opened.path,
                        file_said.LONG_RECORD(most=MAX_RECORD_CHARS),
                        number,
                    )
                if not line.strip():
                    continue
                yield number, _parse_json(opened.path, line, number)
    except UnicodeDecodeError:
        raise not_text(opened.path, opened.encoding) from None


def _parse_json(path: Path, text: str, line: int | None) -> Any:
    """``text`` parsed, after checking it does not nest deeper than ``MAX_JSON_DEPTH``."""
    in_line = line is not None
    depth = json_depth(text, MAX_JSON_DEPTH)
    if depth > MAX_JSON_DEPTH:
        raise _fail(
            path,
            (file_said.NESTS_LINE if in_line else file_said.NESTS_FILE)(
                depth=depth, most=MAX_JSON_DEPTH
            ),
            line,
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        invalid = (
            file_said.NOT_JSON_LINE(error=error.msg)
            if in_line
            else file_said.NOT_JSON_FILE(error=error.msg, line=str(error.lineno))
        )
        raise _fail(path, invalid, line) from None
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        unreadable = file_said.UNREADABLE_JSON_LINE if in_line else file_said.UNREADABLE_JSON_FILE
        raise _fail(path, unreadable(error=str(error)), line) from None
    except RecursionError:  # not expected below MAX_JSON_DEPTH; never a traceback
        raise _fail(
            path, (file_said.TOO_DEEP_LINE if in_line else file_said.TOO_DEEP_FILE)(), line
        ) from None


def _jsonl_rows(opened: OpenedFile) -> Iterator[RawRow]:
    return _keyed_rows(opened, _jsonl_records(opened))


def _json_rows(opened: OpenedFile) -> Iterator[RawRow]:
    assert opened.encoding is not None
    try:
        text = opened.path.read_text(encoding=opened.encoding)
    except UnicodeDecodeError:
        raise not_text(opened.path, opened.encoding) from None
    document = _parse_json(opened.path, text, None)
    items = document
    if isinstance(document, dict):
        lists = [v for v in document.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise _fail(opened.path, file_said.LIST_OR_OBJECT())
        items = lists[0]
    if not isinstance(items, list):
        raise _fail(opened.path, file_said.A_LIST())
    return _keyed_rows(opened, iter(enumerate(items, start=1)))
