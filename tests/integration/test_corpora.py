"""The public corpora readers, training on a small slice, and the rules over real comments."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from kolscope.entrypoints.cli.app import app
from kolscope.text.cleaning import normalise
from kolscope.vetting.comments.lexicon import PURCHASE_CUES, QUESTION_CUES, SPAM_CUES, TOXIC_CUES
from kolscope.vetting.comments.model import CommentModels
from kolscope.vetting.comments.pipeline import CommentReader
from kolscope.vetting.comments.training import TrainingData, best_threshold, train, tune_offsets
from kolscope.vetting.files import corpora


def test_the_shared_corpora_have_the_published_sizes(shared_data: Path) -> None:
    train_rows = corpora.wisesight(shared_data, "train")
    valid_rows = corpora.wisesight(shared_data, "valid")
    assert len(train_rows) == 21_628  # wc -l says 21,627: the last line has no newline
    assert len(valid_rows) == 2_404
    assert {label for _, label in train_rows} == {"pos", "neu", "neg", "q"}
    videos = corpora.youtube_spam(shared_data)
    assert len(videos) == 5
    assert sum(len(rows) for rows in videos.values()) == 1_956
    assert len(corpora.scamspot(shared_data)) == 2_755


def test_bad_corpus_files_name_the_file_row_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "wisesight-sentiment"
    folder.mkdir()
    (folder / "train.jsonl").write_text(
        '{"texts": "ดี", "category": "pos"}\n{"texts": "x", "category": "happy"}\n', "utf-8"
    )
    with pytest.raises(corpora.CorpusError, match=r"train.jsonl, line 2, field category"):
        corpora.wisesight(tmp_path, "train")
    (folder / "valid.jsonl").write_text('{"texts": "ดี"\n', "utf-8")
    with pytest.raises(corpora.CorpusError, match=r"valid.jsonl, line 1: not JSON"):
        corpora.wisesight(tmp_path, "valid")
    scam = tmp_path / "scamspot"
    scam.mkdir()
    (scam / "train.csv").write_text("msg,scam\nhello,0\nbuy now,yes\n", "utf-8")
    with pytest.raises(corpora.CorpusError, match=r"train.csv, row 3, field scam"):
        corpora.scamspot(tmp_path)
    (scam / "train.csv").write_text("text,label\nhello,0\n", "utf-8")
    with pytest.raises(corpora.CorpusError, match="missing column"):
        corpora.scamspot(tmp_path)
    with pytest.raises(corpora.CorpusError, match="no Youtube"):
        corpora.youtube_spam(tmp_path)


def test_cue_anchors_never_hide_a_match_on_real_comments(shared_data: Path) -> None:
    """Anchors are a cheap substring pre-check; a pattern that matches where none of its
    anchors is present would be silently skipped. Checked on every real comment we have."""
    texts = [t for t, _ in corpora.wisesight(shared_data, "valid")]
    texts += [t for rows in corpora.youtube_spam(shared_data).values() for t, _ in rows]
    texts += [t for t, _ in corpora.scamspot(shared_data)]
    cues = (*PURCHASE_CUES, *QUESTION_CUES, *SPAM_CUES, *TOXIC_CUES)
    hidden = []
    matched = 0
    for raw in texts:
        text = normalise(raw).text
        for cue in cues:
            if cue.pattern.search(text):
                matched += 1
                if not any(anchor in text for anchor in cue.anchors):
                    hidden.append((cue.name, raw[:80]))
    assert matched > 500  # the check saw the cues at work
    assert hidden == []


def small_data(shared_data: Path) -> TrainingData:
    sentiment = corpora.wisesight(shared_data, "train")[:1500]
    scams = corpora.scamspot(shared_data)[:600]
    return TrainingData(sentiment=sentiment, spam=scams, sources=[])


def test_training_is_deterministic_and_the_result_loads(shared_data: Path, tmp_path: Path) -> None:
    data = small_data(shared_data)
    first = train(data)
    second = train(data)
    for name in ("sentiment", "spam", "purchase_intent"):
        assert np.array_equal(first.heads[name].weights, second.heads[name].weights)
        assert np.array_equal(first.heads[name].offsets, second.heads[name].offsets)
    saved = first.save(tmp_path)
    manifest = json.loads(saved.read_text("utf-8"))
    assert manifest["cross_validated"]["spam_oof_f1"] > 0.5
    reader = CommentReader(CommentModels.load(saved))
    spam = [t for t, label in data.spam if label == 1][:20]
    assert np.mean([i.spam for i in reader.read(spam)]) > 0.5


def test_offsets_raise_macro_f1_on_a_drowned_class() -> None:
    rng = np.random.default_rng(0)
    truth = np.array(["a"] * 90 + ["b"] * 10)
    probabilities = np.zeros((100, 2))
    probabilities[:, 1] = np.where(truth == "b", 0.4, 0.2) + rng.uniform(0, 0.05, 100)
    probabilities[:, 0] = 1 - probabilities[:, 1]
    offsets = tune_offsets(probabilities, truth, ("a", "b"))
    assert offsets[0] == 0
    assert offsets[1] > 0  # b now wins where it should
    chosen = np.array(["a", "b"])[(np.log(probabilities) + offsets).argmax(axis=1)]
    assert (chosen == truth).mean() == 1.0


def test_best_threshold_finds_the_gap() -> None:
    p = np.array([0.1, 0.2, 0.3, 0.45, 0.7, 0.8])
    truth = np.array([0, 0, 0, 1, 1, 1])
    assert 0.3 < best_threshold(p, truth) <= 0.45


def test_nlp_train_names_the_missing_data(tmp_path: Path) -> None:
    missing = CliRunner().invoke(
        app, ["nlp", "train", "--data", str(tmp_path / "nowhere"), "--output", str(tmp_path)]
    )
    assert missing.exit_code == 2
    assert "not found" in missing.output
