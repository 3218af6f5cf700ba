"""The feature rows: the shared word and character blocks, and the spam head's own block."""

from __future__ import annotations

import numpy as np

from kolscope.text.cleaning import normalise
from kolscope.vetting.comments.features import (
    BLOCK,
    N_FEATURES,
    RECIPE,
    SHARED,
    SPAM_START,
    SPAM_WEIGHT,
    Featuriser,
    handle_features,
    spam_features,
)
from kolscope.vetting.comments.pipeline import default_reader


def test_a_handle_is_read_by_its_words_and_letters() -> None:
    features = handle_features("janet_chavez_fx")
    assert {"HANDLE", "HANDLE:_", "HANDLE_WORD:fx", "HANDLE_WORD:janet"} <= set(features)
    assert "HANDLE_CHARS:fx$" in features
    assert "HANDLE:digit" in handle_features("gabriel.ray99")


def test_spam_features_name_cues_counts_and_handles() -> None:
    features = spam_features(normalise("I made $70k in 2 weeks, check www.example.com @rich_fx"))
    assert "MONEY" in features
    assert "MENT:1" in features
    assert "URL:1" in features
    assert "TOKEN:url" in features
    assert "HANDLE_WORD:fx" in features
    only = spam_features(normalise("@trades_with_felicia 📥📥📥"))
    assert "ONLY_MENTION" in only
    assert "EMO:2" in only
    assert spam_features(normalise("สวยมากค่ะ"))[0] == "MENT:0"


def test_blocks_are_weighed_apart() -> None:
    texts = [normalise(t) for t in ("ราคาเท่าไหร่คะ", "profit $500 with @janet_fx", "", "🙏")]
    featuriser = Featuriser()
    featuriser.fit_idf(featuriser.counts(texts))
    x = featuriser.transform(texts)
    assert x.shape == (4, N_FEATURES)
    for row in range(2):
        cols, values = x[row].indices, x[row].data
        for low, high in ((0, BLOCK), (BLOCK, SHARED)):
            part = values[(cols >= low) & (cols < high)]
            assert np.isclose(np.sqrt(np.sum(part * part)), 1.0, atol=1e-5)
        assert np.all(values[cols >= SPAM_START] == np.float32(SPAM_WEIGHT))
    assert "spam" in RECIPE


def test_only_the_spam_head_reads_the_spam_block() -> None:
    heads = default_reader().models.heads
    assert heads["sentiment"].rows.max() < SHARED
    assert heads["purchase_intent"].rows.max() < SHARED
    assert heads["spam"].rows.max() >= SPAM_START
