"""Bringing a database to the current schema with Alembic (run on every start, idempotent)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Apply every migration the database has not seen yet."""
    if is_current(engine):
        return
    command.upgrade(alembic_config(engine), "head")


def is_current(engine: Engine) -> bool:
    script = ScriptDirectory.from_config(alembic_config(engine))
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    return set(current) == set(script.get_heads())


def reset_database(engine: Engine) -> None:
    """Drop every kolscope table (and Alembic's record), then build the schema again."""
    from sqlalchemy import inspect, text

    from kolscope.infra.db.tables import metadata
    from kolscope.infra.db.tables_fts import drop_full_text

    with engine.begin() as connection:
        drop_full_text(connection)
        metadata.drop_all(connection)
        if inspect(connection).has_table("alembic_version"):
            connection.execute(text("DROP TABLE alembic_version"))
    upgrade(engine)
