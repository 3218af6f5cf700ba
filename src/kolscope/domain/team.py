"""The people who use kolscope: organisations, users, roles and what each role may do."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from kolscope.domain.brands import Brand


class Role(StrEnum):
    """What a user is in an organisation."""

    OWNER = "owner"  # runs the workspace: everything, including people and settings
    MEMBER = "member"  # does the work: discover, vet, import, plan, track, measure
    CLIENT = "client"  # a brand's client: read-only, sees only the brands granted to them


class Permission(StrEnum):
    VIEW_CREATORS = "view_creators"
    IMPORT_DATA = "import_data"
    VIEW_IMPORTS = "view_imports"
    VIEW_AUDITS = "view_audits"
    VIEW_BRANDS = "view_brands"  # a client sees only granted brands
    MANAGE_BRANDS = "manage_brands"
    VIEW_CAMPAIGNS = "view_campaigns"  # a client sees only granted brands' campaigns
    MANAGE_CAMPAIGNS = "manage_campaigns"  # briefs, plans, the outreach board
    APPROVE_CONTENT = "approve_content"  # approve submitted content or ask for changes
    VIEW_JOBS = "view_jobs"
    MANAGE_PEOPLE = "manage_people"
    OWN_ACCOUNT = "own_account"  # profile, language, password, API tokens


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: frozenset(Permission),
    Role.MEMBER: frozenset(Permission) - {Permission.MANAGE_PEOPLE},
    Role.CLIENT: frozenset(
        {
            Permission.VIEW_BRANDS,
            Permission.VIEW_CAMPAIGNS,
            Permission.APPROVE_CONTENT,
            Permission.OWN_ACCOUNT,
        }
    ),
}


@dataclass(frozen=True, slots=True)
class Organisation:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class User:
    """A person who logs in. ``role`` is their role in ``organisation``."""

    id: int
    email: str
    name: str
    role: Role
    organisation: Organisation
    is_active: bool = True
    language: str | None = None  # "th" or "en"; None follows the browser
    buddhist_era: bool = False
    thai_units: bool = False
    formats_chosen: bool = False  # until they choose, a Thai page shows Thai formats
    last_login_at: datetime | None = None
    granted_brand_ids: frozenset[int] = frozenset()

    def can(self, permission: Permission) -> bool:
        return self.is_active and permission in ROLE_PERMISSIONS[self.role]

    def formats(self, language: str) -> tuple[bool, bool]:
        """(Buddhist-era years, Thai number units) on a page in ``language``: what the person
        chose, or both on for a Thai page until they choose."""
        if not self.formats_chosen and language == "th":
            return True, True
        return self.buddhist_era, self.thai_units

    def sees_brand(self, brand_id: int) -> bool:
        """Owners and members see every brand of their organisation; clients only theirs."""
        if self.role == Role.CLIENT:
            return brand_id in self.granted_brand_ids
        return True


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose data one facade call may read or change: an organisation's, and for a brand client
    only the brands granted to them. Every call that reads or writes tenant data takes one, so
    the rule is kept in one place whatever the entry point (page, API, job, command line).

    ``organisation_id`` None is the installation itself: the command line, run by whoever runs
    the server, sees every organisation (``INSTALLATION``)."""

    organisation_id: int | None
    person_id: int | None = None
    brand_ids: frozenset[int] | None = None  # None: every brand of the organisation

    @classmethod
    def of(cls, person: User) -> Scope:
        """What this person may see: their organisation; a client only their granted brands."""
        granted = person.granted_brand_ids if person.role == Role.CLIENT else None
        return cls(person.organisation.id, person.id, granted)

    def sees(self, brand: Brand) -> bool:
        """Brands no organisation owns yet are every organisation's (as the catalogue lists
        them); a client sees only granted ones."""
        if self.organisation_id is not None and brand.organisation_id not in (
            None,
            self.organisation_id,
        ):
            return False
        return self.brand_ids is None or (brand.id is not None and brand.id in self.brand_ids)


INSTALLATION = Scope(None)


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$|^[^@\s]+@localhost$|^[^@\s]+@[^@\s.]+\.local$")
MIN_PASSWORD = 10
_COMMON = {"password", "1234567890", "qwertyuiop", "kolscope", "password1", "12345678910"}


def normalise_email(text: str) -> str:
    email = text.strip().lower()
    if not _EMAIL.match(email):
        raise ValueError(f"{text.strip()!r} is not an email address")
    return email


def check_password(password: str) -> None:
    """A password long enough to resist guessing; raise ValueError saying what is wrong."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    if password.lower() in _COMMON or len(set(password)) < 4:
        raise ValueError("this password is too easy to guess")
