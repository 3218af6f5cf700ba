"""People and access: the first owner, users and roles, logins, sessions, API tokens, resets.

Secrets are never stored: session, API and reset tokens are kept as HMAC-SHA-256 digests
keyed by the server's secret key, and passwords as argon2 hashes (behind ``PasswordHasher``).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from kolscope.domain.team import (
    Organisation,
    Permission,
    Role,
    User,
    check_password,
    normalise_email,
)
from kolscope.team.login_rules import (
    ADDRESS_WINDOW,
    PAIR_MEMORY,
    PRUNE_LOGINS_EVERY,
    LoginFailures,
    LoginRefusedError,
    wait_before_next_try,
)

SESSION_DAYS = 14
RESET_HOURS = 2
API_TOKEN_PREFIX = "ks_"  # noqa: S105 - a prefix, not a secret
TOKEN_USE_EVERY = timedelta(minutes=1)  # a token's last use is written at most this often


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, hashed: str, password: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class ApiTokenInfo:
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class SessionInfo:
    user: User
    csrf_token: str


@dataclass(frozen=True, slots=True)
class ApiTokenUse:
    """Who a live API token belongs to, and when it was last used."""

    user: User
    token_id: int
    last_used_at: datetime | None


class TeamStore(Protocol):
    def user_count(self) -> int: ...

    def first_organisation(self) -> Organisation | None: ...

    def create_organisation(self, name: str, now: datetime) -> Organisation: ...

    def create_user(
        self,
        email: str,
        name: str,
        password_hash: str,
        role: Role,
        organisation_id: int,
        now: datetime,
    ) -> User: ...

    def user_by_email(self, email: str) -> tuple[User, str] | None: ...

    def user_by_id(self, user_id: int) -> User | None: ...

    def users(self, organisation_id: int) -> list[User]: ...

    def update_user(self, user_id: int, **values: object) -> None: ...

    def set_grants(self, user_id: int, brand_ids: set[int]) -> None: ...

    def record_login(self, email: str, address: str, succeeded: bool, now: datetime) -> None: ...

    def forget_logins_before(self, moment: datetime) -> int: ...

    def login_failures(
        self, email: str, address: str, pair_since: datetime, address_since: datetime
    ) -> LoginFailures: ...

    def create_session(
        self,
        token_hash: str,
        user_id: int,
        csrf: str,
        now: datetime,
        expires: datetime,
        user_agent: str | None,
    ) -> None: ...

    def session(self, token_hash: str, now: datetime) -> SessionInfo | None: ...

    def delete_session(self, token_hash: str) -> None: ...

    def delete_sessions_of(self, user_id: int) -> None: ...

    def create_api_token(
        self, user_id: int, name: str, prefix: str, token_hash: str, now: datetime
    ) -> ApiTokenInfo: ...

    def api_tokens(self, user_id: int) -> list[ApiTokenInfo]: ...

    def revoke_api_token(self, user_id: int, token_id: int, now: datetime) -> bool: ...

    def revoke_api_tokens_of(self, user_id: int, now: datetime) -> int: ...

    def api_token_use(self, token_hash: str) -> ApiTokenUse | None: ...

    def record_api_token_use(
        self, token_id: int, now: datetime, unless_after: datetime
    ) -> bool: ...

    def create_reset(
        self, user_id: int, token_hash: str, now: datetime, expires: datetime
    ) -> None: ...

    def use_reset(self, token_hash: str, now: datetime) -> int | None: ...


class TeamService:
    def __init__(
        self,
        store: TeamStore,
        hasher: PasswordHasher,
        secret_key: str,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        *,
        organisation_brands: Callable[[int], set[int]] = lambda _organisation: set(),
    ) -> None:
        """``organisation_brands(id)``: the ids of the brands an organisation may grant (its
        own and those nobody owns yet); grants outside them are dropped."""
        self._brands_of = organisation_brands
        self._store = store
        self._hasher = hasher
        self._key = secret_key.encode()
        self._logins_pruned_at: datetime | None = None
        self._now = clock
        self._dummy: str | None = None

    def digest(self, token: str) -> str:
        return hmac.new(self._key, token.encode(), hashlib.sha256).hexdigest()

    # People ---------------------------------------------------------------------------------

    def needs_setup(self) -> bool:
        """True until the first owner exists (the first-run page is open only then)."""
        return self._store.user_count() == 0

    def create_first_owner(self, organisation: str, email: str, name: str, password: str) -> User:
        if not self.needs_setup():
            raise PermissionError("kolscope already has an owner")
        org = self._store.create_organisation(
            organisation.strip() or "My organisation", self._now()
        )
        return self.add_user(org, email, name, password, Role.OWNER)

    def add_user(
        self, organisation: Organisation, email: str, name: str, password: str, role: Role
    ) -> User:
        address = normalise_email(email)
        check_password(password)
        if not name.strip():
            raise ValueError("a name is needed")
        if self._store.user_by_email(address) is not None:
            raise ValueError(f"{address} already has an account")
        return self._store.create_user(
            address, name.strip(), self._hasher.hash(password), role, organisation.id, self._now()
        )

    def default_organisation(self) -> Organisation:
        found = self._store.first_organisation()
        if found is None:
            found = self._store.create_organisation("My organisation", self._now())
        return found

    def users(self, organisation: Organisation) -> list[User]:
        return self._store.users(organisation.id)

    def user(self, user_id: int) -> User | None:
        return self._store.user_by_id(user_id)

    def user_by_email(self, email: str) -> User | None:
        found = self._store.user_by_email(normalise_email(email))
        return found[0] if found else None

    def update_preferences(
        self,
        user: User,
        *,
        name: str | None = None,
        language: str | None = None,
        buddhist_era: bool | None = None,
        thai_units: bool | None = None,
    ) -> None:
        values: dict[str, object] = {}
        if name is not None:
            if not name.strip():
                raise ValueError("a name is needed")
            values["name"] = name.strip()
        if language is not None:
            if language not in {"th", "en", ""}:
                raise ValueError("language must be th or en")
            values["language"] = language or None
        if buddhist_era is not None:
            values["buddhist_era"] = buddhist_era
        if thai_units is not None:
            values["thai_units"] = thai_units
        if buddhist_era is not None or thai_units is not None:
            values["formats_chosen"] = True
        if values:
            self._store.update_user(user.id, **values)

    def set_role(self, actor: User, user_id: int, role: Role, active: bool = True) -> None:
        """An owner changing the role or access of someone in their organisation (not their
        own: no lock-outs). Anyone else, or a person of another organisation, is refused."""
        self._person_for(actor, user_id)
        if user_id == actor.id and (role != Role.OWNER or not active):
            raise ValueError("owners cannot demote or deactivate themselves")
        self.change_role(user_id, role, active=active)

    def change_role(self, user_id: int, role: Role, *, active: bool = True) -> None:
        """Change anyone's role (the command line, run by whoever runs the server)."""
        self._store.update_user(user_id, role=role, is_active=active)
        if not active:
            self._store.delete_sessions_of(user_id)

    def set_grants(self, actor: User, user_id: int, brand_ids: set[int]) -> set[int]:
        """The brands a person of the actor's organisation sees as a client: only brands that
        organisation may grant are kept (the rest are dropped). Returns the grants kept."""
        self._person_for(actor, user_id)
        kept = set(brand_ids) & self._brands_of(actor.organisation.id)
        self._store.set_grants(user_id, kept)
        return kept

    def _person_for(self, actor: User, user_id: int) -> User:
        if not actor.can(Permission.MANAGE_PEOPLE):
            raise PermissionError("only owners manage people")
        person = self._store.user_by_id(user_id)
        if person is None or person.organisation.id != actor.organisation.id:
            raise LookupError("There is no such person.")
        return person

    # Logging in -----------------------------------------------------------------------------

    def login(
        self, email: str, password: str, address: str, user_agent: str | None = None
    ) -> tuple[str, User]:
        """A new session token for good credentials; refuses after repeated failures."""
        now = self._now()
        key = email.strip().lower()
        self._check_not_refused(key, address, now)
        found = self._store.user_by_email(key)
        # Always one argon2 verification, so an unknown email answers as slowly as a known one.
        password_ok = self._hasher.verify(found[1] if found else self._dummy_hash(), password)
        ok = found is not None and found[0].is_active and password_ok
        self._store.record_login(key, address, ok, now)
        self._forget_old_logins(now)
        if not ok or found is None:
            raise LoginRefusedError("Wrong email or password.")
        user = found[0]
        self._store.update_user(user.id, last_login_at=now)
        return self._new_session(user, user_agent), user

    def _forget_old_logins(self, now: datetime) -> None:
        """Attempts older than PAIR_MEMORY are never read again: delete them, at most once an
        hour per process, so the table stays the size of a day's logins."""
        if self._logins_pruned_at is None or now - self._logins_pruned_at >= PRUNE_LOGINS_EVERY:
            self._store.forget_logins_before(now - PAIR_MEMORY)
            self._logins_pruned_at = now

    def _check_not_refused(self, email: str, address: str, now: datetime) -> None:
        failures = self._store.login_failures(
            email, address, now - PAIR_MEMORY, now - ADDRESS_WINDOW
        )
        wait = wait_before_next_try(failures, now)
        if wait > timedelta(0):
            raise LoginRefusedError(
                "Too many failed logins. Wait a moment and try again.",
                retry_after=max(1, math.ceil(wait.total_seconds())),
            )

    def _dummy_hash(self) -> str:
        if self._dummy is None:
            self._dummy = self._hasher.hash(secrets.token_urlsafe(16))
        return self._dummy

    def _new_session(self, user: User, user_agent: str | None) -> str:
        token = secrets.token_urlsafe(32)
        now = self._now()
        self._store.create_session(
            self.digest(token),
            user.id,
            secrets.token_urlsafe(24),
            now,
            now + timedelta(days=SESSION_DAYS),
            (user_agent or "")[:300] or None,
        )
        return token

    def session(self, token: str) -> SessionInfo | None:
        if not token:
            return None
        return self._store.session(self.digest(token), self._now())

    def logout(self, token: str) -> None:
        self._store.delete_session(self.digest(token))

    def change_password(
        self, user: User, current: str, new: str, *, revoke_tokens: bool = True
    ) -> int:
        """Set a new password and end every session of the person; with ``revoke_tokens``,
        revoke their API tokens too. Returns how many tokens were revoked."""
        found = self._store.user_by_email(user.email)
        if found is None or not self._hasher.verify(found[1], current):
            raise ValueError("the current password is not right")
        check_password(new)
        self._store.update_user(user.id, password_hash=self._hasher.hash(new))
        self._store.delete_sessions_of(user.id)
        return self._store.revoke_api_tokens_of(user.id, self._now()) if revoke_tokens else 0

    # API tokens -----------------------------------------------------------------------------

    def create_api_token(self, user: User, name: str) -> tuple[str, ApiTokenInfo]:
        """The token itself is returned once and never stored."""
        label = name.strip() or "API token"
        token = API_TOKEN_PREFIX + secrets.token_urlsafe(30)
        info = self._store.create_api_token(
            user.id, label[:100], token[:8], self.digest(token), self._now()
        )
        return token, info

    def api_tokens(self, user: User) -> list[ApiTokenInfo]:
        return self._store.api_tokens(user.id)

    def revoke_api_token(self, user: User, token_id: int) -> bool:
        return self._store.revoke_api_token(user.id, token_id, self._now())

    def user_for_api_token(self, token: str) -> User | None:
        """The person a token acts for. Only reads; the token's last use is recorded at most
        once every TOKEN_USE_EVERY, afterwards and best effort (a busy database skips it)."""
        if not token.startswith(API_TOKEN_PREFIX):
            return None
        found = self._store.api_token_use(self.digest(token))
        if found is None:
            return None
        now = self._now()
        if found.last_used_at is None or now - found.last_used_at >= TOKEN_USE_EVERY:
            self._store.record_api_token_use(found.token_id, now, now - TOKEN_USE_EVERY)
        return found.user

    # Password resets ------------------------------------------------------------------------

    def start_password_reset(self, email: str) -> str | None:
        """A single-use reset token for the address (None when no such active user)."""
        found = self._store.user_by_email(email.strip().lower())
        if found is None or not found[0].is_active:
            return None
        token = secrets.token_urlsafe(32)
        now = self._now()
        self._store.create_reset(
            found[0].id, self.digest(token), now, now + timedelta(hours=RESET_HOURS)
        )
        return token

    def finish_password_reset(self, token: str, password: str) -> None:
        """Set the new password, end every session and revoke every API token of the person
        (whoever asked for the reset may have had reason to think them known to others)."""
        check_password(password)
        user_id = self._store.use_reset(self.digest(token), self._now())
        if user_id is None:
            raise ValueError("this reset link is invalid, used or expired")
        self._store.update_user(user_id, password_hash=self._hasher.hash(password))
        self._store.delete_sessions_of(user_id)
        self._store.revoke_api_tokens_of(user_id, self._now())
