"""How a creator sounds, and how a brand wants to sound, on the same four scales.

- loud: exclamation runs, letters stretched for effect (มากกกก), hype words, many emoji, less
  for calm and minimal words;
- formal: explanations, data, formal connectives (ดังนั้น, however), elegant words;
- humour: laughter (555, ถถถ, haha), jokes, memes, laughing emoji;
- emoji_rate: emoji per post, 5 or more counting as 1.

Each is 0..1, read as the share of posts that show it, so one loud post in twenty does not
make a loud creator.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from kolscope.discovery.scoring import lexicon as lx
from kolscope.discovery.scoring import tone_words as tw
from kolscope.discovery.scoring.content import CreatorContent
from kolscope.discovery.scoring.reading import PostReading, read_content

EMOJI_FULL = 5.0  # emoji per post that count as a full emoji rate
# How much each scale weighs when two tones are compared (tone_fit).
TONE_WEIGHTS = {"loud": 0.35, "formal": 0.25, "humour": 0.25, "emoji_rate": 0.15}


class Tone(NamedTuple):
    loud: float
    formal: float
    humour: float
    emoji_rate: float


def _clip(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 3)


def tone_of(content: CreatorContent) -> Tone:
    """The creator's tone from their posts (the bio when there are none). With no text at all
    every scale is 0: callers should treat content without posts as an unknown tone."""
    reading = read_content(content)
    posts = reading.posts
    if not posts:
        bio = reading.bio.markers
        return Tone(
            _clip(bio.get("loud", 0.0) * 0.5 - bio.get("calm", 0.0) * 0.3),
            _clip((bio.get("formal", 0.0) + bio.get("calm", 0.0) + bio.get("explain", 0.0)) / 2),
            _clip(bio.get("humour", 0.0) * 0.5),
            0.0,
        )
    n = len(posts)

    def share(test: Callable[[PostReading], object]) -> float:
        return sum(1 for p in posts if test(p)) / n

    loud = share(lambda p: p.markers.get("loud") or p.elongated or p.emoji >= 4)
    humour = share(lambda p: p.markers.get("humour") or p.humour_emoji)
    calm = share(lambda p: p.markers.get("calm"))
    formal = share(lambda p: p.markers.get("formal") or p.markers.get("explain"))
    data = share(lambda p: p.markers.get("data"))
    emoji = sum(min(p.emoji, EMOJI_FULL) for p in posts) / n / EMOJI_FULL
    return Tone(
        loud=_clip(loud + 0.3 * humour + 0.2 * emoji - 0.4 * calm),
        formal=_clip(0.7 * formal + 0.3 * data + 0.4 * calm - 0.4 * humour - 0.2 * loud),
        humour=_clip(1.2 * humour),
        emoji_rate=_clip(emoji),
    )


_WANTS = {
    name: re.compile(
        "|".join(
            re.escape(term) if not term.isascii() else rf"\b{re.escape(term)}\b"
            for term in sorted(lx.terms(text), key=len, reverse=True)
        )
    )
    for name, text in (
        ("loud", tw.WANT_LOUD), ("calm", tw.WANT_CALM), ("formal", tw.WANT_FORMAL),
        ("casual", tw.WANT_CASUAL), ("humour", tw.WANT_HUMOUR), ("emoji", tw.WANT_EMOJI),
        ("no_emoji", tw.WANT_NO_EMOJI),
    )
}  # fmt: skip


def tone_wanted(tone_notes: str | None) -> Tone | None:
    """The tone a brand's notes ask for ("Modern Thai textiles, minimal and elegant" -> calm
    and formal; "Fun, hungry, lots of emoji" -> loud, funny, emoji), or None when the notes say
    nothing about tone. Scales the notes do not name get a middle value that follows from the
    ones they do (a calm brand wants few emoji)."""
    if not tone_notes or not isinstance(tone_notes, str):
        return None
    text = tone_notes[:2_000].casefold()
    said = {name: len(pattern.findall(text)) for name, pattern in _WANTS.items()}
    if not any(said.values()):
        return None
    energy = said["loud"] - said["calm"]
    loud = 0.8 if energy > 0 else 0.15 if energy < 0 else 0.45
    if said["humour"]:
        humour = 0.8
    else:
        humour = 0.5 if energy > 0 else 0.1 if energy < 0 or said["formal"] else 0.3
    if said["formal"] and not said["casual"]:
        formal = 0.8
    elif said["formal"]:
        formal = 0.6
    else:
        formal = 0.7 if energy < 0 else 0.2 if energy > 0 or said["casual"] else 0.45
    if said["no_emoji"]:
        emoji = 0.0
    elif said["emoji"]:
        emoji = 0.8
    else:
        emoji = 0.6 if energy > 0 else 0.1 if energy < 0 else 0.3
    return Tone(loud, formal, humour, emoji)


def tone_fit(creator: Tone, wanted: Tone) -> float:
    """1 when the tones match on every scale, lower by the weighted distance (0..1)."""
    distance = sum(
        weight * abs(getattr(creator, name) - getattr(wanted, name))
        for name, weight in TONE_WEIGHTS.items()
    )
    return _clip(1.0 - distance)
