"""``kolscope brands``: the brands the workspace works for (add, list, show, edit).

The command line is run by whoever runs the server, so it signs in no one: it works in the
workspace's first organisation, as ``kolscope shortlists`` does, and never sees or changes
another organisation's brands. A brand's category is a niche of the discovery taxonomy (the
niche brand fit ranks by), given by its id or its English or Thai name, and stored as the id.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from kolscope.bootstrap import Workspace
from kolscope.catalogue.facade import BrandError
from kolscope.discovery.facade import NICHES, NICHES_BY_ID
from kolscope.domain.brands import Brand
from kolscope.domain.team import Scope
from kolscope.entrypoints.cli.context import CliState, fail, state

brands = typer.Typer(
    help="Brands: their handles, hashtags, category, tone and competitors.",
    no_args_is_help=True,
)

NameArg = Annotated[str, typer.Argument(help="The brand's name (or one of its handles).")]
HandlesOpt = Annotated[
    str | None,
    typer.Option(help='The brand\'s own accounts, separated by commas or spaces ("" clears).'),
]
HashtagsOpt = Annotated[
    str | None,
    typer.Option(help='Its hashtags, separated by commas or spaces, # optional ("" clears).'),
]
CategoryOpt = Annotated[
    str | None,
    typer.Option(
        help='Its niche: an id such as skincare, or its English or Thai name ("" clears).'
    ),
]
ToneOpt = Annotated[
    str | None, typer.Option(help='Notes on the brand\'s tone of voice ("" clears).')
]
CompetitorsOpt = Annotated[
    str | None, typer.Option(help='Competing brands, separated by commas ("" clears).')
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _category(cli: CliState, text: str | None) -> str | None:
    """The niche id a category names (None when not given, "" to clear it), or exit 2."""
    if text is None:
        return None
    if not text.strip():
        return ""
    wanted = " ".join(text.split()).casefold()
    found = next((n for n in NICHES if wanted in (n.id, n.en.casefold(), n.th)), None)
    if found is None:
        known = ", ".join(n.id for n in NICHES)
        fail(cli, f"unknown category {text.strip()!r} (categories: {known})")
    return found.id


def _organisation(workspace: Workspace) -> int | None:
    """The organisation the command line works in: the workspace's first (None before any)."""
    return workspace.shortlists.organisation_for_cli()


def _brand_dict(brand: Brand) -> dict[str, Any]:
    """A brand as ``--json`` prints it (the keys are part of the CLI's contract)."""
    return {
        "id": brand.id,
        "name": brand.name,
        "handles": list(brand.handles),
        "hashtags": list(brand.hashtags),
        "category": brand.niche,
        "tone": brand.tone_notes,
        "competitors": list(brand.competitors),
    }


def _category_label(niche: str | None) -> str:
    if niche is None:
        return ""
    found = NICHES_BY_ID.get(niche)
    return niche if found is None else f"{niche} ({found.en})"


def _handles(items: tuple[str, ...], mark: str) -> str:
    return " ".join(mark + item for item in items)


@brands.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The brand's name.")],
    handles: HandlesOpt = None,
    hashtags: HashtagsOpt = None,
    category: CategoryOpt = None,
    tone: ToneOpt = None,
    competitors: CompetitorsOpt = None,
) -> None:
    """Add a brand (change one later with `kolscope brands edit`)."""
    cli = state(ctx)
    niche = _category(cli, category)
    workspace = cli.workspace()
    book = workspace.brands
    organisation = _organisation(workspace)
    wanted = " ".join(name.split()).casefold()
    existing = next(
        (b for b in book.visible(Scope(organisation)) if b.name.casefold() == wanted), None
    )
    if wanted and existing is not None:
        fail(
            cli,
            f"there is already a brand named {existing.name!r} "
            "(change it with `kolscope brands edit`)",
        )
    try:
        brand = book.add_to(
            organisation,
            name,
            handles=handles or "",
            hashtags=hashtags or "",
            niche=niche or "",
            tone_notes=tone or "",
            competitors=competitors or "",
        )
    except BrandError as error:
        fail(cli, error.message)
    cli.out.print(f"added brand {brand.name}", markup=False, highlight=False)


@brands.command("list")
def list_brands(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The brands, by name, with their category, handles and hashtags."""
    cli = state(ctx)
    workspace = cli.workspace()
    found = workspace.brands.visible(Scope(_organisation(workspace)))
    if as_json:
        payload = [_brand_dict(b) for b in found]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not found:
        cli.out.print("no brands yet (kolscope brands add NAME)")
        return
    table = Table("brand", "category", "handles", "hashtags", box=None, pad_edge=False)
    for b in found:
        table.add_row(b.name, b.niche or "", _handles(b.handles, "@"), _handles(b.hashtags, "#"))
    cli.out.print(table, markup=False, highlight=False)


@brands.command("show")
def show(ctx: typer.Context, name: NameArg, as_json: JsonOpt = False) -> None:
    """A brand's handles, hashtags, category, tone and competitors."""
    cli = state(ctx)
    workspace = cli.workspace()
    brand = workspace.brands.named(Scope(_organisation(workspace)), name)
    if brand is None:
        fail(cli, f"no brand named {name.strip()!r} (see `kolscope brands list`)")
    if as_json:
        typer.echo(json.dumps(_brand_dict(brand), ensure_ascii=False, indent=2))
        return
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_row("brand", brand.name)
    table.add_row("handles", _handles(brand.handles, "@"))
    table.add_row("hashtags", _handles(brand.hashtags, "#"))
    table.add_row("category", _category_label(brand.niche))
    table.add_row("tone", brand.tone_notes or "")
    table.add_row("competitors", ", ".join(brand.competitors))
    cli.out.print(table, markup=False, highlight=False)


@brands.command("edit")
def edit(
    ctx: typer.Context,
    name: NameArg,
    new_name: Annotated[str | None, typer.Option("--name", help="Rename the brand.")] = None,
    handles: HandlesOpt = None,
    hashtags: HashtagsOpt = None,
    category: CategoryOpt = None,
    tone: ToneOpt = None,
    competitors: CompetitorsOpt = None,
) -> None:
    """Change a brand: what you give replaces what it had ("" clears), the rest stays."""
    cli = state(ctx)
    changes = (new_name, handles, hashtags, category, tone, competitors)
    if all(c is None for c in changes):
        fail(
            cli,
            "nothing to change: give --name, --handles, --hashtags, --category, --tone "
            "or --competitors",
        )
    niche = _category(cli, category)
    workspace = cli.workspace()
    try:
        brand = workspace.brands.edit_in(
            _organisation(workspace),
            name,
            new_name=new_name,
            handles=handles,
            hashtags=hashtags,
            niche=niche,
            tone_notes=tone,
            competitors=competitors,
        )
    except BrandError as error:
        fail(cli, error.message)
    cli.out.print(f"changed brand {brand.name}", markup=False, highlight=False)
