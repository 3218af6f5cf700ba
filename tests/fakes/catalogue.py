"""The catalogue's ``CatalogueWriter`` and ``UnitOfWork`` over ``CatalogueData``.

A ``FakeUnitOfWork`` works on a deep copy of the data and puts it in place on ``commit``:
writes made inside a unit of work are visible to readers only after ``commit``, and
``rollback`` (or leaving the block) discards them, like the SQL transaction. The writer
follows ``catalogue/db/*_writer.py``: natural keys, repeats in one import counted once (the
first row kept), newer account data merged in, and comments, audiences and followers of
things not in the workspace refused with the same messages.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from types import TracebackType
from typing import Any, Self

from kolscope.catalogue.importing.records import (
    AccountRow,
    AudienceRow,
    CommentRow,
    FollowerRow,
    PostRow,
)
from kolscope.catalogue.ports import BatchOutcome, ImportLog
from kolscope.domain.brands import Brand
from kolscope.domain.content import comment_identity
from kolscope.domain.creators import Creator, PlatformAccount, handle_key
from kolscope.domain.platforms import Platform
from tests.fakes.catalogue_data import CatalogueData, StoredAudience, StoredSample, StoredSnapshot

PROFILE = (
    "display_name", "bio", "country", "province", "verified", "external_url", "contact",
    "has_profile_picture", "is_private", "top_audience_country",
)  # fmt: skip
LISTS = ("categories", "languages")
METRICS = ("followers", "following", "posts_count")


class FakeCatalogueWriter:
    def __init__(self, data: CatalogueData) -> None:
        self.data = data
        self._profiles: dict[tuple[int, str, date], int] = {}  # per unit of work, as in SQL
        self._samples: dict[tuple[int, date, str], int] = {}

    # Accounts -------------------------------------------------------------------------------

    def write_accounts(self, rows: Sequence[AccountRow], import_id: int) -> BatchOutcome:
        outcome = BatchOutcome()
        data = self.data
        first: dict[tuple[str, str, date | None], int] = {}
        before: dict[int, PlatformAccount] = {}
        created: set[int] = set()
        for row in rows:
            account, snapshot = row.account, row.snapshot
            key = (account.platform.value, account.key)
            day = snapshot.taken_on if snapshot else None
            if (*key, day) in first:
                seen = first[(*key, day)]
                outcome.duplicates.append((row.row, f"repeats row {seen}; kept row {seen}"))
                continue
            first[(*key, day)] = row.row
            account_id = data.account_id(account.platform, account.key)
            if account_id is not None and snapshot is not None:
                kept = data.snapshots.get((account_id, snapshot.taken_on, snapshot.source))
                if kept is not None and kept.import_id == import_id:
                    message = f"repeats row {kept.row}; kept row {kept.row}"
                    outcome.duplicates.append((row.row, message))
                    continue
            if account_id is None:
                account_id = self._create(account, row.creator_key)
                created.add(account_id)
            else:
                before.setdefault(account_id, data.accounts[account_id])
                self._merge(account_id, row)
            if snapshot is not None:
                where = (account_id, snapshot.taken_on, snapshot.source)
                data.snapshots[where] = StoredSnapshot(snapshot, import_id, row.row)
            data.touch(account_id)
        outcome.created = len(created)
        outcome.updated = sum(
            1 for i, old in before.items() if i not in created and data.accounts[i] != old
        )
        return outcome

    def _create(self, account: PlatformAccount, creator_key: str | None) -> int:
        data = self.data
        creator_id = data.creator_keys.get(creator_key) if creator_key else None
        if creator_id is None:
            creator_id = data.new_id()
            data.creators[creator_id] = Creator(
                account.display_name or account.handle,
                country=account.country,
                province=account.province,
                languages=account.languages,
                id=creator_id,
            )
            if creator_key:
                data.creator_keys[creator_key] = creator_id
        account_id = data.new_id()
        data.accounts[account_id] = account._replace(
            id=account_id, creator_id=creator_id, snapshots=()
        )
        data.metrics_as_of[account_id] = (
            account.last_seen if account.followers is not None else None
        )
        return account_id

    def _merge(self, account_id: int, row: AccountRow) -> None:
        """Newer or same-day data replaces, older only fills gaps (``merge_existing``)."""
        data = self.data
        stored, new = data.accounts[account_id], row.account
        seen = new.last_seen
        newer = seen is None or stored.last_seen is None or seen >= stored.last_seen
        values: dict[str, Any] = {}
        for name in (*PROFILE, *LISTS):
            value, old = getattr(new, name), getattr(stored, name)
            if value not in (None, ()) and (newer or old in (None, ())):
                values[name] = value
        as_of = data.metrics_as_of.get(account_id)
        if row.snapshot is not None and (as_of is None or row.snapshot.taken_on >= as_of):
            values.update({n: getattr(new, n) for n in METRICS if getattr(new, n) is not None})
            data.metrics_as_of[account_id] = row.snapshot.taken_on
        if new.first_seen and (stored.first_seen is None or new.first_seen < stored.first_seen):
            values["first_seen"] = new.first_seen
        if seen and (stored.last_seen is None or seen > stored.last_seen):
            values["last_seen"] = seen
        data.accounts[account_id] = stored._replace(**values)

    def _account_ids(
        self, who: Iterable[tuple[Platform, str]], *, create: bool
    ) -> dict[tuple[str, str], int]:
        ids: dict[tuple[str, str], int] = {}
        for platform, handle in who:
            key = (platform.value, handle_key(handle))
            found = self.data.account_id(platform, key[1])
            if found is None and create:
                found = self._create(PlatformAccount(platform=platform, handle=handle), None)
            if found is not None:
                ids[key] = found
        return ids

    def tracked_handles(self, platform: Platform, keys: Iterable[str]) -> set[str]:
        return {key for key in set(keys) if self.data.account_id(platform, key) is not None}

    # Posts and comments ---------------------------------------------------------------------

    def write_posts(self, rows: Sequence[PostRow], import_id: int) -> BatchOutcome:
        outcome = BatchOutcome()
        ids = self._account_ids(((r.platform, r.handle) for r in rows), create=True)
        by_key = {(p.account_id, p.platform_post_id): p.id for p in self.data.posts.values()}
        first: dict[tuple[int, str], int] = {}
        for row in rows:
            account_id = ids[(row.platform.value, handle_key(row.handle))]
            key = (account_id, row.post.platform_post_id)
            if key in first:
                outcome.duplicates.append((row.row, f"repeats row {first[key]}"))
                continue
            first[key] = row.row
            post_id = by_key.get(key)
            if post_id is not None and self.data.written_by.get(("posts", post_id)) == import_id:
                outcome.duplicates.append((row.row, "the same post again in this import"))
                continue
            if post_id is None:
                post_id = self.data.new_id()
                outcome.created += 1
            else:
                outcome.updated += 1
            self.data.posts[post_id] = row.post._replace(id=post_id, account_id=account_id)
            self.data.written_by[("posts", post_id)] = import_id
            self.data.touch(account_id)
        return outcome

    def _post_ids(self, rows: Sequence[CommentRow]) -> dict[tuple[str, str | None, str], int]:
        """Post ids by (platform, handle key or None, platform post id); -1: several match."""
        found: dict[tuple[str, str | None, str], int] = {}
        wanted = {(r.platform.value, r.platform_post_id) for r in rows}
        for post in self.data.posts.values():
            account = self.data.accounts[post.account_id or 0]
            if (account.platform.value, post.platform_post_id) not in wanted:
                continue
            assert post.id is not None
            found[(account.platform.value, account.key, post.platform_post_id)] = post.id
            loose = (account.platform.value, None, post.platform_post_id)
            found[loose] = -1 if loose in found and found[loose] != post.id else post.id
        return found

    def write_comments(self, rows: Sequence[CommentRow], import_id: int) -> BatchOutcome:
        outcome = BatchOutcome()
        posts = self._post_ids(rows)
        first: dict[tuple[int, str], int] = {}
        for row in rows:
            handle = handle_key(row.handle) if row.handle else None
            post_id = posts.get((row.platform.value, handle, row.platform_post_id))
            if post_id is None or post_id < 0:
                reason = (
                    "matches posts of several accounts: add the post's handle"
                    if post_id is not None
                    else f"post {row.platform_post_id!r} on {row.platform.value} is not in the "
                    "workspace: import the posts first"
                )
                outcome.problems.append((row.row, "post_id", reason))
                continue
            key = (post_id, comment_identity(row.platform_post_id, row.comment))
            if key in first:
                outcome.duplicates.append((row.row, f"repeats row {first[key]}"))
                continue
            first[key] = row.row
            comment_id = self.data.comment_keys.get(key)
            written_by = self.data.written_by.get(("comments", comment_id or 0))
            if comment_id is not None and written_by == import_id:
                outcome.duplicates.append((row.row, "the same comment again in this import"))
                continue
            if comment_id is None:
                comment_id = self.data.comment_keys[key] = self.data.new_id()
                outcome.created += 1
            else:
                outcome.updated += 1
            self.data.comments[comment_id] = row.comment._replace(id=comment_id, post_id=post_id)
            self.data.written_by[("comments", comment_id)] = import_id
        return outcome

    # Audiences and followers ----------------------------------------------------------------

    def _known(
        self, rows: Sequence[AudienceRow] | Sequence[FollowerRow], outcome: BatchOutcome
    ) -> dict[tuple[str, str], int]:
        ids = self._account_ids(((r.platform, r.handle) for r in rows), create=False)
        for row in rows:
            if (row.platform.value, handle_key(row.handle)) not in ids:
                message = (
                    f"{row.platform.value}:{row.handle} is not in the workspace: "
                    "import it as a creator first"
                )
                outcome.problems.append((row.row, "handle", message))
        return ids

    def write_audience(self, rows: Sequence[AudienceRow], import_id: int) -> BatchOutcome:
        outcome = BatchOutcome()
        ids = self._known(rows, outcome)
        for row in rows:
            account_id = ids.get((row.platform.value, handle_key(row.handle)))
            if account_id is None:
                continue
            key = (account_id, row.source, row.as_of)
            profile_id = self._profiles.get(key)
            if profile_id is None:  # replaces the profile of that source and day
                self.data.drop_audience(*key)
                profile_id = self._profiles[key] = self.data.new_id()
                self.data.audience[profile_id] = StoredAudience(
                    account_id, row.source, row.as_of, row.sample_size, import_id
                )
                outcome.created += 1
            elif row.sample_size is not None:
                self.data.audience[profile_id].sample_size = row.sample_size
            shares = self.data.audience[profile_id].shares
            for share in row.shares:
                where = (share.dimension.value, share.segment)
                if where in shares:
                    message = f"{share.dimension.value} {share.segment} given twice"
                    outcome.duplicates.append((row.row, message))
                    continue
                shares[where] = share.share
            self.data.touch(account_id)
        return outcome

    def write_followers(self, rows: Sequence[FollowerRow], import_id: int) -> BatchOutcome:
        outcome = BatchOutcome()
        ids = self._known(rows, outcome)
        for row in rows:
            account_id = ids.get((row.platform.value, handle_key(row.handle)))
            if account_id is None:
                continue
            key = (account_id, row.taken_on, row.source)
            sample_id = self._samples.get(key)
            if sample_id is None:  # replaces the sample of that day and source
                self.data.drop_sample(*key)
                sample_id = self._samples[key] = self.data.new_id()
                self.data.samples[sample_id] = StoredSample(*key, import_id)
            self.data.samples[sample_id].profiles.append(row.profile)
            outcome.created += 1
        return outcome

    def save_brand(self, brand: Brand) -> Brand:
        found = next((b for b in self.data.brands.values() if b.name == brand.name), None)
        brand_id = found.id if found is not None and found.id is not None else self.data.new_id()
        saved = replace(brand, id=brand_id)
        self.data.brands[brand_id] = saved
        return saved


class FakeUnitOfWork:
    """One transaction over ``data``: a deep copy written through ``catalogue``, put in place
    by ``commit``; the import's outcome (``finish_import``) is recorded in ``log`` with it."""

    def __init__(self, data: CatalogueData, log: ImportLog | None = None) -> None:
        self._data = data
        self._log = log
        self.commits = 0
        self.rollbacks = 0
        self._begin()

    def _begin(self) -> None:
        self.catalogue = FakeCatalogueWriter(copy.deepcopy(self._data))
        self._outcomes: list[tuple[int, str, dict[str, Any], str | None]] = []

    def __enter__(self) -> Self:
        self._begin()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._begin()  # whatever was not committed is gone

    def finish_import(
        self, import_id: int, status: str, summary: dict[str, Any], error: str | None
    ) -> None:
        self._outcomes.append((import_id, status, summary, error))

    def commit(self) -> None:
        self._data.put(self.catalogue.data)
        if self._log is not None:
            for outcome in self._outcomes:
                self._log.finish_import(*outcome)
        self.commits += 1
        self._begin()

    def rollback(self) -> None:
        self.rollbacks += 1
        self._begin()


class FakeCatalogue:
    """The unit-of-work factory services take, remembering every unit it made."""

    def __init__(self, data: CatalogueData, log: ImportLog | None = None) -> None:
        self.data = data
        self.log = log
        self.units: list[FakeUnitOfWork] = []

    def unit_of_work(self) -> FakeUnitOfWork:
        unit = FakeUnitOfWork(self.data, self.log)
        self.units.append(unit)
        return unit
