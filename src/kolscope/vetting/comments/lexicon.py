"""Hand-written cues, in Thai and English, each with a name that shows up as evidence.

Patterns run on the normalised text (lower case, letter repeats undone, typed tokens such as
``<url>`` in place), so they need not spell out ดีมากกกก or HOW MUCH. Thai has no spaces
between words, so Thai cues are substrings; English cues use word boundaries.
Written for kolscope; no outside word list is copied here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple


class Cue(NamedTuple):
    name: str  # shown as evidence, e.g. "asks price"
    anchors: tuple[str, ...]  # the pattern can only match where one of these is in the text
    pattern: re.Pattern[str]
    weight: float  # how strongly the cue alone points at the label (0..1)
    gate: re.Pattern[str]  # the anchors as one pattern: one cheap search checks them all


def _cue(name: str, anchors: tuple[str, ...], pattern: str, weight: float) -> Cue:
    gate = re.compile("|".join(re.escape(a) for a in sorted(anchors, key=len, reverse=True)))
    return Cue(name, anchors, re.compile(pattern), weight, gate)  # text arrives lower-cased


_Q = r"(?:ไหม|มั้ย|มั๊ย|ไม๊|มั๋ย|หม้าย|มะ|ป่าว|ปะ|เปล่า|\?|ยังไง|ไง|อย่างไร|เท่าไหร่|เท่าไร|เท่าไหร|ไร)"

PURCHASE_CUES: tuple[Cue, ...] = (
    _cue("asks price", ('ราคา', 'เท่าไ', 'กี่บาท', 'how much', 'price'), r"ราคา(?:เท่า|ไร|กี่|ยังไง|เท่าไ|\s*\?|ส่ง|ต่อ)|เท่าไหร่|เท่าไร|เท่าไหร|กี่บาท|"
         r"ราคา.{0,12}" + _Q + r"|\bhow much\b|\bprice\s*(?:\?|pls|please|plz)|"
         r"\bwhat(?:'s| is) the price\b|\bprice list\b", 0.9),
    _cue("asks where to buy", ('ซื้อ', 'ขาย', 'พิกัด', 'ร้านอยู่', 'สาขาไหน', 'ลิ', 'where', 'link'), r"ซื้อ(?:ได้)?(?:ที่|ตรง)ไหน|หาซื้อ|มีขาย(?:ที่|ตรง)|ขาย(?:ที่|ตรง)ไหน|"
         r"พิกัด|ร้านอยู่(?:ที่|ตรง)?ไหน|สาขาไหน(?:มี|ขาย)|ขอลิ[งง้]|ลิ[งง้]ค์?(?:ค่ะ|ครับ|หน่อย|\s*\?)|"
         r"\bwhere (?:to|can i|do i|did you) (?:buy|get|order)\b|\blink\s*(?:\?|pls|please|plz)|"
         r"\bwhere(?:'s| is) (?:the )?(?:shop|store)\b", 0.9),
    _cue("asks how to order", ('สั่ง', 'จอง', 'พรีออเดอร์', 'order', 'how', 'can i'), r"สั่ง(?:ซื้อ)?(?:ยังไง|ได้ที่ไหน|ได้ไหม|ได้มั้ย|ทาง|ได้ยังไง|อย่างไร|ไง)|"
         r"จอง(?:ยังไง|ได้ไหม|ได้ที่)|วิธีสั่ง|สั่งได้|พรีออเดอร์|\bpre-?order\b|"
         r"\bhow (?:to|do i|can i) (?:order|buy|purchase)\b|\bcan i (?:order|buy)\b", 0.9),
    _cue("CF", ('cf', 'f', 'เอฟ', 'รับ', 'เอา'), r"(?<![a-z])cf(?![a-z])|(?<![a-z])f\s*(?:ค่ะ|คะ|ครับ|คับ|จ้า)|^เอฟ|รับ\s*(?:xqnumberq|<num>)\s*"
         r"(?:ชิ้น|ตัว|อัน|กล่อง|ขวด)?\s*(?:ค่ะ|คะ|ครับ|คับ|จ้า)|เอา\s*(?:xqnumberq|<num>)\s*(?:ชิ้น|ตัว|อัน)",
         0.95),
    _cue("asks to chat", ('ทัก', 'ส่งข้อความ', 'ib', 'inbox', 'dm', 'pm', 'อินบ', 'รายละเอียด', 'แอดไลน์', 'send', 'check'), r"ทัก(?:แชท|แช็ท|เชท|ไป|ข้อความ|อินบ็อก|อินบอก|ib|dm)|ทักนะ|ทักแล้ว|ส่งข้อความ|"
         r"(?<![a-z])(?:ib|inbox|dm|pm)(?![a-z])|อินบ็อก|อินบอก|ขอรายละเอียด|รายละเอียด(?:หน่อย|ด้วย)|"
         r"แอดไลน์|\bsend (?:me )?(?:a )?(?:dm|details)\b|\bcheck (?:your )?(?:dm|inbox)\b", 0.75),
    _cue("interested", ('สนใจ', 'interested', 'i want', 'อยากได้', 'want to buy', 'need this'), r"(?<!น่า)สนใจ(?:ค่ะ|คะ|ครับ|คับ|จ้า|ค่า|\s|$)|\binterested\b|\bi want (?:one|this|it)\b|"
         r"อยากได้(?:ค่ะ|คะ|ครับ|จัง|มาก|เลย|\s|$)|\bwant to buy\b|\bneed this\b", 0.6),
    _cue("asks stock or size", ('มี', 'ไซส์', 'สี', 'หมด', 'เหลือ', 'stock', 'available', 'size', 'colo'), r"มี(?:ไซส์|ไซซ์|size|สี|ของ)|ไซส์(?:ไหน|อะไร)|สี(?:ไหน|อะไร)บ้าง|"
         r"(?:ของ)?(?:หมด|เหลือ)(?:ยัง|ไหม|มั้ย|หรือยัง)|ยังมี(?:ไหม|มั้ย|อยู่ไหม|ของ)|"
         r"\b(?:in stock|still available|available in|any size|what sizes?|which colou?rs?)\b", 0.7),
    _cue("asks delivery or payment", ('ส่ง', 'ปลายทาง', 'cod', 'ผ่อน', 'โอน', 'ship', 'deliver'), r"ค่าส่ง|ส่งฟรี|ส่ง(?:ต่างประเทศ|ต่างจังหวัด|ไหม|มั้ย|ยังไง|กี่วัน)|"
         r"เก็บเงินปลายทาง|(?<![a-z])cod(?![a-z])|ผ่อน(?:ได้|ไหม|มั้ย)|โอน(?:ยังไง|ที่ไหน)|"
         r"\b(?:shipping|ship to|delivery|cash on delivery)\b", 0.6),
    _cue("asks about promotion", ('โปร', 'ส่วนลด', 'โค้ด', 'discount', 'promo', 'sale'), r"(?:มี|ยังมี)?(?:โปร|ส่วนลด|โค้ด)(?:ไหม|มั้ย|อะไร|ยัง|ถึง|หมด|\s*\?)|"
         r"\b(?:discount|promo) code\b|\bany (?:discount|promo|sale)\b", 0.5),
)  # fmt: skip

QUESTION_CUES: tuple[Cue, ...] = (
    _cue("question mark", ('?',), r"\?", 0.6),
    _cue("question word", ('ไหม', 'มั้ย', 'มั๊ย', 'ไม๊', 'หม้าย', 'ไง', 'อย่างไร', 'เท่าไ', 'อะไร', 'ไหน', 'ทำไม', 'เปล่า', 'ป่าว', 'ยัง', 'เมื่อไ', 'กี่', 'ใคร', 'ปะ', 'บ้าง'), r"(?:ไหม|มั้ย|มั๊ย|ไม๊|หม้าย|ยังไง|อย่างไร|เท่าไหร่|เท่าไร|อะไร|ที่ไหน|ตรงไหน|ทำไม|"
         r"หรือเปล่า|รึเปล่า|หรือป่าว|รึป่าว|หรือยัง|รึยัง|เมื่อไหร่|เมื่อไร|กี่|ใคร|อันไหน|ไหนดี|"
         r"แบบไหน|ยังไงดี|ดีไหม|ดีมั้ย|ได้ไหม|ได้มั้ย|ได้ป่าว|ได้ปะ|บ้าง(?:คะ|ครับ|คับ|จ้า|\s*$))", 0.5),
    _cue("question particle at end", ('คะ', 'หรอ', 'ป่าว', 'ปะ', 'มั้ย', 'ไหม', 'ไร', 'ไง'), r"(?:คะ|เหรอ|หรอ|ป่าว|ปะ|มั้ย|ไหม|ไร|ไง)\s*(?:xq\w+q|\S{1,2})?\s*$", 0.4),
    _cue("English question", ('how', 'what', 'where', 'when', 'why', 'who', 'which', 'can', 'could', 'is', 'are', 'do', 'did', 'will', 'would', 'any', 'should'), r"^(?:how|what|where|when|why|who|which|can|could|is|are|do|does|did|will|"
         r"would|any|anyone|should)\b(?=.*\w)", 0.5),
)  # fmt: skip

SPAM_CUES: tuple[Cue, ...] = (
    _cue("gambling", ('บาคาร่า', 'สล็อต', 'เว็บตรง', 'แทง', 'หวย', 'คาสิโน', 'ฝาก', 'ขั้นต่ำ', 'เครดิต', 'ยูฟ่า', 'ufa', 'slot', 'baccarat', 'casino', 'betting', 'jackpot', 'โบนัส', 'ปั่น', 'pg'), r"บาคาร่า|สล็อต|เว็บตรง|แทงบอล|แทงหวย|หวยออนไลน์|คาสิโน|ฝาก\s*-?\s*ถอน|ไม่มีขั้นต่ำ|"
         r"เครดิตฟรี|แจกเครดิต|ยูฟ่า|ufa|pg\s?slot|\bslots?\b|\bbaccarat\b|\bcasino\b|\bbetting\b|"
         r"\bjackpot\b|ฝากครั้งแรก|โบนัส\s*(?:xqnumberq|<num>)\s*%|ปั่นสล็อต", 0.95),
    _cue("loan offer", ('กู้', 'เงินด่วน', 'สินเชื่อ', 'บูโร', 'ค้ำ', 'อนุมัติ', 'loan'), r"กู้เงิน|เงินด่วน|เงินกู้|ปล่อยกู้|สินเชื่อ|ไม่เช็คบูโร|ไม่ต้องค้ำ|อนุมัติ(?:ไว|เร็ว|ง่าย)|"
         r"\b(?:quick|fast|easy) loans?\b|\bloan offer\b", 0.9),
    _cue("crypto or investment pitch", ('crypto', 'bitcoin', 'btc', 'forex', 'binary option', 'nft', 'usdt', 'invest', 'trad', 'profit', 'passive income', 'earn', 'made', 'make', 'financial', 'เทรด', 'ลงทุน', 'ผลตอบแทน', 'คริปโต'), r"\b(?:crypto|bitcoin|btc|forex|binary option|nft drop|usdt)\b|"
         r"\binvest(?:ment|ing|or)?\b|\btrad(?:ing|er)\b|\bprofits?\b|\bpassive income\b|"
         r"\bearn(?:ed|ing)? \$|\b(?:made|make|earn) (?:money|\$)|\bfinancial (?:freedom|advisor)\b|"
         r"เทรด|ลงทุน.{0,10}(?:กำไร|ผลตอบแทน)|ผลตอบแทน(?:สูง|ต่อวัน|ต่อเดือน)|คริปโต", 0.7),
    _cue("contact me pitch", ('dm', 'message', 'text', 'contact', 'inbox', 'whatsapp', 'telegram', 'wickr', 'signal', 'check', 'visit', 'click', 'link', 'ทักมา', 'ติดต่อ', 'โปรไฟล์', 'คลิก', 'กดลิ', 'สนใจทัก'), r"\b(?:dm|message|text|contact|inbox|whatsapp|telegram) (?:me|us|him|her)\b|"
         r"\b(?:whatsapp|telegram|wickr|signal)\b|\bcheck (?:out )?my (?:bio|profile|page|channel|video|"
         r"account|ig|story)\b|\bvisit my\b|\bclick (?:the|my|this) link\b|\blink in (?:my )?bio\b|"
         r"ทักมาที่|ติดต่อ(?:ได้)?ที่|ดูโปรไฟล์|ดูที่โปรไฟล์|คลิกลิ[งง้]|กดลิ[งง้]|สนใจทัก(?:ไลน์|ไอดี)", 0.7),
    _cue("follow for follow", ('sub', 'f4f', 'l4l', 'follow', 'ฟอล', 'ติดตามกลับ', 'ปั๊ม', 'ทำยอด', 'ผู้ติดตาม', 'ขายไลค์', 'please', 'pls'), r"\b(?:sub4sub|f4f|l4l|follow4follow|follow for follow|follow back|"
         r"sub(?:scribe)? (?:to )?my|subscribe back|free followers|gain followers|"
         r"please subscribe|pls subscribe|subscribe please)\b|ฟอลกลับ|ติดตามกลับ|แลกฟอล|"
         r"ปั๊ม(?:ไลค์|ฟอล|วิว|ยอด)|รับทำยอด|เพิ่มผู้ติดตาม|ขายไลค์|ขายฟอล", 0.8),
    _cue("easy money", ('รายได้', 'งานออนไลน์', 'ทำงานที่บ้าน', 'หาเงิน', 'work from home', 'make money', 'per ', 'cash', 'won', 'claim', 'giveaway'), r"รายได้เสริม|งานออนไลน์|ทำงานที่บ้าน|หาเงินออนไลน์|รายได้วันละ|รายได้(?:หลัก)?(?:หมื่น|แสน)|"
         r"\bwork from home\b|\bmake money online\b|\bper (?:day|week) from home\b|\bcash ?app\b|"
         r"\b(?:you|u) (?:have )?won\b|\bclaim (?:your )?(?:prize|reward)\b|\bgiveaway winner\b", 0.8),
    _cue("adult", ('xxx', 'porn', 'nude', 'onlyfans', 'hot ', 'คลิปหลุด', 'เสียว', 'ไซด์ไลน์', 'รับงาน'), r"\b(?:xxx|porn|nudes?|onlyfans|hot (?:girls|singles))\b|คลิปหลุด|เสียว|ไซด์ไลน์|"
         r"รับงาน(?:เอ็น|n)", 0.8),
)  # fmt: skip

# Typed tokens that spam leans on; together with a spam cue they raise the score further.
SPAM_TOKENS = {"url": 0.45, "lineid": 0.6, "phone": 0.5}

# Our own toxicity lexicon: insults, slurs and profanity aimed at a person. Words that are
# merely rude between friends (กู, มึง) are not on it on their own.
TOXIC_CUES: tuple[Cue, ...] = (
    _cue("profanity", ('เหี้ย', 'เชี่ย', 'สัส', 'สัด', 'สัตว์', 'ชิบหาย', 'ฉิบหาย', 'แม่ง', 'มึง', 'ห่า', 'จัญไร', 'ระยำ', 'ตีน', 'ควย', 'หี', 'เย็ด', 'แตด', 'fuck', 'shit', 'bitch', 'asshole', 'bastard', 'dick', 'cunt', 'wtf', 'stfu'), r"เหี้ย|เหี้ยะ|เชี่ย|สัส|สัด(?!ส่วน|ว)|ไอ้สัตว์|อีสัตว์|ชิบหาย|ฉิบหาย|แม่ง|แม่มึง|"
         r"พ่อมึง|ตายห่า|ห่าเอ๊ย|อีห่า|ไอ้ห่า|ห่าราก|จัญไร|ระยำ|ส้นตีน|ควย|หี(?!บ)|เย็ด|แตด|"
         r"\b(?:fuck\w*|shit\w*|bitch\w*|asshole|bastard|dick|cunt|motherfucker|wtf|stfu)\b", 0.9),
    _cue("insult", ('ควาย', 'โง่', 'ปัญญาอ่อน', 'สมอง', 'ตอแหล', 'อีดอก', 'อีตัว', 'กะหรี่', 'ร่าน', 'แรด', 'หน้าด้าน', 'ตัวเมีย', 'เวร', 'ขยะสังคม', 'สวะ', 'บ้า', 'อีช่าง', 'ชาติ', 'หมา', 'ไอ้', 'ถุย', 'idiot', 'stupid', 'moron', 'retard', 'dumbass', 'loser', 'ugly', 'slut', 'whore', 'trash', 'scumbag', 'piece of shit'), r"ควาย|อีควาย|ไอ้ควาย|โง่|ปัญญาอ่อน|สมองหมา|สมองควาย|หน้าโง่|อีโง่|ไอ้โง่|ตอแหล|"
         r"อีดอก|อีตัว|กะหรี่|ร่าน|แรด|หน้าด้าน|หน้าตัวเมีย|ไอ้เวร|อีเวร|เวรตะไล|ขยะสังคม|เศษสวะ|สวะ|"
         r"ไอ้บ้า|อีบ้า|อีช่าง|ไอ้ชาติชั่ว|ชาติหมา|หมาวัด|ไอ้หมา|อีหมา|ไอ้เหี้ย|ไอ้ขี้|ถุย|"
         r"\b(?:idiot|stupid|moron|retard\w*|dumbass|loser|ugly (?:bitch|pig)|slut|whore|"
         r"trash person|scumbag|piece of shit)\b", 0.85),
    _cue("threat or hate", ('ตาย', 'ฆ่า', 'กระทืบ', 'ตบ', 'เผา', 'kill', 'kys', 'die', 'hurt'), r"ไปตาย|ตายซะ|ฆ่าทิ้ง|จะฆ่า|กระทืบ|ตบให้|เผาทิ้ง|\bkill (?:yourself|urself|you)\b|"
         r"\bkys\b|\bgo die\b|\bi will (?:kill|hurt)\b", 0.9),
)  # fmt: skip

# Words that alone make a comment low-effort (after emoji, laughter, mentions and polite
# particles are taken away).
GENERIC_WORDS = frozenset(
    [
        "nice",
        "nicee",
        "wow",
        "cool",
        "great",
        "good",
        "love",
        "lovely",
        "beautiful",
        "gorgeous",
        "cute",
        "amazing",
        "awesome",
        "perfect",
        "fire",
        "lit",
        "first",
        "yes",
        "yay",
        "omg",
        "ok",
        "okay",
        "wonderful",
        "stunning",
        "pretty",
        "beauty",
        "super",
        "nice",
        "pic",
        "nice",
        "post",
        "nice",
        "photo",
        "great",
        "post",
        "great",
        "pic",
        "love",
        "it",
        "love",
        "this",
        "so",
        "cute",
        "so",
        "nice",
        "so",
        "good",
        "so",
        "pretty",
        "very",
        "nice",
        "very",
        "good",
        "amazing",
        "pic",
        "awesome",
        "pic",
        "beautiful",
        "pic",
        "wow",
        "nice",
        "สวย",
        "สวยมาก",
        "สวยจัง",
        "น่ารัก",
        "น่ารักมาก",
        "น่ารักจัง",
        "ดี",
        "ดีมาก",
        "ดีจัง",
        "ดีงาม",
        "เยี่ยม",
        "เยี่ยมมาก",
        "ปัง",
        "ปังมาก",
        "เริ่ด",
        "เริ่ดมาก",
        "แจ่ม",
        "แจ่มมาก",
        "เจ๋ง",
        "เจ๋งมาก",
        "สุดยอด",
        "ว้าว",
        "โอ้โห",
        "ชอบ",
        "ชอบมาก",
        "ชอบจัง",
        "หล่อ",
        "หล่อมาก",
        "ปังๆ",
        "เลิศ",
        "เลิศมาก",
        "งาม",
        "งามมาก",
        "เก่ง",
        "เก่งมาก",
        "มาแล้ว",
        "ตามมา",
        "ติดตาม",
        "รักเลย",
        "รัก",
        "เฟี้ยว",
        "ฟิน",
        "ฟินมาก",
    ]
)
# Filler that does not change whether a comment says anything.
FILLER_WORDS = frozenset(
    [
        "ค่ะ",
        "คะ",
        "ครับ",
        "คับ",
        "ค้าบ",
        "ครัช",
        "จ้า",
        "จ้ะ",
        "ค่า",
        "นะ",
        "น้า",
        "เลย",
        "มาก",
        "มากๆ",
        "จัง",
        "จริง",
        "จริงๆ",
        "เลยค่ะ",
        "เลยครับ",
        "ๆ",
        "the",
        "so",
        "very",
        "really",
        "soo",
        "sooo",
        "a",
        "an",
        "this",
        "is",
        "it",
        "its",
    ]
)


@lru_cache(maxsize=16)
def _gate(cues: tuple[Cue, ...]) -> re.Pattern[str]:
    """One pattern of every anchor of these cues: most comments match none of them, and
    one search rules the whole set out."""
    anchors = sorted({a for cue in cues for a in cue.anchors}, key=len, reverse=True)
    return re.compile("|".join(re.escape(a) for a in anchors))


def fired(cues: tuple[Cue, ...], text: str) -> list[Cue]:
    """The cues whose pattern is found in the text. Substring checks on the cues' anchors
    come first (all at once, then each cue's): they are far cheaper than the patterns and
    rule most cues out."""
    if not _gate(cues).search(text):
        return []
    return [c for c in cues if c.gate.search(text) and c.pattern.search(text)]


@lru_cache(maxsize=8_192)
def spam_cues(text: str) -> tuple[Cue, ...]:
    """The spam cues found in one normalised text. Cached: the spam head's features and the
    spam rules both ask, a batch (2,048 comments) apart at most."""
    return tuple(fired(SPAM_CUES, text))


def combined(weights: list[float]) -> float:
    """Probability that at least one independent cue is right: 1 - Π(1 - w)."""
    miss = 1.0
    for weight in weights:
        miss *= 1.0 - weight
    return 1.0 - miss
