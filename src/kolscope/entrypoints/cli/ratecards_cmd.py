"""``kolscope ratecards``: being written (issue #16)."""

from __future__ import annotations

import typer

ratecards = typer.Typer(help="Ratecards (issue #16).", no_args_is_help=True)
