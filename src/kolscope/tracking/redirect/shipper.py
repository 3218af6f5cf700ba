"""The log writer: click-log segments into the ``clicks`` table, each click exactly once.

For each segment of this host, in one transaction: take the segment's mark (the bytes of it
already written to the database) with a lock, read the complete lines after it, insert their
clicks (a click id already there is skipped), and move the mark past them. The mark and the
clicks commit together, so a shipper killed at any point either wrote a batch and its mark or
neither; and because the insert skips click ids already present, lines shipped again after any
mishap (a mark lost, a segment restored from a backup) still count once.

Two shippers at once (``kolscope clicks ship`` beside ``kolscope redirect``, or two hosts
sharing a folder by mistake) are safe: the mark's row lock (``SELECT ... FOR UPDATE`` on
PostgreSQL, the write lock of ``BEGIN IMMEDIATE`` on SQLite) lets one at a time read and move
it, and the other then starts from where the first stopped.

A segment whose writer is gone (``journal.writer_gone``) is shipped to its last complete line,
marked finished, then deleted, and its mark removed. A last line without its newline (torn
by a power cut) is left out; so is a line that is not a click record (logged, counted). A
click for a link that no longer exists (its campaign deleted) cannot be stored and is
counted as dropped.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Dialect, Engine, bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from kolscope.infra.db import tables as t
from kolscope.infra.db.engine import WRITER_OPTIONS
from kolscope.tracking.redirect.journal import (
    ABANDONED_SECONDS,
    SUFFIX,
    is_hidden,
    read_complete,
    segment_prefix,
    writer_gone,
)
from kolscope.tracking.redirect.record import FIELDS, click_rows

BATCH_BYTES = 2 * 1024 * 1024
"""Bytes of a segment read into one transaction (about 6,000 clicks)."""
SHIP_SECONDS = 1.0
_log = logging.getLogger(__name__)


@dataclass
class ShipReport:
    """What one pass did: lines read, clicks new to the table, lines that were not click
    records, clicks whose link is gone, and segments finished and deleted."""

    lines: int = 0
    stored: int = 0
    bad_lines: int = 0
    dropped: int = 0
    finished: list[str] = field(default_factory=list)

    def add(self, other: ShipReport) -> None:
        self.lines += other.lines
        self.stored += other.stored
        self.bad_lines += other.bad_lines
        self.dropped += other.dropped
        self.finished.extend(other.finished)


class ClickShipper:
    """Writes the click log in ``folder`` to the database behind ``engine``."""

    def __init__(
        self,
        engine: Engine,
        folder: Path,
        *,
        host: str | None = None,
        batch_bytes: int = BATCH_BYTES,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._engine = engine
        self.folder = folder
        self._prefix = segment_prefix(host)
        self.batch_bytes = batch_bytes
        self._clock = clock

    def segments(self) -> list[Path]:
        """This host's segments, oldest name first."""
        if not self.folder.is_dir():
            return []
        return sorted(
            path
            for path in self.folder.iterdir()
            if path.name.startswith(self._prefix) and path.name.endswith(SUFFIX)
        )

    def ship(self) -> ShipReport:
        """Ship every segment as far as its complete lines go; finish the ones whose writer is
        gone. Returns what was done."""
        report = ShipReport()
        for path in self.segments():
            try:
                report.add(self._ship_segment(path))
            except FileNotFoundError:  # finished and deleted by another shipper meanwhile
                continue
        self._forget_missing()
        self._tidy_hidden()
        return report

    def run(self, stop: threading.Event, every: float = SHIP_SECONDS) -> None:
        """Ship every ``every`` seconds until ``stop`` is set, then once more."""
        while not stop.wait(every):
            self._ship_logged()
        self._ship_logged()

    def _ship_logged(self) -> None:
        try:
            report = self.ship()
        except Exception:  # the database is away: the log keeps the clicks, try again later
            _log.exception("click shipper: this pass failed; the clicks wait in the log")
            return
        if report.bad_lines or report.dropped:
            _log.warning(
                "click shipper: %d lines were not clicks, %d clicks had no link",
                report.bad_lines,
                report.dropped,
            )

    # One segment ---------------------------------------------------------------------------

    def _ship_segment(self, path: Path) -> ShipReport:
        report = ShipReport()
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            gone = writer_gone(fd)  # taken now, so "gone" cannot change while we read
            while True:
                batch, more = self._ship_batch(path.name, fd)
                report.add(batch)
                if not more:
                    break
            if gone:
                # Every complete line is in: mark it finished, then delete the file and the
                # mark (a crash between the two leaves a mark _forget_missing removes).
                self._finish(path.name)
                os.unlink(path)
                with self._writing() as db:
                    db.execute(delete(t.click_journal_marks).where(_mark(path.name)))
                report.finished.append(path.name)
        finally:
            os.close(fd)
        return report

    def _ship_batch(self, name: str, fd: int) -> tuple[ShipReport, bool]:
        """One transaction: read after the mark, insert, move the mark. Returns the report and
        whether more complete lines may follow."""
        report = ShipReport()
        with self._writing() as db:
            position, finished = self._take_mark(db, name)
            if finished:
                return report, False
            lines, end = read_complete(fd, position, self.batch_bytes)
            if end == 0:
                return report, False  # nothing complete yet (a torn tail stays unread)
            report.lines = len(lines)
            rows, bad = click_rows(lines)
            for error in bad:
                _log.error("click log %s: a line is not a click (%s): skipped", name, error)
            report.bad_lines = len(bad)
            report.stored, report.dropped = _insert_clicks(db, rows)
            db.execute(
                update(t.click_journal_marks)
                .where(_mark(name))
                .values(position=position + end, updated_at=self._clock())
            )
        return report, True

    def _take_mark(self, db: Connection, name: str) -> tuple[int, bool]:
        """The segment's mark, locked until the transaction ends (created at 0 if new)."""
        marks = t.click_journal_marks
        db.execute(
            _insert_ignoring(db, marks, ["segment"]).values(
                segment=name, position=0, finished=False, updated_at=self._clock()
            )
        )
        query = select(marks.c.position, marks.c.finished).where(_mark(name))
        if db.dialect.name == "postgresql":
            query = query.with_for_update()
        row = db.execute(query).first()
        if row is None:  # another shipper finished the segment and removed its mark just now
            return 0, True
        return int(row.position), bool(row.finished)

    def _finish(self, name: str) -> None:
        """Mark a fully shipped segment finished."""
        with self._writing() as db:
            self._take_mark(db, name)
            db.execute(
                update(t.click_journal_marks)
                .where(_mark(name))
                .values(finished=True, updated_at=self._clock())
            )

    # Tidying ------------------------------------------------------------------------------

    def _forget_missing(self) -> None:
        """Remove the marks of this host's segments that are no longer on disk (finished and
        deleted, with the mark's removal cut short)."""
        marks = t.click_journal_marks
        present = {path.name for path in self.segments()}
        with self._engine.connect() as db:
            names = db.execute(
                select(marks.c.segment).where(marks.c.segment.startswith(self._prefix))
            ).scalars()
            missing = [name for name in names if name not in present]
        if missing:
            with self._writing() as db:
                db.execute(delete(marks).where(marks.c.segment.in_(missing)))

    def _tidy_hidden(self) -> None:
        """Delete segments a writer was killed while creating (empty, never renamed)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if not is_hidden(path) or self._prefix not in path.name:
                continue
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                status = os.fstat(fd)
                old = time.time() - status.st_mtime > ABANDONED_SECONDS
                if old and status.st_size == 0 and writer_gone(fd):
                    os.unlink(path)
            finally:
                os.close(fd)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self._engine.connect().execution_options(**WRITER_OPTIONS) as db, db.begin():
            yield db


def _mark(name: str) -> Any:
    return t.click_journal_marks.c.segment == name


def _insert_ignoring(db: Connection, table: Any, keys: list[str]) -> Any:
    dialect: Any = postgresql if db.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing(index_elements=keys)


def _insert_clicks(db: Connection, rows: list[tuple[Any, ...]]) -> tuple[int, int]:
    """Insert the clicks whose link exists, skipping click ids already stored; (stored,
    dropped for want of a link).

    Straight to the driver's ``executemany`` with the rows as they are (SQLAlchemy's own
    per-row parameter handling took most of the shipper's time), the time stamps through the
    column type's own conversion so they read back as SQLAlchemy wrote them elsewhere."""
    if not rows:
        return 0, 0
    links = t.tracking_links
    wanted = {row[1] for row in rows}
    existing = set(db.execute(select(links.c.id).where(links.c.id.in_(wanted))).scalars())
    kept = rows if existing >= wanted else [row for row in rows if row[1] in existing]
    dropped = len(rows) - len(kept)
    if not kept:
        return 0, dropped
    sql = _click_insert(db.dialect)
    stamp = _stamp_text if db.dialect.name == "sqlite" else _stamp_time
    kept = [(row[0], row[1], stamp(row[2]), *row[3:]) for row in kept]
    cursor = db.connection.cursor()
    try:
        cursor.executemany(sql, kept)
        stored = max(int(cursor.rowcount), 0)
    finally:
        cursor.close()
    return stored, dropped


@cache
def _click_insert(dialect: Dialect) -> str:
    """The driver's SQL for inserting clicks positionally, skipping known click ids."""
    flavour: Any = postgresql if dialect.name == "postgresql" else sqlite
    statement = (
        flavour.insert(t.clicks)
        .values({name: bindparam(name) for name in FIELDS})
        .on_conflict_do_nothing(index_elements=["click_id"])
    )
    compiled = statement.compile(dialect=dialect)
    sql = str(compiled.string)
    if not dialect.positional:  # psycopg's named style, %(name)s: positional %s instead
        for name in FIELDS:
            sql = sql.replace(f"%({name})s", "%s")
    elif list(compiled.positiontup or []) != list(FIELDS):
        raise RuntimeError("the compiled click insert's parameters are out of order")
    return sql


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NAIVE_EPOCH = datetime(1970, 1, 1)  # noqa: DTZ001 - SQLite keeps UTC times without a zone


def _stamp_time(microseconds: int) -> datetime:
    """A click's time for PostgreSQL (``timestamptz``): a UTC datetime."""
    return _EPOCH + timedelta(microseconds=microseconds)


def _stamp_text(microseconds: int) -> str:
    """A click's time as SQLAlchemy writes a DateTime on SQLite (``2026-12-07 21:45:07.000000``,
    always with the microseconds: a test checks it against the column type's own conversion,
    which took a third of the shipper's time). The clicks of one second share its text."""
    seconds, fraction = divmod(microseconds, 1_000_000)
    return f"{_second_text(seconds)}.{fraction:06d}"


@lru_cache(maxsize=256)
def _second_text(seconds: int) -> str:
    return (_NAIVE_EPOCH + timedelta(seconds=seconds)).isoformat(" ", "seconds")
