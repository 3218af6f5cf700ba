"""Organisations in SQL (implements ``OrganisationStore``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, func, select

from kolscope.domain.team import Role, User
from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import stored_time
from kolscope.team.db.team_store import SqlTeamStore, insert_organisation, insert_person
from kolscope.team.organisations import OrganisationSummary


class SqlOrganisations:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def organisations(self) -> list[OrganisationSummary]:
        people = (
            select(t.memberships.c.organisation_id, func.count().label("people"))
            .group_by(t.memberships.c.organisation_id)
            .subquery()
        )
        owners = (
            select(t.memberships.c.organisation_id, t.users.c.email)
            .join(t.users, t.users.c.id == t.memberships.c.user_id)
            .where(t.memberships.c.role == Role.OWNER.value)
            .order_by(t.users.c.email)
        )
        query = (
            select(t.organisations, func.coalesce(people.c.people, 0).label("people"))
            .outerjoin(people, people.c.organisation_id == t.organisations.c.id)
            .order_by(t.organisations.c.id)
        )
        with self._engine.connect() as db:
            rows = list(db.execute(query))
            emails: dict[int, list[str]] = {}
            for organisation_id, email in db.execute(owners):
                emails.setdefault(organisation_id, []).append(email)
        return [
            OrganisationSummary(
                row.id,
                row.name,
                stored_time(row.created_at),
                int(row.people),
                tuple(emails.get(row.id, ())),
            )
            for row in rows
        ]

    def first_organisation_id(self) -> int | None:
        with self._engine.connect() as db:
            found = db.execute(select(func.min(t.organisations.c.id))).scalar()
        return int(found) if found is not None else None

    def email_taken(self, email: str) -> bool:
        with self._engine.connect() as db:
            found = db.execute(select(t.users.c.id).where(t.users.c.email == email)).first()
        return found is not None

    def create_with_owner(
        self, name: str, email: str, owner_name: str, password_hash: str, now: datetime
    ) -> User:
        with self._engine.begin() as db:
            organisation_id = insert_organisation(db, name, now)
            user_id = insert_person(
                db, email, owner_name, password_hash, Role.OWNER, organisation_id, now
            )
        found = SqlTeamStore(self._engine).user_by_id(user_id)
        assert found is not None
        return found
