"""Alembic environment: kolscope passes the engine in; no alembic.ini is needed."""

from __future__ import annotations

from alembic import context

from kolscope.infra.db.tables import metadata
from kolscope.infra.db.tables_fts import outside_metadata

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
