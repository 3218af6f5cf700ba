"""Finding the lexicon's words in captions, bios, hashtags and handles, fast.

Thai words are compiled into one regular expression built as a trie (words sharing a beginning
share a branch), so text is read once, in C, whatever the number of words. English text is
split into words and intersected with the set of single words; several-word terms are one more
expression. All of a creator's captions (and name and bio) are read together, joined by a
separator, so the cost per post is the cost of its characters, not of a dozen calls. Every
expression starts with fixed characters, which lets the engine skip through text that cannot
start a match. What hashtags and handles mean is cached (``glued_words``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from kolscope.discovery.scoring import lexicon as lx
from kolscope.discovery.scoring import tone_words as tw


class Meaning(NamedTuple):
    kind: str  # niche, marker or credential
    key: str  # the niche id, marker name or credential in English
    weight: float


# A match: the text that matched (as written in the lexicon, or as found by a pattern) and
# what it means. A plain tuple: there are hundreds per creator.
Hit = tuple[str, tuple[Meaning, ...]]

SEP = "\x01"  # joins texts read together (the Thai and English passes report it)
_MARKER_LISTS = {
    "explain": lx.EXPLAIN, "consumer": lx.CONSUMER, "pro": lx.PROS, "con": lx.CONS,
    "contrast": lx.CONTRAST, "review": lx.REVIEW, "sponsor": lx.SPONSORED, "loud": tw.LOUD,
    "humour": tw.HUMOUR, "calm": tw.CALM, "formal": tw.FORMAL,
}  # fmt: skip
_THAI = re.compile(r"[\u0e00-\u0e7f]")
# English words; SEP stands alone between spaces, so it comes out as a word of its own (a
# pattern starting with a character class lets the engine skip ahead fast).
_ENGLISH_WORD = re.compile(r"[\x01a-z0-9][a-z0-9]*(?:['’&+\-][a-z0-9]+)*")
_SEP_AT = re.compile("\x01")


def _meanings() -> dict[str, tuple[Meaning, ...]]:
    found: dict[str, dict[tuple[str, str], float]] = {}

    def add(term: str, kind: str, key: str, weight: float) -> None:
        slot = found.setdefault(term, {})
        slot[(kind, key)] = max(slot.get((kind, key), 0.0), weight)

    for niche, text in lx.NICHE_TERMS.items():
        for term, weight in lx.terms(text).items():
            add(term, "niche", niche, weight)
    for marker, text in _MARKER_LISTS.items():
        for term, weight in lx.terms(text).items():
            add(term, "marker", marker, weight)
    for term, english in lx.CREDENTIALS.items():
        add(term.casefold(), "credential", english, 1.0)
    # A longer Thai word keeps the review marker of a word inside it (รีวิวสกินแคร์ is a review).
    review = ("marker", "review")
    reviews = [t for t, slot in found.items() if review in slot and _THAI.search(t)]
    for term, slot in found.items():
        for inner in reviews:
            if inner != term and inner in term and review not in slot:
                slot[review] = found[inner][review]
    return {
        term: tuple(Meaning(kind, key, weight) for (kind, key), weight in slot.items())
        for term, slot in found.items()
    }


def _patterns(patterns: Mapping[str, tuple[str, str, str, str, float]]) -> str:
    """One expression for all patterns: one alternative per first character (each digit
    spelled out), each starting with that fixed character so the engine skips ahead fast and
    drops an alternative at its first character."""
    by_first: dict[str, list[str]] = {}
    for name, (first, rest, *_) in patterns.items():
        for char in "0123456789" if first == "0-9" else first:
            by_first.setdefault(char, []).append(f"(?P<{name}{_DIGIT_SUFFIX.get(char, '')}>{rest})")
    return "|".join(
        f"{re.escape(char)}(?:{'|'.join(branches)})" for char, branches in by_first.items()
    )


# Group names must be unique: a pattern spelled out for each digit gets a suffix per digit.
_DIGIT_SUFFIX = {str(d): f"__{d}" for d in range(10)}


def _phrase_pattern(phrases: Sequence[str]) -> str:
    """Several-word English terms as whole words, any spaces between them. Each alternative
    starts with a fixed letter (the word-start check follows it), so the search is fast."""
    trie: dict[str, dict[str, object]] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})  # type: ignore[assignment]
        node[""] = {}
    branches = []
    for char in sorted(trie):
        first = re.escape(char)
        rest = _node_pattern(trie[char]).replace("\\ ", r"\s+")
        branches.append(f"{first}(?<![a-z0-9]{first}){rest}(?![a-z0-9])")
    return "|".join(branches) or "(?!)"


def trie_pattern(words: Sequence[str], *, flat: bool = False) -> str:
    """A regular expression matching any of the words, the longest at each place. ``flat``:
    the top level is a plain alternation (to be joined to others with ``|``)."""
    trie: dict[str, dict[str, object]] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})  # type: ignore[assignment]
        node[""] = {}
    return _node_pattern(trie, flat=flat)


def _node_pattern(node: Mapping[str, object], *, flat: bool = False) -> str:
    branches: list[str] = []
    singles: list[str] = []
    for char in sorted(k for k in node if k):
        child = node[char]
        assert isinstance(child, Mapping)
        rest = _node_pattern(child)
        if rest:
            branches.append(re.escape(char) + rest)
        else:
            singles.append(re.escape(char))
    if singles:
        branches.append(singles[0] if len(singles) == 1 else f"[{''.join(singles)}]")
    if not branches:
        return ""
    if flat and "" not in node:
        return "|".join(branches)
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


class Lexicon:
    """The compiled lexicon (built once, on first use)."""

    def __init__(self) -> None:
        self.meanings = _meanings()
        thai = sorted(t for t in self.meanings if _THAI.search(t))
        english = [t for t in self.meanings if not _THAI.search(t)]
        # SEP first, then one alternative per first letter: every alternative starts with a
        # fixed character, so the engine skips through text that cannot start a word.
        self.thai = re.compile(f"\x01|{trie_pattern(thai, flat=True)}")
        self.single = frozenset(t for t in english if " " not in t)
        self.phrases = re.compile(_phrase_pattern([t for t in english if " " in t]))
        self.pattern_meanings = {
            name: Meaning(kind, key, weight)
            for name, (_, _, kind, key, weight) in lx.PATTERNS.items()
        }
        self.patterns = re.compile(_patterns(lx.PATTERNS))
        # English words that may be found glued to others in hashtags and handles.
        niche_words = [t for t in english if " " not in t and self.is_niche_word(t)]
        self.glued = re.compile(trie_pattern(sorted(t for t in niche_words if len(t) >= 5)))
        short = {t for t in niche_words if 3 <= len(t) <= 4} | {
            w for w in lx.HANDLE_WORDS if len(w) >= 3
        }
        self.short = tuple(sorted(short))

    def is_niche_word(self, term: str) -> bool:
        return any(m.kind == "niche" for m in self.meanings.get(term, ()))

    def word(self, word: str) -> tuple[Meaning, ...]:
        return self.meanings.get(word, ())

    def scan(self, text: str) -> list[Hit]:
        """Hits in one prepared text."""
        return self.scan_joined(text, 1)[0]

    def scan_joined(self, text: str, count: int) -> list[list[Hit]]:
        """Hits in ``count`` prepared texts joined by SEP, one list per text: Thai words (left
        to right, the longest at each place), English words and phrases, then what the gated
        patterns found."""
        out: list[list[Hit]] = [[] for _ in range(count)]
        meanings = self.meanings
        if _THAI.search(text):
            for index, terms in enumerate(_per_text(self.thai.findall(text))):
                if terms:
                    out[index] += [(t, meanings[t]) for t in terms]
        tokens = _ENGLISH_WORD.findall(text)
        if len(tokens) >= count:  # more than the separators
            self._english(text, _per_text(tokens), out)
        bounds: list[int] | None = None
        for match in self.patterns.finditer(text):
            if bounds is None:
                bounds = [m.start() for m in _SEP_AT.finditer(text)]
            meaning = self.pattern_meanings[(match.lastgroup or "").split("__")[0]]
            out[bisect_right(bounds, match.start())].append((match.group(), (meaning,)))
        return out

    def _english(self, text: str, words: list[list[str]], out: list[list[Hit]]) -> None:
        """English phrases (one search of the text, most have none), then single words (a
        set intersection per text); words inside a phrase are not read again on their own."""
        meanings = self.meanings
        bounds: list[int] | None = None
        for match in self.phrases.finditer(text):
            if bounds is None:
                bounds = [m.start() for m in _SEP_AT.finditer(text)]
            index = bisect_right(bounds, match.start())
            phrase = " ".join(match.group().split())
            out[index].append((phrase, meanings[phrase]))
            for word in phrase.split(" "):
                if word in words[index]:
                    words[index].remove(word)
        single = self.single
        for index, found in enumerate(words):
            if found and not single.isdisjoint(found):
                out[index] += [(w, meanings[w]) for w in sorted(single.intersection(found))]


def _per_text(found: list[str]) -> list[list[str]]:
    """findall results that include SEP, split into one list per joined text."""
    return [piece.split("\x00") if piece else [] for piece in _pieces(found)]


def _pieces(found: list[str]) -> list[str]:
    return [p.strip("\x00") for p in "\x00".join(found).split(SEP)]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()


# Links, hashtags and mentions; each pattern starts with a character class (fast to scan).
_STRIP = re.compile(
    r"[#@hw](?:(?<=[#@])[\w.\u0e00-\u0e7f]+|(?<=h)ttps?://[^\s\x01]+|(?<=w)ww\.[^\s\x01]+)"
)
_TAG = re.compile(r"[#\x01][\w\u0e00-\u0e7f]*")  # "#tag", or SEP alone
_LETTER_TRIPLE = re.compile(r"([\u0e01-\u0e4ca-z])\1\1")  # a cheap test before the two below
_THAI_REPEAT = re.compile(r"([\u0e01-\u0e2e\u0e30-\u0e39\u0e40-\u0e4c])\1{2,}")
_LATIN_REPEAT = re.compile(r"([a-z])\1{2,}")
# Zero-width and control characters out (the rest of analysis.text.clean does not change which
# words are found, and skipping it keeps reading fast).
_INVISIBLE = re.compile("[\x00\x02-\x08\x0e-\x1f\x7f\u200b-\u200f\u2060\ufeff\u00ad]")
_JOIN = f" {SEP} "
MAX_TEXT = 4_000  # a caption or bio is read from its first 4,000 characters


class Prepared(NamedTuple):
    """Texts ready to scan: joined by SEP (with a space each side), lower case, links,
    hashtags and mentions out, letter repeats undone (มากกกก -> มาก, sooo -> soo). Runs of
    spaces are left: English is read word by word and Thai words hold no spaces."""

    text: str
    parts: int  # how many texts were joined
    tags: tuple[tuple[str, ...], ...]  # hashtags in each text (lower case, without #)
    elongated: tuple[bool, ...]  # letters repeated for effect in each text


def prepare(raws: Sequence[str | None], *, tags: bool = False) -> Prepared:
    """Prepare texts to be read together (``tags``: also list the hashtags written in them).
    Never fails; None or non-text reads as empty."""
    pieces = [r[:MAX_TEXT] if isinstance(r, str) else "" for r in raws]
    count = len(pieces)
    text = _JOIN.join(pieces).casefold()
    if text.count(SEP) != count - 1:
        text = _JOIN.join(p.replace(SEP, " ") for p in pieces).casefold()
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    if not text.isascii() and ("เเ" in text or "\u0e4d" in text):
        text = text.replace("เเ", "แ").replace("\u0e4d\u0e32", "\u0e33")
    found: tuple[tuple[str, ...], ...] = ((),) * count
    if "#" in text or "@" in text or "http" in text or "www." in text:
        if tags and "#" in text:
            found = _split_found(_TAG.findall(text), count)
        text = _STRIP.sub(" ", text)
    elongated = (False,) * count
    if _LETTER_TRIPLE.search(text):
        undone = _LATIN_REPEAT.sub(r"\1\1", _THAI_REPEAT.sub(r"\1", text))
        pairs = zip(text.split(SEP), undone.split(SEP), strict=True)
        elongated = tuple(before != after for before, after in pairs)
        text = undone
    return Prepared(text, count, found, elongated)


def _split_found(found: list[str], count: int) -> tuple[tuple[str, ...], ...]:
    """Hashtags found in joined text, split per text, without the #."""
    out: list[list[str]] = [[] for _ in range(count)]
    index = 0
    for item in found:
        if item == SEP:
            index += 1
        elif len(item) > 1:
            out[index].append(item[1:])
    return tuple(tuple(items) for items in out)
