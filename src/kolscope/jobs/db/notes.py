"""Notes and errors of jobs in their text columns: a message as its JSON
(``{"code", "params", "text"}``), plain text as it is (older jobs, or a message too long)."""

from __future__ import annotations

import json

from kolscope.domain.messages import LITERAL, Message
from kolscope.jobs.beats import Note


def encode(note: Note, limit: int | None = None) -> str | None:
    """A note or an error for its text column: a message as its JSON (plain English when
    that would not fit), text as it is."""
    if note is None or note == "":
        return None
    if isinstance(note, Message) and note.code != LITERAL:
        stored = json.dumps(note.to_dict(), ensure_ascii=False)
        if limit is None or len(stored) <= limit:
            return stored
    text = str(note)
    return text[:limit] if limit is not None else text


def decode(stored: str | None) -> tuple[str | None, Message | None]:
    """``encode``'s text back: the English text and the message (None for plain text)."""
    if not stored or not stored.startswith('{"code"'):
        return stored, None
    try:
        data = json.loads(stored)
    except ValueError:
        return stored, None
    message = Message.from_dict(data)
    return str(message), message if message.code != LITERAL else None
