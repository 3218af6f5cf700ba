"""``SyntheticThaiMarket``: the demo source, tying creators, series, content and problems."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from typing import Any

from kolscope.catalogue.demo.build import DemoData
from kolscope.catalogue.demo.data.audience import audience_row, follower_rows
from kolscope.catalogue.demo.data.brands import DEMO_BRANDS
from kolscope.catalogue.demo.data.comments import CommentContext, make_fans, post_comments
from kolscope.catalogue.demo.data.identities import plan_creators
from kolscope.catalogue.demo.data.plans import PROBLEMS, AccountPlan, anchor
from kolscope.catalogue.demo.data.posts import plan_posts
from kolscope.catalogue.demo.data.problems import Planted, plant_problems
from kolscope.catalogue.demo.data.series import account_rows, build_series
from kolscope.catalogue.importing.records import AudienceRow, CommentRow, PostRow


class SyntheticThaiMarket:
    """A deterministic synthetic Thai creator market: the same seed, size and day give the same
    data. Implements ``kolscope.catalogue.demo.build.DemoSource``."""

    def generate(self, *, seed: int, creators: int, today: date) -> DemoData:
        if creators < 1:
            raise ValueError("the demo needs at least one creator")
        rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not security
        plans = plan_creators(rng, creators)
        planted = plant_problems(rng, plans, creators)
        for plan in plans:
            build_series(rng, plan, today)
        audience: list[AudienceRow] = [
            audience_row(rng, plan, number, today) for number, plan in enumerate(plans, start=1)
        ]
        context = CommentContext(
            latest=anchor(today),
            pods=[pod.handles(plans) for pod in planted.pods],
            rings=planted.rings,
            creator_handles={plan.handle for plan in plans},
        )
        posts: list[PostRow] = []
        comments: list[CommentRow] = []
        for plan in plans:
            plan.fans = make_fans(rng, context)
            for planned in plan_posts(rng, plan, today):
                post = planned.post
                posts.append(PostRow(len(posts) + 1, plan.platform, plan.handle, post))
                for comment in post_comments(rng, plan, planned, context):
                    comments.append(CommentRow(len(comments) + 1, plan.platform, plan.handle,
                                               post.platform_post_id, comment))  # fmt: skip
        followers = follower_rows(rng, plans, today)
        data = DemoData(
            accounts=account_rows(rng, plans, today),
            posts=posts,
            comments=comments,
            audience=audience,
            followers=followers,
            brands=list(DEMO_BRANDS),
        )
        data.ground_truth = _ground_truth(plans, planted, data, creators)
        return data


def _ground_truth(
    plans: list[AccountPlan], planted: Planted, data: DemoData, creators: int
) -> dict[str, Any]:
    accounts: dict[str, Any] = {}
    for plan in plans:
        entry: dict[str, Any] = {
            "creator_key": plan.creator_key,
            "niches": list(plan.niches),
            "creator_kind": plan.kind,
            "problems": list(plan.problems),
            "details": {name: dict(plan.details[name]) for name in plan.problems},
        }
        if plan.fan_of is not None:
            entry["fan_of"] = DEMO_BRANDS[plan.fan_of].name
        if plan.sponsored_by:
            entry["sponsored_by"] = sorted(set(plan.sponsored_by))
        accounts[plan.reference] = entry
    problems = Counter(p for plan in plans for p in plan.problems)
    kinds = Counter(plan.kind for plan in plans)
    return {
        "accounts": accounts,
        "pods": [[plans[i].reference for i in pod.members] for pod in planted.pods],
        "spam_rings": [
            {
                "handles": list(ring.handles),
                "texts": list(ring.texts),
                "targets": [plans[i].reference for i in ring.targets],
            }
            for ring in planted.rings
        ],
        "counts": {
            "creators": creators,
            "accounts": len(plans),
            "snapshots": len(data.accounts),
            "posts": len(data.posts),
            "sponsored_posts": sum(1 for row in data.posts if row.post.is_sponsored),
            "comments": len(data.comments),
            "audience_profiles": len(data.audience),
            "follower_profiles": len(data.followers),
            "brands": len(data.brands),
            "problems": {name: problems.get(name, 0) for name in PROBLEMS},
            "creator_kinds": {name: kinds.get(name, 0) for name in ("kol", "koc", "general")},
            "accounts_with_problems": sum(1 for plan in plans if plan.problems),
        },
    }
