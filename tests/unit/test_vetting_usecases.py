"""Audits over fakes: one account audited from the fake source and kept in the fake store,
every account at once, the list, kept norms, and comments read through the CommentSource."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.catalogue.importing.records import ImportKind
from kolscope.domain.platforms import Platform
from kolscope.vetting.audits import AccountNotFoundError, AuditQuery
from tests.fakes import FakeServices, fake_services
from tests.fakes.records import account_row, comment_row, follower_row, post_row

IG = Platform.INSTAGRAM


def _import(services: FakeServices, name: str, kind: ImportKind, rows: list[Any]) -> None:
    options = ImportOptions()
    path = services.files.add(name, kind, rows)
    report = services.importer.run(services.importer.plan([path], options), options)
    assert report.committed, report.to_dict()


@pytest.fixture
def services() -> FakeServices:
    """Three Instagram accounts over six months: ``spiky`` jumps from 10K to 60K followers in
    the last month, gets little engagement and has half its sampled followers look fake."""
    services = fake_services()
    accounts = []
    for month in range(1, 7):
        day = date(2026, month, 1)
        accounts += [
            account_row(10 * month + 1, "real.one", 10_000 + 100 * month, day=day),
            account_row(10 * month + 2, "spiky", 10_000 if month < 6 else 60_000, day=day),
            account_row(10 * month + 3, "third", 20_000 + 50 * month, day=day),
        ]
    _import(services, "accounts.csv", ImportKind.CREATORS, accounts)
    posts = [
        post_row(i, handle, f"{handle}{i}", day=date(2026, 5, i + 1), likes=likes, comments=c)
        for i in range(1, 20)
        for handle, likes, c in (("real.one", 500, 40), ("spiky", 30, 2), ("third", 900, 50))
    ]
    _import(services, "posts.csv", ImportKind.POSTS, posts)
    followers = [
        follower_row(i, "spiky", picture=i % 2 == 0, posts=0 if i % 2 else 5) for i in range(2, 42)
    ]
    _import(services, "followers.csv", ImportKind.FOLLOWERS, followers)
    return services


def test_one_account_is_audited_from_the_source_and_kept(services: FakeServices) -> None:
    result = services.audits.audit(IG, "@Spiky")
    quality = result.quality
    assert (quality.verdict, result.tier, result.scheme) == ("risk", "micro", "standard")
    fakes = quality.signal("fake_followers")
    assert fakes is not None
    assert (fakes.verdict.value, fakes.details["sample"], fakes.details["fakes"]) == (
        "problem",
        40,
        20,
    )
    growth = quality.signal("growth")
    assert growth is not None
    assert growth.verdict.value == "problem"
    assert "500% (10,000 to 60,000)" in str(growth.reason)
    assert services.follower_scorer.scored == [40]
    account_id = services.data.account_id(IG, "spiky")
    assert account_id is not None
    stored = services.audits.audit_of(IG, "spiky")
    assert stored is not None
    assert (stored.account_id, stored.verdict, stored.followers, stored.score) == (
        account_id,
        "risk",
        60_000,
        quality.score,
    )
    assert stored.report["score"] == quality.score
    assert {s["name"] for s in stored.report["signals"]} == {
        "fake_followers",
        "engagement",
        "comments",
        "growth",
        "pods",
    }
    assert services.audits.audit_of(IG, "third") is None  # not audited yet


def test_an_unknown_account_is_named(services: FakeServices) -> None:
    with pytest.raises(AccountNotFoundError, match="instagram:nobody"):
        services.audits.audit(IG, "nobody")
    assert services.audits.audit_of(IG, "nobody") is None


def test_a_trial_audit_is_not_kept(services: FakeServices) -> None:
    services.audits.audit(IG, "third", save=False)
    assert services.audit_store.audits == {}


def test_comments_are_read_through_the_comment_source(services: FakeServices) -> None:
    texts = ["ราคาเท่าไหร่"] * 4 + ["สวยมาก ใช้ดี"] * 4 + ["😍😍"] * 2 + ["ใช้ได้ไหม?"] * 2
    comments = [comment_row(i, "real.one1", t, author=f"fan{i}") for i, t in enumerate(texts, 2)]
    _import(services, "comments.csv", ImportKind.COMMENTS, comments)
    signal = services.audits.audit(IG, "real.one").quality.signal("comments")
    assert signal is not None
    assert signal.verdict.value == "ok"
    assert signal.details == {
        "read": 12,
        "low_effort": 0.1667,
        "spam": 0.0,
        "duplicates": 0.0,
        "questions_or_purchase_intent": 0.5,
    }
    account_id = services.data.account_id(IG, "real.one")
    assert account_id is not None
    stamp = services.reader.comment_stamp(account_id)
    assert stamp.count == 12
    assert stamp.latest_id == max(services.data.comments)


def test_every_account_at_once_then_the_list(services: FakeServices) -> None:
    seen: list[tuple[int, int | None]] = []
    summary = services.audits.audit_all(progress=lambda done, total, _m: seen.append((done, total)))
    assert summary == {"audited": 3, "scheme": "standard", "verdicts": {"good": 2, "risk": 1}}
    assert seen[-1] == (3, 3)
    page = services.audits.list(AuditQuery())
    assert (page.total, page.counts) == (3, {"good": 2, "risk": 1})
    scores = [r.score for r in page.records]
    assert scores == sorted(scores, key=lambda s: -(s or 0))
    assert page.records[-1].handle == "spiky"
    risky = services.audits.list(AuditQuery(verdict="risk"))
    assert [r.handle for r in risky.records] == ["spiky"]
    assert risky.counts == page.counts  # counted over every audit
    rising = services.audits.list(AuditQuery(sort="followers"))
    assert [r.handle for r in rising.records] == ["real.one", "third", "spiky"]
    assert services.audits.list(AuditQuery(platforms=(Platform.TIKTOK,))).total == 0
    with pytest.raises(ValueError, match="unknown sort"):
        services.audits.list(AuditQuery(sort="nonsense"))
    assert services.audits.audit_all()["audited"] == 3
    assert services.audits.list(AuditQuery()).total == 3  # replaced, not added


def test_norms_are_kept_until_the_data_change(services: FakeServices) -> None:
    services.audits.audit(IG, "third")
    stamp, _data, computed = services.audit_store.kept_benchmarks["standard"]
    services.clock.advance(3600)
    services.audits.audit(IG, "real.one")
    assert services.audit_store.kept_benchmarks["standard"][2] == computed  # kept
    _import(services, "new.csv", ImportKind.POSTS, [post_row(2, "third", "t99", likes=1)])
    services.audits.audit(IG, "real.one")
    new_stamp, _data, recomputed = services.audit_store.kept_benchmarks["standard"]
    assert (new_stamp != stamp, recomputed) == (True, services.clock())
    assert services.audits.kept_benchmarks("standard") is not None
    assert services.audits.kept_benchmarks("wide-micro") is None


def test_an_account_removed_between_the_two_reads_is_not_found(services: FakeServices) -> None:
    services.audit_source.bundles = lambda _ids, _max: []  # type: ignore[method-assign]
    with pytest.raises(AccountNotFoundError, match="no account instagram:spiky"):
        services.audits.audit(IG, "spiky")
