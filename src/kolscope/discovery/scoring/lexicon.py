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

import re
import tomllib
from importlib.resources import files
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

WORDS = files("kolscope.discovery.scoring") / "words"

_T = TypeVar("_T")
_PIECE = re.compile(r"\{([a-z_]+)\}")


class WordFileError(ValueError):
    """A word file is missing or malformed; the message names the file and the key."""


class WordFile:
    """One TOML file of words (or a table in one). Each getter raises ``WordFileError``
    naming the file and the key when the value is missing or not what it should be."""

    def __init__(
        self, path: Traversable, data: dict[str, object] | None = None, prefix: str = ""
    ) -> None:
        self.path = path
        self.prefix = prefix
        self.data = read_toml(path) if data is None else data

    def error(self, key: str, problem: str) -> WordFileError:
        return WordFileError(f"word file {self.path}: {self.prefix}{key}: {problem}")

    def get(self, key: str, kind: type[_T], what: str) -> _T:
        if key not in self.data:
            raise self.error(key, "missing")
        value = self.data[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise self.error(key, f"should be {what}, not {type(value).__name__}")
        return value

    def names(self) -> list[str]:
        return list(self.data)

    def table(self, key: str) -> WordFile:
        return WordFile(self.path, self.get(key, dict, "a table"), f"{self.prefix}{key}.")

    def text(self, key: str) -> str:
        value = self.get(key, str, "a string")
        if not value:
            raise self.error(key, "is empty")
        return value

    def number(self, key: str) -> float:
        value = self.data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        return self.get(key, float, "a number")

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list, "a list of strings")
        if not values or not all(isinstance(v, str) and v for v in values):
            raise self.error(key, "should be a list of strings, none empty")
        return tuple(values)

    def mapping(self, key: str) -> dict[str, str]:
        table = self.table(key)
        return {name: table.text(name) for name in table.names()}

    def terms(self, key: str) -> str:
        """A comma-separated term list, one space after each comma whatever the file's line
        breaks; each term may carry a weight (``term~0.5``)."""
        found: list[str] = []
        for item in self.text(key).split(","):
            term = " ".join(item.split())
            word, tilde, weight = term.partition("~")
            if not word.strip():
                where = f"after {found[-1]!r}" if found else "at the start"
                raise self.error(key, f"an empty term {where} (a comma too many?)")
            if tilde:
                try:
                    float(weight)
                except ValueError:
                    raise self.error(key, f"{term!r}: the weight is not a number") from None
            found.append(term)
        return ", ".join(found)

    def regex(self, key: str, pieces: dict[str, str] | None = None) -> str:
        """A regular expression written as one string or a list of pieces joined with nothing
        between them; ``{name}`` stands for one of ``pieces``. It must compile."""
        value = self.data.get(key)
        parts = (value,) if isinstance(value, str) else self.strings(key)
        pattern = "".join(parts)
        for name in _PIECE.findall(pattern):
            if pieces is None or name not in pieces:
                raise self.error(key, f"{{{name}}} names no piece")
            pattern = pattern.replace(f"{{{name}}}", pieces[name])
        try:
            re.compile(pattern)
        except re.error as error:
            raise self.error(key, f"not a regular expression: {error}") from None
        return pattern


def read_toml(path: Traversable) -> dict[str, object]:
    """A TOML file's content; a missing file or bad TOML raises ``WordFileError`` with the
    file's name."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise WordFileError(f"word file {path}: cannot be read ({error})") from error
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise WordFileError(f"word file {path}: not valid TOML ({error})") from error


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
