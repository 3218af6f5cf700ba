"""When a failed login must wait before the next try (docs/security.md, "Logins").

One email from one address: the first FREE_FAILURES failures cost nothing; after the n-th,
the next try waits 2^(n - FREE_FAILURES) seconds, capped at MAX_BACKOFF. They are counted since
that pair's last success, over PAIR_MEMORY. One address, any emails: MAX_FAILURES_PER_ADDRESS
failures within ADDRESS_WINDOW refuse it until the oldest of them is that old. Nothing is
counted per email alone, so nobody elsewhere can lock a person out. Pure rules: the team
service reads the counts and applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FREE_FAILURES = 3
MAX_BACKOFF = timedelta(minutes=15)
PAIR_MEMORY = timedelta(hours=24)
ADDRESS_WINDOW = timedelta(minutes=15)
PRUNE_LOGINS_EVERY = timedelta(hours=1)
MAX_FAILURES_PER_ADDRESS = 20


@dataclass(frozen=True, slots=True)
class LoginFailures:
    """Recent failed logins: of one email from one address since that pair last succeeded,
    and of one address for any email."""

    pair_count: int
    pair_last_at: datetime | None
    address_count: int
    address_first_at: datetime | None


def backoff(failures: int) -> timedelta:
    """How long one email from one address waits after ``failures`` failures in a row."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    exponent = failures - FREE_FAILURES
    if exponent >= 20:  # 2^20 s is far past the cap; avoids huge numbers
        return MAX_BACKOFF
    return min(timedelta(seconds=2**exponent), MAX_BACKOFF)


def wait_before_next_try(failures: LoginFailures, now: datetime) -> timedelta:
    """How long from ``now`` a login must wait (zero: it may try)."""
    wait = timedelta(0)
    if failures.address_count >= MAX_FAILURES_PER_ADDRESS and failures.address_first_at:
        wait = failures.address_first_at + ADDRESS_WINDOW - now
    if failures.pair_last_at is not None:
        wait = max(wait, failures.pair_last_at + backoff(failures.pair_count) - now)
    return wait


class LoginRefusedError(Exception):
    """A login that did not succeed, with a message safe to show (it never says which part
    was wrong) and, when rate limited, how long to wait."""

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
