"""Imports as background jobs: what a job of kind ``import`` carries and how a worker runs it.

The job's params are plain JSON (file paths, the dry-run flag and the ``ImportOptions``), so any
worker process can rebuild the import. The job's result is the import report (as
``ImportReport.to_dict()``) plus the plans under ``"plans"``. An import that writes nothing
because rows have problems (all or nothing) or a file cannot be read is a failed job: its error
says why, and the report is kept in its result all the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from kolscope.catalogue import messages as say
from kolscope.catalogue.importing.plan import FilePlan, ImportOptions
from kolscope.catalogue.importing.records import FileCounts, ImportKind
from kolscope.catalogue.importing.service import ImportReport, ImportService
from kolscope.catalogue.ports import ImportFileError
from kolscope.domain.messages import Message
from kolscope.domain.platforms import Platform
from kolscope.jobs.facade import (
    Handler,
    JobFailedError,
    JobService,
    JobView,
    Progress,
    current_job,
    kinds,
)

IMPORT = kinds.IMPORT


def options_to_params(options: ImportOptions) -> dict[str, Any]:
    """``ImportOptions`` as JSON-ready values (``options_from_params`` reads them back)."""
    return {
        "kind": options.kind.value if options.kind else None,
        "platform": options.platform.value if options.platform else None,
        "as_of": options.as_of.isoformat() if options.as_of else None,
        "mapping": dict(options.mapping),
        "account": [options.account[0].value, options.account[1]] if options.account else None,
        "encoding": options.encoding,
        "sheet": options.sheet,
        "partial": options.partial,
        "source": options.source,
    }


def options_from_params(params: Mapping[str, Any]) -> ImportOptions:
    account = params.get("account")
    return ImportOptions(
        kind=ImportKind(params["kind"]) if params.get("kind") else None,
        platform=Platform(params["platform"]) if params.get("platform") else None,
        as_of=date.fromisoformat(params["as_of"]) if params.get("as_of") else None,
        mapping=dict(params.get("mapping") or {}),
        account=(Platform(account[0]), str(account[1])) if account else None,
        encoding=params.get("encoding"),
        sheet=params.get("sheet"),
        partial=bool(params.get("partial")),
        source=params.get("source"),
    )


def import_params(
    files: Sequence[Path], options: ImportOptions, *, dry_run: bool, index: bool = True
) -> dict[str, Any]:
    """A job's params: absolute paths (the worker may run in another folder), the options,
    and whether a successful import queues a search-index update (``index``)."""
    return {
        "files": [str(Path(path).absolute()) for path in files],
        "dry_run": dry_run,
        "index": index,
        **options_to_params(options),
    }


def default_title(files: Sequence[Path], *, dry_run: bool) -> Message:
    """ "Import of X" (or "Dry run of X and 2 more files") as a message."""
    names = [Path(path).name for path in files]
    if len(names) == 1:
        return (say.JOB_DRY_RUN if dry_run else say.JOB_IMPORT)(file=names[0])
    many = say.JOB_DRY_RUN_MANY if dry_run else say.JOB_IMPORT_MANY
    return many(file=names[0], more=len(names) - 1)


def submit_import(
    jobs: JobService,
    files: list[Path],
    options: ImportOptions,
    *,
    dry_run: bool = False,
    user_id: int | None = None,
    title: str | Message | None = None,
    index: bool = True,
    organisation_id: int | None = None,
) -> JobView:
    """Queue an import; a worker plans and runs it (``import_handler``). ``index=False``
    (``--no-index``) leaves the search index alone afterwards."""
    if not files:
        raise ValueError("an import needs at least one file")
    params = import_params(files, options, dry_run=dry_run, index=index)
    title = title or default_title(files, dry_run=dry_run)
    return jobs.submit(IMPORT, title, params, user_id, organisation_id)


class _JobProgress:
    """``ImportProgress`` as one bar over every file: rows done / rows estimated."""

    def __init__(self, plans: Sequence[FilePlan], progress: Progress) -> None:
        self._progress = progress
        self._expected: list[int | None] = [plan.estimated_rows for plan in plans]
        self._plans = list(plans)
        self._index = 0
        self._finished = 0
        self._current = 0

    def _report(self, message: Message | None) -> None:
        known = [rows for rows in self._expected if rows is not None]
        done = self._finished + self._current
        total = max(sum(known), done) if known else None
        self._progress(done, total, message)

    def _message(self, plan: FilePlan) -> Message:
        if len(self._plans) == 1:
            return say.IMPORTING(file=plan.name)
        return say.IMPORTING_OF(file=plan.name, number=self._index + 1, files=len(self._plans))

    def _locate(self, plan: FilePlan) -> None:
        for index in range(self._index, len(self._plans)):
            if self._plans[index] is plan:
                self._index = index
                return

    def file_started(self, plan: FilePlan) -> None:
        self._locate(plan)
        self._current = 0
        self._report(self._message(plan))

    def rows_done(self, plan: FilePlan, rows: int) -> None:
        self._current = rows
        self._report(self._message(plan))

    def file_finished(self, plan: FilePlan, counts: FileCounts) -> None:
        self._expected[self._index] = counts.rows_read
        self._finished += counts.rows_read
        self._current = 0
        self._report(self._message(plan))


def failure_message(report: ImportReport) -> Message | None:
    """Why an import wrote nothing (None when it succeeded or was a clean dry run), as a
    message; ``str()`` of it is the English sentence."""
    if report.committed or not (report.problem_count or report.error):
        return None
    if report.error:  # a file could not be read to the end
        return report.error_message or Message.from_dict(report.error)
    count = report.problem_count
    first = next((p for f in report.files for p in f.problems), None)
    if report.dry_run:
        lead = say.DRY_RUN_ONE() if count == 1 else say.DRY_RUN_MANY(count=count)
    else:
        lead = say.FAILED_ONE() if count == 1 else say.FAILED_MANY(count=count)
    return say.THE_FIRST(lead=lead, first=first.to_message()) if first else lead


def import_handler(
    importer: ImportService, after: Callable[[Progress], dict[str, Any]] | None = None
) -> Handler:
    """The job handler for ``IMPORT``: plan the files, import them, keep the report. ``after``
    runs once a real (not dry-run) import has succeeded (the search index is refreshed there,
    unless the job says ``index: false``) and its result is kept under "after".

    The import records its job. A job run again after its worker died between committing
    the import and recording the job's end finds that import and reports it ("resumed")
    without reading the files again; imports of earlier attempts still marked running are
    recorded as interrupted."""

    def handle(params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
        job = current_job()
        dry_run = bool(params.get("dry_run"))
        if job is not None and not dry_run:
            done = importer.import_of_job(job.id)
            if done is not None:
                result = _json_ready({**(done.summary or {}), "plans": done.files})
                result["resumed"] = True
                return _after(params, progress, result)
            importer.interrupt_job_imports(job.id)
        options = options_from_params(params)
        files = [Path(path) for path in params["files"]]
        try:
            plans = importer.plan(files, options)
        except ImportFileError as error:
            raise JobFailedError(error.problem.to_message()) from error
        report = importer.run(
            plans,
            options,
            dry_run=dry_run,
            progress=_JobProgress(plans, progress),
            organisation_id=job.organisation_id if job is not None else None,
            job_id=job.id if job is not None else None,
        )
        result = _json_ready({**report.to_dict(), "plans": [plan.to_dict() for plan in plans]})
        failure = failure_message(report)
        if failure is not None:
            raise JobFailedError(failure, result)
        return _after(params, progress, result)

    def _after(
        params: Mapping[str, Any], progress: Progress, result: dict[str, Any]
    ) -> dict[str, Any]:
        if after is not None and not params.get("dry_run") and params.get("index", True):
            result["after"] = after(progress)
        return result

    return handle


def _json_ready(value: dict[str, Any]) -> dict[str, Any]:
    """Dates and other values of the preview rows as text, so the result stores as JSON."""
    ready: dict[str, Any] = json.loads(json.dumps(value, ensure_ascii=False, default=str))
    return ready
