"""The importers' limits (issue #13): wide files, unclosed quotes, deep JSON, big workbooks,
encodings and handles each end in a clear error naming the file (and row and field)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kolscope.catalogue.formats import limits, sources, synonyms, workbooks
from kolscope.catalogue.formats.headers import header_key
from kolscope.catalogue.formats.reader import FileImportReader, read_records
from kolscope.catalogue.importing.fields import FIELDS
from kolscope.catalogue.importing.plan import FilePlan, ImportOptions
from kolscope.catalogue.importing.records import AccountRow, FileCounts, RowProblem
from kolscope.catalogue.ports import ImportFileError
from kolscope.domain.platforms import Platform, handle_problem
from tests.factories import write_xlsx

OPTIONS = ImportOptions(platform=Platform.INSTAGRAM)
WORDS = ["followers", "avg", "likes", "name", "ชื่อ", "ผู้ติดตาม", "engagement", "rate", "x"]


def plan(path: Path, options: ImportOptions = OPTIONS) -> FilePlan:
    return FileImportReader(parallel=False).plan(path, options)


def read(path: Path, options: ImportOptions = OPTIONS) -> tuple[list[object], FileCounts]:
    counts = FileCounts()
    return list(read_records(plan(path, options), options, counts)), counts


def failure(path: Path, options: ImportOptions = OPTIONS) -> RowProblem:
    with pytest.raises(ImportFileError) as caught:
        read(path, options)
    assert caught.value.problem.file == path.name
    return caught.value.problem


def wide_csv(path: Path, columns: int) -> Path:
    headers = ["handle", "followers"] + [
        f"{WORDS[i % len(WORDS)]} {WORDS[(i // 3) % len(WORDS)]} {i}" for i in range(columns - 2)
    ]
    rows = [",".join(headers)]
    rows += [",".join([f"user{r}", str(1000 + r)] + ["7"] * (columns - 2)) for r in range(5)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


# Columns -------------------------------------------------------------------------------------


def _all_synonyms(header: str, kind_fields: tuple[object, ...]) -> dict[str, float]:
    """The old way: every synonym compared with the header."""
    keys = [header_key(header), header_key(header, split_camel_case=False)]
    found: dict[str, float] = {}
    for spec in kind_fields:
        for phrase in spec.synonyms:  # type: ignore[attr-defined]
            key = header_key(phrase, split_camel_case=False)
            score = max(synonyms._score(k, key) for k in keys)
            if score > found.get(spec.name, 0.0):  # type: ignore[attr-defined]
                found[spec.name] = score  # type: ignore[attr-defined]
    return found


def test_indexed_synonyms_score_exactly_as_comparing_with_every_synonym() -> None:
    headers = ["Avg. likes", "userFollowerCount", "ชื่อ-นามสกุล", "ยอดผู้ติดตามทั้งหมด", "@", "#"]
    headers += [s for specs in FIELDS.values() for spec in specs for s in spec.synonyms]
    headers += ["Engagement rate % (avg)", "IG handle", "Total followers 2022", "", "  "]
    for kind, specs in FIELDS.items():
        for header in headers:
            expected = _all_synonyms(header, specs)
            got = {m.field: m.score for m in synonyms.matches(header, specs)}
            assert got == expected, (kind, header)
            assert list(got) == sorted(expected, key=lambda n: -expected[n]), (kind, header)


def test_planning_keys_each_header_a_bounded_number_of_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mapping compared every header with every synonym of every kind: 2,000 keys a column."""
    calls = 0
    real = header_key

    def counting(cell: object, *, split_camel_case: bool = True) -> object:
        nonlocal calls
        calls += 1
        return real(cell, split_camel_case=split_camel_case)

    monkeypatch.setattr(synonyms, "header_key", counting)
    synonyms._header_keys.cache_clear()
    synonyms._INDEXES.clear()
    planned = plan(wide_csv(tmp_path / "wide.csv", 1_000))
    assert len(planned.columns) == 1_000
    synonyms_total = sum(len(s.synonyms) for specs in FIELDS.values() for s in specs)
    assert calls <= 2 * 1_000 + synonyms_total


def test_too_many_columns_is_refused_before_mapping(tmp_path: Path) -> None:
    problem = failure(wide_csv(tmp_path / "wide.csv", 10_000))
    assert problem.row == 1
    assert "10,000 columns" in problem.message
    assert f"{limits.MAX_COLUMNS:,}" in problem.message


def test_trailing_empty_cells_do_not_count_as_columns(tmp_path: Path) -> None:
    path = tmp_path / "trailing.csv"
    path.write_text("handle,followers" + "," * 5_000 + "\nsom,100\n", encoding="utf-8")
    records, _counts = read(path)
    assert len(records) == 1


def test_wide_files_profile_fewer_rows() -> None:
    assert limits.plan_rows(5, 1_000) == 1_000
    assert limits.plan_rows(1_000, 1_000) == limits.MAX_PLAN_CELLS // 1_000


# Unclosed quotes -------------------------------------------------------------------------------


def quoted_file(path: Path, rows: int, bad: dict[int, str], delimiter: str = ",") -> Path:
    lines = ["handle,display_name,followers"] + [f"q_{i},Name {i},{1000 + i}" for i in range(rows)]
    for index, text in bad.items():
        lines[index] = text
    path.write_text("\n".join(x.replace(",", delimiter) for x in lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("suffix", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_a_quote_never_closed_names_the_row_and_field(
    tmp_path: Path, suffix: str, delimiter: str
) -> None:
    """Issue #13: a 2,999-row file imported as 2 rows with a 65,650-character name."""
    path = quoted_file(
        tmp_path / f"q.{suffix}", 2_999, {3: 'q_2,"Unterminated name,2000'}, delimiter
    )
    problem = failure(path)
    assert (problem.row, problem.field, problem.column) == (4, "display_name", "display_name")
    assert "line 4" in problem.message


def test_a_quote_open_at_the_end_of_a_short_file(tmp_path: Path) -> None:
    path = quoted_file(tmp_path / "short.csv", 10, {3: 'q_2,"Unterminated name,2000'})
    problem = failure(path)
    assert (problem.row, problem.field) == (4, "display_name")
    assert "end of the file" in problem.message
    assert "7 more lines" in problem.message


def test_rows_swallowed_by_a_late_closing_quote_are_explained(tmp_path: Path) -> None:
    path = quoted_file(
        tmp_path / "late.csv", 10, {3: 'q_2,"Opened here,2000', 8: 'q_7,Closed here",1007'}
    )
    records, counts = read(path)
    assert len(records) == 5  # ten data lines, five rows: the person must be told why
    assert any(
        "11 lines hold 6 rows" in w and "row 4, lines 4-9" in w for w in map(str, counts.warnings)
    )


def test_quoted_line_breaks_still_import(tmp_path: Path) -> None:
    path = tmp_path / "captions.csv"
    path.write_text('handle,bio,followers\nsom,"line one\nline ""two""",10\nnam,short,5\n')
    records, _counts = read(path)
    assert [r.account.bio for r in records if isinstance(r, AccountRow)] == [
        'line one\nline "two"',
        "short",
    ]


# Deep JSON -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "row"),
    [
        ("arrays.json", "[" * 200_000 + "]" * 200_000, None),
        ("objects.json", '{"a":' * 100_000 + "1" + "}" * 100_000, None),
        ("objects.jsonl", '{"handle": "som"}\n' + '{"a":' * 100_000 + "1" + "}" * 100_000, 2),
        ("arrays.jsonl", '{"handle": "som", "x": ' + "[" * 70 + "]" * 70 + "}", 1),
    ],
)
def test_deep_json_is_refused_with_the_file_and_line(
    tmp_path: Path, name: str, text: str, row: int | None
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    problem = failure(path)
    assert problem.row == row
    assert f"at most {limits.MAX_JSON_DEPTH} levels" in problem.message


def test_a_jsonl_line_past_the_record_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_RECORD_CHARS", 1_000)
    path = tmp_path / "long.jsonl"
    path.write_text('{"handle": "som"}\n{"handle": "nam", "bio": "' + "a" * 2_000 + '"}\n')
    problem = failure(path)
    assert problem.row == 2
    assert "longer than 1,000 characters" in problem.message


def test_json_with_an_integer_too_long_to_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text('{"handle": "som", "followers": ' + "9" * 5_000 + "}\n", encoding="utf-8")
    assert failure(path).row == 1


# Workbooks ------------------------------------------------------------------------------------


def _sheet_xlsx(path: Path, rows: int, *, dimension: str | None) -> Path:
    content_types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    book = (
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    )
    book_rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    )
    cells = ['<row r="1"><c r="A1" t="inlineStr"><is><t>handle</t></is></c>'
             '<c r="B1" t="inlineStr"><is><t>followers</t></is></c></row>']  # fmt: skip
    cells += [
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>user{n}</t></is></c>'
        f'<c r="B{n}"><v>{n}</v></c></row>'
        for n in range(2, rows + 2)
    ]
    size = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main">{size}<sheetData>{"".join(cells)}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("xl/workbook.xml", book)
        archive.writestr("xl/_rels/workbook.xml.rels", book_rels)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def test_a_sheet_stating_too_small_a_size_loses_no_rows(tmp_path: Path) -> None:
    path = _sheet_xlsx(tmp_path / "small.xlsx", 6, dimension="A1:B2")
    records, _counts = read(path)
    assert len(records) == 6


def test_a_big_sheet_without_its_size_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbooks, "MAX_XLSX_SHEET_WITHOUT_DIMENSION_BYTES", 10_000)
    path = _sheet_xlsx(tmp_path / "bomb.xlsx", 2_000, dimension=None)
    problem = failure(path)
    assert "does not state its size" in problem.message
    assert read(_sheet_xlsx(tmp_path / "sized.xlsx", 2_000, dimension="A1:B2001"))[0]


def test_a_workbook_unpacking_past_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbooks, "MAX_XLSX_UNCOMPRESSED_BYTES", 50_000)
    problem = failure(_sheet_xlsx(tmp_path / "big.xlsx", 2_000, dimension="A1:B2001"))
    assert "unpacks to" in problem.message


def test_rows_past_the_limit_stop_the_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbooks, "MAX_XLSX_ROWS", 100)
    declared = failure(_sheet_xlsx(tmp_path / "declared.xlsx", 200, dimension="A1:B201"))
    assert "declares 201 rows" in declared.message
    written = failure(_sheet_xlsx(tmp_path / "written.xlsx", 200, dimension="A1:B50"))
    assert written.row == 101


def test_a_wide_workbook_is_refused(tmp_path: Path) -> None:
    header = ["handle", "followers"] + [f"c{i}" for i in range(limits.MAX_COLUMNS)]
    path = write_xlsx(tmp_path / "wide.xlsx", [header, ["som", 10] + [1] * limits.MAX_COLUMNS])
    assert "1,002 columns" in failure(path).message


# Encodings -------------------------------------------------------------------------------------


def test_a_thai_code_page_file_is_read_and_the_plan_says_so(tmp_path: Path) -> None:
    path = tmp_path / "thai.csv"
    path.write_bytes("handle,ชื่อ,followers\nsom,สมชาย ใจดี,1000\n".encode("cp874"))
    planned = plan(path)
    assert "the file is not UTF-8 text: read as windows-874 (Thai)" in [
        str(w) for w in planned.warnings
    ]
    assert planned.preview[0]["account"]["display_name"] == "สมชาย ใจดี"


def test_utf8_with_a_broken_byte_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes("handle,ชื่อ,followers\nsom,สมชาย,1000\nnam,สม\xffหญิง,5\n".encode())
    path.write_bytes(path.read_bytes().replace("\xff".encode(), b"\xff"))
    problem = failure(path)
    assert "not valid utf-8 text at line 3" in problem.message


# Handles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "handle"),
    [
        (Platform.INSTAGRAM, "<script>alert(5)</script>"),
        (Platform.INSTAGRAM, "som review"),
        (Platform.INSTAGRAM, "a" * 31),
        (Platform.TIKTOK, "som/review"),
        (Platform.X, "som.review"),
        (Platform.YOUTUBE, "<script>alert(5)</script>"),
        (Platform.OTHER, "tab\there"),
        (Platform.FACEBOOK, "n" * 101),
    ],
)
def test_impossible_handles_are_refused(platform: Platform, handle: str) -> None:
    assert handle_problem(platform, handle) is not None


@pytest.mark.parametrize(
    ("platform", "handle"),
    [
        (Platform.INSTAGRAM, "som.review_2"),
        (Platform.TIKTOK, "a"),
        (Platform.X, "som_review"),
        (Platform.YOUTUBE, "ChuChu TV Nursery Rhymes & Kids Songs"),
        (Platform.YOUTUBE, "أترو/Atro"),
        (Platform.FACEBOOK, "ร้านสมชาย"),
    ],
)
def test_real_handles_and_names_pass(platform: Platform, handle: str) -> None:
    assert handle_problem(platform, handle) is None


def test_a_script_handle_is_a_row_problem_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "xss.csv"
    path.write_text("handle,followers\n<script>alert(5)</script>,10\nsom,5\n", encoding="utf-8")
    records, _counts = read(path)
    problems = [r for r in records if isinstance(r, RowProblem)]
    assert [(p.row, p.field, p.value) for p in problems] == [
        (2, "handle", "<script>alert(5)</script>")
    ]
