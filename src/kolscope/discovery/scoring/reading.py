"""One reading of a creator's content that the niche, creator-type and tone readers share.

All captions are scanned together, once; the profile (display name, bio, handle, categories)
once. The reading is cached, so classifying niches, then the creator type, then the tone of
the same content costs one scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from kolscope.discovery.scoring import lexicon as lx
from kolscope.discovery.scoring import tone_words as tw
from kolscope.discovery.scoring.content import CreatorContent, PostText
from kolscope.discovery.scoring.glued_words import handle_hits, tag_hits
from kolscope.discovery.scoring.matching import SEP, Hit, Meaning, lexicon, prepare
from kolscope.discovery.scoring.taxonomy import niches_of_category

MAX_POSTS = 60  # posts read, newest first
MAX_TAGS = 40  # hashtags read per post
MAX_CATEGORIES = 10
# A niche word in a caption may be said in passing; a hashtag files the post under a topic.
CAPTION_WEIGHT = 0.6
# Emoji by their blocks (pictographs, symbols, dingbats, arrows); counting needs no more.
_EMOJI = re.compile("\x01|[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2190-\u21ff]")


class Words(NamedTuple):
    """What one piece of text says: niche weights, marker weights, credentials, and the terms
    that said it (for evidence)."""

    niches: dict[str, float]
    markers: dict[str, float]
    credentials: tuple[str, ...]  # "pharmacist (เภสัชกร)"
    terms: dict[str, list[str]]  # niche -> terms that fired, in order


class PostReading(NamedTuple):
    niches: dict[str, float]
    markers: dict[str, float]
    credentials: tuple[str, ...]
    terms: dict[str, list[str]]  # niche -> the words and hashtags that named it (evidence)
    sponsored: bool  # marked as paid, or tagged/written as an ad
    emoji: int
    humour_emoji: int
    elongated: bool
    characters: int


class Reading(NamedTuple):
    posts: tuple[PostReading, ...]
    name: Words
    bio: Words
    handle: Words
    categories: dict[str, list[str]]  # niche -> category labels that named it
    bio_characters: int


_CONSUMER = Meaning("marker", "consumer", 1.0)


def _words(hits: Iterable[Hit], tags: Iterable[Hit] = ()) -> Words:
    """What the hits say; niche words in the text count ``CAPTION_WEIGHT``, hashtags fully."""
    niches: dict[str, float] = {}
    markers: dict[str, float] = {}
    credentials: list[str] = []
    terms: dict[str, list[str]] = {}
    for scale, found in ((CAPTION_WEIGHT, hits), (1.0, tags)):
        for term, meanings in found:
            for kind, key, weight in meanings:
                if kind == "niche":
                    niches[key] = niches.get(key, 0.0) + weight * scale
                    terms.setdefault(key, []).append(term)
                elif kind == "marker":
                    markers[key] = markers.get(key, 0.0) + weight
                else:
                    credentials.append(f"{key} ({term})")
    return Words(niches, markers, tuple(credentials), terms)


_EMPTY = Words({}, {}, (), {})


def read_text(text: str | None) -> Words:
    """A profile text (bio, display name): its words and hashtags, all at full weight."""
    if not text or not isinstance(text, str):
        return _EMPTY
    prepared = prepare([text], tags=True)
    hits = lexicon().scan(prepared.text) if prepared.text else []
    tags = [hit for tag in prepared.tags[0][:MAX_TAGS] for hit in tag_hits(tag)]
    return _words([], [*hits, *tags])


_TAGS: dict[str, tuple[tuple[Hit, ...], bool]] = {}  # hashtag as given -> (hits, is an ad tag)


def _tag(tag: object) -> tuple[tuple[Hit, ...], bool]:
    key = tag if isinstance(tag, str) else str(tag)
    found = _TAGS.get(key)
    if found is None:
        clean = key.casefold().lstrip("#")
        if clean in lx.SPONSORED_TAGS:
            found = ((), True)
        elif clean in lx.CONSUMER_TAGS:
            found = (((f"#{clean}", (_CONSUMER,)),), False)
        else:
            found = (tag_hits(clean), False)
        if len(_TAGS) < 200_000:
            _TAGS[key] = found
    return found


def read_posts(
    posts: Sequence[PostText], profile: Sequence[str] = ()
) -> tuple[tuple[PostReading, ...], list[Words]]:
    """Each post's words, and the words of the profile texts (display name, bio), all scanned
    in one pass."""
    captions = [p.caption if isinstance(p.caption, str) else "" for p in posts]
    captions = [c if SEP not in c else c.replace(SEP, " ") for c in captions]
    prepared = prepare([*captions, *profile])
    scanned = lexicon().scan_joined(prepared.text, prepared.parts)
    texts = prepared.text.split(SEP)
    emoji = _emoji_counts(captions)
    readings: list[PostReading] = []
    for number, post in enumerate(posts):
        given = post.hashtags if isinstance(post.hashtags, tuple | list) else ()
        if not given and "#" in captions[number]:
            given = prepare([captions[number]], tags=True).tags[0]
        sponsored = bool(post.is_sponsored)
        tag_found: list[Hit] = []
        for tag in given[:MAX_TAGS]:
            hits, is_ad = _TAGS.get(tag) or _tag(tag) if isinstance(tag, str) else _tag(tag)
            sponsored = sponsored or is_ad
            tag_found += hits
        caption = scanned[number]
        niches, markers, credentials, terms = _add_up(caption, tag_found)
        readings.append(
            PostReading(
                niches,
                markers,
                credentials,
                terms,
                sponsored or markers.get("sponsor", 0.0) >= 1.0,
                emoji[number][0],
                emoji[number][1],
                prepared.elongated[number],
                len(texts[number]) - 2,
            )
        )
    words = [
        _profile_words(t, hits) for t, hits in zip(profile, scanned[len(posts) :], strict=True)
    ]
    return tuple(readings), words


def _profile_words(text: str, hits: list[Hit]) -> Words:
    """A profile text's words and hashtags, all at full weight."""
    if not hits and "#" not in text:
        return _EMPTY
    tags: list[Hit] = []
    if "#" in text:
        tags = [
            hit for tag in prepare([text], tags=True).tags[0][:MAX_TAGS] for hit in tag_hits(tag)
        ]
    return _words([], [*hits, *tags])


def _add_up(
    caption: list[Hit], tags: list[Hit]
) -> tuple[dict[str, float], dict[str, float], tuple[str, ...], dict[str, list[str]]]:
    niches: dict[str, float] = {}
    markers: dict[str, float] = {}
    credentials: list[str] = []
    terms: dict[str, list[str]] = {}
    for scale, found in ((CAPTION_WEIGHT, caption), (1.0, tags)):
        for term, meanings in found:
            for kind, key, weight in meanings:
                if kind == "niche":
                    niches[key] = niches.get(key, 0.0) + weight * scale
                    if key in terms:
                        terms[key].append(term)
                    else:
                        terms[key] = [term]
                elif kind == "marker":
                    markers[key] = markers.get(key, 0.0) + weight
                else:
                    credentials.append(f"{key} ({term})")
    return niches, markers, tuple(credentials), terms


def _emoji_counts(captions: Sequence[str]) -> list[tuple[int, int]]:
    counts = [(0, 0)] * len(captions)
    joined = SEP.join(c[:4_000] for c in captions)
    if joined.isascii():
        return counts
    index, total, funny = 0, 0, 0
    for found in _EMOJI.findall(joined):
        if found == SEP:
            counts[index] = (total, funny)
            index, total, funny = index + 1, 0, 0
        else:
            total += 1
            funny += found in tw.HUMOUR_EMOJI
    counts[index] = (total, funny)
    return counts


def _categories(labels: Iterable[object]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for label in labels:
        if not isinstance(label, str):
            continue
        for niche in niches_of_category(label):
            found.setdefault(niche, []).append(label.strip()[:60])
    return found


def _read(content: CreatorContent) -> Reading:
    posts = content.posts if isinstance(content.posts, tuple | list) else ()
    categories = content.categories if isinstance(content.categories, tuple | list) else ()
    handle = content.handle if isinstance(content.handle, str) else ""
    bio = content.bio if isinstance(content.bio, str) else ""
    name = content.display_name if isinstance(content.display_name, str) else ""
    posts_read, (name_words, bio_words) = read_posts(
        [p for p in posts[:MAX_POSTS] if isinstance(p, PostText)], (name, bio)
    )
    return Reading(
        posts=posts_read,
        name=name_words,
        bio=bio_words,
        handle=_words([], handle_hits(handle)) if handle.isascii() else read_text(handle),
        categories=_categories(categories[:MAX_CATEGORIES]),
        bio_characters=len(bio.strip()),
    )


@lru_cache(maxsize=4_096)
def _cached(content: CreatorContent) -> Reading:
    return _read(content)


def read_content(content: CreatorContent) -> Reading:
    """The shared reading of a creator's content (cached for content that can be hashed)."""
    try:
        return _cached(content)
    except TypeError:  # lists where tuples belong: read without the cache
        return _read(content)
