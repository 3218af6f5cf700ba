"""Tenancy is kept by the facades, not by the routes: every call that reads or writes an
organisation's brands takes the person (or their Scope), and a brand client gets nothing of a
brand not granted to them, whatever entry point asks. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kolscope.bootstrap import Workspace
from kolscope.catalogue.brands import BrandError
from kolscope.discovery.query import SearchError, SearchRequest
from kolscope.domain.brands import Brand
from kolscope.domain.team import INSTALLATION, Role, Scope, User
from kolscope.team.db.team_store import SqlTeamStore

PASSWORD = "a long test password"


class Agencies:
    def __init__(self, workspace: Workspace) -> None:
        team = workspace.team
        self.owner = team.create_first_owner("Agency A", "a@example.com", "Ann", PASSWORD)
        organisation = self.owner.organisation
        self.member = team.add_user(organisation, "m@example.com", "Mo", PASSWORD, Role.MEMBER)
        client = team.add_user(organisation, "c@example.com", "Cee", PASSWORD, Role.CLIENT)
        other = SqlTeamStore(workspace.engine).create_organisation("Agency B", datetime.now(UTC))
        self.rival = team.add_user(other, "b@example.com", "Bea", PASSWORD, Role.OWNER)
        brands = workspace.brands
        self.granted = brands.add(self.owner, "Moonmint Skin", handles="@moonmint")
        self.ungranted = brands.add(self.owner, "Sunny Snacks", hashtags="#sunnysnacks")
        self.theirs = brands.add(self.rival, "Rival Cola", handles="rivalcola")
        assert self.granted.id is not None
        team.set_grants(self.owner, client.id, {self.granted.id})
        reread = team.user(client.id)  # as a login reads them: with their grants
        assert reread is not None
        assert reread.granted_brand_ids == {self.granted.id}
        self.client: User = reread


@pytest.fixture
def agencies(workspace: Workspace) -> Agencies:
    return Agencies(workspace)


def _names(brands: list[Brand]) -> set[str]:
    return {b.name for b in brands}


def test_each_person_sees_only_the_brands_they_may(
    workspace: Workspace, agencies: Agencies
) -> None:
    brands = workspace.brands
    ours = {"Moonmint Skin", "Sunny Snacks"}
    assert _names(brands.visible(Scope.of(agencies.owner))) == ours
    assert _names(brands.visible(Scope.of(agencies.member))) == ours
    assert _names(brands.visible(Scope.of(agencies.client))) == {"Moonmint Skin"}
    assert _names(brands.visible(Scope.of(agencies.rival))) == {"Rival Cola"}
    assert _names(brands.visible(INSTALLATION)) == ours | {"Rival Cola"}
    assert brands.named(Scope.of(agencies.client), "Sunny Snacks") is None
    assert brands.named(Scope.of(agencies.owner), "rival cola") is None
    named = brands.named(Scope.of(agencies.client), "moonmint")  # by handle
    assert named is not None
    assert named.name == "Moonmint Skin"


def test_only_people_who_manage_brands_add_them_and_never_over_another_organisation(
    workspace: Workspace, agencies: Agencies
) -> None:
    brands = workspace.brands
    with pytest.raises(BrandError, match="may not add"):
        brands.add(agencies.client, "Client Brand")
    with pytest.raises(BrandError, match="needs a name"):
        brands.add(agencies.owner, "   ")
    with pytest.raises(BrandError, match="Another organisation"):
        brands.add(agencies.owner, "Rival Cola", handles="stolen")
    theirs = brands.named(Scope.of(agencies.rival), "Rival Cola")
    assert theirs is not None
    assert theirs.handles == ("rivalcola",)  # untouched, still theirs
    updated = brands.add(agencies.owner, "Sunny Snacks", hashtags="#sunny, snacks")
    assert updated.id == agencies.ungranted.id
    assert updated.hashtags == ("sunny", "snacks")


@pytest.mark.parametrize("field", ["fans_of", "brand"])
def test_a_search_names_only_brands_the_scope_may_see(
    workspace: Workspace, agencies: Agencies, field: str
) -> None:
    discovery = workspace.discovery
    for person, name in (
        (agencies.client, "Sunny Snacks"),  # ours, not granted to the client
        (agencies.owner, "Rival Cola"),  # another organisation's
        (agencies.rival, "Moonmint Skin"),
    ):
        with pytest.raises(SearchError, match="is not in the workspace"):
            discovery.search(SearchRequest(**{field: name}), Scope.of(person))
    granted = discovery.search(SearchRequest(**{field: "Moonmint Skin"}), Scope.of(agencies.client))
    assert granted.total == 0  # allowed: nobody is indexed yet
    with pytest.raises(SearchError, match="is not in the workspace"):
        discovery.match_list(
            ["someone"], SearchRequest(brand="Sunny Snacks"), Scope.of(agencies.client)
        )


def test_unowned_shortlists_and_searches_are_the_first_organisations_only(
    workspace: Workspace, agencies: Agencies
) -> None:
    lists = workspace.shortlists
    lists.create("Made before sign-in")  # no organisation owns it
    lists.save_search("Old search", SearchRequest(text="กันแดด"))
    first, rival = agencies.owner.organisation.id, agencies.rival.organisation.id
    assert [s.name for s in lists.lists(first)] == ["Made before sign-in"]
    assert [s.name for s in lists.searches(first)] == ["Old search"]
    assert lists.lists(rival) == []
    assert lists.searches(rival) == []
    with pytest.raises(SearchError, match="no shortlist named"):
        lists.delete("Made before sign-in", rival)
    assert not lists.delete_search("Old search", rival)
    assert [s.name for s in lists.searches(first)] == ["Old search"]
    assert [s.name for s in lists.lists(None)] == ["Made before sign-in"]
