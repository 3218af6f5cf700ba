"""Every sentence the marketplace report readers tell people: which report a file is and why,
why a file or a cell cannot be read (naming the file, row and column), and the reports' own
names. Declared once here (code and English text); the CLI, the upload page and the API write
them in the reader's language (see ``kolscope.domain.messages``). Untyped placeholders are
literal data from the file: a column header as the report writes it, a cell's value, a file
name, a status word."""

from __future__ import annotations

from kolscope.domain.messages import Template

# The reports kolscope reads, by name -------------------------------------------------------------
SHOPEE_REPORT = Template("track.reports.name.shopee", "the Shopee affiliate commission report")
LAZADA_REPORT = Template("track.reports.name.lazada", "the Lazada affiliate conversion report")
TIKTOK_REPORT = Template("track.reports.name.tiktok", "the TikTok Shop affiliate orders report")
TIKTOK_CREATOR_REPORT = Template(
    "track.reports.name.tiktok_creator", "the TikTok Shop affiliate orders export of a creator"
)
TIKTOK_SELLER_REPORT = Template(
    "track.reports.name.tiktok_seller", "the TikTok Shop affiliate orders CSV of a seller"
)

# Which report a file is ---------------------------------------------------------------------------
FOUND = Template("track.reports.found", "{report:said}: it has the columns {columns:words}")
ASKED = Template(
    "track.reports.asked", "{report:said}, as the import asked: it has the columns {columns:words}"
)
NEAREST = Template(
    "track.reports.nearest",
    "not a marketplace report kolscope reads: the nearest is {report:said}, "
    "which also needs the columns {missing:words}",
)
NOTHING = Template(
    "track.reports.nothing",
    "not a Shopee, Lazada or TikTok Shop report: none of the first {rows:int} rows "
    "has their columns",
)
WRONG_KIND = Template(
    "track.reports.wrong_kind", "the import asked for {asked:said}, but the file is {found:said}"
)
MISSING_COLUMNS = Template(
    "track.reports.missing_columns",
    "{report:said} needs the columns {missing:words}, and its header (row {row:int}) lacks them",
)

# A cell that cannot be read -----------------------------------------------------------------------
CELL = Template("track.reports.cell", "row {row:int}, column {column}: {problem:said}")
EMPTY = Template("track.reports.empty", "the cell is empty, and every row needs it")
NOT_MONEY = Template("track.reports.not_money", "{value} is not an amount of money")
NOT_RATE = Template(
    "track.reports.not_rate", "{value} is not a commission rate (such as 1.50% or 0.1629)"
)
NOT_COUNT = Template("track.reports.not_count", "{value} is not a whole number of items")
NOT_TIME = Template(
    "track.reports.not_time",
    "{value} is not a date, or a date and time, written as the marketplace writes them "
    "(2026-05-01 14:30:00, 2026-05-01 or 01/05/2026)",
)
NOT_ID = Template("track.reports.not_id", "{value} is not an id")
ID_CUT = Template(
    "track.reports.id_cut",
    "{value} is an id a spreadsheet stored as a number and the last digits are lost: "
    "download the report again and import it without opening it in a spreadsheet",
)
UNKNOWN_STATUS = Template(
    "track.reports.unknown_status",
    "{value} is not a status kolscope knows for {report:said} (it knows {known:words})",
)
UNKNOWN_VALIDITY = Template(
    "track.reports.unknown_validity", "{value} is neither valid nor invalid"
)

# A file that cannot be read -----------------------------------------------------------------------
IN_FILE = Template("track.reports.in_file", "{file}: {problem:said}")
NOT_A_REPORT_FILE = Template(
    "track.reports.not_a_report_file",
    "marketplace reports are CSV or XLSX files, and this one ends in {suffix}",
)
EMPTY_FILE = Template("track.reports.empty_file", "the file has no rows")
NOT_TEXT = Template(
    "track.reports.not_text",
    "row {row:int} is not UTF-8 or Thai (TIS-620) text; save the report as CSV UTF-8",
)
NOT_CSV = Template("track.reports.not_csv", "row {row:int} cannot be read as CSV ({error})")
NOT_XLSX = Template(
    "track.reports.not_xlsx", "the file cannot be opened as an XLSX workbook ({error})"
)
XLSX_TOO_BIG = Template(
    "track.reports.xlsx_too_big",
    "the workbook unpacks to {size:int} MB, more than the {most:int} MB kolscope reads",
)
