"""The synthetic creators' world for bench_search.py: seeds and dates, niches and their words
(Thai and English), bios and captions, places, platforms and fictional brands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import numpy as np
from numpy.typing import NDArray

SEED = 6
TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
CHUNK = 50_000

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
        from kolscope.discovery.scoring.lookalike import _STOP, CONTENT_SLOTS, _slot
        from kolscope.text.search_words import search_words

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
    from kolscope.text.search_words import search_words

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
        tags.append([tag_key(h) for h in hashtags])
    generic = [phrases.add(text) for text in TH_GENERIC]
    names = [phrases.add(text) for text in NAMES_TH]
    every_tag = {tag for group in tags for tag in group} | {tag_key(t) for t in GENERIC_TAGS}
    every_tag |= {tag_key(b[3]) for b in BRANDS}
    tag_words = {tag: " ".join(search_words(tag)) for tag in every_tag}
    categories = [" ".join(search_words(n.replace("_", " "))) for n in NICHES]
    vocabulary = Vocabulary(
        phrases, th_bios, en_bios, th_caps, en_caps, generic, tags, tag_words, names, categories
    )
    from kolscope.discovery.scoring.lookalike import CONTENT_SLOTS

    vocabulary.slot_matrix = np.vstack([*phrases.slots, np.zeros(CONTENT_SLOTS, np.float32)])
    return vocabulary


def tag_key(text: str) -> str:
    from kolscope.text.search_words import hashtag_key

    return hashtag_key(text)
