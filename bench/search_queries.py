"""The fixed, seeded searches bench_search.py times: filters, keyword, hashtag, fans of a brand
and lookalikes, about 30 of each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from search_vocabulary import BRANDS, NICHE_WEIGHTS, NICHES, PROVINCES, SEED

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
    from kolscope.discovery.query import SearchRequest
    from kolscope.domain.platforms import Platform

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

    from kolscope.infra.db import tables as t

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
