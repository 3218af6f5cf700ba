"""What creators in each niche post about: items, hashtags, expert facts, pros and cons.

The words live in ``words/niches.toml`` beside this module, read once at import (one table per
niche of NICHES). All text is written for this demo; product names are generic (no real brands).
"""

from __future__ import annotations

from importlib.resources import files
from typing import NamedTuple

from kolscope.catalogue.demo.data.vocab_people import NICHES
from kolscope.text.word_files import WordFile


class NicheWords(NamedTuple):
    items_th: tuple[str, ...]
    items_en: tuple[str, ...]
    tags_th: tuple[str, ...]
    tags_en: tuple[str, ...]
    facts_th: tuple[str, ...]  # expert, explanatory sentences with data (KOL captions)
    facts_en: tuple[str, ...]
    pros_th: tuple[str, ...]
    cons_th: tuple[str, ...]


def _niche_words(words: WordFile) -> NicheWords:
    return NicheWords(*(words.strings(field) for field in NicheWords._fields))


_NICHES = WordFile(files("kolscope.catalogue.demo.data") / "words" / "niches.toml")
_NICHE_TABLE = _NICHES.table("niche_words")

NICHE_WORDS: dict[str, NicheWords] = {
    niche: _niche_words(_NICHE_TABLE.table(niche)) for niche in NICHES
}

PROS_EN: tuple[str, ...] = _NICHES.strings("pros_en")
CONS_EN: tuple[str, ...] = _NICHES.strings("cons_en")

# Lifestyle/entertainment bits for general creators' captions.
ACTIVITIES_TH: tuple[str, ...] = _NICHES.strings("activities_th")
POV_TH: tuple[str, ...] = _NICHES.strings("pov_th")
POV_EN: tuple[str, ...] = _NICHES.strings("pov_en")
EMOJI: tuple[str, ...] = _NICHES.strings("emoji")
