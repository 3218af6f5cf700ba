"""What every table shares: one MetaData with the naming convention the migrations use, and
the column types for JSON and time stamps."""

from __future__ import annotations

from sqlalchemy import JSON, DateTime, MetaData
from sqlalchemy.dialects.postgresql import JSONB

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)
JsonList = JSON().with_variant(JSONB(), "postgresql")
Stamp = DateTime(timezone=True)
