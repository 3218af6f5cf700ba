"""Which niches a creator works in, with a confidence and the words that showed it.

Two kinds of evidence are read and combined as independent witnesses (noisy-or):

- the posts: each post votes for the niches its hashtags and caption words name (a vote is
  capped at 1 per post), and a niche's share of the posts says how much of the feed is about it;
  a niche in ``FULL_SHARE`` of the posts or more counts fully, and few posts count for less
  (``posts / (posts + 3)``);
- the profile: vendor or imported category labels (strong), words in the display name, the bio
  and the handle. Words in a profile that the posts never back up count for less when there are
  many posts (a bio that says "food and travel" over a feed of skincare is not a travel creator).

A child niche (makeup, restaurants, comedy) implies its parent with the same confidence.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from kolscope.discovery.scoring.content import CreatorContent
from kolscope.discovery.scoring.reading import Reading, read_content
from kolscope.discovery.scoring.taxonomy import BY_ID, parent_of

MIN_CONFIDENCE = 0.35  # niches below this are not reported
MAX_NICHES = 4
FULL_SHARE = 0.5  # a niche in half the posts is as established as posts can show
# How much each part of the profile weighs (a category label is worth about three bio words).
PROFILE_WEIGHTS = {"category": 3.0, "name": 1.2, "bio": 1.0, "handle": 0.8}
PROFILE_CAPS = {"name": 2.0, "bio": 3.0, "handle": 1.5}  # word weight counted at most
PROFILE_SCALE = 2.0  # profile evidence e gives confidence 1 - exp(-e / PROFILE_SCALE)
UNBACKED_SHARE = 0.15  # profile words count fully once this share of the posts agrees


class NicheScore(NamedTuple):
    niche: str
    confidence: float
    evidence: tuple[str, ...]


def post_shares(reading: Reading) -> dict[str, float]:
    """Each niche's share of the posts (each post's votes capped at 1 per niche)."""
    totals: dict[str, float] = {}
    for post in reading.posts:
        for niche, weight in post.niches.items():
            totals[niche] = totals.get(niche, 0.0) + min(1.0, weight)
    count = len(reading.posts)
    return {niche: total / count for niche, total in totals.items()} if count else {}


def _profile(reading: Reading) -> dict[str, float]:
    found: dict[str, float] = {}
    for niche in reading.categories:
        found[niche] = PROFILE_WEIGHTS["category"]
    for part, words in (("name", reading.name), ("bio", reading.bio), ("handle", reading.handle)):
        for niche, weight in words.niches.items():
            found[niche] = found.get(niche, 0.0) + PROFILE_WEIGHTS[part] * min(
                weight, PROFILE_CAPS[part]
            )
    return found


def niche_confidences(reading: Reading) -> dict[str, float]:
    """Confidence per niche before the threshold, parents filled in from their children."""
    shares = post_shares(reading)
    count = len(reading.posts)
    reliability = count / (count + 3)
    trust_posts = count / (count + 5)
    profile = _profile(reading)
    confidences: dict[str, float] = {}
    for niche in set(shares) | set(profile):
        share = shares.get(niche, 0.0)
        from_posts = reliability * min(1.0, share / FULL_SHARE)
        words = profile.get(niche, 0.0)
        category = PROFILE_WEIGHTS["category"] if niche in reading.categories else 0.0
        backed = min(1.0, share / UNBACKED_SHARE)
        words_only = (words - category) * (1.0 - trust_posts * 0.6 * (1.0 - backed))
        from_profile = 1.0 - math.exp(-(category + words_only) / PROFILE_SCALE)
        confidences[niche] = 1.0 - (1.0 - from_posts) * (1.0 - from_profile)
    for niche, confidence in list(confidences.items()):
        parent = parent_of(niche)
        if parent and confidence > confidences.get(parent, 0.0):
            confidences[parent] = confidence
    return {n: c for n, c in confidences.items() if n in BY_ID}


def _post_terms(reading: Reading, kept: Sequence[str]) -> dict[str, Counter[str]]:
    """For each kept niche, how many posts used each word or hashtag (once per post)."""
    counts: dict[str, Counter[str]] = {niche: Counter() for niche in kept}
    for post in reading.posts:
        for niche, terms in post.terms.items():
            if niche in counts:
                found = counts[niche]
                for term in set(terms) if len(terms) > 1 else terms:
                    found[term] = found.get(term, 0) + 1
    return counts


def _evidence(
    reading: Reading, niche: str, kept: Sequence[str], counts: Counter[str]
) -> tuple[str, ...]:
    found = [f"category: {label}" for label in reading.categories.get(niche, ())[:2]]
    for part, words in (("name", reading.name), ("bio", reading.bio), ("handle", reading.handle)):
        if niche in words.terms:
            found += [f'{part}: "{term}"' for term in dict.fromkeys(words.terms[niche])][:2]
    found += [f"{term} ×{n}" if term[0] == "#" else f'"{term}" ×{n}'
              for term, n in counts.most_common(3)]  # fmt: skip
    found += [f"via {child}" for child in kept if parent_of(child) == niche]
    return tuple(found[:6])


def classify_niches(content: CreatorContent) -> tuple[NicheScore, ...]:
    """The creator's niches, most certain first: at most ``MAX_NICHES``, each with a confidence
    of at least ``MIN_CONFIDENCE`` and the evidence that fired. Empty when nothing points to a
    niche (no posts, no bio, a plain handle)."""
    reading = read_content(content)
    confidences = niche_confidences(reading)
    ranked = sorted(
        ((n, c) for n, c in confidences.items() if c >= MIN_CONFIDENCE),
        key=lambda item: (-round(item[1], 6), BY_ID[item[0]].parent is None, item[0]),
    )
    kept: list[str] = []
    for niche, _ in ranked:
        wanted = [n for n in (niche, parent_of(niche)) if n and n not in kept]
        if len(kept) + len(wanted) <= MAX_NICHES:
            kept += wanted
    kept.sort(key=lambda n: -confidences[n])
    counts = _post_terms(reading, kept)
    return tuple(
        NicheScore(
            niche, round(confidences[niche], 3), _evidence(reading, niche, kept, counts[niche])
        )
        for niche in kept
    )
