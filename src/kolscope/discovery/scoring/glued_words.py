"""Words glued together: what a hashtag (#bangkokfood) or a handle (autobyearth) names."""

from __future__ import annotations

import re
from functools import lru_cache

from kolscope.discovery.scoring import lexicon as lx
from kolscope.discovery.scoring.matching import Hit, Meaning, lexicon, prepare

# Platform campaign tags (#tiktokพากิน, #lemon8review) are put on anything for reach: the niche
# they name counts this much.
REACH_TAG_WEIGHT = 0.3
_THAI = re.compile(r"[\u0e00-\u0e7f]")


@lru_cache(maxsize=65_536)
def tag_hits(tag: str) -> tuple[Hit, ...]:
    """What a hashtag says: the tag as a word, else its Thai words, else an English word
    with a common prefix or suffix (#bangkokfood, #skincaretips), else long English words
    inside it (#mobilegaming), else what the patterns find (#dek68)."""
    tag = tag.casefold().strip("#").replace("_", "")[:100]
    if not tag or tag in lx.EMPTY_TAGS:
        return ()
    shown = f"#{tag}"
    for platform in lx.PLATFORM_TAG_PREFIXES:
        if tag.startswith(platform) and len(tag) > len(platform) + 1:
            reach = tag_hits(tag[len(platform) :])
            return tuple((shown, _scaled(meanings, REACH_TAG_WEIGHT)) for _, meanings in reach)
    words = lexicon()
    whole = words.word(tag)
    if whole:
        return ((shown, whole),)
    if not _THAI.search(tag):
        for core in _unglued(tag):
            meanings = words.word(core)
            if meanings:
                return ((shown, meanings),)
        inner = [words.word(m.group()) for m in words.glued.finditer(tag)]
        if any(inner):
            return tuple((shown, meanings) for meanings in inner if meanings)
    prepared = prepare([tag])
    return tuple((shown, meanings) for _, meanings in words.scan(prepared.text))


def _scaled(meanings: tuple[Meaning, ...], factor: float) -> tuple[Meaning, ...]:
    return tuple(m._replace(weight=m.weight * factor) if m.kind == "niche" else m for m in meanings)


def _unglued(tag: str) -> list[str]:
    """The tag without one known prefix and/or suffix, in every combination."""
    cores = [tag]
    cores += [tag[len(p) :] for p in lx.TAG_PREFIXES if tag.startswith(p) and len(tag) > len(p)]
    out: list[str] = []
    for core in cores:
        out.append(core)
        out += [core[: -len(s)] for s in lx.TAG_SUFFIXES if core.endswith(s) and len(core) > len(s)]
    return out[1:]


_HANDLE_PARTS = re.compile(r"[._\-\d\s]+")
_GLUE = ("by", "with", "and", "the", "of")


@lru_cache(maxsize=65_536)
def handle_hits(handle: str) -> tuple[Hit, ...]:
    """Niche words and titles in an ASCII handle: whole parts ("mint.skincare"), long words
    inside a part ("glowwithmint"), and short words at the start or end of a part ("annauto",
    "autobyearth")."""
    if not isinstance(handle, str):
        return ()
    words = lexicon()
    hits: list[Hit] = []
    for part in _HANDLE_PARTS.split(handle.casefold().lstrip("@")[:60]):
        if len(part) < 2:
            continue
        meanings = words.word(part) or _handle_word(part)
        if meanings:
            hits.append((part, meanings))
            continue
        inner = [m.group() for m in words.glued.finditer(part)]
        if inner:
            hits.extend((word, words.word(word)) for word in inner)
            continue
        for word in words.short:
            rest = part[len(word) :] if part.startswith(word) else None
            if part.endswith(word) and len(part) - len(word) >= 3:
                rest = ""
            if rest is not None and (rest == "" or rest.startswith(_GLUE)):
                meanings = words.word(word) or _handle_word(word)
                if meanings:
                    hits.append((word, meanings))
                    break
    return tuple(hits)


def _handle_word(word: str) -> tuple[Meaning, ...]:
    niche = lx.HANDLE_WORDS.get(word)
    return (Meaning("niche", niche, 1.0),) if niche else ()
