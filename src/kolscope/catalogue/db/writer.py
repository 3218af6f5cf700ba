"""The catalogue writer: one write path for SQLite and PostgreSQL, in batches."""

from __future__ import annotations

from sqlalchemy import (
    insert,
    select,
    update,
)

from kolscope.catalogue.db.audience_writer import AudienceWriting
from kolscope.catalogue.db.content_writer import ContentWriting
from kolscope.catalogue.db.writer_base import now
from kolscope.domain.brands import Brand
from kolscope.infra.db import tables as t


class SqlCatalogueWriter(ContentWriting, AudienceWriting):
    """Implements ``CatalogueWriter`` on one connection inside the unit of work's transaction."""

    def save_brand(self, brand: Brand) -> Brand:
        """Save a brand: one with an id is that row (so a brand can be renamed), one without
        is added, or replaces the brand of the same name."""
        values = {
            "name": brand.name,
            "handles": list(brand.handles),
            "hashtags": list(brand.hashtags),
            "niche": brand.niche,
            "tone_notes": brand.tone_notes,
            "competitors": list(brand.competitors),
            "organisation_id": brand.organisation_id,
        }
        existing = brand.id
        if existing is None:
            existing = self._db.execute(
                select(t.brands.c.id).where(t.brands.c.name == brand.name)
            ).scalar_one_or_none()
        if existing is None:
            new_id = self._db.execute(
                insert(t.brands).returning(t.brands.c.id), {**values, "created_at": now()}
            ).scalar_one()
        else:
            self._db.execute(update(t.brands).where(t.brands.c.id == existing).values(values))
            new_id = existing
        from dataclasses import replace

        return replace(brand, id=new_id)
