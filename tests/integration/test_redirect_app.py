"""The redirect's ASGI app on SQLite and PostgreSQL: a live code answers 302 with a click id
(and ``ref`` for Shopify), no-store, at ``/<code>`` and ``/r/<code>``; a deleted or unknown code
gets the Thai or English page, escaped; people in the LINE and Facebook in-app browsers count,
previews, HEAD requests, headless browsers and scripts are flagged but still redirected; the
country from the tests' own GeoIP database; the address and user agent never stored."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2 as httpx
import pytest
from sqlalchemy import Engine, select

from kolscope.config import Settings
from kolscope.domain.messages import Message
from kolscope.entrypoints.redirect.app import RedirectApp, short_code
from kolscope.entrypoints.web.i18n import translations
from kolscope.infra.db import tables as t
from kolscope.tracking.redirect.facade import NOT_FOUND_TITLE, Redirect, open_redirect
from kolscope.tracking.redirect.shipper import ClickShipper
from tests.integration.test_redirect_codes import (
    delete_link,
    engine_for,
    redirect_settings,
    shop_with_link,
)
from tests.tracking_mmdb import test_database

LINE_IOS = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Mobile/15E148 Safari Line/14.9.0")  # fmt: skip
LINE_ANDROID = ("Mozilla/5.0 (Linux; Android 14; SM-A546E Build/UP1A.231005.007; wv) "
                "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.134 "
                "Mobile Safari/537.36 Line/14.9.1/IAB")  # fmt: skip
FACEBOOK_IOS = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                "(KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.38.108;FBBV/6;"
                "FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBLC/th_TH;"
                "FBOP/5]")  # fmt: skip
FACEBOOK_ANDROID = ("Mozilla/5.0 (Linux; Android 13; CPH2387 Build/TP1A.220905.001; wv) "
                    "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 "
                    "Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/468.1.0.56.78;]")  # fmt: skip
HEADLESS = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "HeadlessChrome/126.0.0.0 Safari/537.36")  # fmt: skip
PREVIEWS = {
    "LINE": "facebookexternalhit/1.1;line-poker/1.0",
    "Facebook": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "X": "Twitterbot/1.0",
    "Slack": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Discord": "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "WhatsApp": "WhatsApp/2.23.20.0",
    "Telegram": "TelegramBot (like TwitterBot)",
}


@pytest.fixture
def settings(tmp_path: Path, database: str | None) -> Settings:
    return redirect_settings(tmp_path, database)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    yield from engine_for(settings)


@pytest.fixture
def redirect(settings: Settings, engine: Engine) -> Iterator[Redirect]:
    shop_with_link(engine, "abc2345")
    opened = open_redirect(settings, watch=False)
    try:
        yield opened
    finally:
        opened.close()


def request(
    app: Any,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    client: str = "203.0.113.9",
) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=(client, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://go.test") as http:
            return await http.request(method, path, headers=headers or {})

    return asyncio.run(go())


def shipped(settings: Settings, engine: Engine) -> list[dict[str, Any]]:
    ClickShipper(engine, settings.click_journal_folder).ship()
    with engine.connect() as db:
        rows = db.execute(select(t.clicks).order_by(t.clicks.c.id)).mappings().all()
    return [dict(row) for row in rows]


def test_a_live_code_redirects_with_a_click_id(redirect: Redirect) -> None:
    app = RedirectApp(redirect)
    for path in ("/r/abc2345", "/abc2345", "/r/abc2345/?fbclid=IwAR0x"):
        answer = request(app, path, headers={"user-agent": LINE_IOS})
        assert answer.status_code == 302, path
        assert answer.headers["cache-control"] == "no-store"
        where = urlsplit(answer.headers["location"])
        assert (where.scheme, where.netloc, where.path) == ("https", "moonmint.example", "/glow")
        query = parse_qs(where.query)
        assert query["utm_source"] == ["tiktok"]
        assert len(query["kc"][0]) == 24
        assert query["ref"] == query["kc"]  # a Shopify store reads ref
        assert "fbclid" not in query


def test_each_click_gets_its_own_id_and_row(
    redirect: Redirect, settings: Settings, engine: Engine
) -> None:
    app = RedirectApp(redirect)
    ids = [
        parse_qs(urlsplit(request(app, "/r/abc2345").headers["location"]).query)["kc"][0]
        for _ in range(5)
    ]
    assert len(set(ids)) == 5
    assert sorted(row["click_id"] for row in shipped(settings, engine)) == sorted(ids)


def test_other_methods_are_refused(redirect: Redirect) -> None:
    answer = request(RedirectApp(redirect), "/r/abc2345", method="POST")
    assert answer.status_code == 405
    assert answer.headers["allow"] == "GET, HEAD"


def test_unknown_and_deleted_codes_get_the_english_page_escaped(
    redirect: Redirect, engine: Engine
) -> None:
    shop_with_link(engine, "old2345")
    delete_link(engine, "old2345")
    redirect.reload_codes()
    app = RedirectApp(redirect)
    for path in ("/r/old2345", "/r/nothing", "/"):
        answer = request(app, path, headers={"accept-language": "en-GB,en;q=0.9"})
        assert answer.status_code == 404
        assert answer.headers["content-language"] == "en"
        assert "<h1>Link not found</h1>" in answer.text
    evil = request(app, '/r/<script>alert("x")</script>')
    assert evil.status_code == 404
    assert "<script>" not in evil.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in evil.text
    assert evil.headers["content-security-policy"].startswith("default-src 'none'")
    head = request(app, "/r/nothing", method="HEAD")
    assert head.status_code == 404
    assert head.content == b""


def test_the_not_found_page_speaks_thai_to_thai_browsers(redirect: Redirect) -> None:
    thai_title = translations("th").gettext(NOT_FOUND_TITLE.text)
    if thai_title == NOT_FOUND_TITLE.text:
        pytest.skip("the Thai for track.redirect.* is not merged into messages.po yet")
    answer = request(
        RedirectApp(redirect), "/r/nothing", headers={"accept-language": "th-TH,th;q=0.9,en;q=0.5"}
    )
    assert answer.status_code == 404
    assert answer.headers["content-language"] == "th"
    assert '<html lang="th">' in answer.text
    assert f"<h1>{thai_title}</h1>" in answer.text
    assert "nothing" in answer.text
    assert "Link not found" not in answer.text


def _kinds(rows: Sequence[dict[str, Any]]) -> list[tuple[str, str, str]]:
    def why(row: dict[str, Any]) -> str:
        return str(Message.from_dict(json.loads(row["visitor_reason"])))

    return [(row["visitor_kind"], row["method"], why(row)) for row in rows]


def test_in_app_browsers_are_people_previews_and_bots_are_flagged_but_redirected(
    redirect: Redirect, settings: Settings, engine: Engine
) -> None:
    app = RedirectApp(redirect)
    agents = [LINE_IOS, LINE_ANDROID, FACEBOOK_IOS, FACEBOOK_ANDROID, *PREVIEWS.values(),
              HEADLESS, "curl/8.5.0"]  # fmt: skip
    for agent in agents:
        assert request(app, "/r/abc2345", headers={"user-agent": agent}).status_code == 302
    assert request(app, "/r/abc2345", method="HEAD").status_code == 302
    rows = shipped(settings, engine)
    kinds = _kinds(rows)
    assert [kind for kind, _method, _why in kinds[:4]] == ["person"] * 4
    assert "LINE in-app browser" in kinds[0][2]
    assert "LINE in-app browser" in kinds[1][2]
    assert "Facebook in-app browser" in kinds[2][2]
    assert "Facebook in-app browser" in kinds[3][2]
    assert (rows[0]["os"], rows[0]["device"]) == ("iOS", "phone")
    assert rows[1]["os"] == "Android"
    for (kind, _method, why), fetcher in zip(kinds[4:11], PREVIEWS, strict=True):
        assert kind == "preview", fetcher
        assert f"fetched by {fetcher}" in why
    assert kinds[11][0] == "headless"
    assert kinds[12][0] == "bot"
    assert kinds[13][:2] == ("preview", "HEAD")
    assert "HEAD request" in kinds[13][2]


def test_only_the_referrers_domain_and_no_address_or_user_agent_is_kept(
    redirect: Redirect, settings: Settings, engine: Engine
) -> None:
    app = RedirectApp(redirect)
    referrer = "https://www.facebook.com/groups/123/posts/456?fbclid=secret-id"
    request(app, "/r/abc2345", headers={"user-agent": FACEBOOK_IOS, "referer": referrer})
    request(app, "/r/abc2345", headers={"referer": "android-app://jp.naver.line.android/"})
    log = b"".join(path.read_bytes() for path in settings.click_journal_folder.iterdir())
    rows = shipped(settings, engine)
    assert [row["referrer_domain"] for row in rows] == ["facebook.com", "jp.naver.line.android"]
    stored = json.dumps(rows, default=str).encode() + log
    for secret in (b"203.0.113.9", b"203.0.113", b"FBIOS", b"fbclid", b"groups/123"):
        assert secret not in stored, secret
    assert rows[0]["visitor_hash"] == rows[1]["visitor_hash"]  # the same address, one day


def test_the_country_comes_from_the_geoip_database(
    tmp_path: Path, database: str | None, engine: Engine
) -> None:
    settings = redirect_settings(
        tmp_path, database, geoip_database=test_database(tmp_path), trusted_proxies="127.0.0.1"
    )
    shop_with_link(engine, "abc2345")
    opened = open_redirect(settings, watch=False)
    try:
        app = RedirectApp(opened)
        for client in ("203.0.113.9", "198.51.100.20", "192.0.2.7", "10.1.2.3", "2001:db8::1"):
            assert request(app, "/r/abc2345", client=client).status_code == 302
        # behind a trusted proxy the visitor is the forwarded address; from anyone else the
        # header is ignored
        forwarded = {"x-forwarded-for": "10.9.9.9, 203.0.113.50"}
        request(app, "/r/abc2345", client="127.0.0.1", headers=forwarded)
        request(app, "/r/abc2345", client="198.51.100.9", headers=forwarded)
    finally:
        opened.close()
    rows = shipped(settings, engine)
    assert [row["country"] for row in rows] == ["TH", "SG", "JP", None, None, "TH", "SG"]


def test_short_codes_in_paths() -> None:
    assert short_code("/r/abc2345") == "abc2345"
    assert short_code("/abc2345/") == "abc2345"
    assert short_code("/r/") == ""


def test_the_page_is_written_from_the_language_catalogue(
    redirect: Redirect, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gettext import NullTranslations

    from kolscope.entrypoints.redirect import not_found

    class Thai(NullTranslations):
        def gettext(self, message: str) -> str:
            return {"Link not found": "ไม่พบลิงก์นี้"}.get(message, message)

    monkeypatch.setattr(not_found, "translations", lambda language: Thai())
    not_found._words.cache_clear()
    try:
        answer = request(RedirectApp(redirect), "/r/x", headers={"accept-language": "th"})
    finally:
        not_found._words.cache_clear()
    assert "<h1>ไม่พบลิงก์นี้</h1>" in answer.text
    assert answer.headers["content-language"] == "th"


class _RsgiScope:
    """What granian's RSGI hands an app: attributes, headers as a mapping, ``host:port``."""

    def __init__(self, method: str, path: str, headers: dict[str, str], client: str) -> None:
        self.proto, self.method, self.path, self.client = "http", method, path, client
        self.headers = headers


class _RsgiProtocol:
    def __init__(self) -> None:
        self.answers: list[tuple[int, dict[str, str], bytes]] = []

    def response_empty(self, status: int, headers: list[tuple[str, str]]) -> None:
        self.answers.append((status, dict(headers), b""))

    def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.answers.append((status, dict(headers), body))


def rsgi(app: RedirectApp, method: str, path: str, client: str, **headers: str) -> Any:
    protocol = _RsgiProtocol()
    named = {name.replace("_", "-"): value for name, value in headers.items()}
    asyncio.run(app.__rsgi__(_RsgiScope(method, path, named, client), protocol))
    (answer,) = protocol.answers
    return answer


def test_granians_own_interface_answers_the_same(
    redirect: Redirect, settings: Settings, engine: Engine
) -> None:
    app = RedirectApp(redirect)
    status, headers, _ = rsgi(app, "GET", "/r/abc2345", "203.0.113.9:5123", user_agent=LINE_IOS)
    assert status == 302
    assert headers["cache-control"] == "no-store"
    assert "kc=" in headers["location"]
    status, headers, _ = rsgi(app, "HEAD", "/abc2345", "[::ffff:203.0.113.9]:5123")
    assert status == 302
    status, headers, body = rsgi(app, "GET", "/r/<b>x</b>", "[2001:db8::1]:1", accept_language="en")
    assert status == 404
    assert headers["content-language"] == "en"
    assert b"&lt;b&gt;x&lt;/b&gt;" in body
    assert b"<b>" not in body
    status, headers, body = rsgi(app, "HEAD", "/r/nothing", "203.0.113.9:1")
    assert (status, body) == (404, b"")
    assert int(headers["content-length"]) > 0
    assert rsgi(app, "POST", "/r/abc2345", "203.0.113.9:1")[0] == 405
    rows = shipped(settings, engine)
    assert [(row["method"], row["visitor_kind"]) for row in rows] == [
        ("GET", "person"),
        ("HEAD", "preview"),
    ]
    # a dual-stack socket's IPv4 address is the same visitor as the plain one
    assert rows[0]["visitor_hash"] == rows[1]["visitor_hash"]


def test_client_addresses_in_granians_form() -> None:
    from kolscope.entrypoints.redirect.app import client_address

    assert client_address("203.0.113.9:5123") == "203.0.113.9"
    assert client_address("[2001:db8::1]:443") == "2001:db8::1"
    assert client_address(None) is None
