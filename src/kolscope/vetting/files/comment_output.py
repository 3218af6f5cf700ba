"""The result file of ``kolscope comments analyse``, written atomically (never half a file):
CSV (UTF-8 with a byte-order mark, formulas neutralised) or JSONL."""

from __future__ import annotations

import csv
import json
import os
import secrets
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kolscope.infra.spreadsheet_cells import safe_cell
from kolscope.vetting.files.comment_files import JSONL_SUFFIXES, CommentFileError, Format, text_of


def output_format(path: Path) -> Format:
    """The output's format from its extension (.csv, .jsonl or .ndjson), checked up front."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    raise CommentFileError(
        path, f"cannot write {suffix or 'a file without an extension'}: use .csv, .jsonl or .ndjson"
    )


class RowSink:
    """Writes one output row at a time; made by :func:`atomic_output`."""

    def write(self, row: Mapping[str, object]) -> None:
        raise NotImplementedError


class _CsvSink(RowSink):
    def __init__(self, handle: IO[str], columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self.writer = csv.writer(handle)
        self.writer.writerow(self.columns)

    def write(self, row: Mapping[str, object]) -> None:
        self.writer.writerow([text_of(safe_cell(row.get(column))) for column in self.columns])


class _JsonlSink(RowSink):
    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle

    def write(self, row: Mapping[str, object]) -> None:
        self.handle.write(json.dumps(row, ensure_ascii=False) + "\n")


@contextmanager
def atomic_output(path: Path, columns: Sequence[str]) -> Iterator[RowSink]:
    """Write to a temporary file beside ``path`` and rename it over ``path`` only when the
    block ends without an error; otherwise remove it. CSV (UTF-8 with a byte-order mark, so
    Excel shows Thai) gets a header of ``columns``, booleans as ``true``/``false`` and null
    as an empty cell; JSONL gets each row's own keys and real JSON values."""
    kind = output_format(path)
    folder = path.parent
    if not folder.is_dir():
        raise CommentFileError(path, f"the folder {str(folder)!r} does not exist")
    if path.is_dir():
        raise CommentFileError(path, "is a folder; name the output file")
    temporary = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        handle = temporary.open("x", encoding="utf-8-sig" if kind == "csv" else "utf-8", newline="")
    except OSError as error:
        raise CommentFileError(path, f"cannot write: {error.strerror or error}") from error
    try:
        with handle:
            yield _CsvSink(handle, columns) if kind == "csv" else _JsonlSink(handle)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise CommentFileError(path, f"cannot write: {error.strerror or error}") from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
