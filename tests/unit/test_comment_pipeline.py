"""The shipped comment reader: answers, evidence, batches and odd input."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kolscope.vetting.comments import OUTPUT_COLUMNS, CommentInsight, analyse_comments
from kolscope.vetting.comments.model import CommentModels, shipped_manifest
from kolscope.vetting.comments.pipeline import default_reader


def one(text: str) -> CommentInsight:
    return analyse_comments([text])[0]


def test_the_shipped_model_says_where_it_came_from() -> None:
    manifest = json.loads(shipped_manifest().read_text(encoding="utf-8"))
    assert manifest["name"] == "comments"
    assert {"sources", "licence", "settings", "cross_validated"} <= set(manifest)
    licences = {source["licence"] for source in manifest["sources"]}
    assert licences == {"CC0-1.0", "CC-BY-4.0", "MIT"}
    for source in manifest["sources"]:
        assert all(len(digest) == 64 for digest in source["files"].values())


def test_clear_cases() -> None:
    price = one("ราคาเท่าไหร่คะ สนใจค่ะ")
    assert price.purchase_intent
    assert price.question
    assert price.wisesight_label == "q"
    assert any(e.startswith("purchase intent: ") for e in price.evidence)

    spam = one("บาคาร่า สล็อต เว็บตรง แตกง่าย สมัครเลย line: @slot999")
    assert spam.spam
    assert not spam.purchase_intent
    assert any(e.startswith("spam: ") for e in spam.evidence)

    loved = one("ชอบมากค่ะ ใช้แล้วผิวดีขึ้นจริง ดีมากกก")
    assert loved.sentiment == "positive"
    assert not loved.spam

    angry = one("ห่วยมาก ใช้แล้วแพ้ ผื่นขึ้นเต็มหน้า ไม่ซื้ออีกแล้ว")
    assert angry.sentiment == "negative"

    emoji = one("😍😍😍")
    assert emoji.low_effort
    assert emoji.low_effort_kind == "emoji_only"
    assert emoji.language == "none"


def test_a_scam_handle_is_spam_and_named_as_evidence() -> None:
    scam = one("i made $70k in two weeks with @janet_chavez_fx")
    assert scam.spam
    assert any(e.startswith("spam: ") and "@janet_chavez_fx" in e for e in scam.evidence)
    tagged = one("love this photo @maria.lopez")
    assert not tagged.spam  # tagging a friend is not spam


def test_probabilities_are_probabilities_and_columns_keep_the_contract() -> None:
    for insight in analyse_comments(["ดีมาก", "how much?", "", "สล็อต", "🙏"]):
        for p in (insight.sentiment_p, insight.question_p, insight.purchase_intent_p):
            assert 0.0 <= p <= 1.0
        assert 0.0 <= insight.spam_p <= 1.0
        assert insight.sentiment in {"positive", "neutral", "negative"}
        assert tuple(insight.columns()) == OUTPUT_COLUMNS
        assert insight.sentiment_p >= 1 / 3 - 1e-6  # the chosen sentiment is the likeliest


def test_copy_paste_rows_are_duplicates_but_short_stock_praise_is_generic() -> None:
    ring = "สมัครวันนี้รับโบนัสฟรี ทักเลยนะคะ รวยจริง"
    insights = analyse_comments([ring, "ของดีมากค่ะ", ring, "สวยมาก", "สวยมาก"])
    assert insights[0].low_effort_kind == "duplicate"
    assert insights[2].low_effort_kind == "duplicate"
    assert insights[1].low_effort_kind is None
    assert analyse_comments([ring])[0].low_effort_kind != "duplicate"  # once is not a repeat


def test_a_long_list_reads_the_same_as_short_ones() -> None:
    texts = [f"ชอบสีที่ {i} มากค่ะ ราคาเท่าไหร่" if i % 3 else f"nice {i}" for i in range(5000)]
    together = analyse_comments(texts)
    assert len(together) == len(texts)
    for i in (0, 1, 2047, 2048, 4999):
        alone = analyse_comments([texts[i]])[0]
        assert alone.sentiment == together[i].sentiment
        assert alone.purchase_intent_p == pytest.approx(together[i].purchase_intent_p, abs=1e-5)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\u200b", "x" * 100_000, "ก" * 100_000, "😍" * 20_000, "\ufffd\ufffd", "\x00abc"],
)
def test_odd_input_gets_a_defined_answer(text: str) -> None:
    insight = one(text)
    assert insight.sentiment in {"positive", "neutral", "negative"}
    if len(text) > 5_000:
        assert "read the first 5,000 characters only" in insight.evidence


def test_non_strings_are_read_as_empty() -> None:
    insight = analyse_comments([None, 3])  # type: ignore[list-item]
    assert [i.low_effort_kind for i in insight] == ["empty", "empty"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=8))
def test_any_text_gets_one_answer_each(texts: list[str]) -> None:
    insights = analyse_comments(texts)
    assert len(insights) == len(texts)
    for insight in insights:
        assert insight.language in {"th", "en", "mixed", "none"}


def test_models_load_and_save_round_trip(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    models = default_reader().models
    saved = models.save(folder)
    again = CommentModels.load(saved)
    assert set(again.heads) == set(models.heads)
    for name, head in models.heads.items():
        assert again.heads[name].classes == head.classes
        assert again.heads[name].threshold == head.threshold


def test_a_model_built_on_other_features_is_refused(tmp_path: object) -> None:
    from pathlib import Path

    from kolscope.vetting.comments.model import ModelMismatchError

    folder = Path(str(tmp_path))
    saved = default_reader().models.save(folder)
    manifest = json.loads(saved.read_text(encoding="utf-8"))
    manifest["features"]["recipe"] = "something older"
    saved.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelMismatchError, match="kolscope nlp train"):
        CommentModels.load(saved)
