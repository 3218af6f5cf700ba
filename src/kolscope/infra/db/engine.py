"""Opening a database: SQLite in the workspace folder by default, PostgreSQL by URL."""

from __future__ import annotations

import os
import weakref
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool

# SQLite connections are kept in a pool: opening one costs about 1.5 ms of CPU (the file, the
# schema, the pragmas below) and a new one starts with an empty page cache, which was most of
# a short request's database time. Enough for the web server's thread pool under load.
SQLITE_POOL_SIZE = 8
SQLITE_POOL_OVERFLOW = 32
BUSY_TIMEOUT_MS = 30000
_SQLITE_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


def _forget_pooled_connections() -> None:
    """In a forked child (worker processes): start with empty pools, never touching the
    parent's open SQLite connections (SQLite forbids using them across a fork)."""
    for engine in list(_SQLITE_ENGINES):
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_pooled_connections)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy issues BEGIN itself (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _sqlite_reset(dbapi_connection: Any, _record: Any, _state: Any) -> None:
    """A connection goes back to the pool with the usual wait for a busy database, whatever
    a caller set for its own use (a best-effort write may wait less)."""
    dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _sqlite_begin(connection: Any) -> None:
    """Start transactions explicitly. Writers ask for BEGIN IMMEDIATE (``kolscope_writer``) so
    they hold the write lock from the start: no other writer can slip in between a read and a
    write, and ids can be allocated safely."""
    writer = connection.get_execution_options().get("kolscope_writer", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


WRITER_OPTIONS = {"kolscope_writer": True}


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written without a driver (``postgresql://…``)."""
    parsed = make_url(url)
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def open_engine(url: str) -> Engine:
    """An engine for ``url`` with the settings kolscope relies on (foreign keys, WAL on SQLite)."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            poolclass=QueuePool,
            pool_size=SQLITE_POOL_SIZE,
            max_overflow=SQLITE_POOL_OVERFLOW,
            connect_args={"check_same_thread": False},  # a pooled connection moves threads
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "reset", _sqlite_reset)
        event.listen(engine, "begin", _sqlite_begin)
        _SQLITE_ENGINES.add(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def describe(url: str) -> str:
    """A URL safe to print: the password is hidden."""
    return make_url(normalise_url(url)).render_as_string(hide_password=True)
