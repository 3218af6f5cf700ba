"""``kolscope brands``: being written (issue #16)."""

from __future__ import annotations

import typer

brands = typer.Typer(help="Brands (issue #16).", no_args_is_help=True)
