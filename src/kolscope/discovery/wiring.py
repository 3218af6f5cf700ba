"""How discovery is built: the search index store, the search over it, shortlists.

Only the wiring (``kolscope.bootstrap``) calls these. Each function imports what it builds, so
importing this module pulls in neither numpy nor SQL code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:
    from kolscope.discovery.indexing import DiscoveryIndexer
    from kolscope.discovery.service import DiscoveryService
    from kolscope.discovery.shortlists import ShortlistService
    from kolscope.domain.workspace import WorkspaceConfig


def indexer(engine: Engine) -> DiscoveryIndexer:
    """Keeps the search index current; a large refresh tidies the index tables after it."""
    from kolscope.discovery.db.index_store import SqlDiscoveryIndex
    from kolscope.discovery.indexing import DiscoveryIndexer
    from kolscope.infra.db.upkeep import tidy_after_index

    def after_write(profiles: int) -> None:
        tidy_after_index(engine, profiles)

    store = SqlDiscoveryIndex(engine)
    return DiscoveryIndexer(store, store, after_write=after_write)


def search(engine: Engine, config: WorkspaceConfig) -> DiscoveryService:
    from kolscope.discovery.db.search import SqlDiscoverySearch
    from kolscope.discovery.service import DiscoveryService

    return DiscoveryService(SqlDiscoverySearch(engine), config)


def shortlists(engine: Engine) -> ShortlistService:
    from kolscope.discovery.db.shortlist_store import SqlShortlists
    from kolscope.discovery.shortlists import ShortlistService

    return ShortlistService(SqlShortlists(engine))
