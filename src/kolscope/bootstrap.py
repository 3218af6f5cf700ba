"""Wiring: the one place that knows every concrete class. Entry points call ``open_workspace``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from sqlalchemy import Engine

from kolscope.adapters.db.catalogue import SqlCatalogue
from kolscope.adapters.db.engine import describe, open_engine
from kolscope.adapters.db.migrate import reset_database, upgrade
from kolscope.adapters.db.uow import SqlImportLog, SqlUnitOfWork
from kolscope.adapters.db.team_store import SqlTeamStore
from kolscope.adapters.importers.reader import FileImportReader
from kolscope.adapters.passwords import Argon2Passwords
from kolscope.adapters.workspace_files import create_workspace, load_workspace_config
from kolscope.config import Settings
from kolscope.services.creators import CreatorCatalogue
from kolscope.services.demo import GROUND_TRUTH_FILE, DemoProgress, DemoSummary, build_demo
from kolscope.services.importing.service import ImportService, pseudonymise_commenters
from kolscope.services.team import TeamService
from kolscope.services.workspace import WorkspaceConfig


@dataclass
class Workspace:
    """An opened workspace: its settings, its database and the services over them."""

    settings: Settings
    config: WorkspaceConfig
    engine: Engine

    @property
    def database(self) -> str:
        return describe(self.settings.resolved_database_url)

    def unit_of_work(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)

    @cached_property
    def catalogue(self) -> SqlCatalogue:
        return SqlCatalogue(self.engine)

    @cached_property
    def import_log(self) -> SqlImportLog:
        return SqlImportLog(self.engine)

    @cached_property
    def importer(self) -> ImportService:
        return ImportService(
            FileImportReader(), self.unit_of_work, self.import_log, self.config.pseudonym_secret
        )

    @cached_property
    def creators(self) -> CreatorCatalogue:
        return CreatorCatalogue(self.catalogue, self.config)

    @cached_property
    def team(self) -> TeamService:
        return TeamService(SqlTeamStore(self.engine), Argon2Passwords(), self.settings.secret_key)

    def build_demo(
        self, *, seed: int, creators: int, today: date, progress: DemoProgress | None = None
    ) -> DemoSummary:
        from kolscope.adapters.demo_data import SyntheticThaiMarket

        secret = self.config.pseudonym_secret
        return build_demo(
            SyntheticThaiMarket(),
            self.unit_of_work,
            self.import_log,
            lambda rows, writer: pseudonymise_commenters(rows, writer, secret),
            self.settings.workspace,
            seed=seed,
            creators=creators,
            today=today,
            progress=progress,
        )

    def reset_data(self) -> None:
        """Empty the database (demo rebuilds only): drop every table and migrate again."""
        reset_database(self.engine)
        (self.settings.workspace / GROUND_TRUTH_FILE).unlink(missing_ok=True)

    def close(self) -> None:
        self.engine.dispose()


def open_workspace(
    settings: Settings, *, synthetic: bool = False, name: str | None = None
) -> Workspace:
    """Open the workspace folder (creating it on first use) and bring its database up to date."""
    create_workspace(settings.workspace, name=name, synthetic=synthetic)
    config = load_workspace_config(settings.workspace)
    engine = open_engine(settings.resolved_database_url)
    upgrade(engine)
    return Workspace(settings, config, engine)
