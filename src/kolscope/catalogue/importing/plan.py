"""How a file will be read: its format, kind, platform, date and the column chosen for each field.

A plan is what ``kolscope import --dry-run`` shows and what a person corrects with ``--map``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kolscope.catalogue.importing.records import ImportKind
from kolscope.domain.messages import Message
from kolscope.domain.platforms import Platform


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the person said about the files (all optional: the rest is detected)."""

    kind: ImportKind | None = None
    platform: Platform | None = None
    as_of: date | None = None
    mapping: dict[str, str | None] = field(default_factory=dict)  # field -> column (None: skip)
    account: tuple[Platform, str] | None = None  # whose followers or audience a file describes
    encoding: str | None = None
    sheet: str | None = None
    partial: bool = False
    source: str | None = None  # label stored with snapshots; default: the file name


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """One column of the file and what kolscope will do with it."""

    index: int
    header: str
    field: str | None  # canonical field, or None when the column is ignored
    how: str  # "header", "content", "--map", "pair", "ignored", "unknown"
    note: Message | None = None  # why (catalogue/messages.py); str() is the English
    samples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FilePlan:
    path: Path
    format: str  # csv, tsv, json, jsonl, xlsx
    encoding: str | None
    kind: ImportKind
    kind_reason: Message  # where each came from (catalogue/messages.py)
    platform: Platform | None  # None: read per row from the platform column
    platform_reason: Message | None
    as_of: date
    as_of_reason: Message
    header_row: int | None  # 1-based row of the header (None for JSON)
    columns: tuple[ColumnPlan, ...]
    source: str
    sha256: str
    warnings: tuple[Message, ...] = ()
    percent_scale: frozenset[str] = frozenset()  # rate fields written as 3.1 meaning 3.1 %
    preview: tuple[dict[str, Any], ...] = ()
    estimated_rows: int | None = None  # for progress bars; None when unknown

    @property
    def name(self) -> str:
        return self.path.name

    def fields(self) -> dict[str, list[ColumnPlan]]:
        """The columns each mapped field reads from (pairs give a field two columns)."""
        chosen: dict[str, list[ColumnPlan]] = {}
        for column in self.columns:
            if column.field is not None:
                chosen.setdefault(column.field, []).append(column)
        return chosen

    def to_dict(self) -> dict[str, Any]:
        """The English sentences under their original keys, and beside each its coded form
        (``*_message``: ``{"code", "params", "text"}``) for pages and the API."""
        return {
            "file": str(self.path),
            "format": self.format,
            "encoding": self.encoding,
            "kind": self.kind.value,
            "kind_reason": str(self.kind_reason),
            "kind_reason_message": _coded(self.kind_reason),
            "platform": self.platform.value if self.platform else None,
            "platform_reason": str(self.platform_reason or ""),
            "platform_reason_message": _coded(self.platform_reason),
            "as_of": self.as_of.isoformat(),
            "as_of_reason": str(self.as_of_reason),
            "as_of_reason_message": _coded(self.as_of_reason),
            "header_row": self.header_row,
            "source": self.source,
            "sha256": self.sha256,
            "columns": [
                {
                    "index": c.index + 1,
                    "header": c.header,
                    "field": c.field,
                    "how": c.how,
                    "note": str(c.note or ""),
                    "note_message": _coded(c.note),
                    "samples": list(c.samples),
                }
                for c in self.columns
            ],
            "warnings": [str(w) for w in self.warnings],
            "warning_messages": [_coded(w) for w in self.warnings],
            "estimated_rows": self.estimated_rows,
            "preview": list(self.preview),
        }


def _coded(message: Message | str | None) -> dict[str, Any] | None:
    """A message's coded form (a sentence given as plain text is kept as written)."""
    if message is None or message == "":
        return None
    return Message.from_dict(message).to_dict() if isinstance(message, str) else message.to_dict()
