"""Settings: one typed object read from ``KOLSCOPE_*`` environment variables and CLI options.

Every setting is documented in docs/configuration.md (a test keeps the two in step).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_WORKSPACE = Path("kolscope-workspace")


class Settings(BaseSettings):
    """How this kolscope process runs (workspace choices live in the workspace's kolscope.toml)."""

    model_config = SettingsConfigDict(env_prefix="KOLSCOPE_", extra="ignore")

    workspace: Path = Field(
        default=DEFAULT_WORKSPACE,
        description="Folder holding kolscope.toml and, by default, the SQLite kolscope.db.",
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the database, e.g. postgresql://user@host/db. "
            "Unset: SQLite at WORKSPACE/kolscope.db."
        ),
    )
    host: str = Field(default="127.0.0.1", description="Address `kolscope serve` listens on.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `kolscope serve` listens on.")

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.workspace / 'kolscope.db').resolve()}"
