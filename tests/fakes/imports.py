"""Import files and the import log in memory: ``FileReader`` and ``ImportLog``.

``FakeFileReader`` holds canned files: ``add`` gives a name the records (and row problems)
reading it would yield, in order, and ``plan`` returns a plan for it without opening anything.
An exception among the items is raised when reading reaches it (a file that breaks half way,
or a Ctrl+C). Detection is not faked: a plan says what ``add`` or the options said.

``FakeImportLog`` follows ``SqlImportLog``: imports newest first, seen by their organisation
(unowned ones by the first organisation), a running import whose process died (``kill``) and
whose heartbeat is older than ``stale_after`` reads as interrupted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from kolscope.catalogue.db.uow import INTERRUPTED, INTERRUPTED_ERROR, RUNNING
from kolscope.catalogue.importing.plan import FilePlan, ImportOptions
from kolscope.catalogue.importing.records import FileCounts, ImportKind, ImportRecord, RowProblem
from kolscope.catalogue.ports import ImportFileError
from kolscope.catalogue.views import ImportSummary
from kolscope.domain.platforms import Platform
from kolscope.jobs.service import STALE_AFTER
from tests.fakes.tenancy import NoOrganisations, Tenancy, visible_to

Item = ImportRecord | RowProblem | BaseException


@dataclass(frozen=True)
class CannedFile:
    kind: ImportKind
    items: tuple[Item, ...]
    platform: Platform | None
    as_of: date


class FakeFileReader:
    def __init__(self, today: date = date(2026, 11, 1)) -> None:
        self.files: dict[str, CannedFile] = {}
        self._today = today

    def add(
        self,
        name: str,
        kind: ImportKind,
        items: Sequence[Item],
        *,
        platform: Platform | None = None,
        as_of: date | None = None,
    ) -> Path:
        """A file called ``name``; its path (nothing is written there)."""
        self.files[name] = CannedFile(kind, tuple(items), platform, as_of or self._today)
        return Path(name)

    def plan(self, path: Path, options: ImportOptions) -> FilePlan:
        canned = self.files.get(path.name)
        if canned is None:
            raise ImportFileError(RowProblem(path.name, None, None, "the file does not exist"))
        return FilePlan(
            path=path,
            format="csv",
            encoding="utf-8",
            kind=options.kind or canned.kind,
            kind_reason="canned",
            platform=options.platform or canned.platform,
            platform_reason="canned",
            as_of=options.as_of or canned.as_of,
            as_of_reason="canned",
            header_row=1,
            columns=(),
            source=options.source or path.name,
            sha256=hashlib.sha256(path.name.encode()).hexdigest(),
            estimated_rows=len(canned.items),
        )

    def records(
        self, plan: FilePlan, options: ImportOptions, counts: FileCounts
    ) -> Iterator[ImportRecord | RowProblem]:
        for item in self.files[plan.path.name].items:
            if isinstance(item, BaseException):
                raise item
            counts.rows_read += 1
            yield item


@dataclass(frozen=True)
class LoggedImport:
    summary: ImportSummary
    organisation_id: int | None
    job_id: int | None
    heartbeat_at: datetime


class FakeImportLog:
    def __init__(
        self,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        tenancy: Tenancy | None = None,
        *,
        stale_after: timedelta = STALE_AFTER,
    ) -> None:
        self.imports: dict[int, LoggedImport] = {}
        self.alive: set[int] = set()  # imports whose process still beats
        self.stale_after = stale_after
        self._now = clock
        self._tenancy = tenancy or NoOrganisations()

    def start_import(
        self,
        kind: str,
        files: list[dict[str, Any]],
        *,
        organisation_id: int | None = None,
        job_id: int | None = None,
    ) -> int:
        now = self._now()
        import_id = len(self.imports) + 1
        summary = ImportSummary(import_id, now, None, RUNNING, kind, files, None, None)
        self.imports[import_id] = LoggedImport(summary, organisation_id, job_id, now)
        self.alive.add(import_id)
        return import_id

    def finish_import(
        self, import_id: int, status: str, summary: dict[str, Any], error: str | None
    ) -> None:
        self.alive.discard(import_id)
        logged = self.imports[import_id]
        done = replace(
            logged.summary, finished_at=self._now(), status=status, summary=summary, error=error
        )
        self.imports[import_id] = replace(logged, summary=done)

    def kill(self, import_id: int) -> None:
        """The process running the import died: its heartbeat stops."""
        self.alive.discard(import_id)

    def recent_imports(self, limit: int, organisation_id: int | None = None) -> list[ImportSummary]:
        found = [
            self._shown(logged)
            for _id, logged in sorted(self.imports.items(), reverse=True)
            if organisation_id is None
            or visible_to(logged.organisation_id, organisation_id, self._tenancy)
        ]
        return found[:limit]

    def import_of_job(self, job_id: int) -> ImportSummary | None:
        for _id, logged in sorted(self.imports.items(), reverse=True):
            if logged.job_id == job_id and logged.summary.status == "succeeded":
                return logged.summary
        return None

    def interrupt_job_imports(self, job_id: int) -> None:
        self._interrupt([i for i, logged in self.imports.items() if logged.job_id == job_id])

    def interrupt_stale(self, heartbeat_before: datetime) -> list[int]:
        stale = [
            i
            for i, logged in self.imports.items()
            if logged.summary.status == RUNNING
            and i not in self.alive
            and logged.heartbeat_at < heartbeat_before
        ]
        self._interrupt(stale)
        return stale

    def _interrupt(self, ids: list[int]) -> None:
        for import_id in ids:
            logged = self.imports[import_id]
            if logged.summary.status == RUNNING:
                self.alive.discard(import_id)
                done = replace(
                    logged.summary,
                    status=INTERRUPTED,
                    error=INTERRUPTED_ERROR,
                    finished_at=self._now(),
                )
                self.imports[import_id] = replace(logged, summary=done)

    def _shown(self, logged: LoggedImport) -> ImportSummary:
        summary = logged.summary
        if summary.status != RUNNING or summary.id in self.alive:
            return summary
        if logged.heartbeat_at < self._now() - self.stale_after:
            return replace(summary, status=INTERRUPTED, error=INTERRUPTED_ERROR)
        return summary
