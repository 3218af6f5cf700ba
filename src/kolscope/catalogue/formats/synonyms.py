"""Matching a header to the canonical fields whose synonyms it uses.

A file can have thousands of columns, so a header is not compared with every synonym: the
synonyms of a kind are keyed once, and indexed by their core words. A synonym can only score
when all its core words are among the header's (or, for a Thai synonym, when its letters are
inside the header's), so the index gives every candidate and the scores are exactly those of
comparing with all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kolscope.catalogue.formats.headers import HeaderKey, header_key, is_thai
from kolscope.catalogue.importing.fields import FieldSpec

EXACT, PARTIAL_BASE = 3.0, 2.0


@dataclass(frozen=True, slots=True)
class Match:
    field: str
    score: float  # 3 for the same words; 2 to 3 when the header holds a synonym plus more


@dataclass(frozen=True, slots=True)
class _Synonym:
    order: int  # position among the kind's synonyms: ties go to the first, as listed
    field: str
    key: HeaderKey


class _SynonymIndex:
    """The synonyms of one kind's fields, keyed once, by core word and Thai ones apart."""

    def __init__(self, specs: Sequence[FieldSpec]) -> None:
        self.by_word: dict[str, list[_Synonym]] = {}
        self.thai: list[_Synonym] = []
        order = 0
        for spec in specs:
            for phrase in spec.synonyms:
                synonym = _Synonym(order, spec.name, header_key(phrase, split_camel_case=False))
                order += 1
                for word in synonym.key.core:
                    self.by_word.setdefault(word, []).append(synonym)
                if is_thai(synonym.key.compact):
                    self.thai.append(synonym)

    def candidates(self, keys: Sequence[HeaderKey]) -> list[_Synonym]:
        """Every synonym that could score against one of the keys, in listed order."""
        found: dict[int, _Synonym] = {}
        for key in keys:
            for word in key.core:
                for synonym in self.by_word.get(word, ()):
                    found[synonym.order] = synonym
            if is_thai(key.compact):
                for synonym in self.thai:
                    found[synonym.order] = synonym
        return [found[order] for order in sorted(found)]


_INDEXES: dict[int, tuple[Sequence[FieldSpec], _SynonymIndex]] = {}


def _index(specs: Sequence[FieldSpec]) -> _SynonymIndex:
    """The index of a field list, built once (looked up by identity: hashing costs more)."""
    entry = _INDEXES.get(id(specs))
    if entry is None or entry[0] is not specs:
        if len(_INDEXES) > 32:
            _INDEXES.clear()
        entry = (specs, _SynonymIndex(specs))
        _INDEXES[id(specs)] = entry
    return entry[1]


@lru_cache(maxsize=8192)
def _header_keys(header: str) -> tuple[HeaderKey, HeaderKey]:
    return header_key(header), header_key(header, split_camel_case=False)


def _score(column: HeaderKey, synonym: HeaderKey) -> float:
    if not column.words:
        return 0.0
    if synonym.words == column.words or (synonym.core and synonym.core == column.core):
        return EXACT
    if is_thai(synonym.compact):
        if synonym.compact == column.compact:
            return EXACT
        if synonym.compact and synonym.compact in column.compact:
            return PARTIAL_BASE + len(synonym.compact) / len(column.compact)
        return 0.0
    if synonym.core and synonym.core <= column.core:
        return PARTIAL_BASE + len(synonym.core) / len(column.core)
    return 0.0


def matches(header: str, specs: Sequence[FieldSpec]) -> list[Match]:
    """Every field the header could name, best first."""
    keys = _header_keys(header)
    found: dict[str, float] = {}
    for synonym in _index(specs).candidates(keys):
        score = max(_score(key, synonym.key) for key in keys)
        if score > found.get(synonym.field, 0.0):
            found[synonym.field] = score
    return sorted((Match(n, s) for n, s in found.items()), key=lambda m: -m.score)


def best_match(header: str, specs: Sequence[FieldSpec]) -> Match | None:
    found = matches(header, specs)
    return found[0] if found else None
