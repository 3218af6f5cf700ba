"""Every sentence the importer tells people: where a file's kind, platform and date came from,
why each column was read as a field, the file's warnings (encoding, line breaks in cells,
repeated rows, contradictory numbers) and the rows' warnings. Declared once here (code and
English text); pages, the CLI and the API write them in the reader's language (see
``kolscope.domain.messages``).

Sentences that tell a person what to do next exist twice: the command-line wording (``--map``,
``--as-of``; the English ``str()`` of the message, which the CLI prints) and the page wording
("choose the column in the table below"). ``on_page`` turns the first into the second.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kolscope.domain.messages import Message, Template
from kolscope.domain.quantities import ReadError

# Where the kind, platform and date came from ------------------------------------------------
FROM_FILE_NAME = Template("import.from.file_name", "from the file name")
FROM_HEADERS = Template("import.from.headers", "from {headers:words}")
FROM_NAME_AND_HEADERS = Template(
    "import.from.file_name_headers", "from the file name, {headers:words}"
)
KIND_DEFAULT = Template("import.kind.default", "no distinctive columns; read as creators")
KIND_CHOSEN = Template("import.kind.chosen", "--kind")
KIND_CHOSEN_PAGE = Template("import.kind.chosen.page", "as chosen")
PLATFORM_FROM_HEADERS = Template("import.platform.headers", "from the column headers")
PLATFORM_PER_ROW = Template("import.platform.per_row", "the platform column of each row")
PLATFORM_CHOSEN = Template("import.platform.chosen", "--platform")
PLATFORM_CHOSEN_PAGE = Template("import.platform.chosen.page", "as chosen")
PLATFORM_ACCOUNT = Template("import.platform.account", "--account")
PLATFORM_ACCOUNT_PAGE = Template("import.platform.account.page", "the account's platform")
AS_OF_MONTH = Template("import.as_of.month", "from the file name, a month: dated on its first day")
AS_OF_TITLE = Template("import.as_of.title", "from the title line {line}")
AS_OF_TODAY = Template(
    "import.as_of.today", "no date in the file name or title: today (use --as-of to set it)"
)
AS_OF_TODAY_PAGE = Template(
    "import.as_of.today.page",
    "no date in the file name or title: today (set the date of the numbers above)",
)
AS_OF_CHOSEN = Template("import.as_of.chosen", "--as-of")
AS_OF_CHOSEN_PAGE = Template("import.as_of.chosen.page", "as chosen")

# Why a column is read as a field --------------------------------------------------------------
NOTES = Template("import.notes", "{first:said}; {rest:said}")
NOT_NUMBERS = Template(
    "import.column.not_numbers",
    "the header suggests {field:field} but the values are not numbers ({examples:words})",
)
NUMBERS = Template(
    "import.column.numbers", "the header suggests {field:field} but the values are numbers"
)
MAPPED_ELSEWHERE = Template("import.column.mapped_elsewhere", "--map {field}")
MAPPED_ELSEWHERE_PAGE = Template(
    "import.column.mapped_elsewhere.page", "another column was chosen for {field:field}"
)
COUNTRIES = Template("import.column.countries", "values are countries")
AUDIENCE_SEGMENT = Template(
    "import.column.audience_segment", "audience share (one column per segment)"
)
HANDLES = Template("import.column.handles", "values look like handles")
DISPLAY_NAMES = Template("import.column.display_names", "values look like display names")
ANOTHER_NAME = Template("import.column.another_name", "another name column")
SAME_NUMBERS = Template("import.column.pair", "the same numbers as column {column:int}")
READ_FROM = Template(
    "import.column.read_from", "{field:field} is read from column {column:int} ({header})"
)
RANK = Template("import.column.rank", "row number or rank: not stored")
PERCENT = Template("import.column.percent", "read as percent")

# The file's warnings --------------------------------------------------------------------------
BOTH_LOOK_LIKE = Template(
    "import.warning.both_look_like",
    "columns {first:int} and {second:int} both look like {field:field}; using {header} "
    "(pass --map {key}=COLUMN to choose)",
)
BOTH_LOOK_LIKE_PAGE = Template(
    "import.warning.both_look_like.page",
    "columns {first:int} and {second:int} both look like {field:field}; using {header} "
    "(choose the column in the table below)",
)
MORE_COMMENTS = Template(
    "import.warning.more_comments",
    "{big} ({larger:field}) is larger than {small} ({smaller:field}) in {share:share} of rows, "
    "but comments rarely outnumber likes: the headers may be wrong. Check the values and "
    "correct the mapping with --map FIELD=COLUMN.",
)
MORE_COMMENTS_PAGE = Template(
    "import.warning.more_comments.page",
    "{big} ({larger:field}) is larger than {small} ({smaller:field}) in {share:share} of rows, "
    "but comments rarely outnumber likes: the headers may be wrong. Check the values and "
    "correct the mapping below.",
)
MORE_LIKES = Template(
    "import.warning.more_likes",
    "{big} ({larger:field}) is larger than {small} ({smaller:field}) in {share:share} of rows, "
    "but a post rarely gets more likes than the account has followers: the headers may be "
    "wrong. Check the values and correct the mapping with --map FIELD=COLUMN.",
)
MORE_LIKES_PAGE = Template(
    "import.warning.more_likes.page",
    "{big} ({larger:field}) is larger than {small} ({smaller:field}) in {share:share} of rows, "
    "but a post rarely gets more likes than the account has followers: the headers may be "
    "wrong. Check the values and correct the mapping below.",
)
ENCODING = Template("import.warning.encoding", "the file is not UTF-8 text: read as {encoding}")
READ_WITH = Template("import.warning.read_with", "read with {detail:said}")
DELIMITER = Template("import.detail.delimiter", "columns separated by {delimiter}")
SHEET = Template("import.detail.sheet", "sheet {sheet}")
SPANS_ONE = Template(
    "import.warning.spans.one",
    "{lines:int} lines hold {rows:int} rows: 1 row has line breaks inside quoted cells "
    "(the first is row {row:int}, lines {start:int}-{end:int})",
)
SPANS_MANY = Template(
    "import.warning.spans.many",
    "{lines:int} lines hold {rows:int} rows: {count:int} rows have line breaks inside quoted "
    "cells (the first is row {row:int}, lines {start:int}-{end:int})",
)
SEQUENTIAL = Template(
    "import.warning.sequential", "read without a second process (it could not be started)"
)

# The rows' warnings ---------------------------------------------------------------------------
ROW = Template("import.row", "row {row:int}: {what:said}")
ROW_LEFT_EMPTY = Template(
    "import.row.left_empty", "row {row:int}, {field:field}: {why}; left empty"
)
ROW_EXTRA_CELLS = Template(
    "import.row.extra_cells", "row {row:int}: cells beyond the last column ignored"
)
REPEATS = Template("import.repeats", "repeats row {first:int}")
REPEATS_KEPT = Template("import.repeats.kept", "repeats row {first:int}; kept row {first:int}")
SAME_POST = Template("import.repeats.post", "the same post again in this import")
SAME_COMMENT = Template("import.repeats.comment", "the same comment again in this import")

# The command-line wording and the page wording of the same sentence.
_ON_PAGE: dict[str, Template] = {
    KIND_CHOSEN.code: KIND_CHOSEN_PAGE,
    PLATFORM_CHOSEN.code: PLATFORM_CHOSEN_PAGE,
    PLATFORM_ACCOUNT.code: PLATFORM_ACCOUNT_PAGE,
    AS_OF_TODAY.code: AS_OF_TODAY_PAGE,
    AS_OF_CHOSEN.code: AS_OF_CHOSEN_PAGE,
    MAPPED_ELSEWHERE.code: MAPPED_ELSEWHERE_PAGE,
    BOTH_LOOK_LIKE.code: BOTH_LOOK_LIKE_PAGE,
    MORE_COMMENTS.code: MORE_COMMENTS_PAGE,
    MORE_LIKES.code: MORE_LIKES_PAGE,
}


def on_page(message: Message) -> Message:
    """``message`` worded for a page: a command-line hint becomes where to act on the page."""
    swapped = _ON_PAGE.get(message.code)
    params = {key: _page_value(value) for key, value in message.params.items()}
    return Message(swapped.code if swapped else message.code, params)


def _page_value(value: Any) -> Any:
    if isinstance(value, Message):
        return on_page(value)
    return value


def with_note(first: Message | None, then: Message) -> Message:
    """Two notes of one column as one ("...; read as percent")."""
    return then if first is None else NOTES(first=first, rest=then)


def quoted(texts: Sequence[str]) -> list[str]:
    """Headers and values as the sentences show them: quoted as Python writes them."""
    return [repr(text) for text in texts]


# Values a row's cell cannot be placed by: dropped with the row's warning ----------------------
UNKNOWN_PROVINCE = Template(
    "import.value.unknown_province", "{value} is not a Thai province kolscope knows"
)
UNKNOWN_COUNTRY = Template(
    "import.value.unknown_country", "{value} is not a country kolscope knows"
)
UNKNOWN_LANGUAGE = Template(
    "import.value.unknown_language", "{value} is not a language kolscope knows"
)
ROW_TWO_VALUES = Template(
    "import.row.two_values",
    "row {row:int}, {field:field}: written as {kept} and {other}; kept {kept}",
)
SHARE_TWICE = Template("import.repeats.share", "{dimension} {segment} given twice")

# What cannot be imported: where (file, row, field) and what is wrong --------------------------
PROBLEM = Template("import.problem", "{where:said}: {what:said}")
AT_ROW = Template("import.problem.row", "{where:said}, row {row}")
AT_FIELD = Template("import.problem.field", '{where:said}, field "{field:field}"')
AT_FIELD_COLUMN = Template(
    "import.problem.field_column", '{where:said}, field "{field:field}" (column "{column}")'
)
MISSING_HANDLE = Template(
    "import.problem.missing_handle", "missing: every row needs the account's handle"
)
MISSING_PLATFORM = Template(
    "import.problem.missing_platform", "missing: add a platform column or pass --platform"
)
MISSING_PLATFORM_PAGE = Template(
    "import.problem.missing_platform.page", "missing: add a platform column or choose the platform"
)
MISSING_POST_ID = Template(
    "import.problem.missing_post_id", "missing: every post needs its id or URL"
)
MISSING_TEXT = Template("import.problem.missing_text", "missing: a comment needs its text")
MISSING_POST = Template("import.problem.missing_post", "missing: which post is the comment under?")
NO_SHARES = Template("import.problem.no_shares", "no audience shares in this row")
MISSING_SEGMENT = Template(
    "import.problem.missing_segment", "missing: which segment does the share describe?"
)
ROW_EMPTY = Template("import.problem.row_empty", "row left empty")

# Files that cannot be read at all ---------------------------------------------------------------
NEEDS = Template("import.file.needs", "needs {what:said}; columns found: {headers:words}")
# What a kind of file needs (``KINDS[kind].needs``), by its English wording
NEEDED = {
    template.text: template
    for template in (
        Template("import.file.needs.handle", "a handle column (or profile links)"),
        Template("import.file.needs.post", "a post id or post URL column"),
        Template("import.file.needs.text", "a column with the comment text"),
        Template("import.file.needs.handle_account", "a handle column (or --account)"),
    )
}
NEEDS_POST_ID = Template(
    "import.file.needs_post_id", "needs a column naming the post each comment is under (post_id)"
)
NEEDS_SHARES = Template(
    "import.file.needs_shares",
    "needs audience shares: dimension/segment/share columns, or one column per segment such "
    "as 'female', '18-24' or 'Bangkok'",
)
WHICH_PLATFORM = Template(
    "import.file.which_platform",
    "cannot tell which platform this file is from: pass --platform (instagram, tiktok, "
    "youtube, ...) or add a platform column",
)
WHICH_PLATFORM_PAGE = Template(
    "import.file.which_platform.page",
    "cannot tell which platform this file is from: choose the platform or add a platform column",
)
CHANGED = Template("import.file.changed", "changed since it was planned; plan it again")
EMPTY = Template("import.file.empty", "is empty")
NO_RECORDS = Template("import.file.no_records", "has no records")
NO_HEADER = Template(
    "import.file.no_header",
    "has no header row: the first line should name the columns (handle, followers, ...)",
)
NO_SUCH_FILE = Template("import.file.missing", "no such file")
A_FOLDER = Template("import.file.folder", "is a folder, not a file")
OLD_EXCEL = Template(
    "import.file.xls", "old Excel .xls files are not read: save it as .xlsx or CSV"
)
BINARY = Template("import.file.binary", "is not a CSV, JSON or XLSX file (it looks binary)")
WHICH_ENCODING = Template(
    "import.file.which_encoding",
    "cannot tell the text encoding: pass --encoding (e.g. utf-8, cp874)",
)
WHICH_ENCODING_PAGE = Template(
    "import.file.which_encoding.page", "cannot tell the text encoding: re-save the file as UTF-8"
)
NOT_TEXT = Template(
    "import.file.not_text", "is not valid {encoding} text: re-save it as UTF-8 or pass --encoding"
)
NOT_TEXT_AT = Template(
    "import.file.not_text_at",
    "is not valid {encoding} text at line {line:int} (byte {byte}): re-save it as UTF-8 or "
    "pass --encoding",
)
NOT_TEXT_PAGE = Template(
    "import.file.not_text.page", "is not valid {encoding} text: re-save it as UTF-8"
)
NOT_TEXT_AT_PAGE = Template(
    "import.file.not_text_at.page",
    "is not valid {encoding} text at line {line:int} (byte {byte}): re-save it as UTF-8",
)
NOT_XLSX = Template("import.file.not_xlsx", "is not a readable .xlsx workbook ({error})")

# Imports as background jobs: titles, progress notes, why nothing was imported -----------------
JOB_IMPORT = Template("import.job.title", "Import of {file}")
JOB_IMPORT_MANY = Template("import.job.title.many", "Import of {file} and {more:int} more files")
JOB_DRY_RUN = Template("import.job.title.dry_run", "Dry run of {file}")
JOB_DRY_RUN_MANY = Template(
    "import.job.title.dry_run.many", "Dry run of {file} and {more:int} more files"
)
IMPORTING = Template("import.job.note", "importing {file}")
IMPORTING_OF = Template("import.job.note.of", "importing {file} ({number:int} of {files:int})")
FAILED_ONE = Template(
    "import.job.failed.one", "1 problem in the rows, so nothing was imported (all or nothing)"
)
FAILED_MANY = Template(
    "import.job.failed.many",
    "{count:int} problems in the rows, so nothing was imported (all or nothing)",
)
DRY_RUN_ONE = Template("import.job.dry_run.one", "dry run: 1 problem in the rows")
DRY_RUN_MANY = Template("import.job.dry_run.many", "dry run: {count:int} problems in the rows")
THE_FIRST = Template("import.job.failed.first", "{lead:said}; the first: {first:said}")

_ON_PAGE.update(
    {
        MISSING_PLATFORM.code: MISSING_PLATFORM_PAGE,
        WHICH_PLATFORM.code: WHICH_PLATFORM_PAGE,
        WHICH_ENCODING.code: WHICH_ENCODING_PAGE,
        NOT_TEXT.code: NOT_TEXT_PAGE,
        NOT_TEXT_AT.code: NOT_TEXT_AT_PAGE,
    }
)

# Cells that cannot be read (the row is not imported) -------------------------------------------
# By the code of the domain's ``ReadError`` (quantities, dates, handles); the English text is the
# domain's, word for word, so the command line reads the same as before.
READ_ERRORS: dict[str, Template] = {
    template.code.removeprefix("import.cell."): template
    for template in (
        Template("import.cell.number", "cannot read {value} as a number"),
        Template("import.cell.number.unit", "cannot read {value} as a number: unknown unit {unit}"),
        Template(
            "import.cell.number.commas",
            "cannot read {value}: the commas are not thousands separators",
        ),
        Template("import.cell.number.points", "cannot read {value}: too many decimal points"),
        Template("import.cell.number.found", "expected a number, found {value}"),
        Template("import.cell.count.percentage", "expected a count, found a percentage {value}"),
        Template("import.cell.count.negative", "a count cannot be negative ({value})"),
        Template(
            "import.cell.count.too_large", "{value} is too large for a count (at most {most:int})"
        ),
        Template(
            "import.cell.average.percentage", "expected an average, found a percentage {value}"
        ),
        Template("import.cell.average.negative", "an average cannot be negative ({value})"),
        Template("import.cell.rate.negative", "a rate cannot be negative ({value})"),
        Template(
            "import.cell.date.written",
            "cannot read {value} as a date (write it as 2026-11-23 or 23/11/2569)",
        ),
        Template("import.cell.date", "cannot read {value} as a date"),
        Template("import.cell.date.timestamp", "{value} is not a plausible Unix timestamp"),
        Template("import.cell.age_band", "cannot read {value} as an age band such as 18-24 or 65+"),
        Template("import.cell.gender", "cannot read {value} as a gender (female, male or other)"),
        Template(
            "import.cell.handle.periods",
            "not a possible {platform:platform} username (at most {most:int} letters, digits, "
            "periods and underscores)",
        ),
        Template(
            "import.cell.handle.underscores",
            "not a possible {platform:platform} username (at most {most:int} letters, digits "
            "and underscores)",
        ),
        Template(
            "import.cell.handle.characters",
            "holds < or > or control characters, which no handle or name has",
        ),
        Template("import.cell.handle.long", "longer than {most:int} characters"),
    )
}
YES_NO_NUMBER = Template("import.cell.yes_no.number", "expected yes/no (or 1/0), found {value}")
YES_NO = Template("import.cell.yes_no", "expected yes/no (or true/false, 1/0), found {value}")
UNKNOWN_PLATFORM = Template("import.cell.platform", "unknown platform {value}")
NOT_A_COUNTRY = Template("import.cell.country", "{value} is not a country kolscope knows")
NOT_A_PROVINCE = Template("import.cell.province", "{value} is not a Thai province kolscope knows")
DIMENSION = Template("import.cell.dimension", "must be gender, age, country or province")


class CellError(ValueError):
    """A cell the catalogue itself cannot read, with its message (``str()`` is its English)."""

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


def read_error(error: ValueError) -> Message | str:
    """Why a cell cannot be read, as a message when its sentence is known (a ``CellError`` or
    a domain ``ReadError``); other errors keep their English text."""
    if isinstance(error, CellError):
        return error.said
    if isinstance(error, ReadError):
        template = READ_ERRORS.get(error.code)
        if template is not None:
            return template(**error.values)
    return str(error)
