"""``kolscope comments analyse``: read a file of comments and write what each one says."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from kolscope.entrypoints.cli.context import CliState, fail, state
from kolscope.vetting.tools import (
    CP874,
    OUTPUT_COLUMNS,
    UTF16,
    CommentFile,
    CommentFileError,
    CommentInsight,
    analyse_comments,
    atomic_output,
    find_text_column,
    open_comment_file,
    output_format,
    text_of,
)

comments = typer.Typer(
    help="Comment intelligence: sentiment, questions, purchase intent, spam, low effort.",
    no_args_is_help=True,
)

# Comments analysed together. Exact repeats (copy-paste) are found within one chunk, so a
# file of up to this many rows is checked as a whole; memory stays flat beyond it.
CHUNK = 20_000
WARNINGS_SHOWN = 20

T = TypeVar("T")


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Tally:
    """The counts for the summary."""

    def __init__(self) -> None:
        self.rows = 0
        self.flags: Counter[str] = Counter()
        self.sentiments: Counter[str] = Counter()

    def add(self, insight: CommentInsight) -> None:
        self.rows += 1
        self.sentiments[insight.sentiment] += 1
        for name, flagged in (
            ("questions", insight.question),
            ("purchase intent", insight.purchase_intent),
            ("spam", insight.spam),
            ("low effort", insight.low_effort),
            ("toxic", insight.toxic),
        ):
            self.flags[name] += flagged


def _report_encoding(cli: CliState, source: CommentFile) -> None:
    name = escape(str(source.path))
    if source.encoding == CP874:
        cli.err.print(
            f"[yellow]note:[/] {name} is not UTF-8; read it as Thai cp874 (TIS-620)",
            highlight=False,
        )
    if not source.damaged:
        return
    codec = "UTF-16" if source.encoding == UTF16 else "UTF-8"
    for row in source.damaged[:WARNINGS_SHOWN]:
        where = f"{name}, line {row.line}"
        if row.columns:
            label = "field" if len(row.columns) == 1 else "fields"
            where += f", {label} " + ", ".join(escape(repr(c)) for c in row.columns)
        cli.err.print(
            f"[yellow]warning:[/] {where}: bytes that are not {codec} were replaced with �",
            highlight=False,
        )
    hidden = len(source.damaged) - WARNINGS_SHOWN
    cli.err.print(
        f"[yellow]warning:[/] {name}: {len(source.damaged)} rows had bytes that are not "
        f"{codec}" + (f" ({hidden} more not shown)" if hidden > 0 else ""),
        highlight=False,
    )


def _check_columns(cli: CliState, source: CommentFile) -> None:
    taken = [column for column in source.columns if column in OUTPUT_COLUMNS]
    if taken:
        first = taken[0]
        error = CommentFileError(
            source.path,
            f"the input already has {'a column' if len(taken) == 1 else 'columns'} "
            f"{', '.join(repr(c) for c in taken)}, which this command adds; rename "
            f"{'it' if len(taken) == 1 else 'them'} first (added columns: "
            f"{', '.join(OUTPUT_COLUMNS)})",
            line=source.column_lines.get(first),
        )
        fail(cli, escape(str(error)))


def _summary(
    cli: CliState, tally: Tally, source: CommentFile, column: str | None, out: Path
) -> None:
    text = f" (text column {escape(repr(column))})" if column is not None else ""
    cli.out.print(
        f"analysed {tally.rows:,} comment{'' if tally.rows == 1 else 's'} from "
        f"{escape(str(source.path))}{text}; wrote {escape(str(out))}",
        highlight=False,
    )
    if not tally.rows:
        return
    table = Table("", "comments", "share", box=None, pad_edge=False)
    table.columns[1].justify = "right"
    table.columns[2].justify = "right"
    rows = [*tally.flags.items()]
    rows += [(name, tally.sentiments[name]) for name in ("positive", "neutral", "negative")]
    for label, count in rows:
        table.add_row(label, f"{count:,}", f"{100 * count / tally.rows:.1f}%")
    cli.out.print(table)


@comments.command("analyse")
def analyse(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="Comments as CSV, TSV or JSONL (.jsonl/.ndjson: one JSON object a line).",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            metavar="OUT",
            help="Where to write: .csv, .jsonl or .ndjson. Written whole or not at all.",
        ),
    ],
    text_column: Annotated[
        str | None,
        typer.Option(
            "--text-column",
            metavar="NAME",
            help="The column holding the comment (default: detected: text, comment, message, "
            "ข้อความ, คอมเมนต์…, or the only column).",
        ),
    ] = None,
) -> None:
    """Read every comment: sentiment, question, purchase intent, spam, low effort, toxic,
    language and the evidence. Keeps the input's columns and adds those; see docs/comments.md."""
    cli = state(ctx)
    try:
        output_format(output)
        source = open_comment_file(file)
    except CommentFileError as error:
        fail(cli, escape(str(error)))
    _report_encoding(cli, source)
    _check_columns(cli, source)
    column: str | None = None
    try:
        if source.row_count or (text_column is not None and source.columns):
            column = find_text_column(source.path, source.columns, text_column)
        tally = Tally()
        with (
            atomic_output(output, [*source.columns, *OUTPUT_COLUMNS]) as sink,
            Progress(console=cli.err, transient=True, disable=not cli.err.is_terminal) as bar,
        ):
            task = bar.add_task("analysing comments", total=source.row_count)
            for chunk in _chunks(source.rows(), CHUNK):
                texts = [
                    text_of(row.values.get(column)) if column is not None else "" for row in chunk
                ]
                for row, insight in zip(chunk, analyse_comments(texts), strict=True):
                    sink.write({**row.values, **insight.columns()})
                    tally.add(insight)
                bar.advance(task, len(chunk))
    except CommentFileError as error:
        fail(cli, escape(str(error)))
    _summary(cli, tally, source, column, output)
