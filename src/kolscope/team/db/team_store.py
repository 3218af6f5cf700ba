"""People, sessions, tokens and login attempts in SQL (implements ``TeamStore``).

Finding who sent a request (a session or an API token) only reads. The one write a request
may cause, a token's last use, runs afterwards in its own short transaction that gives up
at once rather than wait for a busy database (see ``record_api_token_use``).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.exc import OperationalError

from kolscope.domain.team import Organisation, Role, User
from kolscope.infra.db import tables as t
from kolscope.infra.db.engine import WRITER_OPTIONS
from kolscope.infra.db.rows import stored_time
from kolscope.team.login_rules import LoginFailures
from kolscope.team.service import ApiTokenInfo, ApiTokenUse, SessionInfo

log = logging.getLogger(__name__)

# How long recording a token's last use may wait for the database before it is skipped.
TOKEN_USE_WAIT_MS = 100


def _users_query() -> Any:
    return (
        select(
            t.users,
            t.memberships.c.role,
            t.organisations.c.id.label("org_id"),
            t.organisations.c.name.label("org_name"),
        )
        .join(t.memberships, t.memberships.c.user_id == t.users.c.id)
        .join(t.organisations, t.organisations.c.id == t.memberships.c.organisation_id)
    )


class SqlTeamStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _user(self, db: Any, row: Row[Any], *, visitor: bool = False) -> User:
        """The user of a row of ``_users_query``. For the ``visitor`` of a request (a session
        or a token) the brand grants are read only if they are a client: nobody else's are
        ever consulted (``User.sees_brand``), and every request asks."""
        m = row._mapping
        grants: frozenset[int] = frozenset()
        if not visitor or m["role"] == Role.CLIENT.value:
            grants = frozenset(
                r.brand_id
                for r in db.execute(
                    select(t.brand_grants.c.brand_id).where(t.brand_grants.c.user_id == m["id"])
                )
            )
        return User(
            id=m["id"],
            email=m["email"],
            name=m["name"],
            role=Role(m["role"]),
            organisation=Organisation(m["org_id"], m["org_name"]),
            is_active=m["is_active"],
            language=m["language"],
            buddhist_era=m["buddhist_era"],
            thai_units=m["thai_units"],
            formats_chosen=m["formats_chosen"],
            last_login_at=m["last_login_at"],
            granted_brand_ids=grants,
        )

    def user_count(self) -> int:
        with self._engine.connect() as db:
            return int(db.execute(select(func.count()).select_from(t.users)).scalar_one())

    def first_organisation(self) -> Organisation | None:
        with self._engine.connect() as db:
            row = db.execute(select(t.organisations).order_by(t.organisations.c.id)).first()
        return Organisation(row.id, row.name) if row else None

    def create_organisation(self, name: str, now: datetime) -> Organisation:
        with self._engine.begin() as db:
            new_id = insert_organisation(db, name, now)
        return Organisation(new_id, name)

    def create_user(
        self,
        email: str,
        name: str,
        password_hash: str,
        role: Role,
        organisation_id: int,
        now: datetime,
    ) -> User:
        with self._engine.begin() as db:
            user_id = insert_person(db, email, name, password_hash, role, organisation_id, now)
        found = self.user_by_id(user_id)
        assert found is not None
        return found

    def user_by_email(self, email: str) -> tuple[User, str] | None:
        with self._engine.connect() as db:
            row = db.execute(_users_query().where(t.users.c.email == email)).first()
            return (self._user(db, row), row.password_hash) if row else None

    def user_by_id(self, user_id: int) -> User | None:
        with self._engine.connect() as db:
            row = db.execute(_users_query().where(t.users.c.id == user_id)).first()
            return self._user(db, row) if row else None

    def users(self, organisation_id: int) -> list[User]:
        with self._engine.connect() as db:
            rows = db.execute(
                _users_query()
                .where(t.organisations.c.id == organisation_id)
                .order_by(t.users.c.name)
            )
            return [self._user(db, r) for r in rows]

    def update_user(self, user_id: int, **values: object) -> None:
        role = values.pop("role", None)
        with self._engine.begin() as db:
            if values:
                db.execute(update(t.users).where(t.users.c.id == user_id).values(values))
            if role is not None:
                db.execute(
                    update(t.memberships)
                    .where(t.memberships.c.user_id == user_id)
                    .values(role=str(role))
                )

    def set_grants(self, user_id: int, brand_ids: set[int]) -> None:
        with self._engine.begin() as db:
            db.execute(delete(t.brand_grants).where(t.brand_grants.c.user_id == user_id))
            if brand_ids:
                db.execute(
                    insert(t.brand_grants),
                    [{"user_id": user_id, "brand_id": b} for b in sorted(brand_ids)],
                )

    def record_login(self, email: str, address: str, succeeded: bool, now: datetime) -> None:
        with self._engine.begin() as db:
            db.execute(
                insert(t.login_attempts),
                {"email": email[:320], "ip": address[:64], "at": now, "succeeded": succeeded},
            )

    def forget_logins_before(self, moment: datetime) -> int:
        with self._engine.begin() as db:
            gone = db.execute(delete(t.login_attempts).where(t.login_attempts.c.at < moment))
        return int(gone.rowcount or 0)

    def login_failures(
        self, email: str, address: str, pair_since: datetime, address_since: datetime
    ) -> LoginFailures:
        a = t.login_attempts
        pair = and_(a.c.email == email, a.c.ip == address, a.c.at >= pair_since)
        with self._engine.connect() as db:
            last_success = db.execute(
                select(func.max(a.c.at)).where(pair, a.c.succeeded.is_(True))
            ).scalar_one()
            since_success = (a.c.at > stored_time(last_success)) if last_success else true()
            pair_count, pair_last = db.execute(
                select(func.count(), func.max(a.c.at)).where(
                    pair, since_success, a.c.succeeded.is_(False)
                )
            ).one()
            address_count, address_first = db.execute(
                select(func.count(), func.min(a.c.at)).where(
                    a.c.ip == address, a.c.at > address_since, a.c.succeeded.is_(False)
                )
            ).one()
        return LoginFailures(
            int(pair_count),
            stored_time(pair_last),
            int(address_count),
            stored_time(address_first),
        )

    def create_session(
        self,
        token_hash: str,
        user_id: int,
        csrf: str,
        now: datetime,
        expires: datetime,
        user_agent: str | None,
    ) -> None:
        with self._engine.begin() as db:
            db.execute(
                insert(t.sessions),
                {
                    "token_hash": token_hash,
                    "user_id": user_id,
                    "csrf_token": csrf,
                    "created_at": now,
                    "expires_at": expires,
                    "last_seen_at": now,
                    "user_agent": user_agent,
                },
            )

    def session(self, token_hash: str, now: datetime) -> SessionInfo | None:
        s = t.sessions
        query = (  # the session and its user in one read: every page asks
            _users_query()
            .add_columns(s.c.expires_at.label("session_expires_at"), s.c.csrf_token)
            .join(s, s.c.user_id == t.users.c.id)
            .where(s.c.token_hash == token_hash)
        )
        with self._engine.connect() as db:
            row = db.execute(query).first()
            if row is None or stored_time(row.session_expires_at) <= now or not row.is_active:
                return None
            user = self._user(db, row, visitor=True)
        return SessionInfo(user, row.csrf_token)

    def delete_session(self, token_hash: str) -> None:
        with self._engine.begin() as db:
            db.execute(delete(t.sessions).where(t.sessions.c.token_hash == token_hash))

    def delete_sessions_of(self, user_id: int) -> None:
        with self._engine.begin() as db:
            db.execute(delete(t.sessions).where(t.sessions.c.user_id == user_id))

    def create_api_token(
        self, user_id: int, name: str, prefix: str, token_hash: str, now: datetime
    ) -> ApiTokenInfo:
        with self._engine.begin() as db:
            new_id = db.execute(
                insert(t.api_tokens).returning(t.api_tokens.c.id),
                {
                    "user_id": user_id,
                    "name": name,
                    "prefix": prefix,
                    "token_hash": token_hash,
                    "created_at": now,
                },
            ).scalar_one()
        return ApiTokenInfo(new_id, name, prefix, now, None, None)

    def api_tokens(self, user_id: int) -> list[ApiTokenInfo]:
        a = t.api_tokens
        with self._engine.connect() as db:
            rows = db.execute(select(a).where(a.c.user_id == user_id).order_by(a.c.id.desc()))
            return [
                ApiTokenInfo(r.id, r.name, r.prefix, r.created_at, r.last_used_at, r.revoked_at)
                for r in rows
            ]

    def revoke_api_token(self, user_id: int, token_id: int, now: datetime) -> bool:
        a = t.api_tokens
        with self._engine.begin() as db:
            done = db.execute(
                update(a)
                .where(a.c.id == token_id, a.c.user_id == user_id, a.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
        return bool(done.rowcount)

    def revoke_api_tokens_of(self, user_id: int, now: datetime) -> int:
        a = t.api_tokens
        with self._engine.begin() as db:
            done = db.execute(
                update(a)
                .where(a.c.user_id == user_id, a.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
        return int(done.rowcount)

    def api_token_use(self, token_hash: str) -> ApiTokenUse | None:
        """The active user behind a live token, and when the token was last used (reads only)."""
        a = t.api_tokens
        with self._engine.connect() as db:
            row = db.execute(
                select(a.c.id, a.c.user_id, a.c.last_used_at).where(
                    a.c.token_hash == token_hash, a.c.revoked_at.is_(None)
                )
            ).first()
            if row is None:
                return None
            user_row = db.execute(_users_query().where(t.users.c.id == row.user_id)).first()
            if user_row is None or not user_row.is_active:
                return None
            user = self._user(db, user_row, visitor=True)
        return ApiTokenUse(user, row.id, stored_time(row.last_used_at))

    def record_api_token_use(self, token_id: int, now: datetime, unless_after: datetime) -> bool:
        """Set the token's last use to ``now`` unless it is already later than ``unless_after``.

        Best effort: it waits at most TOKEN_USE_WAIT_MS for the database and never raises
        for a busy or locked one (the next use will record it)."""
        a = t.api_tokens
        try:
            with self._engine.begin() as db:
                if self._engine.dialect.name == "sqlite":
                    # A fresh connection per use (NullPool), so this wait dies with it.
                    db.exec_driver_sql(f"PRAGMA busy_timeout={TOKEN_USE_WAIT_MS}")
                else:
                    db.execute(text(f"SET LOCAL lock_timeout = '{TOKEN_USE_WAIT_MS}ms'"))
                done = db.execute(
                    update(a)
                    .where(
                        a.c.id == token_id,
                        or_(a.c.last_used_at.is_(None), a.c.last_used_at <= unless_after),
                    )
                    .values(last_used_at=now)
                )
        except OperationalError as busy:
            log.debug("token %s: last use not recorded (%s)", token_id, busy.orig)
            return False
        return bool(done.rowcount)

    def create_reset(self, user_id: int, token_hash: str, now: datetime, expires: datetime) -> None:
        with self._engine.begin() as db:
            db.execute(
                insert(t.password_resets),
                {
                    "user_id": user_id,
                    "token_hash": token_hash,
                    "created_at": now,
                    "expires_at": expires,
                },
            )

    def use_reset(self, token_hash: str, now: datetime) -> int | None:
        r = t.password_resets
        with self._engine.connect().execution_options(**WRITER_OPTIONS) as db, db.begin():
            row = db.execute(
                select(r).where(r.c.token_hash == token_hash, r.c.used_at.is_(None))
            ).first()
            if row is None or stored_time(row.expires_at) <= now:
                return None
            db.execute(update(r).where(r.c.id == row.id).values(used_at=now))
            return int(row.user_id)


def insert_organisation(db: Connection, name: str, now: datetime) -> int:
    """A new organisation, inside the caller's transaction; returns its id."""
    new_id: int = db.execute(
        insert(t.organisations).returning(t.organisations.c.id),
        {"name": name, "created_at": now},
    ).scalar_one()
    return new_id


def insert_person(
    db: Connection,
    email: str,
    name: str,
    password_hash: str,
    role: Role,
    organisation_id: int,
    now: datetime,
) -> int:
    """A new person and their membership, inside the caller's transaction; returns their id."""
    user_id: int = db.execute(
        insert(t.users).returning(t.users.c.id),
        {
            "email": email,
            "name": name,
            "password_hash": password_hash,
            "is_active": True,
            "language": None,
            "buddhist_era": False,
            "thai_units": False,
            "created_at": now,
        },
    ).scalar_one()
    db.execute(
        insert(t.memberships),
        {
            "user_id": user_id,
            "organisation_id": organisation_id,
            "role": role.value,
            "created_at": now,
        },
    )
    return user_id
