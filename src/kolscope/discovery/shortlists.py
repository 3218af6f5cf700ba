"""Shortlists (named lists of creators with notes) and saved searches, per organisation.

The CLI works without a signed-in person: it uses the workspace's first organisation when
there is one (``organisation_id`` None otherwise), so lists made in the CLI show in the web app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from kolscope.discovery import messages as say
from kolscope.discovery.query import SearchError, SearchRequest
from kolscope.domain.creators import handle_key, parse_account_reference

MAX_NAME = 200
MAX_NOTE = 4_000


@dataclass(frozen=True, slots=True)
class Shortlist:
    id: int
    name: str
    organisation_id: int | None
    brand_id: int | None
    entries: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ShortlistEntry:
    account_id: int
    platform: str
    handle: str
    note: str | None
    added_at: datetime


@dataclass(frozen=True, slots=True)
class SavedSearch:
    id: int
    name: str
    query: dict[str, Any]
    created_at: datetime

    @property
    def request(self) -> SearchRequest:
        return SearchRequest.from_dict(self.query)


class ShortlistStore(Protocol):
    def shortlists(self, organisation_id: int | None) -> list[Shortlist]: ...

    def shortlist(self, organisation_id: int | None, name: str) -> Shortlist | None: ...

    def create_shortlist(
        self, organisation_id: int | None, name: str, brand_id: int | None,
        user_id: int | None, now: datetime,
    ) -> Shortlist: ...  # fmt: skip

    def delete_shortlist(self, shortlist_id: int) -> None: ...

    def entries(self, shortlist_id: int) -> list[ShortlistEntry]: ...

    def put_entry(
        self, shortlist_id: int, account_id: int, note: str | None, user_id: int | None,
        now: datetime,
    ) -> bool:  # fmt: skip
        """Add the account (True) or, if it is on the list already, replace its note (False)."""
        ...

    def remove_entry(self, shortlist_id: int, account_id: int) -> bool: ...

    def account_id(self, platform: str, handle_key: str) -> int | None: ...

    def save_search(
        self, organisation_id: int | None, name: str, query: dict[str, Any],
        user_id: int | None, now: datetime,
    ) -> SavedSearch: ...  # fmt: skip

    def saved_searches(self, organisation_id: int | None) -> list[SavedSearch]: ...

    def delete_search(self, organisation_id: int | None, name: str) -> bool: ...

    def first_organisation_id(self) -> int | None: ...


def _name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise SearchError(say.NAME_EMPTY())
    if len(cleaned) > MAX_NAME:
        raise SearchError(say.NAME_LONG(most=MAX_NAME))
    return cleaned


class ShortlistService:
    def __init__(self, store: ShortlistStore) -> None:
        self._store = store

    def organisation_for_cli(self) -> int | None:
        return self._store.first_organisation_id()

    def lists(self, organisation_id: int | None = None) -> list[Shortlist]:
        return self._store.shortlists(organisation_id)

    def named(self, name: str, organisation_id: int | None = None) -> Shortlist:
        found = self._store.shortlist(organisation_id, _name(name))
        if found is None:
            known = [s.name for s in self._store.shortlists(organisation_id)]
            if not known:
                raise SearchError(say.NO_SHORTLIST_NONE(name=repr(name)))
            raise SearchError(say.NO_SHORTLIST_KNOWN(name=repr(name), names=known))
        return found

    def create(
        self,
        name: str,
        organisation_id: int | None = None,
        *,
        brand_id: int | None = None,
        user_id: int | None = None,
    ) -> Shortlist:
        cleaned = _name(name)
        if self._store.shortlist(organisation_id, cleaned) is not None:
            raise SearchError(say.SHORTLIST_EXISTS(name=repr(cleaned)))
        return self._store.create_shortlist(
            organisation_id, cleaned, brand_id, user_id, datetime.now(UTC)
        )

    def add(
        self,
        name: str,
        references: Sequence[str],
        organisation_id: int | None = None,
        *,
        note: str | None = None,
        user_id: int | None = None,
        create: bool = True,
    ) -> tuple[int, int]:
        """Add creators (PLATFORM:HANDLE) to a list, making the list if asked; a creator on it
        already keeps its place and gets the new note. Returns (added, updated)."""
        if note is not None and len(note) > MAX_NOTE:
            raise SearchError(say.NOTE_LONG(most=str(MAX_NOTE)))
        ids = []
        for reference in references:
            try:
                platform, handle = parse_account_reference(reference)
            except ValueError as error:
                raise SearchError(str(error)) from None
            account_id = self._store.account_id(platform.value, handle_key(handle))
            if account_id is None:
                raise SearchError(say.NOT_IN_WORKSPACE(account=f"{platform.value}:{handle}"))
            ids.append(account_id)
        found = self._store.shortlist(organisation_id, _name(name))
        if found is None:
            if not create:
                raise SearchError(say.NO_SHORTLIST(name=repr(name)))
            found = self.create(name, organisation_id, user_id=user_id)
        now = datetime.now(UTC)
        added = sum(
            1
            for account_id in ids
            if self._store.put_entry(found.id, account_id, note, user_id, now)
        )
        return added, len(ids) - added

    def remove(self, name: str, reference: str, organisation_id: int | None = None) -> bool:
        shortlist = self.named(name, organisation_id)
        try:
            platform, handle = parse_account_reference(reference)
        except ValueError as error:
            raise SearchError(str(error)) from None
        account_id = self._store.account_id(platform.value, handle_key(handle))
        return account_id is not None and self._store.remove_entry(shortlist.id, account_id)

    def entries(self, name: str, organisation_id: int | None = None) -> list[ShortlistEntry]:
        return self._store.entries(self.named(name, organisation_id).id)

    def delete(self, name: str, organisation_id: int | None = None) -> None:
        self._store.delete_shortlist(self.named(name, organisation_id).id)

    def save_search(
        self,
        name: str,
        request: SearchRequest,
        organisation_id: int | None = None,
        *,
        user_id: int | None = None,
    ) -> SavedSearch:
        return self._store.save_search(
            organisation_id, _name(name), request.to_dict(), user_id, datetime.now(UTC)
        )

    def searches(self, organisation_id: int | None = None) -> list[SavedSearch]:
        return self._store.saved_searches(organisation_id)

    def search_named(self, name: str, organisation_id: int | None = None) -> SavedSearch:
        wanted = _name(name)
        for saved in self._store.saved_searches(organisation_id):
            if saved.name == wanted:
                return saved
        raise SearchError(say.NO_SAVED_SEARCH(name=repr(name)))

    def delete_search(self, name: str, organisation_id: int | None = None) -> bool:
        return self._store.delete_search(organisation_id, _name(name))
