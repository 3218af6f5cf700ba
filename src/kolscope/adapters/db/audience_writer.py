"""Writing audience profiles and follower samples (replaced, never doubled, on re-import)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    and_,
    delete,
    insert,
    select,
    update,
)

from kolscope.adapters.db import tables as t
from kolscope.adapters.db.accounts_writer import AccountWriting
from kolscope.domain.creators import handle_key
from kolscope.services.importing.records import (
    AudienceRow,
    FollowerRow,
)
from kolscope.services.ports import BatchOutcome


class AudienceWriting(AccountWriting):
    """Audiences and follower samples of accounts already in the workspace."""

    def _known_accounts(
        self, rows: Sequence[AudienceRow] | Sequence[FollowerRow], outcome: BatchOutcome
    ) -> dict[tuple[str, str], int]:
        ids = self._account_ids(((r.platform, r.handle) for r in rows), create=False)
        for row in rows:
            if (row.platform.value, handle_key(row.handle)) not in ids:
                outcome.problems.append(
                    (
                        row.row,
                        "handle",
                        f"{row.platform.value}:{row.handle} is not in the "
                        "workspace: import it as a creator first",
                    )
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
                shares[key] = {
                    "profile_id": profile_id,
                    "dimension": key[1],
                    "segment": key[2],
                    "share": share.share,
                }
        self._insert(t.audience_shares, list(shares.values()))
        return outcome

    def _share_exists(self, key: tuple[int, str, str]) -> bool:
        s = t.audience_shares
        return (
            self._db.execute(
                select(s.c.id).where(
                    s.c.profile_id == key[0], s.c.dimension == key[1], s.c.segment == key[2]
                )
            ).first()
            is not None
        )

    def _replace_profile(
        self, key: tuple[int, str, date], sample_size: int | None, import_id: int
    ) -> int:
        account_id, source, as_of = key
        profiles = t.audience_profiles
        self._db.execute(
            delete(profiles).where(
                and_(
                    profiles.c.account_id == account_id,
                    profiles.c.source == source,
                    profiles.c.as_of == as_of,
                )
            )
        )
        profile_id: int = self._db.execute(
            insert(profiles).returning(profiles.c.id),
            {
                "account_id": account_id,
                "source": source,
                "as_of": as_of,
                "sample_size": sample_size,
                "import_id": import_id,
            },
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
            profiles.append(
                {
                    "sample_id": sample_id,
                    **{
                        name: getattr(profile, name)
                        for name in (
                            "followers",
                            "following",
                            "posts",
                            "bio_length",
                            "has_picture",
                            "is_private",
                            "username_length",
                            "username_digits",
                            "username_digit_ratio",
                            "fullname_words",
                            "fullname_digit_ratio",
                            "name_equals_username",
                            "has_external_url",
                            "is_fake",
                        )
                    },
                }
            )
        self._insert(t.follower_profiles, profiles)
        outcome.created = len(profiles)
        return outcome

    def _replace_sample(self, key: tuple[int, date, str], import_id: int) -> int:
        account_id, taken_on, source = key
        samples = t.follower_samples
        self._db.execute(
            delete(samples).where(
                and_(
                    samples.c.account_id == account_id,
                    samples.c.taken_on == taken_on,
                    samples.c.source == source,
                )
            )
        )
        sample_id: int = self._db.execute(
            insert(samples).returning(samples.c.id),
            {
                "account_id": account_id,
                "taken_on": taken_on,
                "source": source,
                "import_id": import_id,
            },
        ).scalar_one()
        self._samples[key] = sample_id
        return sample_id
