"""Password hashing with argon2id (argon2-cffi's defaults, RFC 9106 low-memory profile)."""

from __future__ import annotations

from argon2 import PasswordHasher as Argon2
from argon2.exceptions import InvalidHashError, VerificationError


class Argon2Passwords:
    """Implements ``services.team.PasswordHasher``. ``hasher``: argon2-cffi's with other
    costs (the test suite's cheap one); the default is the RFC 9106 low-memory profile."""

    def __init__(self, hasher: Argon2 | None = None) -> None:
        self._argon = hasher or Argon2()

    def hash(self, password: str) -> str:
        return self._argon.hash(password)

    def verify(self, hashed: str, password: str) -> bool:
        try:
            return self._argon.verify(hashed, password)
        except (VerificationError, InvalidHashError):
            return False
