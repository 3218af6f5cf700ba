"""Campaigns, the creators in them, their stage moves, submitted content, the brand's decisions
and saved plans, in the database (``CampaignStore``). Every change that touches several rows
(a campaign with its first creators, a move with its record, a decision with the stage it sets)
is one transaction: nothing is half-saved."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, func, insert, select, update

from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import stored_time
from kolscope.infra.db.tenancy import visible_to
from kolscope.planning.briefs import brief_from_row
from kolscope.planning.campaigns import (
    Brief,
    Campaign,
    CampaignCreator,
    DueItem,
    Status,
)
from kolscope.planning.db.history import card_moves, card_submissions
from kolscope.planning.pipeline import Stage


class _ConflictError(Exception):
    """Someone changed the card meanwhile: the transaction is rolled back."""


def _owned(column: ColumnElement[Any], organisation_id: int | None) -> ColumnElement[bool]:
    """Same rule as shortlists: an organisation's rows (and unowned ones for the first)."""
    if organisation_id is None:
        return column.is_(None)
    return visible_to(column, organisation_id)


def _new_id(key: Any) -> int:
    assert key is not None
    return int(key[0])


def _campaign(r: Any) -> Campaign:
    return Campaign(
        id=r.id,
        organisation_id=r.organisation_id,
        brand_id=r.brand_id,
        brand_name=r.brand_name,
        name=r.name,
        brief=brief_from_row(r.objective, r.budget_thb, r.starts_on, r.ends_on, r.brief or {}),
        status=Status(r.status),
        source=r.source,
        created_at=stored_time(r.created_at),
        updated_at=stored_time(r.updated_at),
    )


class SqlCampaigns:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # Campaigns --------------------------------------------------------------------------------

    def _select(self) -> Any:
        c, b = t.campaigns, t.brands
        return select(c, b.c.name.label("brand_name")).select_from(
            c.join(b, b.c.id == c.c.brand_id)
        )

    def campaigns(
        self, organisation_id: int | None, brand_ids: frozenset[int] | None = None
    ) -> list[Campaign]:
        c = t.campaigns
        statement = self._select().where(_owned(c.c.organisation_id, organisation_id))
        if brand_ids is not None:
            statement = statement.where(c.c.brand_id.in_(sorted(brand_ids)))
        with self._engine.connect() as db:
            rows = db.execute(statement.order_by(c.c.updated_at.desc(), c.c.id.desc()))
            return [_campaign(r) for r in rows]

    def campaign(self, organisation_id: int | None, name: str) -> Campaign | None:
        c = t.campaigns
        statement = self._select().where(
            _owned(c.c.organisation_id, organisation_id), func.lower(c.c.name) == name.lower()
        )
        with self._engine.connect() as db:
            row = db.execute(statement).first()
        return _campaign(row) if row else None

    def create(
        self,
        organisation_id: int | None,
        brand_id: int,
        name: str,
        brief: Brief,
        source: str | None,
        account_ids: Sequence[int],
        user_id: int | None,
        by_name: str,
        now: datetime,
    ) -> int:
        """The campaign and its first creators (shortlisted), in one transaction."""
        with self._engine.begin() as db:
            campaign_id = db.execute(
                insert(t.campaigns).values(
                    organisation_id=organisation_id,
                    brand_id=brand_id,
                    name=name,
                    objective=brief.objective.value,
                    budget_thb=brief.budget_thb,
                    starts_on=brief.starts_on,
                    ends_on=brief.ends_on,
                    status=Status.DRAFT.value,
                    brief=brief.to_dict(),
                    source=source,
                    created_by=user_id,
                    created_at=now,
                    updated_at=now,
                )
            ).inserted_primary_key
            campaign_id = _new_id(campaign_id)
            self._add(db, campaign_id, account_ids, user_id, by_name, now)
        return int(campaign_id)

    def update(
        self, campaign_id: int, name: str, brief: Brief, status: Status, now: datetime
    ) -> None:
        with self._engine.begin() as db:
            db.execute(
                update(t.campaigns)
                .where(t.campaigns.c.id == campaign_id)
                .values(
                    name=name,
                    objective=brief.objective.value,
                    budget_thb=brief.budget_thb,
                    starts_on=brief.starts_on,
                    ends_on=brief.ends_on,
                    status=status.value,
                    brief=brief.to_dict(),
                    updated_at=now,
                )
            )

    # Creators in a campaign ---------------------------------------------------------------------

    def _add(
        self,
        db: Connection,
        campaign_id: int,
        account_ids: Sequence[int],
        user_id: int | None,
        by_name: str,
        now: datetime,
    ) -> int:
        cc = t.campaign_creators
        have = set(
            db.execute(select(cc.c.account_id).where(cc.c.campaign_id == campaign_id)).scalars()
        )
        added = 0
        for account_id in dict.fromkeys(account_ids):
            if account_id in have:
                continue
            row_key = db.execute(
                insert(cc).values(
                    campaign_id=campaign_id,
                    account_id=account_id,
                    stage=Stage.SHORTLISTED.value,
                    deliverables=[],
                    content_links=[],
                    added_at=now,
                    updated_at=now,
                )
            ).inserted_primary_key
            db.execute(
                insert(t.campaign_moves).values(
                    campaign_creator_id=_new_id(row_key),
                    from_stage=None,
                    to_stage=Stage.SHORTLISTED.value,
                    user_id=user_id,
                    by_name=by_name,
                    at=now,
                )
            )
            added += 1
        if added:
            db.execute(
                update(t.campaigns).where(t.campaigns.c.id == campaign_id).values(updated_at=now)
            )
        return added

    def add_creators(
        self,
        campaign_id: int,
        account_ids: Sequence[int],
        user_id: int | None,
        by_name: str,
        now: datetime,
    ) -> int:
        with self._engine.begin() as db:
            return self._add(db, campaign_id, account_ids, user_id, by_name, now)

    def creators(self, campaign_id: int) -> list[CampaignCreator]:
        cc, a = t.campaign_creators, t.accounts
        statement = (
            select(
                cc,
                a.c.platform,
                a.c.handle,
                a.c.display_name,
                a.c.followers,
            )
            .select_from(cc.join(a, a.c.id == cc.c.account_id))
            .where(cc.c.campaign_id == campaign_id)
            .order_by(cc.c.id)
        )
        with self._engine.connect() as db:
            rows = list(db.execute(statement))
            ids = [r.id for r in rows]
            submissions = card_submissions(db, ids)
            moves = card_moves(db, ids)
        return [
            CampaignCreator(
                id=r.id,
                campaign_id=r.campaign_id,
                account_id=r.account_id,
                platform=r.platform,
                handle=r.handle,
                display_name=r.display_name,
                followers=r.followers,
                stage=Stage(r.stage),
                quote_thb=r.quote_thb,
                fee_thb=r.fee_thb,
                deliverables=tuple(DueItem.from_dict(d) for d in r.deliverables or ()),
                contact_channel=r.contact_channel,
                contact_handle=r.contact_handle,
                notes=r.notes,
                content_links=tuple(r.content_links or ()),
                added_at=stored_time(r.added_at),
                updated_at=stored_time(r.updated_at),
                submissions=tuple(submissions.get(r.id, ())),
                moves=tuple(moves.get(r.id, ())),
            )
            for r in rows
        ]

    def _move(
        self,
        db: Connection,
        creator_id: int,
        current: Stage,
        target: Stage,
        user_id: int | None,
        by_name: str,
        now: datetime,
        note: str | None,
        values: dict[str, Any] | None = None,
    ) -> bool:
        cc = t.campaign_creators
        done = db.execute(
            update(cc)
            .where(cc.c.id == creator_id, cc.c.stage == current.value)
            .values(stage=target.value, updated_at=now, **(values or {}))
        ).rowcount
        if not done:  # someone moved the card meanwhile
            return False
        db.execute(
            insert(t.campaign_moves).values(
                campaign_creator_id=creator_id,
                from_stage=current.value,
                to_stage=target.value,
                user_id=user_id,
                by_name=by_name,
                at=now,
                note=note,
            )
        )
        return True

    def move(
        self,
        creator_id: int,
        current: Stage,
        target: Stage,
        user_id: int | None,
        by_name: str,
        now: datetime,
        note: str | None = None,
        values: dict[str, Any] | None = None,
    ) -> bool:
        """Move a card if it is still at ``current`` (False when it was moved meanwhile)."""
        with self._engine.begin() as db:
            return self._move(db, creator_id, current, target, user_id, by_name, now, note, values)

    def set_terms(self, creator_id: int, values: dict[str, Any], now: datetime) -> None:
        stored = dict(values)
        if "deliverables" in stored:
            stored["deliverables"] = [d.to_dict() for d in stored["deliverables"]]
        if "content_links" in stored:
            stored["content_links"] = list(stored["content_links"])
        with self._engine.begin() as db:
            db.execute(
                update(t.campaign_creators)
                .where(t.campaign_creators.c.id == creator_id)
                .values(updated_at=now, **stored)
            )

    def submit(
        self,
        creator_id: int,
        current: Stage,
        url: str,
        caption: str | None,
        user_id: int | None,
        by_name: str,
        now: datetime,
    ) -> bool:
        """Record submitted content and move the card to content submitted, together."""
        with self._engine.begin() as db:
            if not self._move(db, creator_id, current, Stage.SUBMITTED, user_id, by_name, now,
                              None):  # fmt: skip
                return False
            db.execute(
                insert(t.content_submissions).values(
                    campaign_creator_id=creator_id,
                    url=url,
                    caption=caption,
                    submitted_by=user_id,
                    submitted_at=now,
                    status="pending",
                )
            )
        return True

    def decide(
        self,
        creator_id: int,
        submission_id: int,
        decision: Stage,
        comment: str | None,
        user_id: int | None,
        by_name: str,
        now: datetime,
    ) -> bool:
        """Record the brand's decision, mark the submission and move the card, together."""
        try:
            with self._engine.begin() as db:
                self._decide(db, creator_id, submission_id, decision, comment, user_id, by_name,
                             now)  # fmt: skip
        except _ConflictError:
            return False
        return True

    def _decide(
        self,
        db: Connection,
        creator_id: int,
        submission_id: int,
        decision: Stage,
        comment: str | None,
        user_id: int | None,
        by_name: str,
        now: datetime,
    ) -> None:
        s = t.content_submissions
        marked = db.execute(
            update(s)
            .where(s.c.id == submission_id, s.c.status == "pending")
            .values(status=decision.value)
        ).rowcount
        if not marked:
            raise _ConflictError
        db.execute(
            insert(t.content_decisions).values(
                submission_id=submission_id,
                decision=decision.value,
                comment=comment,
                user_id=user_id,
                by_name=by_name,
                at=now,
            )
        )
        if not self._move(db, creator_id, Stage.SUBMITTED, decision, user_id, by_name, now,
                          comment):  # fmt: skip
            raise _ConflictError  # the card was moved meanwhile: undo the decision too

    def first_organisation_id(self) -> int | None:
        with self._engine.connect() as db:
            found = db.execute(select(func.min(t.organisations.c.id))).scalar()
        return int(found) if found is not None else None
