"""The test wiring: every service built over fakes, with the fakes exposed.

``fake_services()`` is to the unit tests what ``bootstrap.open_workspace`` is to the product:
the one place that knows which fake stands behind which port. The fakes share their state as
the SQL adapters share one database: the import writes ``data``, which the catalogue reader,
the discovery index, the shortlists and the audits read; the team's ``directory`` says whose
jobs, imports and lists are whose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kolscope.catalogue.creators import CreatorCatalogue
from kolscope.catalogue.demo.build import DemoData
from kolscope.catalogue.importing.service import BATCH_SIZE, ImportService
from kolscope.discovery.indexing import DiscoveryIndexer
from kolscope.discovery.service import DiscoveryService
from kolscope.discovery.shortlists import ShortlistService
from kolscope.domain.tiers import PRESET_SCHEMES, TierCatalogue
from kolscope.domain.workspace import WorkspaceConfig
from kolscope.jobs.service import JobService
from kolscope.team.organisations import OrganisationService
from kolscope.team.service import TeamService
from kolscope.vetting.audits import AuditService, comment_counts
from kolscope.vetting.comment_quality import CommentQualityService, SummaryCache
from kolscope.vetting.comments.insight import CommentInsight
from tests.fakes.catalogue import FakeCatalogue
from tests.fakes.catalogue_data import CatalogueData
from tests.fakes.catalogue_reader import FakeCatalogueReader
from tests.fakes.clock import Clock
from tests.fakes.discovery import FakeDiscoveryIndex, FakeDiscoveryStore
from tests.fakes.imports import FakeFileReader, FakeImportLog
from tests.fakes.jobs import FakeJobQueue, FakeJobStore
from tests.fakes.shortlists import FakeShortlistStore
from tests.fakes.team import Directory, FakeOrganisationStore, FakePasswordHasher, FakeTeamStore
from tests.fakes.vetting import FakeAuditSource, FakeAuditStore, FakeFollowerScorer

CONFIG = WorkspaceConfig("fake workspace", "fake pseudonym secret", TierCatalogue(PRESET_SCHEMES))
SECRET_KEY = "fake secret key"


def read_comments(texts: Sequence[str]) -> list[CommentInsight]:
    """A canned comment reader in place of the shipped models (which take seconds to load): a
    question ends in "?", buying asks a price ("ราคา", "price"), "http" is spam, a comment
    without letters is low effort (emoji only)."""
    insights = []
    for text in texts:
        lower = text.casefold()
        question = lower.rstrip().endswith("?")
        buying = "ราคา" in lower or "price" in lower
        spam = "http" in lower
        emoji = not any(ch.isalpha() for ch in text)
        insights.append(
            CommentInsight(
                sentiment="neutral",
                sentiment_p=1.0,
                question=question,
                question_p=1.0,
                purchase_intent=buying,
                purchase_intent_p=1.0,
                spam=spam,
                spam_p=1.0,
                low_effort=emoji,
                low_effort_kind="emoji_only" if emoji else None,
                toxic=False,
                language="th",
                evidence=(),
            )
        )
    return insights


class FakeDemoSource:
    """A ``DemoSource`` handing out the data it was given (the real one is pure anyway)."""

    def __init__(self, data: DemoData) -> None:
        self.data = data
        self.asked: list[tuple[int, int, date]] = []

    def generate(self, *, seed: int, creators: int, today: date) -> DemoData:
        self.asked.append((seed, creators, today))
        return self.data


@dataclass
class FakeServices:
    clock: Clock
    config: WorkspaceConfig
    # the fakes (ports), by area
    directory: Directory
    team_store: FakeTeamStore
    organisation_store: FakeOrganisationStore
    hasher: FakePasswordHasher
    data: CatalogueData
    files: FakeFileReader
    import_log: FakeImportLog
    catalogue: FakeCatalogue
    reader: FakeCatalogueReader
    job_store: FakeJobStore
    job_queue: FakeJobQueue
    index: FakeDiscoveryIndex
    discovery_store: FakeDiscoveryStore
    shortlist_store: FakeShortlistStore
    audit_source: FakeAuditSource
    audit_store: FakeAuditStore
    follower_scorer: FakeFollowerScorer
    # the services (use cases)
    importer: ImportService
    creators: CreatorCatalogue
    comment_quality: CommentQualityService
    jobs: JobService
    team: TeamService
    organisations: OrganisationService
    indexer: DiscoveryIndexer
    discovery: DiscoveryService
    shortlists: ShortlistService
    audits: AuditService
    upkeep: list[tuple[str, Any]] = field(default_factory=list)  # the after-write hooks' calls


def fake_services(
    *,
    clock: Clock | None = None,
    config: WorkspaceConfig = CONFIG,
    batch_size: int = BATCH_SIZE,
) -> FakeServices:
    clock = clock or Clock()
    directory = Directory()
    hasher = FakePasswordHasher()
    data = CatalogueData()
    files = FakeFileReader(clock().date())
    import_log = FakeImportLog(clock, directory)
    catalogue = FakeCatalogue(data, import_log)
    reader = FakeCatalogueReader(data)
    audit_store = FakeAuditStore(data)
    index = FakeDiscoveryIndex(data, audit_store.audits)
    upkeep: list[tuple[str, Any]] = []
    quality = CommentQualityService(reader, analyse=read_comments, cache=SummaryCache())
    scorer = FakeFollowerScorer()
    job_store, job_queue = FakeJobStore(directory), FakeJobQueue()
    discovery_store = FakeDiscoveryStore(index, data, audit_store.audits)
    shortlist_store = FakeShortlistStore(data, directory)
    audit_source = FakeAuditSource(data)
    return FakeServices(
        clock=clock,
        config=config,
        directory=directory,
        team_store=FakeTeamStore(directory),
        organisation_store=FakeOrganisationStore(directory),
        hasher=hasher,
        data=data,
        files=files,
        import_log=import_log,
        catalogue=catalogue,
        reader=reader,
        job_store=job_store,
        job_queue=job_queue,
        index=index,
        discovery_store=discovery_store,
        shortlist_store=shortlist_store,
        audit_source=audit_source,
        audit_store=audit_store,
        follower_scorer=scorer,
        importer=ImportService(
            files,
            catalogue.unit_of_work,
            import_log,
            config.pseudonym_secret,
            batch_size=batch_size,
            after_write=lambda kinds, rows: upkeep.append(("import", (list(kinds), rows))),
        ),
        creators=CreatorCatalogue(reader, config),
        comment_quality=quality,
        jobs=JobService(job_store, job_queue, clock),
        team=TeamService(
            FakeTeamStore(directory),
            hasher,
            SECRET_KEY,
            clock=clock,
            organisation_brands=lambda organisation_id: {
                b.id for b in reader.brands(organisation_id) if b.id is not None
            },
        ),
        organisations=OrganisationService(FakeOrganisationStore(directory), hasher, clock=clock),
        indexer=DiscoveryIndexer(
            index, index, after_write=lambda profiles: upkeep.append(("index", profiles))
        ),
        discovery=DiscoveryService(discovery_store, config, today=clock().date()),
        shortlists=ShortlistService(shortlist_store),
        audits=AuditService(
            audit_source,
            audit_store,
            config,
            followers=scorer,
            comments=lambda account_id: comment_counts(quality.summary(account_id)),
            clock=clock,
        ),
        upkeep=upkeep,
    )
