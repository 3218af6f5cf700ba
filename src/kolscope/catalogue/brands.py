"""Brands as a person may see and change them: the catalogue's facade for brands.

Every call takes the person (or their ``Scope``): a brand client sees only the brands granted to
them, a person only their organisation's, and only someone allowed to manage brands may add or
change one. Entry points never filter brands themselves. The command line, run by whoever runs
the server, names the organisation it works in instead of a person (``add_to``, ``edit_in``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
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


def _competitors(text: str) -> tuple[str, ...]:
    """Competitors separated by commas (a competitor's name may hold spaces), once each."""
    return tuple(dict.fromkeys(c.strip() for c in text.split(",") if c.strip()))


MAX_NAME = 300  # the brands table's name column
MAX_NICHE = 100  # and its niche column


def _name(text: str) -> str:
    """A brand's name with its spacing tidied; a BrandError when empty or too long."""
    name = " ".join(text.split())
    if not name:
        raise BrandError("A brand needs a name.")
    if len(name) > MAX_NAME:
        raise BrandError("A brand name is at most 300 characters.")
    return name


def _niche(text: str) -> str | None:
    niche = text.strip()
    if len(niche) > MAX_NICHE:
        raise BrandError("A niche is at most 100 characters.", "niche")
    return niche or None


class BrandBook:
    """The brands of each organisation, read, added and changed under the caller's scope."""

    def __init__(self, reader: BrandReader, save: Callable[[Brand], Brand]) -> None:
        self._reader = reader
        self._save = save

    def visible(self, scope: Scope) -> list[Brand]:
        """The brands this scope may see, by name."""
        return [b for b in self._reader.brands(scope.organisation_id) if scope.sees(b)]

    def named(self, scope: Scope, name: str) -> Brand | None:
        """The visible brand with this name or handle (case and spacing ignored, the handle
        with or without its @), if any."""
        handle = name.strip().removeprefix("@")
        return next(
            (b for b in self.visible(scope) if b.is_named(name) or b.is_named(handle)), None
        )

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
        return self.add_to(
            person.organisation.id,
            name,
            handles=handles,
            hashtags=hashtags,
            niche=niche,
            tone_notes=tone_notes,
            competitors=competitors,
        )

    def add_to(
        self,
        organisation_id: int | None,
        name: str,
        *,
        handles: str = "",
        hashtags: str = "",
        niche: str = "",
        tone_notes: str = "",
        competitors: str = "",
    ) -> Brand:
        """``add`` for the command line, which names the organisation it works in (None: the
        installation has none yet, so the brand is unowned until the first one claims it).
        People go through ``add``, which checks they may manage brands."""
        name = _name(name)
        self._check_name_free(organisation_id, name, None)
        brand = Brand(
            name,
            _handles(handles),
            _handles(hashtags),
            _niche(niche),
            tone_notes.strip() or None,
            _competitors(competitors),
            organisation_id=organisation_id,
        )
        return self._save(brand)

    def edit(
        self,
        person: User,
        name: str,
        *,
        new_name: str | None = None,
        handles: str | None = None,
        hashtags: str | None = None,
        niche: str | None = None,
        tone_notes: str | None = None,
        competitors: str | None = None,
    ) -> Brand:
        """Change a brand of the person's organisation: what is given replaces what the brand
        had ("" clears it), what is None stays; ``new_name`` renames it."""
        if not person.can(Permission.MANAGE_BRANDS):
            raise BrandError("You may not change brands.")
        return self.edit_in(
            person.organisation.id,
            name,
            new_name=new_name,
            handles=handles,
            hashtags=hashtags,
            niche=niche,
            tone_notes=tone_notes,
            competitors=competitors,
        )

    def edit_in(
        self,
        organisation_id: int | None,
        name: str,
        *,
        new_name: str | None = None,
        handles: str | None = None,
        hashtags: str | None = None,
        niche: str | None = None,
        tone_notes: str | None = None,
        competitors: str | None = None,
    ) -> Brand:
        """``edit`` for the command line, in the organisation it names. Everything is checked
        before anything is saved, so a refused change leaves the brand as it was."""
        brand = self.named(Scope(organisation_id), name)
        if brand is None:
            raise BrandError(f"There is no brand named {' '.join(name.split())!r}.")
        changed = brand
        if new_name is not None:
            renamed = _name(new_name)
            if renamed != brand.name:
                self._check_name_free(organisation_id, renamed, brand)
            changed = replace(changed, name=renamed)
        if handles is not None:
            changed = replace(changed, handles=_handles(handles))
        if hashtags is not None:
            changed = replace(changed, hashtags=_handles(hashtags))
        if niche is not None:
            changed = replace(changed, niche=_niche(niche))
        if tone_notes is not None:
            changed = replace(changed, tone_notes=tone_notes.strip() or None)
        if competitors is not None:
            changed = replace(changed, competitors=_competitors(competitors))
        if changed == brand:
            return brand
        return self._save(changed)

    def _check_name_free(
        self, organisation_id: int | None, name: str, renaming: Brand | None
    ) -> None:
        """Brand names are unique on the server (the schema says so): never update another
        organisation's brand through a name they happen to share, and never rename a brand
        onto another one (of any organisation, in any case)."""
        for other in self._reader.brands():
            if renaming is not None and other.id == renaming.id:
                continue
            if other.organisation_id not in (None, organisation_id):
                if other.name == name:
                    raise BrandError(
                        "Another organisation on this server has a brand of that name."
                    )
            elif renaming is not None and other.name.casefold() == name.casefold():
                raise BrandError(f"There is already a brand named {other.name!r}.")
