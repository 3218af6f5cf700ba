"""Discovery search benchmark: 1,000,000 creators, realistic searches, SQLite and PostgreSQL.

It builds a fresh workspace per database (SQLite in /tmp; PostgreSQL in a throw-away schema
of the test database, dropped afterwards) and writes the search index straight into its
tables: creators, accounts (Thai/English bios), creator_profiles (every column, the float16
lookalike vector and the pre-tokenised search text), account_niches, account_terms (hashtags,
mentions of friends and brands with unsponsored counts), audits for a share of the accounts,
and SQLite's FTS5 table. The data are synthetic and seeded: phrases are made from niche word
lists and tokenised once (``search_words``), so a document is exactly what
``analysis.search_text.document`` makes of the same bio, captions and hashtags.

Then it times a fixed, seeded set of searches end to end through ``DiscoveryService.search``
(the store's indexed queries, the capped count, the reasons), about 30 per class:

- filters: platform, niche, tier, country/province, minimum engagement, type; by followers;
- keyword: a Thai or English phrase (full-text index) with a niche or platform filter;
- hashtag: one hashtag, sometimes with a platform;
- fans: accounts naming a brand unsponsored, ranked by the fan score;
- lookalikes: "more like PLATFORM:HANDLE" (candidates by niche and 0.1x-10x followers, then
  the profile vectors' dot products).

Beside it, in the same run and on the same data: a naive full scan per search - read every
row of creator_profiles (and the documents or terms the search needs), filter, sort and score
in Python - for a few searches per class, checked to find the same accounts.

Results: bench/results/search.json. Targets (2 cores): filters + keyword p95 <= 100 ms on
SQLite, lookalikes p95 <= 300 ms.

PostgreSQL runs in a fresh schema of $KOLSCOPE_TEST_POSTGRES_URL (the tests' database) and is
skipped when that is not reachable. ``--schema both`` also runs every database with the index
changes this benchmark proposes (PROPOSED_SQLITE, PROPOSED_POSTGRES below), for comparison.

Run: make bench (or .venv/bin/python bench/bench_search.py [--creators 1000000]
[--databases sqlite,postgresql] [--naive 4] [--schema migrated|proposed|both])
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import math
import os
import platform as platform_module
import shutil
import sqlite3
import statistics
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

RESULTS = Path(__file__).parent / "results"
SEED = 6
TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
CHUNK = 50_000
POSTGRES_URL = os.environ.get(
    "KOLSCOPE_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test"
)
TARGETS_MS = {"filters": 100.0, "keyword": 100.0, "lookalikes": 300.0}

# Vocabulary --------------------------------------------------------------------------------------

NICHES = (
    "beauty", "skincare", "makeup", "fashion", "food", "restaurants", "travel", "fitness",
    "health", "it_gadgets", "gaming", "finance", "business", "parenting", "pets", "home",
    "automotive", "education", "entertainment", "comedy", "music", "sports", "art", "news",
    "lifestyle",
)  # fmt: skip
# How common each niche is as an account's main niche.
NICHE_WEIGHTS = (
    8, 7, 4, 7, 10, 5, 6, 4, 3, 4, 4, 2, 2, 3, 3, 3, 2, 2, 5, 3, 3, 2, 2, 1, 5,
)  # fmt: skip
PARENTS = {"makeup": "beauty", "restaurants": "food", "comedy": "entertainment"}
RELATED = {
    "beauty": ("skincare", "makeup", "fashion"), "skincare": ("beauty", "makeup", "health"),
    "makeup": ("beauty", "skincare"), "fashion": ("beauty", "lifestyle", "travel"),
    "food": ("restaurants", "travel", "lifestyle"), "restaurants": ("food", "travel"),
    "travel": ("food", "lifestyle", "art"), "fitness": ("health", "sports"),
    "health": ("fitness", "skincare", "parenting"), "it_gadgets": ("gaming", "education"),
    "gaming": ("it_gadgets", "entertainment"), "finance": ("business", "education"),
    "business": ("finance", "education"), "parenting": ("home", "food", "health"),
    "pets": ("lifestyle", "home"), "home": ("lifestyle", "parenting"),
    "automotive": ("it_gadgets", "travel"), "education": ("finance", "it_gadgets"),
    "entertainment": ("comedy", "music"), "comedy": ("entertainment",),
    "music": ("entertainment", "art"), "sports": ("fitness", "health"),
    "art": ("lifestyle", "fashion"), "news": ("business", "finance"),
    "lifestyle": ("fashion", "food", "travel", "home"),
}  # fmt: skip
# Per niche: Thai words, English words, hashtags.
WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "beauty": (("บิวตี้", "เครื่องสำอาง", "ความสวย", "น้ำหอม", "ทำเล็บ"),
               ("beauty", "perfume", "nails"),
               ("beauty", "รีวิวบิวตี้", "beautyblogger", "บิวตี้", "ป้ายยาบิวตี้", "nails")),
    "skincare": (("ครีมกันแดด", "เซรั่ม", "สกินแคร์", "ผิวแพ้ง่าย", "รักษาสิว", "มอยส์เจอไรเซอร์"),
                 ("skincare", "sunscreen", "serum"),
                 ("skincaretips", "skincareroutine", "รีวิวสกินแคร์", "ครีมกันแดด", "sunscreen",
                  "ผิวใส")),
    "makeup": (("แต่งหน้า", "รองพื้น", "อายแชโดว์", "ลิปสติก", "บลัชออน"),
               ("makeup", "lipstick", "foundation"),
               ("makeup", "makeuptutorial", "แต่งหน้า", "ลิปสติก", "รีวิวบิวตี้", "motd")),
    "fashion": (("แฟชั่น", "แต่งตัว", "เสื้อผ้า", "กระเป๋า", "รองเท้า"),
                ("fashion", "outfit", "streetstyle"),
                ("fashion", "ootd", "แต่งตัว", "outfitideas", "แฟชั่น", "streetstyle")),
    "food": (("อาหาร", "ก๋วยเตี๋ยว", "สตรีทฟู้ด", "ของกิน", "ส้มตำ", "ขนมไทย"),
             ("food", "streetfood", "noodles"),
             ("foodie", "อร่อยบอกต่อ", "streetfood", "ของกิน", "ก๋วยเตี๋ยว", "thaifood")),
    "restaurants": (("ร้านอาหาร", "คาเฟ่", "บุฟเฟ่ต์", "โอมากาเสะ", "หมูกระทะ"),
                    ("cafe", "restaurant", "buffet"),
                    ("cafehopping", "คาเฟ่", "ร้านอาหาร", "bangkokcafe", "รีวิวร้านอาหาร",
                     "บุฟเฟ่ต์")),
    "travel": (("ท่องเที่ยว", "ที่เที่ยว", "ทะเล", "ภูเขา", "โรงแรม", "แคมป์ปิ้ง"),
               ("travel", "hotel", "beach"),
               ("travel", "เที่ยวไทย", "amazingthailand", "ที่เที่ยว", "travelgram", "ทะเล")),
    "fitness": (("ฟิตเนส", "ออกกำลังกาย", "ลดน้ำหนัก", "เวทเทรนนิ่ง", "วิ่ง"),
                ("fitness", "workout", "gym"),
                ("fitness", "workout", "ออกกำลังกาย", "ลดน้ำหนัก", "gymlife", "fitspo")),
    "health": (("สุขภาพ", "อาหารเสริม", "นอนหลับ", "โยคะ", "วิตามิน"),
               ("health", "wellness", "yoga"),
               ("health", "สุขภาพดี", "wellness", "yoga", "วิตามิน", "healthyfood")),
    "it_gadgets": (("มือถือ", "แกดเจ็ต", "โน้ตบุ๊ก", "หูฟัง", "สมาร์ทโฟน"),
                   ("gadget", "smartphone", "laptop"),
                   ("gadget", "tech", "รีวิวมือถือ", "แกดเจ็ต", "smartphone", "unboxing")),
    "gaming": (("เกม", "เกมมือถือ", "สตรีมเกม", "อีสปอร์ต"),
               ("gaming", "esports", "streamer"),
               ("gaming", "gamer", "เกมมือถือ", "esports", "rov", "สตรีมเกม")),
    "finance": (("การเงิน", "ลงทุน", "หุ้น", "ออมเงิน", "กองทุน"),
                ("finance", "investing", "stocks"),
                ("การเงิน", "ลงทุน", "หุ้น", "investing", "ออมเงิน", "personalfinance")),
    "business": (("ธุรกิจ", "ขายของออนไลน์", "การตลาด", "สตาร์ทอัพ"),
                 ("business", "marketing", "startup"),
                 ("business", "ธุรกิจ", "marketing", "ขายของออนไลน์", "startup", "sme")),
    "parenting": (("แม่และเด็ก", "ลูกน้อย", "คุณแม่", "ของใช้เด็ก", "เลี้ยงลูก"),
                  ("parenting", "baby", "momlife"),
                  ("momlife", "แม่และเด็ก", "เลี้ยงลูก", "baby", "คุณแม่มือใหม่", "parenting")),
    "pets": (("แมว", "หมา", "สัตว์เลี้ยง", "ทาสแมว"),
             ("cat", "dog", "pets"),
             ("catsofinstagram", "ทาสแมว", "แมว", "dogsofinstagram", "หมา", "pets")),
    "home": (("บ้าน", "แต่งบ้าน", "คอนโด", "ของใช้ในบ้าน", "ต้นไม้"),
             ("home", "interior", "decor"),
             ("homedecor", "แต่งบ้าน", "interior", "คอนโด", "บ้านสวย", "plantlover")),
    "automotive": (("รถยนต์", "มอเตอร์ไซค์", "รถไฟฟ้า", "ขับรถ"),
                   ("car", "motorbike", "ev"),
                   ("car", "รถยนต์", "ev", "รีวิวรถ", "motorbike", "carlover")),
    "education": (("การศึกษา", "ภาษาอังกฤษ", "ติวสอบ", "เรียนต่อ"),
                  ("education", "english", "study"),
                  ("education", "ภาษาอังกฤษ", "studygram", "ติวสอบ", "เรียนต่อต่างประเทศ",
                   "english")),
    "entertainment": (("บันเทิง", "ซีรีส์", "ดารา", "หนังใหม่"),
                      ("entertainment", "series", "movies"),
                      ("entertainment", "ซีรีส์", "บันเทิง", "netflix", "หนังใหม่", "ดารา")),
    "comedy": (("ตลก", "ขำขัน", "มุกตลก", "คลิปตลก"),
               ("comedy", "funny", "skit"),
               ("comedy", "ตลก", "funny", "คลิปตลก", "ขำๆ", "meme")),
    "music": (("ดนตรี", "เพลง", "คัฟเวอร์", "กีตาร์", "ร้องเพลง"),
              ("music", "cover", "guitar"),
              ("music", "เพลง", "cover", "ร้องเพลง", "guitar", "เพลงไทย")),
    "sports": (("กีฬา", "ฟุตบอล", "แบดมินตัน", "มวยไทย"),
               ("sports", "football", "muaythai"),
               ("sports", "ฟุตบอล", "football", "มวยไทย", "badminton", "กีฬา")),
    "art": (("ศิลปะ", "วาดรูป", "ภาพวาด", "งานฝีมือ"),
            ("art", "illustration", "drawing"),
            ("art", "วาดรูป", "illustration", "ศิลปะ", "drawing", "artist")),
    "news": (("ข่าว", "การเมือง", "เศรษฐกิจ", "ข่าวด่วน"),
             ("news", "politics", "economy"),
             ("news", "ข่าว", "ข่าวด่วน", "เศรษฐกิจ", "politics", "thainews")),
    "lifestyle": (("ไลฟ์สไตล์", "ชีวิตประจำวัน", "วล็อก", "มินิมอล"),
                  ("lifestyle", "vlog", "dailylife"),
                  ("lifestyle", "vlog", "ไลฟ์สไตล์", "dailyvlog", "มินิมอล", "ชีวิตประจำวัน")),
}  # fmt: skip
HANDLE_TAGS = {
    "it_gadgets": "tech", "restaurants": "eats", "food": "food", "entertainment": "ent",
}  # fmt: skip
TH_BIO = (
    "รีวิว{kw}ทุกวัน",
    "สาย{kw}ตัวจริง",
    "แชร์เรื่อง{kw}แบบจริงใจ",
    "ชอบ{kw}มาก",
    "{kw}และ{kw2}",
    "คนรัก{kw}",
    "ป้ายยา{kw}ที่ใช้จริง",
    "เล่าเรื่อง{kw}สนุกๆ",
)
TH_CAPTION = (
    "วันนี้มารีวิว{kw}",
    "ป้ายยา{kw}ที่ใช้จริงไม่ได้รับสปอนเซอร์",
    "{kw}ที่ชอบที่สุดตอนนี้",
    "ลอง{kw}ครั้งแรกรู้สึกดีมาก",
    "สรุป{kw} 5 อย่างที่ต้องรู้",
    "{kw}กับ{kw2}เลือกอะไรดี",
    "พาไปดู{kw}ที่เชียงใหม่",
    "แจกของรางวัลสาย{kw} กดติดตามเลย",
)
EN_BIO = ("{kw} lover", "daily {kw} reviews", "{kw} creator based in bangkok", "all about {kw}")
EN_CAPTION = ("my {kw} routine", "honest {kw} review", "{kw} haul this week", "best {kw} in town")
TH_GENERIC = (
    "อยู่กรุงเทพ",
    "สาวเชียงใหม่",
    "คนขอนแก่น",
    "ติดต่องานทางไลน์",
    "ยินดีที่ได้รู้จัก",
    "ใช้ชีวิตให้สนุก",
    "แม่ค้าออนไลน์",
    "นักศึกษา",
)
GENERIC_TAGS = ("fyp", "รีวิว", "ป้ายยา", "bangkok", "thailand", "tiktokthailand", "viral", "ไทย")
NAMES_TH = ("น้องพิม", "พี่มายด์", "เจ๊ต่าย", "น้ำหวาน", "ต้นข้าว", "ใบเตย", "ฟ้าใส", "หมูแดง")
NAMES_LATIN = (
    "pim", "mild", "ploy", "bank", "aom", "nut", "fern", "earth", "mint", "beam", "toey", "jane",
    "gift", "ice", "praew", "boss", "film", "nam", "kwan", "tan",
)  # fmt: skip
PLATFORMS = ("instagram", "tiktok", "youtube", "facebook", "x", "lemon8")
PLATFORM_WEIGHTS = (0.34, 0.3, 0.1, 0.19, 0.04, 0.03)
PROVINCES = ("TH-10", "TH-50", "TH-83", "TH-40", "TH-20", "TH-90", "TH-30", "TH-12", "TH-11")
PROVINCE_WEIGHTS = (0.45, 0.12, 0.06, 0.07, 0.08, 0.05, 0.06, 0.06, 0.05)
OTHER_COUNTRIES = ("US", "JP", "KR", "SG", "MY", "VN", "GB", "LA")
LANGUAGES = ("th", "mixed", "en", "none")
LANGUAGE_WEIGHTS = (0.7, 0.2, 0.08, 0.02)
# Fictional brands: name, niche, handle, hashtag, share of the niche's accounts naming it.
BRANDS = (
    ("Sabai Sun", "skincare", "sabaisun.th", "sabaisun", 0.08),
    ("Lotus Glow", "beauty", "lotusglow", "lotusglowth", 0.05),
    ("Mae Noi Noodles", "food", "maenoinoodle", "ก๋วยเตี๋ยวแม่น้อย", 0.04),
    ("Siam Brew", "restaurants", "siambrew", "siambrewcoffee", 0.06),
    ("Dee Travel", "travel", "deetravel.th", "เที่ยวกับดี", 0.03),
    ("FitThai", "fitness", "fitthaigym", "fitthai", 0.05),
    ("Phone Siam", "it_gadgets", "phonesiam", "phonesiam", 0.04),
    ("Baan Suay", "home", "baansuay.home", "บ้านสวยกับบ้านสวย", 0.02),
    ("Meow Meow", "pets", "meowmeowfood", "meowmeowth", 0.07),
    ("Kao Finance", "finance", "kaofinance", "ออมกับเก้า", 0.03),
    ("Speed Motor", "automotive", "speedmotor.th", "speedmotor", 0.03),
    ("Little Star", "parenting", "littlestarbaby", "littlestar", 0.05),
)
FACTS = (
    {"type_reasons": ["large following and verified"], "type_signals": {"followers": 1.0}},
    {"type_reasons": ["reviews products they bought"], "type_signals": {"reviews": 0.6}},
    {"type_reasons": ["posts regularly to a mid-size audience"], "type_signals": {"cadence": 0.5}},
)
TONES = (
    {"formality": 0.2, "humour": 0.6, "positivity": 0.8, "thai_share": 0.9},
    {"formality": 0.6, "humour": 0.1, "positivity": 0.6, "thai_share": 0.5},
    {"formality": 0.4, "humour": 0.3, "positivity": 0.7, "thai_share": 0.8},
)


@dataclass
class Phrases:
    """Text pieces made once: each phrase as written and as the search index keeps it."""

    text: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the phrase's search words, space separated
    slots: list[NDArray[np.float32]] = field(default_factory=list)  # content slots (lookalike)

    def add(self, text: str) -> int:
        from kolscope.analysis.lookalike import _STOP, CONTENT_SLOTS, _slot
        from kolscope.analysis.search_text import search_words

        words = search_words(text)
        self.text.append(text)
        self.words.append(" ".join(words))
        slots = np.zeros(CONTENT_SLOTS, dtype=np.float32)
        for word in set(words):
            if len(word) > 1 and word not in _STOP and not word.isdigit():
                slots[_slot(word)] += 1.0
        self.slots.append(slots)
        return len(self.text) - 1


@dataclass
class Vocabulary:
    phrases: Phrases
    th_bios: list[list[int]]  # per niche index: phrase ids
    en_bios: list[list[int]]
    th_captions: list[list[int]]
    en_captions: list[list[int]]
    generic: list[int]
    tags: list[list[str]]  # per niche: hashtag keys
    tag_words: dict[str, str]
    names: list[int]
    categories: list[str]  # per niche: the category label's search words
    slot_matrix: NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, np.float32))


def _fill(template: str, words: Sequence[str], index: int) -> str:
    return template.format(kw=words[index % len(words)], kw2=words[(index + 1) % len(words)])


def build_vocabulary() -> Vocabulary:
    from kolscope.analysis.search_text import search_words

    phrases = Phrases()
    th_bios, en_bios, th_caps, en_caps, tags = [], [], [], [], []
    for niche in NICHES:
        thai, english, hashtags = WORDS[niche]
        th_bios.append([phrases.add(_fill(t, thai, i)) for t in TH_BIO for i in range(len(thai))])
        th_caps.append(
            [phrases.add(_fill(t, thai, i)) for t in TH_CAPTION for i in range(len(thai))]
        )
        en_bios.append([phrases.add(_fill(t, english, i)) for t in EN_BIO for i in range(3)])
        en_caps.append([phrases.add(_fill(t, english, i)) for t in EN_CAPTION for i in range(3)])
        tags.append([_tag_key(h) for h in hashtags])
    generic = [phrases.add(text) for text in TH_GENERIC]
    names = [phrases.add(text) for text in NAMES_TH]
    every_tag = {tag for group in tags for tag in group} | {_tag_key(t) for t in GENERIC_TAGS}
    every_tag |= {_tag_key(b[3]) for b in BRANDS}
    tag_words = {tag: " ".join(search_words(tag)) for tag in every_tag}
    categories = [" ".join(search_words(n.replace("_", " "))) for n in NICHES]
    vocabulary = Vocabulary(
        phrases, th_bios, en_bios, th_caps, en_caps, generic, tags, tag_words, names, categories
    )
    from kolscope.analysis.lookalike import CONTENT_SLOTS

    vocabulary.slot_matrix = np.vstack([*phrases.slots, np.zeros(CONTENT_SLOTS, np.float32)])
    return vocabulary


def _tag_key(text: str) -> str:
    from kolscope.analysis.search_text import hashtag_key

    return hashtag_key(text)


# Generator ---------------------------------------------------------------------------------------


@dataclass
class Chunk:
    """Rows for ``size`` accounts, as the loaders write them (values in the database's form)."""

    creators: list[tuple[Any, ...]]
    accounts: list[tuple[Any, ...]]
    profiles: list[tuple[Any, ...]]
    niches: list[tuple[Any, ...]]
    terms: list[tuple[Any, ...]]
    audits: list[tuple[Any, ...]]
    documents: list[tuple[int, str]]


class Values:
    """Dates, stamps, booleans and blobs as each database's loader takes them."""

    def __init__(self, sqlite: bool) -> None:
        self.sqlite = sqlite
        days = [TODAY - timedelta(days=d) for d in range(1200)]
        if sqlite:
            self.days: list[Any] = [d.isoformat() for d in days]
            self.stamps: list[Any] = [
                f"{d.isoformat()} 09:00:00.000000" for d in days
            ]  # SQLAlchemy's SQLite format
            self.now: Any = NOW.strftime("%Y-%m-%d %H:%M:%S.000000")
        else:
            self.days = days
            self.stamps = [datetime(d.year, d.month, d.day, 9, tzinfo=UTC) for d in days]
            self.now = NOW

    def flag(self, value: bool | None) -> Any:
        if value is None:
            return None
        return int(value) if self.sqlite else bool(value)


def _vectors(
    niche_conf: NDArray[np.float32],
    content_ids: NDArray[np.int64],
    audience: NDArray[np.float32],
    vocabulary: Vocabulary,
) -> NDArray[np.float32]:
    """The lookalike vectors of a chunk, built as ``lookalike.profile_vector`` builds them."""
    from kolscope.analysis.lookalike import BLOCKS, SIZE, WEIGHTS

    def unit(block: NDArray[np.float32]) -> NDArray[np.float32]:
        norms = np.linalg.norm(block, axis=1, keepdims=True)
        return np.divide(block, norms, out=np.zeros_like(block), where=norms > 0)

    content = np.log1p(vocabulary.slot_matrix[content_ids].sum(axis=1))
    vectors = np.zeros((len(niche_conf), SIZE), dtype=np.float32)
    for name, block in (("niche", niche_conf), ("content", content), ("audience", audience)):
        vectors[:, BLOCKS[name]] = unit(block.astype(np.float32)) * math.sqrt(WEIGHTS[name])
    return vectors


def make_chunk(
    rng: np.random.Generator, first: int, size: int, vocabulary: Vocabulary, values: Values
) -> Chunk:
    """Accounts ``first`` .. ``first + size - 1`` (ids; one creator each)."""
    from kolscope.analysis.discovery.taxonomy import NICHE_IDS
    from kolscope.analysis.lookalike import NICHE_SLOTS

    ids = np.arange(first, first + size)
    platform = rng.choice(len(PLATFORMS), size, p=PLATFORM_WEIGHTS)
    followers = np.clip(np.round(rng.lognormal(np.log(6_000), 1.7, size)), 50, 60_000_000)
    followers = followers.astype(np.int64)
    weights = np.array(NICHE_WEIGHTS, dtype=np.float64)
    main = rng.choice(len(NICHES), size, p=weights / weights.sum())
    extra = rng.choice(3, size, p=(0.35, 0.45, 0.2))  # further niches beside the main one
    pick = rng.random((size, 2))
    main_conf = rng.uniform(0.55, 0.98, size)
    other_conf = rng.uniform(0.25, 0.6, (size, 2))
    thai = rng.random(size) < 0.92
    province = rng.choice(len(PROVINCES), size, p=PROVINCE_WEIGHTS)
    no_province = rng.random(size) < 0.08
    country = rng.choice(len(OTHER_COUNTRIES), size)
    language = rng.choice(len(LANGUAGES), size, p=LANGUAGE_WEIGHTS)
    verified = np.where(followers > 300_000, rng.random(size) < 0.5, rng.random(size) < 0.01)
    big = followers >= 100_000
    kind_draw = rng.random(size)
    type_conf = rng.uniform(0.5, 0.95, size)
    rate = np.clip(rng.lognormal(np.log(3.0), 0.6, size) * (followers / 1e4) ** -0.15, 0.02, 40.0)
    rate_missing = rng.random(size) < 0.03
    active = np.where(
        rng.random(size) < 0.85, rng.exponential(20, size), rng.uniform(60, 1000, size)
    ).astype(np.int64)
    per_follower = np.array([0.12, 0.08, 0.2, 0.06, 0.05, 0.1])[platform]
    price_low = np.round(followers * per_follower * rng.uniform(0.7, 1.0, size), -2) + 500
    no_price = rng.random(size) < 0.05
    contact = rng.random(size) < 0.35
    has_audience = rng.random(size) < 0.6
    female = np.clip(rng.beta(2, 2, size), 0, 1)
    ages = rng.dirichlet(np.ones(7) * 1.5, size)
    thai_share = rng.uniform(0.6, 0.98, size)
    bangkok_share = thai_share * rng.uniform(0.2, 0.6, size)
    audited = rng.random(size) < 0.4
    score = np.round(rng.beta(5, 2, size) * 100, 1)
    bio_count = rng.integers(1, 3, size)
    generic_bio = rng.random(size) < 0.4
    phrase_draw = rng.integers(0, 1 << 30, (size, 6))
    tag_count = rng.integers(5, 11, size)
    tag_draw = rng.integers(0, 1 << 30, (size, 10))
    tag_posts = rng.integers(1, 13, (size, 10))
    tag_days = rng.integers(0, 365, (size, 10))
    friends = rng.integers(0, 3, size)
    friend_ids = rng.integers(1, 50_000, (size, 2))
    brand_draw = rng.random((size, len(BRANDS)))
    brand_posts = rng.integers(1, 9, (size, len(BRANDS)))
    brand_sponsored = rng.random((size, len(BRANDS)))
    brand_days = rng.integers(0, 720, (size, len(BRANDS)))
    name_draw = rng.integers(0, 1 << 30, (size, 2))

    niche_conf = np.zeros((size, NICHE_SLOTS), dtype=np.float32)
    slot_of = {n: NICHE_IDS.index(n) for n in NICHES}
    no_phrase = len(vocabulary.phrases.text)
    content_ids = np.full((size, 5), no_phrase, dtype=np.int64)
    audience = np.zeros((size, 12), dtype=np.float32)
    audience[:, 0] = female
    audience[:, 1] = 1 - female
    audience[:, 2:9] = ages
    audience[:, 9] = thai_share
    audience[:, 10] = bangkok_share
    audience[:, 11] = thai_share - bangkok_share
    audience[~has_audience] = 0

    chunk = Chunk([], [], [], [], [], [], [])
    words = vocabulary.phrases.words
    texts = vocabulary.phrases.text
    term_id = first * 40  # at most 36 terms an account: ids never meet the next chunk's
    for i in range(size):
        account_id = int(ids[i])
        n = int(main[i])
        niche = NICHES[n]
        chosen = [(niche, float(main_conf[i]))]
        related = RELATED[niche]
        for k in range(int(extra[i])):
            other = (
                related[int(pick[i, k] * len(related))]
                if pick[i, k] < 0.8
                else NICHES[int(pick[i, k] * 1000) % len(NICHES)]
            )
            if all(other != c[0] for c in chosen):
                chosen.append((other, float(other_conf[i, k])))
        parent = PARENTS.get(niche)
        if parent and all(parent != c[0] for c in chosen):
            chosen.insert(1, (parent, float(main_conf[i]) * 0.9))
        chosen = chosen[:3]
        for name, conf in chosen:
            niche_conf[i, slot_of[name]] = conf
        second = NICHES.index(chosen[1][0]) if len(chosen) > 1 else n
        lang = LANGUAGES[int(language[i])]
        draw = phrase_draw[i]
        bio_ids: list[int] = []
        if lang in ("th", "mixed"):
            pool = vocabulary.th_bios[n]
            bio_ids.append(pool[int(draw[0]) % len(pool)])
            if bio_count[i] > 1:
                pool = vocabulary.th_bios[second]
                bio_ids.append(pool[int(draw[1]) % len(pool)])
        if lang in ("en", "mixed"):
            pool = vocabulary.en_bios[n]
            bio_ids.append(pool[int(draw[2]) % len(pool)])
        if generic_bio[i] or not bio_ids:
            bio_ids.append(vocabulary.generic[int(draw[3]) % len(vocabulary.generic)])
        captions = vocabulary.en_captions if lang == "en" else vocabulary.th_captions
        caption_ids = [
            captions[n][int(draw[4]) % len(captions[n])],
            captions[second][int(draw[5]) % len(captions[second])],
        ]
        content_ids[i, : min(len(bio_ids), 3)] = bio_ids[:3]
        content_ids[i, 3:5] = caption_ids
        bio = " ".join(texts[b] for b in bio_ids)
        latin = NAMES_LATIN[int(name_draw[i, 0]) % len(NAMES_LATIN)]
        handle = f"{latin}.{HANDLE_TAGS.get(niche, niche)}{account_id}"
        use_thai_name = lang != "en" and name_draw[i, 1] % 2 == 0
        name_id = vocabulary.names[int(name_draw[i, 1]) % len(vocabulary.names)]
        display = texts[name_id] if use_thai_name else latin.title()
        display_words = words[name_id] if use_thai_name else latin
        # hashtags: mostly the main niche's, some of the second niche's, some generic
        own, other_tags = vocabulary.tags[n], vocabulary.tags[second]
        tags: list[str] = []
        for k in range(int(tag_count[i])):
            d = int(tag_draw[i, k])
            source = (own, own, other_tags, GENERIC_TAGS)[d % 4]
            tag = source[(d >> 2) % len(source)]
            tag = _tag_key(tag) if source is GENERIC_TAGS else tag
            if tag not in tags:
                tags.append(tag)
        tag_words = [vocabulary.tag_words[t] for t in tags]
        half = len(tag_words) // 2
        document = " ".join(
            [
                display_words,
                latin,
                f"{HANDLE_TAGS.get(niche, niche)}{account_id}",
                *(words[b] for b in bio_ids),
                vocabulary.categories[n],
                words[caption_ids[0]],
                *tag_words[:half],
                words[caption_ids[1]],
                *tag_words[half:],
            ]
        )
        for k, tag in enumerate(tags):
            posts = int(tag_posts[i, k])
            chunk.terms.append(
                (term_id, account_id, "tag", tag, posts, posts, values.stamps[int(tag_days[i, k])])
            )
            term_id += 1
        friends_here = {
            f"{NAMES_LATIN[int(f) % 20]}.friend{int(f)}" for f in friend_ids[i, : int(friends[i])]
        }
        for friend in sorted(friends_here):
            chunk.terms.append((term_id, account_id, "mention", friend, 1, 1, values.stamps[3]))
            term_id += 1
        names_here = {c[0] for c in chosen}
        for b, (_, brand_niche, brand_handle, brand_tag, share) in enumerate(BRANDS):
            chance = share if brand_niche in names_here else 0.002
            if brand_draw[i, b] >= chance:
                continue
            posts = int(brand_posts[i, b])
            unsponsored = posts if brand_sponsored[i, b] < 0.6 else int(posts * 0.3)
            last = values.stamps[int(brand_days[i, b])]
            chunk.terms.append(
                (term_id, account_id, "mention", brand_handle, posts, unsponsored, last)
            )
            term_id += 1
            if brand_sponsored[i, b] < 0.5 and _tag_key(brand_tag) not in tags:
                chunk.terms.append(
                    (term_id, account_id, "tag", _tag_key(brand_tag), posts, unsponsored, last)
                )
                term_id += 1
        is_th = bool(thai[i])
        where = "TH" if is_th else OTHER_COUNTRIES[int(country[i])]
        prov = PROVINCES[int(province[i])] if is_th and not no_province[i] else None
        follower_count = int(followers[i])
        if big[i]:
            kind = "kol" if kind_draw[i] < 0.8 else "creator"
        elif follower_count < 10_000:
            kind = "koc" if kind_draw[i] < 0.6 else "creator"
        else:
            kind = ("kol", "koc", "creator")[int(kind_draw[i] * 3)]
        languages = json.dumps(
            [] if lang == "none" else (["th", "en"] if lang == "mixed" else [lang])
        )
        seen = values.days[min(int(active[i]), 1199)]
        verified_flag = values.flag(bool(verified[i]))
        chunk.creators.append(
            (account_id, display, None, where, prov, languages, values.now, values.now)
        )
        chunk.accounts.append(
            (
                account_id, account_id, PLATFORMS[int(platform[i])], handle, handle.lower(),
                display, bio, json.dumps([NICHES[n].replace("_", " ").title()]), where, prov,
                languages, verified_flag, None,
                f"line: {latin}{account_id}" if contact[i] else None,
                values.flag(True), values.flag(False), follower_count, follower_count // 20,
                int(active[i] % 900) + 10, values.days[0], "TH" if is_th else where,
                values.days[400], values.days[0], values.now, values.now,
            )
        )  # fmt: skip
        niches_json = json.dumps(
            [
                {"niche": c[0], "confidence": round(c[1], 3), "evidence": [_evidence(c[0])]}
                for c in chosen
            ],
            ensure_ascii=False,
        )
        low = None if no_price[i] else int(price_low[i])
        facts = dict(FACTS[(0 if kind == "kol" else 1 if kind == "koc" else 2)])
        facts["tone"] = TONES[account_id % 3]
        facts["price_basis"] = "followers and engagement"
        facts["posts_read"] = 12
        facts["sponsored_posts"] = account_id % 4
        chunk.profiles.append(
            (
                account_id, PLATFORMS[int(platform[i])], follower_count, where, prov, lang,
                verified_flag, values.flag(bool(contact[i])),
                None if rate_missing[i] else round(float(rate[i]), 4),
                None if active[i] > 1100 else seen, low, None if low is None else low * 2,
                niche, niches_json, kind, round(float(type_conf[i]), 3), json.dumps(facts),
                None, None if values.sqlite else document, values.now, None,
            )
        )  # fmt: skip
        chunk.niches.extend(
            (c[0], account_id, round(c[1], 3), follower_count, PLATFORMS[int(platform[i])])
            for c in chosen
        )
        if audited[i]:
            s = float(score[i])
            verdict = "good" if s >= 70 else "caution" if s >= 40 else "risk"
            chunk.audits.append(
                (
                    account_id, account_id, values.now, s, verdict, "medium", "standard",
                    None, 0 if s >= 70 else 2, "{}",
                )
            )  # fmt: skip
        if values.sqlite:
            chunk.documents.append((account_id, document))
    vectors = _vectors(niche_conf, content_ids, audience, vocabulary).astype(np.float16)
    blob = vectors.tobytes()
    width = vectors.shape[1] * 2
    for i, row in enumerate(chunk.profiles):
        chunk.profiles[i] = (*row[:17], blob[i * width : (i + 1) * width], *row[18:])
    return chunk


def _evidence(niche: str) -> str:
    return WORDS[niche][0][0]


# Loading -----------------------------------------------------------------------------------------

TABLES = ("creators", "accounts", "creator_profiles", "account_niches", "account_terms", "audits")
COLUMNS = {
    "creators": (
        "id", "display_name", "creator_key", "country", "province", "languages", "created_at",
        "updated_at",
    ),
    "accounts": (
        "id", "creator_id", "platform", "handle", "handle_key", "display_name", "bio",
        "categories", "country", "province", "languages", "verified", "external_url", "contact",
        "has_profile_picture", "is_private", "followers", "following", "posts_count",
        "metrics_as_of", "top_audience_country", "first_seen", "last_seen", "created_at",
        "updated_at",
    ),
    "creator_profiles": (
        "account_id", "platform", "followers", "country", "province", "language", "verified",
        "has_contact", "engagement_rate", "last_active", "price_low", "price_high", "niche",
        "niches", "creator_type", "type_confidence", "facts", "vector", "document",
        "indexed_at", "source_import",
    ),
    "account_niches": ("niche", "account_id", "confidence", "followers", "platform"),
    "account_terms": ("id", "account_id", "kind", "term", "posts", "unsponsored", "last_at"),
    "audits": (
        "id", "account_id", "audited_at", "score", "verdict", "confidence", "scheme", "tier",
        "problems", "report",
    ),
}  # fmt: skip
ATTRIBUTES = {
    "creators": "creators", "accounts": "accounts", "creator_profiles": "profiles",
    "account_niches": "niches", "account_terms": "terms", "audits": "audits",
}  # fmt: skip


@dataclass
class LoadReport:
    rows: dict[str, int]
    generate_seconds: float
    write_seconds: float
    index_seconds: float
    analyze_seconds: float

    @property
    def seconds(self) -> float:
        return self.write_seconds + self.index_seconds + self.analyze_seconds

    def as_dict(self) -> dict[str, Any]:
        total = sum(self.rows.values())
        return {
            "rows": self.rows,
            "generate_seconds": round(self.generate_seconds, 1),
            "write_seconds": round(self.write_seconds, 1),
            "index_build_seconds": round(self.index_seconds, 1),
            "analyze_seconds": round(self.analyze_seconds, 1),
            "load_seconds": round(self.seconds, 1),
            "rows_per_second": round(total / self.seconds) if self.seconds else None,
        }


def _chunks(creators: int, vocabulary: Vocabulary, values: Values) -> Iterator[Chunk]:
    rng = np.random.default_rng(SEED)
    for first in range(1, creators + 1, CHUNK):
        yield make_chunk(rng, first, min(CHUNK, creators + 1 - first), vocabulary, values)


def load_sqlite(path: Path, creators: int, vocabulary: Vocabulary) -> LoadReport:
    """Bulk insert with the secondary indexes dropped, then rebuild them and ANALYZE."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-262144")
    db.execute("PRAGMA temp_store=MEMORY")
    names = ", ".join(f"'{t}'" for t in TABLES)
    indexes = db.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({names})"
    ).fetchall()
    for name, _sql in indexes:
        db.execute(f'DROP INDEX "{name}"')
    values = Values(sqlite=True)
    rows = dict.fromkeys(TABLES, 0)
    generate = write = 0.0
    started = time.perf_counter()
    for chunk in _chunks(creators, vocabulary, values):
        generate += time.perf_counter() - started
        started = time.perf_counter()
        db.execute("BEGIN")
        for table in TABLES:
            data = getattr(chunk, ATTRIBUTES[table])
            columns = COLUMNS[table]
            db.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                data,
            )
            rows[table] += len(data)
        db.executemany("INSERT INTO creator_fts(rowid, document) VALUES (?, ?)", chunk.documents)
        db.execute("COMMIT")
        write += time.perf_counter() - started
        print(f"  sqlite: {rows['creator_profiles']:>9,} creators written", end="\r", flush=True)
        started = time.perf_counter()
    print()
    started = time.perf_counter()
    for _name, sql in indexes:
        db.execute(sql)
    db.execute("INSERT INTO creator_fts(creator_fts) VALUES ('optimize')")
    index_seconds = time.perf_counter() - started
    started = time.perf_counter()
    db.execute("ANALYZE")
    analyze = time.perf_counter() - started
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    rows["creator_fts"] = rows["creator_profiles"]
    return LoadReport(rows, generate, write, index_seconds, analyze)


def load_postgres(url: str, schema: str, creators: int, vocabulary: Vocabulary) -> LoadReport:
    """COPY with the secondary indexes dropped and foreign-key triggers off, then rebuild."""
    import psycopg

    conninfo = url.replace("postgresql+psycopg://", "postgresql://").split("?")[0]
    with psycopg.connect(conninfo, autocommit=True) as db:
        db.execute(f'SET search_path TO "{schema}"')
        db.execute("SET maintenance_work_mem = '512MB'")
        with contextlib.suppress(psycopg.Error):
            db.execute("SET session_replication_role = replica")  # no FK triggers while loading
        names = list(TABLES)
        indexes = db.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = %s AND i.tablename = ANY(%s) AND NOT EXISTS ("
            "SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            (schema, names),
        ).fetchall()
        for name, _sql in indexes:
            db.execute(f'DROP INDEX "{schema}"."{name}"')
        values = Values(sqlite=False)
        rows = dict.fromkeys(TABLES, 0)
        generate = write = 0.0
        started = time.perf_counter()
        for chunk in _chunks(creators, vocabulary, values):
            generate += time.perf_counter() - started
            started = time.perf_counter()
            with db.transaction(), db.cursor() as cursor:
                for table in TABLES:
                    data = getattr(chunk, ATTRIBUTES[table])
                    with cursor.copy(
                        f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN"
                    ) as copy:
                        for row in data:
                            copy.write_row(row)
                    rows[table] += len(data)
            write += time.perf_counter() - started
            print(f"  postgresql: {rows['creator_profiles']:>9,} creators written", end="\r")
            started = time.perf_counter()
        print()
        started = time.perf_counter()
        for _name, sql in indexes:
            db.execute(sql)
        for table in ("creators", "accounts", "account_terms", "audits"):
            db.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        index_seconds = time.perf_counter() - started
        started = time.perf_counter()
        db.execute("VACUUM ANALYZE")
        analyze = time.perf_counter() - started
    return LoadReport(rows, generate, write, index_seconds, analyze)


def add_brands(engine: Any) -> None:
    from sqlalchemy import insert

    from kolscope.adapters.db import tables as t

    with engine.begin() as db:
        db.execute(
            insert(t.brands),
            [
                {
                    "name": name, "handles": [f"@{handle}"], "hashtags": [f"#{tag}"],
                    "niche": niche, "tone_notes": None, "competitors": [], "created_at": NOW,
                    "organisation_id": None,
                }
                for name, niche, handle, tag, _share in BRANDS
            ],
        )  # fmt: skip


# Queries -----------------------------------------------------------------------------------------

CLASSES = ("filters", "keyword", "hashtag", "fans", "lookalikes")
KEYWORDS = (
    ("ครีมกันแดด", "skincare"), ("ก๋วยเตี๋ยว", "food"), ("รีวิว", "beauty"), ("คาเฟ่", None),
    ("เซรั่ม", "skincare"), ("ลดน้ำหนัก", "fitness"), ("ที่เที่ยว", "travel"), ("ทาสแมว", None),
    ("มือถือ", "it_gadgets"), ("ลงทุน", "finance"), ("สตรีทฟู้ด", None), ("แต่งบ้าน", "home"),
    ("ผิวแพ้ง่าย", None), ("หมูกระทะ", "restaurants"), ("เกมมือถือ", "gaming"),
    ("รีวิว", None), ("skincare routine", None), ("honest review", "makeup"),
)  # fmt: skip
HASHTAGS = (
    "skincaretips", "รีวิวบิวตี้", "ootd", "ก๋วยเตี๋ยว", "cafehopping", "ทาสแมว", "เที่ยวไทย",
    "gadget", "fyp", "momlife", "ลงทุน", "rov", "#SkincareRoutine", "คาเฟ่", "homedecor",
)  # fmt: skip
TIERS = ("nano", "micro", "mid", "macro")


def build_queries(per_class: int, seeds: Sequence[tuple[str, str, int]]) -> list[tuple[str, Any]]:
    """A fixed set of searches, ``per_class`` of each class, from a seeded generator."""
    from kolscope.domain.platforms import Platform
    from kolscope.services.discovery_query import SearchRequest

    rng = np.random.default_rng(SEED + 1)
    main = (Platform.INSTAGRAM, Platform.TIKTOK, Platform.YOUTUBE, Platform.FACEBOOK)
    weights = np.array(NICHE_WEIGHTS, dtype=np.float64) / sum(NICHE_WEIGHTS)
    queries: list[tuple[str, Any]] = []

    def platform() -> tuple[Platform, ...]:
        return (main[int(rng.integers(len(main)))],)

    def niche() -> tuple[str, ...]:
        return (NICHES[int(rng.choice(len(NICHES), p=weights))],)

    queries.extend(
        (
            "filters",
            SearchRequest(
                platforms=platform(),
                niches=niche(),
                tier=TIERS[int(rng.integers(len(TIERS)))] if rng.random() < 0.7 else None,
                min_followers=None if rng.random() < 0.7 else int(rng.integers(5, 50)) * 1000,
                country="TH",
                province=PROVINCES[int(rng.integers(3))] if rng.random() < 0.5 else None,
                min_er=float(rng.choice([1.0, 2.0, 3.0, 5.0])) if rng.random() < 0.6 else None,
                creator_type=str(rng.choice(["kol", "koc", "creator"]))
                if rng.random() < 0.3
                else None,
                min_quality=60.0 if rng.random() < 0.25 else None,
                sort="followers",
            ),
        )
        for _ in range(per_class)
    )
    for i in range(per_class):
        text, its_niche = KEYWORDS[i % len(KEYWORDS)]
        draw = rng.random()
        queries.append(
            (
                "keyword",
                SearchRequest(
                    text=text,
                    niches=(its_niche,) if its_niche and draw < 0.6 else (),
                    platforms=platform() if draw >= 0.6 or its_niche is None else (),
                    tier=TIERS[int(rng.integers(len(TIERS)))] if rng.random() < 0.3 else None,
                    country="TH" if rng.random() < 0.5 else None,
                ),
            )
        )
    queries.extend(
        (
            "hashtag",
            SearchRequest(
                hashtag=HASHTAGS[i % len(HASHTAGS)],
                platforms=platform() if rng.random() < 0.5 else (),
                tier=TIERS[int(rng.integers(len(TIERS)))] if rng.random() < 0.3 else None,
            ),
        )
        for i in range(per_class)
    )
    for i in range(per_class):
        name, brand_niche = BRANDS[i % len(BRANDS)][:2]
        draw = rng.random()
        queries.append(
            (
                "fans",
                SearchRequest(
                    fans_of=name,
                    platforms=platform() if 0.4 <= draw < 0.7 else (),
                    niches=(brand_niche,) if draw >= 0.7 else (),
                    tier=TIERS[int(rng.integers(len(TIERS)))] if rng.random() < 0.3 else None,
                ),
            )
        )
    for i in range(per_class):
        seed_platform, handle, _followers = seeds[i % len(seeds)]
        queries.append(
            (
                "lookalikes",
                SearchRequest(
                    like=f"{seed_platform}:{handle}",
                    platforms=platform() if rng.random() < 0.3 else (),
                    sort="similarity",
                ),
            )
        )
    return queries


def pick_seeds(engine: Any, creators: int, count: int) -> list[tuple[str, str, int]]:
    """Lookalike seeds: accounts with 3,000+ followers, picked by a seeded generator."""
    from sqlalchemy import select

    from kolscope.adapters.db import tables as t

    rng = np.random.default_rng(SEED + 2)
    wanted = sorted({int(i) for i in rng.integers(1, creators + 1, count * 20)})
    a = t.accounts
    with engine.connect() as db:
        rows = db.execute(
            select(a.c.id, a.c.platform, a.c.handle, a.c.followers).where(
                a.c.id.in_(wanted), a.c.followers >= 3000
            )
        ).all()
    order = {account_id: index for index, account_id in enumerate(rng.permutation(wanted))}
    rows.sort(key=lambda r: order[r.id])
    return [(r.platform, r.handle, int(r.followers)) for r in rows[:count]]


# Running -----------------------------------------------------------------------------------------


@dataclass
class Outcome:
    ids: list[int]
    total: int


def percentiles(times: Sequence[float]) -> dict[str, float]:
    ordered = sorted(times)
    if not ordered:
        return {}

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]

    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(at(0.95) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def run_indexed(
    service: Any, queries: Sequence[tuple[str, Any]]
) -> tuple[dict[str, list[float]], list[Outcome]]:
    """Every search once to warm the caches, then once timed."""
    for _kind, request in queries:
        service.search(request)
    times: dict[str, list[float]] = {kind: [] for kind in CLASSES}
    outcomes = []
    for kind, request in queries:
        gc.collect()
        started = time.perf_counter()
        result = service.search(request)
        times[kind].append(time.perf_counter() - started)
        outcomes.append(Outcome([h.row.account_id for h in result.hits], result.total))
    return times, outcomes


# The naive full scan ---------------------------------------------------------------------------

PROFILE_COLUMNS = (
    "account_id, platform, followers, country, province, language, creator_type, "
    "engagement_rate, niches"
)


class Scanner:
    """Reads whole tables row by row (nothing kept between searches, no index used)."""

    def __init__(self, sqlite_path: Path | None, postgres: tuple[str, str] | None) -> None:
        self.sqlite_path = sqlite_path
        self.postgres = postgres

    def rows(self, sql: str) -> Iterator[tuple[Any, ...]]:
        if self.sqlite_path is not None:
            db = sqlite3.connect(self.sqlite_path)
            try:
                yield from db.execute(sql)
            finally:
                db.close()
            return
        import psycopg

        assert self.postgres is not None
        conninfo, schema = self.postgres
        with psycopg.connect(conninfo) as db:
            db.execute(f'SET search_path TO "{schema}"')
            with db.cursor(name=f"scan_{uuid.uuid4().hex[:8]}") as cursor:
                cursor.itersize = 20_000
                cursor.execute(sql)
                yield from cursor

    def documents(self) -> Iterator[tuple[Any, ...]]:
        return self.rows(
            "SELECT rowid, document FROM creator_fts"
            if self.sqlite_path is not None
            else "SELECT account_id, document FROM creator_profiles"
        )


def _niche_names(value: Any) -> list[str]:
    items = json.loads(value) if isinstance(value, str) else value
    return [item["niche"] for item in items]


def _unsupported(query: Any) -> None:
    for name in ("mention_terms", "audience", "within", "exclude"):
        if getattr(query, name):
            raise ValueError(f"the naive scan does not implement {name}")
    for name in ("min_price", "max_price", "active_since", "verified", "has_contact", "max_er"):
        if getattr(query, name) is not None:
            raise ValueError(f"the naive scan does not implement {name}")


def naive_filter(
    scanner: Scanner, query: Any, *, accept: Callable[[int], bool] | None = None
) -> list[tuple[int, int | None, list[str]]]:
    """(account id, followers, niches) of every profile the query's filters accept."""
    _unsupported(query)
    quality: dict[int, float] | None = None
    if query.min_quality is not None:
        quality = {r[0]: r[1] for r in scanner.rows("SELECT account_id, score FROM audits") if r[1]}
    wanted = set(query.niches)
    found = []
    for (
        account_id, platform, followers, country, province, language, kind, rate, niches,
    ) in scanner.rows(f"SELECT {PROFILE_COLUMNS} FROM creator_profiles"):  # fmt: skip
        if query.platforms and platform not in query.platforms:
            continue
        if query.min_followers is not None and (
            followers is None or followers < query.min_followers
        ):
            continue
        if query.max_followers is not None and (
            followers is None or followers > query.max_followers
        ):
            continue
        if query.below_followers is not None and (
            followers is None or followers >= query.below_followers
        ):
            continue
        if query.country and country != query.country:
            continue
        if query.province and province != query.province:
            continue
        if query.language and language != query.language:
            continue
        if query.creator_type and kind != query.creator_type:
            continue
        if query.min_er is not None and (rate is None or rate < query.min_er):
            continue
        if quality is not None and quality.get(account_id, -1.0) < query.min_quality:
            continue
        if accept is not None and not accept(account_id):
            continue
        names = _niche_names(niches)
        if wanted and not wanted.intersection(names):
            continue
        found.append((account_id, followers, names))
    return found


def _by_followers(rows: list[tuple[int, int | None, list[str]]], limit: int) -> Outcome:
    rows.sort(key=lambda r: (-(r[1] if r[1] is not None else -1), r[0]))
    return Outcome([r[0] for r in rows[:limit]], len(rows))


def naive_search(scanner: Scanner, kind: str, query: Any, request: Any) -> Outcome:
    """The same search as a full scan in Python."""
    from kolscope.services.discovery_reasons import fan_score

    if kind == "filters":
        return _by_followers(naive_filter(scanner, query), query.limit)
    if kind == "keyword":
        phrase = " " + " ".join(query.words) + " "
        matched = {i for i, d in scanner.documents() if d and phrase in f" {d} "}
        return _by_followers(naive_filter(scanner, query, accept=matched.__contains__), 25)
    if kind == "hashtag":
        tagged = {
            r[0]
            for r in scanner.rows("SELECT account_id, kind, term FROM account_terms")
            if r[1] == "tag" and r[2] == query.hashtag
        }
        return _by_followers(naive_filter(scanner, query, accept=tagged.__contains__), 25)
    if kind == "fans":
        wanted = set(query.fans_terms)
        named: dict[int, tuple[int, Any]] = {}
        for account_id, term_kind, term, unsponsored, last in scanner.rows(
            "SELECT account_id, kind, term, unsponsored, last_at FROM account_terms"
        ):
            if unsponsored > 0 and (term_kind, term) in wanted:
                posts, latest = named.get(account_id, (0, None))
                named[account_id] = (
                    max(posts, unsponsored),
                    last if latest is None or (last is not None and last > latest) else latest,
                )
        rows = naive_filter(scanner, replace_query(query, sort="fan"), accept=named.__contains__)
        followers = {r[0]: r[1] for r in rows}
        scored = sorted(
            ((fan_score(named[i][0], _stamp(named[i][1]), TODAY), i) for i in followers),
            key=lambda item: (-item[0], -(followers[item[1]] or 0), item[1]),
        )
        return Outcome([i for _s, i in scored[: request.limit]], len(scored))
    return naive_lookalikes(scanner, query, request)


def replace_query(query: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(query, **changes)


def _stamp(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def naive_lookalikes(scanner: Scanner, query: Any, request: Any) -> Outcome:
    from kolscope.analysis.lookalike import SIZE
    from kolscope.domain.creators import handle_key, parse_account_reference
    from kolscope.services.discovery_query import LOOKALIKE_POOL

    seed_platform, handle = parse_account_reference(request.like)
    key = handle_key(handle)
    seed_id = next(
        r[0]
        for r in scanner.rows("SELECT id, platform, handle_key FROM accounts")
        if r[1] == seed_platform.value and r[2] == key
    )
    sql = "SELECT account_id, platform, followers, niches, vector FROM creator_profiles"
    seed = next(r for r in scanner.rows(sql) if r[0] == seed_id)
    seed_niches = set(_niche_names(seed[3])[:2])
    low, high = seed[2] // 10, seed[2] * 10
    candidates = [
        r
        for r in scanner.rows(sql)
        if r[0] != seed_id
        and (not query.platforms or r[1] in query.platforms)
        and r[2] is not None
        and low <= r[2] <= high
        and seed_niches.intersection(_niche_names(r[3]))
    ]
    candidates.sort(key=lambda r: (-r[2], r[0]))
    candidates = candidates[:LOOKALIKE_POOL]
    matrix = np.frombuffer(b"".join(bytes(r[4]) for r in candidates), dtype=np.float16)
    matrix = matrix.reshape(len(candidates), SIZE).astype(np.float32)
    vector = np.frombuffer(bytes(seed[4]), dtype=np.float16).astype(np.float32)
    order = np.argsort(-(matrix @ vector), kind="stable")[: request.limit]
    return Outcome([int(candidates[i][0]) for i in order], len(candidates))


def run_naive(
    scanner: Scanner, service: Any, queries: Sequence[tuple[str, Any]], per_class: int
) -> tuple[dict[str, list[float]], dict[int, Outcome]]:
    times: dict[str, list[float]] = {kind: [] for kind in CLASSES}
    outcomes: dict[int, Outcome] = {}
    counted = dict.fromkeys(CLASSES, 0)
    for index, (kind, request) in enumerate(queries):
        if counted[kind] >= per_class:
            continue
        counted[kind] += 1
        query, _scheme = service.resolve(request)
        gc.collect()
        started = time.perf_counter()
        outcomes[index] = naive_search(scanner, kind, query, request)
        times[kind].append(time.perf_counter() - started)
        print(f"  naive {kind:<10} {times[kind][-1]:6.2f} s", flush=True)
    return times, outcomes


# Main --------------------------------------------------------------------------------------------

# The index changes this benchmark proposes (``--schema proposed`` applies them to the fresh
# workspace before loading; the loader rebuilds every index after the load).
# What this benchmark proposed for SQLite is shipped (migrations 0004 and 0005: the Thai-safe
# FTS5 tokenizer, covering indexes, the lookup index by account id); nothing is pending.
PROPOSED_SQLITE: tuple[str, ...] = ()
# PostgreSQL: the stored tsvector is shipped (0005); these descending indexes are not.
PROPOSED_POSTGRES = (
    # ORDER BY followers DESC NULLS LAST can walk these (a plain index gives NULLS FIRST)
    "DROP INDEX ix_creator_profiles_followers",
    "CREATE INDEX ix_creator_profiles_followers ON creator_profiles (followers DESC NULLS LAST)",
    "DROP INDEX ix_creator_profiles_platform",
    "CREATE INDEX ix_creator_profiles_platform ON creator_profiles "
    "(platform, followers DESC NULLS LAST)",
    "DROP INDEX ix_creator_profiles_place",
    "CREATE INDEX ix_creator_profiles_place ON creator_profiles "
    "(country, province, followers DESC NULLS LAST)",
    "DROP INDEX ix_creator_profiles_type",
    "CREATE INDEX ix_creator_profiles_type ON creator_profiles "
    "(creator_type, followers DESC NULLS LAST)",
    "DROP INDEX ix_account_terms_term",
    "CREATE INDEX ix_account_terms_term ON account_terms (kind, term) "
    "INCLUDE (account_id, unsponsored, last_at)",
    "DROP INDEX ix_account_niches_followers",
    "CREATE INDEX ix_account_niches_followers ON account_niches "
    "(niche, followers DESC NULLS LAST) INCLUDE (account_id)",
)


def apply_proposed(engine: Any) -> None:
    """The proposed indexes."""
    statements = PROPOSED_SQLITE if engine.dialect.name == "sqlite" else PROPOSED_POSTGRES
    with engine.begin() as db:
        for statement in statements:
            db.exec_driver_sql(statement)


@dataclass
class Database:
    name: str
    url: str | None  # None: SQLite in the workspace folder
    folder: Path
    schema: str | None = None
    load: LoadReport | None = None
    indexed: dict[str, list[float]] = field(default_factory=dict)
    naive: dict[str, list[float]] = field(default_factory=dict)
    agreement: dict[str, dict[str, int]] = field(default_factory=dict)
    version: str = ""
    fts: str = ""
    variant: str = "as migrated"


def _postgres_schema() -> tuple[str, str]:
    from sqlalchemy import create_engine, text

    schema = f"kolscope_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as db:
        db.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    return schema, f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"


def _drop_schema(schema: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as db:
        db.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


def _versions(engine: Any) -> tuple[str, str]:
    from sqlalchemy import text

    with engine.connect() as db:
        if engine.dialect.name == "sqlite":
            version = str(db.execute(text("SELECT sqlite_version()")).scalar())
            fts = str(
                db.execute(
                    text("SELECT sql FROM sqlite_master WHERE name = 'creator_fts'")
                ).scalar()
            )
            return version, fts
        version = str(db.execute(text("SHOW server_version")).scalar())
        fts = str(
            db.execute(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = :name"),
                {"name": "ix_fts_creator_profiles_document"},
            ).scalar()
        )
        return version, fts


def bench_database(
    database: Database,
    creators: int,
    vocabulary: Vocabulary,
    queries: list[tuple[str, Any]],
    args: argparse.Namespace,
    naive_scans: int,
) -> list[tuple[str, Any]]:
    from kolscope.adapters.db.discovery_search import SqlDiscoverySearch
    from kolscope.bootstrap import open_workspace
    from kolscope.config import Settings
    from kolscope.services.discovery import DiscoveryService

    print(f"{database.name} ({database.variant}): building {creators:,} creators")
    workspace = open_workspace(Settings(workspace=database.folder, database_url=database.url))
    try:
        if database.variant == "proposed":
            apply_proposed(workspace.engine)
        add_brands(workspace.engine)
        database.version, database.fts = _versions(workspace.engine)
        if database.url is None:
            path = database.folder / "kolscope.db"
            database.load = load_sqlite(path, creators, vocabulary)
            scanner = Scanner(path, None)
        else:
            assert database.schema is not None
            database.load = load_postgres(database.url, database.schema, creators, vocabulary)
            conninfo = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
            scanner = Scanner(None, (conninfo, database.schema))
        load = database.load.as_dict()
        print(
            f"  loaded in {load['load_seconds']} s ({load['rows_per_second']:,} rows/s; "
            f"generating took {load['generate_seconds']} s more)"
        )
        if not queries:
            seeds = pick_seeds(workspace.engine, creators, args.queries)
            queries = build_queries(args.queries, seeds)
        service = DiscoveryService(
            SqlDiscoverySearch(workspace.engine), workspace.config, today=TODAY
        )
        database.indexed, outcomes = run_indexed(service, queries)
        for kind in CLASSES:
            stats = percentiles(database.indexed[kind])
            print(f"  indexed {kind:<10} p50 {stats['p50_ms']:>7} ms  p95 {stats['p95_ms']:>7} ms")
        if naive_scans:
            database.naive, naive = run_naive(scanner, service, queries, naive_scans)
            database.agreement = _agreement(queries, outcomes, naive)
    finally:
        workspace.close()
    return queries


def _agreement(
    queries: Sequence[tuple[str, Any]], indexed: Sequence[Outcome], naive: dict[int, Outcome]
) -> dict[str, dict[str, int]]:
    from kolscope.services.discovery_query import COUNT_CAP

    agreement: dict[str, dict[str, int]] = {}
    for index, outcome in naive.items():
        kind = queries[index][0]
        entry = agreement.setdefault(kind, {"checked": 0, "same_results": 0, "same_total": 0})
        entry["checked"] += 1
        entry["same_results"] += outcome.ids == indexed[index].ids
        capped = min(outcome.total, COUNT_CAP)  # every search shows at most "10,000+"
        entry["same_total"] += capped == indexed[index].total
        if outcome.ids != indexed[index].ids or capped != indexed[index].total:
            print(
                f"  ! {kind} query {index}: indexed {indexed[index].total} "
                f"{indexed[index].ids[:5]}, naive {outcome.total} {outcome.ids[:5]}"
            )
    return agreement


def _target_applies(database: str, kind: str) -> bool:
    """The issue sets the filters and keyword targets on SQLite, the lookalike one on both."""
    return kind in TARGETS_MS and (database == "sqlite" or kind == "lookalikes")


def summary(databases: Sequence[Database]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for database in databases:
        classes = {}
        # the full scans ran once per database (they read no index): every schema of that
        # database is compared with them
        scanned = next((d for d in databases if d.name == database.name and d.naive), database)
        for kind in CLASSES:
            indexed = percentiles(database.indexed.get(kind, []))
            naive = percentiles(scanned.naive.get(kind, []))
            entry: dict[str, Any] = {"indexed": indexed, "naive_full_scan": naive}
            if indexed and naive:
                entry["ratio_naive_to_indexed_p50"] = round(
                    naive["p50_ms"] / max(indexed["p50_ms"], 0.1), 1
                )
            if database.agreement.get(kind):
                entry["naive_agrees"] = database.agreement[kind]
            if _target_applies(database.name, kind) and indexed:
                entry["target_p95_ms"] = TARGETS_MS[kind]
                entry["target_met"] = indexed["p95_ms"] <= TARGETS_MS[kind]
            classes[kind] = entry
        result[f"{database.name}, {database.variant}"] = {
            "database": database.name,
            "schema": database.variant,
            "version": database.version,
            "full_text": database.fts,
            "load": database.load.as_dict() if database.load else None,
            "classes": classes,
        }
    return result


def print_table(report: dict[str, Any]) -> None:
    print()
    print(f"{'database':<26}{'class':<12}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
          f"{'naive p50':>11}{'naive/idx':>10}  target")  # fmt: skip
    for name, data in report.items():
        for kind, entry in data["classes"].items():
            indexed, naive = entry["indexed"], entry["naive_full_scan"]
            target = ""
            if "target_met" in entry:
                verdict = "met" if entry["target_met"] else "MISSED"
                target = f"p95 <= {entry['target_p95_ms']:.0f} ms: {verdict}"
            naive_text = f"{naive['p50_ms'] / 1000:.2f} s" if naive else "-"
            ratio = entry.get("ratio_naive_to_indexed_p50")
            print(
                f"{name:<26}{kind:<12}{indexed['p50_ms']:>9}{indexed['p95_ms']:>9}"
                f"{indexed['max_ms']:>9}{naive_text:>11}{(f'{ratio:,.0f}x' if ratio else '-'):>10}"
                f"  {target}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--creators", type=int, default=1_000_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--queries", type=int, default=30, help="searches per class")
    parser.add_argument("--naive", type=int, default=4, help="naive scans per class (0: none)")
    parser.add_argument("--output", type=Path, default=RESULTS / "search.json")
    parser.add_argument(
        "--schema",
        choices=("migrated", "proposed", "both"),
        default="migrated",
        help="the indexes as the migrations make them, with the changes proposed below "
        "(PROPOSED_SQLITE, PROPOSED_POSTGRES), or both one after the other",
    )
    args = parser.parse_args()
    variants = {
        "migrated": ["as migrated"],
        "proposed": ["proposed"],
        "both": ["as migrated", "proposed"],
    }[args.schema]
    names = [n.strip() for n in args.databases.split(",") if n.strip()]
    vocabulary = build_vocabulary()
    root = Path(f"/tmp/kolscope-bench-search-{uuid.uuid4().hex[:8]}")
    databases: list[Database] = []
    queries: list[tuple[str, Any]] = []
    try:
        for name in names:
            for number, variant in enumerate(variants):
                folder = root / f"{name}-{number}"
                if name == "sqlite":
                    database = Database(name, None, folder, variant=variant)
                elif name == "postgresql":
                    try:
                        schema, url = _postgres_schema()
                    except Exception as error:  # report and go on without it
                        print(f"postgresql: skipped ({error.__class__.__name__}: {error})")
                        break
                    database = Database(name, url, folder, schema, variant=variant)
                else:
                    raise SystemExit(f"unknown database {name!r} (sqlite, postgresql)")
                databases.append(database)
                naive = args.naive if number == 0 else 0  # a full scan reads no index
                try:
                    queries = bench_database(
                        database, args.creators, vocabulary, queries, args, naive
                    )
                finally:
                    if database.schema:
                        _drop_schema(database.schema)
                    shutil.rmtree(database.folder, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    report = summary(databases)
    print_table(report)
    targets = {
        f"{name}: {kind} p95 <= {TARGETS_MS[kind]:.0f} ms": data["classes"][kind].get("target_met")
        for name, data in report.items()
        for kind in TARGETS_MS
        if _target_applies(data["database"], kind)
    }
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform_module.python_version(),
            "numpy": np.__version__,
            "sqlite": sqlite3.sqlite_version,
            "postgresql": next((d.version for d in databases if d.name == "postgresql"), None),
        },
        "arguments": {key: str(value) for key, value in vars(args).items()},
        "seed": SEED,
        "creators": args.creators,
        "searches_per_class": args.queries,
        "naive_scans_per_class": args.naive,
        "naive_note": "full scans read no index, so they run once per database (on the "
        "first schema) and are compared with that schema's indexed searches",
        "proposed_schema": {"sqlite": list(PROPOSED_SQLITE), "postgresql": list(PROPOSED_POSTGRES)},
        "timing": "end to end through DiscoveryService.search (ids, capped count, rows, "
        "reasons); every search run once untimed to warm caches, then once timed",
        "naive": "per search, read every row of creator_profiles (and documents, terms or "
        "audits as needed) and filter, sort and score in Python",
        "targets": {
            "filters_and_keyword_p95_ms_sqlite": 100,
            "lookalikes_p95_ms": 300,
            "met": targets,
        },
        "databases": report,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
