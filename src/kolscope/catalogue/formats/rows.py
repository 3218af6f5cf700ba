"""Turning one data row into an import record, or into the problems that stop it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from kolscope.catalogue import messages as say
from kolscope.catalogue.formats.audience_columns import WIDE_PREFIX, parse_wide_field
from kolscope.catalogue.formats.cells import FieldReader, RowCells
from kolscope.catalogue.formats.values import read_list, read_value
from kolscope.catalogue.importing.fields import ValueType
from kolscope.catalogue.importing.kinds import KINDS
from kolscope.catalogue.importing.plan import FilePlan, ImportOptions
from kolscope.catalogue.importing.records import (
    AccountRow,
    AudienceRow,
    CommentRow,
    FileCounts,
    FollowerRow,
    ImportRecord,
    PostRow,
    RowProblem,
)
from kolscope.domain.audience import (
    AudienceDimension,
    AudienceShare,
    normalise_age_band,
    normalise_gender,
)
from kolscope.domain.content import Comment, Post, PostType, extract_hashtags, extract_mentions
from kolscope.domain.creators import AccountSnapshot, PlatformAccount
from kolscope.domain.followers import FollowerProfile
from kolscope.domain.places import find_country, find_province
from kolscope.domain.platforms import Platform, account_from_url, handle_problem, post_from_url

SNAPSHOT_FIELDS = (
    "followers", "following", "posts_count", "avg_likes", "avg_comments", "avg_views",
    "avg_shares", "avg_saves", "avg_engagement", "avg_authentic_engagement", "engagement_rate",
)  # fmt: skip


class RowConverter:
    """Reads the data rows of one planned file into records of the plan's kind."""

    def __init__(self, plan: FilePlan, options: ImportOptions, counts: FileCounts) -> None:
        self.plan = plan
        self.options = options
        self.counts = counts
        kind = KINDS[plan.kind]
        self.specs = {spec.name: spec for spec in kind.fields}
        # The kind's converter, by the name its registry entry gives (``_account`` ...).
        self._convert: Callable[[RowCells], ImportRecord | None] = getattr(
            self, f"_{kind.converter}"
        )
        self.columns = {k: v for k, v in plan.fields().items() if not k.startswith(WIDE_PREFIX)}
        self.fields = {
            name: FieldReader(self.specs[name], columns, name in plan.percent_scale)
            for name, columns in self.columns.items()
        }
        self._has_metrics = any(name in self.fields for name in SNAPSHOT_FIELDS)
        self.plan_fields = [
            (name, field, field.columns[0] if len(field.columns) == 1 else None)
            for name, field in self.fields.items()
        ]
        self.wide = [
            (column.index, column.header, *parse_wide_field(column.field))
            for column in plan.columns
            if column.field and column.field.startswith(WIDE_PREFIX)
        ]

    def convert(self, number: int, cells: Sequence[Any]) -> ImportRecord | list[RowProblem]:
        row = RowCells(self, number, cells)
        record = self._convert(row)
        if row.problems or record is None:
            gap = say.ROW_EMPTY()
            return row.problems or [RowProblem(self.plan.name, number, None, str(gap), said=gap)]
        return record

    # Which account a row is about ------------------------------------------------------------

    def _who(
        self, row: RowCells, values: dict[str, Any], *, required: bool = True
    ) -> tuple[Platform, str] | None:
        handle = values.get("handle")
        platform = values.get("platform") or self.plan.platform
        url = values.get("profile_url")
        if url and (handle is None or platform is None):
            found = account_from_url(url)
            if found is not None:
                platform = platform or found[0]
                handle = handle or found[1]
        if self.options.account is not None and handle is None:
            platform, handle = platform or self.options.account[0], self.options.account[1]
        if handle is None:
            if required:
                row.problem("handle", say.MISSING_HANDLE())
            return None
        if platform is None:
            row.problem("platform", say.MISSING_PLATFORM())
            return None
        stored = self._checked(row, platform, handle)
        return None if stored is None else (platform, stored)

    def _checked(self, row: RowCells, platform: Platform, handle: str) -> str | None:
        """The handle, or None (and a problem) when it cannot be one on ``platform``."""
        invalid = handle_problem(platform, handle)
        if invalid is not None:
            row.problem("handle", say.read_error(invalid), value=handle)
            return None
        return handle

    def _as_of(self, values: dict[str, Any]) -> date:
        value = values.get("as_of")
        return value if isinstance(value, date) else self.plan.as_of

    # Kinds ------------------------------------------------------------------------------------

    def _account(self, row: RowCells) -> AccountRow | None:
        v = row.values()
        who = self._who(row, v)
        if who is None or row.problems:
            return None
        platform, handle = who
        taken_on = self._as_of(v)
        get = v.get
        followers, following, posts_count = get("followers"), get("following"), get("posts_count")
        # Positional construction: this runs once per row of million-row files.
        snapshot: AccountSnapshot | None = AccountSnapshot(
            taken_on,
            self.plan.source,
            followers,
            following,
            posts_count,
            get("avg_likes"),
            get("avg_comments"),
            get("avg_views"),
            get("avg_shares"),
            get("avg_saves"),
            get("avg_engagement"),
            get("avg_authentic_engagement"),
            get("engagement_rate"),
        )
        if not self._has_metrics:
            snapshot = None
        province = get("province")
        account = PlatformAccount(
            platform,
            handle,
            get("display_name"),
            get("bio"),
            tuple(get("categories") or ()),
            get("country") or ("TH" if province else None),
            province,
            tuple(get("languages") or ()),
            get("verified"),
            get("external_url"),
            get("contact"),
            get("has_profile_picture"),
            get("is_private"),
            followers,
            following,
            posts_count,
            get("top_audience_country"),
            taken_on,
            taken_on,
        )
        if snapshot is not None and all(
            getattr(snapshot, name) is None for name in SNAPSHOT_FIELDS
        ):
            snapshot = None
        return AccountRow(row.number, account, snapshot, get("creator_key"))

    def _post(self, row: RowCells) -> PostRow | None:
        values = row.values()
        url = values.get("url")
        post_id = values.get("post_id")
        from_url = post_from_url(url) if url else None
        if post_id is not None and "/" in str(post_id):
            from_id = post_from_url(str(post_id))
            if from_id is not None:
                url, from_url, post_id = url or str(post_id), from_id, from_id[2]
        if post_id is None and from_url is not None:
            post_id = from_url[2]
        if post_id is None:
            post_id = url
        who = self._who(row, values, required=from_url is None or from_url[1] is None)
        if who is None and from_url is not None and from_url[1] and not row.problems:
            chosen = values.get("platform") or self.plan.platform or from_url[0]
            if isinstance(chosen, Platform):
                stored = self._checked(row, chosen, from_url[1])
                who = None if stored is None else (chosen, stored)
        if post_id is None:
            row.problem("post_id", say.MISSING_POST_ID())
        caption = values.get("caption")
        if who is None or row.problems:
            return None
        hashtags = values.get("hashtags")
        mentions = values.get("mentions")
        post = Post(
            platform_post_id=str(post_id),
            post_type=values.get("post_type") or _default_post_type(who[0]),
            caption=caption,
            hashtags=tuple(read_list(hashtags, hashtags=True))
            if hashtags
            else extract_hashtags(caption),
            mentions=tuple(read_list(mentions, hashtags=True))
            if mentions
            else extract_mentions(caption),
            posted_at=values.get("posted_at"),
            url=url,
            likes=values.get("likes"),
            comments_count=values.get("comments"),
            shares=values.get("shares"),
            saves=values.get("saves"),
            views=values.get("views"),
            reach=values.get("reach"),
            is_sponsored=bool(values.get("is_sponsored")),
            brand_mentions=tuple(values.get("brand_mentions") or ()),
        )
        return PostRow(row.number, who[0], who[1], post)

    def _comment(self, row: RowCells) -> CommentRow | None:
        values = row.values()
        text = values.get("text")
        post_ref = values.get("post_id")
        handle: str | None = None
        platform = values.get("platform") or self.plan.platform
        if post_ref is not None and "/" in str(post_ref):
            found = post_from_url(str(post_ref))
            if found is not None:
                platform, handle, post_ref = platform or found[0], found[1], found[2]
        who = self._who(row, values, required=False)
        if who is not None:
            platform, handle = who
        elif handle is not None and isinstance(platform, Platform):
            handle = self._checked(row, platform, handle)
        if text is None:
            row.problem("text", say.MISSING_TEXT())
        if post_ref is None:
            row.problem("post_id", say.MISSING_POST())
        if platform is None:
            row.problem("platform", say.MISSING_PLATFORM())
        if row.problems or platform is None:
            return None
        author = values.get("author")
        comment = Comment(
            text=str(text),
            author=author.lstrip("@") if author else None,
            posted_at=values.get("posted_at"),
            likes=values.get("likes"),
            platform_comment_id=values.get("comment_id"),
        )
        return CommentRow(row.number, platform, handle, str(post_ref), comment)

    def _audience(self, row: RowCells) -> AudienceRow | None:
        values = row.values()
        who = self._who(row, values)
        shares: list[AudienceShare] = []
        if "share" in self.columns:
            self._long_share(row, values, shares)
        for index, header, dimension, segment in self.wide:
            raw = row.cell(index)
            try:
                value = read_value(ValueType.RATE, raw, percent_scale=True)
            except ValueError as error:
                row.problem(f"{dimension.value} {segment}", say.read_error(error), header, raw)
                continue
            if value is not None:
                shares.append(AudienceShare(dimension, segment, value))
        sample_size = values.get("sample_size")
        source = values.get("source") or self.plan.source
        if who is None or row.problems:
            return None
        if not shares:
            row.problem("share", say.NO_SHARES())
            return None
        return AudienceRow(
            row.number, who[0], who[1], str(source), self._as_of(values), sample_size, tuple(shares)
        )

    def _long_share(
        self, row: RowCells, values: dict[str, Any], shares: list[AudienceShare]
    ) -> None:
        dimension_text = values.get("dimension")
        segment_text = values.get("segment")
        share = values.get("share")
        if share is None:
            return
        try:
            dimension = AudienceDimension(str(dimension_text).strip().lower())
        except ValueError:
            row.problem("dimension", say.DIMENSION(), value=dimension_text)
            return
        if segment_text is None:
            row.problem("segment", say.MISSING_SEGMENT())
            return
        try:
            segment = _segment(dimension, str(segment_text))
        except ValueError as error:
            row.problem("segment", say.read_error(error), value=segment_text)
            return
        shares.append(AudienceShare(dimension, segment, share))

    def _follower(self, row: RowCells) -> FollowerRow | None:
        values = row.values()
        who = self._who(row, values)
        if who is None or row.problems:
            return None
        profile = FollowerProfile(
            followers=values.get("followers"),
            following=values.get("following"),
            posts=values.get("posts"),
            bio_length=values.get("bio_length"),
            has_picture=values.get("has_picture"),
            is_private=values.get("is_private"),
            username_length=values.get("username_length"),
            username_digits=values.get("username_digits"),
            username_digit_ratio=values.get("username_digit_ratio"),
            fullname_words=values.get("fullname_words"),
            fullname_digit_ratio=values.get("fullname_digit_ratio"),
            name_equals_username=values.get("name_equals_username"),
            has_external_url=values.get("has_external_url"),
            is_fake=values.get("is_fake"),
        )
        return FollowerRow(
            row.number, who[0], who[1], self._as_of(values), self.plan.source, profile
        )


def _segment(dimension: AudienceDimension, text: str) -> str:
    if dimension == AudienceDimension.GENDER:
        return normalise_gender(text)
    if dimension == AudienceDimension.AGE:
        return normalise_age_band(text)
    if dimension == AudienceDimension.COUNTRY:
        code = find_country(text)
        if code is None:
            raise say.CellError(say.NOT_A_COUNTRY(value=repr(text)))
        return code
    province = find_province(text)
    if province is None:
        raise say.CellError(say.NOT_A_PROVINCE(value=repr(text)))
    return province.code


def _default_post_type(platform: Platform) -> PostType:
    if platform in {Platform.TIKTOK, Platform.YOUTUBE}:
        return PostType.VIDEO
    if platform in {Platform.X, Platform.PANTIP}:
        return PostType.TEXT
    return PostType.IMAGE


def _with(account: PlatformAccount, **changes: Any) -> PlatformAccount:
    return account._replace(**changes)
