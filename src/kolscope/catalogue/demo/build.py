"""The demo workspace: a synthetic Thai-market catalogue with planted problems as ground truth.

The data comes from a ``DemoSource`` (an adapter) and is written through the same write path as
any import, so the demo exercises the real product. Everything it writes is labelled synthetic.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from kolscope.catalogue.importing.bulk import bulk_work
from kolscope.catalogue.importing.records import (
    AccountRow,
    AudienceRow,
    CommentRow,
    FollowerRow,
    PostRow,
)
from kolscope.catalogue.ports import ImportLog, UnitOfWork
from kolscope.domain.brands import Brand

DEMO_SOURCE = "kolscope demo (synthetic)"
GROUND_TRUTH_FILE = "demo-ground-truth.json"


@dataclass(slots=True)
class DemoData:
    """Everything the demo workspace holds, as import records, plus what was planted in it.

    ``ground_truth`` is JSON-ready: per account reference (``platform:handle``) the niche(s),
    the creator kind (kol, koc or general) and the problems planted (bought_followers,
    growth_spike, engagement_pod, spam_ring, bought_engagement), with details.
    """

    accounts: list[AccountRow] = field(default_factory=list)
    posts: list[PostRow] = field(default_factory=list)
    comments: list[CommentRow] = field(default_factory=list)
    audience: list[AudienceRow] = field(default_factory=list)
    followers: list[FollowerRow] = field(default_factory=list)
    brands: list[Brand] = field(default_factory=list)
    ground_truth: dict[str, Any] = field(default_factory=dict)


class DemoSource(Protocol):
    def generate(self, *, seed: int, creators: int, today: date) -> DemoData: ...


class DemoProgress(Protocol):
    def step(self, label: str, done: int, total: int) -> None: ...


@dataclass(frozen=True, slots=True)
class DemoSummary:
    creators: int
    accounts: int
    snapshots: int
    posts: int
    comments: int
    audience_profiles: int
    follower_profiles: int
    brands: int
    ground_truth_path: Path


def build_demo(
    source: DemoSource,
    unit_of_work: Callable[[], UnitOfWork],
    log: ImportLog,
    pseudonymise: Callable[[Sequence[CommentRow], Any], list[CommentRow]],
    folder: Path,
    *,
    seed: int,
    creators: int,
    today: date,
    progress: DemoProgress | None = None,
    batch_size: int = 2000,
) -> DemoSummary:
    """Generate the demo data and write it in one transaction, then save the ground truth."""
    data = source.generate(seed=seed, creators=creators, today=today)
    import_id = log.start_import("demo", [{"file": DEMO_SOURCE, "seed": seed, "synthetic": True}])
    steps: list[tuple[str, Sequence[Any]]] = [
        ("creators", data.accounts),
        ("posts", data.posts),
        ("comments", data.comments),
        ("audience", data.audience),
        ("followers", data.followers),
    ]
    snapshots = sum(1 for row in data.accounts if row.snapshot is not None)
    try:
        with bulk_work(), unit_of_work() as uow:
            writer = uow.catalogue
            for label, rows in steps:
                for start in range(0, len(rows), batch_size):
                    batch = rows[start : start + batch_size]
                    if label == "creators":
                        outcome = writer.write_accounts(batch, import_id)
                    elif label == "posts":
                        outcome = writer.write_posts(batch, import_id)
                    elif label == "comments":
                        outcome = writer.write_comments(pseudonymise(batch, writer), import_id)
                    elif label == "audience":
                        outcome = writer.write_audience(batch, import_id)
                    else:
                        outcome = writer.write_followers(batch, import_id)
                    if outcome.problems:
                        row, field_name, message = outcome.problems[0]
                        raise RuntimeError(f"demo {label} row {row}, {field_name}: {message}")
                    if progress:
                        progress.step(label, min(start + batch_size, len(rows)), len(rows))
            for brand in data.brands:
                writer.save_brand(brand)
            uow.commit()
    except Exception as error:
        log.finish_import(import_id, "failed", {}, f"{type(error).__name__}: {error}")
        raise
    summary = DemoSummary(
        creators=len({r.creator_key or r.account.handle for r in data.accounts}),
        accounts=len({(r.account.platform, r.account.handle) for r in data.accounts}),
        snapshots=snapshots,
        posts=len(data.posts),
        comments=len(data.comments),
        audience_profiles=len(data.audience),
        follower_profiles=len(data.followers),
        brands=len(data.brands),
        ground_truth_path=folder / GROUND_TRUTH_FILE,
    )
    log.finish_import(
        import_id, "succeeded", {"demo": True, "seed": seed, "accounts": summary.accounts}, None
    )
    truth = {
        "synthetic": True,
        "seed": seed,
        "generated_for": today.isoformat(),
        **data.ground_truth,
    }
    summary.ground_truth_path.write_text(
        json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return summary


DEMO_PASSWORD = "kolscope-demo"  # noqa: S105 - the documented demo login
DEMO_PEOPLE = (
    ("demo@kolscope.local", "Demo Owner", "owner"),
    ("member@kolscope.local", "Demo Member", "member"),
    ("client@kolscope.local", "Demo Brand Client", "client"),
)
DEMO_LOGIN = f"{DEMO_PEOPLE[0][0]} / {DEMO_PASSWORD}"
