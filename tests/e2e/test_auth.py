"""Logging in and out, the first run, CSRF, rate limits, resets, languages and formats."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kolscope.bootstrap import Workspace, open_workspace
from kolscope.config import Settings
from kolscope.domain.team import Role
from kolscope.entrypoints.cli.app import app as cli
from kolscope.entrypoints.web.app import create_app
from kolscope.entrypoints.web.i18n import count, day, money, negotiate, thai_count
from kolscope.entrypoints.web.security import LANGUAGE_COOKIE, SESSION_COOKIE
from tests.e2e.conftest import PASSWORD, People, anonymous_csrf, log_in


def test_first_run_makes_the_owner(app_client: TestClient) -> None:
    assert app_client.get("/creators").headers["location"] == "/login?next=/creators"
    assert app_client.get("/login").headers["location"] == "/setup"
    csrf = anonymous_csrf(app_client)
    bad = app_client.post(
        "/setup",
        data={
            "csrf_token": csrf,
            "organisation": "Agency",
            "name": "Ann",
            "email": "ann@example.com",
            "password": "short",
        },
    )
    assert bad.status_code == 400
    assert "at least 10 characters" in bad.text
    made = app_client.post(
        "/setup",
        data={
            "csrf_token": csrf,
            "organisation": "Agency",
            "name": "Ann",
            "email": "ann@example.com",
            "password": PASSWORD,
        },
    )
    assert made.status_code == 303
    assert app_client.get("/settings").status_code == 200  # logged in straight away
    assert app_client.get("/setup").headers["location"] == "/login"


def test_login_logout_and_cookie_flags(
    workspace: Workspace, people: People, app_client: TestClient
) -> None:
    csrf = anonymous_csrf(app_client)
    wrong = app_client.post(
        "/login",
        data={
            "csrf_token": csrf,
            "email": people.owner.email,
            "password": "not it",
            "next": "/creators",
        },
    )
    assert wrong.status_code == 400
    assert "Wrong email or password." in wrong.text
    good = app_client.post(
        "/login",
        data={
            "csrf_token": csrf,
            "email": "OWNER@example.com",
            "password": PASSWORD,
            "next": "/creators",
        },
    )
    assert good.status_code == 303
    assert good.headers["location"] == "/creators"
    cookie = good.headers["set-cookie"]
    assert f"{SESSION_COOKIE}=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie  # development on plain http
    assert app_client.get("/creators").status_code == 200
    session_csrf = workspace.team.session(app_client.cookies[SESSION_COOKIE])
    assert session_csrf is not None
    out = app_client.post("/logout", data={"csrf_token": session_csrf.csrf_token})
    assert out.status_code == 303
    assert app_client.get("/creators").status_code == 303


def test_next_never_leaves_the_site(workspace: Workspace, people: People) -> None:
    for target in ("//evil.example/x", "https://evil.example", "/\\evil"):
        client = TestClient(create_app(workspace), follow_redirects=False)
        csrf = anonymous_csrf(client)
        response = client.post(
            "/login",
            data={
                "csrf_token": csrf,
                "email": people.owner.email,
                "password": PASSWORD,
                "next": target,
            },
        )
        assert response.headers["location"] == "/"


def test_forms_need_their_csrf_token(
    workspace: Workspace, people: People, app_client: TestClient
) -> None:
    log_in(app_client, workspace, people.owner)
    missing = app_client.post("/brands", data={"name": "No token"})
    assert missing.status_code == 403
    forged = app_client.post("/brands", data={"name": "Forged", "csrf_token": "x" * 32})
    assert forged.status_code == 403
    assert [b.name for b in workspace.catalogue.brands()] == ["Glow Lab", "Other Brand"]
    anonymous = TestClient(create_app(workspace), follow_redirects=False)
    assert anonymous.post("/login", data={"email": "a@b.co", "password": "x"}).status_code == 403


def test_repeated_failures_are_slowed_down(people: People, app_client: TestClient) -> None:
    csrf = anonymous_csrf(app_client)
    for _attempt in range(5):
        app_client.post(
            "/login", data={"csrf_token": csrf, "email": people.member.email, "password": "guess"}
        )
    blocked = app_client.post(
        "/login", data={"csrf_token": csrf, "email": people.member.email, "password": PASSWORD}
    )
    assert blocked.status_code == 429  # 5 failures in a row: wait 4 s (docs/web.md)
    assert 1 <= int(blocked.headers["retry-after"]) <= 4
    assert "Too many failed logins" in blocked.text
    other = app_client.post(
        "/login", data={"csrf_token": csrf, "email": people.owner.email, "password": PASSWORD}
    )
    assert other.status_code == 303  # another account from the same place still works


def test_password_reset_from_the_command_line(
    workspace: Workspace, people: People, app_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_session = log_in(TestClient(create_app(workspace)), workspace, people.member)
    assert old_session
    monkeypatch.delenv("KOLSCOPE_SMTP_URL", raising=False)
    if workspace.settings.database_url:
        monkeypatch.setenv("KOLSCOPE_DATABASE_URL", workspace.settings.database_url)
    result = CliRunner().invoke(
        cli,
        [
            "--workspace",
            str(workspace.settings.workspace),
            "users",
            "reset-password",
            people.member.email,
        ],
    )
    assert result.exit_code == 0, result.output
    link = re.search(r"http://\S+/reset/(\S+)", result.output)
    assert link is not None
    token = link[1]
    csrf = anonymous_csrf(app_client)
    assert app_client.get(f"/reset/{token}").status_code == 200
    short = app_client.post(f"/reset/{token}", data={"csrf_token": csrf, "password": "x"})
    assert short.status_code == 400
    done = app_client.post(
        f"/reset/{token}", data={"csrf_token": csrf, "password": "a brand new password"}
    )
    assert done.headers["location"] == "/login?reset=1"
    again = app_client.post(
        f"/reset/{token}", data={"csrf_token": csrf, "password": "yet another password"}
    )
    assert again.status_code == 400  # single use
    _token, user = workspace.team.login(people.member.email, "a brand new password", "t")
    assert user.id == people.member.id


def test_password_reset_by_mail(workspace: Workspace, people: People, tmp_path: Path) -> None:
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received: list[str] = []

    class Inbox(Message):
        def handle_message(self, message: object) -> None:
            received.append(str(message))

    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = workspace.settings.model_copy(update={"smtp_url": f"smtp://127.0.0.1:{port}"})
        workspace.settings = settings
        client = TestClient(create_app(workspace), follow_redirects=False)
        csrf = anonymous_csrf(client)
        sent = client.post("/forgot", data={"csrf_token": csrf, "email": people.owner.email})
        assert sent.status_code == 200
        nobody = client.post("/forgot", data={"csrf_token": csrf, "email": "no@example.com"})
        assert nobody.text.count("on its way") == sent.text.count("on its way")
    finally:
        controller.stop()
    assert len(received) == 1
    assert "/reset/" in received[0]
    assert people.owner.email in received[0]


def test_language_follows_browser_switch_and_user(
    workspace: Workspace, people: People, app_client: TestClient
) -> None:
    thai = app_client.get("/login", headers={"Accept-Language": "th-TH,th;q=0.9,en;q=0.8"})
    assert '<html lang="th">' in thai.text
    assert "เข้าสู่ระบบ" in thai.text
    english = app_client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in english.text
    csrf = log_in(app_client, workspace, people.member)
    switched = app_client.post(
        "/language", data={"csrf_token": csrf, "language": "th", "next": "/creators"}
    )
    assert switched.headers["location"] == "/creators"
    assert LANGUAGE_COOKIE in switched.headers["set-cookie"]
    member = workspace.team.user(people.member.id)
    assert member is not None
    assert member.language == "th"
    fresh = TestClient(create_app(workspace), follow_redirects=False)
    log_in(fresh, workspace, people.member)
    page = fresh.get("/creators", headers={"Accept-Language": "en"})
    assert '<html lang="th">' in page.text  # the person's choice wins over the browser


def test_number_and_date_formats() -> None:
    from datetime import date

    assert money(1234.5) == "฿1,234.50"
    assert money(150_000) == "฿150,000"
    assert count(12_300) == "12.3K"
    assert count(1_234_567) == "1.2M"
    assert count(12_300, thai_units=True) == thai_count(12_300) == "1.2 หมื่น"
    assert thai_count(340_000) == "3.4 แสน"
    assert thai_count(1_200_000) == "1.2 ล้าน"
    assert day(date(2026, 11, 23), buddhist_era=True, language="th") == "23 พ.ย. 2569"
    assert day(date(2026, 11, 23), language="th") == "23 พ.ย. 2026"
    assert day(date(2026, 11, 23), buddhist_era=True, language="en") == "23 Nov 2569 BE"
    assert negotiate("th;q=0.5,en;q=0.9") == "en"
    assert negotiate("fr,th") == "th"
    assert negotiate(None) == "en"


def test_formats_are_per_person(
    workspace: Workspace, people: People, app_client: TestClient
) -> None:
    csrf = log_in(app_client, workspace, people.owner)
    saved = app_client.post(
        "/settings/profile",
        data={
            "csrf_token": csrf,
            "name": "Olivia",
            "language": "th",
            "buddhist_era": "true",
            "thai_units": "true",
        },
    )
    assert saved.status_code == 200
    owner = workspace.team.user(people.owner.id)
    assert owner is not None
    assert (owner.name, owner.language, owner.buddhist_era, owner.thai_units) == (
        "Olivia",
        "th",
        True,
        True,
    )


def test_clients_see_only_their_brands(
    workspace: Workspace, people: People, app_client: TestClient
) -> None:
    log_in(app_client, workspace, people.client)
    brands = app_client.get("/brands")
    assert "Glow Lab" in brands.text
    assert "Other Brand" not in brands.text
    landing = app_client.get("/")  # their own landing page: their brands, nothing else
    assert landing.status_code == 200
    assert "Glow Lab" in landing.text
    assert "Other Brand" not in landing.text
    assert app_client.get("/creators").status_code == 403


def test_owners_manage_people(workspace: Workspace, people: People, app_client: TestClient) -> None:
    csrf = log_in(app_client, workspace, people.owner)
    added = app_client.post(
        "/settings/people",
        data={
            "csrf_token": csrf,
            "name": "New One",
            "email": "new@example.com",
            "password": PASSWORD,
            "role": "client",
        },
    )
    assert added.status_code == 303
    new = workspace.team.user_by_email("new@example.com")
    assert new is not None
    assert new.role == Role.CLIENT
    locked = app_client.post(
        f"/settings/people/{people.owner.id}",
        data={"csrf_token": csrf, "role": "member", "active": "on"},
    )
    assert locked.status_code == 400  # no owner can lock themselves out
    off = app_client.post(
        f"/settings/people/{people.member.id}", data={"csrf_token": csrf, "role": "member"}
    )
    assert off.status_code == 303
    member = workspace.team.user(people.member.id)
    assert member is not None
    assert not member.is_active


def test_production_needs_a_real_secret(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="KOLSCOPE_SECRET_KEY"):
        Settings(environment="production", workspace=tmp_path)
    settings = Settings(environment="production", workspace=tmp_path, secret_key="s" * 48)
    assert settings.secure_cookies
    workspace = open_workspace(settings)
    try:
        workspace.team.create_first_owner("A", "a@example.com", "A", PASSWORD)
        client = TestClient(create_app(workspace), follow_redirects=False)
        csrf = anonymous_csrf(client)
        response = client.post(
            "/login", data={"csrf_token": csrf, "email": "a@example.com", "password": PASSWORD}
        )
        assert "Secure" in response.headers["set-cookie"]
    finally:
        workspace.close()


def test_serve_refuses_the_default_secret_in_production(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOLSCOPE_ENVIRONMENT", "production")
    monkeypatch.delenv("KOLSCOPE_SECRET_KEY", raising=False)
    result = CliRunner().invoke(cli, ["--workspace", str(tmp_path / "w"), "serve"])
    assert result.exit_code == 2
    assert "KOLSCOPE_SECRET_KEY" in result.stderr
