"""Short codes for tracking links, and per-creator promo codes.

Both are read off a screen or a video and typed by hand, so neither uses characters people
confuse: a short code is lower case without ``0 o 1 l i``; the parts of a promo code kolscope
fills in are upper case without ``0 O 1 I L`` mixed in (a handle's ``0`` and ``1`` become ``O``
and ``I``, which is what a creator writing ``s0m`` means). Codes are unique against the codes
already taken, compared without case because shops treat ``SOM10`` and ``som10`` as one code.
"""

from __future__ import annotations

import random
import re
import secrets
import string
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from kolscope.tracking.links.problems import LinkError
from kolscope.tracking.messages_links import BAD_PATTERN, NO_SHORT_CODE_LEFT

SHORT_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0 o 1 l i
SHORT_CODE_LENGTH = 7  # 31**7 ≈ 2.8e10 codes: a collision is rare even with millions taken
PROMO_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0 O 1 I L
PROMO_CONFUSABLES = frozenset("01OIL")
HANDLE_PART_LENGTH = 12  # shops accept longer codes; people do not type them
PLACEHOLDERS = ("HANDLE", "NAME", "N")
_TRIES = 64

Choose = Callable[[str], str]


def _chooser(rng: random.Random | None) -> Choose:
    """``secrets.choice`` in production; a seeded ``random.Random`` in tests."""
    return secrets.choice if rng is None else rng.choice


def short_code(
    taken: Collection[str], length: int = SHORT_CODE_LENGTH, rng: random.Random | None = None
) -> str:
    """A random short code (``/r/<code>``) not in ``taken``. Raises ``LinkError`` after 64
    collisions in a row, which only happens when the space of that length is nearly full."""
    choose = _chooser(rng)
    for _ in range(_TRIES):
        code = "".join(choose(SHORT_CODE_ALPHABET) for _ in range(length))
        if code not in taken:
            return code
    raise LinkError(NO_SHORT_CODE_LEFT(count=_TRIES))


def short_codes(count: int, taken: Iterable[str], rng: random.Random | None = None) -> list[str]:
    """``count`` distinct short codes for a campaign's links in bulk, none of them in ``taken``."""
    used = set(taken)
    made: list[str] = []
    for _ in range(count):
        code = short_code(used, rng=rng)
        used.add(code)
        made.append(code)
    return made


def code_part(text: str) -> str:
    """A handle or name as a promo code part: accents dropped, non-ASCII (Thai) left out,
    upper case letters and digits only, ``0``/``1`` read as ``O``/``I``, at most 12 long."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    kept = "".join(char for char in plain.upper() if char in string.ascii_uppercase + string.digits)
    return kept.replace("0", "O").replace("1", "I")[:HANDLE_PART_LENGTH]


def check_pattern(pattern: str) -> None:
    """Refuse (``LinkError``) a pattern with unknown placeholders or characters a shop may
    not accept in a code; ``{HANDLE}10``, ``KOL{N}``, ``{NAME}-SUMMER`` pass."""
    stripped = re.sub(r"\{(HANDLE|NAME|N)\}", "", pattern.strip())
    if not pattern.strip() or not re.fullmatch(r"[A-Za-z0-9_-]*", stripped):
        raise LinkError(BAD_PATTERN(pattern=pattern))


@dataclass(frozen=True, slots=True)
class CodeFor:
    """Whom a promo code is for: the handle (and display name) that fill the pattern."""

    handle: str
    name: str = ""


def promo_codes(
    pattern: str,
    creators: Sequence[CodeFor],
    taken: Iterable[str],
    rng: random.Random | None = None,
) -> list[str]:
    """One promo code per creator from ``pattern``, in the creators' order.

    ``{HANDLE}`` and ``{NAME}`` are the creator's handle and name as ``code_part`` writes them
    (a Thai-only one falls back to 5 random letters, as handles in Thai script cannot be typed
    at a Shopify checkout); ``{N}`` is the creator's number in the batch from 1. ``taken`` is
    every code the workspace already uses and every code imported from the shop; a code that
    would clash (without case) gets a 2-letter suffix from the unambiguous alphabet."""
    check_pattern(pattern)
    choose = _chooser(rng)
    used = {code.strip().upper() for code in taken}
    made: list[str] = []
    for number, creator in enumerate(creators, start=1):
        handle = code_part(creator.handle) or _random_part(choose, 5)
        name = code_part(creator.name) or handle
        code = (
            pattern.strip()
            .replace("{HANDLE}", handle)
            .replace("{NAME}", name)
            .replace("{N}", str(number))
            .upper()
        )
        code = _free(code, used, choose)
        used.add(code)
        made.append(code)
    return made


def _random_part(choose: Choose, length: int) -> str:
    return "".join(choose(PROMO_ALPHABET) for _ in range(length))


def _free(code: str, used: Collection[str], choose: Choose) -> str:
    """``code`` itself when free, else ``code`` with the shortest free random suffix."""
    if code not in used:
        return code
    for tries in range(_TRIES * 4):
        candidate = code + _random_part(choose, 2 + tries // _TRIES)
        if candidate not in used:
            return candidate
    raise LinkError(NO_SHORT_CODE_LEFT(count=_TRIES * 4))
