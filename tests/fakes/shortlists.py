"""``ShortlistStore`` in memory (``discovery/db/shortlist_store.py``).

An organisation sees its own lists and searches, and the unowned ones (made before sign-in
existed, or by the command line in a workspace without people) when it is the first
organisation; ``None`` sees only the unowned. Saving a search replaces the one of that name
with exactly that owner. Deleting a list deletes its entries. Accounts are looked up in
``CatalogueData``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from kolscope.discovery.shortlists import SavedSearch, Shortlist, ShortlistEntry
from tests.fakes.catalogue_data import CatalogueData
from tests.fakes.tenancy import NoOrganisations, Tenancy, visible_to


@dataclass
class StoredEntry:
    id: int
    shortlist_id: int
    account_id: int
    note: str | None
    added_by: int | None
    added_at: datetime


@dataclass
class StoredSearch:
    search: SavedSearch
    organisation_id: int | None
    created_by: int | None


def _owned(owner: int | None, organisation_id: int | None, tenancy: Tenancy) -> bool:
    if organisation_id is None:
        return owner is None
    return visible_to(owner, organisation_id, tenancy)


class FakeShortlistStore:
    def __init__(self, data: CatalogueData, tenancy: Tenancy | None = None) -> None:
        self.data = data
        self.lists: dict[int, Shortlist] = {}
        self.created_by: dict[int, int | None] = {}
        self.entries_: dict[int, StoredEntry] = {}
        self.searches: dict[int, StoredSearch] = {}
        self._tenancy = tenancy or NoOrganisations()
        self._ids = 0

    def _next(self) -> int:
        self._ids += 1
        return self._ids

    def _counted(self, shortlist: Shortlist) -> Shortlist:
        count = sum(1 for e in self.entries_.values() if e.shortlist_id == shortlist.id)
        return replace(shortlist, entries=count)

    def shortlists(self, organisation_id: int | None) -> list[Shortlist]:
        mine = [
            s
            for s in self.lists.values()
            if _owned(s.organisation_id, organisation_id, self._tenancy)
        ]
        return [self._counted(s) for s in sorted(mine, key=lambda s: (s.name, s.id))]

    def shortlist(self, organisation_id: int | None, name: str) -> Shortlist | None:
        return next((s for s in self.shortlists(organisation_id) if s.name == name), None)

    def create_shortlist(
        self,
        organisation_id: int | None,
        name: str,
        brand_id: int | None,
        user_id: int | None,
        now: datetime,
    ) -> Shortlist:
        made = Shortlist(self._next(), name, organisation_id, brand_id, 0, now, now)
        self.lists[made.id] = made
        self.created_by[made.id] = user_id
        return made

    def delete_shortlist(self, shortlist_id: int) -> None:
        self.lists.pop(shortlist_id, None)
        for entry_id in [i for i, e in self.entries_.items() if e.shortlist_id == shortlist_id]:
            del self.entries_[entry_id]

    def entries(self, shortlist_id: int) -> list[ShortlistEntry]:
        mine = sorted(
            (e for e in self.entries_.values() if e.shortlist_id == shortlist_id),
            key=lambda e: (e.added_at, e.id),
        )
        result = []
        for entry in mine:
            account = self.data.accounts[entry.account_id]
            result.append(
                ShortlistEntry(
                    entry.account_id,
                    account.platform.value,
                    account.handle,
                    entry.note,
                    entry.added_at,
                )
            )
        return result

    def put_entry(
        self,
        shortlist_id: int,
        account_id: int,
        note: str | None,
        user_id: int | None,
        now: datetime,
    ) -> bool:
        existing = next(
            (
                e
                for e in self.entries_.values()
                if (e.shortlist_id, e.account_id) == (shortlist_id, account_id)
            ),
            None,
        )
        if existing is None:
            entry_id = self._next()
            self.entries_[entry_id] = StoredEntry(
                entry_id, shortlist_id, account_id, note, user_id, now
            )
        elif note is not None:
            existing.note = note
        self.lists[shortlist_id] = replace(self.lists[shortlist_id], updated_at=now)
        return existing is None

    def remove_entry(self, shortlist_id: int, account_id: int) -> bool:
        gone = [
            i
            for i, e in self.entries_.items()
            if (e.shortlist_id, e.account_id) == (shortlist_id, account_id)
        ]
        for entry_id in gone:
            del self.entries_[entry_id]
        return bool(gone)

    def account_id(self, platform: str, handle_key: str) -> int | None:
        return self.data.account_id(platform, handle_key)

    def save_search(
        self,
        organisation_id: int | None,
        name: str,
        query: dict[str, Any],
        user_id: int | None,
        now: datetime,
    ) -> SavedSearch:
        for search_id in [
            i
            for i, s in self.searches.items()
            if s.organisation_id == organisation_id and s.search.name == name
        ]:
            del self.searches[search_id]
        saved = SavedSearch(self._next(), name, dict(query), now)
        self.searches[saved.id] = StoredSearch(saved, organisation_id, user_id)
        return saved

    def saved_searches(self, organisation_id: int | None) -> list[SavedSearch]:
        mine = [
            s.search
            for s in self.searches.values()
            if _owned(s.organisation_id, organisation_id, self._tenancy)
        ]
        return sorted(mine, key=lambda s: (s.name, s.id))

    def delete_search(self, organisation_id: int | None, name: str) -> bool:
        gone = [
            i
            for i, s in self.searches.items()
            if _owned(s.organisation_id, organisation_id, self._tenancy) and s.search.name == name
        ]
        for search_id in gone:
            del self.searches[search_id]
        return bool(gone)

    def first_organisation_id(self) -> int | None:
        return self._tenancy.first_organisation_id()
