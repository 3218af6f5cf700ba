"""A clock the tests move by hand (every service takes one)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
