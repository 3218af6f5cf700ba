"""Import limits benchmark (issue #13): hostile files are refused fast, wide files plan fast, and
the bounds cost the normal read path nothing measurable.

* Planning a 1,000-column CSV, against the old way of matching headers (every header compared
  with every synonym of every kind, six passes), timed on 200 columns and scaled (it is linear).
* Reading 200,000 creator rows (records, unclosed-quote and width checks included), against
  Python's csv module splitting the same file (the floor of any CSV import).
* The time to refuse: a 10,000-column CSV, a 2,999-row CSV whose row 4 opens a quote that
  never closes, JSON nested 200,000 deep, and an XLSX whose sheet unpacks to ~30 MB without
  stating its size (openpyxl would parse it whole just to open it).

Run: .venv/bin/python bench/bench_import_limits.py (writes bench/results/import_limits.json)
"""

from __future__ import annotations

import csv
import json
import platform
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench_import import write_rows
from kolscope.catalogue.formats.headers import header_key
from kolscope.catalogue.formats.reader import FileImportReader, read_records
from kolscope.catalogue.formats.synonyms import _score
from kolscope.catalogue.importing.fields import FIELDS
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.catalogue.importing.records import FileCounts, ImportKind
from kolscope.catalogue.ports import ImportFileError
from kolscope.domain.platforms import Platform

RESULTS = Path(__file__).parent / "results"
OPTIONS = ImportOptions(platform=Platform.INSTAGRAM)
WORDS = ["followers", "avg", "likes", "name", "ชื่อ", "ผู้ติดตาม", "engagement", "rate", "views"]


def timed(work: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def wide_csv(path: Path, columns: int) -> Path:
    headers = ["handle", "followers"] + [
        f"{WORDS[i % len(WORDS)]} {WORDS[(i // 3) % len(WORDS)]} {i}" for i in range(columns - 2)
    ]
    lines = [",".join(headers)]
    lines += [",".join([f"user{r}", str(1000 + r)] + ["7"] * (columns - 2)) for r in range(5)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def old_matching(headers: list[str]) -> None:
    """Header matching as it was: every synonym keyed and scored for every header and kind."""
    kinds = [*FIELDS, ImportKind.CREATORS]  # detect_kind over five kinds, then the mapping
    for kind in kinds:
        for header in headers:
            keys = [header_key(header), header_key(header, split_camel_case=False)]
            for spec in FIELDS[kind]:
                for phrase in spec.synonyms:
                    synonym = header_key(phrase, split_camel_case=False)
                    max(_score(key, synonym) for key in keys)


def refused(path: Path) -> float:
    def attempt() -> None:
        try:
            FileImportReader(parallel=False).plan(path, OPTIONS)
        except ImportFileError:
            return
        raise AssertionError(f"{path.name} was not refused")

    return timed(attempt)


def sheet_without_size(path: Path, rows: int) -> Path:
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats'
        '.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
        'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats'
        '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/'
        'workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.'
        'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>",
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target='
        '"worksheets/sheet1.xml"/></Relationships>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.')
            sheet.write(b'org/spreadsheetml/2006/main"><sheetData>')
            for n in range(1, rows + 1):
                sheet.write(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n))
            sheet.write(b"</sheetData></worksheet>")
    return path


def main() -> None:
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        wide = wide_csv(work / "wide.csv", 1_000)
        plan_s = timed(lambda: FileImportReader(parallel=False).plan(wide, OPTIONS))
        headers = wide.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        old_s = timed(lambda: old_matching(headers[:200]), repeat=1) * 5
        results["plan_1000_columns"] = {
            "kolscope_s": round(plan_s, 3),
            "old_header_matching_s": round(old_s, 2),
            "ratio_old_over_new": round(old_s / plan_s, 1),
        }

        rows = work / "rows.csv"
        write_rows(rows, 200_000)
        planned = FileImportReader(parallel=False).plan(rows, ImportOptions())
        read_s = timed(
            lambda: sum(1 for _ in read_records(planned, ImportOptions(), FileCounts())), 2
        )

        def split() -> int:
            with rows.open(encoding="utf-8", newline="") as handle:
                return sum(1 for _ in csv.reader(handle))

        floor_s = timed(split, 2)
        results["read_200000_rows"] = {
            "kolscope_s": round(read_s, 2),
            "csv_module_floor_s": round(floor_s, 2),
            "ratio": round(read_s / floor_s, 1),
        }

        quote = work / "quote.csv"
        lines = ["handle,display_name,followers"] + [f"q_{i},Name {i},{i}" for i in range(2_999)]
        lines[3] = 'q_2,"Unterminated name,2000'
        quote.write_text("\n".join(lines) + "\n", encoding="utf-8")
        deep = work / "deep.json"
        deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
        results["refusal_s"] = {
            "csv_10000_columns": round(refused(wide_csv(work / "w10k.csv", 10_000)), 3),
            "csv_unclosed_quote_2999_rows": round(refused(quote), 3),
            "json_200000_deep": round(refused(deep), 3),
            "xlsx_sheet_30mb_without_size": round(
                refused(sheet_without_size(work / "bomb.xlsx", 600_000)), 3
            ),
        }
    results["machine"] = (
        f"{platform.machine()} {platform.python_implementation()} {platform.python_version()}"
    )
    results["when"] = datetime.now(UTC).isoformat(timespec="seconds")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import_limits.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
