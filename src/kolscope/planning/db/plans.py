"""Plans kept per campaign (``campaign_plans``): each plan as ``campaigns plan --json`` prints
it, so a page shows the last one without planning again."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update

from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import stored_time


class SqlPlans:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def save_plan(
        self,
        campaign_id: int,
        scenario: str,
        result: dict[str, Any],
        user_id: int | None,
        now: datetime,
    ) -> None:
        with self._engine.begin() as db:
            db.execute(
                insert(t.campaign_plans).values(
                    campaign_id=campaign_id,
                    scenario=scenario,
                    result=result,
                    created_by=user_id,
                    created_at=now,
                )
            )
            db.execute(
                update(t.campaigns).where(t.campaigns.c.id == campaign_id).values(updated_at=now)
            )

    def latest_plan(
        self, campaign_id: int, scenario: str
    ) -> tuple[dict[str, Any], datetime] | None:
        p = t.campaign_plans
        with self._engine.connect() as db:
            row = db.execute(
                select(p.c.result, p.c.created_at)
                .where(p.c.campaign_id == campaign_id, p.c.scenario == scenario)
                .order_by(p.c.created_at.desc(), p.c.id.desc())
                .limit(1)
            ).first()
        return (dict(row.result), stored_time(row.created_at)) if row else None
