"""Audits in the web app: the creator page's audit section and charts, running one, the list
of audits (sorted, filtered, paged), auditing every account as a job, the JSON API, Thai
labels, and hostile text in handles and reasons."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from kolscope.bootstrap import Workspace, open_workspace
from kolscope.catalogue.demo.build import DEMO_PASSWORD
from kolscope.config import Settings
from kolscope.domain.messages import Message
from kolscope.domain.platforms import Platform
from kolscope.entrypoints.web.app import create_app
from kolscope.entrypoints.web.said import say_with, wording
from kolscope.entrypoints.web.security import SESSION_COOKIE
from kolscope.vetting.audits import AuditQuery, AuditRecord
from tests.e2e.conftest import People, import_rows, log_in
from tests.factories import write_csv

TODAY = date(2026, 11, 24)
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
# Handles with markup are refused at import now (issue #13); the name and reasons still carry it.
HOSTILE_HANDLE = "img.src_x.onerror"
MEMBER, CLIENT = "member@kolscope.local", "client@kolscope.local"


def session(workspace: Workspace, email: str, language: str | None = None) -> TestClient:
    """A client logged in as one of the demo people (their CSRF token in ``.csrf``)."""
    client = TestClient(create_app(workspace), follow_redirects=False)
    token, _user = workspace.team.login(email, DEMO_PASSWORD, "testclient")
    client.cookies.set(SESSION_COOKIE, token)
    found = workspace.team.session(token)
    assert found is not None
    client.csrf = found.csrf_token  # type: ignore[attr-defined]
    if language:
        client.headers["accept-language"] = language
    return client


@pytest.fixture(scope="module")
def market(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The synthetic demo market (with its three logins), every account audited once."""
    workspace = open_workspace(Settings(workspace=tmp_path_factory.mktemp("market") / "ws"))
    workspace.build_demo(seed=3, creators=60, today=TODAY)
    workspace.audits.audit_all()
    try:
        yield workspace
    finally:
        workspace.close()


@pytest.fixture
def member(market: Workspace) -> TestClient:
    return session(market, MEMBER)


def every_audit(workspace: Workspace) -> list[AuditRecord]:
    return list(workspace.audits.list(AuditQuery(limit=1000)).records)


def with_jumps(workspace: Workspace) -> AuditRecord:
    for record in every_audit(workspace):
        for signal in record.report["signals"]:
            if signal["name"] == "growth" and signal["details"].get("jumps"):
                return record
    raise AssertionError("the demo plants follower jumps")


def creator_url(record: AuditRecord) -> str:
    return f"/creators/{record.platform.value}/{quote(record.handle, safe='')}"


def scores_on(page: str) -> list[str]:
    return re.findall(r'<td class="num"><strong>([^<]*)</strong></td>', page)


def figure(page: str, name: str) -> dict[str, Any]:
    found = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', page)
    assert found, name
    data: dict[str, Any] = json.loads(found.group(1))
    return data


# The list of audits ---------------------------------------------------------------------------


def test_audits_page_lists_sorts_filters_and_pages(market: Workspace, member: TestClient) -> None:
    everything = market.audits.list(AuditQuery(limit=1000))
    page = member.get("/audits")
    assert page.status_code == 200
    assert 'action="/audits/run"' in page.text  # members may audit every account
    assert f'All <span class="muted">({everything.total})</span>' in page.text
    for verdict, n in everything.counts.items():
        assert f'href="?verdict={verdict}&amp;sort=-score"' in page.text
        assert f"({n})" in page.text
    shown = [float(s) for s in scores_on(page.text) if s != "unknown"]
    assert len(scores_on(page.text)) == min(50, everything.total)
    assert shown == sorted(shown, reverse=True)

    rising = member.get("/audits", params={"sort": "score"}).text
    low_first = [float(s) for s in scores_on(rising) if s != "unknown"]
    assert low_first == sorted(low_first)
    assert low_first[0] == min(r.score for r in everything.records if r.score is not None)

    verdict = min(everything.counts, key=lambda v: everything.counts[v])
    only = member.get("/audits", params={"verdict": verdict}).text
    badges = re.findall(r'<td><span class="verdict verdict-(\w+)">', only)
    assert badges
    assert set(badges) == {verdict}
    assert len(badges) == min(50, everything.counts[verdict])

    instagram = member.get("/audits", params={"platform": "instagram"}).text
    platforms = re.findall(r"</a></td>\s*<td>([^<]+)</td>", instagram)
    assert platforms
    assert set(platforms) == {"Instagram"}

    followers = member.get("/audits", params={"sort": "-followers"}).text
    biggest = max(everything.records, key=lambda r: r.followers or 0)
    assert followers.index(f"@{biggest.handle}<") < followers.index("</tbody>")
    first_row = followers.split("<tbody>", 1)[1]
    assert f"@{biggest.handle}<" in first_row.split("</tr>", 1)[0]

    assert everything.total > 50, "the demo has more than one page of audits"
    second = member.get("/audits", params={"page": 2}).text
    assert len(scores_on(second)) == everything.total - 50
    assert 'rel="prev"' in second

    assert member.get("/audits", params={"sort": "nonsense"}).status_code == 400
    assert member.get("/audits", params={"verdict": "great"}).status_code == 400
    assert member.get("/audits", params={"platform": "myspace"}).status_code == 400


def test_clients_see_no_audits(market: Workspace) -> None:
    client = session(market, CLIENT)
    assert client.get("/audits").status_code == 403
    record = every_audit(market)[0]
    run = client.post(f"{creator_url(record)}/audit", data={"csrf_token": client.csrf})  # type: ignore[attr-defined]
    assert run.status_code == 403
    assert client.get("/api/audits").status_code == 403


# One creator's audit --------------------------------------------------------------------------


def test_creator_page_shows_score_reasons_and_jumps(market: Workspace, member: TestClient) -> None:
    record = with_jumps(market)
    page = member.get(creator_url(record))
    assert page.status_code == 200
    text = page.text
    assert 'id="audit"' in text
    assert text.index('id="audit"') < text.index(">Profile<")  # near the top
    score = "unknown" if record.score is None else f"{record.score:g}"
    assert f'id="audit-score">{score}' in text
    assert f'class="verdict verdict-{record.verdict}" id="audit-verdict"' in text
    english = wording(language="en")
    for signal in record.report["signals"]:
        assert f'id="signal-{signal["name"]}"' in text
        # The stored messages, said in the reader's language (dates as the page writes them).
        reason = Message.from_dict(signal["reason_message"])
        assert str(escape(say_with(reason, english))) in text
        assert str(escape(say_with(Message.from_dict(signal["data_message"]), english))) in text
        assert reason.code.startswith("audit.")
    assert "30%" in text  # the fake-follower check's weight
    assert "Audit again" in text
    jumps = next(s for s in record.report["signals"] if s["name"] == "growth")["details"]["jumps"]
    followers = figure(text, "followers-figure")
    marked = followers["data"][-1]
    assert marked["name"] == "Follower jump found by the audit"
    assert marked["x"] == [j["on"] for j in jumps]
    assert [a["x"] for a in followers["layout"]["annotations"]] == [j["on"] for j in jumps]
    assert 'class="mark"' in text  # the SVG drawn for pages without JavaScript marks them too
    assert "Follower jumps" in text


def test_run_an_audit_from_the_creator_page(filled: Workspace, people: People) -> None:
    client = TestClient(create_app(filled), follow_redirects=False)
    csrf = log_in(client, filled, people.member)
    before = client.get("/creators/instagram/mint.review").text
    assert 'id="audit-none"' in before
    assert "Run audit" in before
    url = "/creators/instagram/mint.review/audit"
    assert client.post(url, data={}).status_code == 403  # no CSRF token
    done = client.post(url, data={"csrf_token": csrf})
    assert done.status_code == 303
    assert done.headers["location"] == "/creators/instagram/mint.review#audit"
    stored = filled.audits.audit_of(Platform.INSTAGRAM, "mint.review")
    assert stored is not None
    after = client.get("/creators/instagram/mint.review").text
    assert "Audit again" in after
    assert 'id="audit-none"' not in after
    # no posts, two snapshots, no comments: nothing to score on, and no number is made up
    assert stored.score is None
    assert 'id="audit-score">unknown<' in after
    assert "No score: none of the checks had enough data" in after
    assert "too little history" in after
    chosen = client.post(url, data={"csrf_token": csrf, "scheme": "kol-th"})
    assert chosen.headers["location"] == "/creators/instagram/mint.review?scheme=kol-th#audit"
    again = filled.audits.audit_of(Platform.INSTAGRAM, "mint.review")
    assert again is not None
    assert again.scheme == "kol-th"
    assert client.post(url, data={"csrf_token": csrf, "scheme": "nope"}).status_code == 400
    missing = client.post("/creators/instagram/nobody/audit", data={"csrf_token": csrf})
    assert missing.status_code == 404


def test_engagement_is_charted_against_the_tier(
    workspace: Workspace, people: People, tmp_path: Path
) -> None:
    accounts = [["platform", "handle", "followers"]]
    posts = [["platform", "handle", "post_id", "likes", "comments", "posted_at"]]
    for i in range(24):
        handle = f"peer{i:02d}"
        accounts.append(["instagram", handle, str(20_000 + 1_000 * i)])
        likes = str(200 + 40 * i)
        posts.extend(
            ["instagram", handle, f"p{i}-{n}", likes, "10", f"2026-11-0{n + 1}"] for n in range(3)
        )
    import_rows(workspace, write_csv(tmp_path / "ig-2026-11-10.csv", accounts))
    import_rows(workspace, write_csv(tmp_path / "posts.csv", posts))
    client = TestClient(create_app(workspace), follow_redirects=False)
    csrf = log_in(client, workspace, people.member)
    assert (
        client.post("/creators/instagram/peer20/audit", data={"csrf_token": csrf}).status_code
        == 303
    )
    page = client.get("/creators/instagram/peer20").text
    standing = re.search(r'<p id="engagement-standing">(.*?)</p>', page, re.S)
    assert standing, page
    assert "percentile among 24 micro Instagram accounts of this workspace" in standing.group(1)
    chart = figure(page, "engagement-figure")
    peers, this = chart["data"]
    assert peers["name"] == "Peers (24 accounts)"
    assert len(peers["y"]) == 99
    assert this["name"] == "This account"
    rate = (200 + 40 * 20 + 10) / (20_000 + 1_000 * 20)
    assert this["y"] == [pytest.approx(rate, rel=1e-4)]
    assert 50 < this["x"][0] < 100
    assert '<script src="/static/vendor/plotly.min.js"></script>' in page


def test_too_few_peers_are_not_ranked(filled: Workspace, people: People, tmp_path: Path) -> None:
    import_rows(
        filled,
        write_csv(
            tmp_path / "posts.csv",
            [
                ["platform", "handle", "post_id", "likes", "comments", "posted_at"],
                ["instagram", "bkk_foodie", "b1", "900", "30", "2026-10-01"],
            ],
        ),
    )
    client = TestClient(create_app(filled), follow_redirects=False)
    csrf = log_in(client, filled, people.member)
    client.post("/creators/instagram/bkk_foodie/audit", data={"csrf_token": csrf})
    page = client.get("/creators/instagram/bkk_foodie").text
    assert "Only 1 micro Instagram accounts of this workspace have one" in page
    assert 'id="engagement-figure"' not in page


# Every account, as a job ----------------------------------------------------------------------


def test_audit_every_account_as_a_job(filled: Workspace, people: People) -> None:
    client = TestClient(create_app(filled), follow_redirects=False)
    csrf = log_in(client, filled, people.member)
    assert "No account has been audited yet" in client.get("/audits").text
    queued = client.post("/audits/run", data={"csrf_token": csrf})
    assert queued.status_code == 303
    job_id = int(queued.headers["location"].rsplit("/", 1)[1])
    waiting = client.get(f"/jobs/{job_id}").text
    assert "<h1>Audit of every account</h1>" in waiting
    assert 'href="/audits"' in waiting
    assert "An audit of every account is under way" in client.get("/audits").text
    finished = filled.jobs.run(job_id)
    assert finished is not None
    assert finished.status.value == "succeeded"
    report = client.get(f"/jobs/{job_id}").text
    assert "Audited 2 accounts (standard scheme)." in report
    listed = client.get("/audits").text
    assert "@mint.review<" in listed
    assert "@bkk_foodie<" in listed
    assert "Last audit of every account:" in listed
    assert f'<a href="/jobs/{job_id}">Audit of every account</a>' in client.get("/imports").text


# Hostile text ---------------------------------------------------------------------------------


def test_untrusted_text_is_escaped(workspace: Workspace, people: People, tmp_path: Path) -> None:
    import_rows(
        workspace,
        write_csv(
            tmp_path / "ig-2026-09-01.csv",
            [
                ["platform", "handle", "display_name", "followers"],
                ["instagram", HOSTILE_HANDLE, HOSTILE, "9,000"],
            ],
        ),
    )
    import_rows(
        workspace,
        write_csv(
            tmp_path / "ig-2026-10-01.csv",
            [["platform", "handle", "followers"], ["instagram", HOSTILE_HANDLE, "12,000"]],
        ),
    )
    client = TestClient(create_app(workspace), follow_redirects=False)
    csrf = log_in(client, workspace, people.member)
    url = f"/creators/instagram/{quote(HOSTILE_HANDLE, safe='')}"
    assert client.post(f"{url}/audit", data={"csrf_token": csrf}).status_code == 303
    stored = workspace.audits.audit_of(Platform.INSTAGRAM, HOSTILE_HANDLE)
    assert stored is not None
    # A report whose words carry markup (reasons can quote handles and sources).
    report = json.loads(json.dumps(stored.report))
    for signal in report["signals"]:
        signal["reason"] = f"{signal['reason']} {HOSTILE}"
        signal["data"] = HOSTILE
        # Stored before messages were data: the plain English is shown as it is.
        signal.pop("reason_message", None)
        signal.pop("data_message", None)
        if signal["name"] == "growth":
            signal["details"] = {
                "jumps": [
                    {"on": "2026-09-20", "before": 9000, "after": 12000, "tell_tales": [HOSTILE]}
                ]
            }
    # A message quotes words from the data (a partner's handle) as they are: escaped.
    report["signals"][-1]["reason_message"] = {
        "code": "audit.pods.trades",
        "params": {"count": 2, "partners": [HOSTILE, "instagram:b"]},
        "text": f"trades comments with 2 creators ({HOSTILE}, instagram:b)",
    }
    workspace.audit_store.save_audits(
        [replace(stored, report=report, audited_at=datetime(2026, 11, 24, 3, 0, tzinfo=UTC))]
    )
    for address in (url, "/audits", "/audits?verdict=unknown"):
        page = client.get(address)
        assert page.status_code == 200, address
        assert "<script>alert" not in page.text, address
        assert "<img src=x" not in page.text, address
        assert HOSTILE_HANDLE in page.text, address
    assert "&lt;img src=x onerror=alert(1)&gt;" in client.get(url).text
    detail = client.get(url).text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in detail
    chart = re.search(r'id="followers-figure">(.*?)</script>', detail, re.S)
    assert chart
    assert "<" not in chart.group(1)  # JSON for the chart: nothing can close the script
    assert "Audited 24 Nov 2026 10:00" in detail  # kept in UTC, shown in Bangkok time
    data = client.get(f"/api/creators/instagram/{quote(HOSTILE_HANDLE, safe='')}/audit").json()
    assert data["signals"][0]["data"] == HOSTILE  # JSON carries text as it is; pages escape it
    assert data["signals"][0]["reason_message"] is None  # stored before messages were data


# Thai -----------------------------------------------------------------------------------------


def test_thai_labels(market: Workspace) -> None:
    thai = session(market, MEMBER, language="th")
    listed = thai.get("/audits").text
    assert '<html lang="th">' in listed
    for label in ("ตรวจสอบทุกบัญชี", "คะแนน", "ผลประเมิน", "ความมั่นใจ", "กรองตามผลประเมิน"):
        assert label in listed, label
    assert "Audit every account" not in listed
    record = with_jumps(market)
    page = thai.get(creator_url(record)).text
    for label in ("ตรวจสอบคุณภาพ", "คะแนนคุณภาพ", "ผู้ติดตามปลอม", "เหตุผล", "น้ำหนัก"):
        assert label in page, label
    growth = next(s for s in record.report["signals"] if s["name"] == "growth")
    assert str(escape(growth["reason"])) not in page  # the analysis's reasons read in Thai
    assert "ยอดผู้ติดตามพุ่งผิดปกติ" in page
    for english in ("followers jumped", "lost again", "Why (in English)", "recent posts"):
        assert english not in page, english
    assert "ผู้ติดตามพุ่งขึ้นผิดปกติ (จากการตรวจสอบ)" in figure(page, "followers-figure")["data"][-1]["name"]


# JSON API -------------------------------------------------------------------------------------


def test_api_lists_shows_and_runs_audits(market: Workspace, member: TestClient) -> None:
    everything = market.audits.list(AuditQuery(limit=1000))
    good = member.get("/api/audits", params={"verdict": "good", "sort": "score", "limit": 5}).json()
    assert good["total"] == everything.counts["good"]
    assert good["counts"] == everything.counts
    assert len(good["audits"]) == 5
    assert {a["verdict"] for a in good["audits"]} == {"good"}
    scores = [a["score"] for a in good["audits"]]
    assert scores == sorted(scores)
    assert good["audits"][0]["audited_at"].endswith("+00:00")
    later = member.get("/api/audits", params={"verdict": "good", "sort": "score", "offset": 5})
    assert later.json()["audits"][0]["score"] >= scores[-1]
    tiktok = member.get("/api/audits", params={"platform": "tiktok", "limit": 1000}).json()
    assert tiktok["audits"]
    assert {a["platform"] for a in tiktok["audits"]} == {"tiktok"}
    assert member.get("/api/audits", params={"sort": "best"}).status_code == 400
    assert member.get("/api/audits", params={"verdict": "fine"}).status_code == 400

    record = with_jumps(market)
    address = f"/api{creator_url(record)}/audit"
    report = member.get(address).json()
    assert report == json.loads(json.dumps(record.report))
    assert {s["name"] for s in report["signals"]} >= {"fake_followers", "engagement", "growth"}
    assert all(s["reason"] for s in report["signals"])
    for signal in report["signals"]:  # beside each English text, its code and values
        assert signal["reason_message"]["text"] == signal["reason"]
        assert signal["reason_message"]["code"].startswith("audit.")
        assert signal["data_message"]["text"] == signal["data"]
    assert member.get("/api/creators/instagram/nobody/audit").status_code == 404
    assert member.get("/api/creators/myspace/x/audit").status_code == 404

    assert member.post(address).status_code == 403  # a session needs its CSRF header
    ran = member.post(address, headers={"X-CSRF-Token": member.csrf})  # type: ignore[attr-defined]
    assert ran.status_code == 200
    assert ran.json()["handle"] == record.handle
    assert ran.json()["signals"]
    person = market.team.user_by_email(MEMBER)
    assert person is not None
    token, _info = market.team.create_api_token(person, "audits")
    bearer = TestClient(create_app(market))
    by_token = bearer.post(
        "/api/creators/instagram/nobody/audit", headers={"Authorization": f"Bearer {token}"}
    )
    assert by_token.status_code == 404
    schema = member.get("/api/openapi.json").json()
    assert "/api/audits" in schema["paths"]
    assert "post" in schema["paths"]["/api/creators/{platform}/{handle}/audit"]
