"""Profile fields read from a follower's username, full name and bio text.

Only counts leave this module: the names themselves are never kept. The definitions follow
the public data sets: digits over length for the username and the full name, words in the full
name, and whether the full name is the username.
"""

from __future__ import annotations


def username_counts(username: str) -> tuple[int, int]:
    """(characters, digits) of a username, without a leading @."""
    name = username.strip().lstrip("@")
    return len(name), sum(character.isdigit() for character in name)


def full_name_fields(full_name: str | None, username: str | None) -> tuple[int, float, bool | None]:
    """(words, digits / characters, equals the username) of a full name; an empty name has
    no words and no digits. Equality is None when the username is not known."""
    name = (full_name or "").strip()
    digits = sum(character.isdigit() for character in name)
    ratio = digits / len(name) if name else 0.0
    same = None if username is None else bool(name) and _key(name) == _key(username)
    return len(name.split()), ratio, same


def bio_length(bio: str | None) -> int:
    """Characters in a bio; a missing bio is an empty one."""
    return len((bio or "").strip())


def _key(name: str) -> str:
    return "".join(name.lstrip("@").split()).casefold()
