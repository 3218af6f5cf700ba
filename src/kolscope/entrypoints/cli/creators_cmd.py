"""``kolscope creators``: list creators with filters, or show one in full."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from kolscope.catalogue.facade import CreatorFilters, account_dict, detail_dict
from kolscope.domain.creators import parse_account_reference
from kolscope.domain.places import PROVINCES_BY_CODE, country_name
from kolscope.domain.quantities import format_count
from kolscope.entrypoints.cli.context import fail, state
from kolscope.entrypoints.cli.options import read_count, read_place, read_platforms
from kolscope.entrypoints.cli.sparkline import sparkline

creators = typer.Typer(help="Browse the creators in the workspace.", no_args_is_help=True)

SYNTHETIC_NOTE = "[bold magenta]Synthetic demo data[/]: every name and number here is made up."


def _place(province: str | None) -> str:
    if province and province in PROVINCES_BY_CODE:
        return PROVINCES_BY_CODE[province].name_en
    return province or ""


@creators.command("list")
def list_creators(
    ctx: typer.Context,
    platform: Annotated[
        list[str] | None, typer.Option(help="Only these platforms (repeatable).")
    ] = None,
    tier: Annotated[str | None, typer.Option(help="Only this tier, e.g. micro.")] = None,
    scheme: Annotated[
        str | None, typer.Option(help="Tier scheme: standard, wide-micro, kol-th or your own.")
    ] = None,
    min_followers: Annotated[
        str | None, typer.Option(help="At least this many followers (10K works).")
    ] = None,
    max_followers: Annotated[
        str | None, typer.Option(help="At most this many followers (1.5M works).")
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="Country name or code (Thailand, TH).")
    ] = None,
    province: Annotated[
        str | None, typer.Option(help="Thai province in Thai or English (เชียงใหม่, Chiang Mai).")
    ] = None,
    text: Annotated[
        str | None, typer.Option(help="Words in the handle, name or bio (Thai works).")
    ] = None,
    category: Annotated[str | None, typer.Option(help="A category label.")] = None,
    sort: Annotated[
        str, typer.Option(help="followers, -followers (fewest first), handle or recent.")
    ] = "followers",
    limit: Annotated[int, typer.Option(help="How many to show (1-1000).")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many (for paging).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List creators' accounts, biggest first, with their tier in the chosen scheme."""
    cli = state(ctx)
    country_code, province_code = read_place(cli, country, province)
    filters = CreatorFilters(
        platforms=read_platforms(cli, platform),
        tier=tier,
        scheme=scheme,
        min_followers=read_count(cli, "--min-followers", min_followers),
        max_followers=read_count(cli, "--max-followers", max_followers),
        country=country_code,
        province=province_code,
        text=text,
        category=category,
        sort=sort,
        limit=limit,
        offset=offset,
        with_snapshots=as_json,
    )
    workspace = cli.workspace()
    try:
        result = workspace.creators.list(filters)
    except ValueError as error:
        fail(cli, str(error))
    page = result.page
    if as_json:
        payload = {
            "workspace": {"name": workspace.config.name, "synthetic": workspace.config.synthetic},
            "scheme": result.scheme.name,
            "total": page.total,
            "limit": limit,
            "offset": offset,
            "creators": [
                account_dict(a, result.scheme, page.creators.get(a.creator_id or -1))
                for a in page.accounts
            ],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if workspace.config.synthetic:
        cli.out.print(SYNTHETIC_NOTE)
    table = Table(
        "platform",
        "handle",
        "name",
        "followers",
        f"tier ({result.scheme.name})",
        "country",
        "province",
        "last seen",
        box=None,
        pad_edge=False,
    )
    for account in page.accounts:
        tier_found = result.scheme.tier_for(account.followers)
        table.add_row(
            account.platform.value,
            account.handle,
            account.display_name or "",
            format_count(account.followers),
            tier_found.name if tier_found else "unknown",
            country_name(account.country) or "",
            _place(account.province),
            account.last_seen.isoformat() if account.last_seen else "",
        )
    cli.out.print(table)
    shown = len(page.accounts)
    cli.out.print(
        f"{shown} of {page.total} accounts"
        + (f" (from {offset + 1})" if offset else "")
        + (f"; next page: --offset {offset + shown}" if offset + shown < page.total else "")
    )


@creators.command("show")
def show_creator(
    ctx: typer.Context,
    reference: Annotated[
        str, typer.Argument(metavar="PLATFORM:HANDLE", help="For example instagram:som.review")
    ],
    scheme: Annotated[str | None, typer.Option(help="Tier scheme to show the tier in.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one account: profile, tier, follower history, posts and audience."""
    cli = state(ctx)
    try:
        platform, handle = parse_account_reference(reference)
    except ValueError as error:
        fail(cli, str(error))
    workspace = cli.workspace()
    try:
        tier_scheme = workspace.creators.scheme(scheme)
    except ValueError as error:
        fail(cli, str(error))
    detail = workspace.creators.show(platform, handle)
    if detail is None:
        fail(
            cli,
            f"{platform.value}:{handle} is not in the workspace "
            f"(try `kolscope creators list --text {handle}`)",
        )
    if as_json:
        data = detail_dict(detail, tier_scheme)
        data["synthetic"] = workspace.config.synthetic
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    account = detail.account
    if workspace.config.synthetic:
        cli.out.print(SYNTHETIC_NOTE)
    tier = tier_scheme.tier_for(account.followers)
    lines = [
        f"[bold]{account.display_name or account.handle}[/]  {account.reference}",
        f"followers {format_count(account.followers)}  ·  tier {tier or 'unknown'}",
        f"following {format_count(account.following)}"
        f"  ·  posts {format_count(account.posts_count)}",
    ]
    place = ", ".join(x for x in (_place(account.province), country_name(account.country)) if x)
    if place:
        lines.append(place)
    if account.categories:
        lines.append("categories: " + ", ".join(account.categories))
    if account.bio:
        lines.append("")
        lines.append(account.bio)
    others = [a.reference for a in detail.creator.accounts if a.reference != account.reference]
    if others:
        lines.append("also on: " + ", ".join(others))
    cli.out.print(
        Panel("\n".join(lines), title=detail.creator.display_name, expand=False), highlight=False
    )
    history = [s for s in account.snapshots if s.followers is not None]
    if history:
        cli.out.print(
            f"followers over time: {sparkline([s.followers or 0 for s in history])}  "
            f"({history[0].taken_on} → {history[-1].taken_on})"
        )
        table = Table(
            "date",
            "followers",
            "following",
            "posts",
            "avg likes",
            "avg comments",
            "avg views",
            "source",
            box=None,
            pad_edge=False,
        )
        for snap in account.snapshots[-24:]:
            table.add_row(
                snap.taken_on.isoformat(),
                format_count(snap.followers),
                format_count(snap.following),
                format_count(snap.posts_count),
                format_count(snap.avg_likes),
                format_count(snap.avg_comments),
                format_count(snap.avg_views),
                snap.source,
            )
        cli.out.print(table)
    cli.out.print(f"posts: {detail.post_count}  ·  comments: {detail.comment_count}")
    for post in detail.recent_posts[:5]:
        when = post.posted_at.date().isoformat() if post.posted_at else "?"
        caption = (post.caption or "").replace("\n", " ")[:90]
        cli.out.print(
            f"  {when}  ♥ {format_count(post.likes)}  💬 {format_count(post.comments_count)}"
            f"  {caption}",
            highlight=False,
            markup=False,
        )
    for profile in detail.audience[:1]:
        parts = [f"{share.segment} {share.share:.0%}" for share in profile.shares[:8]]
        cli.out.print(
            f"audience ({profile.source}, n={profile.sample_size or '?'}): " + ", ".join(parts),
            highlight=False,
        )
