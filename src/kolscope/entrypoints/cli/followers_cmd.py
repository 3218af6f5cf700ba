"""``kolscope followers``: score follower profiles as fake or real, and train the model."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.markup import escape
from rich.table import Table

from kolscope.bootstrap import create_workspace
from kolscope.entrypoints.cli.context import CliState, fail, state
from kolscope.vetting.tools import (
    SHARED_LICENCE,
    CorpusError,
    DataSource,
    FollowerFileError,
    FollowerFilePlan,
    FollowerModel,
    ModelFileError,
    ScoredOutput,
    TrainingDataError,
    default_data_dir,
    default_model_path,
    feature_matrix_from_columns,
    plan_follower_file,
    read_followers,
    shared_followers,
    train_on_matrix,
    workspace_model_path,
)
from kolscope.vetting.tools import train_follower_model as train

followers = typer.Typer(
    help="Fake followers: score follower profiles, train the follower model.",
    no_args_is_help=True,
)

MapOption = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="FIELD=COLUMN",
        help="Read FIELD (followers, following, posts, bio, bio_length, has_picture, "
        "is_private, username, full_name, is_fake, ...; see docs/followers.md) from COLUMN "
        "(a header or a column number); FIELD= skips the field. Repeatable.",
    ),
]


def _mapping(cli: CliState, pairs: list[str] | None) -> dict[str, str | None]:
    mapping: dict[str, str | None] = {}
    for pair in pairs or []:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip():
            fail(cli, f"--map {pair!r}: write FIELD=COLUMN (for example followers=#followers)")
        name = field.strip()
        mapping["handle" if name == "username" else name] = column.strip() or None
    return mapping


def _plan(cli: CliState, file: Path, pairs: list[str] | None) -> FollowerFilePlan:
    try:
        plan = plan_follower_file(file, _mapping(cli, pairs))
    except FollowerFileError as error:
        fail(cli, escape(str(error)))
    read = [
        f"{'username' if field == 'handle' else field} ← {plan.headers[index]!r}"
        for field, index in plan.fields.items()
        if field not in {"platform", "profile_url", "as_of", "rank"}
        and (field != "handle" or plan.username is not None)
    ]
    cli.err.print(f"[dim]columns: {escape(', '.join(read))}[/]", highlight=False)
    for note in plan.notes:
        cli.err.print(f"[yellow]note:[/] {escape(note)}", highlight=False)
    return plan


def _model(cli: CliState, path: Path | None) -> tuple[FollowerModel, str]:
    """--model, else the workspace's own model, else the one shipped with kolscope."""
    try:
        if path is not None:
            return FollowerModel.load(path), str(path)
        own = workspace_model_path(cli.settings().workspace)
        if own.is_file():
            return FollowerModel.load(own), f"the workspace model ({own})"
        return FollowerModel.load_default(), "the shipped model"
    except ModelFileError as error:
        fail(cli, escape(str(error)))


@followers.command("score")
def score(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="Follower profiles as CSV, TSV, JSON, JSONL or XLSX (columns are recognised "
            "as `kolscope import` does).",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            metavar="OUT.csv",
            help="Where to write: the input's columns plus fake_probability and is_fake. "
            "Written whole or not at all.",
        ),
    ],
    map_: MapOption = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold",
            metavar="P",
            min=0.0,
            max=1.0,
            help="Call a follower fake from this probability (default: the model's, 0.5).",
        ),
    ] = None,
    model: Annotated[
        Path | None,
        typer.Option(
            "--model",
            metavar="PATH",
            dir_okay=False,
            help="A follower model file (default: the workspace's models/followers.json when "
            "`kolscope followers train` made one, else the shipped model).",
        ),
    ] = None,
) -> None:
    """Score each follower's profile: the probability that it is fake, and is_fake at the
    threshold. Rows that know no profile field get empty cells. See docs/followers.md."""
    cli = state(ctx)
    chosen, described = _model(cli, model)
    cut = chosen.threshold if threshold is None else threshold
    plan = _plan(cli, file, map_)
    scored = flagged = 0
    total = 0.0
    rows = 0
    try:
        with ScoredOutput(output, plan.headers) as sink:
            for chunk in read_followers(plan):
                probabilities = chosen.probabilities(feature_matrix_from_columns(chunk.columns))
                flags = probabilities >= cut
                for cells, probability, fake in zip(
                    chunk.cells, probabilities.tolist(), flags.tolist(), strict=True
                ):
                    sink.write(cells, probability, fake)
                known = ~np.isnan(probabilities)
                rows += len(chunk.cells)
                scored += int(known.sum())
                flagged += int(flags.sum())
                total += float(probabilities[known].sum())
            sink.commit()
    except FollowerFileError as error:
        fail(cli, escape(str(error)))
    cli.out.print(
        f"scored {scored:,} of {rows:,} followers in {escape(str(file))} with {escape(described)} "
        f"(threshold {cut:g}); wrote {escape(str(output))}",
        highlight=False,
    )
    if scored:
        table = Table("", "followers", "share", box=None, pad_edge=False)
        table.columns[1].justify = table.columns[2].justify = "right"
        table.add_row("fake (at the threshold)", f"{flagged:,}", f"{flagged / scored:.1%}")
        table.add_row("expected fake (mean probability)", "", f"{total / scored:.1%}")
        cli.out.print(table)
    if rows > scored:
        cli.err.print(
            f"[yellow]warning:[/] {rows - scored:,} rows know none of the profile fields; "
            "their fake_probability and is_fake are empty",
            highlight=False,
        )


@followers.command("train")
def train_model(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="Your labelled followers (CSV, TSV, JSON, JSONL, XLSX) with a label column "
            "(is_fake, fake, isFake, label: fake/real, yes/no or 1/0).",
        ),
    ] = None,
    map_: MapOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            metavar="PATH",
            dir_okay=False,
            help="Where to save the model (default: the workspace's models/followers.json; "
            "with --shared, the model shipped inside the kolscope package).",
        ),
    ] = None,
    shared: Annotated[
        bool,
        typer.Option(
            "--shared",
            help="Rebuild the shipped model from the two public fake-account data sets "
            "(instafake and instagram-fake-spammer) instead of a FILE.",
        ),
    ] = False,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="With --shared: the public data folder (default: $KOLSCOPE_SHARED_DATA, "
            "else ../shared/data).",
            file_okay=False,
        ),
    ] = None,
) -> None:
    """Train the follower model on labelled followers and report its 10-fold cross-validated
    accuracy; `followers score` then uses it. Deterministic, offline, a few seconds."""
    cli = state(ctx)
    if shared == (file is not None):
        fail(cli, "give a FILE of labelled followers, or --shared (not both)")
    try:
        trained = _train_shared(cli, data) if file is None else _train_file(cli, file, map_)
    except (CorpusError, TrainingDataError, FollowerFileError) as error:
        fail(cli, escape(str(error)))
    target = output or (default_model_path() if file is None else _workspace_model(cli))
    try:
        trained.save(target)
    except OSError as error:
        fail(cli, escape(f"{target}: cannot write ({error.strerror or error})"))
    _report(cli, trained, target)


def _train_shared(cli: CliState, data: Path | None) -> FollowerModel:
    sets = shared_followers(data or default_data_dir())
    for labelled in sets:
        cli.err.print(
            f"[dim]{escape(labelled.source.name)}: {labelled.source.rows:,} accounts, "
            f"{labelled.source.fakes:,} fake[/]",
            highlight=False,
        )
    profiles = [p for labelled in sets for p in labelled.profiles]
    labels = [label for labelled in sets for label in labelled.labels]
    sources = [labelled.source for labelled in sets]
    return train(profiles, labels, sources=sources, licence=SHARED_LICENCE)


def _train_file(cli: CliState, file: Path, pairs: list[str] | None) -> FollowerModel:
    plan = _plan(cli, file, pairs)
    chunks = list(read_followers(plan, need_labels=True))
    names = plan.profile_fields()
    columns = {n: np.concatenate([c.columns[n] for c in chunks]) for n in names}
    labels = np.concatenate([c.labels for c in chunks]) if chunks else np.empty(0)
    source = DataSource(
        name=f"labelled followers from {file.name}",
        licence="your own data",
        origin=str(file.resolve()),
        sha256={file.name: plan.opened.sha256},
        rows=int(labels.size),
        fakes=int(np.sum(labels == 1.0)),
    )
    matrix = feature_matrix_from_columns(columns)
    return train_on_matrix(matrix, labels, sources=[source], licence="trained on your own data")


def _workspace_model(cli: CliState) -> Path:
    folder = cli.settings().workspace
    try:
        create_workspace(folder)
    except OSError as error:
        fail(cli, escape(f"{folder}: cannot create the workspace ({error.strerror or error})"))
    return workspace_model_path(folder)


def _report(cli: CliState, trained: FollowerModel, target: Path) -> None:
    manifest: dict[str, Any] = trained.manifest
    scores: dict[str, Any] = manifest.get("cross_validated") or {}
    cli.out.print(
        f"trained on {manifest['training_rows']:,} followers ({manifest['training_fakes']:,} "
        f"fake), {len(trained.heads)} sub-models; wrote {escape(str(target))}",
        highlight=False,
    )
    table = Table("cross-validated", "", box=None, pad_edge=False)
    table.columns[1].justify = "right"
    for label, key in (
        ("accuracy", "accuracy"),
        ("fake precision", "precision"),
        ("fake recall", "recall"),
        ("fake F1", "f1"),
        ("false-positive rate", "false_positive_rate"),
        ("ROC-AUC", "roc_auc"),
    ):
        value = scores.get(key)
        table.add_row(label, "-" if value is None else f"{value:.3f}")
    cli.out.print(table)
    cli.out.print(f"threshold {trained.threshold:g}", highlight=False)
