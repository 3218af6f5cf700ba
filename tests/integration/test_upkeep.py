"""After bulk writes the tables written are vacuumed and analysed (PostgreSQL) or their
statistics refreshed (SQLite), and that upkeep never fails the write it follows."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from kolscope.bootstrap import Workspace
from kolscope.catalogue.formats.reader import FileImportReader
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.catalogue.importing.service import ImportService
from kolscope.infra.db.upkeep import (
    TIDY_AFTER_ROWS,
    tidy_after_import,
    tidy_tables,
)
from tests.factories import write_csv


def _last_upkeep(workspace: Workspace, table: str) -> tuple[object, object]:
    with workspace.engine.connect() as db:
        row = db.execute(
            text(
                "SELECT last_vacuum, last_analyze FROM pg_stat_user_tables "
                "WHERE schemaname = current_schema() AND relname = :name"
            ),
            {"name": table},
        ).one()
    return row[0], row[1]


def _creators_file(tmp_path: Path, rows: int) -> Path:
    return write_csv(
        tmp_path / "creators.csv",
        [["platform", "handle", "followers"]]
        + [["instagram", f"creator_{n}", str(1000 + n)] for n in range(rows)],
    )


def test_a_big_import_vacuums_and_analyses_what_it_wrote(
    workspace: Workspace, tmp_path: Path
) -> None:
    options = ImportOptions()
    path = _creators_file(tmp_path, TIDY_AFTER_ROWS)
    report = workspace.importer.run(workspace.importer.plan([path], options), options)
    assert report.committed
    if workspace.engine.dialect.name != "postgresql":
        return  # PRAGMA optimize ran; SQLite keeps no record of it to check
    for table in ("creators", "accounts", "account_snapshots"):
        vacuumed, analysed = _last_upkeep(workspace, table)
        assert vacuumed is not None, table
        assert analysed is not None, table
    assert _last_upkeep(workspace, "comments") == (None, None)  # not written: left alone


def test_small_imports_leave_upkeep_to_the_database(workspace: Workspace, tmp_path: Path) -> None:
    options = ImportOptions()
    path = _creators_file(tmp_path, 5)
    assert workspace.importer.run(workspace.importer.plan([path], options), options).committed
    if workspace.engine.dialect.name == "postgresql":
        assert _last_upkeep(workspace, "accounts") == (None, None)
    assert tidy_after_import(workspace.engine, ["creators"], TIDY_AFTER_ROWS - 1) == 0.0


def test_the_importer_reports_what_it_wrote_to_its_upkeep(
    workspace: Workspace, tmp_path: Path
) -> None:
    seen: list[tuple[list[str], int]] = []

    def after_write(kinds: Sequence[str], rows: int) -> None:
        seen.append((list(kinds), rows))

    importer = ImportService(
        FileImportReader(),
        workspace.unit_of_work,
        workspace.import_log,
        workspace.config.pseudonym_secret,
        after_write=after_write,
    )
    options = ImportOptions()
    path = _creators_file(tmp_path, 7)
    assert importer.run(importer.plan([path], options), options, dry_run=True).committed is False
    assert seen == []  # nothing written, nothing to tidy
    assert importer.run(importer.plan([path], options), options).committed
    assert seen == [(["creators"], 7)]


def test_upkeep_never_fails_the_write_it_follows() -> None:
    unreachable = create_engine("postgresql+psycopg://nobody@127.0.0.1:9/none")
    assert tidy_tables(unreachable, ["accounts"]) >= 0.0  # logged, not raised


def test_upkeep_takes_only_kolscope_tables(workspace: Workspace) -> None:
    with pytest.raises(ValueError, match="not kolscope tables"):
        tidy_tables(workspace.engine, ['accounts"; DROP TABLE accounts; --'])
