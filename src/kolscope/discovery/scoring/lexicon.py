"""Thai and English words that point to a niche or a creator type (tone words: ``tone_words``).

The words live in data files beside this module, read once at import: ``words/niches.toml``
(NICHE_TERMS and the hashtag and handle words), ``words/creator_type.toml`` (the markers and
credentials) and ``words/patterns.toml`` (PATTERNS); the files' comments say why a word is in
or out. Each list is one string of comma-separated terms; ``term~0.5`` gives a term a weight
other than 1. Terms are lower case. Thai terms are found anywhere in the text (Thai has no
spaces), so no Thai term may sit inside an everyday word with another meaning; where a short
word is needed it is a pattern with the look-alikes excluded (PATTERNS). English terms match
whole words (several words allowed); in hashtags and handles they are also found joined to
others.
"""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

from kolscope.text.word_files import WordFile

WORDS = files("kolscope.discovery.scoring") / "words"

# --- niches -------------------------------------------------------------------------------------

_NICHES = WordFile(WORDS / "niches.toml")
_NICHE_TABLE = _NICHES.table("niche_terms")
_TAGS = _NICHES.table("tags")

NICHE_TERMS: dict[str, str] = {niche: _NICHE_TABLE.terms(niche) for niche in _NICHE_TABLE.names()}
# Hashtags that say nothing about a niche (platform and reach tags).
EMPTY_TAGS: frozenset[str] = frozenset(_TAGS.strings("empty"))
# Platform names that start campaign hashtags (#tiktokพากิน): such tags count for little.
PLATFORM_TAG_PREFIXES: tuple[str, ...] = _TAGS.strings("platform_prefixes")
# Words glued to a niche word in hashtags and handles ("#bangkokfood", "#skincaretips").
TAG_PREFIXES: tuple[str, ...] = _TAGS.strings("prefixes")
TAG_SUFFIXES: tuple[str, ...] = _TAGS.strings("suffixes")
# Romanised Thai and short English words used in handles (matched as a whole handle part).
HANDLE_WORDS: dict[str, str] = _NICHES.mapping("handle_words")

# --- creator-type markers ---------------------------------------------------------------------

_TYPE = WordFile(WORDS / "creator_type.toml")
_MARKERS = _TYPE.table("markers")
_TYPE_TAGS = _TYPE.table("tags")
_CREDENTIALS = _TYPE.table("credentials")

# Expert content: explaining, comparing, how-to, myth-busting, research, summaries.
EXPLAIN: str = _MARKERS.terms("explain")
# Real consumers: paid for it, used it, would buy again, not paid to say so.
CONSUMER: str = _MARKERS.terms("consumer")
PROS: str = _MARKERS.terms("pros")
CONS: str = _MARKERS.terms("cons")
CONTRAST: str = _MARKERS.terms("contrast")
REVIEW: str = _MARKERS.terms("review")
SPONSORED: str = _MARKERS.terms("sponsored")
SPONSORED_TAGS: frozenset[str] = frozenset(_TYPE_TAGS.strings("sponsored"))
CONSUMER_TAGS: frozenset[str] = frozenset(_TYPE_TAGS.strings("consumer"))

# Credentials: the word and how it reads in English. Strong ones are licensed professions.
CREDENTIALS: dict[str, str] = _CREDENTIALS.mapping("words")
# Licensed professions: a strong sign of expertise (the rest are trades and roles).
STRONG_CREDENTIALS: frozenset[str] = frozenset(_CREDENTIALS.strings("strong"))


def terms(text: str) -> dict[str, float]:
    """Read a comma-separated list (``term~weight``) into term -> weight."""
    found: dict[str, float] = {}
    for item in text.split(","):
        term, _, weight = item.strip().partition("~")
        term = " ".join(term.split()).casefold()
        if term:
            found[term] = max(found.get(term, 0.0), float(weight) if weight else 1.0)
    return found


# --- patterns ---------------------------------------------------------------------------------


def read_patterns(path: Traversable) -> dict[str, tuple[str, str, str, str, float]]:
    """name -> (first character, rest of the regular expression, kind, key, weight) from a
    patterns file (its comments say more)."""
    words = WordFile(path)
    piece_table = words.table("pieces")
    pieces: dict[str, str] = {}
    for name in piece_table.names():  # a piece may use the pieces before it
        pieces[name] = piece_table.regex(name, pieces)
    table = words.table("patterns")
    patterns: dict[str, tuple[str, str, str, str, float]] = {}
    for name in table.names():
        one = table.table(name)
        kind = one.text("kind")
        if kind not in ("niche", "marker", "credential"):
            raise one.error("kind", f"should be niche, marker or credential, not {kind!r}")
        first = one.text("first")
        if first != "0-9" and len(first) != 1:
            raise one.error("first", f"should be one character or 0-9, not {first!r}")
        regex = one.regex("regex", pieces)
        patterns[name] = (first, regex, kind, one.text("key"), one.number("weight"))
    return patterns


# Patterns for what a plain word list cannot say: numbers with units, scores, look-alike words.
# name -> (first character, rest of the regular expression, kind, key, weight); kind is niche,
# marker or credential, as for the word lists. The first character ("0-9" for any digit) is
# given apart: all patterns are joined into one expression with one branch per first character,
# which lets the regular-expression engine skip through text that cannot start any of them.
PATTERNS: dict[str, tuple[str, str, str, str, float]] = read_patterns(WORDS / "patterns.toml")
