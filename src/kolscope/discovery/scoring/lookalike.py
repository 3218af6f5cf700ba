"""Profile vectors for "more like this creator": niche, content and audience, one vector each.

A profile vector has three blocks, each scaled to unit length and then weighted, so the dot
product of two profile vectors is the weighted sum of three cosine similarities:

- niche (32 slots, one per niche id): the classifier's confidence in each niche;
- content (48 slots): the account's search words, hashed into slots with a log count (the
  same word in two captions counts once per caption at most), so shared vocabulary shows;
- audience (12 slots): female and male share, seven age bands, Thailand, Bangkok and
  "elsewhere in Thailand" shares of the latest audience report.

A block the account has no data for is all zeros: it then adds nothing to any similarity and
``block_similarity`` says "unknown" for it. Vectors are stored as float16 (184 bytes).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

NICHE_SLOTS = 32
CONTENT_SLOTS = 48
AUDIENCE_SLOTS = 12
SIZE = NICHE_SLOTS + CONTENT_SLOTS + AUDIENCE_SLOTS
WEIGHTS = {"niche": 0.5, "content": 0.3, "audience": 0.2}
BLOCKS = {
    "niche": slice(0, NICHE_SLOTS),
    "content": slice(NICHE_SLOTS, NICHE_SLOTS + CONTENT_SLOTS),
    "audience": slice(NICHE_SLOTS + CONTENT_SLOTS, SIZE),
}
_AGES = ("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
_BANGKOK = "TH-10"
_STOP = frozenset(
    {
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "my", "is", "it",
        "this", "that", "i", "you", "we", "at", "by", "ค่ะ", "ครับ", "คะ", "นะ", "ที่", "และ", "ก็",
        "มา", "ไป", "ได้", "ให้", "ของ", "จะ", "ไม่", "มี", "เป็น", "กับ", "แล้ว", "ว่า", "นี้", "คือ",
        "ด้วย",
    }
)  # fmt: skip


def _unit(block: NDArray[np.float32]) -> NDArray[np.float32]:
    norm = float(np.linalg.norm(block))
    return block / norm if norm > 0 else block


def _slot(word: str) -> int:
    return zlib.crc32(word.encode("utf-8")) % CONTENT_SLOTS


def profile_vector(
    niches: Mapping[str, float],
    niche_order: Sequence[str],
    documents: Iterable[Sequence[str]],
    audience: Mapping[tuple[str, str], float],
) -> NDArray[np.float32]:
    """The vector of one account. ``niches`` maps niche id to confidence; ``niche_order`` is
    the taxonomy's ids (their position is the slot); ``documents`` are the word lists of the
    bio and each caption; ``audience`` maps (dimension, segment) to a share 0-1."""
    vector = np.zeros(SIZE, dtype=np.float32)
    niche_block = np.zeros(NICHE_SLOTS, dtype=np.float32)
    for niche, confidence in niches.items():
        if niche in niche_order:
            niche_block[niche_order.index(niche) % NICHE_SLOTS] += float(confidence)
    content = np.zeros(CONTENT_SLOTS, dtype=np.float32)
    for words in documents:
        for word in set(words):
            if len(word) > 1 and word not in _STOP and not word.isdigit():
                content[_slot(word)] += 1.0
    content = np.log1p(content)
    people = np.zeros(AUDIENCE_SLOTS, dtype=np.float32)
    if audience:
        people[0] = audience.get(("gender", "female"), 0.0)
        people[1] = audience.get(("gender", "male"), 0.0)
        for index, band in enumerate(_AGES):
            people[2 + index] = audience.get(("age", band), 0.0)
        thai = audience.get(("country", "TH"), 0.0)
        bangkok = audience.get(("province", _BANGKOK), 0.0)
        people[9] = thai
        people[10] = bangkok
        people[11] = max(thai - bangkok, 0.0)
    for name, block in (("niche", niche_block), ("content", content), ("audience", people)):
        vector[BLOCKS[name]] = _unit(block) * math.sqrt(WEIGHTS[name])
    return vector


def to_bytes(vector: NDArray[np.float32]) -> bytes:
    return vector.astype(np.float16).tobytes()


def from_bytes(blobs: Sequence[bytes | None]) -> NDArray[np.float32]:
    """Stored vectors as one matrix, decoded in one step (a missing or malformed vector is a
    row of zeros)."""
    width = SIZE * 2
    empty = bytes(width)
    joined = b"".join(b if b is not None and len(b) == width else empty for b in blobs)
    matrix: NDArray[np.float32] = (
        np.frombuffer(joined, dtype=np.float16).reshape(len(blobs), SIZE).astype(np.float32)
    )
    return matrix


class Similarity(NamedTuple):
    """How alike two accounts are: overall 0-1 and per block (None: one side has no data)."""

    overall: float
    niche: float | None
    content: float | None
    audience: float | None


def similarities(seed: NDArray[np.float32], others: NDArray[np.float32]) -> NDArray[np.float32]:
    """The overall similarity of each row of ``others`` to ``seed`` (one matrix product)."""
    if others.size == 0:
        return np.zeros(0, dtype=np.float32)
    result: NDArray[np.float32] = others @ seed
    return result


def block_similarity(seed: NDArray[np.float32], other: NDArray[np.float32]) -> Similarity:
    parts: dict[str, float | None] = {}
    for name, where in BLOCKS.items():
        a, b = seed[where], other[where]
        if not a.any() or not b.any():
            parts[name] = None
            continue
        parts[name] = float(a @ b) / WEIGHTS[name]
    return Similarity(float(seed @ other), parts["niche"], parts["content"], parts["audience"])
