"""Uploaded files waiting to be checked and imported ("drafts"), one folder each.

A draft's folder (``WORKSPACE/uploads/<id>``) holds the file and ``draft.json``: the file's
name, who uploaded it, their organisation, and the options chosen so far. Only people of that
organisation can open it; to anyone else it does not exist (404, not 403).

Reading a file's columns (its plan) can take long for a wide file, so the plan is kept in
``plan.cache`` beside it, keyed by the options and the file's size and time: a second view of
the review page reads the cache, and changing the options or the mapping plans again.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import HTTPException

from kolscope.bootstrap import Workspace
from kolscope.catalogue.facade import (
    ColumnPlan,
    FilePlan,
    ImportFileError,
    ImportKind,
    ImportOptions,
)
from kolscope.domain.messages import Message
from kolscope.domain.platforms import Platform
from kolscope.domain.team import User
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.pages.explanations import explain

DRAFT_FILE = "draft.json"
PLAN_CACHE = "plan.cache"  # not an upload name: uploads keep a data file's suffix
_DRAFT = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def uploads(workspace: Workspace) -> Path:
    return workspace.settings.workspace / "uploads"


@dataclass
class Draft:
    id: str
    folder: Path
    saved: dict[str, Any]

    @property
    def path(self) -> Path:
        return self.folder / str(self.saved["file"])

    def save(self) -> None:
        (self.folder / DRAFT_FILE).write_text(json.dumps(self.saved), encoding="utf-8")


def open_draft(workspace: Workspace, draft_id: str, user: User) -> Draft:
    """The draft, if it exists and belongs to ``user``'s organisation (else 404). A draft
    saved before drafts recorded their organisation belongs to the first organisation."""
    missing = HTTPException(404, _("This upload is not there any more: upload the file again."))
    if not _DRAFT.match(draft_id):
        raise missing
    folder = uploads(workspace) / draft_id
    try:
        saved = json.loads((folder / DRAFT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise missing from None
    owner = saved.get("organisation_id")
    if owner is None:
        owner = workspace.team.default_organisation().id
    if owner != user.organisation.id:
        raise missing
    return Draft(draft_id, folder, saved)


def draft_options(saved: dict[str, Any]) -> ImportOptions:
    return ImportOptions(
        kind=ImportKind(saved["kind"]) if saved.get("kind") else None,
        platform=Platform(saved["platform"]) if saved.get("platform") else None,
        as_of=date.fromisoformat(saved["as_of"]) if saved.get("as_of") else None,
        mapping=dict(saved.get("mapping") or {}),
        partial=bool(saved.get("partial")),
        source=saved.get("source"),
    )


def draft_plan(workspace: Workspace, draft: Draft) -> tuple[FilePlan | None, str | None]:
    """The draft's plan (or why its file cannot be read, in the reader's language), from the
    cache when the file and the options are unchanged (the cache keeps the coded form)."""
    key = _cache_key(draft)
    cache = draft.folder / PLAN_CACHE
    try:
        kept = json.loads(cache.read_text(encoding="utf-8"))
        if kept.get("key") == key:
            if kept.get("error") is not None:
                return None, explain(kept["error"])
            return plan_from_dict(kept["plan"]), None
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no cache yet, or an unreadable one: plan again
    try:
        options = draft_options(draft.saved)
        plan: FilePlan | None = workspace.importer.plan([draft.path], options)[0]
        error = None
    except ImportFileError as problem:
        plan, error = None, problem.problem.to_message().to_dict()
    stored = {
        "key": key,
        "error": error,
        "plan": plan_to_dict(plan) if plan is not None else None,
    }
    cache.write_text(json.dumps(stored, ensure_ascii=False, default=str), encoding="utf-8")
    return plan, explain(error) if error is not None else None


def _cache_key(draft: Draft) -> str:
    stat = draft.path.stat()
    options = {k: draft.saved.get(k) for k in ("kind", "platform", "as_of", "mapping", "source")}
    text = json.dumps([options, stat.st_size, stat.st_mtime_ns], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def plan_to_dict(plan: FilePlan) -> dict[str, Any]:
    return plan.to_dict() | {"percent_scale": sorted(plan.percent_scale)}


def plan_from_dict(data: dict[str, Any]) -> FilePlan:
    """A plan back from ``plan_to_dict`` (the preview's values come back as JSON values)."""
    return FilePlan(
        path=Path(data["file"]),
        format=data["format"],
        encoding=data["encoding"],
        kind=ImportKind(data["kind"]),
        kind_reason=Message.from_dict(data.get("kind_reason_message") or data["kind_reason"]),
        platform=Platform(data["platform"]) if data["platform"] else None,
        platform_reason=_told(data, "platform_reason"),
        as_of=date.fromisoformat(data["as_of"]),
        as_of_reason=Message.from_dict(data.get("as_of_reason_message") or data["as_of_reason"]),
        header_row=data["header_row"],
        columns=tuple(
            ColumnPlan(
                index=column["index"] - 1,
                header=column["header"],
                field=column["field"],
                how=column["how"],
                note=_told(column, "note"),
                samples=tuple(column["samples"]),
            )
            for column in data["columns"]
        ),
        source=data["source"],
        sha256=data["sha256"],
        warnings=tuple(
            Message.from_dict(w) for w in data.get("warning_messages") or data["warnings"]
        ),
        percent_scale=frozenset(data.get("percent_scale") or ()),
        preview=tuple(data["preview"]),
        estimated_rows=data["estimated_rows"],
    )


def _told(data: dict[str, Any], key: str) -> Message | None:
    """A stored sentence as a message: its coded form (``key_message``), else the English text
    a draft saved before sentences were messages (shown through the pages' pattern fallback)."""
    coded = data.get(f"{key}_message")
    if coded:
        return Message.from_dict(coded)
    text = data.get(key)
    return Message.from_dict(text) if text else None
