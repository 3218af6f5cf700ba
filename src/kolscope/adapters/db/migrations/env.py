"""Alembic environment: kolscope passes the engine in; no alembic.ini is needed."""

from __future__ import annotations

from alembic import context

from kolscope.adapters.db.search_index import outside_metadata
from kolscope.adapters.db.tables import metadata

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=outside_metadata,
    )
    with context.begin_transaction():
        context.run_migrations()
