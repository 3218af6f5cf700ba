"""The import use case: plan files, stream their rows in batches, write them in one transaction.

Strict by default: if any row has a problem, nothing is written and every problem is reported
(file, row, field). With ``partial`` the good rows are written and each rejected row is listed.
A dry run does all the work, checks included, then rolls back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from kolscope.catalogue.importing.bulk import bulk_work
from kolscope.catalogue.importing.kinds import KINDS
from kolscope.catalogue.importing.plan import FilePlan, ImportOptions
from kolscope.catalogue.importing.records import (
    CommentRow,
    FileCounts,
    ImportKind,
    ImportRecord,
    RowProblem,
)
from kolscope.catalogue.messages import ROW
from kolscope.catalogue.ports import (
    BatchOutcome,
    CatalogueWriter,
    FileReader,
    ImportFileError,
    ImportLog,
    UnitOfWork,
)
from kolscope.catalogue.views import ImportSummary
from kolscope.domain.creators import handle_key
from kolscope.domain.messages import Message
from kolscope.domain.platforms import Platform
from kolscope.domain.privacy import pseudonym

BATCH_SIZE = 2000
PROBLEMS_KEPT = 1000


class ImportStoppedError(BaseException):
    """The process was asked to stop (SIGTERM) during an import: like Ctrl+C, it unwinds the
    import (rolled back, recorded as interrupted) rather than being caught as an error."""


class ImportProgress(Protocol):
    def file_started(self, plan: FilePlan) -> None: ...

    def rows_done(self, plan: FilePlan, rows: int) -> None: ...

    def file_finished(self, plan: FilePlan, counts: FileCounts) -> None: ...


@dataclass(slots=True)
class FileReport:
    plan: FilePlan
    counts: FileCounts = field(default_factory=FileCounts)
    problems: list[RowProblem] = field(default_factory=list)
    problem_count: int = 0

    def add_problem(self, problem: RowProblem) -> None:
        self.problem_count += 1
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append(problem)

    def to_dict(self) -> dict[str, Any]:
        c = self.counts
        return {
            "file": str(self.plan.path),
            "kind": self.plan.kind.value,
            "platform": self.plan.platform.value if self.plan.platform else None,
            "as_of": self.plan.as_of.isoformat(),
            "source": self.plan.source,
            "sha256": self.plan.sha256,
            "rows_read": c.rows_read,
            "imported": c.imported,
            "created": c.created,
            "updated": c.updated,
            "duplicates": c.duplicates,
            "rejected": c.rejected,
            "blank_rows": c.blank_rows,
            "repeated_headers": c.repeated_headers,
            "warnings": [str(w) for w in c.warnings],
            "warning_messages": [w.to_dict() for w in c.warnings],
            "warning_count": c.warning_count,
            "problems": [str(p) for p in self.problems],
            "problem_messages": [p.to_message().to_dict() for p in self.problems],
            "problem_count": self.problem_count,
        }


@dataclass(slots=True)
class ImportReport:
    files: list[FileReport]
    committed: bool
    dry_run: bool
    partial: bool
    import_id: int | None = None
    error: str | None = None
    error_message: Message | None = None  # ``error``'s coded form, when a file could not be read

    @property
    def problem_count(self) -> int:
        return sum(f.problem_count for f in self.files)

    @property
    def status(self) -> str:
        if self.dry_run:
            return "dry-run"
        return "succeeded" if self.committed else "failed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "import_id": self.import_id,
            "status": self.status,
            "committed": self.committed,
            "dry_run": self.dry_run,
            "partial": self.partial,
            "error": self.error,
            "error_message": self.error_message.to_dict() if self.error_message else None,
            "problem_count": self.problem_count,
            "files": [f.to_dict() for f in self.files],
        }


class ImportService:
    def __init__(
        self,
        reader: FileReader,
        unit_of_work: Callable[[], UnitOfWork],
        log: ImportLog,
        pseudonym_secret: str,
        batch_size: int = BATCH_SIZE,
        after_write: Callable[[Sequence[str], int], object] | None = None,
    ) -> None:
        """``after_write(kinds, rows)`` runs after every import that committed rows, with the
        kinds of file imported and the rows imported (the database's upkeep of the tables
        written: adapters/db/upkeep.py)."""
        self._reader = reader
        self._uow = unit_of_work
        self._log = log
        self._secret = pseudonym_secret
        self._batch_size = batch_size
        self._after_write = after_write

    def recent_imports(self, limit: int, organisation_id: int | None) -> list[ImportSummary]:
        """The latest imports this organisation may see, newest first."""
        return self._log.recent_imports(limit, organisation_id)

    def plan(self, paths: Sequence[Path], options: ImportOptions) -> list[FilePlan]:
        """How each file will be read. Raises ``ImportFileError`` for a file that cannot be."""
        return [self._reader.plan(path, options) for path in paths]

    def run(
        self,
        plans: Sequence[FilePlan],
        options: ImportOptions,
        *,
        dry_run: bool = False,
        progress: ImportProgress | None = None,
        organisation_id: int | None = None,
        job_id: int | None = None,
    ) -> ImportReport:
        """Import the planned files in one transaction. The import log records the import
        for ``organisation_id`` (None: the workspace's own) and the job running it; a
        successful import's outcome is recorded inside its transaction, so the log never
        says "running" (or a retried job imports again) for rows that were committed."""
        kinds = sorted({p.kind.value for p in plans})
        import_id = self._log.start_import(
            "+".join(kinds),
            [p.to_dict() | {"preview": []} for p in plans],
            organisation_id=organisation_id,
            job_id=job_id,
        )
        report = ImportReport(
            [FileReport(p) for p in plans],
            committed=False,
            dry_run=dry_run,
            partial=options.partial,
            import_id=import_id,
        )
        written = False  # the transaction committed
        try:
            with bulk_work(), self._uow() as uow:
                for file_report in report.files:
                    self._import_file(uow.catalogue, file_report, options, import_id, progress)
                strict_failure = report.problem_count > 0 and not options.partial
                if dry_run or strict_failure:
                    uow.rollback()
                else:
                    report.committed = True
                    uow.finish_import(import_id, report.status, report.to_dict(), None)
                    uow.commit()
                    written = True
        except ImportFileError as error:
            report.committed = False
            report.error = str(error)
            report.error_message = error.problem.to_message()
            owner = next((f for f in report.files if f.plan.name == error.problem.file), None)
            if owner is not None:
                owner.add_problem(error.problem)
        except Exception as error:
            if written:  # committed and recorded; what failed came after
                self._log.finish_import(import_id, report.status, report.to_dict(), None)
                raise
            report.committed = False
            report.error = f"{type(error).__name__}: {error}"
            self._log.finish_import(import_id, "failed", report.to_dict(), report.error)
            raise
        except BaseException as stop:  # Ctrl+C, or SIGTERM turned into ImportStoppedError
            if not written:  # rolled back as the unit of work closed
                report.committed = False
                reason = str(stop) or type(stop).__name__
                report.error = f"stopped ({reason}) before the end; nothing was written"
                for file_report in report.files:
                    file_report.counts.rolled_back()
                self._log.finish_import(import_id, "interrupted", report.to_dict(), report.error)
            raise
        if written and self._after_write is not None:
            kinds_written = sorted({f.plan.kind.value for f in report.files})
            self._after_write(kinds_written, sum(f.counts.imported for f in report.files))
        if not report.committed:
            _nothing_kept(report)
        first = next((p for f in report.files for p in f.problems), None)
        error_text = report.error or (str(first) if first and not report.committed else None)
        self._log.finish_import(import_id, report.status, report.to_dict(), error_text)
        return report

    def import_of_job(self, job_id: int) -> ImportSummary | None:
        """The import a job already committed (its retry reports it instead of importing)."""
        return self._log.import_of_job(job_id)

    def interrupt_job_imports(self, job_id: int) -> None:
        self._log.interrupt_job_imports(job_id)

    def _import_file(
        self,
        catalogue: CatalogueWriter,
        report: FileReport,
        options: ImportOptions,
        import_id: int,
        progress: ImportProgress | None,
    ) -> None:
        plan = report.plan
        counts = report.counts
        if progress:
            progress.file_started(plan)
        writing = True
        done = 0
        records = self._reader.records(plan, options, counts)
        for batch, problems in _batches(records, self._batch_size):
            for problem in problems:
                report.add_problem(problem)
            rejected_rows = {p.row for p in problems}
            counts.rejected += len(rejected_rows)
            if report.problem_count and not options.partial:
                writing = False  # keep reading to report every problem, write nothing more
            if writing and batch:
                outcome = self._write(catalogue, plan.kind, batch, import_id)
                self._count(report, outcome, len(batch))
            done += len(batch) + len(rejected_rows)
            if progress:
                progress.rows_done(plan, done)
        if progress:
            progress.file_finished(plan, counts)

    def _count(self, report: FileReport, outcome: BatchOutcome, written: int) -> None:
        counts = report.counts
        counts.created += outcome.created
        counts.updated += outcome.updated
        # A row is repeated once however many of its parts repeat (each share of a wide
        # audience row is reported on its own).
        repeated: dict[int, Message] = {}
        for row, why in outcome.duplicates:
            repeated.setdefault(row, why)
        counts.duplicates += len(repeated)
        for row, why in list(repeated.items())[:50]:
            counts.warn(ROW(row=row, what=why))
        rejected = {row for row, _field, _message in outcome.problems}
        for row, field_name, message in outcome.problems:
            report.add_problem(RowProblem(report.plan.name, row, field_name, message))
        counts.rejected += len(rejected)
        counts.imported += written - len(repeated.keys() | rejected)

    def _write(
        self,
        catalogue: CatalogueWriter,
        kind: ImportKind,
        batch: list[ImportRecord],
        import_id: int,
    ) -> BatchOutcome:
        spec = KINDS[kind]
        prepare = self._pseudonymise if spec.private_authors else None
        return spec.write(catalogue, batch, import_id, prepare)

    def _pseudonymise(
        self, rows: Sequence[CommentRow], catalogue: CatalogueWriter
    ) -> list[CommentRow]:
        return pseudonymise_commenters(rows, catalogue, self._secret)


def pseudonymise_commenters(
    rows: Sequence[CommentRow], catalogue: CatalogueWriter, secret: str
) -> list[CommentRow]:
    """Keep the handles of tracked creators; replace everyone else's with a pseudonym (PDPA)."""
    wanted: dict[Platform, set[str]] = {}
    for row in rows:
        if row.comment.author:
            wanted.setdefault(row.platform, set()).add(handle_key(row.comment.author))
    tracked = {p: catalogue.tracked_handles(p, keys) for p, keys in wanted.items()}
    result = []
    for row in rows:
        author = row.comment.author
        if (
            author
            and not row.comment.author_is_pseudonym
            and (handle_key(author) not in tracked.get(row.platform, set()))
        ):
            comment = row.comment._replace(
                author=pseudonym(secret, row.platform, author), author_is_pseudonym=True
            )
            result.append(row._replace(comment=comment))
        else:
            result.append(row)
    return result


T = TypeVar("T")


def _only(batch: Iterable[ImportRecord], kind: type[T]) -> list[T]:
    return [r for r in batch if isinstance(r, kind)]


def _batches(
    items: Iterator[ImportRecord | RowProblem], size: int
) -> Iterator[tuple[list[ImportRecord], list[RowProblem]]]:
    batch: list[ImportRecord] = []
    problems: list[RowProblem] = []
    for item in items:
        if isinstance(item, RowProblem):
            problems.append(item)
        else:
            batch.append(item)
        if len(batch) >= size:
            yield batch, problems
            batch, problems = [], []
    if batch or problems:
        yield batch, problems


def _nothing_kept(report: ImportReport) -> None:
    """Counts of an import that kept nothing; a dry run still says what would be new."""
    for file_report in report.files:
        if report.dry_run:
            file_report.counts.imported = 0
        else:
            file_report.counts.rolled_back()
