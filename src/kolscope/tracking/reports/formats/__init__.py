"""Reading marketplace affiliate reports, pure: rows of cells in, ``ReportLine`` values out.
No files, no database: ``kolscope.tracking.reports.files`` opens the files."""

from kolscope.tracking.reports.formats.detect import Detected, detect, explain, locate
from kolscope.tracking.reports.formats.reading import order_totals, read_lines, reader_for
from kolscope.tracking.reports.formats.values import (
    Layout,
    LineStatus,
    OrderTotal,
    ReportError,
    ReportKind,
    ReportLine,
)

__all__ = [
    "Detected",
    "Layout",
    "LineStatus",
    "OrderTotal",
    "ReportError",
    "ReportKind",
    "ReportLine",
    "detect",
    "explain",
    "locate",
    "order_totals",
    "read_lines",
    "reader_for",
]
