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
