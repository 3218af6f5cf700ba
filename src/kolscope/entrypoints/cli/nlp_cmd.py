"""``kolscope nlp``: build the comment models from the public corpora, offline."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from kolscope.entrypoints.cli.context import CliState, fail, state
from kolscope.vetting.tools import CorpusError, default_data_dir, training_data
from kolscope.vetting.tools import train_comment_models as train

nlp = typer.Typer(help="Text models: train the comment models.", no_args_is_help=True)


def shipped_models_dir() -> Path:
    return Path(str(resources.files("kolscope.vetting") / "models"))


@nlp.command("train")
def train_models(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="Folder of the public corpora (default: $KOLSCOPE_SHARED_DATA, else "
            "../shared/data).",
            file_okay=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="Where to write comments-vN.npz and its manifest (default: the models folder "
            "inside the kolscope package, replacing the shipped model).",
            file_okay=False,
        ),
    ] = None,
) -> None:
    """Train sentiment, question, purchase-intent and spam models from Wisesight Sentiment,
    the YouTube Spam Collection and ScamSpot. Deterministic and offline; takes a few minutes."""
    cli: CliState = state(ctx)
    folder = data or default_data_dir()
    try:
        corpora = training_data(folder)
    except CorpusError as error:
        fail(cli, str(error))
    models = train(corpora, progress=lambda message: cli.err.print(f"[dim]{message}[/]"))
    manifest = models.save(output or shipped_models_dir())
    scores = models.manifest["cross_validated"]
    cli.out.print(f"wrote {manifest} and {manifest.with_suffix('.npz').name}")
    for name, value in scores.items():
        cli.out.print(f"  {name}: {value}")
