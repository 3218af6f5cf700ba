"""The comment-quality summary: counts, examples, the cap, the cache, and the creator page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kolscope.bootstrap import Workspace
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.catalogue.views import CommentStamp
from kolscope.domain.content import Comment
from kolscope.domain.platforms import Platform
from kolscope.entrypoints.web.app import create_app
from kolscope.entrypoints.web.said import say_with, wording
from kolscope.vetting import messages as m
from kolscope.vetting.comment_quality import (
    DEFAULT_LIMIT,
    FEW_COMMENTS,
    CommentQualityService,
    SummaryCache,
    summarise,
)
from kolscope.vetting.comments import CommentInsight
from tests.e2e.conftest import PASSWORD, log_in
from tests.factories import write_csv

START = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)

PLAIN = CommentInsight(
    sentiment="neutral",
    sentiment_p=0.6,
    question=False,
    question_p=0.1,
    purchase_intent=False,
    purchase_intent_p=0.1,
    spam=False,
    spam_p=0.1,
    low_effort=False,
    low_effort_kind=None,
    toxic=False,
    language="th",
    evidence=(),
)


def buying(p: float) -> CommentInsight:
    return replace(
        PLAIN,
        purchase_intent=True,
        purchase_intent_p=p,
        evidence=("purchase intent: asks price",),
    )


def spam(p: float = 0.9) -> CommentInsight:
    return replace(PLAIN, spam=True, spam_p=p, evidence=("spam: gambling",))


def low(kind: str) -> CommentInsight:
    return replace(
        PLAIN,
        low_effort=True,
        low_effort_kind=kind,
        language="none",
        evidence=(f"low effort: {kind.replace('_', ' ')}",),
    )


def comments(*texts: str) -> tuple[Comment, ...]:
    """Comments newest first, an hour apart, with ids counting down."""
    return tuple(
        Comment(text, posted_at=START - timedelta(hours=i), likes=i, id=len(texts) - i)
        for i, text in enumerate(texts)
    )


class FakeSource:
    """A ``CommentSource`` over a list of comments kept newest first."""

    def __init__(self, items: Sequence[Comment] = ()) -> None:
        self.items = list(items)
        self.import_id = 1
        self.reads = 0

    def comment_stamp(self, account_id: int) -> CommentStamp:
        ids = [c.id for c in self.items if c.id is not None]
        return CommentStamp(len(self.items), max(ids, default=None), self.import_id)

    def latest_comments(self, account_id: int, limit: int) -> tuple[Comment, ...]:
        self.reads += 1
        return tuple(self.items[:limit])


class CountingReader:
    """Reads every comment as a plain one, except those the table names; counts its calls."""

    def __init__(self, table: dict[str, CommentInsight] | None = None) -> None:
        self.table = table or {}
        self.calls: list[list[str]] = []

    def __call__(self, texts: Sequence[str]) -> list[CommentInsight]:
        self.calls.append(list(texts))
        return [self.table.get(t, PLAIN) for t in texts]


# The summary ------------------------------------------------------------------------------


def test_counts_shares_kinds_and_languages() -> None:
    items = comments("a", "b", "c", "d", "e", "f", "g", "h")
    insights = [
        replace(PLAIN, sentiment="positive", sentiment_p=0.9),
        replace(PLAIN, sentiment="negative", toxic=True, language="en"),
        replace(buying(0.8), question=True, language="mixed"),
        spam(),
        low("emoji_only"),
        low("emoji_only"),
        low("duplicate"),
        PLAIN,
    ]
    summary = summarise(items, insights, stored=8)
    assert summary.analysed == 8
    assert not summary.capped
    assert [(k.kind, k.count) for k in summary.sentiment] == [
        ("positive", 1),
        ("neutral", 6),
        ("negative", 1),
    ]
    assert [(k.kind, k.count) for k in summary.signals] == [
        ("question", 1),
        ("purchase_intent", 1),
        ("spam", 1),
        ("low_effort", 3),
        ("toxic", 1),
    ]
    assert summary.kind("low_effort").share == pytest.approx(3 / 8)
    assert [(k.kind, k.count) for k in summary.low_effort_kinds] == [
        ("emoji_only", 2),
        ("duplicate", 1),
    ]
    assert [(k.kind, k.count) for k in summary.languages] == [
        ("th", 3),
        ("en", 1),
        ("mixed", 1),
        ("none", 3),
    ]
    assert summary.genuine.count == 4  # neither spam nor low effort
    assert summary.genuine.share == pytest.approx(0.5)
    assert summary.kind("sticker_only").count == 0
    assert summary.newest == START
    assert summary.oldest == START - timedelta(hours=7)


def test_examples_surest_first_each_text_once_with_date_and_evidence() -> None:
    texts = ("ราคา?", "ราคาเท่าไหร่คะ", "ราคาเท่าไหร่คะ!!", "สั่งยังไง", "ส่งไหม", "ขอราคา")
    insights = [buying(p) for p in (0.6, 0.95, 0.99, 0.7, 0.8, 0.5)]
    summary = summarise(comments(*texts), insights)
    examples = summary.kind("purchase_intent").examples
    assert [e.text for e in examples] == ["ราคาเท่าไหร่คะ!!", "ส่งไหม", "สั่งยังไง"]
    assert examples[0].posted_at == START - timedelta(hours=2)
    assert examples[0].likes == 2
    assert [str(e) for e in examples[0].evidence] == ["purchase intent: asks price"]
    assert summary.kind("purchase_intent").count == 6  # all counted, three shown


def test_examples_of_what_people_say_prefer_real_conversation() -> None:
    texts = ("😍😍", "ชอบมากค่ะ ใช้แล้วผิวดีขึ้น", "รวยเร็ว คลิกเลย")
    insights = [
        replace(low("emoji_only"), sentiment="positive", sentiment_p=0.99),
        replace(PLAIN, sentiment="positive", sentiment_p=0.7),
        replace(spam(), sentiment="positive", sentiment_p=0.95),
    ]
    summary = summarise(comments(*texts), insights)
    assert next(e.text for e in summary.kind("positive").examples) == texts[1]
    assert len(summary.kind("positive").examples) == 3


def test_low_effort_examples_show_each_kind_in_turn() -> None:
    texts = ("😍", "🔥🔥", "👍", "สวยมาก", "[sticker]")
    kinds = ("emoji_only", "emoji_only", "emoji_only", "generic", "sticker_only")
    summary = summarise(comments(*texts), [low(k) for k in kinds])
    shown = summary.kind("low_effort").examples
    assert [e.text for e in shown] == ["😍", "สวยมาก", "[sticker]"]


def test_examples_follow_the_page_order_and_skip_blank_comments() -> None:
    summary = summarise(comments("   ", "spam here"), [low("empty"), spam()])
    assert [k.kind for k in summary.examples] == [
        "purchase_intent",
        "question",
        "spam",
        "low_effort",
        "toxic",
        "negative",
        "positive",
    ]
    assert summary.kind("low_effort").count == 1
    assert summary.kind("low_effort").examples == ()
    assert [e.text for e in summary.kind("spam").examples] == ["spam here"]


def test_confidence_and_sampling_margin_follow_the_number_read() -> None:
    few = summarise(comments(*["x"] * (FEW_COMMENTS - 1)), [PLAIN] * (FEW_COMMENTS - 1))
    enough = summarise(comments(*["x"] * FEW_COMMENTS), [PLAIN] * FEW_COMMENTS)
    hundred = summarise(comments(*["x"] * 100), [PLAIN] * 100)
    assert (few.confidence, enough.confidence) == ("few", "enough")
    assert hundred.margin == pytest.approx(0.098)
    nothing = summarise((), ())
    assert (nothing.empty, nothing.confidence, nothing.margin) == (True, "none", None)
    assert nothing.genuine.share == 0.0


def test_insights_must_match_the_comments() -> None:
    with pytest.raises(ValueError, match="2 comments but 1 insights"):
        summarise(comments("a", "b"), [PLAIN])


# The service: cap and cache -----------------------------------------------------------------


def test_reads_only_the_most_recent_comments_up_to_the_limit() -> None:
    source = FakeSource(comments("new", "newer-ish", "old", "older", "oldest"))
    reader = CountingReader()
    service = CommentQualityService(source, analyse=reader, cache=SummaryCache(), limit=3)
    summary = service.summary(1)
    assert reader.calls == [["new", "newer-ish", "old"]]
    assert (summary.analysed, summary.stored, summary.limit, summary.capped) == (3, 5, 3, True)
    assert DEFAULT_LIMIT == 2_000
    assert CommentQualityService(source, analyse=reader).limit == DEFAULT_LIMIT
    with pytest.raises(ValueError, match="at least 1"):
        CommentQualityService(source, analyse=reader, limit=0)


def test_an_account_without_comments_is_not_read_at_all() -> None:
    reader = CountingReader()
    source = FakeSource()
    summary = CommentQualityService(source, analyse=reader, cache=SummaryCache()).summary(7)
    assert summary.empty
    assert summary.stored == 0
    assert reader.calls == []
    assert source.reads == 0


def test_summaries_are_cached_until_the_comments_change() -> None:
    source = FakeSource(comments("a", "b"))
    reader = CountingReader()
    cache = SummaryCache()
    service = CommentQualityService(source, scope="one", analyse=reader, cache=cache)
    first = service.summary(1)
    assert service.summary(1) is first
    assert len(reader.calls) == 1
    assert source.reads == 1

    source.items.insert(0, Comment("c", posted_at=START + timedelta(hours=1), id=99))
    assert service.summary(1).analysed == 3  # a new comment: read again
    source.import_id = 2
    service.summary(1)  # the same comments imported again (perhaps edited): read again
    assert len(reader.calls) == 3

    service.summary(2)  # another account
    CommentQualityService(source, scope="two", analyse=reader, cache=cache).summary(1)
    assert len(reader.calls) == 5  # another workspace never shares a summary


def test_the_cache_forgets_the_least_recently_used() -> None:
    reader = CountingReader()
    service = CommentQualityService(
        FakeSource(comments("a")), analyse=reader, cache=SummaryCache(size=2)
    )
    service.summary(1)
    service.summary(2)
    service.summary(1)  # 1 is now the most recent
    service.summary(3)  # evicts 2
    assert len(reader.calls) == 3
    service.summary(1)
    assert len(reader.calls) == 3
    service.summary(2)
    assert len(reader.calls) == 4


def test_evidence_is_said_in_the_persons_language() -> None:
    asks = m.EVIDENCE_PURCHASE(why=m.listed([m.cue("asks price"), m.cue("asks to chat")]))
    emoji = m.EVIDENCE_LOW_EFFORT(kind=m.low_effort_kind("emoji_only"))
    liked = m.EVIDENCE_POSITIVE(words=["ชอบ", "<b>x</b>"])
    english, thai = wording(language="en"), wording(language="th")
    assert say_with(asks, english) == "purchase intent: asks price, asks to chat"
    assert say_with(asks, thai) == "ความตั้งใจซื้อ: ถามราคา, ขอคุยทางแชท"
    assert say_with(emoji, english) == "low effort: emoji only"
    assert say_with(emoji, thai) == "คอมเมนต์ขอไปที: มีแต่อีโมจิ"
    # The words a commenter wrote are data: cited as written, never translated.
    assert say_with(liked, thai) == "เชิงบวก: ชอบ, <b>x</b>"
    assert say_with(m.EVIDENCE_TRUNCATED(count=5000), english) == (
        "read the first 5,000 characters only"
    )


# The catalogue and the creator page -------------------------------------------------------

HOSTILE = "<script>alert(1)</script>"
HOSTILE_BUYER = "<script>alert(1)</script> ราคาเท่าไหร่คะ"


def import_rows(workspace: Workspace, path: Path) -> None:
    options = ImportOptions()
    report = workspace.importer.run(workspace.importer.plan([path], options), options)
    assert report.committed, json.dumps(report.to_dict(), ensure_ascii=False, default=str)


@pytest.fixture
def commented(workspace: Workspace, tmp_path: Path) -> Workspace:
    """mint.review with two posts and comments; bkk_foodie with one post of its own and
    quiet.one with none."""
    import_rows(
        workspace,
        write_csv(
            tmp_path / "ig-2026-10-01.csv",
            [
                ["platform", "handle", "followers"],
                ["instagram", "mint.review", "9000"],
                ["instagram", "bkk_foodie", "45000"],
                ["instagram", "quiet.one", "1200"],
            ],
        ),
    )
    import_rows(
        workspace,
        write_csv(
            tmp_path / "posts.csv",
            [
                ["platform", "handle", "post_id", "caption"],
                ["instagram", "mint.review", "p1", "โพสต์แรก"],
                ["instagram", "mint.review", "p2", "โพสต์สอง"],
                ["instagram", "bkk_foodie", "f1", "ข้าวมันไก่"],
            ],
        ),
    )
    import_rows(
        workspace,
        write_csv(
            tmp_path / "comments.csv",
            [
                ["platform", "post_id", "comment_id", "comment", "author", "posted_at"],
                ["instagram", "p1", "c1", HOSTILE, "someone", "2026-10-01 10:00"],
                ["instagram", "p1", "c2", HOSTILE_BUYER, "buyer", "2026-10-03 10:00"],
                ["instagram", "p2", "c3", "😍😍😍", "fan", "2026-10-02 10:00"],
                ["instagram", "p2", "c4", "ชอบมากค่ะ ใช้แล้วผิวดีขึ้นจริง", "fan2", ""],
                ["instagram", "f1", "c5", "อร่อยมากครับ", "eater", "2026-10-04 10:00"],
            ],
        ),
    )
    return workspace


def account_id(workspace: Workspace, handle: str) -> int:
    detail = workspace.creators.show(Platform.INSTAGRAM, handle)
    assert detail is not None
    assert detail.account.id is not None
    return detail.account.id


def test_catalogue_reads_an_accounts_latest_comments_across_its_posts(
    commented: Workspace, tmp_path: Path
) -> None:
    catalogue, mint = commented.catalogue, account_id(commented, "mint.review")
    latest = catalogue.latest_comments(mint, 10)
    assert [c.text for c in latest] == [
        HOSTILE_BUYER,
        "😍😍😍",
        HOSTILE,
        "ชอบมากค่ะ ใช้แล้วผิวดีขึ้นจริง",  # undated comments last
    ]
    assert latest[0].posted_at is not None
    assert [c.text for c in catalogue.latest_comments(mint, 2)] == [HOSTILE_BUYER, "😍😍😍"]
    quiet = account_id(commented, "quiet.one")
    assert catalogue.latest_comments(quiet, 10) == ()
    assert catalogue.comment_stamp(quiet) == CommentStamp(0, None, None)

    before = catalogue.comment_stamp(mint)
    assert before.count == 4
    assert before.latest_id == max(c.id for c in latest if c.id is not None)
    import_rows(
        commented,
        write_csv(
            tmp_path / "more-comments.csv",
            [
                ["platform", "post_id", "comment_id", "comment", "posted_at"],
                ["instagram", "p2", "c6", "ส่งไหมคะ", "2026-10-05 10:00"],
            ],
        ),
    )
    after = catalogue.comment_stamp(mint)
    assert after.count == 5
    assert after != before
    assert catalogue.comment_stamp(account_id(commented, "bkk_foodie")).count == 1


def test_the_shipped_reader_summarises_a_creators_comments(commented: Workspace) -> None:
    service = CommentQualityService(commented.catalogue, scope="test", cache=SummaryCache())
    summary = service.summary(account_id(commented, "mint.review"))
    assert (summary.analysed, summary.stored, summary.capped) == (4, 4, False)
    assert summary.confidence == "few"
    buyers = summary.kind("purchase_intent")
    assert [e.text for e in buyers.examples] == [HOSTILE_BUYER]
    assert any(str(e).startswith("purchase intent:") for e in buyers.examples[0].evidence)
    assert any(e.code == "comments.evidence.purchase_intent" for e in buyers.examples[0].evidence)
    assert summary.kind("emoji_only").count == 1


@pytest.fixture
def site(commented: Workspace) -> TestClient:
    team = commented.team
    owner = team.create_first_owner("Agency", "owner@example.com", "Olivia Owner", PASSWORD)
    client = TestClient(create_app(commented))
    log_in(client, commented, owner)
    return client


def quality_section(html: str) -> str:
    start = html.index('id="comment-quality"')
    return html[start : html.index("</section>", start)]


def test_creator_page_shows_the_summary_escaped_in_english(site: TestClient) -> None:
    page = site.get("/creators/instagram/mint.review", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text
    section = quality_section(page.text)
    assert "Comment quality" in section
    assert "Read all 4 of this creator's comments" in section
    assert "2,000" in section  # the cap is said
    assert "Few comments: read with care." in section
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ราคาเท่าไหร่คะ" in section
    assert "Evidence: purchase intent:" in section
    assert "Purchase intent" in section
    assert "width: 25.0%" in section  # one comment in four: its bar


def test_creator_page_shows_the_summary_in_thai(site: TestClient) -> None:
    page = site.get("/creators/instagram/mint.review", headers={"Accept-Language": "th"})
    assert '<html lang="th">' in page.text
    section = quality_section(page.text)
    assert "คุณภาพคอมเมนต์" in section
    assert "ความตั้งใจซื้อ" in section
    assert "คอมเมนต์มีน้อย: โปรดอ่านอย่างระมัดระวัง" in section
    assert "หลักฐาน: ความตั้งใจซื้อ:" in section
    assert "Comment quality" not in section
    assert "Few comments" not in section


def test_creator_without_comments_says_so(site: TestClient) -> None:
    english = quality_section(site.get("/creators/instagram/quiet.one").text)
    assert "No comments to read yet" in english
    assert "Evidence" not in english
    thai = site.get("/creators/instagram/quiet.one", headers={"Accept-Language": "th"})
    assert "ยังไม่มีคอมเมนต์ให้อ่าน" in quality_section(thai.text)
