"""Posts: captions that fit the niche and the creator's kind, hashtags, brand mentions, counts."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from kolscope.catalogue.demo.data import vocab_captions as cap
from kolscope.catalogue.demo.data.brands import DEMO_BRANDS, brands_for
from kolscope.catalogue.demo.data.plans import (
    KOC,
    KOL,
    SAVE_PLATFORMS,
    AccountPlan,
    cumulative,
    pick,
    weighted,
)
from kolscope.catalogue.demo.data.vocab_niches import (
    ACTIVITIES_TH,
    CONS_EN,
    EMOJI,
    NICHE_WORDS,
    POV_EN,
    POV_TH,
    PROS_EN,
)
from kolscope.catalogue.demo.data.vocab_people import NICHE_LABELS
from kolscope.domain.brands import Brand
from kolscope.domain.content import Post, PostType, extract_hashtags, extract_mentions
from kolscope.domain.platforms import Platform

_TYPES: dict[Platform, tuple[tuple[PostType, ...], list[float]]] = {
    Platform.INSTAGRAM: ((PostType.IMAGE, PostType.CAROUSEL, PostType.REEL),
                         cumulative((35, 30, 35))),
    Platform.TIKTOK: ((PostType.VIDEO, PostType.LIVE), cumulative((92, 8))),
    Platform.YOUTUBE: ((PostType.VIDEO, PostType.SHORT, PostType.LIVE), cumulative((58, 37, 5))),
    Platform.FACEBOOK: ((PostType.IMAGE, PostType.VIDEO, PostType.TEXT, PostType.REEL,
                         PostType.LIVE), cumulative((42, 25, 15, 13, 5))),
    Platform.X: ((PostType.TEXT, PostType.IMAGE, PostType.VIDEO), cumulative((60, 30, 10))),
    Platform.LEMON8: ((PostType.CAROUSEL, PostType.IMAGE), cumulative((70, 30))),
    Platform.LINE: ((PostType.TEXT, PostType.IMAGE, PostType.VIDEO), cumulative((40, 40, 20))),
    Platform.PANTIP: ((PostType.TEXT, PostType.IMAGE), cumulative((80, 20))),
}  # fmt: skip
_MOVING = (PostType.VIDEO, PostType.REEL, PostType.SHORT, PostType.LIVE)
# Bangkok posting hours: mornings, lunch, and the evening peak.
_HOURS = tuple(range(24))
_HOUR_CUM = cumulative((1, 0.5, 0.3, 0.2, 0.2, 0.5, 2, 4, 4, 3, 3, 4, 6, 4, 3, 3, 3, 4, 7, 9, 10,
                        10, 7, 3))  # fmt: skip
POST_WINDOW_DAYS = 182


class PlannedPost(NamedTuple):
    post: Post
    niche: str
    english: bool
    commented: int  # how many comments to generate under it


def _caption_values(rng: random.Random, plan: AccountPlan, niche: str) -> dict[str, str]:
    words = NICHE_WORDS[niche]
    label = NICHE_LABELS[niche]
    credential = plan.credential
    return {
        "p": plan.particle, "nick": plan.nick.thai,
        "title": credential.title_th if credential else "",
        "cred": credential.thai if credential else "ผู้มีประสบการณ์",
        "cred_en": credential.english if credential else "long-time reviewer",
        "item": pick(rng, words.items_th), "item_en": pick(rng, words.items_en),
        "fact": pick(rng, words.facts_th), "fact_en": pick(rng, words.facts_en),
        "pro": pick(rng, words.pros_th), "con": pick(rng, words.cons_th),
        "pro_en": pick(rng, PROS_EN), "con_en": pick(rng, CONS_EN),
        "weeks": str(rng.randint(2, 12)), "years": str(rng.randint(3, 20)),
        "score": str(rng.randint(5, 9)), "times": str(rng.randint(2, 6)),
        "verdict": pick(rng, cap.VERDICT_TH), "verdict_en": pick(rng, cap.VERDICT_EN),
        "activity": pick(rng, ACTIVITIES_TH), "pov": pick(rng, POV_TH), "pov_en": pick(rng, POV_EN),
        "emoji": pick(rng, EMOJI), "label": pick(rng, label.thai),
    }  # fmt: skip


def _body(rng: random.Random, plan: AccountPlan, niche: str, english: bool) -> str:
    values = _caption_values(rng, plan, niche)
    roll = rng.random()
    templates: tuple[str, ...]
    if plan.kind == KOL and roll < 0.8:
        templates = cap.KOL_EN if english else cap.KOL_TH
    elif plan.kind == KOC and roll < 0.8:
        templates = cap.KOC_EN if english else cap.KOC_TH
    else:
        templates = cap.GENERAL_EN if english else cap.GENERAL_TH
    return pick(rng, templates).format(**values)


def _hashtags(rng: random.Random, plan: AccountPlan, niche: str, english: bool) -> list[str]:
    words = NICHE_WORDS[niche]
    main, other = (words.tags_en, words.tags_th) if english else (words.tags_th, words.tags_en)
    tags = rng.sample(main, min(rng.randint(1, 4), len(main)))
    if rng.random() < 0.5:
        tags.append(pick(rng, other))
    extra = cap.PLATFORM_TAGS.get(plan.platform.value)
    if extra and rng.random() < 0.4:
        tags.append(pick(rng, extra))
    if plan.kind == KOC and rng.random() < 0.4:
        tags.append(pick(rng, ("ใช้จริง", "ซื้อเองใช้เอง", "รีวิวตามจริง", "honestreview")))
    return tags


def _brand_line(
    rng: random.Random, plan: AccountPlan, niche: str, english: bool
) -> tuple[str, Brand | None, bool]:
    """A sponsorship or fan line for the caption, the brand named, and whether it was paid."""
    if plan.sponsor_rate and rng.random() < plan.sponsor_rate:
        options = brands_for(niche) or list(range(len(DEMO_BRANDS)))
        brand = DEMO_BRANDS[pick(rng, options)]
        code = f"{plan.nick.roman.upper()}{rng.randint(10, 99)}"
        template = pick(rng, cap.SPONSORED_EN if english else cap.SPONSORED_TH)
        line = template.format(handle=brand.handles[0], p=plan.particle, code=code)
        if rng.random() < 0.5:
            line += f" #{brand.hashtags[0]}"
        return line, brand, True
    if plan.fan_of is not None and rng.random() < 0.3:
        brand = DEMO_BRANDS[plan.fan_of]
        template = pick(rng, cap.FAN_EN if english else cap.FAN_TH)
        return template.format(handle=brand.handles[0], tag=pick(rng, brand.hashtags)), brand, False
    return "", None, False


def _posted_at(rng: random.Random, today: date) -> datetime:
    day = today - timedelta(days=rng.randint(1, POST_WINDOW_DAYS))
    hour = weighted(rng, _HOURS, _HOUR_CUM)
    bangkok_midnight = datetime.combine(day, time(0), UTC) - timedelta(hours=7)
    return bangkok_midnight + timedelta(hours=hour, minutes=rng.randint(0, 59),
                                        seconds=rng.randint(0, 59))  # fmt: skip


def plan_posts(rng: random.Random, plan: AccountPlan, today: date) -> list[PlannedPost]:
    """8-24 posts over the last six months, oldest first, ids ``dm{account}p{n}``."""
    types, type_cum = _TYPES[plan.platform]
    moments = sorted(_posted_at(rng, today) for _ in range(rng.randint(8, 24)))
    planned: list[PlannedPost] = []
    for number, posted_at in enumerate(moments, start=1):
        niche = plan.niches[0] if len(plan.niches) == 1 or rng.random() < 0.75 else plan.niches[1]
        english = rng.random() < plan.english
        body = _body(rng, plan, niche, english)
        brand_line, brand, paid = _brand_line(rng, plan, niche, english)
        tags = _hashtags(rng, plan, niche, english)
        caption = body
        if brand_line:
            caption += "\n" + brand_line
        caption += "\n" + " ".join(f"#{t}" for t in tags)
        post_type = weighted(rng, types, type_cum)
        week = plan.week_of(today, posted_at.date())
        audience = plan.organic[week]
        viral = rng.uniform(3.0, 10.0) if rng.random() < 0.03 else 1.0
        reach = audience * plan.engagement * rng.lognormvariate(0.0, 0.45) * viral
        likes = round(reach * 0.93 * plan.like_boost * (0.7 if paid else 1.0))
        sample = min(rng.randint(0, 12), 15)
        comment_rate = rng.uniform(0.02, 0.08) * plan.comment_boost
        comments = max(round(likes * comment_rate / plan.like_boost), 0)
        commented = min(sample, comments)
        if plan.pod is not None or plan.bot_texts:
            commented = max(commented, rng.randint(4, 10))
        views = None
        if post_type in _MOVING:
            views = max(likes * 4, round(audience * rng.uniform(0.3, 2.5) * viral))
        saves = None
        if plan.platform in SAVE_PLATFORMS:
            saves = round(likes * rng.uniform(0.03, 0.15) * (2.0 if plan.kind == KOL else 1.0))
        if brand is not None and paid:
            plan.sponsored_by.append(brand.name)
        post = Post(
            platform_post_id=f"dm{plan.index}p{number}",
            post_type=post_type,
            caption=caption,
            hashtags=extract_hashtags(caption),
            mentions=extract_mentions(caption),
            posted_at=posted_at,
            likes=likes,
            comments_count=max(comments, commented),
            shares=round(likes * rng.uniform(0.01, 0.08))
            if plan.platform != Platform.PANTIP
            else None,
            saves=saves,
            views=views,
            is_sponsored=paid,
            brand_mentions=(brand.name,) if brand is not None else (),
        )
        planned.append(PlannedPost(post, niche, english, commented))
    return planned
