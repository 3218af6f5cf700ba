"""Import jobs without I/O: options to JSON and back, titles, progress over several files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from kolscope.catalogue.importing.jobs import (
    IMPORT,
    _JobProgress,
    default_title,
    import_params,
    options_from_params,
    options_to_params,
)
from kolscope.catalogue.importing.plan import FilePlan, ImportOptions
from kolscope.catalogue.importing.records import FileCounts, ImportKind
from kolscope.domain.platforms import Platform


def test_import_options_survive_the_trip_through_json() -> None:
    options = ImportOptions(
        kind=ImportKind.FOLLOWERS,
        platform=Platform.TIKTOK,
        as_of=date(2026, 11, 1),
        mapping={"followers": "Fans", "bio": None},
        account=(Platform.TIKTOK, "som.review"),
        encoding="cp874",
        sheet="Data",
        partial=True,
        source="agency export",
    )
    params = options_to_params(options)
    assert params["account"] == ["tiktok", "som.review"]
    assert options_from_params(params) == options
    assert options_from_params(options_to_params(ImportOptions())) == ImportOptions()
    job_params = import_params([Path("a.csv")], options, dry_run=True)
    assert Path(job_params["files"][0]).is_absolute()
    assert job_params["dry_run"] is True
    assert IMPORT == "import"


def test_import_titles() -> None:
    assert str(default_title([Path("x/ig.csv")], dry_run=False)) == "Import of ig.csv"
    title = default_title([Path("a.csv"), Path("b.csv"), Path("c.csv")], dry_run=True)
    assert str(title) == "Dry run of a.csv and 2 more files"
    assert title.code == "import.job.title.dry_run.many"
    assert dict(title.params) == {"file": "a.csv", "more": 2}


def _plan(name: str, rows: int | None) -> FilePlan:
    return FilePlan(
        Path(name), "csv", "utf-8", ImportKind.CREATORS, "", Platform.INSTAGRAM, "",
        date(2026, 11, 1), "", 1, (), name, "0" * 64, estimated_rows=rows,
    )  # fmt: skip


def test_import_progress_counts_rows_over_every_file() -> None:
    seen: list[tuple[int, int | None, str | None]] = []
    first, second = _plan("a.csv", 100), _plan("b.csv", 50)
    tracker = _JobProgress([first, second], lambda d, t, m: seen.append((d, t, str(m))))
    tracker.file_started(first)
    tracker.rows_done(first, 40)
    tracker.file_finished(first, FileCounts(rows_read=90))
    tracker.file_started(second)
    tracker.rows_done(second, 50)
    tracker.file_finished(second, FileCounts(rows_read=50))
    assert seen[1] == (40, 150, "importing a.csv (1 of 2)")
    assert seen[2] == (90, 140, "importing a.csv (1 of 2)")
    assert seen[-1] == (140, 140, "importing b.csv (2 of 2)")
    unknown: list[tuple[int, int | None, str | None]] = []
    lonely = _plan("c.jsonl", None)
    coded: list[Any] = []
    _JobProgress([lonely], lambda d, t, m: coded.append(m)).rows_done(lonely, 10)
    _JobProgress([lonely], lambda d, t, m: unknown.append((d, t, str(m)))).rows_done(lonely, 10)
    assert unknown == [(10, None, "importing c.jsonl")]
    assert coded[0].code == "import.job.note"
    assert coded[0].params == {"file": "c.jsonl"}
