"""The niches creators are filed under, their Thai names, and the category labels of vendor tools.

Niche ids are a contract (stored, filtered on, sent by the API): add niches, never rename one.
A niche with a parent (makeup under beauty) implies its parent.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Niche(NamedTuple):
    id: str
    en: str
    th: str
    parent: str | None


NICHES: tuple[Niche, ...] = (
    Niche("beauty", "Beauty", "บิวตี้", None),
    Niche("skincare", "Skincare", "สกินแคร์", None),
    Niche("makeup", "Makeup", "แต่งหน้า", "beauty"),
    Niche("fashion", "Fashion", "แฟชั่น", None),
    Niche("food", "Food", "อาหาร", None),
    Niche("restaurants", "Restaurants", "ร้านอาหาร", "food"),
    Niche("travel", "Travel", "ท่องเที่ยว", None),
    Niche("fitness", "Fitness", "ฟิตเนส", None),
    Niche("health", "Health", "สุขภาพ", None),
    Niche("it_gadgets", "IT/gadgets", "ไอที/แกดเจ็ต", None),
    Niche("gaming", "Gaming", "เกม", None),
    Niche("finance", "Finance", "การเงิน", None),
    Niche("business", "Business", "ธุรกิจ", None),
    Niche("parenting", "Parenting", "แม่และเด็ก", None),
    Niche("kids", "Kids and toys", "เด็กและของเล่น", None),
    Niche("pets", "Pets", "สัตว์เลี้ยง", None),
    Niche("home", "Home and living", "บ้านและของแต่งบ้าน", None),
    Niche("automotive", "Automotive", "ยานยนต์", None),
    Niche("education", "Education", "การศึกษา", None),
    Niche("entertainment", "Entertainment", "บันเทิง", None),
    Niche("comedy", "Comedy", "ตลก", "entertainment"),
    Niche("movies", "Movies and series", "หนังและซีรีส์", "entertainment"),
    Niche("music", "Music", "ดนตรี", None),
    Niche("sports", "Sports", "กีฬา", None),
    Niche("art", "Art and design", "ศิลปะ", None),
    Niche("photography", "Photography", "ถ่ายภาพ", "art"),
    Niche("news", "News", "ข่าว", None),
    Niche("lifestyle", "Lifestyle", "ไลฟ์สไตล์", None),
)
NICHE_IDS: tuple[str, ...] = tuple(n.id for n in NICHES)
BY_ID: dict[str, Niche] = {n.id: n for n in NICHES}

# Niches a brand of one niche commonly also works with (used by brand fit; both directions).
RELATED: dict[str, tuple[str, ...]] = {
    "beauty": ("skincare", "fashion", "lifestyle"),
    "skincare": ("beauty", "health"),
    "fashion": ("beauty", "lifestyle"),
    "food": ("travel", "lifestyle", "health"),
    "travel": ("food", "lifestyle", "photography"),
    "fitness": ("health", "sports"),
    "health": ("fitness", "skincare", "food"),
    "it_gadgets": ("gaming", "education", "photography"),
    "gaming": ("it_gadgets", "entertainment"),
    "finance": ("business", "education"),
    "business": ("finance", "education"),
    "parenting": ("kids", "home", "health"),
    "kids": ("parenting", "entertainment"),
    "pets": ("home", "lifestyle"),
    "home": ("lifestyle", "parenting"),
    "automotive": ("it_gadgets", "travel"),
    "education": ("finance", "it_gadgets"),
    "entertainment": ("music", "lifestyle"),
    "music": ("entertainment",),
    "sports": ("fitness", "health"),
    "art": ("photography", "fashion"),
    "news": ("education", "finance"),
    "lifestyle": ("fashion", "food", "travel", "home"),
}


def parent_of(niche: str) -> str | None:
    found = BY_ID.get(niche)
    return found.parent if found else None


def related_niches(niche: str) -> frozenset[str]:
    """Niches next to this one: the listed neighbours both ways, its parent and its children."""
    near = set(RELATED.get(niche, ()))
    near.update(other for other, its in RELATED.items() if niche in its)
    parent = parent_of(niche)
    if parent:
        near.add(parent)
    near.update(n.id for n in NICHES if n.parent == niche)
    near.discard(niche)
    return frozenset(near)


_SEPARATORS = re.compile(r"[\s&/,_.\-+|:;()]+")


def _key(text: str) -> str:
    return " ".join(_SEPARATORS.split(text.casefold())).strip()


# Other names people use for a niche (any language); id, English and Thai names are always read.
_ALIASES: dict[str, tuple[str, ...]] = {
    "beauty": ("ความงาม", "ความสวยความงาม", "บิวตี้", "cosmetics", "เครื่องสำอาง"),
    "skincare": ("skin care", "skin", "ผิว", "ดูแลผิว"),
    "makeup": ("make up", "make-up", "เมคอัพ", "เมกอัพ"),
    "fashion": ("style", "แต่งตัว", "เสื้อผ้า", "clothing"),
    "food": ("food and drinks", "foodie", "ของกิน", "อาหารและเครื่องดื่ม"),
    "restaurants": ("restaurant", "รีวิวร้านอาหาร"),
    "travel": ("เที่ยว", "trips", "tourism"),
    "fitness": ("ออกกำลังกาย", "gym", "workout"),
    "health": ("wellness", "สุขภาพดี"),
    "it_gadgets": ("it", "ไอที", "gadgets", "gadget", "tech", "technology", "แกดเจ็ต",
                   "เทคโนโลยี", "it and gadgets", "computers and gadgets"),
    "gaming": ("games", "video games", "เกมส์", "เล่นเกม"),
    "finance": ("money", "investing", "การลงทุน", "ลงทุน"),
    "business": ("business and careers", "ธุรกิจ", "การตลาด", "marketing"),
    "parenting": ("mom and kids", "แม่ลูก", "family", "ครอบครัว", "เลี้ยงลูก"),
    "kids": ("toys", "kids", "ของเล่น", "เด็ก"),
    "pets": ("สัตว์", "animals", "animals and pets", "หมาแมว"),
    "home": ("home", "home and garden", "บ้าน", "แต่งบ้าน", "home decor"),
    "automotive": ("cars", "car", "รถยนต์", "รถ", "auto", "autos"),
    "education": ("การศึกษา", "study", "learning", "ติวเตอร์"),
    "entertainment": ("shows", "บันเทิง"),
    "comedy": ("humor", "humour", "ตลก", "ขำขัน"),
    "movies": ("movies", "film", "films", "หนัง", "ภาพยนตร์", "ซีรีส์"),
    "music": ("เพลง", "music and dance"),
    "sports": ("sport", "กีฬา"),
    "art": ("art", "arts", "ศิลปะ", "design", "art and design"),
    "photography": ("photo", "ถ่ายรูป"),
    "news": ("news and politics", "ข่าว", "การเมือง"),
    "lifestyle": ("ไลฟ์สไตล์", "life style"),
}  # fmt: skip


def _names() -> dict[str, Niche]:
    names: dict[str, Niche] = {}
    for niche in NICHES:
        for name in (niche.id, niche.en, niche.th, *_ALIASES.get(niche.id, ())):
            names.setdefault(_key(name), niche)
    return names


_BY_NAME = _names()


def niche_named(text: str) -> Niche | None:
    """The niche a name stands for: its id, English or Thai name or a common alias, read
    regardless of case, spaces and separators ("IT/gadgets", "it gadgets", "ไอที")."""
    if not isinstance(text, str):
        return None
    return _BY_NAME.get(_key(text))


# Category labels of vendor exports and tools (influencers-2022 and similar), and Thai category
# words, to niche ids. An empty tuple: a category we read but that names no niche we keep.
VENDOR_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Cinema & Actors/actresses": ("movies",),
    "Movies": ("movies",),
    "Shows": ("entertainment",),
    "Animation": ("entertainment",),
    "ASMR": ("entertainment",),
    "Mystery": ("entertainment",),
    "Comics & sketches": ("comedy",),
    "Humor & Fun & Happiness": ("comedy",),
    "Humor": ("comedy",),
    "Music & Dance": ("music",),
    "Music": ("music",),
    "Sports with a ball": ("sports",),
    "Sports": ("sports",),
    "Racing Sports": ("sports", "automotive"),
    "Winter sports": ("sports",),
    "Extreme Sports & Outdoor activity": ("sports", "travel"),
    "Computers & Gadgets": ("it_gadgets",),
    "Science & Technology": ("it_gadgets", "education"),
    "Machinery & Technologies": ("it_gadgets",),
    "Science": ("education",),
    "NFT": ("finance",),
    "Crypto": ("finance",),
    "Fitness & Gym": ("fitness",),
    "Fitness": ("fitness",),
    "Trainers & Coaches": ("fitness",),
    "Video games": ("gaming",),
    "Gaming": ("gaming",),
    "Food & Drinks": ("food",),
    "Food & Cooking": ("food",),
    "Daily vlogs": ("lifestyle",),
    "Lifestyle": ("lifestyle",),
    "Luxury": ("lifestyle", "fashion"),
    "Shopping & Retail": ("lifestyle",),
    "Modeling": ("fashion",),
    "Fashion": ("fashion",),
    "Clothing & Outfits": ("fashion",),
    "Accessories & Jewellery": ("fashion",),
    "Beauty": ("beauty",),
    "Family": ("parenting",),
    "Toys": ("kids",),
    "Kids & Toys": ("kids",),
    "News & Politics": ("news",),
    "Literature & Journalism": ("news", "education"),
    "DIY & Life Hacks": ("home",),
    "DIY & Design": ("home", "art"),
    "Health & Self Help": ("health",),
    "Business & Careers": ("business",),
    "Management & Marketing": ("business",),
    "Finance & Economics": ("finance",),
    "Art/Artists": ("art",),
    "Design/art": ("art",),
    "Photography": ("photography",),
    "Nature & landscapes": ("travel", "photography"),
    "Travel": ("travel",),
    "Education": ("education",),
    "Cars & Motorbikes": ("automotive",),
    "Autos & Vehicles": ("automotive",),
    "Animals & Pets": ("pets",),
    "Animals": ("pets",),
    "Adult content": (),
    # Thai category words (tools and agency sheets)
    "ความงาม": ("beauty",),
    "บิวตี้": ("beauty",),
    "สกินแคร์": ("skincare",),
    "เครื่องสำอาง": ("makeup",),
    "แฟชั่น": ("fashion",),
    "อาหาร": ("food",),
    "อาหารและเครื่องดื่ม": ("food",),
    "รีวิวร้านอาหาร": ("restaurants",),
    "ท่องเที่ยว": ("travel",),
    "ฟิตเนส": ("fitness",),
    "ออกกำลังกาย": ("fitness",),
    "สุขภาพ": ("health",),
    "ไอที": ("it_gadgets",),
    "เทคโนโลยี": ("it_gadgets",),
    "เกม": ("gaming",),
    "การเงิน": ("finance",),
    "การลงทุน": ("finance",),
    "ธุรกิจ": ("business",),
    "แม่และเด็ก": ("parenting",),
    "ครอบครัว": ("parenting",),
    "สัตว์เลี้ยง": ("pets",),
    "บ้านและสวน": ("home",),
    "ตกแต่งบ้าน": ("home",),
    "ยานยนต์": ("automotive",),
    "รถยนต์": ("automotive",),
    "การศึกษา": ("education",),
    "บันเทิง": ("entertainment",),
    "ตลก": ("comedy",),
    "ดนตรี": ("music",),
    "เพลง": ("music",),
    "กีฬา": ("sports",),
    "ศิลปะ": ("art",),
    "ข่าว": ("news",),
    "ไลฟ์สไตล์": ("lifestyle",),
}
_VENDOR_BY_KEY: dict[str, tuple[str, ...]] = {_key(k): v for k, v in VENDOR_CATEGORIES.items()}
_PIECES = re.compile(r"\s*(?:&|/|,|\band\b|\+|\|)\s*")


def niches_of_category(label: str | None) -> tuple[str, ...]:
    """Niche ids a category label stands for: a known vendor label, a niche's name, or else
    each part of a compound label ("Beauty & Fashion" -> beauty, fashion). Unknown: ()."""
    if not label or not isinstance(label, str):
        return ()
    key = _key(label[:200])
    if not key:
        return ()
    if key in _VENDOR_BY_KEY:
        return _VENDOR_BY_KEY[key]
    named = _BY_NAME.get(key)
    if named is not None:
        return (named.id,)
    found: dict[str, None] = {}
    for piece in _PIECES.split(label[:200].casefold()):
        part = _key(piece)
        niches = _VENDOR_BY_KEY.get(part) or ((n.id,) if (n := _BY_NAME.get(part)) else ())
        for niche in niches:
            found.setdefault(niche, None)
    return tuple(found)
