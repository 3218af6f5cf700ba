"""Which organisation sees a row, as ``infra/db/tenancy.py`` says it in SQL.

A row belongs to its ``organisation_id``; a row without one belongs to the workspace, which
the first organisation (the one set up first) runs, so only that organisation sees it.
"""

from __future__ import annotations

from typing import Protocol


class Tenancy(Protocol):
    def first_organisation_id(self) -> int | None: ...

    def organisation_of_user(self, user_id: int) -> int | None:
        """The person's organisation (their first, if several)."""
        ...


class NoOrganisations:
    """A workspace nobody has signed up to yet."""

    def first_organisation_id(self) -> int | None:
        return None

    def organisation_of_user(self, user_id: int) -> int | None:
        return None


def visible_to(owner: int | None, organisation_id: int, tenancy: Tenancy) -> bool:
    """True for rows of ``organisation_id`` (and unowned rows, when it is the first one)."""
    if owner is None:
        return tenancy.first_organisation_id() == organisation_id
    return owner == organisation_id
