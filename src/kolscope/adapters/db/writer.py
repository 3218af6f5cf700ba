"""Writing imported records in batches: one write path for SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    Connection,
    String,
    Table,
    and_,
    bindparam,
    column,
    delete,
    func,
    insert,
    select,
    tuple_,
    update,
)

from kolscope.adapters.db import tables as t
from kolscope.adapters.db.bulk import BulkStatement, IdAllocator, bulk_insert, bulk_update
from kolscope.adapters.db.rows import SNAPSHOT_COLUMNS
from kolscope.adapters.db.upsert import bulk_upsert
from kolscope.domain.brands import Brand
from kolscope.domain.content import comment_identity
from kolscope.domain.creators import PlatformAccount, handle_key
from kolscope.domain.platforms import Platform
from kolscope.services.importing.records import (
    AccountRow,
    AudienceRow,
    CommentRow,
    FollowerRow,
    PostRow,
)
from kolscope.services.ports import BatchOutcome

PROFILE_COLUMNS = (
    "display_name", "bio", "country", "province", "verified", "external_url", "contact",
    "has_profile_picture", "is_private", "top_audience_country",
)  # fmt: skip
LIST_COLUMNS = ("categories", "languages")
METRIC_COLUMNS = ("followers", "following", "posts_count")
POST_UPDATE = (
    "url", "post_type", "caption", "hashtags", "mentions", "posted_at", "likes",
    "comments_count", "shares", "saves", "views", "reach", "is_sponsored", "brand_mentions",
    "import_id",
)  # fmt: skip


def _member_of(connection: Connection, keys: set[str]) -> Any:
    """``accounts.handle_key IN (keys)`` with one bound value, so the statement is compiled once
    whatever the number of keys (SQLite: json_each; PostgreSQL: = ANY)."""
    values = sorted(keys)
    if connection.dialect.name == "postgresql":
        return t.accounts.c.handle_key == func.any(bindparam("keys", values, type_=ARRAY(String)))
    return t.accounts.c.handle_key.in_(
        select(column("value")).select_from(func.json_each(bindparam("keys", json.dumps(values))))
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _chunks(items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SqlCatalogueWriter:
    """Implements ``CatalogueWriter`` on one connection inside the unit of work's transaction."""

    def __init__(self, connection: Connection) -> None:
        self._db = connection
        self._ids = IdAllocator(connection)
        self._statements: dict[str, BulkStatement] = {}
        self._profiles: dict[tuple[int, str, date], int] = {}
        self._samples: dict[tuple[int, date, str], int] = {}

    def _statement(self, name: str, build: Any) -> BulkStatement:
        statement = self._statements.get(name)
        if statement is None:
            statement = self._statements[name] = build()
        return statement

    def _insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            columns = list(rows[0])
            self._statement(
                f"insert:{table.name}:{','.join(columns)}",
                lambda: bulk_insert(self._db, table, columns),
            ).run_dicts(rows)

    # Accounts ---------------------------------------------------------------------------------

    def _existing_accounts(self, keys: Iterable[tuple[Platform, str]]) -> dict[tuple[str, str], Any]:
        by_platform: dict[str, set[str]] = {}
        for platform, key in keys:
            by_platform.setdefault(platform.value, set()).add(key)
        found: dict[tuple[str, str], Any] = {}
        for platform, handle_keys in by_platform.items():
            rows = self._db.execute(
                select(t.accounts).where(
                    t.accounts.c.platform == platform, _member_of(self._db, handle_keys)
                )
            )
            for row in rows:
                found[(platform, row.handle_key)] = row
        return found

    def _creator_ids_for_keys(self, keys: set[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for chunk in _chunks(sorted(keys)):
            rows = self._db.execute(
                select(t.creators.c.id, t.creators.c.creator_key).where(
                    t.creators.c.creator_key.in_(chunk)
                )
            )
            found.update({row.creator_key: row.id for row in rows})
        return found

    def _new_creators(self, accounts: Sequence[tuple[PlatformAccount, str | None]]) -> list[int]:
        now = _now()
        ids = self._ids.take(t.creators, len(accounts))
        self._statement(
            "insert:creators", lambda: bulk_insert(self._db, t.creators, _CREATOR_INSERT)
        ).run([
            (creator_id, account.display_name or account.handle, key, account.country,
             account.province, list(account.languages), now, now)
            for creator_id, (account, key) in zip(ids, accounts, strict=True)
        ])
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
        now = _now()
        ids = self._ids.take(t.accounts, len(new))
        self._statement(
            "insert:accounts", lambda: bulk_insert(self._db, t.accounts, _ACCOUNT_INSERT)
        ).run([
            _account_values(account, pkey[1], account_id,
                            creator_ids[key] if key else next(solo), now)
            for account_id, (pkey, (account, key)) in zip(ids, accounts.items(), strict=True)
        ])
        return dict(zip(accounts, ids, strict=True))

    def write_accounts(self, rows: Sequence[AccountRow], import_id: int) -> BatchOutcome:
        outcome = BatchOutcome()
        first: dict[tuple[str, str, date | None], tuple[AccountRow, tuple[str, str]]] = {}
        for row in rows:
            account = row.account
            key = (account.platform.value, handle_key(account.handle))
            taken = row.snapshot.taken_on if row.snapshot else None
            seen = first.get((*key, taken))
            if seen is not None:
                outcome.duplicates.append((row.row, f"repeats row {seen[0].row}; kept row {seen[0].row}"))
                continue
            first[(*key, taken)] = (row, key)
        unique = list(first.values())
        existing = self._existing_accounts(
            (Platform(key[0]), key[1]) for _row, key in unique
        )
        repeated = self._snapshots_already_imported(unique, existing, import_id)
        new: dict[tuple[str, str], tuple[PlatformAccount, str | None]] = {}
        changed: dict[int, dict[str, Any]] = {}
        for row, key in unique:
            if row.row in repeated:
                outcome.duplicates.append((row.row, repeated[row.row]))
                continue
            stored = existing.get(key)
            if stored is None:
                if key in new:  # the same account on another day in this batch
                    new[key] = (_merge_new(new[key][0], row), new[key][1])
                else:
                    new[key] = (row.account, row.creator_key)
                continue
            current = changed.get(stored.id) or dict(stored._mapping)
            changed[stored.id] = _merge_existing(current, row)
        ids = {k: r.id for k, r in existing.items()}
        ids.update(self._create_accounts(new))
        outcome.created = len(new)
        outcome.updated = len(changed)
        if changed:
            now = _now()
            columns = (*PROFILE_COLUMNS, *LIST_COLUMNS, *METRIC_COLUMNS,
                       "metrics_as_of", "first_seen", "last_seen", "updated_at")
            self._statement(
                "update:accounts", lambda: bulk_update(self._db, t.accounts, columns)
            ).run([
                (*(v[c] for c in columns[:-1]), now, account_id)
                for account_id, v in changed.items()
            ])
        # AccountSnapshot is (taken_on, source, *SNAPSHOT_COLUMNS): sliced, not read by name.
        snapshots = [
            (ids[key], s[0], s[1], import_id, row.row, *s[2:])
            for row, key in unique
            if (s := row.snapshot) is not None and row.row not in repeated
        ]
        self._statement(
            "upsert:snapshots",
            lambda: bulk_upsert(
                self._db, t.account_snapshots, _SNAPSHOT_INSERT,
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
    ) -> dict[int, str]:
        """Rows whose snapshot this same import already wrote (an account repeated in a file)."""
        wanted = {
            (existing[key].id, row.snapshot.taken_on, row.snapshot.source): row.row
            for row, key in rows
            if row.snapshot is not None and key in existing
        }
        if not wanted:
            return {}
        found: dict[int, str] = {}
        snap = t.account_snapshots
        for chunk in _chunks(list(wanted)):
            result = self._db.execute(
                select(snap.c.account_id, snap.c.taken_on, snap.c.source, snap.c.source_row).where(
                    tuple_(snap.c.account_id, snap.c.taken_on, snap.c.source).in_(chunk),
                    snap.c.import_id == import_id,
                )
            )
            for hit in result:
                row_number = wanted[(hit.account_id, hit.taken_on, hit.source)]
                found[row_number] = f"repeats row {hit.source_row}; kept row {hit.source_row}"
        return found

    def _account_ids(
        self, who: Iterable[tuple[Platform, str]], *, create: bool
    ) -> dict[tuple[str, str], int]:
        keys = {(platform, handle_key(handle)): handle for platform, handle in who}
        existing = self._existing_accounts(keys)
        ids = {k: r.id for k, r in existing.items()}
        if create:
            missing = {
                (p.value, key): (PlatformAccount(platform=p, handle=handle), None)
                for (p, key), handle in keys.items()
                if (p.value, key) not in ids
            }
            ids.update(self._create_accounts(missing))
        return ids

    # Posts and comments -----------------------------------------------------------------------

    def write_posts(self, rows: Sequence[PostRow], import_id: int) -> BatchOutcome:
        outcome = BatchOutcome()
        ids = self._account_ids(((r.platform, r.handle) for r in rows), create=True)
        values: dict[tuple[int, str], dict[str, Any]] = {}
        first_row: dict[tuple[int, str], int] = {}
        for row in rows:
            account_id = ids[(row.platform.value, handle_key(row.handle))]
            key = (account_id, row.post.platform_post_id)
            if key in values:
                outcome.duplicates.append((row.row, f"repeats row {first_row[key]}"))
                continue
            first_row[key] = row.row
            post = row.post
            values[key] = {
                "account_id": account_id,
                "platform_post_id": post.platform_post_id,
                "url": post.url,
                "post_type": post.post_type.value,
                "caption": post.caption,
                "hashtags": list(post.hashtags),
                "mentions": list(post.mentions),
                "posted_at": post.posted_at,
                "likes": post.likes,
                "comments_count": post.comments_count,
                "shares": post.shares,
                "saves": post.saves,
                "views": post.views,
                "reach": post.reach,
                "is_sponsored": post.is_sponsored,
                "brand_mentions": list(post.brand_mentions),
                "import_id": import_id,
            }
        seen = self._existing_keys(
            t.posts, ("account_id", "platform_post_id"), list(values), import_id
        )
        for key, same_import in seen.items():
            if same_import:
                outcome.duplicates.append((first_row[key], "the same post again in this import"))
                del values[key]
        outcome.updated = sum(1 for k in values if k in seen)
        outcome.created = len(values) - outcome.updated
        self._statement(
            "upsert:posts",
            lambda: bulk_upsert(self._db, t.posts, _POST_INSERT, ("account_id", "platform_post_id"),
                                POST_UPDATE, only_from_other_import=True),
        ).run_dicts(list(values.values()))
        return outcome

    def _existing_keys(
        self, table: Any, columns: tuple[str, str], keys: list[tuple[Any, Any]], import_id: int
    ) -> dict[tuple[Any, Any], bool]:
        """Which keys exist already, and whether this same import wrote them."""
        found: dict[tuple[Any, Any], bool] = {}
        first, second = (table.c[c] for c in columns)
        for chunk in _chunks(keys):
            result = self._db.execute(
                select(first, second, table.c.import_id).where(tuple_(first, second).in_(chunk))
            )
            for row in result:
                found[(row[0], row[1])] = row.import_id == import_id
        return found

    def _post_ids(self, rows: Sequence[CommentRow]) -> dict[tuple[str, str | None, str], int]:
        """Post ids by (platform, handle key or None, platform post id)."""
        found: dict[tuple[str, str | None, str], int] = {}
        wanted = {(r.platform.value, r.platform_post_id) for r in rows}
        for chunk in _chunks(sorted(wanted)):
            result = self._db.execute(
                select(t.posts.c.id, t.posts.c.platform_post_id, t.accounts.c.platform,
                       t.accounts.c.handle_key)
                .join(t.accounts, t.accounts.c.id == t.posts.c.account_id)
                .where(tuple_(t.accounts.c.platform, t.posts.c.platform_post_id).in_(chunk))
            )
            for row in result:
                found[(row.platform, row.handle_key, row.platform_post_id)] = row.id
                loose = (row.platform, None, row.platform_post_id)
                found[loose] = -1 if loose in found and found[loose] != row.id else row.id
        return found

    def write_comments(self, rows: Sequence[CommentRow], import_id: int) -> BatchOutcome:
        outcome = BatchOutcome()
        posts = self._post_ids(rows)
        values: dict[tuple[int, str], dict[str, Any]] = {}
        first_row: dict[tuple[int, str], int] = {}
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
            comment = row.comment
            key = (post_id, comment_identity(row.platform_post_id, comment))
            if key in values:
                outcome.duplicates.append((row.row, f"repeats row {first_row[key]}"))
                continue
            first_row[key] = row.row
            values[key] = {
                "post_id": post_id,
                "comment_key": key[1],
                "platform_comment_id": comment.platform_comment_id,
                "text": comment.text,
                "author": comment.author,
                "author_is_pseudonym": comment.author_is_pseudonym,
                "posted_at": comment.posted_at,
                "likes": comment.likes,
                "import_id": import_id,
            }
        seen = self._existing_keys(t.comments, ("post_id", "comment_key"), list(values), import_id)
        for key, same_import in seen.items():
            if same_import:
                outcome.duplicates.append((first_row[key], "the same comment again in this import"))
                del values[key]
        outcome.updated = sum(1 for k in values if k in seen)
        outcome.created = len(values) - outcome.updated
        self._statement(
            "upsert:comments",
            lambda: bulk_upsert(
                self._db, t.comments, _COMMENT_INSERT, ("post_id", "comment_key"),
                ("text", "author", "author_is_pseudonym", "posted_at", "likes", "import_id"),
                only_from_other_import=True,
            ),
        ).run_dicts(list(values.values()))
        return outcome

    def tracked_handles(self, platform: Platform, keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(set(keys))):
            result = self._db.execute(
                select(t.accounts.c.handle_key).where(
                    t.accounts.c.platform == platform.value, t.accounts.c.handle_key.in_(chunk)
                )
            )
            found.update(row.handle_key for row in result)
        return found

    # Audiences and follower samples -----------------------------------------------------------

    def _known_accounts(
        self, rows: Sequence[AudienceRow] | Sequence[FollowerRow], outcome: BatchOutcome
    ) -> dict[tuple[str, str], int]:
        ids = self._account_ids(((r.platform, r.handle) for r in rows), create=False)
        for row in rows:
            if (row.platform.value, handle_key(row.handle)) not in ids:
                outcome.problems.append(
                    (row.row, "handle", f"{row.platform.value}:{row.handle} is not in the "
                     "workspace: import it as a creator first")
                )
        return ids

    def write_audience(self, rows: Sequence[AudienceRow], import_id: int) -> BatchOutcome:
        outcome = BatchOutcome()
        ids = self._known_accounts(rows, outcome)
        shares: dict[tuple[int, str, str], dict[str, Any]] = {}
        for row in rows:
            account_id = ids.get((row.platform.value, handle_key(row.handle)))
            if account_id is None:
                continue
            profile_key = (account_id, row.source, row.as_of)
            profile_id = self._profiles.get(profile_key)
            if profile_id is None:
                profile_id = self._replace_profile(profile_key, row.sample_size, import_id)
                outcome.created += 1
            elif row.sample_size is not None:
                self._db.execute(
                    update(t.audience_profiles)
                    .where(t.audience_profiles.c.id == profile_id)
                    .values(sample_size=row.sample_size)
                )
            for share in row.shares:
                key = (profile_id, share.dimension.value, share.segment)
                if key in shares or self._share_exists(key):
                    outcome.duplicates.append(
                        (row.row, f"{share.dimension.value} {share.segment} given twice")
                    )
                    continue
                shares[key] = {"profile_id": profile_id, "dimension": key[1],
                               "segment": key[2], "share": share.share}
        self._insert(t.audience_shares, list(shares.values()))
        return outcome

    def _share_exists(self, key: tuple[int, str, str]) -> bool:
        s = t.audience_shares
        return self._db.execute(
            select(s.c.id).where(s.c.profile_id == key[0], s.c.dimension == key[1],
                                 s.c.segment == key[2])
        ).first() is not None

    def _replace_profile(
        self, key: tuple[int, str, date], sample_size: int | None, import_id: int
    ) -> int:
        account_id, source, as_of = key
        profiles = t.audience_profiles
        self._db.execute(
            delete(profiles).where(and_(profiles.c.account_id == account_id,
                                        profiles.c.source == source, profiles.c.as_of == as_of))
        )
        profile_id: int = self._db.execute(
            insert(profiles).returning(profiles.c.id),
            {"account_id": account_id, "source": source, "as_of": as_of,
             "sample_size": sample_size, "import_id": import_id},
        ).scalar_one()
        self._profiles[key] = profile_id
        return profile_id

    def write_followers(self, rows: Sequence[FollowerRow], import_id: int) -> BatchOutcome:
        outcome = BatchOutcome()
        ids = self._known_accounts(rows, outcome)
        profiles: list[dict[str, Any]] = []
        for row in rows:
            account_id = ids.get((row.platform.value, handle_key(row.handle)))
            if account_id is None:
                continue
            key = (account_id, row.taken_on, row.source)
            sample_id = self._samples.get(key)
            if sample_id is None:
                sample_id = self._replace_sample(key, import_id)
            profile = row.profile
            profiles.append({
                "sample_id": sample_id,
                **{name: getattr(profile, name) for name in (
                    "followers", "following", "posts", "bio_length", "has_picture", "is_private",
                    "username_length", "username_digits", "username_digit_ratio",
                    "fullname_words", "fullname_digit_ratio", "name_equals_username",
                    "has_external_url", "is_fake")},
            })
        self._insert(t.follower_profiles, profiles)
        outcome.created = len(profiles)
        return outcome

    def _replace_sample(self, key: tuple[int, date, str], import_id: int) -> int:
        account_id, taken_on, source = key
        samples = t.follower_samples
        self._db.execute(
            delete(samples).where(and_(samples.c.account_id == account_id,
                                       samples.c.taken_on == taken_on, samples.c.source == source))
        )
        sample_id: int = self._db.execute(
            insert(samples).returning(samples.c.id),
            {"account_id": account_id, "taken_on": taken_on, "source": source,
             "import_id": import_id},
        ).scalar_one()
        self._samples[key] = sample_id
        return sample_id

    # Brands -----------------------------------------------------------------------------------

    def save_brand(self, brand: Brand) -> Brand:
        values = {
            "name": brand.name,
            "handles": list(brand.handles),
            "hashtags": list(brand.hashtags),
            "niche": brand.niche,
            "tone_notes": brand.tone_notes,
            "competitors": list(brand.competitors),
        }
        existing = self._db.execute(
            select(t.brands.c.id).where(t.brands.c.name == brand.name)
        ).scalar_one_or_none()
        if existing is None:
            new_id = self._db.execute(
                insert(t.brands).returning(t.brands.c.id), {**values, "created_at": _now()}
            ).scalar_one()
        else:
            self._db.execute(update(t.brands).where(t.brands.c.id == existing).values(values))
            new_id = existing
        from dataclasses import replace

        return replace(brand, id=new_id)


_SNAPSHOT_INSERT = ("account_id", "taken_on", "source", "import_id", "source_row",
                    *SNAPSHOT_COLUMNS)  # the order write_accounts builds its tuples in
_CREATOR_INSERT = ("id", "display_name", "creator_key", "country", "province", "languages",
                   "created_at", "updated_at")
_ACCOUNT_INSERT = ("id", "creator_id", "platform", "handle", "handle_key", *PROFILE_COLUMNS,
                   "categories", "languages", *METRIC_COLUMNS, "metrics_as_of", "first_seen",
                   "last_seen", "created_at", "updated_at")
_POST_INSERT = ("account_id", "platform_post_id", *POST_UPDATE)
_COMMENT_INSERT = ("post_id", "comment_key", "platform_comment_id", "text", "author",
                   "author_is_pseudonym", "posted_at", "likes", "import_id")


def _account_values(
    account: PlatformAccount, key: str, account_id: int, creator_id: int, now: datetime
) -> tuple[Any, ...]:
    """An account as a row in ``_ACCOUNT_INSERT`` order (unpacked, not read by name: this runs
    once per row of million-row imports)."""
    (platform, handle, display_name, bio, categories, country, province, languages, verified,
     external_url, contact, has_picture, is_private, followers, following, posts_count,
     top_country, first_seen, last_seen, *_rest) = account
    return (
        account_id, creator_id, platform.value, handle, key, display_name, bio, country,
        province, verified, external_url, contact, has_picture, is_private, top_country,
        list(categories), list(languages), followers, following, posts_count,
        last_seen if followers is not None else None, first_seen, last_seen, now, now,
    )


def _merge_new(current: PlatformAccount, row: AccountRow) -> PlatformAccount:
    """Two rows of one new account on different days in one batch: newer values win."""
    newer, older = (row.account, current)
    if (current.last_seen or date.min) > (row.account.last_seen or date.min):
        newer, older = current, row.account
    merged = {
        name: getattr(newer, name) if getattr(newer, name) not in (None, ()) else getattr(older, name)
        for name in (*PROFILE_COLUMNS, *LIST_COLUMNS, *METRIC_COLUMNS)
    }
    seen = [d for d in (current.first_seen, row.account.first_seen) if d]
    last = [d for d in (current.last_seen, row.account.last_seen) if d]
    return newer._replace(**merged, first_seen=min(seen, default=None),
                   last_seen=max(last, default=None))


def _merge_existing(stored: dict[str, Any], row: AccountRow) -> dict[str, Any]:
    """A stored account updated by a row: newer or same-day data replaces, older only fills gaps."""
    account = row.account
    seen = account.last_seen
    is_newer = seen is None or stored["last_seen"] is None or seen >= stored["last_seen"]
    merged = dict(stored)
    for column in PROFILE_COLUMNS:
        value = getattr(account, column)
        if value is not None and (is_newer or merged[column] is None):
            merged[column] = value
    for column in LIST_COLUMNS:
        value = list(getattr(account, column))
        if value and (is_newer or not merged[column]):
            merged[column] = value
    metrics_newer = (
        row.snapshot is not None
        and (stored["metrics_as_of"] is None or row.snapshot.taken_on >= stored["metrics_as_of"])
    )
    if metrics_newer and row.snapshot is not None:
        for column in METRIC_COLUMNS:
            value = getattr(account, column)
            if value is not None:
                merged[column] = value
        merged["metrics_as_of"] = row.snapshot.taken_on
    if account.first_seen and (merged["first_seen"] is None or account.first_seen < merged["first_seen"]):
        merged["first_seen"] = account.first_seen
    if seen and (merged["last_seen"] is None or seen > merged["last_seen"]):
        merged["last_seen"] = seen
    return merged
