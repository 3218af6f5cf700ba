"""Wiring: the one place that builds concrete classes. Entry points call ``open_workspace``.

The workspace asks each area's wiring (``catalogue.wiring``, ``discovery.wiring``,
``vetting.wiring``, ``team.wiring``, ``jobs.wiring``; tracking's through the ``TrackingParts``
mixin in ``bootstrap.tracking``) for its use cases, each on first use; the demo's campaign is
added by ``bootstrap.demo``. Opening a workspace imports SQLAlchemy and the settings, nothing
more: a small process (a worker) that touches only ``jobs`` or ``team`` never imports numpy,
scikit-learn, the file readers or the web app (the redirect process has its own, smaller
wiring). ``bench/bench_wiring.py`` measures it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from kolscope.bootstrap.tracking import TrackingParts
from kolscope.catalogue import wiring as catalogue_wiring
from kolscope.config import Settings
from kolscope.discovery import wiring as discovery_wiring
from kolscope.domain.workspace import WorkspaceConfig
from kolscope.infra.db.engine import describe, open_engine
from kolscope.infra.db.migrate import upgrade
from kolscope.infra.workspace_files import config_path, create_workspace, load_workspace_config
from kolscope.jobs import kinds
from kolscope.jobs import wiring as jobs_wiring
from kolscope.planning import wiring as planning_wiring
from kolscope.team import wiring as team_wiring
from kolscope.vetting import wiring as vetting_wiring

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from kolscope.catalogue.brands import BrandBook
    from kolscope.catalogue.creators import CreatorCatalogue
    from kolscope.catalogue.db.reader import SqlCatalogue
    from kolscope.catalogue.db.uow import SqlImportLog, SqlUnitOfWork
    from kolscope.catalogue.demo.build import DemoProgress, DemoSummary
    from kolscope.catalogue.importing.service import ImportService
    from kolscope.discovery.indexing import DiscoveryIndexer
    from kolscope.discovery.service import DiscoveryService
    from kolscope.discovery.shortlists import ShortlistService
    from kolscope.jobs.db.job_store import SqlJobStore
    from kolscope.jobs.queue import HueyJobQueue
    from kolscope.jobs.service import JobService, JobView, Progress
    from kolscope.planning.outreach import Outreach
    from kolscope.planning.planner import Planner
    from kolscope.planning.ratecards.service import RateCardService
    from kolscope.planning.service import CampaignService
    from kolscope.team.organisations import OrganisationService
    from kolscope.team.resets import PasswordResets
    from kolscope.team.service import TeamService
    from kolscope.vetting.audits import AuditService
    from kolscope.vetting.comment_quality import CommentQualityService
    from kolscope.vetting.db.audit_store import SqlAudits
    from kolscope.vetting.signals.audit import FollowerScorer


@dataclass
class Workspace(TrackingParts):
    """An opened workspace: its settings, its database and the areas' use cases over them."""

    settings: Settings
    config: WorkspaceConfig
    engine: Engine

    @property
    def database(self) -> str:
        return describe(self.settings.resolved_database_url)

    # Catalogue ---------------------------------------------------------------------------------

    def unit_of_work(self) -> SqlUnitOfWork:
        return catalogue_wiring.unit_of_work(self.engine)

    @cached_property
    def catalogue(self) -> SqlCatalogue:
        return catalogue_wiring.reader(self.engine)

    @cached_property
    def import_log(self) -> SqlImportLog:
        return catalogue_wiring.import_log(
            self.engine, stale_seconds=self.settings.job_stale_seconds
        )

    @cached_property
    def importer(self) -> ImportService:
        return catalogue_wiring.importer(self.engine, self.import_log, self.config)

    @cached_property
    def brands(self) -> BrandBook:
        return catalogue_wiring.brand_book(self.engine)

    @cached_property
    def creators(self) -> CreatorCatalogue:
        return catalogue_wiring.creators(self.catalogue, self.config)

    # Vetting -----------------------------------------------------------------------------------

    @cached_property
    def audit_store(self) -> SqlAudits:
        return vetting_wiring.audit_store(self.engine)

    @property
    def follower_model_path(self) -> Path:
        """Where ``kolscope followers train`` keeps a model trained on this team's followers."""
        return self.settings.workspace / "models" / "followers.json"

    @cached_property
    def follower_scorer(self) -> FollowerScorer:
        """The workspace's own follower model when it has one, else the shipped one."""
        return vetting_wiring.ProfileScorer(self.follower_model_path)

    @cached_property
    def comment_quality(self) -> CommentQualityService:
        scope = f"{self.settings.workspace}|{self.database}"
        return vetting_wiring.comment_quality(self.catalogue, scope=scope)

    @cached_property
    def audits(self) -> AuditService:
        return vetting_wiring.audits(
            self.audit_store,
            self.config,
            followers=self.follower_scorer,
            quality=self.comment_quality,
        )

    # Discovery ---------------------------------------------------------------------------------

    @cached_property
    def discovery_index(self) -> DiscoveryIndexer:
        """Keeps the search index current (after imports, the demo, or by hand)."""
        return discovery_wiring.indexer(self.engine)

    @cached_property
    def discovery(self) -> DiscoveryService:
        return discovery_wiring.search(self.engine, self.config)

    @cached_property
    def shortlists(self) -> ShortlistService:
        return discovery_wiring.shortlists(self.engine)

    def queue_search_index(self, _progress: Progress | None = None) -> dict[str, Any]:
        """After a successful import job: queue the index update as its own job, so the import
        finishes as soon as its rows are in and the index catches up behind it. It is asked
        for by the same person as the import (so it belongs to the same organisation)."""
        from kolscope.discovery.indexing import submit_index
        from kolscope.jobs.service import current_job
        from kolscope.vetting.audits import submit_norms

        job = current_job()
        user_id = job.user_id if job else None
        index_job = submit_index(self.jobs, user_id=user_id)
        norms_job = submit_norms(self.jobs, user_id=user_id)
        return {"index_job": index_job.id, "norms_job": norms_job.id}

    # Planning ----------------------------------------------------------------------------------

    @cached_property
    def rate_cards(self) -> RateCardService:
        return planning_wiring.rate_cards(self.engine)

    @cached_property
    def _planning(self) -> tuple[CampaignService, Outreach]:
        source = planning_wiring.creator_source(self.shortlists, self.discovery)
        return planning_wiring.campaigns(
            self.engine, self.brands, source, lambda: datetime.now(UTC)
        )

    @property
    def campaigns(self) -> CampaignService:
        return self._planning[0]

    @property
    def outreach(self) -> Outreach:
        return self._planning[1]

    def send_mail(self, to: str, subject: str, body: str) -> bool:
        """Send mail through the mail settings; False when none are set."""
        if not self.settings.smtp_url:
            return False
        from kolscope.infra.mail import send_mail

        send_mail(self.settings.smtp_url, self.settings.mail_from, to, subject, body)
        return True

    @cached_property
    def planner(self) -> Planner:
        return planning_wiring.planner(
            self.engine, self.campaigns, self.discovery, self.brands, self.rate_cards,
            lambda: datetime.now(UTC),
        )  # fmt: skip

    # Team --------------------------------------------------------------------------------------

    @cached_property
    def organisations(self) -> OrganisationService:
        return team_wiring.organisations(self.engine)

    @cached_property
    def team(self) -> TeamService:
        catalogue = catalogue_wiring.reader(self.engine)

        def organisation_brands(organisation_id: int) -> set[int]:
            return {b.id for b in catalogue.brands(organisation_id) if b.id is not None}

        return team_wiring.team(self.engine, self.settings.secret_key, organisation_brands)

    @cached_property
    def resets(self) -> PasswordResets:
        return team_wiring.resets(self.team, self.settings)

    # The demo ----------------------------------------------------------------------------------

    def build_demo(
        self, *, seed: int, creators: int, today: date, progress: DemoProgress | None = None
    ) -> DemoSummary:
        from kolscope.bootstrap.demo import add_demo_campaign
        from kolscope.catalogue.demo.build import build_demo
        from kolscope.catalogue.demo.data import SyntheticThaiMarket
        from kolscope.catalogue.demo.people import add_demo_people
        from kolscope.catalogue.importing.service import pseudonymise_commenters
        from kolscope.infra.db.upkeep import CATALOGUE_TABLES, tidy_tables

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
        # every account audited, so the demo shows scores and keeps the norms single audits read
        self.audits.audit_all(
            progress=(lambda done, total, _note: progress.step("audits", done, total or 0))
            if progress is not None
            else None
        )
        add_demo_people(self.team, self.catalogue)
        add_demo_campaign(self, today)
        return summary

    def add_demo_people(self) -> None:
        """The documented demo logins: an owner, a member, and a client who sees one brand."""
        from kolscope.catalogue.demo.people import add_demo_people

        add_demo_people(self.team, self.catalogue)

    def reset_data(self) -> None:
        """Empty the database (demo rebuilds only): drop every table and migrate again."""
        from kolscope.catalogue.demo.build import GROUND_TRUTH_FILE
        from kolscope.infra.db.migrate import reset_database

        reset_database(self.engine)
        (self.settings.workspace / GROUND_TRUTH_FILE).unlink(missing_ok=True)

    def close(self) -> None:
        self.engine.dispose()
        self._close_jobs()

    # Background jobs --------------------------------------------------------------------------

    _owner_pid: int = field(default_factory=os.getpid, init=False, repr=False, compare=False)

    @cached_property
    def job_queue(self) -> HueyJobQueue:
        return jobs_wiring.queue(
            self._run_job, folder=self.settings.workspace, redis_url=self.settings.redis_url
        )

    @cached_property
    def job_store(self) -> SqlJobStore:
        return jobs_wiring.store(self.engine)

    @cached_property
    def jobs(self) -> JobService:
        service = jobs_wiring.service(
            self.job_store, self.job_queue, stale_seconds=self.settings.job_stale_seconds
        )
        service.register(kinds.IMPORT, jobs_wiring.on_first_use(self._import_handler))
        service.register(kinds.AUDIT, jobs_wiring.on_first_use(self._audit_handler))
        service.register(kinds.INDEX, jobs_wiring.on_first_use(self._index_handler))
        service.register(kinds.NORMS, jobs_wiring.on_first_use(self._norms_handler))
        service.sweep_on_recovery(self.import_log.interrupt_stale)
        # a webhook stored but not applied (its process died in between) is applied here
        service.sweep_on_recovery(lambda _cutoff: self.orders.process_waiting())
        return service

    def _import_handler(self) -> Any:
        from kolscope.catalogue.importing.jobs import import_handler

        return import_handler(self.importer, self.queue_search_index)

    def _audit_handler(self) -> Any:
        from kolscope.vetting.audits import audit_handler

        return audit_handler(lambda: self.audits)

    def _norms_handler(self) -> Any:
        from kolscope.vetting.audits import norms_handler

        return norms_handler(lambda: self.audits)

    def _index_handler(self) -> Any:
        from kolscope.discovery.indexing import index_handler

        return index_handler(lambda: self.discovery_index)

    def run_worker(self, *, workers: int = 2, processes: bool = False) -> None:
        """Run this workspace's jobs until stopped (``kolscope worker``)."""
        from kolscope.jobs.worker import run_worker

        run_worker(self.job_queue, self.jobs, workers=workers, processes=processes)

    def start_embedded_worker(self) -> Callable[[], None]:
        """Run jobs on a thread of this process (``kolscope serve`` without Redis); returns the
        function that stops it."""
        from kolscope.jobs.worker import start_embedded_worker

        return start_embedded_worker(self)

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
# The workspace folder, for commands that only touch its files (entry points use these names).
__all__ = [
    "Workspace",
    "config_path",
    "create_workspace",
    "load_workspace_config",
    "open_workspace",
]


def open_workspace(
    settings: Settings, *, synthetic: bool = False, name: str | None = None
) -> Workspace:
    """Open the workspace folder (creating it on first use) and bring its database up to date."""
    create_workspace(settings.workspace, name=name, synthetic=synthetic)
    config = load_workspace_config(settings.workspace)
    engine = open_engine(settings.resolved_database_url)
    upgrade(engine)
    return Workspace(settings, config, engine)
