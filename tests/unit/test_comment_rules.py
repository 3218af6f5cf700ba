"""The hand-written comment rules: purchase intent, questions, spam, toxicity, low effort."""

from __future__ import annotations

import pytest

from kolscope.text.cleaning import normalise
from kolscope.vetting.comments import rules
from kolscope.vetting.comments.lexicon import (
    PURCHASE_CUES,
    QUESTION_CUES,
    SPAM_CUES,
    TOXIC_CUES,
    combined,
    fired,
)


@pytest.mark.parametrize(
    ("comment", "cue"),
    [
        ("ราคาเท่าไหร่คะ", "asks price"),
        ("ตัวนี้กี่บาทคะ", "asks price"),
        ("how much is it?", "asks price"),
        ("พิกัดร้านอยู่ไหนคะ", None),
        ("สั่งยังไงคะ", None),
        ("CF ค่ะ", None),
        ("ทักแชทแล้วนะคะ", None),
        ("มีไซส์ L ไหมคะ", None),
        ("where can I buy this?", None),
    ],
)
def test_buying_questions_are_purchase_intent(comment: str, cue: str | None) -> None:
    reading = rules.purchase_intent(normalise(comment))
    assert reading.probability >= 0.5, comment
    assert reading.evidence
    if cue is not None:
        assert cue in reading.evidence


@pytest.mark.parametrize(
    "comment",
    ["สวยมากค่ะ", "ใช้กล้องอะไรถ่ายคะ", "พี่อายุเท่ากับหนูเลย", "ซื้อมาใช้แล้ว ดีจริง", "nice pic", ""],
)
def test_other_comments_are_not_purchase_intent(comment: str) -> None:
    assert rules.purchase_intent(normalise(comment)).probability < 0.5, comment


@pytest.mark.parametrize(
    "comment",
    [
        "บาคาร่า สล็อต เว็บตรง สมัครเลย",
        "กู้เงินด่วน ไม่เช็คบูโร ทักไลน์ @fastcash7",
        "สล็อตแตกง่าย www.slot888.com",
        "I made $5000 with bitcoin, DM me to learn how",
        "follow me and I will follow back",
        "check out my channel!!",
    ],
)
def test_gambling_loans_crypto_and_self_promotion_are_spam(comment: str) -> None:
    reading = rules.spam(normalise(comment))
    assert reading.probability >= 0.5, comment
    assert reading.evidence


def test_a_link_alone_is_not_spam_but_a_link_with_a_pitch_is() -> None:
    alone = rules.spam(normalise("รีวิวตัวเต็ม https://example.com/review"))
    assert alone.probability < 0.5
    assert alone.evidence == ("url",)
    pitched = rules.spam(normalise("สมัครสมาชิกรับโบนัส 100% https://example.com"))
    assert pitched.probability > alone.probability


def test_toxic_words_of_our_own_lexicon() -> None:
    reading = rules.toxic(normalise("มึงนี่มันโง่จริงๆ"))
    assert reading.evidence
    assert rules.toxic(normalise("ขอบคุณมากค่ะ ชอบมาก")).evidence == ()


@pytest.mark.parametrize(
    ("comment", "kind"),
    [
        ("😍😍😍", "emoji_only"),
        ("🔥 ❤️", "emoji_only"),
        ("[sticker]", "sticker_only"),
        ("[sticker] 😍", "sticker_only"),
        ("nice pic", "generic"),
        ("สวยครับ", "generic"),
        ("ปัง", "generic"),
        ("55555", "generic"),
        ("", "empty"),
        ("   ", "empty"),
        ("ใช้มาสองเดือน ผิวดีขึ้นจริง", None),
        ("ราคาเท่าไหร่คะ", None),
    ],
)
def test_low_effort_kinds(comment: str, kind: str | None) -> None:
    assert rules.low_effort_kind(normalise(comment)) == kind


def test_question_cues_name_what_they_saw() -> None:
    reading = rules.question_cues(normalise("ใช้ดีไหมคะ"))
    assert reading.probability > 0
    assert reading.evidence
    assert rules.question_cues(normalise("ใช้ดีมากค่ะ")).evidence == ()


def test_combined_weights_behave_like_independent_evidence() -> None:
    assert combined([]) == 0.0
    assert combined([0.5]) == pytest.approx(0.5)
    assert combined([0.5, 0.5]) == pytest.approx(0.75)
    assert combined([0.9, 0.2]) > 0.9


@pytest.mark.parametrize("cues", [PURCHASE_CUES, QUESTION_CUES, SPAM_CUES, TOXIC_CUES])
def test_every_cue_has_a_name_anchors_and_a_sane_weight(cues: tuple[object, ...]) -> None:
    for cue in cues:
        assert cue.name  # type: ignore[attr-defined]
        assert cue.anchors  # type: ignore[attr-defined]
        assert 0 < cue.weight <= 1  # type: ignore[attr-defined]


def test_anchors_never_hide_a_match() -> None:
    """The anchors are a fast pre-check: a cue whose pattern matches must contain an anchor,
    or it would be skipped. Checked on phrasings the rules are written for."""
    texts = [
        "ราคาเท่าไหร่คะ", "ขอราคาหน่อย", "สั่งยังไง", "cf ค่ะ", "inbox ค่ะ", "ทักแชทแล้ว",
        "how much?", "price pls", "where to buy", "สล็อตเว็บตรง", "บาคาร่า", "กู้เงินด่วน",
        "dm me for crypto", "follow for follow", "มึงโง่", "ใช้ดีไหม", "ทำยังไงคะ",
    ]  # fmt: skip
    for raw in texts:
        text = normalise(raw).text
        for cue in (*PURCHASE_CUES, *QUESTION_CUES, *SPAM_CUES, *TOXIC_CUES):
            if cue.pattern.search(text):
                assert any(anchor in text for anchor in cue.anchors), (cue.name, raw)
                assert cue in fired((cue,), text)


def test_spam_rules_count_fully_on_thai_and_only_the_surest_on_english() -> None:
    thai = normalise("ใครอยากมีรายได้เสริม ถอนได้จริง ทักไลน์ @win2go")
    p, evidence = rules.spam_probability(0.05, thai)
    assert p >= 0.8
    assert evidence
    english_weak = normalise("bitcoin is the future, invest now")
    assert rules.spam_probability(0.05, english_weak) == (0.05, ())
    english_strong = normalise("best baccarat casino slots, bonus 100%")
    p, evidence = rules.spam_probability(0.05, english_strong)
    assert p >= 0.9
    assert "gambling" in evidence
    assert rules.spam_probability(0.3, normalise("สวยมากค่ะ")) == (0.3, ())
