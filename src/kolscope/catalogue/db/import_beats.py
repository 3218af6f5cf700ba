"""Heartbeats of the imports running in this process (the import log's sign of life).

On SQLite an import holds the only write lock for its whole transaction, so its heartbeat
cannot be written to ``imports``: it goes to the side database of job heartbeats
(``kolscope-jobs-live.db``, table ``import_live``), like a job's. On PostgreSQL it is written
to ``imports.heartbeat_at`` (a row lock the import's own writes never wait for).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Column, DateTime, Engine, Integer, MetaData, Table, delete, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kolscope.infra.db import tables as t
from kolscope.infra.db.engine import WRITER_OPTIONS, open_engine
from kolscope.infra.db.live import live_path_for, utc
from kolscope.jobs.facade import Heartbeat

_live_metadata = MetaData()
import_live = Table(  # in the side database only, never in the main schema
    "import_live",
    _live_metadata,
    Column("import_id", Integer, primary_key=True),
    Column("heartbeat_at", DateTime(timezone=True), nullable=False),
)
_LIVE_DDL = (
    "CREATE TABLE IF NOT EXISTS import_live "
    "(import_id INTEGER PRIMARY KEY, heartbeat_at DATETIME NOT NULL)"
)


class ImportBeats:
    def __init__(self, engine: Engine, clock: Callable[[], datetime], seconds: float) -> None:
        self._engine = engine
        self._now = clock
        self._seconds = seconds
        self._lock = threading.Lock()
        self._running: dict[int, Heartbeat] = {}
        self._sqlite = engine.dialect.name == "sqlite"
        self._live: Engine | None = None
        path = live_path_for(engine)
        if path is not None:
            self._live = open_engine(f"sqlite:///{path}")
            with self._live.begin() as db:
                db.exec_driver_sql(_LIVE_DDL)

    @property
    def mine(self) -> set[int]:
        """The imports this process is running."""
        with self._lock:
            return set(self._running)

    def start(self, import_id: int) -> None:
        beat = Heartbeat(lambda: self.beat(import_id), self._seconds)
        with self._lock:
            self._running[import_id] = beat
        beat.start()

    def stop(self, import_id: int) -> None:
        with self._lock:
            beat = self._running.pop(import_id, None)
        if beat is not None:
            beat.stop()

    def beat(self, import_id: int) -> None:
        moment = utc(self._now())
        if self._live is not None:
            upsert = sqlite_insert(import_live).values(import_id=import_id, heartbeat_at=moment)
            with self._live.connect() as connection:
                db = connection.execution_options(**WRITER_OPTIONS)
                with db.begin():
                    db.execute(
                        upsert.on_conflict_do_update(
                            index_elements=["import_id"], set_={"heartbeat_at": moment}
                        )
                    )
        elif not self._sqlite:  # SQLite in memory: no side file, and no lock to wait for
            with self._engine.begin() as db:
                db.execute(
                    update(t.imports)
                    .where(t.imports.c.id == import_id, t.imports.c.status == "running")
                    .values(heartbeat_at=moment)
                )

    def forget(self, import_id: int) -> None:
        if self._live is None:
            return
        with contextlib.suppress(Exception), self._live.begin() as db:
            db.execute(delete(import_live).where(import_live.c.import_id == import_id))

    def read(self, ids: list[int]) -> dict[int, datetime]:
        """The side database's heartbeats of these imports (SQLite; empty elsewhere)."""
        if self._live is None or not ids:
            return {}
        with self._live.connect() as db:
            rows = db.execute(select(import_live).where(import_live.c.import_id.in_(ids)))
            return {row.import_id: utc(row.heartbeat_at) for row in rows}

    def close(self) -> None:
        with self._lock:
            running = list(self._running.values())
            self._running.clear()
        for beat in running:
            beat.stop()
        if self._live is not None:
            self._live.dispose()
