"""The file reader the import service uses: plan a file, then stream its rows as records."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from kolscope.catalogue import messages as say
from kolscope.catalogue.formats.delimited import QuoteNotClosedError
from kolscope.catalogue.formats.detection import detect_as_of, detect_kind, detect_platform
from kolscope.catalogue.formats.headers import clean_header, find_header_row, is_blank, same_header
from kolscope.catalogue.formats.limits import MAX_PLAN_CELLS, plan_rows
from kolscope.catalogue.formats.mapping import map_columns
from kolscope.catalogue.formats.parallel import read_in_child
from kolscope.catalogue.formats.rows import RowConverter
from kolscope.catalogue.formats.sources import OpenedFile, RawRow, open_file
from kolscope.catalogue.importing.kinds import KINDS
from kolscope.catalogue.importing.plan import ColumnPlan, FilePlan, ImportOptions
from kolscope.catalogue.importing.records import (
    FileCounts,
    ImportKind,
    ImportRecord,
    RowProblem,
    problem_said,
)
from kolscope.catalogue.messages import (
    AS_OF_CHOSEN,
    KIND_CHOSEN,
    PLATFORM_ACCOUNT,
    PLATFORM_CHOSEN,
    READ_WITH,
    ROW_EXTRA_CELLS,
)
from kolscope.catalogue.ports import ImportFileError
from kolscope.domain.messages import Message, literal
from kolscope.domain.platforms import Platform

HEADER_SEARCH_ROWS = 30
PARALLEL_MIN_ROWS = 50_000  # from this size a second process parses while this one writes
SAMPLE_ROWS = 1000
PREVIEW_ROWS = 5


class FileImportReader:
    """Implements the services' ``FileReader`` port for CSV, TSV, JSON, JSONL and XLSX."""

    def __init__(self, today: Callable[[], date] = date.today, *, parallel: bool = True) -> None:
        self._today = today
        self._parallel = parallel

    def plan(self, path: Path, options: ImportOptions) -> FilePlan:
        opened = open_file(path, encoding=options.encoding, sheet=options.sheet)
        head, broken = _head(opened)
        header_index, headers, preamble = _header(opened, head, broken)
        header_number = head[header_index].number if header_index is not None else None
        sample = [
            r.cells
            for r in head[(header_index or 0) + 1 :]
            if not is_blank(r.cells) and not same_header(r.cells, headers)
        ][: plan_rows(len(headers), SAMPLE_ROWS)]
        kind, kind_reason = (
            (options.kind, KIND_CHOSEN()) if options.kind else detect_kind(path.name, headers)
        )
        problem = _file_problem(path)
        try:
            mapping = map_columns(kind, headers, sample, options.mapping)
        except (LookupError, KeyError) as error:
            raise problem(str(error).strip("'\"")) from None
        if broken is not None:
            raise _named(broken, mapping.columns)
        mapped = {c.field for c in mapping.columns if c.field}
        fields, description = KINDS[kind].needs_one_of, KINDS[kind].needs
        has_wide = any(c.field and c.field.startswith("share:") for c in mapping.columns)
        if not fields & mapped and options.account is None:
            needed = say.NEEDED.get(description)
            what = needed() if needed is not None else literal(description)
            raise problem(say.NEEDS(what=what, headers=say.quoted(headers)))
        if kind == ImportKind.COMMENTS and "post_id" not in mapped:
            raise problem(say.NEEDS_POST_ID())
        if kind == ImportKind.AUDIENCE and "share" not in mapped and not has_wide:
            raise problem(say.NEEDS_SHARES())
        platform: Platform | None
        platform_reason: Message | None
        if options.platform is not None:
            platform, platform_reason = options.platform, PLATFORM_CHOSEN()
        elif options.account is not None:
            platform, platform_reason = options.account[0], PLATFORM_ACCOUNT()
        else:
            platform, platform_reason = detect_platform(
                path,
                headers,
                "platform" in mapped
                or "profile_url" in mapped
                or "url" in mapped
                or (kind == ImportKind.COMMENTS and "post_id" in mapped),
            )
            if platform is None and not platform_reason:
                raise problem(say.WHICH_PLATFORM())
        if options.as_of is not None:
            as_of, as_of_reason = options.as_of, AS_OF_CHOSEN()
        else:
            as_of, as_of_reason = detect_as_of(path, preamble, self._today())
        warnings = (
            opened.warnings + list(mapping.messages) + [READ_WITH(detail=n) for n in opened.notes]
        )
        plan = FilePlan(
            path=path,
            format=opened.format,
            encoding=opened.encoding,
            kind=kind,
            kind_reason=kind_reason,
            platform=platform,
            platform_reason=platform_reason,
            as_of=as_of,
            as_of_reason=as_of_reason,
            header_row=header_number,
            columns=tuple(mapping.columns),
            source=options.source or path.name,
            sha256=opened.sha256,
            warnings=tuple(warnings),
            percent_scale=frozenset(mapping.percent_scale),
        )
        preview = _preview(plan, options, head, header_index)
        return _replace_preview(plan, preview, _estimate_rows(opened, header_number))

    def records(
        self, plan: FilePlan, options: ImportOptions, counts: FileCounts
    ) -> Iterator[ImportRecord | RowProblem]:
        if (
            self._parallel
            and (plan.estimated_rows or 0) >= PARALLEL_MIN_ROWS
            # a daemonic process (a `kolscope worker --processes` worker) may not start one
            and not multiprocessing.current_process().daemon
        ):
            return read_in_child(read_records, plan, options, counts)
        return read_records(plan, options, counts)


def read_records(
    plan: FilePlan, options: ImportOptions, counts: FileCounts
) -> Iterator[ImportRecord | RowProblem]:
    """Every data row of a planned file as a record, or as the problems that stop it."""
    opened = open_file(plan.path, encoding=plan.encoding or options.encoding, sheet=options.sheet)
    if opened.sha256 != plan.sha256:
        raise _file_problem(plan.path)(say.CHANGED())
    converter = RowConverter(plan, options, counts)
    try:
        yield from _convert_rows(opened, plan, converter, counts)
    except QuoteNotClosedError as error:
        raise _named(error, plan.columns) from None
    spans = opened.spans.describe()
    if spans is not None:
        counts.warn(spans)


def _convert_rows(
    opened: OpenedFile, plan: FilePlan, converter: RowConverter, counts: FileCounts
) -> Iterator[ImportRecord | RowProblem]:
    headers = [c.header for c in plan.columns]
    width = len(headers)
    started = opened.keyed
    for raw in opened.rows():
        if not started:
            started = raw.number == plan.header_row
            continue
        if raw.number == 0 and opened.keyed:
            continue
        if is_blank(raw.cells):
            counts.blank_rows += 1
            continue
        if not opened.keyed and same_header(raw.cells, headers):
            counts.repeated_headers += 1
            continue
        counts.rows_read += 1
        if len(raw.cells) > width and any(c not in (None, "") for c in raw.cells[width:]):
            counts.warn(ROW_EXTRA_CELLS(row=raw.number))
        result = converter.convert(raw.number, raw.cells)
        if isinstance(result, list):
            yield from result
        else:
            yield result


def _head(opened: OpenedFile) -> tuple[list[RawRow], QuoteNotClosedError | None]:
    """The first rows, enough to find the header and profile the columns (at most
    ``MAX_PLAN_CELLS`` cells), and the unclosed quote that ended them early, if one did."""
    head: list[RawRow] = []
    cells = 0
    try:
        for raw in opened.rows():
            head.append(raw)
            cells += len(raw.cells)
            if len(head) >= SAMPLE_ROWS + HEADER_SEARCH_ROWS or cells >= MAX_PLAN_CELLS:
                break
    except QuoteNotClosedError as error:
        return head, error
    return head, None


def _named(error: QuoteNotClosedError, columns: Sequence[ColumnPlan]) -> ImportFileError:
    """The error naming the field and header of the column the quote opened in."""
    problem = error.problem
    index = error.column_index
    column = next((c for c in columns if c.index == index), None)
    if column is None:
        return ImportFileError(problem)
    return ImportFileError(
        RowProblem(
            problem.file,
            problem.row,
            column.field or column.header,
            problem.message,
            column.header,
            said=problem.said,
        )
    )


def _header(
    opened: OpenedFile, head: list[RawRow], broken: QuoteNotClosedError | None
) -> tuple[int | None, list[str], list[str]]:
    try:
        return _find_header(opened, head)
    except ImportFileError:
        if broken is not None:  # the quote that cut the rows short is the real problem
            raise _named(broken, []) from None
        raise


def _find_header(opened: OpenedFile, head: list[RawRow]) -> tuple[int | None, list[str], list[str]]:
    if not head:
        raise _file_problem(opened.path)(say.EMPTY())
    if opened.keyed:
        headers = [clean_header(c) for c in head[0].cells]
        if not headers:
            raise _file_problem(opened.path)(say.NO_RECORDS())
        return 0, headers, []
    candidates = [(i, r) for i, r in enumerate(head[:HEADER_SEARCH_ROWS]) if not is_blank(r.cells)]
    found = find_header_row([r.cells for _i, r in candidates])
    if found is None:
        raise _file_problem(opened.path)(say.NO_HEADER())
    index, header_row = candidates[found]
    headers = [clean_header(c) or f"column {n + 1}" for n, c in enumerate(header_row.cells)]
    while (
        headers
        and headers[-1].startswith("column ")
        and all(
            len(r.cells) < len(headers) or not str(r.cells[len(headers) - 1] or "").strip()
            for r in head[index + 1 : index + 200]
        )
    ):
        headers.pop()
    preamble = [" ".join(str(c) for c in r.cells if c) for _i, r in candidates[:found]]
    return index, headers, preamble


def _file_problem(path: Path) -> Callable[[str | Message], ImportFileError]:
    def make(message: str | Message) -> ImportFileError:
        text, said = problem_said(message)
        return ImportFileError(RowProblem(path.name, None, None, text, said=said))

    return make


def _jsonable(value: Any) -> Any:
    if hasattr(value, "_asdict"):
        value = value._asdict()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items() if v not in (None, (), [])}
    return value


def record_to_dict(record: ImportRecord) -> dict[str, Any]:
    """A record as plain JSON-ready data, for previews and ``--json`` output."""
    data = record._asdict()
    return {k: _jsonable(v) for k, v in data.items() if v not in (None, (), [])}


def _preview(
    plan: FilePlan, options: ImportOptions, head: list[RawRow], header_index: int | None
) -> tuple[dict[str, Any], ...]:
    converter = RowConverter(plan, options, FileCounts())
    headers = [c.header for c in plan.columns]
    rows: list[dict[str, Any]] = []
    for raw in head[(header_index or 0) + 1 :]:
        if is_blank(raw.cells) or same_header(raw.cells, headers):
            continue
        result = converter.convert(raw.number, raw.cells)
        if isinstance(result, list):
            rows.append({"row": raw.number, "problems": [str(p) for p in result]})
        else:
            rows.append(record_to_dict(result))
        if len(rows) >= PREVIEW_ROWS:
            break
    return tuple(rows)


def _replace_preview(
    plan: FilePlan, preview: tuple[dict[str, Any], ...], estimated_rows: int | None
) -> FilePlan:
    from dataclasses import replace

    return replace(plan, preview=preview, estimated_rows=estimated_rows)


def _estimate_rows(opened: OpenedFile, header_row: int | None) -> int | None:
    """Data rows to expect, for progress bars: lines after the header (cheap, approximate)."""
    if opened.format in {"csv", "tsv", "jsonl"}:
        lines = 0
        with opened.path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                lines += chunk.count(b"\n")
        return max(lines - (header_row or 0), 0)
    return None


__all__ = ["ColumnPlan", "FileImportReader"]
