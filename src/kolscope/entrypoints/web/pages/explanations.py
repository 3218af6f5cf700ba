"""What the importer said, on a page: ``explain`` is the pages' filter for the importer's
sentences (a plan's reasons and notes, a file's and its rows' warnings).

The importer speaks in messages (``catalogue/messages.py``): those are written in the reader's
language with their page wording (``on_page``: "choose the column in the table below" rather
than the command line's ``--map``). Drafts and job results stored before that hold English
text only; for them, and only for them, the sentences below are the fallback: each pattern is
a catalogued message whose ``{placeholders}`` match any text."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kolscope.catalogue.facade import on_page
from kolscope.domain.messages import LITERAL, Message
from kolscope.entrypoints.web import said
from kolscope.entrypoints.web.i18n import current_language, gettext
from kolscope.entrypoints.web.vocabulary import N_

# The importer's English sentences before they were messages (older stored drafts and jobs).
PATTERNS = (
    N_("from the file name"),
    N_("from the file name, a month: dated on its first day"),
    N_("from the column headers"),
    N_("the platform column of each row"),
    N_("from the title line {line}"),
    N_("no date in the file name or title: today (use --as-of to set it)"),
    N_("no distinctive columns; read as creators"),
    N_("from {evidence}"),
    N_("values look like handles"),
    N_("values look like display names"),
    N_("values are countries"),
    N_("read as percent"),
    N_("another name column"),
    N_("row number or rank: not stored"),
    N_("audience share (one column per segment)"),
    N_("the same numbers as column {column}"),
    N_("{field} is read from column {column} ({header})"),
    N_("the header suggests {field} but the values are not numbers ({examples})"),
    N_("the header suggests {field} but the values are numbers"),
    N_(
        "columns {first} and {second} both look like {field}; using {header} (pass --map "
        "{field2}=COLUMN to choose)"
    ),
    N_(
        "{big} ({larger}) is larger than {small} ({smaller}) in {share} of rows, but comments "
        "rarely outnumber likes: the headers may be wrong. Check the values and correct the "
        "mapping with --map FIELD=COLUMN."
    ),
    N_(
        "{big} ({larger}) is larger than {small} ({smaller}) in {share} of rows, but a post "
        "rarely gets more likes than the account has followers: the headers may be wrong. Check "
        "the values and correct the mapping with --map FIELD=COLUMN."
    ),
    N_("read with {detail}"),
    N_("the file is not UTF-8 text: read as {encoding}"),
    N_(
        "{lines} lines hold {rows} rows: 1 row has line breaks inside quoted cells (the first "
        "is row {row}, lines {start}-{end})"
    ),
    N_(
        "{lines} lines hold {rows} rows: {count} rows have line breaks inside quoted cells (the "
        "first is row {row}, lines {start}-{end})"
    ),
    N_("row {row}: repeats row {first}"),
    N_("kept row {row}"),
)
THE_FILE_NAME = N_("the file name")


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    compiled = []
    for pattern in PATTERNS:
        parts = re.split(r"(\{\w+\})", pattern)
        regex = "".join(
            f"(?P<{p[1:-1]}>.+?)" if re.fullmatch(r"\{\w+\}", p) else re.escape(p) for p in parts
        )
        compiled.append((re.compile(f"^{regex}$", re.S), pattern))
    return tuple(compiled)


# The importer's sentences are written for the command line; a page says where to act instead.
_PAGE_WORDING = (
    (
        re.compile(r" \(pass --map \S+=COLUMN to choose\)"),
        " (choose the column in the table below)",
    ),
    (re.compile(r"correct the mapping with --map FIELD=COLUMN\."), "correct the mapping below."),
    (re.compile(r" \(use --as-of to set it\)"), " (set the date of the numbers above)"),
)


def explain(said_or_text: Message | dict[str, Any] | str | None) -> str:
    """What the importer said, in the reader's language and worded for a page: a message (or
    its stored ``{"code", "params"}`` form) is written out; plain English text stored before
    messages falls back to the patterns above."""
    if not said_or_text:
        return ""
    message = said_or_text
    if not isinstance(message, Message):
        message = Message.from_dict(message)
    if message.code != LITERAL:
        return said.say_with(on_page(message), said.wording())
    return _older(str(message.params.get("text") or ""))


def _older(text: str) -> str:
    """English text stored before the importer spoke in messages, translated by pattern; on an
    English page its command-line hints are worded for the page."""
    if not text:
        return ""
    if current_language() == "en":
        for pattern, wording in _PAGE_WORDING:
            text = pattern.sub(wording, text)
        return text
    parts = text.split("; ")
    read = [_one(part) for part in parts]
    if any(new == old for new, old in zip(read, parts, strict=True)):
        whole = _one(text)  # a sentence that holds a "; " of its own
        if whole != text:
            return whole
    return "; ".join(read)


def _one(text: str) -> str:
    for regex, pattern in _compiled():
        match = regex.match(text)
        if match:
            values = {
                k: v.replace("the file name", gettext(THE_FILE_NAME))
                for k, v in match.groupdict().items()
            }
            return gettext(pattern).format(**values)
    return text
