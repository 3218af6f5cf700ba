"""``kolscope creators search``, ``creators match`` and ``creators index``: discovery."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from kolscope.discovery.export import EXPORT_COLUMNS, export_row, result_dict
from kolscope.discovery.handle_lists import ListFileError, read_handles
from kolscope.discovery.indexing import submit_index
from kolscope.discovery.query import (
    AudienceCondition,
    SearchError,
    SearchRequest,
    SearchResult,
)
from kolscope.domain.quantities import format_count
from kolscope.domain.team import INSTALLATION
from kolscope.entrypoints.cli.context import CliState, fail, state
from kolscope.entrypoints.cli.job_views import leave_queued
from kolscope.entrypoints.cli.options import read_count, read_place, read_platforms
from kolscope.infra.table_files import ExportError, write_table
from kolscope.vetting.signals.audience_fit import AudienceTarget

Opt = typer.Option


def _audience(cli: CliState, values: list[str] | None) -> tuple[AudienceCondition, ...]:
    try:
        return tuple(AudienceCondition.parse(v) for v in values or [])
    except SearchError as error:
        fail(cli, f"--audience: {error}")


def _target(cli: CliState, items: list[str] | None) -> AudienceTarget | None:
    if not items:
        return None
    try:
        return AudienceTarget.parse(items)
    except ValueError as error:
        fail(cli, f"--target: {error}")


def _print(cli: CliState, result: SearchResult, as_json: bool, synthetic: bool) -> None:
    if as_json:
        payload: dict[str, Any] = {"synthetic": synthetic, **result_dict(result)}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if synthetic:
        cli.out.print("[bold magenta]Synthetic demo data[/]: every name and number is made up.")
    for number, hit in enumerate(result.hits, start=result.request.offset + 1):
        row = hit.row
        quality = "" if row.quality_score is None else f"  quality {row.quality_score:.0f}"
        cli.out.print(
            f"{number:>3}. {hit.reference}  {row.display_name or ''}\n"
            f"     {format_count(row.followers)} followers, {hit.tier or 'unknown tier'}"
            f" ({result.scheme.name}), {row.creator_type}, "
            f"{', '.join(n.niche for n in row.niches[:3]) or 'no niche'}{quality}",
            markup=False,
            highlight=False,
        )
        for line in hit.why:
            cli.out.print(f"       · {line}", markup=False, highlight=False)
    total = f"{result.total:,}+" if result.total_capped else f"{result.total:,}"
    cli.out.print(f"{len(result.hits)} shown of {total} matching ({result.indexed:,} indexed)")
    for note in result.notes:
        cli.out.print(f"note: {note}", markup=False)
    if result.indexed == 0:
        cli.out.print("The search index is empty: run `kolscope creators index`.")


def _export(cli: CliState, result: SearchResult, path: Path | None) -> None:
    if path is None:
        return
    try:
        written = write_table(
            path, EXPORT_COLUMNS, (export_row(h) for h in result.hits), title="search"
        )
    except ExportError as error:
        fail(cli, str(error))
    cli.err.print(f"wrote {written} rows to {path}")


def register(creators: typer.Typer) -> None:
    @creators.command("search")
    def search(
        ctx: typer.Context,
        text: Annotated[
            str | None, Opt(help="Words in bios, captions or hashtags (Thai works: ครีมกันแดด).")
        ] = None,
        hashtag: Annotated[
            str | None, Opt(help="Uses this hashtag (#skincaretips or รีวิวบิวตี้).")
        ] = None,
        mentions: Annotated[str | None, Opt(help="Mentions this handle in posts (@brand).")] = None,
        niche: Annotated[
            list[str] | None, Opt(help="In this niche (repeatable: any of them).")
        ] = None,
        tier: Annotated[str | None, Opt(help="In this tier of the scheme, e.g. micro.")] = None,
        scheme: Annotated[
            str | None, Opt(help="Tier scheme: standard, wide-micro, kol-th or your own.")
        ] = None,
        creator_type: Annotated[str | None, Opt("--type", help="kol, koc or creator.")] = None,
        platform: Annotated[
            list[str] | None, Opt(help="Only these platforms (repeatable).")
        ] = None,
        country: Annotated[str | None, Opt(help="Country name or code (Thailand, TH).")] = None,
        province: Annotated[str | None, Opt(help="Thai province in Thai or English.")] = None,
        language: Annotated[str | None, Opt(help="Posts mostly in th, en or mixed.")] = None,
        min_followers: Annotated[
            str | None, Opt(help="At least this many followers (10K works).")
        ] = None,
        max_followers: Annotated[str | None, Opt(help="At most this many followers.")] = None,
        min_er: Annotated[
            float | None, Opt(help="Engagement rate at least this many per cent.")
        ] = None,
        max_er: Annotated[
            float | None, Opt(help="Engagement rate at most this many per cent.")
        ] = None,
        min_quality: Annotated[
            float | None, Opt(help="Audit quality score at least this (0-100).")
        ] = None,
        audience: Annotated[
            list[str] | None,
            Opt(help="Audience share: female>=60%, 18-24>=40%, TH>=50%, TH-10>=20% (repeatable)."),
        ] = None,
        min_price: Annotated[
            str | None, Opt(help="Estimated price per post at least this (THB).")
        ] = None,
        max_price: Annotated[
            str | None, Opt(help="Estimated price per post at most this (THB).")
        ] = None,
        active_within: Annotated[int | None, Opt(help="Posted within this many days.")] = None,
        verified: Annotated[
            bool | None, Opt("--verified/--not-verified", help="Verified accounts only (or not).")
        ] = None,
        has_contact: Annotated[
            bool | None,
            Opt("--has-contact/--no-contact", help="Has a contact (e-mail, LINE, link)."),
        ] = None,
        fans_of: Annotated[
            str | None, Opt(help="Mentions or tags this brand in unsponsored posts.")
        ] = None,
        like: Annotated[
            str | None, Opt(metavar="PLATFORM:HANDLE", help="More like this creator.")
        ] = None,
        brand: Annotated[str | None, Opt(help="Rank by fit for this brand.")] = None,
        target: Annotated[
            list[str] | None,
            Opt(
                help="The brief's audience for brand fit: gender=female, age=18-24,25-34, "
                "country=TH, province=TH-10 (repeatable)."
            ),
        ] = None,
        sort: Annotated[
            str, Opt(help="relevance, followers, engagement, quality, recent, fit.")
        ] = "relevance",
        limit: Annotated[int, Opt(help="How many to show (1-500).")] = 25,
        offset: Annotated[int, Opt(help="Skip this many (paging).")] = 0,
        export: Annotated[
            Path | None, Opt(help="Also write the results to this .csv or .xlsx.")
        ] = None,
        save: Annotated[str | None, Opt(help="Save this search under a name.")] = None,
        saved: Annotated[
            str | None, Opt(help="Run a saved search (other filters are ignored).")
        ] = None,
        as_json: Annotated[bool, Opt("--json", help="Print JSON.")] = False,
    ) -> None:
        """Find creators by niche, type, place, size, engagement, quality, audience, price,
        words, hashtags, mentions, fans of a brand or likeness; each result says why."""
        cli = state(ctx)
        country_code, province_code = read_place(cli, country, province)
        request = SearchRequest(
            text=text,
            hashtag=hashtag,
            mentions=mentions,
            niches=tuple(niche or ()),
            tier=tier,
            scheme=scheme,
            creator_type=creator_type,
            platforms=read_platforms(cli, platform),
            country=country_code,
            province=province_code,
            language=language,
            min_followers=read_count(cli, "--min-followers", min_followers),
            max_followers=read_count(cli, "--max-followers", max_followers),
            min_er=min_er,
            max_er=max_er,
            min_quality=min_quality,
            audience=_audience(cli, audience),
            min_price=read_count(cli, "--min-price", min_price),
            max_price=read_count(cli, "--max-price", max_price),
            active_within_days=active_within,
            verified=verified,
            has_contact=has_contact,
            fans_of=fans_of,
            like=like,
            brand=brand,
            target=_target(cli, target),
            sort=sort,
            limit=limit,
            offset=offset,
        )
        workspace = cli.workspace()
        try:
            if saved:
                found = workspace.shortlists.search_named(
                    saved, workspace.shortlists.organisation_for_cli()
                )
                request = replace(found.request, limit=limit, offset=offset)
            result = workspace.discovery.search(request, INSTALLATION)
            if save:
                workspace.shortlists.save_search(
                    save, request, workspace.shortlists.organisation_for_cli()
                )
        except (SearchError, ValueError) as error:
            fail(cli, str(error))
        _print(cli, result, as_json, workspace.config.synthetic)
        _export(cli, result, export)

    @creators.command("match")
    def match(
        ctx: typer.Context,
        file: Annotated[
            Path,
            typer.Argument(
                help="Handles, one per line, or a CSV/XLSX export with a handle column."
            ),
        ],
        niche: Annotated[list[str] | None, Opt(help="Only in this niche (repeatable).")] = None,
        creator_type: Annotated[str | None, Opt("--type", help="kol, koc or creator.")] = None,
        min_followers: Annotated[str | None, Opt(help="At least this many followers.")] = None,
        brand: Annotated[str | None, Opt(help="Rank by fit for this brand.")] = None,
        target: Annotated[
            list[str] | None,
            Opt(
                help="The brief's audience for brand fit: gender=female, age=18-24,25-34, "
                "country=TH, province=TH-10 (repeatable)."
            ),
        ] = None,
        limit: Annotated[int, Opt(help="How many to show (1-500).")] = 100,
        export: Annotated[
            Path | None, Opt(help="Also write the matches to this .csv or .xlsx.")
        ] = None,
        as_json: Annotated[bool, Opt("--json", help="Print JSON.")] = False,
    ) -> None:
        """Find creators among a brand's own customers or followers (a list of handles)."""
        cli = state(ctx)
        try:
            handles = read_handles(file)
        except ListFileError as error:
            fail(cli, str(error))
        workspace = cli.workspace()
        request = SearchRequest(
            niches=tuple(niche or ()),
            creator_type=creator_type,
            min_followers=read_count(cli, "--min-followers", min_followers),
            brand=brand,
            target=_target(cli, target),
            sort="fit" if brand else "followers",
            limit=limit,
        )
        try:
            found = workspace.discovery.match_list(handles.handles, request, INSTALLATION)
        except SearchError as error:
            fail(cli, str(error))
        if as_json:
            payload = {
                "synthetic": workspace.config.synthetic,
                "list": {
                    "file": str(file),
                    "rows": handles.rows,
                    "handles": len(handles.handles),
                    "skipped_rows": handles.skipped,
                    "column": handles.column,
                    "accounts_found": found.accounts_found,
                },
                **result_dict(found.result),
            }
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            cli.out.print(
                f"{len(handles.handles):,} handles read from {file.name}"
                + (f" (column {handles.column!r})" if handles.column else "")
                + f"; {handles.skipped:,} rows without a handle skipped; "
                f"{found.accounts_found:,} are creators in the workspace",
                markup=False,
            )
            _print(cli, found.result, False, workspace.config.synthetic)
        _export(cli, found.result, export)

    @creators.command("index")
    def index(
        ctx: typer.Context,
        everything: Annotated[
            bool, Opt("--all", help="Rebuild every account, not only changed ones.")
        ] = False,
        background: Annotated[
            bool, Opt("--background", help="Queue it as a job for a worker instead.")
        ] = False,
    ) -> None:
        """Bring the search index up to date (imports do this by themselves)."""
        cli = state(ctx)
        workspace = cli.workspace()
        if background:
            job = submit_index(workspace.jobs, everything=everything)
            cli.out.print(f"job #{job.id} queued: {job.title}", markup=False)
            leave_queued(cli, job, as_json=False)
            return
        report = workspace.discovery_index.refresh(everything=everything)
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(report.by_type.items())) or "none"
        cli.out.print(
            f"indexed {report.indexed:,} accounts in {report.seconds:.1f} s ({kinds})",
            markup=False,
        )
