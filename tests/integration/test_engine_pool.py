"""SQLite connections are pooled (a request no longer opens the database file afresh), and a
pooled connection always comes back with the usual wait for a busy database."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from sqlalchemy import text

from kolscope.infra.db.engine import BUSY_TIMEOUT_MS, open_engine


def _raw(connection: object) -> object:
    return connection.connection.dbapi_connection  # type: ignore[attr-defined]


def test_sqlite_connections_are_reused(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'pool.db'}")
    try:
        with engine.connect() as db:
            first = _raw(db)
        with engine.connect() as db:
            second = _raw(db)
        assert first is second
    finally:
        engine.dispose()


def test_a_pooled_connection_serves_another_thread(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'pool.db'}")
    try:
        with engine.begin() as db:
            db.execute(text("CREATE TABLE t (x INTEGER)"))
            db.execute(text("INSERT INTO t VALUES (7)"))
        found: list[int] = []

        def read() -> None:
            with engine.connect() as db:
                found.append(db.execute(text("SELECT x FROM t")).scalar_one())

        worker = threading.Thread(target=read)
        worker.start()
        worker.join()
        assert found == [7]
    finally:
        engine.dispose()


def test_busy_timeout_is_restored_when_a_connection_returns(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'pool.db'}")
    try:
        with engine.begin() as db:
            db.exec_driver_sql("PRAGMA busy_timeout=100")  # a best-effort write's short wait
        with engine.connect() as db:
            assert db.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == BUSY_TIMEOUT_MS
            assert db.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert db.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
    finally:
        engine.dispose()


def test_a_forked_child_opens_its_own_connections(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'pool.db'}")
    try:
        with engine.begin() as db:
            db.execute(text("CREATE TABLE t (x INTEGER)"))
            parent = _raw(db)
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            try:
                with engine.connect() as db:
                    same = _raw(db) is parent
                    db.execute(text("SELECT count(*) FROM t")).scalar_one()
                os.write(write, b"same" if same else b"fresh")
            finally:
                os._exit(0)
        os.close(write)
        answer = os.read(read, 16)
        os.waitpid(child, 0)
        assert answer == b"fresh"
        with engine.connect() as db:
            assert _raw(db) is parent  # the parent's pool is untouched
    finally:
        engine.dispose()
