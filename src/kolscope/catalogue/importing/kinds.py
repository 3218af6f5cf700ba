"""The import kinds, one entry each: what a file of that kind holds and how it is brought in.

An entry says which fields the kind has and which columns point to it (detection), which fields
a file must map (with how to say so), the words in a file name that hint at it, the record a
row becomes and the converter that makes it (``catalogue.formats.rows`` provides it by name),
how a batch of records is written (a ``CatalogueWriter`` method, after an optional step such
as pseudonymising commenters), and how a repeated row is recognised (the writers keep the
first). Adding a kind (orders, a marketplace commission report) is one entry here, its fields
in ``fields.py``, its converter and its writer.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kolscope.catalogue.importing.fields import FIELDS, KIND_MARKERS, FieldSpec
from kolscope.catalogue.importing.records import (
    AccountRow,
    AudienceRow,
    CommentRow,
    FollowerRow,
    ImportKind,
    PostRow,
)
from kolscope.catalogue.messages import REPEATS_KEPT
from kolscope.catalogue.ports import BatchOutcome, CatalogueWriter
from kolscope.catalogue.repeats import repeats_row
from kolscope.domain.creators import handle_key
from kolscope.domain.messages import Message

Write = Callable[[CatalogueWriter, Sequence[Any], int], BatchOutcome]
# Before writing: (rows, the writer) -> rows, e.g. commenters' handles replaced by pseudonyms.
Prepare = Callable[[Sequence[Any], CatalogueWriter], Sequence[Any]]


@dataclass(frozen=True, slots=True)
class KindSpec:
    kind: ImportKind
    fields: tuple[FieldSpec, ...]
    markers: frozenset[str]  # mapped fields that point to this kind
    needs_one_of: frozenset[str]  # a file must map at least one (unless --account is given)
    needs: str  # how to say what is missing
    file_words: tuple[str, ...]  # words in a file name that hint at this kind
    record: type  # what each row becomes
    converter: str  # the name of the row converter in catalogue.formats.rows
    writer: str  # the CatalogueWriter method that writes a batch
    repeat: str  # what makes two rows the same row (the first is kept)
    private_authors: bool = False  # rows name people who are not creators: pseudonymise them
    # The key of ``repeat`` when a record alone gives it (the writers apply
    # ``repeats.first_of_each`` with it); None when it needs the stored rows (a comment's post).
    repeat_key: Callable[[Any], Hashable] | None = None
    repeat_message: Callable[[int], Message] = repeats_row

    def write(
        self,
        catalogue: CatalogueWriter,
        rows: Sequence[Any],
        import_id: int,
        prepare: Prepare | None = None,
    ) -> BatchOutcome:
        """Write one batch of this kind's records, after ``prepare`` when given."""
        wanted = [r for r in rows if isinstance(r, self.record)]
        if prepare is not None:
            wanted = list(prepare(wanted, catalogue))
        method: Write = getattr(type(catalogue), self.writer)
        return method(catalogue, wanted, import_id)


def _spec(
    kind: ImportKind,
    record: type,
    *,
    needs_one_of: set[str],
    needs: str,
    file_words: tuple[str, ...],
    converter: str,
    writer: str,
    repeat: str,
    private_authors: bool = False,
    repeat_key: Callable[[Any], Hashable] | None = None,
    repeat_message: Callable[[int], Message] = repeats_row,
) -> KindSpec:
    return KindSpec(
        kind,
        FIELDS[kind],
        KIND_MARKERS[kind],
        frozenset(needs_one_of),
        needs,
        file_words,
        record,
        converter,
        writer,
        repeat,
        private_authors,
        repeat_key,
        repeat_message,
    )


def account_key(row: AccountRow) -> Hashable:
    """An account row's identity: its platform, its handle and the day of its numbers."""
    account = row.account
    taken = row.snapshot.taken_on if row.snapshot else None
    return (account.platform.value, handle_key(account.handle), taken)


def post_key(row: PostRow) -> Hashable:
    """A post row's identity: its account (platform and handle) and the platform's post id."""
    return (row.platform.value, handle_key(row.handle), row.post.platform_post_id)


def _kept_too(first: int) -> Message:
    return REPEATS_KEPT(first=first)


KINDS: Mapping[ImportKind, KindSpec] = {
    spec.kind: spec
    for spec in (
        _spec(ImportKind.CREATORS, AccountRow,
              needs_one_of={"handle", "profile_url"}, needs="a handle column (or profile links)",
              file_words=("creators", "influencers", "kols", "kol", "accounts", "channels"),
              converter="account", writer="write_accounts",
              repeat="the same platform, handle and day",
              repeat_key=account_key, repeat_message=_kept_too),
        _spec(ImportKind.POSTS, PostRow,
              needs_one_of={"post_id", "url"}, needs="a post id or post URL column",
              file_words=("post", "posts", "media", "videos", "content", "โพสต์"),
              converter="post", writer="write_posts",
              repeat="the same account and post id", repeat_key=post_key),
        _spec(ImportKind.COMMENTS, CommentRow,
              needs_one_of={"text"}, needs="a column with the comment text",
              file_words=("comment", "comments", "replies", "คอมเมนต์", "ความคิดเห็น"),
              converter="comment", writer="write_comments",
              repeat="the same post and comment id (without one: the same author, time and text)",
              private_authors=True),
        _spec(ImportKind.AUDIENCE, AudienceRow,
              needs_one_of={"handle", "profile_url"}, needs="a handle column (or --account)",
              file_words=("audience", "demographics", "demographic", "ผู้ชม"),
              converter="audience", writer="write_audience",
              repeat="the same account, source, day, dimension and segment"),
        _spec(ImportKind.FOLLOWERS, FollowerRow,
              needs_one_of={"handle", "profile_url"}, needs="a handle column (or --account)",
              file_words=("follower-sample", "followers-sample", "follower_sample",
                          "followersample", "follower sample", "fake", "instafake"),
              converter="follower", writer="write_followers",
              repeat="the same account, day and source (a sample imported again replaces it)"),
    )
}  # fmt: skip


def repeats_of(kind: ImportKind) -> tuple[Callable[[Any], Hashable], Callable[[int], Message]]:
    """The key and the warning with which a kind's repeated rows are found and reported."""
    spec = KINDS[kind]
    if spec.repeat_key is None:
        raise ValueError(f"{kind.value} rows need the stored rows to find their repeats")
    return spec.repeat_key, spec.repeat_message
