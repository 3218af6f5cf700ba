"""``kolscope campaigns``: being written (issue #16)."""

from __future__ import annotations

import typer

campaigns = typer.Typer(help="Campaigns (issue #16).", no_args_is_help=True)
