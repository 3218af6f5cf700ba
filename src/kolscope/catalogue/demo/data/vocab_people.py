"""Words for synthetic people: nicknames, handle parts, display-name labels, credentials, bios.

The words live in ``words/people.toml`` beside this module, read once at import; the niche ids
and the weights (numbers, not words) stay here. Every per-niche table of the demo's word files
is read for the niches of NICHES, in that order. Every name is a common Thai nickname or an
invented combination; none names a real person.
"""

from __future__ import annotations

from importlib.resources import files
from typing import NamedTuple

from kolscope.text.word_files import WordFile

NICHES = (
    "beauty", "skincare", "fashion", "food", "travel", "fitness", "health", "it_gadgets",
    "finance", "parenting", "pets", "gaming", "home", "automotive", "education", "lifestyle",
)  # fmt: skip

# How common each niche is among Thai creators (relative weights, same order as NICHES).
NICHE_WEIGHTS = (10, 9, 8, 12, 8, 5, 4, 5, 4, 4, 5, 6, 3, 3, 3, 11)


class Nickname(NamedTuple):
    roman: str
    thai: str
    gender: str  # "f", "m" or "u" (either)


class NicheLabel(NamedTuple):
    thai: tuple[str, ...]  # short Thai labels for display names and bios
    english: tuple[str, ...]
    handle_words: tuple[str, ...]  # ASCII words that go into handles


class Credential(NamedTuple):
    thai: str
    english: str
    title_th: str  # prefix in a display name ("หมอ", "ครู"), "" when none is used
    title_en: str


def _nicknames(words: WordFile) -> tuple[Nickname, ...]:
    """[nicknames.f], [nicknames.m] and [nicknames.u]: romanised = Thai, in the file's order."""
    table = words.table("nicknames")
    found: list[Nickname] = []
    for gender in table.names():
        if gender not in ("f", "m", "u"):
            raise table.error(gender, "should be f, m or u (either)")
        found += (Nickname(roman, thai, gender) for roman, thai in table.mapping(gender).items())
    return tuple(found)


def _label(words: WordFile) -> NicheLabel:
    return NicheLabel(
        words.strings("thai"), words.strings("english"), words.strings("handle_words")
    )


def _credential(words: WordFile) -> Credential:
    return Credential(
        words.text("thai"),
        words.text("english"),
        words.text("title_th", blank=True),
        words.text("title_en", blank=True),
    )


_PEOPLE = WordFile(files("kolscope.catalogue.demo.data") / "words" / "people.toml")
_LABELS = _PEOPLE.table("niche_labels")
_CREDENTIALS = _PEOPLE.table("credentials")
_EMOJI = _PEOPLE.table("niche_emoji")
_TOPICS = _PEOPLE.table("topic_en")
_BIOS = _PEOPLE.table("bios")

NICKNAMES: tuple[Nickname, ...] = _nicknames(_PEOPLE)
NICHE_LABELS: dict[str, NicheLabel] = {niche: _label(_LABELS.table(niche)) for niche in NICHES}
CREDENTIALS: dict[str, tuple[Credential, ...]] = {
    niche: tuple(_credential(one) for one in _CREDENTIALS.tables(niche)) for niche in NICHES
}

# Short, ASCII city tags for handles, by province code.
CITY_TAGS: dict[str, str] = _PEOPLE.mapping("city_tags")

# Provinces creators live in: Bangkok and the big regional cities first.
PROVINCE_WEIGHTS: dict[str, float] = {
    "TH-10": 45, "TH-50": 7, "TH-20": 5, "TH-40": 4, "TH-12": 4, "TH-83": 3, "TH-90": 3,
    "TH-11": 3, "TH-13": 3, "TH-30": 3, "TH-41": 2, "TH-84": 2, "TH-57": 1.5, "TH-34": 1.5,
    "TH-21": 1.5, "TH-73": 1, "TH-65": 1, "TH-80": 1, "TH-81": 1, "TH-77": 1, "TH-14": 1,
}  # fmt: skip
OTHER_PROVINCES_WEIGHT = 8.0  # spread over every other province

HANDLE_PREFIXES: tuple[str, ...] = _PEOPLE.strings("handle_prefixes")

NICHE_EMOJI: dict[str, tuple[str, ...]] = {niche: _EMOJI.strings(niche) for niche in NICHES}
# The niche as a plain English noun, for sentences ("honest skincare reviews").
TOPIC_EN: dict[str, str] = {niche: _TOPICS.text(niche) for niche in NICHES}

BIO_TH: tuple[str, ...] = _BIOS.strings("th")
BIO_EN: tuple[str, ...] = _BIOS.strings("en")
BIO_KOL_TH: tuple[str, ...] = _BIOS.strings("kol_th")
BIO_KOL_EN: tuple[str, ...] = _BIOS.strings("kol_en")
BIO_KOC_TH: tuple[str, ...] = _BIOS.strings("koc_th")
BIO_KOC_EN: tuple[str, ...] = _BIOS.strings("koc_en")
BIO_EXTRA_TH: tuple[str, ...] = _PEOPLE.strings("bio_extra_th")
BIO_EXTRA_EN: tuple[str, ...] = _PEOPLE.strings("bio_extra_en")

# Parts of commenter handles ("ploy_1994", "nuttyy.b", "kwan2541").
COMMENTER_WORDS: tuple[str, ...] = _PEOPLE.strings("commenter_words")
