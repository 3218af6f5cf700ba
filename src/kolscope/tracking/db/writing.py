"""What the orders stores share when they write: times in UTC, and INSERT ... ON CONFLICT for
the database at hand."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from kolscope.domain.messages import Message


def utc(moment: datetime) -> datetime:
    """Times are written in UTC (SQLite keeps no zone)."""
    return moment.astimezone(UTC)


def dialect_insert(db: Connection, table: Any) -> Any:
    """INSERT that can say ON CONFLICT, for the database at hand."""
    return (postgresql.insert if db.dialect.name == "postgresql" else sqlite.insert)(table)


def note_json(note: Message) -> str:
    """An event's note as its message's code and values (``Message.from_dict`` reads it back,
    in any language); the English text is not stored, so writing stays cheap."""
    return json.dumps({"code": note.code, "params": dict(note.params)}, ensure_ascii=False)
