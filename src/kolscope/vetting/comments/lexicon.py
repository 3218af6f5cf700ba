"""Hand-written cues, in Thai and English, each with a name that shows up as evidence.

The cues and word lists live in data files beside this module, read once at import:
``words/cues.toml`` (the cues and SPAM_TOKENS) and ``words/low_effort.toml`` (GENERIC_WORDS,
FILLER_WORDS). Patterns run on the normalised text (lower case, letter repeats undone, typed
tokens such as ``<url>`` in place), so they need not spell out ดีมากกกก or HOW MUCH. Thai has
no spaces between words, so Thai cues are substrings; English cues use word boundaries.
Written for kolscope; no outside word list is copied here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    pass

from kolscope.text.word_files import WordFile

WORDS = files("kolscope.vetting.comments") / "words"


class Cue(NamedTuple):
    name: str  # shown as evidence, e.g. "asks price"
    anchors: tuple[str, ...]  # the pattern can only match where one of these is in the text
    pattern: re.Pattern[str]
    weight: float  # how strongly the cue alone points at the label (0..1)
    gate: re.Pattern[str]  # the anchors as one pattern: one cheap search checks them all


def _cue(name: str, anchors: tuple[str, ...], pattern: str, weight: float) -> Cue:
    gate = re.compile("|".join(re.escape(a) for a in sorted(anchors, key=len, reverse=True)))
    return Cue(name, anchors, re.compile(pattern), weight, gate)  # text arrives lower-cased


def read_cues(words: WordFile, key: str, pieces: dict[str, str]) -> tuple[Cue, ...]:
    """The cues of one [[key]] array: name, anchors, pattern and weight (0..1) each."""
    cues: list[Cue] = []
    for one in words.tables(key):
        weight = one.number("weight")
        if not 0.0 <= weight <= 1.0:
            raise one.error("weight", f"should be between 0 and 1, not {weight}")
        cues.append(
            _cue(one.text("name"), one.strings("anchors"), one.regex("pattern", pieces), weight)
        )
    return tuple(cues)


_CUES = WordFile(WORDS / "cues.toml")
_PIECES = {"question": _CUES.table("pieces").regex("question")}

PURCHASE_CUES: tuple[Cue, ...] = read_cues(_CUES, "purchase", _PIECES)
QUESTION_CUES: tuple[Cue, ...] = read_cues(_CUES, "question", _PIECES)
SPAM_CUES: tuple[Cue, ...] = read_cues(_CUES, "spam", _PIECES)
# Our own toxicity lexicon: insults, slurs and profanity aimed at a person (the file says what
# is left out and why).
TOXIC_CUES: tuple[Cue, ...] = read_cues(_CUES, "toxic", _PIECES)

# Typed tokens that spam leans on; together with a spam cue they raise the score further.
_TOKENS = _CUES.table("spam_tokens")
SPAM_TOKENS: dict[str, float] = {name: _TOKENS.number(name) for name in _TOKENS.names()}

_LOW_EFFORT = WordFile(WORDS / "low_effort.toml")
# Words that alone make a comment low-effort (after emoji, laughter, mentions and polite
# particles are taken away).
GENERIC_WORDS: frozenset[str] = frozenset(_LOW_EFFORT.strings("generic"))
# Filler that does not change whether a comment says anything.
FILLER_WORDS: frozenset[str] = frozenset(_LOW_EFFORT.strings("filler"))


@lru_cache(maxsize=16)
def _gate(cues: tuple[Cue, ...]) -> re.Pattern[str]:
    """One pattern of every anchor of these cues: most comments match none of them, and
    one search rules the whole set out."""
    anchors = sorted({a for cue in cues for a in cue.anchors}, key=len, reverse=True)
    return re.compile("|".join(re.escape(a) for a in anchors))


def fired(cues: tuple[Cue, ...], text: str) -> list[Cue]:
    """The cues whose pattern is found in the text. Substring checks on the cues' anchors
    come first (all at once, then each cue's): they are far cheaper than the patterns and
    rule most cues out."""
    if not _gate(cues).search(text):
        return []
    return [c for c in cues if c.gate.search(text) and c.pattern.search(text)]


@lru_cache(maxsize=8_192)
def spam_cues(text: str) -> tuple[Cue, ...]:
    """The spam cues found in one normalised text. Cached: the spam head's features and the
    spam rules both ask, a batch (2,048 comments) apart at most."""
    return tuple(fired(SPAM_CUES, text))


def combined(weights: list[float]) -> float:
    """Probability that at least one independent cue is right: 1 - Π(1 - w)."""
    miss = 1.0
    for weight in weights:
        miss *= 1.0 - weight
    return 1.0 - miss


_STOP = WordFile(WORDS / "stop_words.toml")
# Words too common to cite as evidence (Thai and English; words/stop_words.toml).
STOP_WORDS: frozenset[str] = frozenset((*_STOP.strings("thai"), *_STOP.strings("english")))
