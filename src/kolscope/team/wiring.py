"""How the team area is built: its SQL stores and argon2id passwords under the use cases."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:
    from kolscope.config import Settings
    from kolscope.team.organisations import OrganisationService
    from kolscope.team.resets import PasswordResets
    from kolscope.team.service import PasswordHasher, TeamService


def passwords() -> PasswordHasher:
    """argon2id at the production cost (tests swap this for the lowest cost)."""
    from kolscope.infra.passwords import Argon2Passwords

    return Argon2Passwords()


def organisations(engine: Engine) -> OrganisationService:
    from kolscope.team.db.organisation_store import SqlOrganisations
    from kolscope.team.organisations import OrganisationService

    return OrganisationService(SqlOrganisations(engine), passwords())


def team(
    engine: Engine, secret_key: str, organisation_brands: Callable[[int], set[int]]
) -> TeamService:
    """``organisation_brands``: the brands an organisation may grant (from the catalogue)."""
    from kolscope.team.db.team_store import SqlTeamStore
    from kolscope.team.service import TeamService

    return TeamService(
        SqlTeamStore(engine), passwords(), secret_key, organisation_brands=organisation_brands
    )


def resets(team: TeamService, settings: Settings) -> PasswordResets:
    """Password resets, mailed through ``KOLSCOPE_SMTP_URL`` when it is set."""
    from kolscope.infra.mail import send_mail
    from kolscope.team.resets import PasswordResets

    smtp_url, sender = settings.smtp_url, settings.mail_from
    if not smtp_url:
        return PasswordResets(team, settings.base_url, None)

    def mail(to: str, subject: str, body: str) -> None:
        send_mail(smtp_url, sender, to, subject, body)

    return PasswordResets(team, settings.base_url, mail)
