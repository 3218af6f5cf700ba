"""Matching a header to the canonical fields whose synonyms it uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kolscope.adapters.importers.fields import FieldSpec
from kolscope.adapters.importers.headers import HeaderKey, header_key, is_thai

EXACT, PARTIAL_BASE = 3.0, 2.0


@dataclass(frozen=True, slots=True)
class Match:
    field: str
    score: float  # 3 for the same words; 2 to 3 when the header holds a synonym plus more


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
    keys = [header_key(header), header_key(header, split_camel_case=False)]
    found: dict[str, float] = {}
    for spec in specs:
        for synonym in spec.synonyms:
            synonym_key = header_key(synonym, split_camel_case=False)
            score = max(_score(key, synonym_key) for key in keys)
            if score > found.get(spec.name, 0.0):
                found[spec.name] = score
    return sorted((Match(n, s) for n, s in found.items()), key=lambda m: -m.score)


def best_match(header: str, specs: Sequence[FieldSpec]) -> Match | None:
    found = matches(header, specs)
    return found[0] if found else None
