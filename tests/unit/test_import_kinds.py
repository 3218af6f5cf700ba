"""The import kinds are one registry: every kind has one entry, and every entry's parts exist
(fields, converter, writer) and are used."""

from __future__ import annotations

import typing
from collections.abc import Sequence
from typing import Any

from kolscope.catalogue.formats.rows import RowConverter
from kolscope.catalogue.importing.kinds import KINDS
from kolscope.catalogue.importing.records import ImportKind, ImportRecord
from kolscope.catalogue.ports import BatchOutcome, CatalogueWriter
from tests.fakes.records import post_row


def test_every_kind_has_one_complete_entry() -> None:
    assert set(KINDS) == set(ImportKind)
    records = set(typing.get_args(ImportRecord))
    for kind, spec in KINDS.items():
        names = {field.name for field in spec.fields}
        assert spec.kind is kind
        assert spec.markers <= names, kind
        assert spec.needs_one_of <= names, kind
        assert spec.needs
        assert spec.repeat
        assert spec.file_words
        assert spec.record in records
        assert callable(getattr(RowConverter, f"_{spec.converter}", None)), spec.converter
        assert spec.writer in CatalogueWriter.__dict__, spec.writer
    assert len({spec.record for spec in KINDS.values()}) == len(KINDS)
    assert [k for k, s in KINDS.items() if s.private_authors] == [ImportKind.COMMENTS]


class _Writer:
    def __init__(self) -> None:
        self.calls: list[tuple[str, list[Any], int]] = []

    def write_posts(self, rows: Sequence[Any], import_id: int) -> BatchOutcome:
        self.calls.append(("posts", list(rows), import_id))
        return BatchOutcome(created=len(rows))


def test_an_entry_writes_its_records_through_its_writer_after_its_step() -> None:
    spec = KINDS[ImportKind.POSTS]
    post = post_row(1, "som.review", "p1")
    writer = _Writer()
    seen: list[int] = []

    def prepare(rows: Sequence[Any], _writer: Any) -> list[Any]:
        seen.append(len(rows))
        return list(rows) * 2

    outcome = spec.write(writer, [post, "not a post"], 7, prepare)  # type: ignore[arg-type]
    assert seen == [1]  # other records never reach the writer
    assert writer.calls == [("posts", [post, post], 7)]
    assert outcome.created == 2
