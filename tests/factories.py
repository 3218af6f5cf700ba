"""Test data builders: files in the shapes real exports come in."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def write_csv(
    path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    percent_columns: Sequence[int] = (),
    sheet: str = "Creators",
) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    page = book.active
    assert page is not None
    page.title = sheet
    for row in rows:
        page.append(list(row))
    for column in percent_columns:
        for cells in page.iter_rows(min_row=2, min_col=column, max_col=column):
            for cell in cells:
                cell.number_format = "0.0%"
    book.save(path)
    return path


CREATORS_HEADER = [
    "platform",
    "handle",
    "display_name",
    "followers",
    "following",
    "posts_count",
    "country",
    "province",
    "categories",
    "bio",
]


def creators_rows(count: int, *, start: int = 0, followers: int = 5_000) -> list[list[Any]]:
    return [
        [
            "instagram",
            f"creator_{i}",
            f"ครีเอเตอร์ {i}",
            followers + i,
            300,
            40,
            "Thailand",
            "Bangkok",
            "beauty",
            f"รีวิวสกินแคร์ {i}",
        ]
        for i in range(start, start + count)
    ]
