"""In-memory fakes of every port the services use, and the wiring that builds the services
over them (``fake_services``). Each fake follows its SQL adapter's contract; where it cannot
reasonably (full-text ranking, database locks), its docstring says what it does instead."""

from tests.fakes.catalogue import FakeCatalogue, FakeCatalogueWriter, FakeUnitOfWork
from tests.fakes.catalogue_data import CatalogueData
from tests.fakes.catalogue_reader import FakeCatalogueReader
from tests.fakes.clock import START, Clock
from tests.fakes.discovery import FakeDiscoveryIndex, FakeDiscoveryStore
from tests.fakes.imports import FakeFileReader, FakeImportLog
from tests.fakes.jobs import FakeJobQueue, FakeJobStore
from tests.fakes.shortlists import FakeShortlistStore
from tests.fakes.team import Directory, FakeOrganisationStore, FakePasswordHasher, FakeTeamStore
from tests.fakes.tenancy import NoOrganisations, Tenancy
from tests.fakes.vetting import FakeAuditSource, FakeAuditStore, FakeFollowerScorer
from tests.fakes.wiring import CONFIG, FakeDemoSource, FakeServices, fake_services

__all__ = [
    "CONFIG",
    "START",
    "CatalogueData",
    "Clock",
    "Directory",
    "FakeAuditSource",
    "FakeAuditStore",
    "FakeCatalogue",
    "FakeCatalogueReader",
    "FakeCatalogueWriter",
    "FakeDemoSource",
    "FakeDiscoveryIndex",
    "FakeDiscoveryStore",
    "FakeFileReader",
    "FakeFollowerScorer",
    "FakeImportLog",
    "FakeJobQueue",
    "FakeJobStore",
    "FakeOrganisationStore",
    "FakePasswordHasher",
    "FakeServices",
    "FakeShortlistStore",
    "FakeTeamStore",
    "FakeUnitOfWork",
    "NoOrganisations",
    "Tenancy",
    "fake_services",
]
