"""Every CSV and XLSX kolscope writes opens safely in a spreadsheet: no cell starts a formula
(full-width forms included) and any shortlist name makes a valid sheet title (issue #13 items 9
and 15)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from kolscope.bootstrap import Workspace
from kolscope.entrypoints.cli.app import app
from kolscope.entrypoints.web.app import create_app
from kolscope.infra.spreadsheet_cells import safe_cell, sheet_title, starts_a_formula
from kolscope.infra.table_files import write_table
from tests.e2e.conftest import People, import_rows, log_in
from tests.factories import write_csv

FORMULAS = ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "＝1+1", "＋1", "－1", "＠x", "﹦1", "−1"]
HARMLESS = ["1+1", "รีวิว =1", "a-b", "", "'=1"]
NAMES = ["Q1/Q2 [beauty]?", "a:b*c\\d", "'quoted'", "???", "x" * 40, "เปิดตัว Q1"]


@pytest.fixture
def database() -> None:
    """SQLite is enough: the files do not depend on the database."""


@pytest.mark.parametrize("text", FORMULAS)
def test_formulas_are_neutralised(text: str) -> None:
    assert starts_a_formula(text)
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_and_numbers_are_kept(text: str) -> None:
    assert safe_cell(text) == text
    assert safe_cell(-5) == -5
    assert safe_cell(None) is None


@pytest.mark.parametrize("name", NAMES)
def test_any_name_makes_a_valid_sheet_title(name: str, tmp_path: Path) -> None:
    title = sheet_title(name)
    assert title
    assert len(title) <= 31
    assert not re.search(r"[\\/?*\[\]:]", title)
    assert not title.startswith("'")
    assert not title.endswith("'")
    path = tmp_path / "out.xlsx"
    assert write_table(path, ["a"], [{"a": "＝1+1"}], title=name) == 1
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == [title]
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows == [("a",), ("'＝1+1",)]


def test_the_web_exports_a_shortlist_with_a_hostile_name(
    workspace: Workspace, people: People, tmp_path: Path
) -> None:
    import_rows(
        workspace,
        write_csv(
            tmp_path / "ig.csv",
            [
                ["platform", "handle", "display_name", "followers", "bio"],
                ["instagram", "mint.review", "＝HYPERLINK(1)", "9,000", "＋cmd"],
            ],
        ),
    )
    workspace.discovery_index.refresh()
    name = "Q1/Q2 [beauty]?"
    made = workspace.shortlists.create(name, people.owner.organisation.id)
    workspace.shortlists.add(
        name, ["instagram:mint.review"], people.owner.organisation.id, note="＠note"
    )
    client = TestClient(create_app(workspace), follow_redirects=False)
    log_in(client, workspace, people.owner)
    xlsx = client.get(f"/shortlists/{made.id}/export.xlsx")
    assert xlsx.status_code == 200, xlsx.text[:300]
    book = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    assert book.sheetnames == ["Q1 Q2 beauty"]
    cells = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row]
    assert "'＠note" in cells
    assert not any(isinstance(c, str) and starts_a_formula(c) for c in cells)
    exported = client.get(f"/shortlists/{made.id}/export.csv").content.decode("utf-8-sig")
    texts = [c for row in csv.reader(io.StringIO(exported)) for c in row]
    assert "'＠note" in texts
    assert not any(starts_a_formula(c) for c in texts)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *arguments: str) -> Any:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("KOLSCOPE_WORKSPACE", str(tmp_path / "workspace"))
    return CliRunner().invoke(app, list(arguments))


def test_comments_analyse_csv_neutralises_formulas(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "c.csv", [["comment", "author"], ["＝1+1 สวยมาก", "=evil"]])
    out = tmp_path / "out.csv"
    result = _run(monkeypatch, tmp_path, "comments", "analyse", str(source), "--output", str(out))
    assert result.exit_code == 0, result.output
    rows = _read(out)
    assert rows[0]["comment"] == "'＝1+1 สวยมาก"
    assert rows[0]["author"] == "'=evil"
    assert not any(starts_a_formula(v) for row in rows for v in row.values() if v)


def test_followers_score_csv_neutralises_formulas(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    header = ["followers", "following", "posts", "bio", "has_profile_picture", "private"]
    rows: list[list[Any]] = [[*header, "username"], [120, 300, 10, "－1+2", "yes", "no", "@user"]]
    source = write_csv(tmp_path / "f.csv", rows)
    out = tmp_path / "scored.csv"
    result = _run(monkeypatch, tmp_path, "followers", "score", str(source), "--output", str(out))
    assert result.exit_code == 0, result.output
    scored = _read(out)
    assert scored[0]["bio"] == "'－1+2"
    assert scored[0]["username"] == "'@user"
    assert scored[0]["followers"] == "120"
