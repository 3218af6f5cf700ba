"""Organisations: tenants of one installation, each with its own people, brands, shortlists,
jobs and import log. The first organisation (the one set up first) runs the installation:
its owners are the site admins who may create more, and it sees the jobs and imports of the
command line (which runs as the installation, not as a person)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from kolscope.domain.team import Role, User, check_password, normalise_email
from kolscope.team.service import PasswordHasher

MAX_NAME = 200


@dataclass(frozen=True, slots=True)
class OrganisationSummary:
    id: int
    name: str
    created_at: datetime
    people: int
    owners: tuple[str, ...]  # the owners' emails


class OrganisationStore(Protocol):
    def organisations(self) -> list[OrganisationSummary]: ...

    def first_organisation_id(self) -> int | None: ...

    def email_taken(self, email: str) -> bool: ...

    def create_with_owner(
        self, name: str, email: str, owner_name: str, password_hash: str, now: datetime
    ) -> User:
        """The organisation and its first owner, in one transaction."""
        ...


class OrganisationService:
    def __init__(
        self,
        store: OrganisationStore,
        hasher: PasswordHasher,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._hasher = hasher
        self._now = clock

    def organisations(self) -> list[OrganisationSummary]:
        return self._store.organisations()

    def is_site_admin(self, user: User) -> bool:
        """Owners of the first organisation run the installation (and create organisations)."""
        return (
            user.is_active
            and user.role == Role.OWNER
            and user.organisation.id == self._store.first_organisation_id()
        )

    def create(self, name: str, owner_email: str, owner_name: str, password: str) -> User:
        """A new organisation with its first owner; ValueError says what is wrong (and then
        nothing is created)."""
        title = name.strip()
        if not title:
            raise ValueError("an organisation needs a name")
        if len(title) > MAX_NAME:
            raise ValueError(f"an organisation's name has at most {MAX_NAME} characters")
        email = normalise_email(owner_email)
        check_password(password)
        person = owner_name.strip() or email.split("@", 1)[0]
        if self._store.email_taken(email):
            raise ValueError(f"{email} already has an account")
        return self._store.create_with_owner(
            title, email, person, self._hasher.hash(password), self._now()
        )
