"""What entry points use of the catalogue: browsing creators, brands, imports (plans, options,
reports, jobs), the import fields for the reference, and the demo's logins. Entry points import
these names from here and nothing else of the area (``make lint`` holds it)."""

from __future__ import annotations

from kolscope.catalogue.brands import BrandBook, BrandError
from kolscope.catalogue.creators import CreatorCatalogue, CreatorFilters, account_dict, detail_dict
from kolscope.catalogue.demo.build import (
    DEMO_LOGIN,
    DEMO_PASSWORD,
    DEMO_PEOPLE,
    DEMO_SOURCE,
    GROUND_TRUTH_FILE,
)
from kolscope.catalogue.importing.fields import FIELDS, field_tables
from kolscope.catalogue.importing.jobs import submit_import
from kolscope.catalogue.importing.plan import ColumnPlan, FilePlan, ImportOptions
from kolscope.catalogue.importing.records import FileCounts, ImportKind
from kolscope.catalogue.importing.service import ImportReport, ImportService, ImportStoppedError
from kolscope.catalogue.messages import on_page
from kolscope.catalogue.ports import ImportFileError

__all__ = [
    "DEMO_LOGIN", "DEMO_PASSWORD", "DEMO_PEOPLE", "DEMO_SOURCE", "FIELDS", "GROUND_TRUTH_FILE",
    "BrandBook", "BrandError", "ColumnPlan", "CreatorCatalogue", "CreatorFilters", "FileCounts",
    "FilePlan",
    "ImportFileError", "ImportKind", "ImportOptions", "ImportReport", "ImportService",
    "ImportStoppedError", "account_dict", "detail_dict", "field_tables", "on_page", "submit_import",
]  # fmt: skip
