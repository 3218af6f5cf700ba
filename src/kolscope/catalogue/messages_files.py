"""What the importer says about a file it cannot read whole: too wide, too deep, lines or records
too long, quotes never closed, JSON that is no list of objects, workbooks too large. Declared
once here (code and English text), like the rest of the importer's sentences in
``catalogue.messages``; pages, the CLI and the API write them in the reader's language.
"""

from __future__ import annotations

from kolscope.domain.messages import Template

# Files too large or malformed to read (the limits of ``formats.limits``) ----------------------
TOO_WIDE = Template(
    "import.file.too_wide",
    "has {width:int} columns; at most {most:int} are read "
    "(keep the columns you need, or split the file)",
)
UNKNOWN_ENCODING = Template("import.file.unknown_encoding", "unknown encoding {encoding}")
LONG_LINE = Template(
    "import.file.long_line",
    "line {line:int} is longer than {most:int} characters (the most a line may hold)",
)
QUOTE_RUNS_ON = Template(
    "import.file.quote.runs_on",
    'a quoted cell opened on line {line:int} (a " at the start of the cell) runs over more '
    "than {lines:int} lines or {chars:int} characters without closing; close the quote or "
    "remove it, and import again",
)
QUOTE_OPEN_ONE = Template(
    "import.file.quote.open.one",
    'a quoted cell opened on line {line:int} (a " at the start of the cell) is never closed: '
    "it runs to the end of the file, taking in {count:int} more line; close the quote or "
    "remove it, and import again",
)
QUOTE_OPEN_MANY = Template(
    "import.file.quote.open.many",
    'a quoted cell opened on line {line:int} (a " at the start of the cell) is never closed: '
    "it runs to the end of the file, taking in {count:int} more lines; close the quote or "
    "remove it, and import again",
)
NOT_CSV = Template("import.file.not_csv", "is not valid CSV ({error})")
NOT_AN_OBJECT = Template("import.file.json.object", "each record must be a JSON object")
TOO_MANY_KEYS = Template(
    "import.file.json.keys",
    "has more than {most:int} different keys (record {record:int} brings the count to "
    "{count:int}); at most {most:int} columns are read",
)
LONG_RECORD = Template(
    "import.file.json.long_line",
    "the line is longer than {most:int} characters (the most one record may hold)",
)
NESTS_LINE = Template(
    "import.file.json.nests.line",
    "the line nests {depth:int} levels deep; at most {most:int} levels are read",
)
NESTS_FILE = Template(
    "import.file.json.nests.file",
    "the file nests {depth:int} levels deep; at most {most:int} levels are read",
)
NOT_JSON_LINE = Template("import.file.json.invalid.line", "line is not valid JSON ({error})")
NOT_JSON_FILE = Template(
    "import.file.json.invalid.file", "file is not valid JSON ({error}, line {line})"
)
UNREADABLE_JSON_LINE = Template(
    "import.file.json.unreadable.line", "line is not readable JSON ({error})"
)
UNREADABLE_JSON_FILE = Template(
    "import.file.json.unreadable.file", "file is not readable JSON ({error})"
)
TOO_DEEP_LINE = Template("import.file.json.too_deep.line", "the line nests too deeply to read")
TOO_DEEP_FILE = Template("import.file.json.too_deep.file", "the file nests too deeply to read")
LIST_OR_OBJECT = Template(
    "import.file.json.list_or_object", "expected a list of records, or an object holding one list"
)
A_LIST = Template("import.file.json.list", "expected a list of records")
XLSX_TOO_BIG = Template(
    "import.file.xlsx.too_big",
    "unpacks to {size}; at most {most} are read (save it as CSV, or split it)",
)
XLSX_SHEET_UNSIZED = Template(
    "import.file.xlsx.unsized",
    "its sheet {sheet} unpacks to {size} and does not state its size, as Excel does: open "
    "and save it in Excel, or save it as CSV",
)
NO_SHEET = Template("import.file.xlsx.no_sheet", "has no sheet {sheet} (sheets: {sheets})")
SHEET_ROWS = Template(
    "import.file.xlsx.declared_rows",
    "its sheet {sheet} declares {declared:int} rows; at most {most:int} are read "
    "(Excel's own maximum)",
)
TOO_MANY_ROWS = Template(
    "import.file.xlsx.rows", "has more than {most:int} rows (Excel's own maximum)"
)
