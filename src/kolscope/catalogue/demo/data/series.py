"""Weekly follower series (with planted jumps and spikes) and the account rows that carry them."""

from __future__ import annotations

import math
import random
from datetime import date

from kolscope.catalogue.demo.build import DEMO_SOURCE
from kolscope.catalogue.demo.data.plans import (
    BOUGHT_FOLLOWERS,
    GROWTH_SPIKE,
    SAVE_PLATFORMS,
    VIDEO_PLATFORMS,
    AccountPlan,
    clamp,
)
from kolscope.catalogue.importing.records import AccountRow
from kolscope.domain.creators import AccountSnapshot, PlatformAccount


def _organic_path(rng: random.Random, weeks: int, followers: int) -> list[float]:
    """Smooth small weekly growth with noise (sometimes a slight decline), ending at followers."""
    trend = clamp(rng.gauss(0.006 if followers > 100_000 else 0.01, 0.008), -0.004, 0.03)
    noise = rng.uniform(0.002, 0.008)
    values = [1.0]
    for _week in range(weeks - 1):
        values.append(values[-1] * (1.0 + trend + rng.gauss(0.0, noise)))
    scale = followers / values[-1]
    return [v * scale for v in values]


def build_series(rng: random.Random, plan: AccountPlan, today: date) -> None:
    """Fill ``plan.series`` (followers shown) and ``plan.organic`` (followers who engage)."""
    weeks = plan.weeks
    dates = plan.week_dates(today)
    bought = plan.details.get(BOUGHT_FOLLOWERS)
    spike = plan.details.get(GROWTH_SPIKE)
    if bought is not None:
        ratio = float(bought["jump_ratio"])
        jump = int(bought["week"])
        organic = _organic_path(rng, weeks, max(300, int(plan.followers / ratio)))
        added = organic[jump] * (ratio - 1.0)
        shown = [
            v if w < jump else v + added * (1.0 - 0.004 * (w - jump))  # slow attrition
            for w, v in enumerate(organic)
        ]
        bought["jump_on"] = dates[jump].isoformat()
        bought["before"] = round(shown[jump - 1])
        bought["after"] = round(shown[jump])
        del bought["week"]
    elif spike is not None:
        week = int(spike["week"])
        added = int(spike["added"])
        kept = float(spike["kept_share"])
        tau = float(spike["decay_weeks"]) / 2.0
        organic = _organic_path(rng, weeks, max(1_000, plan.followers - int(added * kept)))
        extra = [
            0.0 if w < week else added * (kept + (1.0 - kept) * math.exp(-(w - week) / tau))
            for w in range(weeks)
        ]
        shown = [v + e for v, e in zip(organic, extra, strict=True)]
        organic = [v + added * kept if w >= week else v for w, v in enumerate(organic)]
        spike["spike_on"] = dates[week].isoformat()
        spike["before"] = round(shown[week - 1])
        spike["peak"] = round(shown[week])
        del spike["week"]
    else:
        organic = _organic_path(rng, weeks, plan.followers)
        shown = organic
    plan.series = [max(1, round(v)) for v in shown]
    plan.organic = [max(1, round(v)) for v in organic]
    plan.followers = plan.series[-1]


def account_rows(rng: random.Random, plans: list[AccountPlan], today: date) -> list[AccountRow]:
    """One row per account and weekly snapshot, oldest date first, the profile on each."""
    dated: list[tuple[date, int, AccountPlan, AccountSnapshot]] = []
    for plan in plans:
        dates = plan.week_dates(today)
        posts_per_week = rng.uniform(0.5, 5.0)
        following = float(plan.following)
        view_ratio = 0.0
        if plan.platform in VIDEO_PLATFORMS:
            view_ratio = rng.uniform(0.8, 3.0) if plan.platform.value == "tiktok" else 0.6
        saves = plan.platform in SAVE_PLATFORMS
        for week, day in enumerate(dates):
            followers = plan.series[week]
            organic = plan.organic[week]
            wobble = rng.uniform(0.85, 1.15)
            engaged = organic * plan.engagement * wobble
            likes = engaged * 0.93 * plan.like_boost
            comments = engaged * 0.07 * plan.comment_boost
            shares = likes * 0.03
            saved = likes * 0.06 if saves else None
            following = max(5.0, following * (1.0 + rng.gauss(0.002, 0.01)))
            snapshot = AccountSnapshot(
                taken_on=day,
                source=DEMO_SOURCE,
                followers=followers,
                following=round(following),
                posts_count=max(
                    1, plan.lifetime_posts - round(posts_per_week * (plan.weeks - 1 - week))
                ),
                avg_likes=round(likes, 1),
                avg_comments=round(comments, 1),
                avg_views=round(organic * view_ratio * wobble, 1) if view_ratio else None,
                avg_shares=round(shares, 1),
                avg_saves=round(saved, 1) if saved is not None else None,
                avg_engagement=round(likes + comments + shares + (saved or 0.0), 1),
                engagement_rate=round((likes + comments) / followers, 5),
            )
            dated.append((day, plan.index, plan, snapshot))
    dated.sort(key=lambda item: (item[0], item[1]))
    rows: list[AccountRow] = []
    for number, (day, _index, plan, snapshot) in enumerate(dated, start=1):
        account = PlatformAccount(
            platform=plan.platform,
            handle=plan.handle,
            display_name=plan.display_name,
            bio=plan.bio,
            categories=plan.niches,
            country=plan.country,
            province=plan.province,
            languages=plan.languages,
            verified=plan.verified,
            external_url=plan.external_url,
            contact=plan.contact,
            has_profile_picture=True,
            is_private=False,
            followers=snapshot.followers,
            following=snapshot.following,
            posts_count=snapshot.posts_count,
            top_audience_country=plan.top_country,
            first_seen=day,
            last_seen=day,
        )
        rows.append(AccountRow(number, account, snapshot, plan.creator_key))
    return rows
