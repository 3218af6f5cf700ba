"""Audience profiles (gender, age, country, province) and follower samples, real and bought."""

from __future__ import annotations

import math
import random
from datetime import date

from kolscope.catalogue.demo.build import DEMO_SOURCE
from kolscope.catalogue.demo.data.plans import (
    BOUGHT_FOLLOWERS,
    AccountPlan,
    clamp,
    log_uniform,
    pick,
)
from kolscope.catalogue.demo.data.vocab_people import PROVINCE_WEIGHTS
from kolscope.catalogue.importing.records import AudienceRow, FollowerRow
from kolscope.domain.audience import AGE_BANDS, AudienceDimension, AudienceShare
from kolscope.domain.followers import FollowerProfile

_FEMALE = {
    "beauty": 0.85, "skincare": 0.8, "fashion": 0.75, "food": 0.58, "travel": 0.58,
    "fitness": 0.5, "health": 0.6, "it_gadgets": 0.3, "finance": 0.42, "parenting": 0.85,
    "pets": 0.65, "gaming": 0.25, "home": 0.62, "automotive": 0.18, "education": 0.6,
    "lifestyle": 0.62,
}  # fmt: skip
_AGES_BASE = (6, 30, 33, 18, 8, 4, 1)
_AGES = {
    "gaming": (20, 42, 25, 8, 3, 1.5, 0.5), "education": (22, 40, 22, 10, 4, 1.5, 0.5),
    "finance": (1, 18, 40, 25, 11, 4, 1), "parenting": (1, 12, 50, 28, 6, 2, 1),
    "automotive": (2, 18, 36, 26, 12, 5, 1), "health": (2, 14, 28, 26, 16, 10, 4),
    "home": (2, 15, 38, 27, 12, 5, 1),
}  # fmt: skip
_NEIGHBOURS = ("LA", "MM", "KH", "MY", "SG", "JP", "US", "GB", "AU")
_BOUGHT_FROM = ("IN", "ID", "BR", "BD", "PK", "VN", "EG", "NG")
_PROVINCES = list(PROVINCE_WEIGHTS)[1:]


def _floor(value: float) -> float:
    """Rounded down to 0.001, so shares never add up to more than 1."""
    return math.floor(value * 1000) / 1000


def _split(rng: random.Random, weights: tuple[float, ...]) -> list[float]:
    noisy = [w * rng.lognormvariate(0.0, 0.25) for w in weights]
    total = sum(noisy)
    return [_floor(w / total) for w in noisy]


def _countries(rng: random.Random, plan: AccountPlan) -> list[tuple[str, float]]:
    if BOUGHT_FOLLOWERS in plan.problems:
        home = rng.uniform(0.45, 0.7)
        others = rng.sample(_BOUGHT_FROM, rng.randint(3, 5))
    elif plan.country != "TH":
        home = rng.uniform(0.5, 0.7)
        others = [plan.country, *rng.sample([c for c in _NEIGHBOURS if c != plan.country], 2)]
    else:
        home = rng.uniform(0.86, 0.97)
        others = rng.sample(_NEIGHBOURS, rng.randint(1, 4))
    rest = 1.0 - home
    weights = [rng.uniform(0.3, 1.0) for _ in others]
    total = sum(weights) * rng.uniform(1.0, 1.3)  # part of the rest stays unlisted
    shares = [("TH", _floor(home))]
    shares += [(c, _floor(rest * w / total)) for c, w in zip(others, weights, strict=True)]
    return shares


def _provinces(rng: random.Random, plan: AccountPlan) -> list[tuple[str, float]]:
    shares = [("TH-10", rng.uniform(0.25, 0.45))]
    if plan.province and plan.province != "TH-10":
        shares.append((plan.province, rng.uniform(0.06, 0.2)))
    for code in rng.sample(_PROVINCES, rng.randint(2, 4)):
        if all(code != c for c, _s in shares):
            shares.append((code, rng.uniform(0.02, 0.07)))
    return [(c, _floor(s)) for c, s in shares]


def audience_row(rng: random.Random, plan: AccountPlan, row: int, today: date) -> AudienceRow:
    niche = plan.niches[0]
    female = clamp(_FEMALE[niche] + rng.gauss(0.0, 0.06), 0.05, 0.95)
    other = rng.uniform(0.005, 0.03)
    shares = [
        AudienceShare(AudienceDimension.GENDER, "female", _floor(female)),
        AudienceShare(AudienceDimension.GENDER, "male", _floor(1.0 - female - other)),
        AudienceShare(AudienceDimension.GENDER, "other", _floor(other)),
    ]
    ages = _split(rng, _AGES.get(niche, _AGES_BASE))
    shares += [
        AudienceShare(AudienceDimension.AGE, b, s) for b, s in zip(AGE_BANDS, ages, strict=True)
    ]
    countries = _countries(rng, plan)
    plan.top_country = max(countries, key=lambda c: c[1])[0]
    shares += [AudienceShare(AudienceDimension.COUNTRY, c, s) for c, s in countries]
    shares += [AudienceShare(AudienceDimension.PROVINCE, c, s) for c, s in _provinces(rng, plan)]
    return AudienceRow(
        row=row, platform=plan.platform, handle=plan.handle, source=DEMO_SOURCE, as_of=today,
        sample_size=rng.randint(500, 5_000), shares=tuple(shares),
    )  # fmt: skip


def _real_follower(rng: random.Random) -> FollowerProfile:
    length = rng.randint(6, 18)
    digits = 0 if rng.random() < 0.6 else min(length - 3, rng.randint(1, 4))
    return FollowerProfile(
        followers=int(log_uniform(rng, 20, 5_000, skew=1.3)),
        following=int(log_uniform(rng, 50, 1_500)),
        posts=int(log_uniform(rng, 3, 800)),
        bio_length=0 if rng.random() < 0.3 else rng.randint(5, 150),
        has_picture=rng.random() < 0.92,
        is_private=rng.random() < 0.35,
        username_length=length,
        username_digits=digits,
        fullname_words=pick(rng, (1, 1, 2, 2, 2, 3)),
        has_external_url=rng.random() < 0.05,
    )


def _fake_follower(rng: random.Random) -> FollowerProfile:
    length = rng.randint(10, 16)
    return FollowerProfile(
        followers=rng.randint(0, 50),
        following=rng.randint(1_000, 7_500),
        posts=rng.randint(0, 3),
        bio_length=0,
        has_picture=rng.random() < 0.2,
        is_private=rng.random() < 0.5,
        username_length=length,
        username_digits=rng.randint(4, min(9, length - 2)),
        fullname_words=pick(rng, (0, 0, 1)),
        has_external_url=rng.random() < 0.01,
    )


def follower_rows(rng: random.Random, plans: list[AccountPlan], today: date) -> list[FollowerRow]:
    """Samples of 50-150 followers for about 15 % of accounts and every one that bought some."""
    rows: list[FollowerRow] = []
    for plan in plans:
        bought = plan.details.get(BOUGHT_FOLLOWERS)
        if bought is None and rng.random() >= 0.13:
            continue
        fake_share = float(bought["fake_share"]) if bought else rng.uniform(0.02, 0.1)
        for _ in range(rng.randint(50, 150)):
            profile = _fake_follower(rng) if rng.random() < fake_share else _real_follower(rng)
            rows.append(FollowerRow(len(rows) + 1, plan.platform, plan.handle, today,
                                    DEMO_SOURCE, profile))  # fmt: skip
    return rows
