"""How much of a file the importers will read, and why each bound is where it is.

Every limit is checked before the work it protects, and exceeding one is an ``ImportFileError``
naming the file, the limit and the number found (docs/data-formats.md lists them). They are far
above what real exports hold: the influencer exports in ../shared/data have at most 13 columns
and one line per row; Excel itself stops at 1,048,576 rows and 16,384 columns.
"""

from __future__ import annotations

# Columns of a table (CSV/TSV header, XLSX row, JSON keys). Real exports: 4 to 40; a wide
# audience export with a column per Thai province, age band, gender and country: about 300.
# Mapping costs about 0.3 ms a column, so a 1,000-column file plans in well under a second.
MAX_COLUMNS = 1_000

# Cells kept for planning (header search, value profiles, preview). With few columns this is the
# usual 1,030 rows; a wide file profiles fewer rows so that planning stays bounded.
MAX_PLAN_CELLS = 200_000

# Characters in one physical line of a CSV/TSV file, and in one record (a quoted cell may hold
# line breaks; a JSONL record is one line). An Instagram caption is at most 2,200 characters,
# a YouTube description 5,000.
MAX_LINE_CHARS = 4_000_000
MAX_RECORD_CHARS = 16_000_000

# Physical lines one CSV/TSV record may span: only a quoted cell holding line breaks spans more
# than one, and no caption or bio has hundreds of lines. More means a quote was never closed.
MAX_RECORD_LINES = 500

# Nesting of a JSON document or JSONL line. Real exports nest 2 to 5 levels; deeper documents
# would exhaust Python's recursion while parsing or flattening.
MAX_JSON_DEPTH = 64

# XLSX: the sum of the archive members' declared uncompressed sizes (Python's zipfile never
# inflates a member past its declared size, so this bounds what is read), the rows of a sheet
# (Excel's own maximum) and the size of a sheet lacking the <dimension> element that Excel,
# LibreOffice and Google Sheets write: openpyxl parses such a sheet whole just to open it.
MAX_XLSX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024  # ~500,000 rows of 15 columns; more: use CSV
MAX_XLSX_ROWS = 1_048_576
MAX_XLSX_SHEET_WITHOUT_DIMENSION_BYTES = 16 * 1024 * 1024


def plan_rows(width: int, wanted: int) -> int:
    """Rows to sample for planning a table ``width`` columns wide (at least 20)."""
    return max(20, min(wanted, MAX_PLAN_CELLS // max(width, 1)))
