"""Shortlists and saved searches in the database (``ShortlistStore``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, delete, func, insert, select, update

from kolscope.discovery.shortlists import SavedSearch, Shortlist, ShortlistEntry
from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import stored_time
from kolscope.infra.db.tenancy import visible_to


def _owned(column: ColumnElement[Any], organisation_id: int | None) -> ColumnElement[bool]:
    """An organisation's rows, and the rows no organisation owns (made before sign-in existed,
    or by the command line in a workspace without people) when it is the first organisation:
    the same rule as jobs and the import log (``infra/db/tenancy.py``). ``None`` (a workspace
    without organisations) sees only the unowned rows."""
    if organisation_id is None:
        return column.is_(None)
    return visible_to(column, organisation_id)


class SqlShortlists:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _lists(self, where: list[ColumnElement[bool]]) -> list[Shortlist]:
        s, e = t.shortlists, t.shortlist_entries
        statement = (
            select(s, func.count(e.c.id).label("entries"))
            .select_from(s.outerjoin(e, e.c.shortlist_id == s.c.id))
            .where(*where)
            .group_by(s.c.id)
            .order_by(s.c.name)
        )
        with self._engine.connect() as db:
            return [
                Shortlist(
                    r.id,
                    r.name,
                    r.organisation_id,
                    r.brand_id,
                    r.entries,
                    stored_time(r.created_at),
                    stored_time(r.updated_at),
                )
                for r in db.execute(statement)
            ]

    def shortlists(self, organisation_id: int | None) -> list[Shortlist]:
        return self._lists([_owned(t.shortlists.c.organisation_id, organisation_id)])

    def shortlist(self, organisation_id: int | None, name: str) -> Shortlist | None:
        found = self._lists(
            [_owned(t.shortlists.c.organisation_id, organisation_id), t.shortlists.c.name == name]
        )
        return found[0] if found else None

    def create_shortlist(
        self,
        organisation_id: int | None,
        name: str,
        brand_id: int | None,
        user_id: int | None,
        now: datetime,
    ) -> Shortlist:
        with self._engine.begin() as db:
            new_id = db.execute(
                insert(t.shortlists).values(
                    organisation_id=organisation_id,
                    name=name,
                    brand_id=brand_id,
                    created_by=user_id,
                    created_at=now,
                    updated_at=now,
                )
            ).inserted_primary_key
        assert new_id is not None
        return Shortlist(int(new_id[0]), name, organisation_id, brand_id, 0, now, now)

    def delete_shortlist(self, shortlist_id: int) -> None:
        with self._engine.begin() as db:
            db.execute(delete(t.shortlists).where(t.shortlists.c.id == shortlist_id))

    def entries(self, shortlist_id: int) -> list[ShortlistEntry]:
        e, a = t.shortlist_entries, t.accounts
        statement = (
            select(e.c.account_id, a.c.platform, a.c.handle, e.c.note, e.c.added_at)
            .select_from(e.join(a, a.c.id == e.c.account_id))
            .where(e.c.shortlist_id == shortlist_id)
            .order_by(e.c.added_at, e.c.id)
        )
        with self._engine.connect() as db:
            return [
                ShortlistEntry(r.account_id, r.platform, r.handle, r.note, stored_time(r.added_at))
                for r in db.execute(statement)
            ]

    def put_entry(
        self,
        shortlist_id: int,
        account_id: int,
        note: str | None,
        user_id: int | None,
        now: datetime,
    ) -> bool:
        e = t.shortlist_entries
        with self._engine.begin() as db:
            existing = db.execute(
                select(e.c.id).where(e.c.shortlist_id == shortlist_id, e.c.account_id == account_id)
            ).scalar()
            if existing is None:
                db.execute(
                    insert(e).values(
                        shortlist_id=shortlist_id,
                        account_id=account_id,
                        note=note,
                        added_by=user_id,
                        added_at=now,
                    )
                )
            elif note is not None:
                db.execute(update(e).where(e.c.id == existing).values(note=note))
            db.execute(
                update(t.shortlists).where(t.shortlists.c.id == shortlist_id).values(updated_at=now)
            )
        return existing is None

    def remove_entry(self, shortlist_id: int, account_id: int) -> bool:
        e = t.shortlist_entries
        with self._engine.begin() as db:
            result = db.execute(
                delete(e).where(e.c.shortlist_id == shortlist_id, e.c.account_id == account_id)
            )
        return bool(result.rowcount)

    def account_id(self, platform: str, handle_key: str) -> int | None:
        a = t.accounts
        with self._engine.connect() as db:
            found = db.execute(
                select(a.c.id).where(a.c.platform == platform, a.c.handle_key == handle_key)
            ).scalar()
        return None if found is None else int(found)

    def save_search(
        self,
        organisation_id: int | None,
        name: str,
        query: dict[str, Any],
        user_id: int | None,
        now: datetime,
    ) -> SavedSearch:
        s = t.saved_searches
        owner = (
            s.c.organisation_id.is_(None)
            if organisation_id is None
            else (s.c.organisation_id == organisation_id)
        )
        with self._engine.begin() as db:
            db.execute(delete(s).where(owner, s.c.name == name))
            new_id = db.execute(
                insert(s).values(
                    organisation_id=organisation_id,
                    name=name,
                    query=query,
                    created_by=user_id,
                    created_at=now,
                )
            ).inserted_primary_key
        assert new_id is not None
        return SavedSearch(int(new_id[0]), name, query, now)

    def saved_searches(self, organisation_id: int | None) -> list[SavedSearch]:
        s = t.saved_searches
        with self._engine.connect() as db:
            return [
                SavedSearch(r.id, r.name, dict(r.query), stored_time(r.created_at))
                for r in db.execute(
                    select(s).where(_owned(s.c.organisation_id, organisation_id)).order_by(s.c.name)
                )
            ]

    def delete_search(self, organisation_id: int | None, name: str) -> bool:
        s = t.saved_searches
        with self._engine.begin() as db:
            result = db.execute(
                delete(s).where(_owned(s.c.organisation_id, organisation_id), s.c.name == name)
            )
        return bool(result.rowcount)

    def first_organisation_id(self) -> int | None:
        o = t.organisations
        with self._engine.connect() as db:
            found = db.execute(select(o.c.id).order_by(o.c.id).limit(1)).scalar()
        return None if found is None else int(found)
