"""The demo's documented logins: an owner, a member, and a client who sees one brand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from kolscope.catalogue.demo.build import DEMO_PASSWORD, DEMO_PEOPLE
from kolscope.domain.brands import Brand
from kolscope.domain.team import Role

if TYPE_CHECKING:
    from kolscope.team.facade import TeamService


class DemoBrands(Protocol):
    """The catalogue as the demo people need it: its brands, and a way to give the unowned
    ones to an organisation."""

    def brands(self, organisation_id: int | None = None) -> list[Brand]: ...

    def claim_unowned_brands(self, organisation_id: int) -> None: ...


def add_demo_people(team: TeamService, catalogue: DemoBrands) -> None:
    """Create the demo people once (nothing happens when the workspace already has people);
    the brands nobody owns yet become the demo agency's, and the client sees the first."""
    if not team.needs_setup():
        return
    owner_email, owner_name, _role = DEMO_PEOPLE[0]
    owner = team.create_first_owner(
        "Demo agency (synthetic)", owner_email, owner_name, DEMO_PASSWORD
    )
    catalogue.claim_unowned_brands(owner.organisation.id)
    for email, name, role in DEMO_PEOPLE[1:]:
        person = team.add_user(owner.organisation, email, name, DEMO_PASSWORD, Role(role))
        if person.role == Role.CLIENT:
            brands = catalogue.brands(owner.organisation.id)
            if brands and brands[0].id is not None:
                team.set_grants(owner, person.id, {brands[0].id})
