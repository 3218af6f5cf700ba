"""Generated files against every importer (issue #13): CSV, TSV, JSON, JSONL and XLSX, with the
shapes that once hung, swallowed rows or crashed (wide, deep, unclosed quotes, random bytes,
huge numbers, empty files, byte-order marks).

Property: planning and importing either works or raises ``ImportFileError`` naming the file;
row problems name the file and a row; a strict import that does not commit leaves the
workspace's row counts as they were.
"""

from __future__ import annotations

import codecs
import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kolscope.bootstrap import Workspace
from kolscope.catalogue.formats.limits import MAX_COLUMNS, MAX_JSON_DEPTH, MAX_RECORD_LINES
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.catalogue.importing.service import ImportReport
from kolscope.catalogue.ports import ImportFileError
from kolscope.domain.platforms import Platform
from tests.factories import CREATORS_HEADER, creators_rows, write_csv, write_xlsx

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADERS = ["handle", "followers", "display_name", "bio", "platform", "avg likes", "ER %",
           "ชื่อ", "ผู้ติดตาม", "country", "date", "x"]  # fmt: skip

cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            '"',
            '""',
            '"open',
            'a"b',
            "\n",
            "\r\n",
            ",",
            "\t",
            "<script>alert(5)</script>",
            "\ufeff",
            "1e999",
            "-0",
            "NaN",
            "inf",
            "๑๒๓",
            "1,2,3",
            "@som",
            "a/b",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.just("9" * 400),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


def told_why_rows_are_fewer_than_lines(path: Path, report: ImportReport) -> bool:
    """A CSV/TSV report with fewer rows than the file has lines must say why."""
    file_report = report.files[0]
    plan, counts = file_report.plan, file_report.counts
    if plan.format not in {"csv", "tsv"} or report.error is not None or plan.encoding is None:
        return True
    text = path.read_bytes().decode(plan.encoding)
    lines = len(re.findall(r"\r\n|\r|\n", text)) + (not re.search(r"[\r\n]\Z", text))
    rows = (plan.header_row or 1) + counts.rows_read + counts.blank_rows + counts.repeated_headers
    return rows >= lines or any("lines hold" in str(w) for w in counts.warnings)


def check(workspace: Workspace, path: Path, options: ImportOptions | None = None) -> None:
    """The property: a clear outcome, and nothing written by a strict import that failed."""
    chosen = options or ImportOptions(platform=Platform.INSTAGRAM)
    before = workspace.catalogue.totals()
    failed: ImportFileError | None = None
    try:
        plans = workspace.importer.plan([path], chosen)
    except ImportFileError as error:
        failed = error
    if failed is not None:
        assert failed.problem.file == path.name
        assert str(failed).startswith(path.name)
        assert workspace.catalogue.totals() == before
        return
    report = workspace.importer.run(plans, chosen)
    assert told_why_rows_are_fewer_than_lines(path, report)
    for problem in report.files[0].problems:
        assert problem.file == path.name
        assert problem.row is not None or report.error is not None
    if report.error is not None:
        assert report.error.startswith(path.name)
    if not report.committed:
        assert workspace.catalogue.totals() == before


@st.composite
def delimited_text(draw: st.DrawFn, delimiter: str) -> str:
    width = draw(st.integers(1, 7))
    header = ["handle", *draw(st.lists(st.sampled_from(HEADERS), min_size=width, max_size=width))]
    rows = draw(st.lists(st.lists(cells, min_size=2, max_size=width + 3), min_size=1, max_size=12))
    shape = draw(st.sampled_from(["plain", "quote", "wide", "bom", "blank"]))
    lines = [header, *rows]
    if shape == "wide":
        lines[0] = header + [f"c{i}" for i in range(draw(st.sampled_from([50, MAX_COLUMNS + 1])))]

    def cell(value: str) -> str:
        if any(c in value for c in (delimiter, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    text = "\n".join(delimiter.join(cell(c) for c in line) for line in lines) + "\n"
    if shape == "quote":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + delimiter + '"never closed' + text[at:]
    if shape == "bom":
        text = "\ufeff" + text
    if shape == "blank":
        text = draw(st.sampled_from(["", "\n\n", " ", delimiter * 3]))
    return text


@pytest.mark.parametrize(("suffix", "delimiter"), [("csv", ","), ("tsv", "\t")])
@FUZZ
@given(data=st.data())
def test_generated_delimited_files(
    sqlite_workspace: Workspace, tmp_path: Path, suffix: str, delimiter: str, data: st.DataObject
) -> None:
    text = data.draw(delimited_text(delimiter))
    encoding = data.draw(st.sampled_from(["utf-8", "utf-16", "cp874"]))
    path = tmp_path / f"fuzz.{suffix}"
    path.write_bytes(text.encode(encoding, errors="replace"))
    check(sqlite_workspace, path)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(HEADERS), inner, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def json_text(draw: st.DrawFn, lines: bool) -> str:
    records = draw(st.lists(st.dictionaries(st.sampled_from(HEADERS), json_values), max_size=8))
    shape = draw(st.sampled_from(["plain", "deep", "deep objects", "broken", "huge", "keys"]))
    if shape == "deep":
        depth = draw(st.sampled_from([MAX_JSON_DEPTH - 2, MAX_JSON_DEPTH + 1, 200_000]))
        record = json.dumps({"handle": "deep", "x": 0}).replace("0", "[" * depth + "]" * depth)
        return record + "\n" if lines else f"[{record}]"
    if shape == "deep objects":
        raw = '{"a":' * 100_000 + "1" + "}" * 100_000
        return raw if not lines else raw + "\n"
    if shape == "huge":
        records.append({"handle": "big", "followers": 10**200})
        return (
            "\n".join(json.dumps(r) for r in records) if lines else json.dumps(records)
        ).replace("1" + "0" * 200, "9" * 5_000)
    if shape == "keys":
        records.append({f"k{i}": i for i in range(MAX_COLUMNS + 1)})
    text = "\n".join(json.dumps(r) for r in records) if lines else json.dumps(records)
    if shape == "broken":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["{", "]", '"', ",", "\x00"])) + text[at:]
    return text


@pytest.mark.parametrize("suffix", ["json", "jsonl"])
@FUZZ
@given(data=st.data())
def test_generated_json_files(
    sqlite_workspace: Workspace, tmp_path: Path, suffix: str, data: st.DataObject
) -> None:
    text = data.draw(json_text(suffix == "jsonl"))
    path = tmp_path / f"fuzz.{suffix}"
    path.write_text(text, encoding="utf-8")
    check(sqlite_workspace, path)


@FUZZ
@given(
    rows=st.lists(st.lists(cells, max_size=6), max_size=8),
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6),
    shape=st.sampled_from(["plain", "truncated", "garbage", "wide"]),
    seed=st.integers(0, 2**16),
)
def test_generated_workbooks(
    sqlite_workspace: Workspace,
    tmp_path: Path,
    rows: list[list[str]],
    header: list[str],
    shape: str,
    seed: int,
) -> None:
    path = tmp_path / "fuzz.xlsx"
    if shape == "wide":
        header = header + [f"c{i}" for i in range(MAX_COLUMNS)]
    cleaned = [[c for c in row if c.isprintable()] for row in rows]
    write_xlsx(path, [header, *cleaned])
    if shape == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: random.Random(seed).randrange(1, len(data))])
    if shape == "garbage":
        path.write_bytes(b"PK\x03\x04" + random.Random(seed).randbytes(2_000))
    check(sqlite_workspace, path)


@FUZZ
@given(raw=st.binary(max_size=400), suffix=st.sampled_from(["csv", "tsv", "json", "jsonl", "txt"]))
def test_random_bytes(sqlite_workspace: Workspace, tmp_path: Path, raw: bytes, suffix: str) -> None:
    path = tmp_path / f"bytes.{suffix}"
    path.write_bytes(raw)
    check(sqlite_workspace, path)


def test_byte_order_marks_are_read(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (b"", "utf-16"), (b"", "utf-32")):
        path = tmp_path / f"bom-{encoding}.csv"
        text = "handle,followers\nsom,10\n"
        path.write_bytes(bom + text.encode(encoding))
        report = sqlite_workspace.importer.run(
            sqlite_workspace.importer.plan([path], ImportOptions(platform=Platform.INSTAGRAM)),
            ImportOptions(platform=Platform.INSTAGRAM),
        )
        assert report.committed, encoding


# Nothing half-written, on both databases ------------------------------------------------------


@pytest.mark.parametrize("partial", [False, True])
def test_a_file_error_after_written_batches_leaves_nothing(
    workspace: Workspace, tmp_path: Path, partial: bool
) -> None:
    """5,000 good rows (written in batches of 2,000), then a quote that never closes."""
    path = write_csv(tmp_path / "creators.csv", [CREATORS_HEADER, *creators_rows(5_000)])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('instagram,late,"never closed,1\n' + "x,y,z\n" * (MAX_RECORD_LINES + 5))
    options = ImportOptions(partial=partial)
    before = workspace.catalogue.totals()
    report = workspace.importer.run(workspace.importer.plan([path], options), options)
    assert not report.committed
    assert report.error is not None
    assert "row 5002" in report.error
    assert "never" not in report.error or "line 5002" in report.error
    assert workspace.catalogue.totals() == before
