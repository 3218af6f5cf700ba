"""Writing scored follower files: the input's columns as written, plus the model's answer.

The CSV goes to a temporary file beside the target and is renamed over it only when every
row is written, so a failed run leaves no half-written file and an earlier result untouched.
"""

from __future__ import annotations

import csv
import json
import os
import secrets
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import numpy as np

from kolscope.infra.spreadsheet_cells import safe_cell
from kolscope.vetting.files.follower_files import file_error

ADDED_COLUMNS = ("fake_probability", "is_fake")


class ScoredOutput:
    """A CSV of the input's columns plus ``fake_probability`` and ``is_fake``, written to a
    temporary file and renamed over the target by ``commit``; removed if never committed.
    UTF-8 with a byte-order mark, so Excel shows Thai text."""

    def __init__(self, path: Path, headers: Sequence[str]) -> None:
        if path.suffix.lower() != ".csv":
            raise file_error(path, "the output must be a .csv file")
        if path.is_dir():
            raise file_error(path, "is a folder; name the output file")
        if not path.parent.is_dir():
            raise file_error(path, f"the folder {str(path.parent)!r} does not exist")
        self.path = path
        self.temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        self.width = len(headers)
        kept = [f"{h} (input)" if h in ADDED_COLUMNS else h for h in headers]
        try:
            self.handle: IO[str] = self.temporary.open("x", encoding="utf-8-sig", newline="")
        except OSError as error:
            raise file_error(path, f"cannot write ({error.strerror or error})") from error
        self.writer = csv.writer(self.handle)
        self.writer.writerow([*kept, *ADDED_COLUMNS])

    def write(self, cells: Sequence[Any], probability: float, flagged: bool) -> None:
        row = [_cell_text(safe_cell(c)) for c in cells[: self.width]]
        row += [""] * (self.width - len(row))
        if np.isnan(probability):
            row += ["", ""]
        else:
            row += [f"{probability:.4f}", "true" if flagged else "false"]
        self.writer.writerow(row)

    def commit(self) -> None:
        try:
            self.handle.close()
            os.replace(self.temporary, self.path)
        except OSError as error:
            raise file_error(self.path, f"cannot write ({error.strerror or error})") from error
        finally:
            self.temporary.unlink(missing_ok=True)

    def __enter__(self) -> ScoredOutput:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.handle.close()
        self.temporary.unlink(missing_ok=True)


def _cell_text(value: Any) -> str:
    """A cell as CSV text: empty for null, true/false, numbers as written, JSON for lists."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)
