"""Failed logins: the same work for unknown emails, a back-off per email and address, a cap
per address, and forwarded headers believed only from configured proxies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx2 as httpx
import pytest
from sqlalchemy import select

from kolscope.bootstrap import Workspace
from kolscope.config import Settings
from kolscope.entrypoints.web.serving import proxy_options
from kolscope.infra.db import tables as t
from kolscope.infra.passwords import Argon2Passwords
from kolscope.team.db.team_store import SqlTeamStore
from kolscope.team.login_rules import (
    MAX_BACKOFF,
    MAX_FAILURES_PER_ADDRESS,
    LoginRefusedError,
    backoff,
)
from kolscope.team.service import TeamService
from tests.e2e.conftest import PASSWORD, People
from tests.e2e.live import live_app

HOME = "198.51.100.7"
STRANGER = "203.0.113.9"


class CountingHasher(Argon2Passwords):
    def __init__(self) -> None:
        super().__init__()
        self.verified: list[str] = []

    def verify(self, hashed: str, password: str) -> bool:
        self.verified.append(hashed)
        return super().verify(hashed, password)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def hasher() -> CountingHasher:
    return CountingHasher()


@pytest.fixture
def team(workspace: Workspace, people: People, clock: Clock, hasher: CountingHasher) -> TeamService:
    return TeamService(
        SqlTeamStore(workspace.engine), hasher, workspace.settings.secret_key, clock=clock
    )


def _fails(team: TeamService, email: str, address: str) -> None:
    with pytest.raises(LoginRefusedError) as refused:
        team.login(email, "not the password", address)
    assert refused.value.retry_after is None, "expected a wrong password, not a refusal"


def _refused_for(team: TeamService, email: str, address: str, password: str = PASSWORD) -> int:
    with pytest.raises(LoginRefusedError) as refused:
        team.login(email, password, address)
    assert refused.value.retry_after is not None
    return refused.value.retry_after


def test_unknown_email_still_verifies_a_password(
    team: TeamService, hasher: CountingHasher, people: People
) -> None:
    _fails(team, "nobody@example.com", HOME)
    _fails(team, people.member.email, HOME)
    assert len(hasher.verified) == 2  # one argon2 verification each, known or not
    dummy, real = hasher.verified
    assert dummy.startswith("$argon2id$")
    assert dummy != real


def test_backoff_doubles_per_failure_up_to_the_cap() -> None:
    assert [backoff(n).total_seconds() for n in range(7)] == [0, 0, 0, 1, 2, 4, 8]
    assert backoff(13) == backoff(50) == backoff(10**6) == MAX_BACKOFF == timedelta(minutes=15)


def test_one_email_from_one_address_backs_off(
    team: TeamService, clock: Clock, people: People
) -> None:
    email = people.member.email
    for _ in range(3):
        _fails(team, email, STRANGER)
    assert _refused_for(team, email, STRANGER) == 1
    clock.advance(1)
    _fails(team, email, STRANGER)
    assert _refused_for(team, email, STRANGER) == 2
    clock.advance(1)
    assert _refused_for(team, email, STRANGER) == 1
    clock.advance(1)
    _fails(team, email, STRANGER)
    assert _refused_for(team, email, STRANGER) == 4
    for _ in range(20):
        clock.advance(backoff(20).total_seconds())
        _fails(team, email, STRANGER)
    assert _refused_for(team, email, STRANGER) == 900
    clock.advance(900)
    token, user = team.login(email, PASSWORD, STRANGER)  # the wait is over
    assert token
    assert user.id == people.member.id
    _fails(team, email, STRANGER)  # a success starts the count again
    _fails(team, email, STRANGER)


def test_a_stranger_cannot_lock_the_owner_out(
    team: TeamService, clock: Clock, people: People
) -> None:
    for _ in range(8):
        clock.advance(backoff(8).total_seconds())
        _fails(team, people.owner.email, STRANGER)
    assert _refused_for(team, people.owner.email, STRANGER, "a last guess") > 0
    token, user = team.login(people.owner.email, PASSWORD, HOME)
    assert token
    assert user.id == people.owner.id


def test_one_address_trying_many_emails_is_stopped(
    team: TeamService, clock: Clock, people: People
) -> None:
    for i in range(MAX_FAILURES_PER_ADDRESS):
        _fails(team, f"guess{i}@example.com", STRANGER)
        clock.advance(10)
    wait = _refused_for(team, people.owner.email, STRANGER)
    assert wait == 15 * 60 - 10 * MAX_FAILURES_PER_ADDRESS  # until the oldest is 15 min old
    token, _user = team.login(people.owner.email, PASSWORD, HOME)
    assert token
    clock.advance(wait)
    _fails(team, "one-more@example.com", STRANGER)


def _post_login(http: httpx.Client, email: str, forwarded_for: str) -> int:
    csrf = http.cookies.get("kolscope_csrf")
    if csrf is None:
        http.get("/login")
        csrf = http.cookies.get("kolscope_csrf")
    response = http.post(
        "/login",
        data={"csrf_token": csrf, "email": email, "password": "wrong"},
        headers={"X-Forwarded-For": forwarded_for},
    )
    return response.status_code


def test_forwarded_for_from_a_local_client_is_not_believed_by_default(
    workspace: Workspace, people: People
) -> None:
    settings = Settings(workspace=workspace.settings.workspace)
    assert settings.trusted_proxy_list == []
    with (
        live_app(workspace, **proxy_options(settings)) as base,
        httpx.Client(base_url=base) as http,
    ):
        statuses = [
            _post_login(http, f"guess{i}@example.com", f"10.0.{i}.1")
            for i in range(MAX_FAILURES_PER_ADDRESS + 1)
        ]
    assert statuses == [400] * MAX_FAILURES_PER_ADDRESS + [429]
    with workspace.engine.connect() as db:
        addresses = set(db.execute(select(t.login_attempts.c.ip)).scalars())
    assert addresses == {"127.0.0.1"}


def test_forwarded_for_from_a_trusted_proxy_names_the_client(
    workspace: Workspace, people: People
) -> None:
    settings = Settings(workspace=workspace.settings.workspace, trusted_proxies="127.0.0.1, ::1")
    with (
        live_app(workspace, **proxy_options(settings)) as base,
        httpx.Client(base_url=base) as http,
    ):
        assert _post_login(http, people.member.email, "192.0.2.44") == 400
    with workspace.engine.connect() as db:
        addresses = set(db.execute(select(t.login_attempts.c.ip)).scalars())
    assert addresses == {"192.0.2.44"}


def test_trusted_proxies_must_be_addresses(workspace: Workspace) -> None:
    with pytest.raises(ValueError, match="KOLSCOPE_TRUSTED_PROXIES"):
        Settings(workspace=workspace.settings.workspace, trusted_proxies="proxy.example")
    ok = Settings(workspace=workspace.settings.workspace, trusted_proxies="10.0.0.0/8,::1")
    assert proxy_options(ok) == {
        "proxy_headers": True,
        "forwarded_allow_ips": ["10.0.0.0/8", "::1"],
    }
    assert proxy_options(Settings(workspace=workspace.settings.workspace))["proxy_headers"] is False


def test_attempts_older_than_a_day_are_forgotten(
    team: TeamService, people: People, clock: Clock, workspace: Workspace
) -> None:
    """The attempts table holds about a day of logins, not every login ever made."""

    def kept() -> int:
        with workspace.engine.connect() as db:
            return len(list(db.execute(select(t.login_attempts.c.id))))

    _fails(team, people.owner.email, HOME)
    team.login(people.owner.email, PASSWORD, HOME)
    assert kept() == 2
    clock.advance(25 * 3600)
    team.login(people.owner.email, PASSWORD, HOME)
    assert kept() == 1  # only today's
