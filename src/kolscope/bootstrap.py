"""Wiring: the one place that knows every concrete class. Entry points call ``open_workspace``."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Engine

from kolscope.catalogue.creators import CreatorCatalogue
from kolscope.catalogue.db.reader import SqlCatalogue
from kolscope.catalogue.db.uow import SqlImportLog, SqlUnitOfWork
from kolscope.catalogue.demo.build import (
    DEMO_PASSWORD,
    DEMO_PEOPLE,
    GROUND_TRUTH_FILE,
    DemoProgress,
    DemoSummary,
    build_demo,
)
from kolscope.catalogue.formats.reader import FileImportReader
from kolscope.catalogue.importing.jobs import IMPORT, import_handler
from kolscope.catalogue.importing.service import ImportService, pseudonymise_commenters
from kolscope.config import Settings
from kolscope.discovery.db.index_store import SqlDiscoveryIndex
from kolscope.discovery.db.search import SqlDiscoverySearch
from kolscope.discovery.db.shortlist_store import SqlShortlists
from kolscope.discovery.indexing import (
    INDEX,
    DiscoveryIndexer,
    index_handler,
    submit_index,
)
from kolscope.discovery.service import DiscoveryService
from kolscope.discovery.shortlists import ShortlistService
from kolscope.domain.followers import FollowerProfile
from kolscope.domain.team import Role
from kolscope.domain.workspace import WorkspaceConfig
from kolscope.infra.db.engine import describe, open_engine
from kolscope.infra.db.migrate import reset_database, upgrade
from kolscope.infra.db.upkeep import (
    CATALOGUE_TABLES,
    tidy_after_import,
    tidy_after_index,
    tidy_tables,
)
from kolscope.infra.passwords import Argon2Passwords
from kolscope.infra.workspace_files import create_workspace, load_workspace_config
from kolscope.jobs.db.job_store import SqlJobStore
from kolscope.jobs.queue import HueyJobQueue
from kolscope.jobs.service import JobService, JobView, Progress, current_job
from kolscope.team.db.organisation_store import SqlOrganisations
from kolscope.team.db.team_store import SqlTeamStore
from kolscope.team.organisations import OrganisationService
from kolscope.team.service import TeamService
from kolscope.vetting.audits import AUDIT, AuditService, audit_handler, comment_counts
from kolscope.vetting.comment_quality import CommentQualityService
from kolscope.vetting.db.audit_store import SqlAudits
from kolscope.vetting.signals.audit import FollowerScorer

if TYPE_CHECKING:
    from kolscope.vetting.followers.model import FollowerModel


class ProfileScorer:
    """The follower model as audits use it, loaded on first use: the model at ``path`` when
    that file exists, else the one shipped in the package."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._model: FollowerModel | None = None

    @property
    def model(self) -> FollowerModel:
        from kolscope.vetting.followers.model import FollowerModel

        if self._model is None:
            self._model = (
                FollowerModel.load(self._path)
                if self._path.exists()
                else FollowerModel.load_default()
            )
        return self._model

    @property
    def threshold(self) -> float:
        return self.model.threshold

    def probabilities(self, profiles: Sequence[FollowerProfile]) -> NDArray[np.float64]:
        from kolscope.vetting.followers.features import feature_matrix

        return self.model.probabilities(feature_matrix(profiles))


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
        return SqlImportLog(
            self.engine, stale_after=timedelta(seconds=self.settings.job_stale_seconds)
        )

    @cached_property
    def importer(self) -> ImportService:
        return ImportService(
            FileImportReader(),
            self.unit_of_work,
            self.import_log,
            self.config.pseudonym_secret,
            after_write=lambda kinds, rows: tidy_after_import(self.engine, kinds, rows),
        )

    @cached_property
    def creators(self) -> CreatorCatalogue:
        return CreatorCatalogue(self.catalogue, self.config)

    @cached_property
    def audit_store(self) -> SqlAudits:
        return SqlAudits(self.engine)

    @property
    def follower_model_path(self) -> Path:
        """Where ``kolscope followers train`` keeps a model trained on this team's followers."""
        return self.settings.workspace / "models" / "followers.json"

    @cached_property
    def follower_scorer(self) -> FollowerScorer:
        """The workspace's own follower model when it has one, else the shipped one."""
        return ProfileScorer(self.follower_model_path)

    @cached_property
    def comment_quality(self) -> CommentQualityService:
        return CommentQualityService(
            self.catalogue, scope=f"{self.settings.workspace}|{self.database}"
        )

    @cached_property
    def audits(self) -> AuditService:
        quality = self.comment_quality
        return AuditService(
            self.audit_store,
            self.audit_store,
            self.config,
            followers=self.follower_scorer,
            comments=lambda account_id: comment_counts(quality.summary(account_id)),
        )

    @cached_property
    def discovery_index(self) -> DiscoveryIndexer:
        """Keeps the search index current (after imports, the demo, or by hand)."""
        store = SqlDiscoveryIndex(self.engine)
        return DiscoveryIndexer(
            store, store, after_write=lambda profiles: tidy_after_index(self.engine, profiles)
        )

    @cached_property
    def discovery(self) -> DiscoveryService:
        return DiscoveryService(SqlDiscoverySearch(self.engine), self.config)

    @cached_property
    def shortlists(self) -> ShortlistService:
        return ShortlistService(SqlShortlists(self.engine))

    def queue_search_index(self, _progress: Progress | None = None) -> dict[str, Any]:
        """After a successful import job: queue the index update as its own job, so the import
        finishes as soon as its rows are in and the index catches up behind it. It is asked
        for by the same person as the import (so it belongs to the same organisation)."""
        job = current_job()
        return {"index_job": submit_index(self.jobs, user_id=job.user_id if job else None).id}

    @cached_property
    def organisations(self) -> OrganisationService:
        return OrganisationService(SqlOrganisations(self.engine), Argon2Passwords())

    @cached_property
    def team(self) -> TeamService:
        return TeamService(SqlTeamStore(self.engine), Argon2Passwords(), self.settings.secret_key)

    def build_demo(
        self, *, seed: int, creators: int, today: date, progress: DemoProgress | None = None
    ) -> DemoSummary:
        from kolscope.catalogue.demo.data import SyntheticThaiMarket

        secret = self.config.pseudonym_secret
        summary = build_demo(
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
        self.discovery_index.refresh(
            everything=True,
            progress=(lambda done, total: progress.step("search index", done, total))
            if progress is not None
            else None,
        )
        tidy_tables(self.engine, CATALOGUE_TABLES)  # the index refresh tidied its own
        self.add_demo_people()
        return summary

    def add_demo_people(self) -> None:
        """The documented demo logins: an owner, a member, and a client who sees one brand."""
        team = self.team
        if not team.needs_setup():
            return
        owner_email, owner_name, _role = DEMO_PEOPLE[0]
        owner = team.create_first_owner(
            "Demo agency (synthetic)", owner_email, owner_name, DEMO_PASSWORD
        )
        self.catalogue.claim_unowned_brands(owner.organisation.id)
        for email, name, role in DEMO_PEOPLE[1:]:
            person = team.add_user(owner.organisation, email, name, DEMO_PASSWORD, Role(role))
            if person.role == Role.CLIENT:
                brands = self.catalogue.brands(owner.organisation.id)
                if brands and brands[0].id is not None:
                    team.set_grants(person.id, {brands[0].id})

    def reset_data(self) -> None:
        """Empty the database (demo rebuilds only): drop every table and migrate again."""
        reset_database(self.engine)
        (self.settings.workspace / GROUND_TRUTH_FILE).unlink(missing_ok=True)

    def close(self) -> None:
        self.engine.dispose()
        self._close_jobs()

    # Background jobs --------------------------------------------------------------------------

    _owner_pid: int = field(default_factory=os.getpid, init=False, repr=False, compare=False)

    @cached_property
    def job_queue(self) -> HueyJobQueue:
        return HueyJobQueue(
            self._run_job, folder=self.settings.workspace, redis_url=self.settings.redis_url
        )

    @cached_property
    def job_store(self) -> SqlJobStore:
        return SqlJobStore(self.engine)

    @cached_property
    def jobs(self) -> JobService:
        stale = timedelta(seconds=self.settings.job_stale_seconds)
        service = JobService(self.job_store, self.job_queue, stale_after=stale)
        service.register(IMPORT, import_handler(self.importer, self.queue_search_index))
        service.register(AUDIT, audit_handler(lambda: self.audits))
        service.register(INDEX, index_handler(lambda: self.discovery_index))
        service.sweep_on_recovery(self.import_log.interrupt_stale)
        return service

    def _run_job(self, job_id: int) -> JobView | None:
        """The queue's task body, in a worker thread or a forked worker process. A forked
        process opens its own workspace from the same settings (never the parent's
        connections) and keeps it for the jobs that follow."""
        if os.getpid() == self._owner_pid:
            return self.jobs.run(job_id)
        key = (os.getpid(), id(self))
        opened = _WORKER_WORKSPACES.get(key)
        if opened is None:
            opened = _WORKER_WORKSPACES[key] = open_workspace(self.settings)
        return opened.jobs.run(job_id)

    def _close_jobs(self) -> None:
        if "import_log" in self.__dict__:
            self.import_log.close()
        if "job_store" in self.__dict__:
            self.job_store.close()
        if "job_queue" in self.__dict__:
            self.job_queue.close()


_WORKER_WORKSPACES: dict[tuple[int, int], Workspace] = {}


def open_workspace(
    settings: Settings, *, synthetic: bool = False, name: str | None = None
) -> Workspace:
    """Open the workspace folder (creating it on first use) and bring its database up to date."""
    create_workspace(settings.workspace, name=name, synthetic=synthetic)
    config = load_workspace_config(settings.workspace)
    engine = open_engine(settings.resolved_database_url)
    upgrade(engine)
    return Workspace(settings, config, engine)
