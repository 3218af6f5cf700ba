"""Countries, Thai provinces and languages, read from the many ways people write them.

Countries are stored as ISO 3166-1 alpha-2 codes ("TH"), Thai provinces as ISO 3166-2 codes
("TH-10" is Bangkok) and languages as ISO 639-1 codes ("th").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import pycountry


@dataclass(frozen=True, slots=True)
class Province:
    code: str  # ISO 3166-2, e.g. "TH-50"
    name_en: str
    name_th: str
    region: str  # one of REGIONS (the six geographic regions)
    aliases: tuple[str, ...] = ()


REGIONS = {
    "central": ("Central", "ภาคกลาง"),
    "north": ("North", "ภาคเหนือ"),
    "northeast": ("Northeast (Isan)", "ภาคตะวันออกเฉียงเหนือ (อีสาน)"),
    "east": ("East", "ภาคตะวันออก"),
    "west": ("West", "ภาคตะวันตก"),
    "south": ("South", "ภาคใต้"),
}

_P = Province
THAI_PROVINCES: tuple[Province, ...] = (
    _P(
        "TH-10",
        "Bangkok",
        "กรุงเทพมหานคร",
        "central",
        ("krung thep maha nakhon", "krung thep", "bkk", "กรุงเทพ", "กรุงเทพฯ", "กทม", "กทม."),
    ),
    _P("TH-11", "Samut Prakan", "สมุทรปราการ", "central", ("samutprakan",)),
    _P("TH-12", "Nonthaburi", "นนทบุรี", "central", ("นนท์",)),
    _P("TH-13", "Pathum Thani", "ปทุมธานี", "central", ("pathumthani",)),
    _P("TH-14", "Phra Nakhon Si Ayutthaya", "พระนครศรีอยุธยา", "central", ("ayutthaya", "อยุธยา")),
    _P("TH-15", "Ang Thong", "อ่างทอง", "central", ("angthong",)),
    _P("TH-16", "Lopburi", "ลพบุรี", "central", ("lop buri",)),
    _P("TH-17", "Sing Buri", "สิงห์บุรี", "central", ("singburi",)),
    _P("TH-18", "Chai Nat", "ชัยนาท", "central", ("chainat",)),
    _P("TH-19", "Saraburi", "สระบุรี", "central", ("sara buri",)),
    _P("TH-20", "Chonburi", "ชลบุรี", "east", ("chon buri", "pattaya", "phatthaya", "พัทยา")),
    _P("TH-21", "Rayong", "ระยอง", "east"),
    _P("TH-22", "Chanthaburi", "จันทบุรี", "east"),
    _P("TH-23", "Trat", "ตราด", "east"),
    _P("TH-24", "Chachoengsao", "ฉะเชิงเทรา", "east", ("แปดริ้ว",)),
    _P("TH-25", "Prachinburi", "ปราจีนบุรี", "east", ("prachin buri",)),
    _P("TH-26", "Nakhon Nayok", "นครนายก", "central"),
    _P("TH-27", "Sa Kaeo", "สระแก้ว", "east", ("sakaeo",)),
    _P("TH-30", "Nakhon Ratchasima", "นครราชสีมา", "northeast", ("korat", "khorat", "โคราช")),
    _P("TH-31", "Buriram", "บุรีรัมย์", "northeast", ("buri ram",)),
    _P("TH-32", "Surin", "สุรินทร์", "northeast"),
    _P("TH-33", "Sisaket", "ศรีสะเกษ", "northeast", ("si sa ket",)),
    _P("TH-34", "Ubon Ratchathani", "อุบลราชธานี", "northeast", ("ubon", "อุบล")),
    _P("TH-35", "Yasothon", "ยโสธร", "northeast"),
    _P("TH-36", "Chaiyaphum", "ชัยภูมิ", "northeast"),
    _P("TH-37", "Amnat Charoen", "อำนาจเจริญ", "northeast"),
    _P("TH-38", "Bueng Kan", "บึงกาฬ", "northeast", ("buengkan",)),
    _P("TH-39", "Nong Bua Lamphu", "หนองบัวลำภู", "northeast", ("nong bua lam phu",)),
    _P("TH-40", "Khon Kaen", "ขอนแก่น", "northeast", ("khonkaen",)),
    _P("TH-41", "Udon Thani", "อุดรธานี", "northeast", ("udon", "อุดร")),
    _P("TH-42", "Loei", "เลย", "northeast"),
    _P("TH-43", "Nong Khai", "หนองคาย", "northeast"),
    _P("TH-44", "Maha Sarakham", "มหาสารคาม", "northeast", ("sarakham",)),
    _P("TH-45", "Roi Et", "ร้อยเอ็ด", "northeast", ("roiet",)),
    _P("TH-46", "Kalasin", "กาฬสินธุ์", "northeast"),
    _P("TH-47", "Sakon Nakhon", "สกลนคร", "northeast"),
    _P("TH-48", "Nakhon Phanom", "นครพนม", "northeast"),
    _P("TH-49", "Mukdahan", "มุกดาหาร", "northeast"),
    _P("TH-50", "Chiang Mai", "เชียงใหม่", "north", ("chiangmai", "cnx")),
    _P("TH-51", "Lamphun", "ลำพูน", "north"),
    _P("TH-52", "Lampang", "ลำปาง", "north"),
    _P("TH-53", "Uttaradit", "อุตรดิตถ์", "north"),
    _P("TH-54", "Phrae", "แพร่", "north"),
    _P("TH-55", "Nan", "น่าน", "north"),
    _P("TH-56", "Phayao", "พะเยา", "north"),
    _P("TH-57", "Chiang Rai", "เชียงราย", "north", ("chiangrai",)),
    _P("TH-58", "Mae Hong Son", "แม่ฮ่องสอน", "north"),
    _P("TH-60", "Nakhon Sawan", "นครสวรรค์", "central"),
    _P("TH-61", "Uthai Thani", "อุทัยธานี", "central"),
    _P("TH-62", "Kamphaeng Phet", "กำแพงเพชร", "central"),
    _P("TH-63", "Tak", "ตาก", "west", ("mae sot", "แม่สอด")),
    _P("TH-64", "Sukhothai", "สุโขทัย", "central"),
    _P("TH-65", "Phitsanulok", "พิษณุโลก", "central"),
    _P("TH-66", "Phichit", "พิจิตร", "central"),
    _P("TH-67", "Phetchabun", "เพชรบูรณ์", "central"),
    _P("TH-70", "Ratchaburi", "ราชบุรี", "west"),
    _P("TH-71", "Kanchanaburi", "กาญจนบุรี", "west"),
    _P("TH-72", "Suphan Buri", "สุพรรณบุรี", "central", ("suphanburi",)),
    _P("TH-73", "Nakhon Pathom", "นครปฐม", "central"),
    _P("TH-74", "Samut Sakhon", "สมุทรสาคร", "central", ("mahachai", "มหาชัย")),
    _P("TH-75", "Samut Songkhram", "สมุทรสงคราม", "central", ("amphawa", "อัมพวา")),
    _P("TH-76", "Phetchaburi", "เพชรบุรี", "west", ("phet buri",)),
    _P("TH-77", "Prachuap Khiri Khan", "ประจวบคีรีขันธ์", "west", ("hua hin", "หัวหิน")),
    _P("TH-80", "Nakhon Si Thammarat", "นครศรีธรรมราช", "south", ("nakhon si", "นครศรีฯ")),
    _P("TH-81", "Krabi", "กระบี่", "south"),
    _P("TH-82", "Phang Nga", "พังงา", "south", ("phangnga",)),
    _P("TH-83", "Phuket", "ภูเก็ต", "south"),
    _P("TH-84", "Surat Thani", "สุราษฎร์ธานี", "south", ("suratthani", "koh samui", "samui", "สมุย")),
    _P("TH-85", "Ranong", "ระนอง", "south"),
    _P("TH-86", "Chumphon", "ชุมพร", "south"),
    _P("TH-90", "Songkhla", "สงขลา", "south", ("hat yai", "hatyai", "หาดใหญ่")),
    _P("TH-91", "Satun", "สตูล", "south"),
    _P("TH-92", "Trang", "ตรัง", "south"),
    _P("TH-93", "Phatthalung", "พัทลุง", "south"),
    _P("TH-94", "Pattani", "ปัตตานี", "south"),
    _P("TH-95", "Yala", "ยะลา", "south"),
    _P("TH-96", "Narathiwat", "นราธิวาส", "south"),
)
PROVINCES_BY_CODE = {p.code: p for p in THAI_PROVINCES}


def _key(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().strip()
    for prefix in ("จังหวัด", "จ.", "changwat ", "province of "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    for suffix in (" province", " metropolis", " city"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return " ".join(text.replace("-", " ").split())


@cache
def _province_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for province in THAI_PROVINCES:
        names = (province.code, province.name_en, province.name_th, *province.aliases)
        for name in names:
            index[_key(name)] = province.code
            index[_key(name).replace(" ", "")] = province.code
    for sub in pycountry.subdivisions.get(country_code="TH"):  # type: ignore[no-untyped-call]
        if sub.code in PROVINCES_BY_CODE:
            index.setdefault(_key(sub.name), sub.code)
    return index


@lru_cache(maxsize=4096)
def find_province(text: str) -> Province | None:
    """The Thai province a cell names ("Bangkok", "กทม.", "จ.เชียงใหม่", "TH-50"), or None."""
    key = _key(text)
    code = _province_index().get(key) or _province_index().get(key.replace(" ", ""))
    return PROVINCES_BY_CODE.get(code) if code else None


_COUNTRY_ALIASES = {
    "thailand": "TH",
    "thai": "TH",
    "ไทย": "TH",
    "ประเทศไทย": "TH",
    "usa": "US",
    "us": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "america": "US",
    "united states of america": "US",
    "สหรัฐ": "US",
    "สหรัฐอเมริกา": "US",
    "อเมริกา": "US",
    "uk": "GB",
    "u.k.": "GB",
    "england": "GB",
    "britain": "GB",
    "great britain": "GB",
    "อังกฤษ": "GB",
    "south korea": "KR",
    "korea": "KR",
    "republic of korea": "KR",
    "เกาหลี": "KR",
    "เกาหลีใต้": "KR",
    "north korea": "KP",
    "russia": "RU",
    "รัสเซีย": "RU",
    "vietnam": "VN",
    "viet nam": "VN",
    "เวียดนาม": "VN",
    "laos": "LA",
    "lao": "LA",
    "ลาว": "LA",
    "ญี่ปุ่น": "JP",
    "จีน": "CN",
    "china": "CN",
    "taiwan": "TW",
    "ไต้หวัน": "TW",
    "hong kong": "HK",
    "ฮ่องกง": "HK",
    "singapore": "SG",
    "สิงคโปร์": "SG",
    "malaysia": "MY",
    "มาเลเซีย": "MY",
    "indonesia": "ID",
    "อินโดนีเซีย": "ID",
    "philippines": "PH",
    "ฟิลิปปินส์": "PH",
    "myanmar": "MM",
    "burma": "MM",
    "เมียนมา": "MM",
    "พม่า": "MM",
    "cambodia": "KH",
    "กัมพูชา": "KH",
    "india": "IN",
    "อินเดีย": "IN",
    "turkey": "TR",
    "türkiye": "TR",
    "iran": "IR",
    "syria": "SY",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "czech republic": "CZ",
    "uae": "AE",
    "emirates": "AE",
    "ivory coast": "CI",
    "palestine": "PS",
    "moldova": "MD",
    "macedonia": "MK",
}


@cache
def _country_lookup(key: str) -> str | None:
    if key in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[key]
    try:
        country = pycountry.countries.lookup(key)
    except LookupError:
        return None
    return str(country.alpha_2)


@lru_cache(maxsize=4096)
def find_country(text: str) -> str | None:
    """The ISO alpha-2 code of a country name or code ("Thailand", "ไทย", "USA", "th"), or None."""
    key = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    if not key:
        return None
    return _country_lookup(key)


def country_name(code: str | None) -> str | None:
    """The English short name of a country code ("TH" -> "Thailand")."""
    if not code:
        return None
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


_LANGUAGE_ALIASES = {
    "thai": "th",
    "ไทย": "th",
    "ภาษาไทย": "th",
    "english": "en",
    "อังกฤษ": "en",
    "ภาษาอังกฤษ": "en",
    "eng": "en",
    "chinese": "zh",
    "mandarin": "zh",
    "จีน": "zh",
    "japanese": "ja",
    "ญี่ปุ่น": "ja",
    "korean": "ko",
    "เกาหลี": "ko",
    "lao": "lo",
    "ลาว": "lo",
    "burmese": "my",
    "พม่า": "my",
    "khmer": "km",
    "เขมร": "km",
    "vietnamese": "vi",
    "เวียดนาม": "vi",
    "malay": "ms",
    "indonesian": "id",
}


@lru_cache(maxsize=1024)
def find_language(text: str) -> str | None:
    """The ISO 639-1 code of a language name or code ("Thai", "ไทย", "en"), or None."""
    key = text.strip().casefold()
    if not key:
        return None
    if key in _LANGUAGE_ALIASES:
        return _LANGUAGE_ALIASES[key]
    try:
        language = pycountry.languages.lookup(key)
    except LookupError:
        return None
    code = getattr(language, "alpha_2", None)
    return str(code) if code else None
