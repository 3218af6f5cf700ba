"""Every real export in ../shared/data/influencers-2022 imports whole, with the right numbers.

The numbers are checked against an independent reading of the raw cells (not kolscope's
parser), and monthly files of the same accounts must give one account with several snapshots.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from kolscope.bootstrap import Workspace
from kolscope.catalogue.creators import CreatorFilters
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.domain.creators import PlatformAccount, handle_key
from kolscope.domain.platforms import Platform

pytestmark = pytest.mark.realdata

_UNITS = {"": 1, "K": 1_000, "M": 1_000_000, "B": 1_000_000_000}


def independent_count(text: str) -> float | None:
    """A deliberately simple reader of the cells these exports contain."""
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([KMB]?)\s*", text)
    if match is None:
        return None
    return float(match[1]) * _UNITS[match[2]]


@pytest.fixture(scope="module")
def export_files(shared_data: Path) -> list[Path]:
    files = sorted((shared_data / "influencers-2022").glob("*.csv"))
    assert len(files) >= 12
    return files


def raw_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    data = [r for r in rows[1:] if any(c.strip() for c in r)]
    return rows[0], data


def all_accounts(workspace: Workspace) -> dict[tuple[Platform, str], PlatformAccount]:
    found: dict[tuple[Platform, str], PlatformAccount] = {}
    offset = 0
    while True:
        page = workspace.creators.list(
            CreatorFilters(limit=1000, offset=offset, sort="handle", with_snapshots=True)
        ).page
        for account in page.accounts:
            found[(account.platform, account.key)] = account
        offset += len(page.accounts)
        if offset >= page.total or not page.accounts:
            return found


def test_every_export_imports_every_row(workspace: Workspace, export_files: list[Path]) -> None:
    options = ImportOptions()
    plans = workspace.importer.plan(export_files, options)
    report = workspace.importer.run(plans, options)
    assert report.committed, report.to_dict()
    for item in report.files:
        _header, data = raw_rows(item.plan.path)
        counts = item.counts
        assert counts.rows_read == len(data), item.plan.name
        assert counts.rejected == 0, item.plan.name
        assert counts.imported + counts.duplicates == counts.rows_read, item.plan.name
        assert item.plan.platform in {Platform.INSTAGRAM, Platform.TIKTOK, Platform.YOUTUBE}

    stored = all_accounts(workspace)
    for plan in plans:
        _header, data = raw_rows(plan.path)
        fields = plan.fields()
        handle_column = fields["handle"][0].index
        follower_columns = [c.index for c in fields["followers"]]
        seen: set[str] = set()
        checked = 0
        for row in data:
            key = handle_key(row[handle_column])
            if key in seen:
                continue  # a repeat: the first row is the one kept
            seen.add(key)
            readings = [independent_count(row[i]) for i in follower_columns]
            expected = next(r for r in sorted(readings, key=lambda r: -(r or 0)) if r is not None)
            exact = [
                r
                for i, r in zip(follower_columns, readings, strict=True)
                if r is not None and not re.search(r"[KMB]", row[i])
            ]
            if exact:
                expected = exact[0]
            assert plan.platform is not None
            found = stored.get((plan.platform, key))
            assert found is not None, (plan.name, row[handle_column])
            snapshot = next(
                s for s in found.snapshots if s.source == plan.source and s.taken_on == plan.as_of
            )
            assert snapshot.followers == pytest.approx(expected, rel=1e-9, abs=0.5), (
                plan.name,
                row,
            )
            checked += 1
        assert checked == len(seen)


def test_monthly_files_make_one_account_with_several_snapshots(
    workspace: Workspace, export_files: list[Path]
) -> None:
    options = ImportOptions()
    workspace.importer.run(workspace.importer.plan(export_files, options), options)
    detail = workspace.creators.show(Platform.INSTAGRAM, "cristiano")
    assert detail is not None
    dates = [s.taken_on for s in detail.account.snapshots]
    assert {date(2022, 6, 1), date(2022, 9, 1), date(2022, 11, 1)} <= set(dates)
    assert len(dates) == len(set(dates))
    assert detail.account.followers == detail.account.snapshots[-1].followers
    youtube = workspace.creators.show(Platform.YOUTUBE, "tseries")
    assert youtube is not None
    assert youtube.account.display_name == "T-Series"
    assert len(youtube.account.snapshots) >= 3
    repeated = Counter(
        platform
        for (platform, _key), account in all_accounts(workspace).items()
        if len({s.taken_on for s in account.snapshots}) > 1
    )
    assert min(repeated[p] for p in (Platform.INSTAGRAM, Platform.TIKTOK, Platform.YOUTUBE)) > 300


def test_reimporting_the_exports_changes_nothing(
    sqlite_workspace: Workspace, export_files: list[Path]
) -> None:
    options = ImportOptions()
    sqlite_workspace.importer.run(sqlite_workspace.importer.plan(export_files, options), options)
    before = sqlite_workspace.catalogue.totals()
    again = sqlite_workspace.importer.run(
        sqlite_workspace.importer.plan(export_files, options), options
    )
    assert again.committed
    assert sum(f.counts.created for f in again.files) == 0
    assert sqlite_workspace.catalogue.totals() == before
