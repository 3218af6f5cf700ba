"""Writing accounts, their creators and snapshots: the bulk path of every creators import."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    ARRAY,
    Connection,
    String,
    bindparam,
    column,
    func,
    select,
    tuple_,
)

from kolscope.catalogue.db.writer_base import WriterBase, chunks, now
from kolscope.catalogue.importing.kinds import repeats_of
from kolscope.catalogue.importing.records import (
    AccountRow,
    ImportKind,
)
from kolscope.catalogue.merge import (
    LIST_COLUMNS,
    MERGED_COLUMNS,
    METRIC_COLUMNS,
    PROFILE_COLUMNS,
    account_values,
    merge_existing,
    merge_new,
)
from kolscope.catalogue.messages import REPEATS_KEPT
from kolscope.catalogue.ports import BatchOutcome
from kolscope.catalogue.repeats import first_of_each
from kolscope.domain.creators import PlatformAccount, handle_key
from kolscope.domain.messages import Message
from kolscope.domain.platforms import Platform
from kolscope.infra.db import tables as t
from kolscope.infra.db.bulk import bulk_insert, bulk_update
from kolscope.infra.db.rows import SNAPSHOT_COLUMNS
from kolscope.infra.db.upsert import bulk_upsert

_ACCOUNT_KEY, _ACCOUNT_REPEAT = repeats_of(ImportKind.CREATORS)


def _member_of(connection: Connection, keys: set[str]) -> Any:
    """``accounts.handle_key IN (keys)`` with one bound value, so the statement is compiled once
    whatever the number of keys (SQLite: json_each; PostgreSQL: = ANY)."""
    values = sorted(keys)
    if connection.dialect.name == "postgresql":
        return t.accounts.c.handle_key == func.any(bindparam("keys", values, type_=ARRAY(String)))
    return t.accounts.c.handle_key.in_(
        select(column("value")).select_from(func.json_each(bindparam("keys", json.dumps(values))))
    )


class AccountWriting(WriterBase):
    """Accounts: create, merge newer data into, and snapshot them."""

    def _existing_accounts(
        self, keys: Iterable[tuple[Platform, str]]
    ) -> dict[tuple[str, str], Any]:
        by_platform: dict[str, set[str]] = {}
        for platform, key in keys:
            by_platform.setdefault(platform.value, set()).add(key)
        found: dict[tuple[str, str], Any] = {}
        for name, handle_keys in by_platform.items():
            rows = self._db.execute(
                select(t.accounts).where(
                    t.accounts.c.platform == name, _member_of(self._db, handle_keys)
                )
            )
            for row in rows:
                found[(name, row.handle_key)] = row
        return found

    def _creator_ids_for_keys(self, keys: set[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for chunk in chunks(sorted(keys)):
            rows = self._db.execute(
                select(t.creators.c.id, t.creators.c.creator_key).where(
                    t.creators.c.creator_key.in_(chunk)
                )
            )
            found.update({row.creator_key: row.id for row in rows})
        return found

    def _new_creators(self, accounts: Sequence[tuple[PlatformAccount, str | None]]) -> list[int]:
        stamp = now()
        ids = self._ids.take(t.creators, len(accounts))
        self._statement(
            "insert:creators", lambda: bulk_insert(self._db, t.creators, _CREATOR_INSERT)
        ).run(
            [
                (
                    creator_id,
                    account.display_name or account.handle,
                    key,
                    account.country,
                    account.province,
                    list(account.languages),
                    stamp,
                    stamp,
                )
                for creator_id, (account, key) in zip(ids, accounts, strict=True)
            ]
        )
        return ids

    def _create_accounts(
        self, accounts: dict[tuple[str, str], tuple[PlatformAccount, str | None]]
    ) -> dict[tuple[str, str], int]:
        """Insert accounts (and their creators); returns their ids by (platform, handle key)."""
        if not accounts:
            return {}
        new = list(accounts.values())
        keyed = {key for _account, key in new if key}
        creator_ids = self._creator_ids_for_keys(keyed) if keyed else {}
        needs_creator: list[tuple[PlatformAccount, str | None]] = []
        seen_keys: set[str] = set()
        for account, key in new:
            if key is None or (key not in creator_ids and key not in seen_keys):
                needs_creator.append((account, key))
                if key:
                    seen_keys.add(key)
        fresh = iter(self._new_creators(needs_creator))
        own_creator: list[int] = []
        for _account, key in needs_creator:
            created = next(fresh)
            if key:
                creator_ids[key] = created
            else:
                own_creator.append(created)
        solo = iter(own_creator)
        stamp = now()
        ids = self._ids.take(t.accounts, len(new))
        self._statement(
            "insert:accounts", lambda: bulk_insert(self._db, t.accounts, _ACCOUNT_INSERT)
        ).run(
            [
                account_values(
                    account, pkey[1], account_id, creator_ids[key] if key else next(solo), stamp
                )
                for account_id, (pkey, (account, key)) in zip(ids, accounts.items(), strict=True)
            ]
        )
        return dict(zip(accounts, ids, strict=True))

    def write_accounts(self, rows: Sequence[AccountRow], import_id: int) -> BatchOutcome:
        outcome = BatchOutcome()
        kept, outcome.duplicates = first_of_each(rows, _ACCOUNT_KEY, _ACCOUNT_REPEAT)
        unique = [
            (row, (row.account.platform.value, handle_key(row.account.handle))) for row in kept
        ]
        existing = self._existing_accounts((Platform(key[0]), key[1]) for _row, key in unique)
        repeated = self._snapshots_already_imported(unique, existing, import_id)
        stored_by_id = {r.id: r._mapping for r in existing.values()}
        new: dict[tuple[str, str], tuple[PlatformAccount, str | None]] = {}
        changed: dict[int, dict[str, Any]] = {}
        for row, key in unique:
            if row.row in repeated:
                outcome.duplicates.append((row.row, repeated[row.row]))
                continue
            stored = existing.get(key)
            if stored is None:
                if key in new:  # the same account on another day in this batch
                    new[key] = (merge_new(new[key][0], row), new[key][1])
                else:
                    new[key] = (row.account, row.creator_key)
                continue
            current = changed.get(stored.id) or dict(stored._mapping)
            changed[stored.id] = merge_existing(current, row)
        # Only accounts whose stored values change need an UPDATE (re-imports change nothing).
        changed = (
            {
                account_id: merged
                for account_id, merged in changed.items()
                if any(merged[c] != stored_by_id[account_id][c] for c in MERGED_COLUMNS)
            }
            if changed
            else changed
        )
        ids = {k: r.id for k, r in existing.items()}
        ids.update(self._create_accounts(new))
        outcome.created = len(new)
        outcome.updated = len(changed)
        if changed:
            stamp = now()
            columns = (
                *PROFILE_COLUMNS,
                *LIST_COLUMNS,
                *METRIC_COLUMNS,
                "metrics_as_of",
                "first_seen",
                "last_seen",
                "updated_at",
            )
            self._statement(
                "update:accounts", lambda: bulk_update(self._db, t.accounts, columns)
            ).run(
                [
                    (*(v[c] for c in columns[:-1]), stamp, account_id)
                    for account_id, v in changed.items()
                ]
            )
        # AccountSnapshot is (taken_on, source, *SNAPSHOT_COLUMNS): sliced, not read by name.
        snapshots = [
            (ids[key], s[0], s[1], import_id, row.row, *s[2:])
            for row, key in unique
            if (s := row.snapshot) is not None and row.row not in repeated
        ]
        self._statement(
            "upsert:snapshots",
            lambda: bulk_upsert(
                self._db,
                t.account_snapshots,
                _SNAPSHOT_INSERT,
                keys=("account_id", "taken_on", "source"),
                update=(*SNAPSHOT_COLUMNS, "import_id", "source_row"),
                only_from_other_import=True,
            ),
        ).run(snapshots)
        return outcome

    def _snapshots_already_imported(
        self,
        rows: Sequence[tuple[AccountRow, tuple[str, str]]],
        existing: dict[tuple[str, str], Any],
        import_id: int,
    ) -> dict[int, Message]:
        """Rows whose snapshot this same import already wrote (an account repeated in a file)."""
        wanted = {
            (existing[key].id, row.snapshot.taken_on, row.snapshot.source): row.row
            for row, key in rows
            if row.snapshot is not None and key in existing
        }
        if not wanted:
            return {}
        found: dict[int, Message] = {}
        snap = t.account_snapshots
        for chunk in chunks(list(wanted)):
            result = self._db.execute(
                select(snap.c.account_id, snap.c.taken_on, snap.c.source, snap.c.source_row).where(
                    tuple_(snap.c.account_id, snap.c.taken_on, snap.c.source).in_(chunk),
                    snap.c.import_id == import_id,
                )
            )
            for hit in result:
                row_number = wanted[(hit.account_id, hit.taken_on, hit.source)]
                found[row_number] = REPEATS_KEPT(first=hit.source_row)
        return found

    def _account_ids(
        self, who: Iterable[tuple[Platform, str]], *, create: bool
    ) -> dict[tuple[str, str], int]:
        keys = {(platform, handle_key(handle)): handle for platform, handle in who}
        existing = self._existing_accounts(keys)
        ids = {k: r.id for k, r in existing.items()}
        if create:
            missing: dict[tuple[str, str], tuple[PlatformAccount, str | None]] = {
                (p.value, key): (PlatformAccount(platform=p, handle=handle), None)
                for (p, key), handle in keys.items()
                if (p.value, key) not in ids
            }
            ids.update(self._create_accounts(missing))
        return ids

    def tracked_handles(self, platform: Platform, keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(sorted(set(keys))):
            result = self._db.execute(
                select(t.accounts.c.handle_key).where(
                    t.accounts.c.platform == platform.value, t.accounts.c.handle_key.in_(chunk)
                )
            )
            found.update(row.handle_key for row in result)
        return found


_SNAPSHOT_INSERT = (
    "account_id",
    "taken_on",
    "source",
    "import_id",
    "source_row",
    *SNAPSHOT_COLUMNS,
)  # the order write_accounts builds its tuples in
_CREATOR_INSERT = (
    "id",
    "display_name",
    "creator_key",
    "country",
    "province",
    "languages",
    "created_at",
    "updated_at",
)
_ACCOUNT_INSERT = (
    "id",
    "creator_id",
    "platform",
    "handle",
    "handle_key",
    *PROFILE_COLUMNS,
    "categories",
    "languages",
    *METRIC_COLUMNS,
    "metrics_as_of",
    "first_seen",
    "last_seen",
    "created_at",
    "updated_at",
)
