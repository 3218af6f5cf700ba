"""Who the synthetic creators are: kinds, niches, places, platforms, handles, names, bios, sizes."""

from __future__ import annotations

import random
import re
from typing import NamedTuple

from kolscope.catalogue.demo.data.brands import brands_for
from kolscope.catalogue.demo.data.plans import (
    GENERAL,
    KOC,
    KOL,
    AccountPlan,
    clamp,
    cumulative,
    log_uniform,
    pick,
    weighted,
)
from kolscope.catalogue.demo.data.vocab_people import (
    BIO_EN,
    BIO_EXTRA_EN,
    BIO_EXTRA_TH,
    BIO_KOC_EN,
    BIO_KOC_TH,
    BIO_KOL_EN,
    BIO_KOL_TH,
    BIO_TH,
    CITY_TAGS,
    CREDENTIALS,
    HANDLE_PREFIXES,
    NICHE_EMOJI,
    NICHE_LABELS,
    NICHE_WEIGHTS,
    NICHES,
    NICKNAMES,
    OTHER_PROVINCES_WEIGHT,
    PROVINCE_WEIGHTS,
    TOPIC_EN,
    Credential,
    Nickname,
)
from kolscope.domain.places import THAI_PROVINCES
from kolscope.domain.platforms import Platform

PLATFORMS = (Platform.INSTAGRAM, Platform.TIKTOK, Platform.YOUTUBE, Platform.FACEBOOK,
             Platform.X, Platform.LEMON8, Platform.LINE, Platform.PANTIP)  # fmt: skip
_PLATFORM_CUM = cumulative((30, 27, 12, 16, 5, 5, 2, 3))
_KINDS = (KOL, KOC, GENERAL)
_KIND_CUM = cumulative((28, 27, 45))
_NICHE_CUM = cumulative(NICHE_WEIGHTS)
_PROVINCE_CODES = [
    *PROVINCE_WEIGHTS,
    *(p.code for p in THAI_PROVINCES if p.code not in PROVINCE_WEIGHTS),
]
_OTHERS = len(THAI_PROVINCES) - len(PROVINCE_WEIGHTS)
_PROVINCE_CUM = cumulative(
    [*PROVINCE_WEIGHTS.values(), *[OTHER_PROVINCES_WEIGHT / _OTHERS] * _OTHERS]
)
PROVINCE_NAMES = {p.code: (p.name_th, p.name_en) for p in THAI_PROVINCES}

TIERS = {  # follower range of each standard tier
    "consumer": (80, 1_000), "nano": (1_000, 10_000), "micro": (10_000, 100_000),
    "mid": (100_000, 500_000), "macro": (500_000, 1_000_000), "mega": (1_000_000, 6_000_000),
}  # fmt: skip
_TIER_NAMES = tuple(TIERS)
_TIER_CUM = {
    KOL: cumulative((2, 27, 45, 17, 6.5, 1.0)),
    KOC: cumulative((50, 42, 8, 0, 0, 0)),
    GENERAL: cumulative((12, 46, 32, 7.5, 2.0, 0.5)),
}
_PLATFORM_ENGAGEMENT = {
    Platform.INSTAGRAM: 1.0, Platform.TIKTOK: 1.5, Platform.YOUTUBE: 0.8,
    Platform.FACEBOOK: 0.5, Platform.X: 0.4, Platform.LEMON8: 0.9, Platform.LINE: 0.3,
    Platform.PANTIP: 0.25,
}  # fmt: skip
_FOREIGN = ("LA", "MM", "KH", "MY", "SG", "JP")


def base_engagement(followers: int) -> float:
    """Typical (likes + comments) / followers for an account of this size."""
    for limit, rate in ((1_000, 0.07), (10_000, 0.045), (100_000, 0.03), (500_000, 0.02),
                        (1_000_000, 0.015)):  # fmt: skip
        if followers < limit:
            return rate
    return 0.012


def _followers(rng: random.Random, kind: str) -> int:
    tier = weighted(rng, _TIER_NAMES, _TIER_CUM[kind])
    low, high = TIERS[tier]
    return int(log_uniform(rng, low, high, skew=1.4))


def _clean_handle(handle: str, platform: Platform) -> str:
    handle = re.sub(r"[^a-z0-9._]", "", handle.lower())
    if platform == Platform.X:
        handle = handle.replace(".", "_")
    elif platform == Platform.FACEBOOK:
        handle = handle.replace("_", ".")
    handle = re.sub(r"([._])[._]+", r"\1", handle).strip("._")
    return handle[:28].rstrip("._")


_HANDLE_PATTERNS = ("{p}.{n}.{w}", "{n}_{w}", "{w}by{n}", "{n}{w}", "{n}.{w}th", "the{w}{n}",
                    "{nn}_{d}", "{w}with{n}", "{n}.{w}{d}", "{p}{n}_{w}")  # fmt: skip
_CITY_PATTERNS = ("{city}_{w}{d}", "{city}.{n}.{w}", "{n}{w}{city}")
_KOC_PATTERNS = ("{n}.{w}.review", "{n}.uses.{w}", "{n}_{w}_diary")


def make_handle(
    rng: random.Random, nick: Nickname, niche: str, province: str | None, kind: str
) -> str:
    """A handle such as ``nong.mint.review`` or ``bkk_foodie88`` (cleaned per platform later)."""
    n = nick.roman
    city = CITY_TAGS.get(province or "", "")
    patterns: tuple[str, ...]
    if city and rng.random() < 0.12:
        patterns = _CITY_PATTERNS
    elif kind == KOC and rng.random() < 0.2:
        patterns = _KOC_PATTERNS
    else:
        patterns = _HANDLE_PATTERNS
    return pick(rng, patterns).format(
        n=n, w=pick(rng, NICHE_LABELS[niche].handle_words), city=city,
        p=pick(rng, HANDLE_PREFIXES), d=rng.randint(1, 99), nn=n + n[-1] * rng.randint(1, 3),
    )  # fmt: skip


def unique_handle(rng: random.Random, wanted: str, platform: Platform, taken: set[str]) -> str:
    handle = _clean_handle(wanted, platform)
    while handle in taken or len(handle) < 3:
        handle = _clean_handle(f"{handle}{rng.randint(0, 99)}", platform)
    taken.add(handle)
    return handle


def _display_name(
    rng: random.Random, nick: Nickname, niche: str, credential: Credential | None, english: float
) -> str:
    label = NICHE_LABELS[niche]
    name = nick.roman.capitalize()
    thai, eng = pick(rng, label.thai), pick(rng, label.english)
    if credential is not None and rng.random() < 0.6:
        if english > 0.5 and credential.title_en:
            return f"{credential.title_en} {name} | {eng}"
        if credential.title_th:
            return f"{credential.title_th}{nick.thai} {thai}"
    prefix = pick(rng, ("น้อง", "พี่", "", "", "คุณ"))
    options = (f"{prefix}{nick.thai} {thai}", f"{name} {eng}", f"{name} {thai}",
               f"{nick.thai} {eng}", f"{eng} with {name}", f"{nick.thai} | {name}")  # fmt: skip
    return rng.choices(options, (max(0.05, 0.35 - english * 0.3), 0.2, 0.15, 0.1, 0.1, 0.1))[0]


def _bio(rng: random.Random, plan: AccountPlan, niche: str, years: int) -> str:
    label = NICHE_LABELS[niche]
    th_place, en_place = PROVINCE_NAMES.get(plan.province or "", ("ประเทศไทย", "Thailand"))
    values = {
        "emoji": pick(rng, NICHE_EMOJI[niche]), "label": pick(rng, label.thai),
        "label_en": pick(rng, label.english), "extra": pick(rng, BIO_EXTRA_TH),
        "extra_en": pick(rng, BIO_EXTRA_EN), "place": th_place, "place_en": en_place,
        "years": str(years), "cred": "", "cred_en": "",
    }  # fmt: skip
    values["label_en_lower"] = TOPIC_EN[niche]
    english = rng.random() < plan.english
    templates: tuple[str, ...]
    if plan.credential is not None:
        values["cred"], values["cred_en"] = plan.credential.thai, plan.credential.english
        templates = BIO_KOL_EN if english else BIO_KOL_TH
    elif plan.kind == KOC:
        templates = BIO_KOC_EN if english else BIO_KOC_TH
    else:
        templates = BIO_EN if english else BIO_TH
    bio = pick(rng, templates).format(**values)
    if plan.contact:
        bio += pick(rng, (" | ติดต่องาน ", " 📩 ", " · work: ", " ติดต่อ ")) + plan.contact
    return bio


def _contact(rng: random.Random, handle: str, followers: int) -> str | None:
    if rng.random() > (0.2 if followers < 1_000 else 0.45):
        return None
    plain = handle.replace(".", "").replace("_", "")
    if rng.random() < 0.55:
        return f"LINE: @{plain}"
    return f"{plain}@example.com"


class _Creator(NamedTuple):
    number: int
    kind: str
    niches: tuple[str, ...]
    nick: Nickname
    gender: str
    country: str
    province: str | None
    english: float
    credential: Credential | None
    display_name: str
    years: int


def _creator(rng: random.Random, number: int) -> _Creator:
    kind = weighted(rng, _KINDS, _KIND_CUM)
    niche = weighted(rng, NICHES, _NICHE_CUM)
    niches: tuple[str, ...] = (niche,)
    if rng.random() < 0.3:
        second = pick(rng, ("lifestyle", "food", "travel", *NICHES))
        if second != niche:
            niches = (niche, second)
    nick = pick(rng, NICKNAMES)
    gender = nick.gender if nick.gender != "u" else pick(rng, ("f", "m"))
    country = "TH"
    province: str | None = weighted(rng, _PROVINCE_CODES, _PROVINCE_CUM)
    if rng.random() < 0.03:
        country, province = pick(rng, _FOREIGN), None
    elif rng.random() < 0.08:
        province = None
    style = rng.random()
    english = 0.05 if style < 0.7 else (rng.uniform(0.3, 0.6) if style < 0.95 else 0.85)
    credential = None
    if kind == KOL and rng.random() < 0.8:
        credential = pick(rng, CREDENTIALS[niche])
    display = _display_name(rng, nick, niche, credential, english)
    return _Creator(number, kind, niches, nick, gender, country, province, english, credential,
                    display, rng.randint(3, 20))  # fmt: skip


def _platforms(rng: random.Random) -> list[Platform]:
    platforms = [weighted(rng, PLATFORMS, _PLATFORM_CUM)]
    if rng.random() < 0.15:
        other = weighted(rng, PLATFORMS, _PLATFORM_CUM)
        while other == platforms[0]:
            other = weighted(rng, PLATFORMS, _PLATFORM_CUM)
        platforms.append(other)
    return platforms


def _account(
    rng: random.Random,
    who: _Creator,
    index: int,
    platform: Platform,
    *,
    handle: str,
    followers: int,
) -> AccountPlan:
    engagement = (
        base_engagement(followers) * _PLATFORM_ENGAGEMENT[platform]
        * rng.lognormvariate(0.0, 0.35) * (1.2 if who.kind == KOC else 1.0)
    )  # fmt: skip
    big = followers >= 500_000
    plan = AccountPlan(
        index=index, creator=who.number, creator_key=f"demo-{who.number:04d}",
        platform=platform, handle=handle, display_name=who.display_name, bio="",
        niches=who.niches, kind=who.kind, nick=who.nick, gender=who.gender, english=who.english,
        country=who.country, province=who.province,
        languages=("th", "en") if who.english >= 0.25 else ("th",), credential=who.credential,
        verified=rng.random() < (0.6 if big else 0.2 if followers >= 100_000 else 0.02),
        external_url=f"https://example.com/{handle}" if rng.random() < 0.2 else None,
        contact=_contact(rng, handle, followers), followers=followers,
        following=int(log_uniform(rng, 20 if big else 80, 800 if big else 1_500)),
        lifetime_posts=int(log_uniform(rng, 40, 2_500)),
        engagement=clamp(engagement, 0.002, 0.25), weeks=rng.randint(26, 52),
    )  # fmt: skip
    plan.bio = _bio(rng, plan, who.niches[0], who.years)
    if followers >= 3_000:
        plan.sponsor_rate = rng.uniform(0.02, 0.06) if who.kind == KOC else rng.uniform(0.05, 0.2)
    options = brands_for(who.niches[0])
    if options and rng.random() < 0.12:
        plan.fan_of = pick(rng, options)
    return plan


def plan_creators(rng: random.Random, creators: int) -> list[AccountPlan]:
    """Creators and their accounts (about 15 % have a second one on another platform)."""
    plans: list[AccountPlan] = []
    taken: dict[Platform, set[str]] = {p: set() for p in PLATFORMS}
    for number in range(creators):
        who = _creator(rng, number)
        main_followers = _followers(rng, who.kind)
        wanted = make_handle(rng, who.nick, who.niches[0], who.province, who.kind)
        for position, platform in enumerate(_platforms(rng)):
            followers = main_followers
            if position:
                followers = max(60, int(main_followers * rng.lognormvariate(-1.0, 0.9)))
                if rng.random() < 0.4:
                    wanted += pick(rng, ("official", "_th", ".tv", "channel", "2"))
            handle = unique_handle(rng, wanted, platform, taken[platform])
            plans.append(
                _account(rng, who, len(plans), platform, handle=handle, followers=followers)
            )
    return plans
