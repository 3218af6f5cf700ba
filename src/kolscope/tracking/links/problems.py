"""The one error the tracking-link parts raise: a refusal that carries its sentence as data."""

from __future__ import annotations

from kolscope.domain.messages import Message


class LinkError(ValueError):
    """Something a marketer gave cannot become a link or a code; ``message`` says why, in
    the reader's language at the edge (``str()`` is the English sentence)."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message
