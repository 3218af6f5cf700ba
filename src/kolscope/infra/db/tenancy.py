"""Which organisation sees a row: the one rule for jobs and the import log.

A row belongs to the organisation in its ``organisation_id``. A row without one (written
before any organisation existed, or by the command line, which runs as the installation
itself) belongs to the workspace, and the workspace is run by the first organisation (the
one set up first), so only that organisation sees it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select

from kolscope.infra.db import tables as t


def first_organisation() -> Any:
    """The id of the organisation set up first, as a scalar subquery."""
    return select(func.min(t.organisations.c.id)).scalar_subquery()


def visible_to(column: Any, organisation_id: int) -> ColumnElement[bool]:
    """True for rows of ``organisation_id`` (and unowned rows, when it is the first one)."""
    return or_(
        column == organisation_id,
        and_(column.is_(None), first_organisation() == organisation_id),
    )


def organisation_of_user(user_id: int) -> Any:
    """The organisation of a person (their first, if several), as a scalar subquery."""
    return (
        select(func.min(t.memberships.c.organisation_id))
        .where(t.memberships.c.user_id == user_id)
        .scalar_subquery()
    )
