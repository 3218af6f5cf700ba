"""Writing posts and the comments under them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import (
    Table,
    select,
    tuple_,
)

from kolscope.catalogue.db.accounts_writer import AccountWriting
from kolscope.catalogue.db.writer_base import chunks
from kolscope.catalogue.importing.kinds import repeats_of
from kolscope.catalogue.importing.records import (
    CommentRow,
    ImportKind,
    PostRow,
)
from kolscope.catalogue.messages import SAME_COMMENT, SAME_POST
from kolscope.catalogue.ports import BatchOutcome
from kolscope.catalogue.repeats import first_of_each
from kolscope.domain.content import comment_identity
from kolscope.domain.creators import handle_key
from kolscope.domain.messages import Message
from kolscope.infra.db import tables as t
from kolscope.infra.db.upsert import bulk_upsert

_POST_KEY, _POST_REPEAT = repeats_of(ImportKind.POSTS)
POST_UPDATE = (
    "url", "post_type", "caption", "hashtags", "mentions", "posted_at", "likes",
    "comments_count", "shares", "saves", "views", "reach", "is_sponsored", "brand_mentions",
    "import_id",
)  # fmt: skip


_POST_INSERT = ("account_id", "platform_post_id", *POST_UPDATE)
_COMMENT_UPDATE = ("text", "author", "author_is_pseudonym", "posted_at", "likes", "import_id")
_COMMENT_INSERT = (
    "post_id",
    "comment_key",
    "platform_comment_id",
    "text",
    "author",
    "author_is_pseudonym",
    "posted_at",
    "likes",
    "import_id",
)


class _Placed(NamedTuple):
    """A comment row with its key: the stored post it is under and its identity there."""

    record: CommentRow
    key: tuple[int, str]

    @property
    def row(self) -> int:
        return self.record.row


class ContentWriting(AccountWriting):
    """Posts (creating their accounts when new) and comments (under imported posts only)."""

    def write_posts(self, rows: Sequence[PostRow], import_id: int) -> BatchOutcome:
        outcome = BatchOutcome()
        kept, outcome.duplicates = first_of_each(rows, _POST_KEY, _POST_REPEAT)
        ids = self._account_ids(((r.platform, r.handle) for r in kept), create=True)
        values: dict[tuple[int, str], dict[str, Any]] = {}
        first_row: dict[tuple[int, str], int] = {}
        for row in kept:
            account_id = ids[(row.platform.value, handle_key(row.handle))]
            key = (account_id, row.post.platform_post_id)
            first_row[key] = row.row
            post = row.post
            values[key] = {
                "account_id": account_id,
                "platform_post_id": post.platform_post_id,
                "url": post.url,
                "post_type": post.post_type.value,
                "caption": post.caption,
                "hashtags": list(post.hashtags),
                "mentions": list(post.mentions),
                "posted_at": post.posted_at,
                "likes": post.likes,
                "comments_count": post.comments_count,
                "shares": post.shares,
                "saves": post.saves,
                "views": post.views,
                "reach": post.reach,
                "is_sponsored": post.is_sponsored,
                "brand_mentions": list(post.brand_mentions),
                "import_id": import_id,
            }
        self._upsert_new(
            t.posts,
            ("account_id", "platform_post_id"),
            values,
            first_row,
            outcome,
            import_id,
            _POST_INSERT,
            POST_UPDATE,
            SAME_POST(),
        )
        return outcome

    def _upsert_new(
        self,
        table: Table,
        keys: tuple[str, str],
        values: dict[tuple[Any, Any], dict[str, Any]],
        first_row: dict[tuple[Any, Any], int],
        outcome: BatchOutcome,
        import_id: int,
        insert_columns: Sequence[str],
        update_columns: Sequence[str],
        repeat_message: Message,
    ) -> None:
        """Write rows by natural key: new ones inserted, older imports' ones updated, and rows
        this same import already wrote counted as repeats (the first one stays)."""
        seen = self._existing_keys(table, keys, list(values), import_id)
        for key, same_import in seen.items():
            if same_import:
                outcome.duplicates.append((first_row[key], repeat_message))
                del values[key]
        outcome.updated = sum(1 for k in values if k in seen)
        outcome.created = len(values) - outcome.updated
        self._statement(
            f"upsert:{table.name}",
            lambda: bulk_upsert(
                self._db, table, insert_columns, keys, update_columns, only_from_other_import=True
            ),
        ).run_dicts(list(values.values()))

    def _existing_keys(
        self, table: Any, columns: tuple[str, str], keys: list[tuple[Any, Any]], import_id: int
    ) -> dict[tuple[Any, Any], bool]:
        """Which keys exist already, and whether this same import wrote them."""
        found: dict[tuple[Any, Any], bool] = {}
        first, second = (table.c[c] for c in columns)
        for chunk in chunks(keys):
            result = self._db.execute(
                select(first, second, table.c.import_id).where(tuple_(first, second).in_(chunk))
            )
            for row in result:
                found[(row[0], row[1])] = row.import_id == import_id
        return found

    def _post_ids(self, rows: Sequence[CommentRow]) -> dict[tuple[str, str | None, str], int]:
        """Post ids by (platform, handle key or None, platform post id)."""
        found: dict[tuple[str, str | None, str], int] = {}
        wanted = {(r.platform.value, r.platform_post_id) for r in rows}
        for chunk in chunks(sorted(wanted)):
            result = self._db.execute(
                select(
                    t.posts.c.id,
                    t.posts.c.platform_post_id,
                    t.accounts.c.platform,
                    t.accounts.c.handle_key,
                )
                .join(t.accounts, t.accounts.c.id == t.posts.c.account_id)
                .where(tuple_(t.accounts.c.platform, t.posts.c.platform_post_id).in_(chunk))
            )
            for row in result:
                found[(row.platform, row.handle_key, row.platform_post_id)] = row.id
                loose = (row.platform, None, row.platform_post_id)
                found[loose] = -1 if loose in found and found[loose] != row.id else row.id
        return found

    def write_comments(self, rows: Sequence[CommentRow], import_id: int) -> BatchOutcome:
        outcome = BatchOutcome()
        posts = self._post_ids(rows)
        placed: list[_Placed] = []
        for row in rows:
            handle = handle_key(row.handle) if row.handle else None
            post_id = posts.get((row.platform.value, handle, row.platform_post_id))
            if post_id is None or post_id < 0:
                reason = (
                    "matches posts of several accounts: add the post's handle"
                    if post_id is not None
                    else f"post {row.platform_post_id!r} on {row.platform.value} is not in the "
                    "workspace: import the posts first"
                )
                outcome.problems.append((row.row, "post_id", reason))
                continue
            comment = row.comment
            placed.append(_Placed(row, (post_id, comment_identity(row.platform_post_id, comment))))
        # A comment's identity needs the post it is under, so its key is made here.
        kept, outcome.duplicates = first_of_each(placed, lambda item: item.key)
        values: dict[tuple[int, str], dict[str, Any]] = {}
        first_row: dict[tuple[int, str], int] = {}
        for row, key in kept:
            post_id, comment = key[0], row.comment
            first_row[key] = row.row
            values[key] = {
                "post_id": post_id,
                "comment_key": key[1],
                "platform_comment_id": comment.platform_comment_id,
                "text": comment.text,
                "author": comment.author,
                "author_is_pseudonym": comment.author_is_pseudonym,
                "posted_at": comment.posted_at,
                "likes": comment.likes,
                "import_id": import_id,
            }
        self._upsert_new(
            t.comments,
            ("post_id", "comment_key"),
            values,
            first_row,
            outcome,
            import_id,
            _COMMENT_INSERT,
            _COMMENT_UPDATE,
            SAME_COMMENT(),
        )
        return outcome
