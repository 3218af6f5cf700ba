"""What one row of an import file becomes, and what can be wrong with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from kolscope.catalogue import messages as say
from kolscope.domain.audience import AudienceShare
from kolscope.domain.content import Comment, Post
from kolscope.domain.creators import AccountSnapshot, PlatformAccount
from kolscope.domain.followers import FollowerProfile
from kolscope.domain.messages import Message, literal
from kolscope.domain.platforms import Platform


class ImportKind(StrEnum):
    """What a file holds. The value is the ``--kind`` option."""

    CREATORS = "creators"
    POSTS = "posts"
    COMMENTS = "comments"
    AUDIENCE = "audience"
    FOLLOWERS = "followers"


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row (or a whole file, when ``row`` is None) cannot be imported as written.
    ``message`` is the English text; ``said`` its coded form when the reader wrote one
    (pages write it in the reader's language; see ``to_message``)."""

    file: str
    row: int | None
    field: str | None
    message: str
    column: str | None = None
    value: str | None = None
    said: Message | None = None

    def __str__(self) -> str:
        return str(self.to_message())

    def to_message(self) -> Message:
        """The whole problem (file, row, field and what is wrong) as one message."""
        where: Message = literal(self.file)
        if self.row is not None:
            where = say.AT_ROW(where=where, row=self.row)
        if self.field is not None:
            if self.column is not None and self.column != self.field:
                where = say.AT_FIELD_COLUMN(where=where, field=self.field, column=self.column)
            else:
                where = say.AT_FIELD(where=where, field=self.field)
        return say.PROBLEM(where=where, what=self.said or literal(self.message))


def problem_said(what: str | Message) -> tuple[str, Message | None]:
    """A problem's English text and its message (None for plain text)."""
    if isinstance(what, Message):
        return str(what), what
    return what, None


class AccountRow(NamedTuple):
    """A creators-file row: an account's profile and, when it carries counts, a snapshot."""

    row: int
    account: PlatformAccount
    snapshot: AccountSnapshot | None
    creator_key: str | None = None


class PostRow(NamedTuple):
    row: int
    platform: Platform
    handle: str
    post: Post


class CommentRow(NamedTuple):
    """A comment; ``author`` is still the raw handle here: the service pseudonymises it."""

    row: int
    platform: Platform
    handle: str | None
    platform_post_id: str
    comment: Comment


class AudienceRow(NamedTuple):
    """One account's audience from one row: a long-format row carries one share, a wide one many."""

    row: int
    platform: Platform
    handle: str
    source: str
    as_of: date
    sample_size: int | None
    shares: tuple[AudienceShare, ...]


class FollowerRow(NamedTuple):
    row: int
    platform: Platform
    handle: str
    taken_on: date
    source: str
    profile: FollowerProfile


ImportRecord = AccountRow | PostRow | CommentRow | AudienceRow | FollowerRow


@dataclass(slots=True)
class FileCounts:
    """What happened to the rows of one file."""

    rows_read: int = 0  # data rows, after blank lines and repeated headers were skipped
    imported: int = 0
    rejected: int = 0
    duplicates: int = 0  # the same account (or post, comment) again in the same file
    blank_rows: int = 0
    repeated_headers: int = 0
    created: int = 0  # new accounts, posts or comments
    updated: int = 0
    warnings: list[Message] = field(default_factory=list)  # catalogue/messages.py
    warning_count: int = 0

    def rolled_back(self) -> None:
        """Nothing of the file was kept: no row counts as imported, new or updated."""
        self.imported = self.created = self.updated = 0

    def warn(self, message: Message, limit: int = 200) -> None:
        self.warning_count += 1
        if len(self.warnings) < limit:
            self.warnings.append(message)
