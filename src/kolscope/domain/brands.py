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

    def is_named(self, name: str) -> bool:
        """True when ``name`` is this brand's name or one of its handles (case and spacing
        ignored): how a person names a brand in a search or a form."""
        wanted = " ".join(name.split()).casefold()
        return self.name.casefold() == wanted or wanted in (h.casefold() for h in self.handles)
