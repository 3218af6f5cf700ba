"""How the team area is built: its SQL stores and argon2id passwords under the use cases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:
    from kolscope.team.organisations import OrganisationService
    from kolscope.team.service import PasswordHasher, TeamService


def passwords() -> PasswordHasher:
    """argon2id at the production cost (tests swap this for the lowest cost)."""
    from kolscope.infra.passwords import Argon2Passwords

    return Argon2Passwords()


def organisations(engine: Engine) -> OrganisationService:
    from kolscope.team.db.organisation_store import SqlOrganisations
    from kolscope.team.organisations import OrganisationService

    return OrganisationService(SqlOrganisations(engine), passwords())


def team(engine: Engine, secret_key: str) -> TeamService:
    from kolscope.team.db.team_store import SqlTeamStore
    from kolscope.team.service import TeamService

    return TeamService(SqlTeamStore(engine), passwords(), secret_key)
