"""People and organisations over fakes (no database, instant hashing): the first owner,
people and roles, logins and their limits, sessions, API tokens, password resets, brand grants
for clients, and organisations."""

from __future__ import annotations

import pytest

from kolscope.domain.brands import Brand
from kolscope.domain.team import Permission, Role, User
from kolscope.team.login_rules import MAX_FAILURES_PER_ADDRESS, LoginRefusedError, backoff
from kolscope.team.service import SESSION_DAYS, TOKEN_USE_EVERY
from tests.fakes import FakeServices, fake_services

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a brand new password"
HOME = "198.51.100.7"
STRANGER = "203.0.113.9"


@pytest.fixture
def services() -> FakeServices:
    return fake_services()


@pytest.fixture
def owner(services: FakeServices) -> User:
    return services.team.create_first_owner(" Agency ", "Owner@Example.com", "Olive", PASSWORD)


@pytest.fixture
def member(services: FakeServices, owner: User) -> User:
    return services.team.add_user(owner.organisation, "m@example.com", "Max", PASSWORD, Role.MEMBER)


def _fails(services: FakeServices, email: str, address: str) -> None:
    with pytest.raises(LoginRefusedError) as refused:
        services.team.login(email, "not the password", address)
    assert refused.value.retry_after is None, "expected a wrong password, not a refusal"


def _refused_for(services: FakeServices, email: str, address: str) -> int:
    with pytest.raises(LoginRefusedError) as refused:
        services.team.login(email, PASSWORD, address)
    assert refused.value.retry_after is not None
    return refused.value.retry_after


def test_the_first_owner_opens_the_workspace_once(services: FakeServices) -> None:
    assert services.team.needs_setup()
    owner = services.team.create_first_owner(" Agency ", "Owner@Example.com", "Olive", PASSWORD)
    assert (owner.email, owner.role, owner.organisation.name) == (
        "owner@example.com",
        Role.OWNER,
        "Agency",
    )
    assert not services.team.needs_setup()
    assert services.team.default_organisation() == owner.organisation
    with pytest.raises(PermissionError, match="already has an owner"):
        services.team.create_first_owner("Other", "x@example.com", "X", PASSWORD)
    stored = services.directory.people[owner.id].password_hash
    assert PASSWORD not in stored
    assert services.hasher.verify(stored, PASSWORD)


def test_people_are_added_with_checks_and_listed_by_name(
    services: FakeServices, owner: User, member: User
) -> None:
    team = services.team
    client = team.add_user(owner.organisation, "c@example.com", "Ann", PASSWORD, Role.CLIENT)
    assert [u.name for u in team.users(owner.organisation)] == ["Ann", "Max", "Olive"]
    with pytest.raises(ValueError, match="already has an account"):
        team.add_user(owner.organisation, " M@EXAMPLE.com ", "Again", PASSWORD, Role.MEMBER)
    with pytest.raises(ValueError, match="at least 10 characters"):
        team.add_user(owner.organisation, "s@example.com", "Short", "short", Role.MEMBER)
    with pytest.raises(ValueError, match="not an email"):
        team.add_user(owner.organisation, "nobody", "No", PASSWORD, Role.MEMBER)
    with pytest.raises(ValueError, match="a name is needed"):
        team.add_user(owner.organisation, "n@example.com", "  ", PASSWORD, Role.MEMBER)
    assert team.user_by_email(" C@example.com") == client
    assert not client.can(Permission.VIEW_CREATORS)
    assert member.can(Permission.IMPORT_DATA)
    assert not member.can(Permission.MANAGE_PEOPLE)


def test_roles_change_but_owners_cannot_lock_themselves_out(
    services: FakeServices, owner: User, member: User
) -> None:
    team = services.team
    token, _user = team.login(member.email, PASSWORD, HOME)
    team.set_role(owner, member.id, Role.OWNER)
    assert team.user(member.id).role == Role.OWNER  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="cannot demote or deactivate themselves"):
        team.set_role(owner, owner.id, Role.MEMBER)
    with pytest.raises(ValueError, match="cannot demote or deactivate themselves"):
        team.set_role(owner, owner.id, Role.OWNER, active=False)
    team.set_role(owner, member.id, Role.MEMBER, active=False)
    assert team.session(token) is None  # deactivating ends their sessions
    with pytest.raises(LoginRefusedError, match="Wrong email or password"):
        team.login(member.email, PASSWORD, HOME)
    assert team.start_password_reset(member.email) is None


def test_preferences_are_checked_and_kept(services: FakeServices, member: User) -> None:
    team = services.team
    team.update_preferences(member, name=" Maxine ", language="th", buddhist_era=True)
    updated = team.user(member.id)
    assert updated is not None
    assert (updated.name, updated.language, updated.buddhist_era, updated.thai_units) == (
        "Maxine",
        "th",
        True,
        False,
    )
    with pytest.raises(ValueError, match="th or en"):
        team.update_preferences(member, language="fr")
    team.update_preferences(member, language="")
    assert team.user(member.id).language is None  # type: ignore[union-attr]


def test_a_thai_page_shows_thai_formats_until_the_person_chooses(
    services: FakeServices, member: User
) -> None:
    team = services.team
    fresh = team.user(member.id)
    assert fresh is not None
    assert fresh.formats("th") == (True, True)  # Buddhist era and Thai units by default
    assert fresh.formats("en") == (False, False)
    team.update_preferences(member, buddhist_era=False, thai_units=True)
    chosen = team.user(member.id)
    assert chosen is not None
    assert chosen.formats_chosen
    assert chosen.formats("th") == (False, True)  # their choice, even on a Thai page


def test_a_login_makes_a_session_and_logging_out_ends_it(
    services: FakeServices, member: User
) -> None:
    team = services.team
    token, user = team.login(" M@Example.com ", PASSWORD, HOME, user_agent="pytest")
    assert user.id == member.id
    session = team.session(token)
    assert session is not None
    assert session.user.id == member.id
    assert session.csrf_token
    assert token not in services.directory.sessions  # only its digest is kept
    assert team.user(member.id).last_login_at == services.clock()  # type: ignore[union-attr]
    services.clock.advance(SESSION_DAYS * 86_400 - 1)
    assert team.session(token) is not None
    services.clock.advance(1)
    assert team.session(token) is None  # expired
    second, _user = team.login(member.email, PASSWORD, HOME)
    team.logout(second)
    assert team.session(second) is None
    assert team.session("") is None


def test_unknown_emails_verify_a_password_too(services: FakeServices, member: User) -> None:
    _fails(services, "nobody@example.com", HOME)
    _fails(services, member.email, HOME)
    dummy, real = services.hasher.verified
    assert dummy != real
    assert real == services.directory.people[member.id].password_hash


def test_one_email_from_one_address_backs_off(services: FakeServices, member: User) -> None:
    clock = services.clock
    email = member.email
    for _ in range(3):
        _fails(services, email, STRANGER)
    assert _refused_for(services, email, STRANGER) == 1
    clock.advance(1)
    _fails(services, email, STRANGER)
    assert _refused_for(services, email, STRANGER) == 2
    clock.advance(1)
    assert _refused_for(services, email, STRANGER) == 1
    clock.advance(1)
    _fails(services, email, STRANGER)
    assert _refused_for(services, email, STRANGER) == 4
    for _ in range(20):
        clock.advance(backoff(20).total_seconds())
        _fails(services, email, STRANGER)
    assert _refused_for(services, email, STRANGER) == 900
    clock.advance(900)
    token, user = services.team.login(email, PASSWORD, STRANGER)  # the wait is over
    assert token
    assert user.id == member.id
    _fails(services, email, STRANGER)  # a success starts the count again
    _fails(services, email, STRANGER)


def test_a_stranger_cannot_lock_the_owner_out(services: FakeServices, owner: User) -> None:
    for _ in range(8):
        services.clock.advance(backoff(8).total_seconds())
        _fails(services, owner.email, STRANGER)
    assert _refused_for(services, owner.email, STRANGER) > 0
    token, user = services.team.login(owner.email, PASSWORD, HOME)
    assert token
    assert user.id == owner.id


def test_one_address_trying_many_emails_is_stopped(services: FakeServices, owner: User) -> None:
    for i in range(MAX_FAILURES_PER_ADDRESS):
        _fails(services, f"guess{i}@example.com", STRANGER)
        services.clock.advance(10)
    wait = _refused_for(services, owner.email, STRANGER)
    assert wait == 15 * 60 - 10 * MAX_FAILURES_PER_ADDRESS  # until the oldest is 15 min old
    token, _user = services.team.login(owner.email, PASSWORD, HOME)
    assert token
    services.clock.advance(wait)
    _fails(services, "one-more@example.com", STRANGER)


def test_attempts_older_than_a_day_are_forgotten(services: FakeServices, owner: User) -> None:
    _fails(services, owner.email, HOME)
    services.team.login(owner.email, PASSWORD, HOME)
    assert len(services.directory.attempts) == 2
    services.clock.advance(25 * 3600)
    services.team.login(owner.email, PASSWORD, HOME)
    assert len(services.directory.attempts) == 1  # only today's


def test_api_tokens_act_for_their_person_until_revoked(
    services: FakeServices, owner: User, member: User
) -> None:
    team = services.team
    token, info = team.create_api_token(member, "  ")
    assert token.startswith("ks_")
    assert (info.name, info.prefix) == ("API token", token[:8])
    assert team.user_for_api_token(token).id == member.id  # type: ignore[union-attr]
    first_use = services.clock()
    services.clock.advance(30)
    team.user_for_api_token(token)  # used again within a minute: not written again
    assert team.api_tokens(member)[0].last_used_at == first_use
    services.clock.advance(TOKEN_USE_EVERY.total_seconds())
    team.user_for_api_token(token)
    assert team.api_tokens(member)[0].last_used_at == services.clock()
    assert team.user_for_api_token("not-a-token") is None
    assert not team.revoke_api_token(owner, info.id)  # not the owner's token
    assert team.revoke_api_token(member, info.id)
    assert not team.revoke_api_token(member, info.id)  # revoked already
    assert team.user_for_api_token(token) is None
    assert [t.revoked_at for t in team.api_tokens(member)] == [services.clock()]


@pytest.mark.parametrize("revoke", [True, False])
def test_a_new_password_ends_sessions_and_optionally_tokens(
    services: FakeServices, member: User, revoke: bool
) -> None:
    team = services.team
    token, _info = team.create_api_token(member, "script")
    session, _user = team.login(member.email, PASSWORD, HOME)
    with pytest.raises(ValueError, match="current password is not right"):
        team.change_password(member, "wrong password", NEW_PASSWORD)
    assert team.change_password(member, PASSWORD, NEW_PASSWORD, revoke_tokens=revoke) == revoke
    assert team.session(session) is None
    assert (team.user_for_api_token(token) is not None) is not revoke
    _fails(services, member.email, HOME)
    assert team.login(member.email, NEW_PASSWORD, HOME)[1].id == member.id


def test_a_password_reset_is_single_use_and_revokes_everything(
    services: FakeServices, owner: User, member: User
) -> None:
    team = services.team
    tokens = [team.create_api_token(member, f"t{i}")[0] for i in range(2)]
    owners_token, _info = team.create_api_token(owner, "not theirs")
    session, _user = team.login(member.email, PASSWORD, HOME)
    assert team.start_password_reset("nobody@example.com") is None
    reset = team.start_password_reset(" M@example.com")
    assert reset is not None
    with pytest.raises(ValueError, match="at least 10"):
        team.finish_password_reset(reset, "short")
    team.finish_password_reset(reset, NEW_PASSWORD)
    assert not any(team.user_for_api_token(t) for t in tokens)
    assert team.session(session) is None
    assert team.user_for_api_token(owners_token) is not None  # only the person's own
    with pytest.raises(ValueError, match="invalid, used or expired"):
        team.finish_password_reset(reset, "another new password")
    late = team.start_password_reset(member.email)
    assert late is not None
    services.clock.advance(2 * 3600)
    with pytest.raises(ValueError, match="invalid, used or expired"):
        team.finish_password_reset(late, "another new password")


def test_clients_see_only_the_brands_granted_to_them(
    services: FakeServices, owner: User, member: User
) -> None:
    team = services.team
    first, second, third = (_brand(services, name, owner) for name in ("Aa", "Bb", "Cc"))
    client = team.add_user(owner.organisation, "c@example.com", "Cleo", PASSWORD, Role.CLIENT)
    team.set_grants(owner, client.id, {first, third})
    team.set_grants(owner, member.id, {first})
    found = team.user(client.id)
    assert found is not None
    assert found.granted_brand_ids == frozenset({first, third})
    assert found.sees_brand(third)
    assert not found.sees_brand(second)
    token, _user = team.login(client.email, PASSWORD, HOME)
    visitor = team.session(token)
    assert visitor is not None
    assert visitor.user.granted_brand_ids == frozenset({first, third})
    member_token, _user = team.login(member.email, PASSWORD, HOME)
    seen = team.session(member_token)
    assert seen is not None
    assert seen.user.granted_brand_ids == frozenset()  # not read for a member's visits
    assert seen.user.sees_brand(second)
    team.set_grants(owner, client.id, set())
    assert not team.user(client.id).sees_brand(third)  # type: ignore[union-attr]


def _brand(services: FakeServices, name: str, owner: User) -> int:
    with services.catalogue.unit_of_work() as work:
        saved = work.catalogue.save_brand(Brand(name, organisation_id=owner.organisation.id))
        work.commit()
    assert saved.id is not None
    return saved.id


def test_only_owners_change_people_of_their_own_organisation(
    services: FakeServices, owner: User, member: User
) -> None:
    team = services.team
    ours = _brand(services, "Ours", owner)
    rival = services.organisations.create("Rival", "r@example.com", "Rita", PASSWORD)
    theirs = _brand(services, "Theirs", rival)
    client = team.add_user(owner.organisation, "c@example.com", "Cleo", PASSWORD, Role.CLIENT)
    assert team.set_grants(owner, client.id, {ours, theirs, 999}) == {ours}
    assert team.user(client.id).granted_brand_ids == frozenset({ours})  # type: ignore[union-attr]
    with pytest.raises(PermissionError):
        team.set_grants(member, client.id, {ours})
    with pytest.raises(PermissionError):
        team.set_role(member, client.id, Role.MEMBER)
    with pytest.raises(LookupError):
        team.set_role(rival, client.id, Role.OWNER)  # another organisation's person
    with pytest.raises(LookupError):
        team.set_grants(rival, client.id, {theirs})
    assert team.user(client.id).role == Role.CLIENT  # type: ignore[union-attr]


def test_organisations_with_their_owners_and_site_admins(
    services: FakeServices, owner: User, member: User
) -> None:
    organisations = services.organisations
    rival = organisations.create(" Rival agency ", "Rita@Example.com", "", PASSWORD)
    assert (rival.email, rival.name, rival.role) == ("rita@example.com", "rita", Role.OWNER)
    assert [(o.name, o.people, o.owners) for o in organisations.organisations()] == [
        ("Agency", 2, ("owner@example.com",)),
        ("Rival agency", 1, ("rita@example.com",)),
    ]
    assert organisations.is_site_admin(owner)
    assert not organisations.is_site_admin(rival)  # owns another organisation
    assert not organisations.is_site_admin(member)
    with pytest.raises(ValueError, match="already has an account"):
        organisations.create("Third", "m@example.com", "Max", PASSWORD)
    with pytest.raises(ValueError, match="needs a name"):
        organisations.create("  ", "t@example.com", "T", PASSWORD)
    with pytest.raises(ValueError, match="at most 200"):
        organisations.create("x" * 201, "t@example.com", "T", PASSWORD)
    assert len(organisations.organisations()) == 2  # nothing half-made
    token, user = services.team.login("rita@example.com", PASSWORD, HOME)
    assert token
    assert user.organisation.name == "Rival agency"
