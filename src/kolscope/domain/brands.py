"""Brands a workspace works for."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Brand:
    """A brand, with the handles and hashtags that show a creator talks about it."""

    name: str
    handles: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    niche: str | None = None
    tone_notes: str | None = None
    competitors: tuple[str, ...] = ()
    id: int | None = None
    organisation_id: int | None = None
