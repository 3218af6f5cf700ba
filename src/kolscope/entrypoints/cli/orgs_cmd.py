"""``kolscope orgs``: the organisations (tenants) of this installation."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from kolscope.entrypoints.cli.context import fail, state

orgs = typer.Typer(
    help="Organisations: each has its own people, brands, shortlists, jobs and import log.",
    no_args_is_help=True,
)


@orgs.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The organisation's name.")],
    owner: Annotated[str, typer.Option(help="Email of its first owner (their login).")],
    owner_name: Annotated[
        str | None,
        typer.Option("--name", help="The owner's name (default: the email before the @)."),
    ] = None,
    password: Annotated[
        str | None,
        typer.Option(
            help="The owner's first password, at least 10 characters (asked for when not given).",
            envvar="KOLSCOPE_NEW_PASSWORD",
        ),
    ] = None,
) -> None:
    """Create an organisation with its first owner (who then adds their own people)."""
    cli = state(ctx)
    service = cli.workspace().organisations
    secret = password or typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = service.create(name, owner, owner_name or "", secret)
    except ValueError as error:
        fail(cli, str(error))
    cli.out.print(
        f"created organisation #{user.organisation.id} {escape(user.organisation.name)} "
        f"with its owner {user.email}",
        highlight=False,
    )


@orgs.command("list")
def list_organisations(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The organisations, oldest first (the first one runs the installation)."""
    cli = state(ctx)
    found = cli.workspace().organisations.organisations()
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "id": o.id,
                        "name": o.name,
                        "created_at": o.created_at.isoformat(),
                        "people": o.people,
                        "owners": list(o.owners),
                    }
                    for o in found
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not found:
        cli.out.print("no organisations yet (kolscope users create, or the web's first run)")
        return
    table = Table("id", "name", "people", "owners", "created", box=None, pad_edge=False)
    for o in found:
        table.add_row(
            str(o.id),
            escape(o.name),
            str(o.people),
            escape(", ".join(o.owners)),
            o.created_at.astimezone().strftime("%Y-%m-%d"),
        )
    cli.out.print(table)
