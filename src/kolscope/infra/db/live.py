"""The side database beside a SQLite workspace database: live progress and heartbeats of jobs
and imports go there, so writing them never waits for the main database's write lock (a long
import holds it). PostgreSQL needs none: its row locks let a heartbeat through."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

LIVE_SUFFIX = "-jobs-live.db"


def utc(moment: datetime) -> datetime:
    """``moment`` in UTC (a naive time is taken to be UTC already)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def live_path_for(engine: Engine) -> Path | None:
    """Where the side database of a SQLite database file goes (None: not a SQLite file)."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    path = Path(database)
    return path.with_name(path.stem + LIVE_SUFFIX)
