"""The catalogue's merge rules, in plain Python: how an imported account row becomes a stored
row (new accounts as insert tuples), and how newer or older data merge into an account already
stored (newer data wins, older fills gaps). The SQL writers (``catalogue/db``) apply them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from kolscope.catalogue.importing.records import AccountRow
from kolscope.domain.creators import PlatformAccount

PROFILE_COLUMNS = (
    "display_name", "bio", "country", "province", "verified", "external_url", "contact",
    "has_profile_picture", "is_private", "top_audience_country",
)  # fmt: skip
LIST_COLUMNS = ("categories", "languages")
METRIC_COLUMNS = ("followers", "following", "posts_count")


MERGED_COLUMNS = (
    *PROFILE_COLUMNS,
    *LIST_COLUMNS,
    *METRIC_COLUMNS,
    "metrics_as_of",
    "first_seen",
    "last_seen",
)


def account_values(
    account: PlatformAccount, key: str, account_id: int, creator_id: int, now: datetime
) -> tuple[Any, ...]:
    """An account as a row in ``_ACCOUNT_INSERT`` order (unpacked, not read by name: this runs
    once per row of million-row imports)."""
    (
        platform,
        handle,
        display_name,
        bio,
        categories,
        country,
        province,
        languages,
        verified,
        external_url,
        contact,
        has_picture,
        is_private,
        followers,
        following,
        posts_count,
        top_country,
        first_seen,
        last_seen,
        *_rest,
    ) = account
    return (
        account_id,
        creator_id,
        platform.value,
        handle,
        key,
        display_name,
        bio,
        country,
        province,
        verified,
        external_url,
        contact,
        has_picture,
        is_private,
        top_country,
        list(categories),
        list(languages),
        followers,
        following,
        posts_count,
        last_seen if followers is not None else None,
        first_seen,
        last_seen,
        now,
        now,
    )


def merge_new(current: PlatformAccount, row: AccountRow) -> PlatformAccount:
    """Two rows of one new account on different days in one batch: newer values win."""
    newer, older = (row.account, current)
    if (current.last_seen or date.min) > (row.account.last_seen or date.min):
        newer, older = current, row.account
    merged = {
        name: getattr(newer, name)
        if getattr(newer, name) not in (None, ())
        else getattr(older, name)
        for name in (*PROFILE_COLUMNS, *LIST_COLUMNS, *METRIC_COLUMNS)
    }
    seen = [d for d in (current.first_seen, row.account.first_seen) if d]
    last = [d for d in (current.last_seen, row.account.last_seen) if d]
    return newer._replace(
        **merged, first_seen=min(seen, default=None), last_seen=max(last, default=None)
    )


def merge_existing(stored: dict[str, Any], row: AccountRow) -> dict[str, Any]:
    """A stored account updated by a row: newer or same-day data replaces, older only fills gaps."""
    account = row.account
    seen = account.last_seen
    is_newer = seen is None or stored["last_seen"] is None or seen >= stored["last_seen"]
    merged = dict(stored)
    for name in PROFILE_COLUMNS:
        value = getattr(account, name)
        if value is not None and (is_newer or merged[name] is None):
            merged[name] = value
    for name in LIST_COLUMNS:
        value = list(getattr(account, name))
        if value and (is_newer or not merged[name]):
            merged[name] = value
    metrics_newer = row.snapshot is not None and (
        stored["metrics_as_of"] is None or row.snapshot.taken_on >= stored["metrics_as_of"]
    )
    if metrics_newer and row.snapshot is not None:
        for name in METRIC_COLUMNS:
            value = getattr(account, name)
            if value is not None:
                merged[name] = value
        merged["metrics_as_of"] = row.snapshot.taken_on
    if account.first_seen and (
        merged["first_seen"] is None or account.first_seen < merged["first_seen"]
    ):
        merged["first_seen"] = account.first_seen
    if seen and (merged["last_seen"] is None or seen > merged["last_seen"]):
        merged["last_seen"] = seen
    return merged
