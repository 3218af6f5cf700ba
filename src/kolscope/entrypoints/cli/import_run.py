"""Running a foreground ``kolscope import``: the progress bars, a clean stop on SIGTERM, and
marketplace reports (Shopee, Lazada, TikTok Shop), which go to the order book instead of the
catalogue."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import typer
from rich.markup import escape
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
from kolscope.entrypoints.web.api.order_schemas import report_import_dict
from kolscope.tracking.facade import REPORT_KINDS, OrderBook, OrderError

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


# Marketplace reports ------------------------------------------------------------------------------


def split_reports(
    orders: OrderBook, files: list[Path], kind: str | None
) -> tuple[list[Path], list[Path]]:
    """(marketplace reports, other files): with ``--kind shopee|lazada|tiktok-shop`` every
    file is a report; with another kind none is; without one, each file's columns decide."""
    if kind in REPORT_KINDS:
        return list(files), []
    if kind is not None:
        return [], list(files)
    reports = [path for path in files if orders.report_kind(path) is not None]
    return reports, [path for path in files if path not in reports]


def import_reports(
    cli: CliState,
    orders: OrderBook,
    reports: list[Path],
    kind: str | None,
    *,
    dry_run: bool,
    quiet: bool,
) -> list[dict[str, Any]]:
    """Import (or, dry, only read) each report, all of a file or nothing of it; exit 2 at the
    first that cannot be imported, naming its file, row and column."""
    done: list[dict[str, Any]] = []
    chosen = kind if kind in REPORT_KINDS else None
    for path in reports:
        try:
            if dry_run:
                found = orders.check_report(path, chosen)
            else:
                with _stop_cleanly_on_sigterm():
                    found = orders.import_report(path, chosen)
        except OrderError as error:
            cli.err.print(f"[red]error:[/] {escape(str(error.message))}", highlight=False)
            cli.err.print(f"nothing of {escape(path.name)} was imported (all or nothing)")
            raise typer.Exit(2) from None
        except (ImportStoppedError, KeyboardInterrupt):
            cli.err.print(f"[red]stopped[/]: {escape(path.name)} was rolled back, nothing written")
            raise typer.Exit(STOPPED_BY_SIGTERM) from None
        done.append(report_import_dict(found, dry_run=dry_run))
        if not quiet:
            if dry_run:
                cli.out.print(
                    f"{found.file}: {found.kind} report, {found.rows:,} rows, "
                    f"{found.orders:,} orders; dry run: every row can be imported, "
                    "nothing was written",
                    markup=False,
                )
            else:
                cli.out.print(f"{found.message} (orders)", markup=False)
    return done
