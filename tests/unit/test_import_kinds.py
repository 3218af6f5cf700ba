"""The import kinds are one registry: every kind has one entry, and every entry's parts exist
(fields, converter, writer) and are used."""

from __future__ import annotations

import typing
from collections.abc import Sequence
from typing import Any

import pytest

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


def test_the_first_of_each_key_is_kept_and_later_rows_repeat_it() -> None:
    from kolscope.catalogue.importing.kinds import repeats_of
    from kolscope.catalogue.repeats import first_of_each
    from tests.fakes.records import account_row

    key, message = repeats_of(ImportKind.POSTS)
    rows = [post_row(2, "Som", "p1"), post_row(3, "som", "p1"), post_row(4, "som", "p2")]
    kept, repeated = first_of_each(rows, key, message)
    assert [r.row for r in kept] == [2, 4]  # handles are compared as keys (case ignored)
    assert [(row, str(why)) for row, why in repeated] == [(3, "repeats row 2")]
    assert repeated[0][1].to_dict()["params"] == {"first": 2}
    key, message = repeats_of(ImportKind.CREATORS)
    accounts = [account_row(2, "a"), account_row(5, "a"), account_row(6, "b")]
    kept, repeated = first_of_each(accounts, key, message)
    assert [r.row for r in kept] == [2, 6]
    assert [(row, str(why)) for row, why in repeated] == [(5, "repeats row 2; kept row 2")]
    with pytest.raises(ValueError, match="stored rows"):  # a comment needs its post first
        repeats_of(ImportKind.COMMENTS)
