"""Words for synthetic people: nicknames, handle parts, display-name labels, credentials, bios.

Every name here is a common Thai nickname or an invented combination; none names a real person.
"""

from __future__ import annotations

from typing import NamedTuple

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


NICKNAMES: tuple[Nickname, ...] = tuple(
    Nickname(r, t, g)
    for r, t, g in (
        ("mint", "มิ้นท์", "f"), ("ploy", "พลอย", "f"), ("fern", "เฟิร์น", "f"), ("bam", "แบม", "f"),
        ("pear", "แพร", "f"), ("aom", "ออม", "f"), ("june", "จูน", "f"), ("fah", "ฟ้า", "f"),
        ("kwan", "ขวัญ", "f"), ("mook", "มุก", "f"), ("nan", "แนน", "f"), ("gift", "กิ๊ฟ", "f"),
        ("praew", "แพรว", "f"), ("ning", "หนิง", "f"), ("oil", "ออย", "f"), ("jane", "เจน", "f"),
        ("bow", "โบว์", "f"), ("pang", "แป้ง", "f"), ("noon", "นุ่น", "f"), ("ked", "เกด", "f"),
        ("ann", "แอน", "f"), ("mild", "มายด์", "f"), ("pim", "พิม", "f"), ("chompoo", "ชมพู่", "f"),
        ("kaew", "แก้ว", "f"), ("namtan", "น้ำตาล", "f"), ("baitong", "ใบตอง", "f"),
        ("kanom", "ขนม", "f"), ("cream", "ครีม", "f"), ("bua", "บัว", "f"), ("fon", "ฝน", "f"),
        ("nam", "น้ำ", "f"), ("nook", "นุ๊ก", "f"), ("ying", "หญิง", "f"), ("minnie", "มินนี่", "f"),
        ("nut", "นัท", "m"), ("bank", "แบงค์", "m"), ("golf", "กอล์ฟ", "m"), ("joe", "โจ้", "m"),
        ("palm", "ปาล์ม", "m"), ("pond", "ปอนด์", "m"), ("boss", "บอส", "m"), ("tee", "ตี๋", "m"),
        ("toon", "ตูน", "m"), ("arm", "อาร์ม", "m"), ("gun", "กัน", "m"), ("earth", "เอิร์ธ", "m"),
        ("tan", "แทน", "m"), ("top", "ท็อป", "m"), ("new", "นิว", "m"), ("pete", "พีท", "m"),
        ("beer", "เบียร์", "m"), ("max", "แม็กซ์", "m"), ("ton", "ต้น", "m"), ("big", "บิ๊ก", "m"),
        ("oat", "โอ๊ต", "m"), ("kong", "ก้อง", "m"), ("jack", "แจ็ค", "m"), ("mos", "มอส", "m"),
        ("pop", "ป๊อป", "m"), ("tae", "เต้", "m"), ("ohm", "โอม", "m"), ("art", "อาร์ต", "m"),
        ("pun", "ปั้น", "m"), ("champ", "แชมป์", "m"), ("win", "วิน", "m"), ("fluke", "ฟลุ๊ค", "m"),
        ("ice", "ไอซ์", "u"), ("beam", "บีม", "u"), ("view", "วิว", "u"), ("khao", "ข้าว", "u"),
        ("mai", "ใหม่", "u"), ("sun", "ซัน", "u"), ("best", "เบสท์", "u"), ("por", "ปอ", "u"),
        ("film", "ฟิล์ม", "u"), ("jay", "เจ", "u"), ("namo", "นะโม", "u"), ("kim", "คิม", "u"),
    )
)  # fmt: skip


class NicheLabel(NamedTuple):
    thai: tuple[str, ...]  # short Thai labels for display names and bios
    english: tuple[str, ...]
    handle_words: tuple[str, ...]  # ASCII words that go into handles


NICHE_LABELS: dict[str, NicheLabel] = {
    "beauty": NicheLabel(("รีวิวบิวตี้", "แต่งหน้า", "บิวตี้"), ("Beauty", "Makeup", "Glam"),
                         ("beauty", "makeup", "glam", "mua", "lippy")),
    "skincare": NicheLabel(("สกินแคร์", "รีวิวสกินแคร์", "ผิวสวย"), ("Skincare", "Skin Notes", "Glow"),
                           ("skin", "skincare", "glow", "derm", "clearskin")),
    "fashion": NicheLabel(("แฟชั่น", "แต่งตัว", "ตู้เสื้อผ้า"), ("Style", "Fashion", "OOTD"),
                          ("style", "ootd", "fashion", "closet", "wear")),
    "food": NicheLabel(("กินเที่ยว", "พากิน", "ของอร่อย", "รีวิวร้านอาหาร"),
                       ("Eats", "Foodie", "Food Diary"),
                       ("foodie", "eats", "kin", "aroi", "food", "yummy")),
    "travel": NicheLabel(("เที่ยว", "พาเที่ยว", "เที่ยวไทย"), ("Travel", "Trips", "Wanderer"),
                         ("travel", "trip", "tiew", "journey", "wander")),
    "fitness": NicheLabel(("ฟิตเนส", "ออกกำลังกาย", "ลดไขมัน"), ("Fitness", "Fit", "Gym Life"),
                          ("fit", "gym", "workout", "run", "lift")),
    "health": NicheLabel(("สุขภาพ", "สุขภาพดี", "เรื่องสุขภาพ"), ("Health", "Wellness", "Healthy"),
                         ("health", "wellness", "healthy", "care", "wellbeing")),
    "it_gadgets": NicheLabel(("ไอที", "รีวิวแกดเจ็ต", "เทคโนโลยี"), ("Tech", "Gadgets", "Tech Talk"),
                             ("tech", "gadget", "geek", "it", "unbox")),
    "finance": NicheLabel(("การเงิน", "ลงทุน", "เรื่องเงิน"), ("Money", "Invest", "Finance"),
                          ("money", "invest", "finance", "ngern", "wealth")),
    "parenting": NicheLabel(("แม่และเด็ก", "เลี้ยงลูก", "บ้านเรา"), ("Mom Life", "Family", "Parenting"),
                            ("mom", "mommy", "dad", "baby", "family")),
    "pets": NicheLabel(("ทาสแมว", "หมาแมว", "สัตว์เลี้ยง"), ("Pets", "Cat Life", "Doggo"),
                       ("meow", "dog", "pets", "maew", "paws")),
    "gaming": NicheLabel(("เกมเมอร์", "เล่นเกม", "สายเกม"), ("Gaming", "Plays", "GG"),
                         ("gamer", "gaming", "play", "esport", "gg")),
    "home": NicheLabel(("แต่งบ้าน", "บ้านน่าอยู่", "ของใช้ในบ้าน"), ("Home", "Home Decor", "DIY"),
                       ("home", "baan", "decor", "living", "diy")),
    "automotive": NicheLabel(("รถยนต์", "รีวิวรถ", "สายรถ"), ("Cars", "Auto", "Drive"),
                             ("car", "auto", "rod", "motor", "drive")),
    "education": NicheLabel(("ติวสอบ", "เรียนเก่ง", "ภาษาอังกฤษ"), ("Study", "Learn", "English"),
                            ("study", "tutor", "kru", "learn", "english")),
    "lifestyle": NicheLabel(("ไลฟ์สไตล์", "ชีวิตประจำวัน", "วันๆ"), ("Lifestyle", "Daily", "Diary"),
                            ("life", "daily", "vlog", "diary", "everyday")),
}  # fmt: skip


class Credential(NamedTuple):
    thai: str
    english: str
    title_th: str  # prefix in a display name ("หมอ", "ครู"), "" when none is used
    title_en: str


CREDENTIALS: dict[str, tuple[Credential, ...]] = {
    "beauty": (Credential("ช่างแต่งหน้ามืออาชีพ", "Professional makeup artist", "", "MUA"),
               Credential("ช่างแต่งหน้าเจ้าสาว 10 ปี", "Bridal makeup artist, 10 years", "", "")),
    "skincare": (Credential("เภสัชกร", "Pharmacist", "ภก.", "Pharm."),
                 Credential("แพทย์ผิวหนัง", "Dermatologist", "หมอ", "Dr."),
                 Credential("นักวิทยาศาสตร์เครื่องสำอาง", "Cosmetic scientist", "", "")),
    "fashion": (Credential("สไตลิสต์", "Fashion stylist", "", ""),
                Credential("ดีไซเนอร์", "Fashion designer", "", "")),
    "food": (Credential("เชฟ", "Chef", "เชฟ", "Chef"),
             Credential("นักโภชนาการ", "Nutritionist", "", "")),
    "travel": (Credential("มัคคุเทศก์ได้รับอนุญาต", "Licensed tour guide", "ไกด์", ""),
               Credential("นักเขียนท่องเที่ยว", "Travel writer", "", "")),
    "fitness": (Credential("เทรนเนอร์ที่ได้รับการรับรอง", "Certified personal trainer", "โค้ช", "Coach"),
                Credential("นักกายภาพบำบัด", "Physiotherapist", "", "")),
    "health": (Credential("พยาบาลวิชาชีพ", "Registered nurse", "", "Nurse"),
               Credential("แพทย์", "Medical doctor", "หมอ", "Dr."),
               Credential("นักกำหนดอาหาร", "Dietitian", "", "")),
    "it_gadgets": (Credential("วิศวกรคอมพิวเตอร์", "Software engineer", "", ""),
                   Credential("วิศวกร", "Engineer", "", "")),
    "finance": (Credential("นักวางแผนการเงิน CFP", "Certified financial planner", "", ""),
                Credential("นักวิเคราะห์การลงทุน", "Investment analyst", "", "")),
    "parenting": (Credential("กุมารแพทย์", "Paediatrician", "หมอ", "Dr."),
                  Credential("พยาบาลเด็ก", "Paediatric nurse", "", "")),
    "pets": (Credential("สัตวแพทย์", "Veterinarian", "หมอ", "Dr."),
             Credential("ผู้ฝึกสุนัข", "Dog trainer", "", "")),
    "gaming": (Credential("อดีตนักกีฬาอีสปอร์ต", "Former esports pro", "", ""),
               Credential("โค้ชทีมอีสปอร์ต", "Esports coach", "โค้ช", "Coach")),
    "home": (Credential("สถาปนิก", "Architect", "", ""),
             Credential("มัณฑนากร", "Interior designer", "", "")),
    "automotive": (Credential("วิศวกรยานยนต์", "Automotive engineer", "", ""),
                   Credential("ช่างยนต์ 15 ปี", "Mechanic, 15 years", "ช่าง", "")),
    "education": (Credential("ครู", "Teacher", "ครู", "Teacher"),
                  Credential("อาจารย์มหาวิทยาลัย", "University lecturer", "อ.", "Ajarn"),
                  Credential("ติวเตอร์", "Tutor", "ครู", "")),
    "lifestyle": (Credential("นักเขียน", "Writer", "", ""),
                  Credential("ช่างภาพ", "Photographer", "", "")),
}  # fmt: skip

# Short, ASCII city tags for handles, by province code.
CITY_TAGS: dict[str, str] = {
    "TH-10": "bkk", "TH-50": "cnx", "TH-40": "kk", "TH-20": "pattaya", "TH-83": "phuket",
    "TH-90": "hatyai", "TH-30": "korat", "TH-41": "udon", "TH-34": "ubon", "TH-57": "cei",
}  # fmt: skip

# Provinces creators live in: Bangkok and the big regional cities first.
PROVINCE_WEIGHTS: dict[str, float] = {
    "TH-10": 45, "TH-50": 7, "TH-20": 5, "TH-40": 4, "TH-12": 4, "TH-83": 3, "TH-90": 3,
    "TH-11": 3, "TH-13": 3, "TH-30": 3, "TH-41": 2, "TH-84": 2, "TH-57": 1.5, "TH-34": 1.5,
    "TH-21": 1.5, "TH-73": 1, "TH-65": 1, "TH-80": 1, "TH-81": 1, "TH-77": 1, "TH-14": 1,
}  # fmt: skip
OTHER_PROVINCES_WEIGHT = 8.0  # spread over every other province

HANDLE_PREFIXES = ("nong", "p", "khun", "the", "its", "hey", "iam", "mr", "ms")

NICHE_EMOJI: dict[str, tuple[str, ...]] = {
    "beauty": ("💄", "💋", "✨"), "skincare": ("🧴", "✨", "🌿"), "fashion": ("👗", "👠", "🛍️"),
    "food": ("🍜", "🍲", "😋"), "travel": ("✈️", "🏝️", "🗺️"), "fitness": ("💪", "🏋️", "🏃"),
    "health": ("🩺", "🌿", "💚"), "it_gadgets": ("📱", "💻", "🎧"), "finance": ("💰", "📈", "🏦"),
    "parenting": ("👶", "🍼", "💕"), "pets": ("🐾", "🐱", "🐶"), "gaming": ("🎮", "🕹️", "🏆"),
    "home": ("🏡", "🪴", "🛋️"), "automotive": ("🚗", "🔧", "⛽"), "education": ("📚", "✏️", "🎓"),
    "lifestyle": ("☕", "🌈", "✨"),
}  # fmt: skip
# The niche as a plain English noun, for sentences ("honest skincare reviews").
TOPIC_EN: dict[str, str] = {
    "beauty": "beauty", "skincare": "skincare", "fashion": "fashion", "food": "food",
    "travel": "travel", "fitness": "fitness", "health": "health", "it_gadgets": "tech",
    "finance": "money", "parenting": "parenting", "pets": "pet", "gaming": "gaming",
    "home": "home", "automotive": "car", "education": "study", "lifestyle": "lifestyle",
}  # fmt: skip

BIO_TH = (
    "{emoji} {label} | {extra}",
    "รีวิว{label}ตามจริง ไม่อวย {emoji}",
    "ชอบ{label} ชอบแชร์ {emoji} {extra}",
    "{emoji} {label} ทุกวัน | {place}",
    "แชร์เรื่อง{label}แบบเข้าใจง่าย {emoji}",
    "ตามมาดู{label}ด้วยกันนะ {emoji}",
)
BIO_EN = (
    "{emoji} {label_en} | {extra_en}",
    "{label_en} tips & honest reviews {emoji}",
    "Sharing my {label_en_lower} journey {emoji} · {place_en}",
    "{emoji} {label_en} · {place_en} based",
)
BIO_KOL_TH = (
    "{cred} {emoji} แชร์ความรู้เรื่อง{label}แบบเข้าใจง่าย",
    "{cred} | อธิบาย{label}ด้วยข้อมูลจริง {emoji}",
    "{cred} ประสบการณ์ {years} ปี {emoji} {label}",
)
BIO_KOL_EN = (
    "{cred_en} {emoji} Explaining {label_en_lower} with evidence",
    "{cred_en} · {years} yrs experience · {label_en} {emoji}",
)
BIO_KOC_TH = (
    "คนธรรมดาที่ชอบ{label} ซื้อเอง ใช้เอง รีวิวเอง {emoji}",
    "ใช้จริง รีวิวจริง ไม่มีสปอนเซอร์ {emoji} {label}",
    "แม่บ้าน/พนักงานออฟฟิศ ชอบลองของ {label} {emoji}",
    "นักศึกษาชอบรีวิว{label}งบน้อย {emoji}",
)
BIO_KOC_EN = ("Just a regular buyer sharing honest {label_en_lower} reviews {emoji}",)
BIO_EXTRA_TH = ("ทุกอย่างที่ชอบ", "รีวิวทุกวันศุกร์", "ฝากติดตามด้วยนะ", "คลิปใหม่ทุกสัปดาห์",
                "ชอบกิน ชอบเที่ยว", "ยินดีที่ได้รู้จัก")  # fmt: skip
BIO_EXTRA_EN = ("new videos weekly", "DM for collabs", "all opinions my own", "say hi 👋")

# Parts of commenter handles ("ploy_1994", "nuttyy.b", "kwan2541").
COMMENTER_WORDS = (
    "cute", "happy", "lovely", "sweet", "cat", "baby", "sky", "moon", "star", "choco", "milk",
    "tea", "honey", "sunny", "little", "real", "just", "only",
)  # fmt: skip
