"""How the catalogue is built: its SQL stores, the file reader and the use cases over them.

Only the wiring (``kolscope.bootstrap``) calls these; entry points get the results from the
workspace. Importing this module costs nothing heavy: each function imports what it builds.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:
    from kolscope.catalogue.brands import BrandBook
    from kolscope.catalogue.creators import CreatorCatalogue
    from kolscope.catalogue.db.reader import SqlCatalogue
    from kolscope.catalogue.db.uow import SqlImportLog, SqlUnitOfWork
    from kolscope.catalogue.importing.service import ImportService
    from kolscope.domain.workspace import WorkspaceConfig


def unit_of_work(engine: Engine) -> SqlUnitOfWork:
    from kolscope.catalogue.db.uow import SqlUnitOfWork

    return SqlUnitOfWork(engine)


def reader(engine: Engine) -> SqlCatalogue:
    from kolscope.catalogue.db.reader import SqlCatalogue

    return SqlCatalogue(engine)


def import_log(engine: Engine, *, stale_seconds: float) -> SqlImportLog:
    from kolscope.catalogue.db.uow import SqlImportLog

    return SqlImportLog(engine, stale_after=timedelta(seconds=stale_seconds))


def importer(engine: Engine, log: SqlImportLog, config: WorkspaceConfig) -> ImportService:
    """The import use case over the file reader and one SQL transaction per import; after a
    large import the written tables are tidied (``infra.db.upkeep``)."""
    from kolscope.catalogue.db.uow import SqlUnitOfWork
    from kolscope.catalogue.formats.reader import FileImportReader
    from kolscope.catalogue.importing.service import ImportService
    from kolscope.infra.db.upkeep import tidy_after_import

    def after_write(kinds: Sequence[str], rows: int) -> None:
        tidy_after_import(engine, kinds, rows)

    def work() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine)

    return ImportService(
        FileImportReader(), work, log, config.pseudonym_secret, after_write=after_write
    )


def creators(catalogue: SqlCatalogue, config: WorkspaceConfig) -> CreatorCatalogue:
    from kolscope.catalogue.creators import CreatorCatalogue

    return CreatorCatalogue(catalogue, config)


def brand_book(engine: Engine) -> BrandBook:
    """Brands read through the catalogue reader, each added in its own transaction."""
    from kolscope.catalogue.brands import BrandBook
    from kolscope.catalogue.db.reader import SqlCatalogue
    from kolscope.catalogue.db.uow import SqlUnitOfWork
    from kolscope.domain.brands import Brand

    def save(brand: Brand) -> Brand:
        with SqlUnitOfWork(engine) as work:
            saved = work.catalogue.save_brand(brand)
            work.commit()
        return saved

    return BrandBook(SqlCatalogue(engine), save)
