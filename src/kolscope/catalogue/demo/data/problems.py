"""Planting known problems in a labelled minority of accounts, so audits can be checked.

bought_followers, growth_spike, engagement_pod, spam_ring and bought_engagement; an account may
carry more than one. The choices are recorded in each plan's ``problems`` and ``details``; the
series, content and follower modules then make the data show them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from kolscope.catalogue.demo.data.plans import (
    BOUGHT_ENGAGEMENT,
    BOUGHT_FOLLOWERS,
    ENGAGEMENT_POD,
    GROWTH_SPIKE,
    SPAM_RING,
    AccountPlan,
    pick,
    round_number,
)
from kolscope.catalogue.demo.data.vocab_comments import (
    BOT_TEXTS,
    RING_HANDLE_STEMS,
    RING_LINE_IDS,
    RING_TEXTS,
)
from kolscope.domain.platforms import Platform

POD_NICHES = ("beauty", "skincare", "fashion", "lifestyle", "food", "travel", "fitness")
_RING_TAGS = ("vip", "th", "pro", "club", "")
_POD_PLATFORMS = (Platform.INSTAGRAM, Platform.TIKTOK, Platform.INSTAGRAM)


@dataclass(slots=True)
class Pod:
    members: list[int]  # plan indexes

    def handles(self, plans: list[AccountPlan]) -> list[str]:
        return [plans[i].handle for i in self.members]


@dataclass(slots=True)
class Ring:
    handles: list[str]
    texts: list[str]
    targets: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Planted:
    pods: list[Pod] = field(default_factory=list)
    rings: list[Ring] = field(default_factory=list)


def _count(share: float, accounts: int) -> int:
    if accounts < 10:
        return 0
    return max(1, round(share * accounts))


def _sample(rng: random.Random, pool: list[AccountPlan], count: int) -> list[AccountPlan]:
    return rng.sample(pool, min(count, len(pool)))


def _mark(plan: AccountPlan, problem: str, **details: object) -> None:
    if problem not in plan.problems:
        plan.problems.append(problem)
    plan.details[problem] = dict(details)


def _bought_followers(rng: random.Random, plans: list[AccountPlan]) -> None:
    pool = [p for p in plans if 2_000 <= p.followers < 2_000_000]
    for plan in _sample(rng, pool, _count(0.04, len(plans))):
        ratio = round(rng.uniform(1.3, 1.8), 2)
        week = rng.randint(max(3, plan.weeks // 3), plan.weeks - 4)
        _mark(plan, BOUGHT_FOLLOWERS, week=week, jump_ratio=ratio,
              fake_share=round(rng.uniform(0.3, 0.7), 2))  # fmt: skip


def _growth_spikes(rng: random.Random, plans: list[AccountPlan]) -> None:
    pool = [p for p in plans if p.followers >= 5_000 and BOUGHT_FOLLOWERS not in p.problems]
    for plan in _sample(rng, pool, _count(0.04, len(plans))):
        added = max(5_000, round_number(plan.followers * rng.uniform(0.3, 0.9)))
        week = rng.randint(max(3, plan.weeks // 3), plan.weeks - 6)
        _mark(plan, GROWTH_SPIKE, week=week, added=added,
              kept_share=round(rng.uniform(0.25, 0.55), 2),
              decay_weeks=rng.randint(3, 8))  # fmt: skip


def _bought_engagement(rng: random.Random, plans: list[AccountPlan]) -> None:
    pool = [p for p in plans if p.followers >= 1_000]
    for plan in _sample(rng, pool, _count(0.03, len(plans))):
        # Several times the likes, but no more than a believable 25 % engagement rate.
        plan.like_boost = round(max(1.8, min(rng.uniform(3.0, 6.0), 0.25 / plan.engagement)), 2)
        plan.bot_texts = tuple(rng.sample(BOT_TEXTS, rng.randint(2, 3)))
        _mark(plan, BOUGHT_ENGAGEMENT, like_multiplier=plan.like_boost,
              bot_texts=list(plan.bot_texts))  # fmt: skip


def _pods(rng: random.Random, plans: list[AccountPlan], creators: int) -> list[Pod]:
    wanted = 1 if creators < 200 else 2 if creators < 1_000 else 3
    pods: list[Pod] = []
    used: set[int] = set()
    for number in range(wanted):
        platform = _POD_PLATFORMS[number % len(_POD_PLATFORMS)]
        pool = [p for p in plans if p.platform == platform and 1_000 <= p.followers < 150_000
                and p.index not in used]  # fmt: skip
        niche_pool = [p for p in pool if p.niches[0] in POD_NICHES]
        size = rng.randint(6, 10)
        if len(niche_pool) >= size:
            pool = niche_pool
        if len(pool) < 6:
            continue
        members = sorted(p.index for p in _sample(rng, pool, size))
        used.update(members)
        pod = Pod(members)
        handles = pod.handles(plans)
        for index in members:
            plan = plans[index]
            plan.pod = len(pods)
            plan.like_boost *= round(rng.uniform(1.8, 2.8), 2)
            plan.comment_boost = round(rng.uniform(2.0, 3.5), 2)
            others = [h for h in handles if h != plan.handle]
            _mark(plan, ENGAGEMENT_POD, pod=len(pods), members=others)
        pods.append(pod)
    return pods


def _ring_handles(rng: random.Random, stems: tuple[str, ...], taken: set[str]) -> list[str]:
    handles: list[str] = []
    wanted = rng.randint(6, 12)
    while len(handles) < wanted:
        stem, separator = pick(rng, stems), pick(rng, ("", "_", "."))
        handle = f"{stem}{separator}{pick(rng, _RING_TAGS)}{rng.randint(10, 9999)}"
        if handle not in taken:
            taken.add(handle)
            handles.append(handle)
    return handles


def _rings(rng: random.Random, plans: list[AccountPlan], creators: int) -> list[Ring]:
    wanted = 1 if creators < 1_000 else 2
    per_ring = max(5, min(25, round(len(plans) * 0.008)))
    taken = {p.handle for p in plans}
    pool = [p for p in plans if p.followers >= 3_000] or list(plans)
    rings: list[Ring] = []
    for number in range(wanted):
        if len(pool) < 3:
            break
        stems = RING_HANDLE_STEMS[number % len(RING_HANDLE_STEMS)]
        line_id = RING_LINE_IDS[(number * 2 + rng.randint(0, 1)) % len(RING_LINE_IDS)]
        texts = [t.format(id=line_id) for t in RING_TEXTS[number % len(RING_TEXTS)]]
        ring = Ring(_ring_handles(rng, stems, taken), texts)
        for plan in _sample(rng, pool, min(per_ring, max(3, len(pool) // 3))):
            plan.ring = len(rings)
            ring.targets.append(plan.index)
            _mark(plan, SPAM_RING, ring=len(rings))
        pool = [p for p in pool if p.ring is None]
        ring.targets.sort()
        rings.append(ring)
    return rings


def plant_problems(rng: random.Random, plans: list[AccountPlan], creators: int) -> Planted:
    _bought_followers(rng, plans)
    _growth_spikes(rng, plans)
    _bought_engagement(rng, plans)
    return Planted(_pods(rng, plans, creators), _rings(rng, plans, creators))
