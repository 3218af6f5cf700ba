"""The plan of one synthetic account, filled in step by step, and small random helpers.

Everything random draws from one ``random.Random`` passed in; nothing iterates over a set, so
the same seed gives the same data whatever the interpreter's hash seed.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from kolscope.catalogue.demo.data.vocab_people import Credential, Nickname
from kolscope.domain.platforms import Platform

T = TypeVar("T")

KOL = "kol"
KOC = "koc"
GENERAL = "general"

BOUGHT_FOLLOWERS = "bought_followers"
GROWTH_SPIKE = "growth_spike"
ENGAGEMENT_POD = "engagement_pod"
SPAM_RING = "spam_ring"
BOUGHT_ENGAGEMENT = "bought_engagement"
PROBLEMS = (BOUGHT_FOLLOWERS, GROWTH_SPIKE, ENGAGEMENT_POD, SPAM_RING, BOUGHT_ENGAGEMENT)

VIDEO_PLATFORMS = (Platform.TIKTOK, Platform.YOUTUBE)
SAVE_PLATFORMS = (Platform.INSTAGRAM, Platform.TIKTOK, Platform.LEMON8)


@dataclass(slots=True)
class AccountPlan:
    """One account and everything decided about it before rows are written."""

    index: int
    creator: int
    creator_key: str
    platform: Platform
    handle: str
    display_name: str
    bio: str
    niches: tuple[str, ...]
    kind: str
    nick: Nickname
    gender: str  # the creator's: "f" or "m" (for ค่ะ/ครับ)
    english: float  # share of captions written in English
    country: str
    province: str | None
    languages: tuple[str, ...]
    credential: Credential | None
    verified: bool
    external_url: str | None
    contact: str | None
    followers: int  # latest followers (the series' last value once it is built)
    following: int
    lifetime_posts: int
    engagement: float  # organic (likes + comments) / followers
    weeks: int
    problems: list[str] = field(default_factory=list)
    details: dict[str, dict[str, Any]] = field(default_factory=dict)
    series: list[int] = field(default_factory=list)  # followers per week, oldest first
    organic: list[int] = field(default_factory=list)  # followers who actually engage
    like_boost: float = 1.0
    comment_boost: float = 1.0
    fan_of: int | None = None  # index of a demo brand the creator likes, unpaid
    sponsor_rate: float = 0.0
    sponsored_by: list[str] = field(default_factory=list)
    pod: int | None = None
    ring: int | None = None
    bot_texts: tuple[str, ...] = ()
    fans: list[str] = field(default_factory=list)  # loyal commenters
    top_country: str | None = None

    @property
    def reference(self) -> str:
        return f"{self.platform.value}:{self.handle}"

    @property
    def particle(self) -> str:
        return "ค่ะ" if self.gender == "f" else "ครับ"

    def week_dates(self, today: date) -> list[date]:
        return [today - timedelta(days=7 * (self.weeks - 1 - w)) for w in range(self.weeks)]

    def week_of(self, today: date, day: date) -> int:
        """Index into the weekly series of the snapshot on or before ``day``."""
        back = (today - day).days // 7 + (1 if (today - day).days % 7 else 0)
        return max(0, self.weeks - 1 - back)


def pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


def weighted(rng: random.Random, items: Sequence[T], cum_weights: Sequence[float]) -> T:
    return rng.choices(items, cum_weights=cum_weights)[0]


def cumulative(weights: Sequence[float]) -> list[float]:
    total = 0.0
    result = []
    for weight in weights:
        total += weight
        result.append(total)
    return result


def log_uniform(rng: random.Random, low: float, high: float, skew: float = 1.0) -> float:
    """Between low and high, uniform in log space; skew > 1 leans towards low."""
    return math.exp(math.log(low) + (math.log(high) - math.log(low)) * rng.random() ** skew)


def clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def anchor(today: date) -> datetime:
    """The last moment of ``today`` in Bangkok (UTC+7), as a UTC datetime: nothing is later."""
    return datetime.combine(today, time(16, 59), UTC)


def round_number(value: float) -> int:
    """The round number (5K, 10K, 20K, 50K, 100K ...) nearest to value."""
    candidates = [m * int(10**e) for e in range(3, 8) for m in (1, 2, 5)]
    return min(candidates, key=lambda c: abs(math.log(c) - math.log(max(value, 1.0))))
