"""Shared fixtures: workspaces on SQLite and PostgreSQL, and the shared real data sets."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher as Argon2
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from kolscope.bootstrap import Workspace, open_workspace
from kolscope.config import Settings
from kolscope.infra.passwords import Argon2Passwords
from kolscope.team import wiring as team_wiring

ROOT = Path(__file__).resolve().parents[1]


def _shared_data() -> Path:
    """../shared/data beside the repo; KOLSCOPE_SHARED_DATA or /work/shared/data otherwise."""
    for candidate in (
        ROOT / ".." / "shared" / "data",
        Path(os.environ.get("KOLSCOPE_SHARED_DATA", ROOT / ".." / "shared" / "data")),
        Path("/work/shared/data"),
    ):
        if candidate.is_dir():
            return candidate.resolve()
    return (ROOT / ".." / "shared" / "data").resolve()


SHARED_DATA = _shared_data()
POSTGRES_URL = os.environ.get(
    "KOLSCOPE_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need(condition: bool, reason: str) -> None:
    """Skip when something outside the repo is missing; in CI that is a failure instead."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: required)")
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """Workspaces opened by the tests hash passwords with argon2id at its lowest cost: the
    production profile (64 MiB, 3 passes) took 0.1 s a login, 7 of the 9 s of a test that
    logs in for each of 69 routes. Processes the tests start (``kolscope serve``) and
    ``test_passwords.py`` keep the real cost."""
    cheap = Argon2(time_cost=1, memory_cost=8, parallelism=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(team_wiring, "passwords", lambda: Argon2Passwords(cheap))
        yield


@pytest.fixture(scope="session")
def shared_data() -> Path:
    need(SHARED_DATA.is_dir(), f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def postgres_available() -> bool:
    try:
        engine = create_engine(POSTGRES_URL)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except OperationalError:
        return False
    return True


@pytest.fixture
def postgres_url(postgres_available: bool) -> Iterator[str]:
    """A fresh schema in the test database, dropped afterwards."""
    need(postgres_available, f"PostgreSQL not reachable at {POSTGRES_URL}")
    schema = f"kolscope_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """The database URL for a test: None means SQLite inside the workspace folder."""
    if request.param == "sqlite":
        return None
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def workspace(tmp_path: Path, database: str | None) -> Iterator[Workspace]:
    opened = open_workspace(Settings(workspace=tmp_path / "ws", database_url=database))
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def sqlite_workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = open_workspace(Settings(workspace=tmp_path / "ws"))
    try:
        yield opened
    finally:
        opened.close()


REDIS_URL = os.environ.get("KOLSCOPE_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A spare Redis database for the job queue, emptied before and after the test."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError):
        client.close()
        need(False, f"Redis not reachable at {REDIS_URL}")
    client.flushdb()
    try:
        yield REDIS_URL
    finally:
        client.flushdb()
        client.close()
