"""What every command shares: the chosen workspace, output consoles and the bad-input exit."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from kolscope.bootstrap import Workspace, open_workspace
from kolscope.config import DEFAULT_WORKSPACE, Settings

BAD_INPUT = 2
DEMO_WORKSPACE = Path("kolscope-demo")


@dataclass
class CliState:
    workspace_option: Path | None = None
    out: Console = field(default_factory=lambda: Console(soft_wrap=True))
    err: Console = field(default_factory=lambda: Console(stderr=True, soft_wrap=True))
    _opened: Workspace | None = None

    @property
    def workspace_chosen(self) -> bool:
        return self.workspace_option is not None or bool(os.environ.get("KOLSCOPE_WORKSPACE"))

    def settings(self, *, default: Path = DEFAULT_WORKSPACE) -> Settings:
        try:
            settings = Settings()
        except ValidationError as error:
            fail(
                self,
                "; ".join(
                    str(e.get("msg", e)).removeprefix("Value error, ") for e in error.errors()
                ),
            )
        if self.workspace_option is not None:
            settings = settings.model_copy(update={"workspace": self.workspace_option})
        elif not os.environ.get("KOLSCOPE_WORKSPACE"):
            settings = settings.model_copy(update={"workspace": default})
        return settings

    def workspace(self, *, synthetic: bool = False, default: Path = DEFAULT_WORKSPACE) -> Workspace:
        if self._opened is None:
            try:
                self._opened = open_workspace(self.settings(default=default), synthetic=synthetic)
            except ValueError as error:  # a broken kolscope.toml
                fail(self, str(error))
        return self._opened

    def close(self) -> None:
        if self._opened is not None:
            self._opened.close()
            self._opened = None


def state(ctx: typer.Context) -> CliState:
    found = ctx.find_object(CliState)
    if found is None:
        found = CliState()
        ctx.obj = found
    return found


def fail(cli: CliState, message: str) -> NoReturn:
    """Report bad input on stderr and exit with code 2 (the documented contract)."""
    cli.err.print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    raise typer.Exit(BAD_INPUT)


def progress_bar(
    cli: CliState, *, spinner: bool = False, note: bool = False, disable: bool = False
) -> Progress:
    """The progress bar every long command shows on stderr (gone when done): what, a bar,
    done/total and time, with a spinner in front and a note (the job's message) after when
    asked."""
    columns: list[ProgressColumn] = [SpinnerColumn()] if spinner else []
    columns += [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
    columns.append(TimeElapsedColumn())
    if note:
        columns.append(TextColumn("{task.fields[note]}"))
    return Progress(*columns, console=cli.err, transient=True, disable=disable)
