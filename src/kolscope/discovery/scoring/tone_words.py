"""Thai and English words for a creator's tone (loud, humorous, calm, formal) and for the tone
a brand asks for, read once at import from ``words/tone.toml``; the same term syntax as
``lexicon`` (comma-separated, ``term~weight``)."""

from __future__ import annotations

from kolscope.discovery.scoring.lexicon import WORDS
from kolscope.text.word_files import WordFile

_FILE = WordFile(WORDS / "tone.toml")
_TONE = _FILE.table("tone")
_WANTED = _FILE.table("wanted")

# --- tone -------------------------------------------------------------------------------------

LOUD: str = _TONE.terms("loud")
HUMOUR: str = _TONE.terms("humour")
CALM: str = _TONE.terms("calm")
FORMAL: str = _TONE.terms("formal")
HUMOUR_EMOJI: frozenset[str] = frozenset(_TONE.text("humour_emoji"))

# --- brand tone notes -------------------------------------------------------------------------

WANT_LOUD: str = _WANTED.terms("loud")
WANT_CALM: str = _WANTED.terms("calm")
WANT_FORMAL: str = _WANTED.terms("formal")
WANT_CASUAL: str = _WANTED.terms("casual")
WANT_HUMOUR: str = _WANTED.terms("humour")
WANT_EMOJI: str = _WANTED.terms("emoji")
WANT_NO_EMOJI: str = _WANTED.terms("no_emoji")
