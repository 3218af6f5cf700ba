"""Running a foreground ``kolscope import``: the progress bars, and a clean stop on SIGTERM."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import typer
from rich.progress import (
    Progress,
)

from kolscope.catalogue.facade import (
    FileCounts,
    FilePlan,
    ImportOptions,
    ImportReport,
    ImportService,
    ImportStoppedError,
)
from kolscope.entrypoints.cli.context import CliState, progress_bar

STOPPED_BY_SIGTERM = 143  # 128 + 15, as shells report a process ended by SIGTERM
STOPPED_BY_CTRL_C = 130  # 128 + 2


@contextmanager
def _stop_cleanly_on_sigterm() -> Iterator[None]:
    """While the block runs, SIGTERM unwinds the import like Ctrl+C does (rolled back,
    recorded as interrupted) instead of killing the process mid-transaction."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise ImportStoppedError("SIGTERM")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Progress:
    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._tasks: dict[str, int] = {}

    def file_started(self, plan: FilePlan) -> None:
        self._tasks[plan.name] = int(
            self._progress.add_task(plan.name, total=plan.estimated_rows or None)
        )

    def rows_done(self, plan: FilePlan, rows: int) -> None:
        self._progress.update(self._tasks[plan.name], completed=rows)  # type: ignore[arg-type]

    def file_finished(self, plan: FilePlan, counts: FileCounts) -> None:
        task = self._tasks[plan.name]
        self._progress.update(task, total=counts.rows_read, completed=counts.rows_read)  # type: ignore[arg-type]


def run_in_foreground(
    importer: ImportService,
    cli: CliState,
    plans: list[FilePlan],
    options: ImportOptions,
    *,
    dry_run: bool,
    as_json: bool,
) -> ImportReport:
    """The foreground import. Stopped by SIGTERM or Ctrl+C, it rolls back, the import log
    records it as interrupted, and the command exits with 143 or 130."""
    try:
        with _stop_cleanly_on_sigterm():
            if as_json:
                return importer.run(plans, options, dry_run=dry_run)
            with progress_bar(cli, spinner=True) as progress:
                return importer.run(plans, options, dry_run=dry_run, progress=_Progress(progress))
    except (ImportStoppedError, KeyboardInterrupt) as stop:
        what = "SIGTERM" if isinstance(stop, ImportStoppedError) else "Ctrl+C"
        cli.err.print(
            f"[red]stopped[/] by {what}: the import was rolled back, nothing was written "
            "(the import log records it as interrupted)",
            highlight=False,
        )
        code = STOPPED_BY_SIGTERM if isinstance(stop, ImportStoppedError) else STOPPED_BY_CTRL_C
        raise typer.Exit(code) from None
