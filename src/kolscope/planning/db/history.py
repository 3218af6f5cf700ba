"""What happened to each card of a board: the content submitted with the brand's decisions,
and every stage move, read for many cards at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Connection, select

from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import stored_time
from kolscope.planning.campaigns import Decision, Move, Submission
from kolscope.planning.pipeline import Stage


def card_submissions(db: Connection, ids: Sequence[int]) -> dict[int, list[Submission]]:
    if not ids:
        return {}
    s, d = t.content_submissions, t.content_decisions
    decided: dict[int, list[Decision]] = defaultdict(list)
    for r in db.execute(
        select(d)
        .join(s, s.c.id == d.c.submission_id)
        .where(s.c.campaign_creator_id.in_(ids))
        .order_by(d.c.at, d.c.id)
    ):
        decided[r.submission_id].append(
            Decision(Stage(r.decision), r.comment, r.by_name, stored_time(r.at))
        )
    found: dict[int, list[Submission]] = defaultdict(list)
    for r in db.execute(
        select(s).where(s.c.campaign_creator_id.in_(ids)).order_by(s.c.submitted_at, s.c.id)
    ):
        found[r.campaign_creator_id].append(
            Submission(
                r.id,
                r.url,
                r.caption,
                stored_time(r.submitted_at),
                r.status,
                tuple(decided.get(r.id, ())),
            )
        )
    return found


def card_moves(db: Connection, ids: Sequence[int]) -> dict[int, list[Move]]:
    if not ids:
        return {}
    m = t.campaign_moves
    found: dict[int, list[Move]] = defaultdict(list)
    for r in db.execute(select(m).where(m.c.campaign_creator_id.in_(ids)).order_by(m.c.at, m.c.id)):
        found[r.campaign_creator_id].append(
            Move(
                Stage(r.from_stage) if r.from_stage else None,
                Stage(r.to_stage),
                r.by_name,
                stored_time(r.at),
                r.note,
            )
        )
    return found
