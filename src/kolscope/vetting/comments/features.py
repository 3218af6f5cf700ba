"""Turning normalised comments into sparse feature rows for the linear models.

Two shared blocks, each weighted by TF-IDF (sublinear term frequency) and scaled to unit
length:
- words: tokens, token pairs, the first and last words, question particles near the end,
  whether there is a question mark, the language and a length bucket;
- characters: 1- to 4-character pieces of each space-separated chunk, which catch spelling
  variants and words the splitter cut differently.
Feature strings are hashed (MurmurHash3, seed 0) into 2**20 columns per block, so no
vocabulary needs to be stored: only the weights of the columns seen in training.

A third, smaller block (2**18 columns) is read by the spam head only: the words and letters
of @handles (the normaliser turns a handle into ``<mention>``, but "@janet_chavez_fx" says
"forex" as plainly as a pitch does), the spam cues of the rules, and counts (mentions,
links, emoji, numbers, length, money signs). Each present feature is worth ``SPAM_WEIGHT``,
with no IDF or length scaling.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from kolscope.text.cleaning import CleanText
from kolscope.vetting.comments.lexicon import spam_cues

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

BLOCK_BITS = 20
BLOCK = 1 << BLOCK_BITS
SHARED = 2 * BLOCK  # the word and character blocks, read by every head
SPAM_BITS = 18
SPAM_START = SHARED  # the spam block follows them, read by the spam head only
N_FEATURES = SHARED + (1 << SPAM_BITS)
CHAR_RANGE = (1, 4)
SPAM_WEIGHT = 0.3  # the value of a present spam-block feature (0.15-0.5 measured the same)
# Names how texts become columns. A model is only valid with the recipe it was trained on:
# change this whenever word_features, char_columns, spam_features or the hashing change.
RECIPE = (
    "words:murmur3-32 + chars 1-4:mult64, 2x2^20 columns, sublinear tf-idf, l2 per block; "
    "spam v1 (handles, cues, counts):murmur3-32, 2^18 columns, binary x0.3"
)

QUESTION_PARTICLES = frozenset(
    [
        "ไหม",
        "มั้ย",
        "มั๊ย",
        "ไม๊",
        "หม้าย",
        "ยังไง",
        "อย่างไร",
        "เท่าไหร่",
        "เท่าไร",
        "อะไร",
        "ไร",
        "ที่ไหน",
        "ไหน",
        "ทำไม",
        "หรือเปล่า",
        "รึเปล่า",
        "ป่าว",
        "เปล่า",
        "เหรอ",
        "หรอ",
        "มั่ง",
        "บ้าง",
        "ยัง",
        "กี่",
        "ใคร",
        "เมื่อไหร่",
        "เมื่อไร",
        "หรือไม่",
        "รึป่าว",
        "ปะ",
        "มะ",
        "รึ",
        "หรือ",
        "คะ",
        "ครับ",
        "คับ",
        "ค่ะ",
        "นะ",
        "จ้า",
        "ไง",
    ]
)


def word_features(text: CleanText) -> list[str]:
    tokens = text.tokens
    out = list(tokens)
    out.extend(f"{a} {b}" for a, b in pairwise(tokens))
    words = [t for t in tokens if not t.startswith("<")]
    if words:
        out.append("END:" + words[-1])
        out.append("START:" + words[0])
        if len(words) > 1:
            out.append(f"END2:{words[-2]} {words[-1]}")
        out.extend("QEND:" + w for w in words[-4:] if w in QUESTION_PARTICLES)
    if "?" in text.text:
        out.append("HAS:?")
    if "!" in text.text:
        out.append("HAS:!")
    out.append(f"LEN:{min(len(tokens) // 5, 10)}")
    out.append("LANG:" + text.language)
    return out


_MONEY_GATE = re.compile(r"[$€£₿]|usd|dollar|btc|\dk")  # cheap: most comments stop here
_MONEY = re.compile(r"[$€£₿]|\b(?:usd|dollars?|btc)\b|\dk\b")
_HANDLE_SPLIT = re.compile(r"[_.\d]+")


def _bucket(value: int, edges: tuple[int, ...]) -> int:
    return next((i for i, edge in enumerate(edges) if value <= edge), len(edges))


def spam_features(text: CleanText) -> list[str]:
    """The spam head's own features: the rules' spam cues and typed tokens, a few counts,
    and the words and 3- and 4-letter pieces of each @handle."""
    out = [
        f"MENT:{min(len(text.mentions), 3)}",
        f"URL:{min(text.text.count('<url>'), 2)}",
        f"EMO:{_bucket(len(text.emoji), (0, 1, 3, 6))}",
        f"NUM:{min(text.tokens.count('<num>'), 3)}",
        f"CLEN:{_bucket(len(text.text), (10, 30, 60, 120, 250))}",
    ]
    if "elong" in text.found:
        out.append("ELONG")
    if _MONEY_GATE.search(text.text) and _MONEY.search(text.text):
        out.append("MONEY")
    if text.mentions and not text.words:
        out.append("ONLY_MENTION")
    out.extend("CUE:" + cue.name for cue in spam_cues(text.text))
    out.extend("TOKEN:" + name for name in ("url", "lineid", "phone") if name in text.found)
    for handle in text.mentions:
        out.extend(handle_features(handle))
    return out


def handle_features(handle: str) -> list[str]:
    """What one @handle (lower case, no @) adds to the spam block."""
    handle = handle.strip("._")
    out = ["HANDLE"]
    out.extend("HANDLE_WORD:" + part for part in _HANDLE_SPLIT.split(handle) if part)
    if any(ch.isdigit() for ch in handle):
        out.append("HANDLE:digit")
    if "_" in handle:
        out.append("HANDLE:_")
    padded = f"^{handle}$"
    for n in (3, 4):
        out.extend("HANDLE_CHARS:" + padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


def char_features(text: CleanText) -> list[str]:
    """The character pieces of one comment as strings (for explanations and tests; the
    featuriser hashes the same pieces with numpy, see ``char_columns``)."""
    low, high = CHAR_RANGE
    out: list[str] = []
    for chunk in text.text.split():
        padded = f" {chunk} "
        for n in range(low, high + 1):
            out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


_GAP = "\x00"  # between chunks and between comments: no piece may contain it
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd constants for a multiplicative hash
_STEP = np.uint64(0x100000001B3)


def char_columns(texts: Sequence[CleanText]) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of every 1- to 4-character piece of every space-separated chunk, each
    chunk padded with a space on both sides; columns fall in the second block."""
    sizes: list[int] = []
    parts: list[str] = []
    for text in texts:
        padded = _GAP.join(f" {chunk} " for chunk in text.text.split(" ") if chunk) + _GAP
        parts.append(padded)
        sizes.append(len(padded))
    joined = "".join(parts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    rows_of = np.repeat(np.arange(len(texts), dtype=np.int64), sizes)
    gap = codes == 0
    low, high = CHAR_RANGE
    rows: list[np.ndarray] = []
    columns: list[np.ndarray] = []
    state = np.zeros_like(codes)
    blocked = np.zeros(codes.shape, dtype=bool)
    with np.errstate(over="ignore"):
        for n in range(1, high + 1):
            size = codes.size - n + 1
            if size <= 0:
                break
            state = state[:size] * _STEP + codes[n - 1 : n - 1 + size] + np.uint64(n)
            blocked = blocked[:size] | gap[n - 1 : n - 1 + size]
            if n < low:
                continue
            keep = ~blocked
            mixed = (state[keep] * _MIX) >> np.uint64(64 - BLOCK_BITS)
            columns.append(mixed.astype(np.int64) + BLOCK)
            rows.append(rows_of[:size][keep])
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(rows), np.concatenate(columns)


def _hasher(bits: int = BLOCK_BITS) -> object:
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=1 << bits, input_type="string", alternate_sign=False)


class Featuriser:
    """Hashes feature strings and applies the IDF weights learned in training."""

    def __init__(self, idf: np.ndarray | None = None) -> None:
        self._hasher = _hasher()
        self._spam_hasher = _hasher(SPAM_BITS)
        self.idf = idf  # length N_FEATURES, float32; None while fitting

    def counts(self, texts: Sequence[CleanText]) -> csr_matrix:
        """Raw feature counts, the three blocks side by side."""
        from scipy.sparse import coo_matrix

        words = self._hasher.transform(word_features(t) for t in texts)  # type: ignore[attr-defined]
        words = words.tocoo()
        spam = self._spam_hasher.transform(spam_features(t) for t in texts)  # type: ignore[attr-defined]
        spam = spam.tocoo()
        char_rows, char_cols = char_columns(texts)
        rows = np.concatenate([words.row.astype(np.int64), char_rows, spam.row.astype(np.int64)])
        cols = np.concatenate(
            [words.col.astype(np.int64), char_cols, spam.col.astype(np.int64) + SPAM_START]
        )
        data = np.concatenate(
            [
                words.data.astype(np.float32),
                np.ones(char_rows.size, np.float32),
                spam.data.astype(np.float32),
            ]
        )
        matrix = coo_matrix((data, (rows, cols)), shape=(len(texts), N_FEATURES), dtype=np.float32)
        return matrix.tocsr()

    def fit_idf(self, counts: csr_matrix) -> np.ndarray:
        """Smoothed IDF, as scikit-learn computes it: ln((1 + n) / (1 + df)) + 1."""
        n = counts.shape[0]
        df = np.bincount(counts.indices, minlength=N_FEATURES).astype(np.float64)
        self.idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
        return self.idf

    def weigh(self, counts: csr_matrix) -> csr_matrix:
        """Sublinear TF times IDF, the word and character blocks each scaled to unit length;
        a present spam-block feature is worth SPAM_WEIGHT."""
        if self.idf is None:
            raise RuntimeError("the featuriser has no IDF weights: fit or load them first")
        x = counts.copy()
        x.data = (1.0 + np.log(x.data)) * self.idf[x.indices]
        block = (x.indices >= BLOCK).astype(np.intp) + (x.indices >= SPAM_START)
        rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
        slots = rows * 3 + block
        norms = np.sqrt(np.bincount(slots, weights=x.data * x.data, minlength=3 * x.shape[0]))
        norms[norms == 0] = 1.0
        x.data = (x.data / norms[slots]).astype(np.float32)
        x.data[block == 2] = SPAM_WEIGHT
        return x

    def transform(self, texts: Sequence[CleanText]) -> csr_matrix:
        return self.weigh(self.counts(texts))
