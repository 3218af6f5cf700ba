"""Writing audience profiles and follower samples (replaced, never doubled, on re-import)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    Table,
    and_,
    delete,
    insert,
    select,
    update,
)

from kolscope.catalogue.db.accounts_writer import AccountWriting
from kolscope.catalogue.importing.records import (
    AudienceRow,
    FollowerRow,
)
from kolscope.catalogue.messages import SHARE_TWICE
from kolscope.catalogue.ports import BatchOutcome
from kolscope.domain.creators import handle_key
from kolscope.infra.db import tables as t


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
                        (
                            row.row,
                            SHARE_TWICE(dimension=share.dimension.value, segment=share.segment),
                        )
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
        self._profiles[key] = self._replace(
            t.audience_profiles,
            {"account_id": account_id, "source": source, "as_of": as_of},
            {"sample_size": sample_size, "import_id": import_id},
        )
        return self._profiles[key]

    def _replace(self, table: Table, identity: dict[str, Any], values: dict[str, Any]) -> int:
        """Delete the row with this identity (its children go with it) and insert it anew."""
        self._db.execute(delete(table).where(and_(*(table.c[k] == v for k, v in identity.items()))))
        new_id: int = self._db.execute(
            insert(table).returning(table.c.id), {**identity, **values}
        ).scalar_one()
        return new_id

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
        self._samples[key] = self._replace(
            t.follower_samples,
            {"account_id": account_id, "taken_on": taken_on, "source": source},
            {"import_id": import_id},
        )
        return self._samples[key]
