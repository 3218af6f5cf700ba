"""The ports the services need; adapters implement them and ``bootstrap`` wires them in.

Everything that crosses a port is a domain object or a frozen dataclass from ``services``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

from kolscope.catalogue.importing.plan import FilePlan, ImportOptions
from kolscope.catalogue.importing.records import (
    AccountRow,
    AudienceRow,
    CommentRow,
    FileCounts,
    FollowerRow,
    ImportRecord,
    PostRow,
    RowProblem,
)
from kolscope.catalogue.views import (
    AccountDetail,
    AccountPage,
    AccountQuery,
    CatalogueTotals,
    CommentStamp,
    ImportSummary,
)
from kolscope.domain.brands import Brand
from kolscope.domain.content import Comment
from kolscope.domain.messages import Message
from kolscope.domain.platforms import Platform


@dataclass(slots=True)
class BatchOutcome:
    """What writing one batch did: new and changed rows, repeats and rows the store refused."""

    created: int = 0
    updated: int = 0
    duplicates: list[tuple[int, Message]] = field(default_factory=list)  # (row, why)
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (row, field, message)


class ImportFileError(Exception):
    """A file cannot be read at all (format, encoding, no header, unknown platform)."""

    def __init__(self, problem: RowProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class FileReader(Protocol):
    """Reads import files: plans how (detection) and streams the rows as records."""

    def plan(self, path: Path, options: ImportOptions) -> FilePlan: ...

    def records(
        self, plan: FilePlan, options: ImportOptions, counts: FileCounts
    ) -> Iterator[ImportRecord | RowProblem]: ...


class CatalogueWriter(Protocol):
    """Writes imported records. Each method takes one batch; the unit of work commits."""

    def write_accounts(self, rows: Sequence[AccountRow], import_id: int) -> BatchOutcome: ...

    def write_posts(self, rows: Sequence[PostRow], import_id: int) -> BatchOutcome: ...

    def write_comments(self, rows: Sequence[CommentRow], import_id: int) -> BatchOutcome: ...

    def write_audience(self, rows: Sequence[AudienceRow], import_id: int) -> BatchOutcome: ...

    def write_followers(self, rows: Sequence[FollowerRow], import_id: int) -> BatchOutcome: ...

    def tracked_handles(self, platform: Platform, keys: Iterable[str]) -> set[str]:
        """Which of these handle keys belong to accounts in the workspace."""
        ...

    def save_brand(self, brand: Brand) -> Brand: ...


class ImportLog(Protocol):
    """The record of imports, written outside the import's own transaction so failures stay.

    A running import keeps a heartbeat while its process lives; one whose heartbeat is stale
    reads as "interrupted" (its process was killed: its transaction never committed)."""

    def start_import(
        self,
        kind: str,
        files: list[dict[str, Any]],
        *,
        organisation_id: int | None = None,
        job_id: int | None = None,
    ) -> int: ...

    def finish_import(
        self, import_id: int, status: str, summary: dict[str, Any], error: str | None
    ) -> None: ...

    def recent_imports(self, limit: int, organisation_id: int | None = None) -> list[ImportSummary]:
        """Newest first; with ``organisation_id`` only the imports it may see."""
        ...

    def import_of_job(self, job_id: int) -> ImportSummary | None:
        """The import that job committed, if one did."""
        ...

    def interrupt_job_imports(self, job_id: int) -> None:
        """Record the still-running imports of that job's earlier attempts as interrupted."""
        ...


class CatalogueReader(Protocol):
    def find_accounts(self, query: AccountQuery) -> AccountPage: ...

    def account_detail(self, platform: Platform, handle: str) -> AccountDetail | None: ...

    def totals(self) -> CatalogueTotals: ...

    def brands(self, organisation_id: int | None = None) -> list[Brand]: ...


class CommentSource(Protocol):
    """One account's comments in bulk, across its posts (for reading their quality)."""

    def comment_stamp(self, account_id: int) -> CommentStamp:
        """How many comments the account has and the newest id and import among them."""
        ...

    def latest_comments(self, account_id: int, limit: int) -> tuple[Comment, ...]:
        """Its ``limit`` most recent comments, newest first (undated ones last)."""
        ...


class UnitOfWork(Protocol):
    """One transaction: everything written through ``catalogue`` commits together or not at all."""

    @property
    def catalogue(self) -> CatalogueWriter: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def finish_import(
        self, import_id: int, status: str, summary: dict[str, Any], error: str | None
    ) -> None:
        """Record the import's outcome in the import log inside this transaction."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
