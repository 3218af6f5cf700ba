"""Brands as a person may see and change them: the catalogue's facade for brands.

Every call takes the person (or their ``Scope``): a brand client sees only the brands granted to
them, a person only their organisation's, and only someone allowed to manage brands may add
one. Entry points never filter brands themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from kolscope.domain.brands import Brand
from kolscope.domain.team import Permission, Scope, User


class BrandError(ValueError):
    """A brand cannot be added or found; ``field`` names the form field at fault."""

    def __init__(self, message: str, field: str = "name") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class BrandReader(Protocol):
    def brands(self, organisation_id: int | None = None) -> list[Brand]:
        """Every brand, or an organisation's (with the brands no organisation owns yet)."""
        ...


def _handles(text: str) -> tuple[str, ...]:
    """Handles or hashtags separated by commas or spaces, without their @ or #, once each."""
    items = [i.strip().lstrip("@#") for i in text.replace(",", " ").split()]
    return tuple(dict.fromkeys(i for i in items if i))


class BrandBook:
    """The brands of each organisation, read and added under the caller's scope."""

    def __init__(self, reader: BrandReader, save: Callable[[Brand], Brand]) -> None:
        self._reader = reader
        self._save = save

    def visible(self, scope: Scope) -> list[Brand]:
        """The brands this scope may see, by name."""
        return [b for b in self._reader.brands(scope.organisation_id) if scope.sees(b)]

    def named(self, scope: Scope, name: str) -> Brand | None:
        """The visible brand with this name or handle (case and spacing ignored), if any."""
        return next((b for b in self.visible(scope) if b.is_named(name)), None)

    def add(
        self,
        person: User,
        name: str,
        *,
        handles: str = "",
        hashtags: str = "",
        niche: str = "",
        tone_notes: str = "",
        competitors: str = "",
    ) -> Brand:
        """Add a brand to the person's organisation, or update theirs of the same name.
        Handles and hashtags are separated by commas or spaces, competitors by commas."""
        if not person.can(Permission.MANAGE_BRANDS):
            raise BrandError("You may not add brands.")
        name = name.strip()
        if not name:
            raise BrandError("A brand needs a name.")
        # Brand names are unique on the server (the schema says so): never update another
        # organisation's brand through a name they happen to share.
        taken = next((b for b in self._reader.brands() if b.name == name), None)
        if taken is not None and taken.organisation_id not in (None, person.organisation.id):
            raise BrandError("Another organisation on this server has a brand of that name.")
        brand = Brand(
            name,
            _handles(handles),
            _handles(hashtags),
            niche.strip() or None,
            tone_notes.strip() or None,
            tuple(c.strip() for c in competitors.split(",") if c.strip()),
            organisation_id=person.organisation.id,
        )
        return self._save(brand)
