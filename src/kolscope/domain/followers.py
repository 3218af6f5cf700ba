"""Samples of an account's followers, described by profile features only.

These features are what fake-follower estimation works on later: a follower with no picture, no
posts, a digit-heavy username and thousands of follows looks bought.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


class FollowerProfile(NamedTuple):
    """Profile features of one follower; no name or handle is kept."""

    followers: int | None = None
    following: int | None = None
    posts: int | None = None
    bio_length: int | None = None
    has_picture: bool | None = None
    is_private: bool | None = None
    username_length: int | None = None
    username_digits: int | None = None
    username_digit_ratio: float | None = None
    fullname_words: int | None = None
    fullname_digit_ratio: float | None = None
    name_equals_username: bool | None = None
    has_external_url: bool | None = None
    is_fake: bool | None = None  # a label, when the sample was hand-checked

    @property
    def digit_ratio(self) -> float | None:
        """Digits over username length, measured or derived from the two counts."""
        if self.username_digit_ratio is not None:
            return self.username_digit_ratio
        if self.username_digits is not None and self.username_length:
            return self.username_digits / self.username_length
        return None


@dataclass(frozen=True, slots=True)
class FollowerSample:
    """Followers of one account sampled on one day from one source."""

    taken_on: date
    source: str
    profiles: tuple[FollowerProfile, ...]
    account_id: int | None = None
    id: int | None = None

    @property
    def size(self) -> int:
        return len(self.profiles)
