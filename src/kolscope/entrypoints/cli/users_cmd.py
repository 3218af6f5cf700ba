"""``kolscope users``: people who log in to the web app (create, list, roles, password resets)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from kolscope.domain.team import Role
from kolscope.entrypoints.cli.context import fail, state

users = typer.Typer(help="People who log in to the web app.", no_args_is_help=True)


@users.command("create")
def create(
    ctx: typer.Context,
    email: Annotated[str, typer.Option(help="Their email address (the login).")],
    name: Annotated[str, typer.Option(help="Their name.")],
    role: Annotated[Role, typer.Option(help="owner, member or client.")] = Role.OWNER,
    password: Annotated[
        str | None,
        typer.Option(
            help="At least 10 characters (asked for when not given).",
            envvar="KOLSCOPE_NEW_PASSWORD",
        ),
    ] = None,
    organisation: Annotated[
        str | None, typer.Option(help="Organisation name for the first user.")
    ] = None,
) -> None:
    """Create a user (the first one also creates the organisation)."""
    cli = state(ctx)
    team = cli.workspace().team
    secret = password or typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        if team.needs_setup():
            if role != Role.OWNER:
                fail(cli, "the first user must be an owner (--role owner)")
            user = team.create_first_owner(organisation or "My organisation", email, name, secret)
        else:
            user = team.add_user(team.default_organisation(), email, name, secret, role)
    except ValueError as error:
        fail(cli, str(error))
    cli.out.print(f"created {user.role.value} {user.email} in {user.organisation.name}")


@users.command("list")
def list_users(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the people of the organisation."""
    cli = state(ctx)
    team = cli.workspace().team
    people = team.users(team.default_organisation())
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "id": u.id,
                        "email": u.email,
                        "name": u.name,
                        "role": u.role.value,
                        "active": u.is_active,
                        "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
                    }
                    for u in people
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    table = Table("email", "name", "role", "active", "last login", box=None, pad_edge=False)
    for u in people:
        table.add_row(
            u.email,
            u.name,
            u.role.value,
            "yes" if u.is_active else "no",
            u.last_login_at.isoformat(timespec="minutes") if u.last_login_at else "never",
        )
    cli.out.print(table)


@users.command("set-role")
def set_role(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="Whose role to change.")],
    role: Annotated[Role, typer.Argument(help="owner, member or client.")],
    active: Annotated[bool, typer.Option("--active/--inactive", help="Allow logging in.")] = True,
) -> None:
    """Change someone's role, or stop them logging in (--inactive)."""
    cli = state(ctx)
    team = cli.workspace().team
    try:
        user = team.user_by_email(email)
    except ValueError as error:
        fail(cli, str(error))
    if user is None:
        fail(cli, f"no user {email!r}")
    team.change_role(user.id, role, active=active)
    cli.out.print(f"{user.email} is now {role.value}{'' if active else ' (inactive)'}")


@users.command("reset-password")
def reset_password(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="Whose password to reset.")],
) -> None:
    """Make a single-use link to choose a new password (valid 2 hours). It is mailed when a
    mail server is set (KOLSCOPE_SMTP_URL), else printed here for you to pass on."""
    cli = state(ctx)
    workspace = cli.workspace()
    started = workspace.resets.start(email)
    if started is None:
        fail(cli, f"no active user {email!r}")
    if started.mailed:
        cli.out.print(f"a reset link was mailed to {email.strip()}")
    else:
        cli.out.print(f"reset link for {email.strip()} (valid 2 hours, once):")
        typer.echo(started.link)
