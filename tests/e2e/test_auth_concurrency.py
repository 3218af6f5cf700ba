"""Many people (or scripts) at once: token and session requests served for real by uvicorn,
in parallel, on SQLite and PostgreSQL. Reading who is asking must never need a write lock."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, update

from kolscope.bootstrap import Workspace
from kolscope.entrypoints.web.app import create_app
from kolscope.entrypoints.web.security import SESSION_COOKIE
from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import stored_time
from kolscope.infra.passwords import Argon2Passwords
from kolscope.team.db.team_store import SqlTeamStore
from kolscope.team.service import TeamService
from tests.e2e.conftest import PASSWORD, People, log_in
from tests.e2e.live import live_app

PARALLEL = 20


@pytest.fixture
def served(filled: Workspace) -> Iterator[str]:
    with live_app(filled) as base:
        yield base


def _all_at_once(base: str, paths: list[str], headers: dict[str, str]) -> list[int]:
    """Send every request from its own thread, released together; the status codes."""
    start = threading.Barrier(len(paths))

    def one(path: str) -> int:
        with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
            start.wait()
            return http.get(path).status_code

    with ThreadPoolExecutor(max_workers=len(paths)) as pool:
        return list(pool.map(one, paths))


def _mixed_paths() -> list[str]:
    return ["/api/me" if i % 2 else "/api/creators" for i in range(PARALLEL)]


def test_parallel_token_requests_all_succeed(
    filled: Workspace, people: People, served: str
) -> None:
    tokens = [filled.team.create_api_token(people.member, f"script {i}")[0] for i in range(2)]
    for _round in range(2):  # stale last-use every round: the first request of each writes it
        for token in tokens:
            statuses = _all_at_once(served, _mixed_paths(), {"Authorization": f"Bearer {token}"})
            assert statuses == [200] * PARALLEL
        _age_last_use(filled, people)
    listed = filled.team.api_tokens(people.member)
    assert all(info.last_used_at is not None for info in listed)


def _age_last_use(workspace: Workspace, people: People) -> None:
    """Pretend the tokens were last used two minutes ago, so the next use records again."""
    with workspace.engine.begin() as db:
        db.execute(
            update(t.api_tokens)
            .where(t.api_tokens.c.user_id == people.member.id)
            .values(last_used_at=datetime.now(UTC) - timedelta(minutes=2))
        )


def test_parallel_session_requests_all_succeed(
    filled: Workspace, people: People, served: str
) -> None:
    token, _user = filled.team.login(people.member.email, PASSWORD, "127.0.0.1")
    paths = [("/creators" if i % 3 == 0 else p) for i, p in enumerate(_mixed_paths())]
    statuses = _all_at_once(served, paths, {"Cookie": f"{SESSION_COOKIE}={token}"})
    assert statuses == [200] * PARALLEL


def test_last_use_is_recorded_coarsely(filled: Workspace, people: People) -> None:
    """At most one write a minute per token, and it shows on the tokens page."""
    now = [datetime(2026, 11, 23, 9, 0, tzinfo=UTC)]
    team = TeamService(
        SqlTeamStore(filled.engine),
        Argon2Passwords(),
        filled.settings.secret_key,
        clock=lambda: now[0],
    )
    token, info = team.create_api_token(people.member, "coarse")
    assert info.last_used_at is None
    writes = _count_token_updates(filled)
    assert team.user_for_api_token(token) is not None
    assert _last_used(team, people, info.id) == now[0]
    first = now[0]
    now[0] += timedelta(seconds=30)
    assert team.user_for_api_token(token) is not None
    assert _last_used(team, people, info.id) == first  # within the minute: not written again
    now[0] += timedelta(seconds=31)
    assert team.user_for_api_token(token) is not None
    assert _last_used(team, people, info.id) == now[0]
    assert writes() == 2
    client = TestClient(create_app(filled), follow_redirects=False)
    log_in(client, filled, people.member)
    page = client.get("/settings", headers={"Accept-Language": "en"})
    row = next(line for line in page.text.splitlines() if "coarse" in line)
    assert "never" not in row


def _last_used(team: TeamService, people: People, token_id: int) -> datetime | None:
    (found,) = [i for i in team.api_tokens(people.member) if i.id == token_id]
    return stored_time(found.last_used_at)


def _count_token_updates(workspace: Workspace) -> Callable[[], int]:
    """How many UPDATEs of api_tokens the engine runs from now on."""
    seen: list[str] = []

    def spy(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement.lstrip().upper().startswith("UPDATE API_TOKENS"):
            seen.append(statement)

    event.listen(workspace.engine, "before_cursor_execute", spy)
    return lambda: len(seen)
