"""Campaigns as people use them: make one (from scratch, a shortlist or a saved search), find
and change it, add creators, move them along the outreach board, record terms, submitted
content and the brand's decisions, and list what is due. Plans and scenarios are in
``planner``; this module never solves anything.

Every call takes an ``Actor``: whose scope it reads (a brand client sees only their brands'
campaigns), who is named on each move, and what they may do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from kolscope.domain.brands import Brand
from kolscope.domain.creators import handle_key, parse_account_reference
from kolscope.domain.team import INSTALLATION, Permission, Scope, User
from kolscope.planning import messages as say
from kolscope.planning.briefs import read_brief, read_name
from kolscope.planning.campaigns import (
    Brief,
    Campaign,
    CampaignCreator,
    CampaignError,
    Status,
)
from kolscope.planning.pipeline import Stage

COMMAND_LINE = "command line"  # who a move made with the command line is kept as


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: their scope, their name on the record, and what they may do."""

    scope: Scope
    user_id: int | None
    name: str
    may_manage: bool
    may_approve: bool

    @classmethod
    def of(cls, person: User) -> Actor:
        return cls(
            Scope.of(person),
            person.id,
            person.name or person.email,
            person.can(Permission.MANAGE_CAMPAIGNS),
            person.can(Permission.APPROVE_CONTENT),
        )

    @classmethod
    def command_line(cls, organisation_id: int | None) -> Actor:
        """Whoever runs the command line: the installation's rights, in its first
        organisation (so campaigns made there show in the web app)."""
        scope = Scope(organisation_id) if organisation_id is not None else INSTALLATION
        return cls(scope, None, COMMAND_LINE, True, True)


class CampaignStore(Protocol):
    def campaigns(
        self, organisation_id: int | None, brand_ids: frozenset[int] | None = None
    ) -> list[Campaign]: ...

    def campaign(self, organisation_id: int | None, name: str) -> Campaign | None: ...

    def create(
        self, organisation_id: int | None, brand_id: int, name: str, brief: Brief,
        source: str | None, account_ids: Sequence[int], user_id: int | None, by_name: str,
        now: datetime,
    ) -> int: ...  # fmt: skip

    def update(
        self, campaign_id: int, name: str, brief: Brief, status: Status, now: datetime
    ) -> None: ...

    def add_creators(
        self, campaign_id: int, account_ids: Sequence[int], user_id: int | None, by_name: str,
        now: datetime,
    ) -> int: ...  # fmt: skip

    def creators(self, campaign_id: int) -> list[CampaignCreator]: ...

    def move(
        self, creator_id: int, current: Stage, target: Stage, user_id: int | None, by_name: str,
        now: datetime, note: str | None = None, values: dict[str, Any] | None = None,
    ) -> bool: ...  # fmt: skip

    def set_terms(self, creator_id: int, values: dict[str, Any], now: datetime) -> None: ...

    def submit(
        self, creator_id: int, current: Stage, url: str, caption: str | None,
        user_id: int | None, by_name: str, now: datetime,
    ) -> bool: ...  # fmt: skip

    def decide(
        self, creator_id: int, submission_id: int, decision: Stage, comment: str | None,
        user_id: int | None, by_name: str, now: datetime,
    ) -> bool: ...  # fmt: skip

    def first_organisation_id(self) -> int | None: ...


class Brands(Protocol):
    def visible(self, scope: Scope) -> list[Brand]: ...

    def named(self, scope: Scope, name: str) -> Brand | None: ...


class AccountLookup(Protocol):
    def account_ids(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]: ...


# Where a campaign's first creators come from: (kind, name, scope) -> account ids; raises
# LookupError when no list or saved search of that name exists.
CreatorSource = Callable[[str, str, Scope], list[int]]


def visible(actor: Actor, campaign: Campaign) -> None:
    """Refuse a campaign outside the actor's scope (a client's other brands)."""
    scope = actor.scope
    if (scope.brand_ids is not None and campaign.brand_id not in scope.brand_ids) or (
        scope.organisation_id is not None
        and campaign.organisation_id not in (None, scope.organisation_id)
    ):
        raise CampaignError(say.NO_CAMPAIGN(name=campaign.name), "campaign")


def check_manage(actor: Actor) -> None:
    if not actor.may_manage:
        raise CampaignError(say.MAY_NOT_MANAGE())


class CampaignService:
    def __init__(
        self,
        store: CampaignStore,
        accounts: AccountLookup,
        brands: Brands,
        creator_source: CreatorSource,
        clock: Callable[[], datetime],
        niche_ids: Sequence[str] = (),
    ) -> None:
        self._store = store
        self._accounts = accounts
        self._brands = brands
        self._source = creator_source
        self._clock = clock
        self._niche_ids = tuple(niche_ids)

    def command_line(self) -> Actor:
        return Actor.command_line(self._store.first_organisation_id())

    def today(self) -> date:
        return self._clock().date()

    # Finding ----------------------------------------------------------------------------------

    def campaigns(self, actor: Actor) -> list[Campaign]:
        return self._store.campaigns(actor.scope.organisation_id, actor.scope.brand_ids)

    def named(self, actor: Actor, name: str) -> Campaign:
        found = self._store.campaign(actor.scope.organisation_id, " ".join(name.split()))
        if found is not None and (
            actor.scope.brand_ids is None or found.brand_id in actor.scope.brand_ids
        ):
            return found
        known = [c.name for c in self.campaigns(actor)]
        if known:
            raise CampaignError(say.NO_CAMPAIGN_KNOWN(name=name, names=known[:20]), "campaign")
        raise CampaignError(say.NO_CAMPAIGN(name=name), "campaign")

    def by_id(self, actor: Actor, campaign_id: int) -> Campaign:
        """The campaign with this number, if the actor may see it (pages use numbers)."""
        for campaign in self.campaigns(actor):
            if campaign.id == campaign_id:
                return campaign
        raise CampaignError(say.NO_CAMPAIGN(name=f"#{campaign_id}"), "campaign")

    def creators(self, actor: Actor, campaign: Campaign) -> list[CampaignCreator]:
        visible(actor, campaign)
        return self._store.creators(campaign.id)

    def brief_of(self, data: Mapping[str, Any]) -> Brief:
        return read_brief(data, self._niche_ids)

    # Making and changing ----------------------------------------------------------------------

    def resolve(self, references: Sequence[str]) -> list[int]:
        """Account ids for ``platform:handle`` references; all must exist."""
        keys: list[tuple[str, str]] = []
        for reference in references:
            try:
                platform, handle = parse_account_reference(reference.strip())
            except ValueError:
                raise CampaignError(say.BAD_REFERENCE(value=reference), "creators") from None
            keys.append((platform.value, handle_key(handle)))
        found = self._accounts.account_ids(keys)
        missing = [f"{p}:{h}" for p, h in keys if (p, h) not in found]
        if missing:
            raise CampaignError(say.UNKNOWN_CREATORS(references=missing[:20]), "creators")
        return [found[k] for k in keys]

    def create(
        self,
        actor: Actor,
        name: str,
        brand: str,
        brief: Mapping[str, Any] | Brief,
        *,
        shortlist: str | None = None,
        saved_search: str | None = None,
        references: Sequence[str] = (),
    ) -> Campaign:
        """A new campaign in draft; its first creators (shortlisted) come from a shortlist, a
        saved search or references. Everything is checked before anything is saved."""
        check_manage(actor)
        name = read_name(name)
        found = self._brands.named(actor.scope, brand)
        if found is None or found.id is None:
            raise CampaignError(say.NO_BRAND(name=brand), "brand")
        checked = brief if isinstance(brief, Brief) else self.brief_of(brief)
        if self._store.campaign(actor.scope.organisation_id, name) is not None:
            raise CampaignError(say.NAME_TAKEN(name=name), "name")
        account_ids = self.resolve(references) if references else []
        source: str | None = None
        if shortlist:
            source = f"shortlist:{shortlist}"
            account_ids += self._from("shortlist", shortlist, actor, say.NO_SHORTLIST)
        if saved_search:
            source = f"search:{saved_search}"
            account_ids += self._from("search", saved_search, actor, say.NO_SAVED_SEARCH)
        self._store.create(
            actor.scope.organisation_id, found.id, name, checked, source, account_ids,
            actor.user_id, actor.name, self._clock(),
        )  # fmt: skip
        return self.named(actor, name)

    def _from(self, kind: str, name: str, actor: Actor, missing: Any) -> list[int]:
        try:
            return self._source(kind, name, actor.scope)
        except LookupError:
            field = "shortlist" if kind == "shortlist" else "saved_search"
            raise CampaignError(missing(name=name), field) from None

    def edit(
        self,
        actor: Actor,
        campaign: Campaign,
        *,
        brief: Mapping[str, Any] | Brief | None = None,
        status: str | None = None,
        name: str | None = None,
    ) -> Campaign:
        check_manage(actor)
        new_name = read_name(name) if name else campaign.name
        if new_name.lower() != campaign.name.lower() and self._store.campaign(
            actor.scope.organisation_id, new_name
        ):
            raise CampaignError(say.NAME_TAKEN(name=new_name), "name")
        checked = campaign.brief
        if brief is not None:
            checked = brief if isinstance(brief, Brief) else self.brief_of(brief)
        new_status = campaign.status
        if status:
            try:
                new_status = Status(status.strip().lower())
            except ValueError:
                raise CampaignError(say.BAD_STATUS(value=status), "status") from None
        self._store.update(campaign.id, new_name, checked, new_status, self._clock())
        return self.named(actor, new_name)

    def add(self, actor: Actor, campaign: Campaign, references: Sequence[str]) -> int:
        check_manage(actor)
        ids = self.resolve(references)
        return self._store.add_creators(campaign.id, ids, actor.user_id, actor.name, self._clock())

    def add_accounts(self, actor: Actor, campaign: Campaign, account_ids: Sequence[int]) -> int:
        """Add creators already known by id (a plan's picks)."""
        check_manage(actor)
        return self._store.add_creators(
            campaign.id, account_ids, actor.user_id, actor.name, self._clock()
        )
