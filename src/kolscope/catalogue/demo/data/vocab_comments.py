"""Comment texts, written for this demo: what Thai audiences write under posts, and the spam and
bot texts the planted problems use.

The texts live in ``words/comments.toml`` beside this module, read once at import.
"""

from __future__ import annotations

from importlib.resources import files

from kolscope.catalogue.demo.data.vocab_people import NICHES
from kolscope.text.word_files import WordFile

_COMMENTS = WordFile(files("kolscope.catalogue.demo.data") / "words" / "comments.toml")
_ASKS = _COMMENTS.table("niche_asks")
_RINGS = _COMMENTS.tables("rings")

PURCHASE_TH: tuple[str, ...] = _COMMENTS.strings("purchase_th")
PURCHASE_EN: tuple[str, ...] = _COMMENTS.strings("purchase_en")
QUESTION_TH: tuple[str, ...] = _COMMENTS.strings("question_th")
# Questions only the audience of one niche asks (half of Thai purchase and other questions).
NICHE_ASKS: dict[str, tuple[str, ...]] = {niche: _ASKS.strings(niche) for niche in NICHES}
QUESTION_EN: tuple[str, ...] = _COMMENTS.strings("question_en")
PRAISE_TH: tuple[str, ...] = _COMMENTS.strings("praise_th")
PRAISE_EN: tuple[str, ...] = _COMMENTS.strings("praise_en")
COMPLAINT_TH: tuple[str, ...] = _COMMENTS.strings("complaint_th")
COMPLAINT_EN: tuple[str, ...] = _COMMENTS.strings("complaint_en")
CHATTER_TH: tuple[str, ...] = _COMMENTS.strings("chatter_th")
CHATTER_EN: tuple[str, ...] = _COMMENTS.strings("chatter_en")
EMOJI_ONLY: tuple[str, ...] = _COMMENTS.strings("emoji_only")
STICKER: str = _COMMENTS.text("sticker")
GENERIC_TH: tuple[str, ...] = _COMMENTS.strings("generic_th")
GENERIC_EN: tuple[str, ...] = _COMMENTS.strings("generic_en")
LOOSE_SPAM: tuple[str, ...] = _COMMENTS.strings("loose_spam")

# Praise pod members leave on each other's posts within minutes.
POD_TEXTS: tuple[str, ...] = _COMMENTS.strings("pod_texts")

# Spam rings: the texts each ring posts in near-identical copies ({id} is the ring's LINE ID),
# and the stems of its handles (one [[rings]] table each).
RING_TEXTS: tuple[tuple[str, ...], ...] = tuple(ring.strings("texts") for ring in _RINGS)
RING_HANDLE_STEMS: tuple[tuple[str, ...], ...] = tuple(
    ring.strings("handle_stems") for ring in _RINGS
)
RING_LINE_IDS: tuple[str, ...] = _COMMENTS.strings("ring_line_ids")
RING_SUFFIXES: tuple[str, ...] = _COMMENTS.strings("ring_suffixes", blank=True)  # "": none

# Bought engagement: the same few emoji, stickers and words, again and again.
BOT_TEXTS: tuple[str, ...] = _COMMENTS.strings("bot_texts")
