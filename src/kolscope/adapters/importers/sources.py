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

from kolscope.services.importing.records import RowProblem
from kolscope.services.ports import ImportFileError

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


@dataclass(frozen=True, slots=True)
class RawRow:
    number: int
    cells: list[Any]


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
    notes: list[str] = field(default_factory=list)

    def rows(self) -> Iterator[RawRow]:
        if self.format in {"csv", "tsv"}:
            return _delimited_rows(self)
        if self.format == "jsonl":
            return _jsonl_rows(self)
        if self.format == "json":
            return _json_rows(self)
        return _xlsx_rows(self)


def _fail(path: Path, message: str, row: int | None = None) -> ImportFileError:
    return ImportFileError(RowProblem(path.name, row, None, message))


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_file(path: Path, *, encoding: str | None = None, sheet: str | None = None) -> OpenedFile:
    if not path.exists():
        raise _fail(path, "no such file")
    if path.is_dir():
        raise _fail(path, "is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise _fail(path, "old Excel .xls files are not read: save it as .xlsx or CSV")
    fmt = _FORMATS.get(suffix)
    raw = path.read_bytes()[:SAMPLE_BYTES] if fmt != "xlsx" else b""
    if fmt is None:
        fmt = _sniff_format(path, raw)
    sha = file_digest(path)
    if fmt == "xlsx":
        return OpenedFile(path, fmt, None, sha, keyed=False, sheet=sheet)
    chosen = encoding or detect_encoding(path, raw)
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise _fail(path, f"unknown encoding {chosen!r}") from None
    opened = OpenedFile(path, fmt, chosen, sha, keyed=fmt in {"json", "jsonl"})
    if fmt in {"csv", "tsv"}:
        text = raw.decode(chosen, errors="replace")
        opened.delimiter = "\t" if fmt == "tsv" else sniff_delimiter(text)
        if opened.delimiter != ",":
            opened.notes.append(f"columns separated by {opened.delimiter!r}")
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
        raise _fail(path, "is not a CSV, JSON or XLSX file (it looks binary)")
    return "csv"


def detect_encoding(path: Path, raw: bytes) -> str:
    """The text encoding: a BOM if present, else UTF-8 if it decodes, else the best guess
    (Thai files from Excel on Windows are usually cp874)."""
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
    if best is None:
        raise _fail(path, "cannot tell the text encoding: pass --encoding (e.g. utf-8, cp874)")
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


def _delimited_rows(opened: OpenedFile) -> Iterator[RawRow]:
    assert opened.encoding is not None
    number = 0
    try:
        with opened.path.open(encoding=opened.encoding, newline="", errors="strict") as handle:
            reader = csv.reader(handle, delimiter=opened.delimiter)
            for number, cells in enumerate(reader, start=1):
                yield RawRow(number, list(cells))
    except UnicodeDecodeError:
        raise _fail(
            opened.path,
            f"is not valid {opened.encoding} text: re-save it as UTF-8 or pass --encoding",
            number + 1,
        ) from None
    except csv.Error as error:
        raise _fail(opened.path, f"is not valid CSV ({error})", number + 1) from None


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
            raise _fail(opened.path, "each record must be a JSON object", number)
        flat = _flatten(record)
        buffered.append((number, flat))
        for key in flat:
            keys.setdefault(key, None)
        if len(buffered) >= JSON_KEY_SAMPLE:
            break
    header = list(keys)
    yield RawRow(0, list(header))
    for number, flat in buffered:
        yield RawRow(number, [flat.get(k) for k in header])
    for number, record in records:
        if not isinstance(record, dict):
            raise _fail(opened.path, "each record must be a JSON object", number)
        flat = _flatten(record)
        yield RawRow(number, [flat.get(k) for k in header])


def _jsonl_records(opened: OpenedFile) -> Iterator[tuple[int, Any]]:
    assert opened.encoding is not None
    with opened.path.open(encoding=opened.encoding) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                raise _fail(opened.path, f"line is not valid JSON ({error.msg})", number) from None


def _jsonl_rows(opened: OpenedFile) -> Iterator[RawRow]:
    return _keyed_rows(opened, _jsonl_records(opened))


def _json_rows(opened: OpenedFile) -> Iterator[RawRow]:
    assert opened.encoding is not None
    try:
        document = json.loads(opened.path.read_text(encoding=opened.encoding))
    except json.JSONDecodeError as error:
        raise _fail(opened.path, f"is not valid JSON ({error.msg}, line {error.lineno})") from None
    items = document
    if isinstance(document, dict):
        lists = [v for v in document.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise _fail(opened.path, "expected a list of records, or an object holding one list")
        items = lists[0]
    if not isinstance(items, list):
        raise _fail(opened.path, "expected a list of records")
    return _keyed_rows(opened, iter(enumerate(items, start=1)))


def _xlsx_rows(opened: OpenedFile) -> Iterator[RawRow]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(opened.path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for broken files
        raise _fail(opened.path, f"is not a readable .xlsx workbook ({error})") from None
    try:
        if opened.sheet is not None:
            if opened.sheet not in workbook.sheetnames:
                names = ", ".join(workbook.sheetnames)
                raise _fail(opened.path, f"has no sheet {opened.sheet!r} (sheets: {names})")
            sheet = workbook[opened.sheet]
        else:
            sheet = next(
                (workbook[n] for n in workbook.sheetnames if workbook[n].max_row),
                workbook[workbook.sheetnames[0]],
            )
        opened.notes.append(f"sheet {sheet.title!r}")
        for number, row in enumerate(sheet.iter_rows(), start=1):
            cells: list[Any] = []
            for cell in row:
                value = getattr(cell, "value", None)
                number_format = getattr(cell, "number_format", "") or ""
                if (
                    isinstance(value, int | float)
                    and not isinstance(value, bool)
                    and "%" in number_format
                ):
                    value = f"{value * 100:.10g}%"
                cells.append(value)
            yield RawRow(number, cells)
    finally:
        workbook.close()
