"""People and organisations in memory: ``TeamStore``, ``OrganisationStore`` and a
``PasswordHasher`` (the contracts of ``team/db/*.py``).

One ``Directory`` holds the tables both stores share (organisations, people, memberships,
brand grants, login attempts, sessions, API tokens, resets). It also answers ``Tenancy`` for
the job store, the import log and the shortlists, as the SQL tables do for their queries.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from kolscope.domain.team import Organisation, Role, User
from kolscope.team.login_rules import LoginFailures
from kolscope.team.organisations import OrganisationSummary
from kolscope.team.service import ApiTokenInfo, ApiTokenUse, SessionInfo


class FakePasswordHasher:
    """A salted SHA-256 in place of argon2 (instant); remembers every hash it verified."""

    def __init__(self) -> None:
        self.verified: list[str] = []
        self._salts = 0

    def hash(self, password: str) -> str:
        self._salts += 1
        salt = f"s{self._salts}"
        return f"fake${salt}${self._digest(salt, password)}"

    def verify(self, hashed: str, password: str) -> bool:
        self.verified.append(hashed)
        _scheme, salt, digest = hashed.split("$", 2)
        return hmac.compare_digest(digest, self._digest(salt, password))

    @staticmethod
    def _digest(salt: str, password: str) -> str:
        return hashlib.sha256(f"{salt}:{password}".encode()).hexdigest()


@dataclass
class Person:
    """A row of ``users`` with the person's membership (one organisation each)."""

    id: int
    email: str
    name: str
    password_hash: str
    organisation_id: int
    role: Role
    created_at: datetime
    is_active: bool = True
    language: str | None = None
    buddhist_era: bool = False
    thai_units: bool = False
    formats_chosen: bool = False
    last_login_at: datetime | None = None


@dataclass
class Attempt:
    email: str
    address: str
    at: datetime
    succeeded: bool


@dataclass
class StoredSession:
    user_id: int
    csrf: str
    expires: datetime
    user_agent: str | None


@dataclass
class StoredToken:
    info: ApiTokenInfo
    user_id: int
    token_hash: str


@dataclass
class StoredReset:
    user_id: int
    expires: datetime
    used_at: datetime | None = None


@dataclass
class Directory:
    organisations: dict[int, tuple[str, datetime]] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    grants: dict[int, frozenset[int]] = field(default_factory=dict)
    attempts: list[Attempt] = field(default_factory=list)
    sessions: dict[str, StoredSession] = field(default_factory=dict)
    tokens: dict[int, StoredToken] = field(default_factory=dict)
    resets: dict[str, StoredReset] = field(default_factory=dict)
    _ids: int = 0

    def next_id(self) -> int:
        self._ids += 1
        return self._ids

    # Tenancy --------------------------------------------------------------------------------

    def first_organisation_id(self) -> int | None:
        return min(self.organisations, default=None)

    def organisation_of_user(self, user_id: int) -> int | None:
        person = self.people.get(user_id)
        return person.organisation_id if person else None

    # Shared writes --------------------------------------------------------------------------

    def add_organisation(self, name: str, now: datetime) -> Organisation:
        new_id = self.next_id()
        self.organisations[new_id] = (name, now)
        return Organisation(new_id, name)

    def add_person(
        self,
        email: str,
        name: str,
        password_hash: str,
        role: Role,
        organisation_id: int,
        now: datetime,
    ) -> int:
        if any(p.email == email for p in self.people.values()):
            raise ValueError(f"users.email is unique: {email} exists")  # SQL: IntegrityError
        if organisation_id not in self.organisations:
            raise ValueError(f"no organisation {organisation_id}")  # the foreign key
        new_id = self.next_id()
        self.people[new_id] = Person(new_id, email, name, password_hash, organisation_id, role, now)
        return new_id

    def user(self, person: Person, *, visitor: bool = False) -> User:
        """A ``User``; for the visitor of a request, grants are read only for a client."""
        grants = frozenset[int]()
        if not visitor or person.role == Role.CLIENT:
            grants = self.grants.get(person.id, frozenset())
        name, _created = self.organisations[person.organisation_id]
        return User(
            id=person.id,
            email=person.email,
            name=person.name,
            role=person.role,
            organisation=Organisation(person.organisation_id, name),
            is_active=person.is_active,
            language=person.language,
            buddhist_era=person.buddhist_era,
            thai_units=person.thai_units,
            formats_chosen=person.formats_chosen,
            last_login_at=person.last_login_at,
            granted_brand_ids=grants,
        )


_PERSON_FIELDS = {f.name for f in fields(Person)} - {"id", "organisation_id", "created_at"}


class FakeTeamStore:
    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    def user_count(self) -> int:
        return len(self.directory.people)

    def first_organisation(self) -> Organisation | None:
        first = self.directory.first_organisation_id()
        if first is None:
            return None
        return Organisation(first, self.directory.organisations[first][0])

    def create_organisation(self, name: str, now: datetime) -> Organisation:
        return self.directory.add_organisation(name, now)

    def create_user(
        self,
        email: str,
        name: str,
        password_hash: str,
        role: Role,
        organisation_id: int,
        now: datetime,
    ) -> User:
        new_id = self.directory.add_person(email, name, password_hash, role, organisation_id, now)
        return self.directory.user(self.directory.people[new_id])

    def user_by_email(self, email: str) -> tuple[User, str] | None:
        for person in self.directory.people.values():
            if person.email == email:
                return self.directory.user(person), person.password_hash
        return None

    def user_by_id(self, user_id: int) -> User | None:
        person = self.directory.people.get(user_id)
        return self.directory.user(person) if person else None

    def users(self, organisation_id: int) -> list[User]:
        people = [p for p in self.directory.people.values() if p.organisation_id == organisation_id]
        return [self.directory.user(p) for p in sorted(people, key=lambda p: p.name)]

    def update_user(self, user_id: int, **values: object) -> None:
        unknown = set(values) - _PERSON_FIELDS
        if unknown:
            raise ValueError(f"users has no column {sorted(unknown)}")  # as SQL would refuse
        person = self.directory.people.get(user_id)
        if person is None:
            return  # an UPDATE of no row
        if "role" in values:
            values["role"] = Role(str(values["role"]))
        self.directory.people[user_id] = replace(person, **values)  # type: ignore[arg-type]

    def set_grants(self, user_id: int, brand_ids: set[int]) -> None:
        self.directory.grants[user_id] = frozenset(brand_ids)

    def record_login(self, email: str, address: str, succeeded: bool, now: datetime) -> None:
        self.directory.attempts.append(Attempt(email[:320], address[:64], now, succeeded))

    def forget_logins_before(self, moment: datetime) -> int:
        kept = [a for a in self.directory.attempts if a.at >= moment]
        gone = len(self.directory.attempts) - len(kept)
        self.directory.attempts = kept
        return gone

    def login_failures(
        self, email: str, address: str, pair_since: datetime, address_since: datetime
    ) -> LoginFailures:
        attempts = self.directory.attempts
        pair = [a for a in attempts if a.email == email and a.address == address]
        pair = [a for a in pair if a.at >= pair_since]
        last_success = max((a.at for a in pair if a.succeeded), default=None)
        failed = [
            a.at for a in pair if not a.succeeded and (last_success is None or a.at > last_success)
        ]
        by_address = [
            a.at
            for a in attempts
            if a.address == address and a.at > address_since and not a.succeeded
        ]
        return LoginFailures(
            len(failed), max(failed, default=None), len(by_address), min(by_address, default=None)
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
        self.directory.sessions[token_hash] = StoredSession(user_id, csrf, expires, user_agent)

    def session(self, token_hash: str, now: datetime) -> SessionInfo | None:
        found = self.directory.sessions.get(token_hash)
        if found is None or found.expires <= now:
            return None
        person = self.directory.people[found.user_id]
        if not person.is_active:
            return None
        return SessionInfo(self.directory.user(person, visitor=True), found.csrf)

    def delete_session(self, token_hash: str) -> None:
        self.directory.sessions.pop(token_hash, None)

    def delete_sessions_of(self, user_id: int) -> None:
        sessions = self.directory.sessions
        for token_hash in [h for h, s in sessions.items() if s.user_id == user_id]:
            del sessions[token_hash]

    def create_api_token(
        self, user_id: int, name: str, prefix: str, token_hash: str, now: datetime
    ) -> ApiTokenInfo:
        info = ApiTokenInfo(self.directory.next_id(), name, prefix, now, None, None)
        self.directory.tokens[info.id] = StoredToken(info, user_id, token_hash)
        return info

    def api_tokens(self, user_id: int) -> list[ApiTokenInfo]:
        mine = [t.info for t in self.directory.tokens.values() if t.user_id == user_id]
        return sorted(mine, key=lambda info: -info.id)

    def revoke_api_token(self, user_id: int, token_id: int, now: datetime) -> bool:
        token = self.directory.tokens.get(token_id)
        if token is None or token.user_id != user_id or token.info.revoked_at is not None:
            return False
        token.info = replace(token.info, revoked_at=now)
        return True

    def revoke_api_tokens_of(self, user_id: int, now: datetime) -> int:
        live = [
            t
            for t in self.directory.tokens.values()
            if t.user_id == user_id and t.info.revoked_at is None
        ]
        for token in live:
            token.info = replace(token.info, revoked_at=now)
        return len(live)

    def api_token_use(self, token_hash: str) -> ApiTokenUse | None:
        for token in self.directory.tokens.values():
            if token.token_hash == token_hash and token.info.revoked_at is None:
                person = self.directory.people.get(token.user_id)
                if person is None or not person.is_active:
                    return None
                user = self.directory.user(person, visitor=True)
                return ApiTokenUse(user, token.info.id, token.info.last_used_at)
        return None

    def record_api_token_use(self, token_id: int, now: datetime, unless_after: datetime) -> bool:
        token = self.directory.tokens.get(token_id)
        if token is None:
            return False
        last = token.info.last_used_at
        if last is not None and last > unless_after:
            return False
        token.info = replace(token.info, last_used_at=now)
        return True

    def create_reset(self, user_id: int, token_hash: str, now: datetime, expires: datetime) -> None:
        self.directory.resets[token_hash] = StoredReset(user_id, expires)

    def use_reset(self, token_hash: str, now: datetime) -> int | None:
        reset = self.directory.resets.get(token_hash)
        if reset is None or reset.used_at is not None or reset.expires <= now:
            return None
        reset.used_at = now
        return reset.user_id


class FakeOrganisationStore:
    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    def organisations(self) -> list[OrganisationSummary]:
        summaries = []
        for org_id, (name, created) in sorted(self.directory.organisations.items()):
            members = [p for p in self.directory.people.values() if p.organisation_id == org_id]
            owners = sorted(p.email for p in members if p.role == Role.OWNER)
            summaries.append(
                OrganisationSummary(org_id, name, created, len(members), tuple(owners))
            )
        return summaries

    def first_organisation_id(self) -> int | None:
        return self.directory.first_organisation_id()

    def email_taken(self, email: str) -> bool:
        return any(p.email == email for p in self.directory.people.values())

    def create_with_owner(
        self, name: str, email: str, owner_name: str, password_hash: str, now: datetime
    ) -> User:
        """Both or neither, as in the SQL transaction."""
        if self.email_taken(email):
            raise ValueError(f"users.email is unique: {email} exists")
        organisation = self.directory.add_organisation(name, now)
        new_id = self.directory.add_person(
            email, owner_name, password_hash, Role.OWNER, organisation.id, now
        )
        return self.directory.user(self.directory.people[new_id])
