"""The ``kolscope`` command: workspace selection and the commands it groups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kolscope import __version__
from kolscope.entrypoints.cli import (
    attribution_cmd,
    audit_cmd,
    brands_cmd,
    campaign_board_cmd,
    campaigns_cmd,
    codes_cmd,
    comments_cmd,
    creators_cmd,
    followers_cmd,
    import_cmd,
    jobs_cmd,
    links_cmd,
    nlp_cmd,
    orders_cmd,
    ratecards_cmd,
    redirect_cmd,
    search_cmd,
    shops_cmd,
    shortlists_cmd,
    workspace_cmd,
)
from kolscope.entrypoints.cli.context import CliState
from kolscope.entrypoints.cli.orgs_cmd import orgs
from kolscope.entrypoints.cli.users_cmd import users

app = typer.Typer(
    name="kolscope",
    help="kolscope: find, vet, plan, track and measure influencer marketing (Thai-first).",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kolscope {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            help="Workspace folder (default: $KOLSCOPE_WORKSPACE, else ./kolscope-workspace).",
            file_okay=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Choose the workspace every command works in."""
    del version  # handled by its callback
    state = CliState(workspace_option=workspace)
    ctx.obj = state
    ctx.call_on_close(state.close)


workspace_cmd.register(app)
import_cmd.register(app)
search_cmd.register(creators_cmd.creators)
app.add_typer(creators_cmd.creators, name="creators")
app.add_typer(shortlists_cmd.shortlists, name="shortlists")
jobs_cmd.register(app)
audit_cmd.register(app)
app.add_typer(jobs_cmd.jobs, name="jobs")
app.add_typer(users, name="users")
app.add_typer(orgs, name="orgs")
app.add_typer(nlp_cmd.nlp, name="nlp")
app.add_typer(comments_cmd.comments, name="comments")
app.add_typer(followers_cmd.followers, name="followers")
app.add_typer(brands_cmd.brands, name="brands")
del campaign_board_cmd  # its commands join the campaigns group
app.add_typer(campaigns_cmd.campaigns, name="campaigns")
app.add_typer(ratecards_cmd.ratecards, name="ratecards")
app.add_typer(links_cmd.links, name="links")
app.add_typer(codes_cmd.codes, name="codes")
app.add_typer(attribution_cmd.attribution, name="attribution")
app.add_typer(orders_cmd.orders, name="orders")
app.add_typer(shops_cmd.shops, name="shops")
redirect_cmd.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
