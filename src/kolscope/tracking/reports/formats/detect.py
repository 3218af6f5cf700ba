"""Which marketplace report a file is, by its columns (Thai or English headers, compared without
a byte-order mark, case, spaces or currency signs), so ``kolscope import REPORT`` needs no
flag. Each layout has a few columns no other report has together (its signature, declared in
its reader's module); a header with all of them is that report.

The creator's TikTok Shop export puts title rows above its header, so ``locate`` looks for the
header among the first rows. When the import names the kind (``--kind``), the header is the
row that best matches that kind, and its reader then names any column still missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

from kolscope.domain.messages import Message
from kolscope.tracking import messages_reports as said
from kolscope.tracking.reports.formats import lazada, shopee, tiktok
from kolscope.tracking.reports.formats.cells import Column, find_columns
from kolscope.tracking.reports.formats.values import Cell, Layout, ReportKind

HEADER_SEARCH_ROWS = 15  # title rows above a header: TikTok's creator export has a few

SIGNATURES: dict[Layout, tuple[Column, ...]] = {
    Layout.SHOPEE: shopee.SIGNATURE,
    Layout.LAZADA: lazada.SIGNATURE,
    Layout.TIKTOK_CREATOR: tiktok.CREATOR_SIGNATURE,
    Layout.TIKTOK_SELLER: tiktok.SELLER_SIGNATURE,
}


@dataclass(frozen=True, slots=True)
class Detected:
    """A report recognised: its marketplace, its layout, and why (the columns that told)."""

    kind: ReportKind
    layout: Layout
    reason: Message


@dataclass(frozen=True, slots=True)
class _Match:
    layout: Layout
    found: tuple[str, ...]  # signature columns present, as the header writes them
    missing: tuple[str, ...]  # signature columns absent, by name

    @property
    def score(self) -> int:
        return len(self.found)


def _layouts(kind: ReportKind | None) -> list[Layout]:
    return [layout for layout in Layout if kind is None or layout.kind is kind]


def _match(header: Sequence[Cell], layout: Layout) -> _Match:
    texts = [str(h or "").strip().lstrip("\ufeff") for h in header]
    at = find_columns(texts, SIGNATURES[layout])
    found = tuple(texts[i] for i in at.values() if i is not None)
    missing = tuple(name for name, i in at.items() if i is None)
    return _Match(layout, found, missing)


def detect(header: Sequence[Cell], kind: ReportKind | None = None) -> Detected | None:
    """The report whose signature columns ``header`` has all of (only ``kind``'s layouts when
    the import names it), or None."""
    for layout in _layouts(kind):
        match = _match(header, layout)
        if not match.missing:
            template = said.FOUND if kind is None else said.ASKED
            reason = template(report=layout.report_name, columns=list(match.found))
            return Detected(layout.kind, layout, reason)
    return None


def locate(
    rows: Iterable[Sequence[Cell]], kind: ReportKind | None = None
) -> tuple[int, Detected] | None:
    """The header among the first ``HEADER_SEARCH_ROWS`` rows: (its index in ``rows``, from 0,
    and the report), or None (``explain`` says why). With ``kind`` named, the row closest to
    that kind's columns will do, and its reader names what is missing; unless the file is
    plainly another marketplace's report."""
    first = list(islice(rows, HEADER_SEARCH_ROWS))
    for index, row in enumerate(first):
        found = detect(row, kind)
        if found is not None:
            return index, found
    if kind is None or any(detect(row) is not None for row in first):
        return None
    best = _nearest(first, kind)
    if best is None:
        return None
    index, match = best
    reason = said.ASKED(report=match.layout.report_name, columns=list(match.found))
    return index, Detected(match.layout.kind, match.layout, reason)


def _nearest(rows: Sequence[Sequence[Cell]], kind: ReportKind | None) -> tuple[int, _Match] | None:
    """The row and layout sharing the most signature columns (at least one), first wins."""
    best: tuple[int, _Match] | None = None
    for index, row in enumerate(rows):
        for layout in _layouts(kind):
            match = _match(row, layout)
            if match.score and (best is None or match.score > best[1].score):
                best = (index, match)
    return best


def explain(rows: Sequence[Sequence[Cell]], kind: ReportKind | None = None) -> Message:
    """Why none of ``rows`` (the file's first rows) is a report's header: the nearest report
    and the columns it lacks, or that no row has any of their columns."""
    first = rows[:HEADER_SEARCH_ROWS]
    if kind is not None:
        for row in first:
            other = detect(row)
            if other is not None and other.kind is not kind:
                return said.WRONG_KIND(asked=kind.report_name, found=other.layout.report_name)
    best = _nearest(first, kind)
    if best is None and kind is not None:
        layout = _layouts(kind)[0]
        missing = [column.name for column in SIGNATURES[layout]]
        return said.MISSING_COLUMNS(report=kind.report_name, missing=missing, row=1)
    if best is None:
        return said.NOTHING(rows=len(first))
    index, match = best
    if kind is not None:
        return said.MISSING_COLUMNS(
            report=match.layout.report_name, missing=list(match.missing), row=index + 1
        )
    return said.NEAREST(report=match.layout.report_name, missing=list(match.missing))
