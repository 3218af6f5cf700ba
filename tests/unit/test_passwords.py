"""Passwords are stored with argon2id at the RFC 9106 low-memory profile (the test suite's
workspaces use a cheaper cost: tests/conftest.py)."""

from __future__ import annotations

from kolscope.infra.passwords import Argon2Passwords


def test_production_hashes_use_the_low_memory_profile() -> None:
    hasher = Argon2Passwords()
    hashed = hasher.hash("a long enough password")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert hasher.verify(hashed, "a long enough password")
    assert not hasher.verify(hashed, "another password")
    assert not hasher.verify("not a hash", "a long enough password")


def test_a_cheap_hash_still_verifies_under_the_production_hasher() -> None:
    """Hashes carry their own cost: a password set under one profile logs in under another."""
    from argon2 import PasswordHasher

    cheap = Argon2Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    hashed = cheap.hash("a long enough password")
    assert Argon2Passwords().verify(hashed, "a long enough password")
