"""Vetting speaks in messages, and its verdicts agree with their printed numbers (issue #15)."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kolscope.domain.messages import LITERAL, TEMPLATES, Message
from kolscope.text.word_files import WordFile
from kolscope.vetting import messages as m
from kolscope.vetting.comments import analyse_comments
from kolscope.vetting.comments.lexicon import STOP_WORDS, WORDS
from kolscope.vetting.signals.comments import (
    DUPLICATE_WARNING,
    LOW_EFFORT_WARNING,
    SPAM_WARNING,
    CommentCounts,
    comment_signal,
)
from kolscope.vetting.signals.engagement import TierNorm, engagement_signal
from kolscope.vetting.signals.fake_followers import fake_follower_signal
from kolscope.vetting.signals.network import SHARED_WARNING, NetworkFacts, pod_signal
from kolscope.vetting.signals.signal import Signal, Verdict

PERCENT = re.compile(r"(\d+)%")


def _codes(message: Message) -> set[str]:
    found = {message.code}
    for value in message.params.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Message):
                found |= _codes(item)
    return found


@st.composite
def comment_counts(draw: st.DrawFn) -> CommentCounts:
    read = draw(st.integers(10, 3_000))
    low = draw(st.integers(0, read))
    duplicates = draw(st.integers(0, low))
    return CommentCounts(
        read=read,
        low_effort=low,
        emoji_or_sticker=draw(st.integers(0, low - duplicates)),
        duplicates=duplicates,
        spam=draw(st.integers(0, read)),
        questions=draw(st.integers(0, read)),
    )


@settings(max_examples=400, deadline=None)
@given(comment_counts())
def test_comment_verdicts_are_never_better_than_their_numbers(counts: CommentCounts) -> None:
    signal = comment_signal(counts)
    low = round(100 * counts.low_effort / counts.read)
    duplicates = round(100 * counts.duplicates / counts.read)
    spam = round(100 * counts.spam / counts.read)
    text = str(signal.reason)
    assert f"{low}% low effort" in text  # the verdict is judged on what is printed
    if (
        low >= 100 * LOW_EFFORT_WARNING
        or duplicates >= 100 * DUPLICATE_WARNING
        or spam >= 100 * SPAM_WARNING
    ):
        assert signal.verdict is not Verdict.OK, text
        assert signal.score is not None
        assert signal.score <= 60
    if signal.verdict is Verdict.OK:
        assert "real conversation" in text


def test_the_seen_case_half_low_effort_a_third_copy_paste_is_worth_a_look() -> None:
    signal = comment_signal(CommentCounts(read=100, low_effort=50, duplicates=31, generic=19))
    assert signal.verdict is Verdict.WARNING
    assert "copy-paste duplicates" in str(signal.reason)
    assert "no real conversation" in str(signal.reason)


@st.composite
def network_facts(draw: st.DrawFn) -> NetworkFacts:
    comments = draw(st.integers(10, 5_000))
    partners = tuple(f"instagram:p{i}" for i in range(draw(st.integers(0, 8))))
    partner_comments = draw(st.integers(0, comments)) if partners else 0
    shared = draw(st.integers(0, comments - partner_comments))
    return NetworkFacts(
        comments=comments,
        partners=partners,
        partner_comments=partner_comments,
        shared_commenters=draw(st.integers(1, 50)) if shared else 0,
        shared_comments=shared,
    )


@settings(max_examples=400, deadline=None)
@given(network_facts())
def test_pod_verdicts_name_what_triggered_them(facts: NetworkFacts) -> None:
    signal = pod_signal(facts)
    shared = round(100 * facts.shared_comments / facts.comments)
    text = str(signal.reason)
    if not facts.partners and shared < 100 * SHARED_WARNING:
        assert signal.verdict is Verdict.OK, text
    if not facts.partners and signal.verdict is not Verdict.OK:
        assert "shared commenters" in text  # what triggered it, never "0 creators"
    if shared >= 100 * SHARED_WARNING:
        assert signal.verdict is not Verdict.OK
        assert f"{shared}% of comments" in text


@settings(max_examples=200, deadline=None)
@given(st.integers(20, 600), st.floats(0, 1))
def test_fake_followers_ok_only_when_every_printed_share_is_low(sample: int, part: float) -> None:
    fakes = round(sample * part)
    signal = fake_follower_signal(np.array([0.9] * fakes + [0.1] * (sample - fakes)), 0.5)
    if signal.verdict is Verdict.OK:
        shares = [int(p) for p in PERCENT.findall(str(signal.reason))]
        share, _low, high, _usual = shares
        assert share < 15
        assert high < 25


def test_engagement_high_with_half_poor_comments_is_not_ok() -> None:
    norm = TierNorm("micro Instagram creators", 95.0, 0.03, 200)
    half = engagement_signal(0.2, norm, posts=20, poor_comment_share=0.5)
    assert half.verdict is Verdict.WARNING
    assert "50% of comments are low effort" in str(half.reason)
    most = engagement_signal(0.2, norm, posts=20, poor_comment_share=0.6)
    assert most.verdict is Verdict.PROBLEM
    real = engagement_signal(0.2, norm, posts=20, poor_comment_share=0.49)
    assert real.verdict is Verdict.OK
    assert "high, with real comments" in str(real.reason)


def test_reasons_are_messages_with_known_codes() -> None:
    signals = [
        comment_signal(CommentCounts(read=100, low_effort=20, spam=1, questions=9)),
        comment_signal(None),
        pod_signal(NetworkFacts(100, ("instagram:a", "instagram:b"), 10, 3, 20)),
        fake_follower_signal(np.array([0.1] * 200), 0.5, source="followers.csv"),
        engagement_signal(None, None, posts=0),
    ]
    for signal in signals:
        for message in (signal.reason, signal.data):
            assert message.code != LITERAL
            assert _codes(message) <= set(TEMPLATES)


def test_stored_signals_keep_english_and_add_messages_and_older_ones_still_load() -> None:
    signal = pod_signal(NetworkFacts(100, ("instagram:a", "instagram:b"), 10, 0, 0))
    stored = signal.to_dict()
    assert stored["reason"] == "trades comments with 2 creators (instagram:a, instagram:b)"
    assert stored["reason_message"]["code"] == "audit.pods.trades"
    assert stored["data_message"]["text"] == stored["data"]
    assert Signal.from_dict(stored) == signal
    older = {k: v for k, v in stored.items() if not k.endswith("_message")}
    read = Signal.from_dict(older)
    assert str(read.reason) == stored["reason"]
    assert read.reason.code == LITERAL
    assert read.verdict is signal.verdict


def test_every_cue_has_a_template() -> None:
    cues = WordFile(WORDS / "cues.toml")
    kinds = ("purchase", "question", "spam", "toxic")
    names = {one.text("name") for key in kinds for one in cues.tables(key)}
    assert names <= set(m.CUES)
    assert set(cues.table("spam_tokens").names()) <= set(m.CUES)  # url, lineid, phone
    assert str(m.cue("lineid")) == "a LINE id"


def test_evidence_never_cites_stop_words_or_bare_symbols() -> None:
    texts = [
        "ชอบที่สุดเลยค่ะ ที่นี่ดีมาก",
        "ชอบ ที่ ร้าน นี้ มาก ครับ",
        "I love the colour and it is so soft",
        "แย่มาก ไม่ชอบ เลย ของ ที่ ได้ มา",
        "this is the worst product I have ever bought",
        "สวยมากก 555 !!! 1234",
        "ราคาเท่าไหร่คะ ที่ไหนมีขาย",
        "ของดีจริงๆ ใช้แล้วผิวดีขึ้น ที่ บ้าน ก็ ใช้",
    ]
    cited = 0
    for insight in analyse_comments(texts):
        for said in insight.said:
            for word in _words(said):
                cited += 1
                assert word not in STOP_WORDS, (word, str(said))
                assert len(word) >= 2 or not word.isalnum(), (word, str(said))
                assert any(ch.isalpha() for ch in word) or not word.isascii(), (word, str(said))
        assert insight.evidence == tuple(str(said) for said in insight.said)
    assert cited  # the check above read some words


def _words(message: Message) -> list[str]:
    found: list[str] = []
    for value in message.params.values():
        if isinstance(value, Message):
            found += _words(value)
        elif isinstance(value, list):
            found += [w for w in value if isinstance(w, str)]
    return found


def test_a_pods_warning_from_shared_commenters_never_shows_zero_partners() -> None:
    from kolscope.entrypoints.web.pages.audit_views import signal_rows

    signal = pod_signal(NetworkFacts(200, (), 0, 12, 60))
    assert signal.verdict is Verdict.WARNING
    (row,) = signal_rows({"signals": [signal.to_dict()], "weights": {"pods": 0.1}})
    assert row.value == "30% from shared commenters"
    assert "shared commenters" in str(row.reason)
    quiet = pod_signal(NetworkFacts(200, (), 0, 2, 10))
    (row,) = signal_rows({"signals": [quiet.to_dict()]})
    assert (quiet.verdict, row.value) == (Verdict.OK, "0 partners")
