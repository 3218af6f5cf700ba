"""``kolscope init``, ``demo``, ``serve`` and ``tiers``: set up, fill and open a workspace."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.progress import Progress
from rich.table import Table

from kolscope.bootstrap import config_path
from kolscope.domain.quantities import format_count
from kolscope.entrypoints.cli.context import DEMO_WORKSPACE, CliState, fail, progress_bar, state


def _serve(cli: CliState, host: str | None, port: int | None, processes: int | None = None) -> None:
    from kolscope.catalogue.facade import DEMO_LOGIN
    from kolscope.entrypoints.web.serving import run_web, web_processes

    workspace = cli.workspace()
    chosen_host = host or workspace.settings.host
    chosen_port = port or workspace.settings.port
    url = f"http://{chosen_host}:{chosen_port}"
    cli.out.print(
        f"kolscope is serving {workspace.settings.workspace} "
        f"({workspace.database}) at [bold]{url}[/]"
        + ("  [magenta](synthetic demo data)[/]" if workspace.config.synthetic else "")
    )
    if workspace.team.needs_setup():
        cli.out.print(
            f"First run: open {url} to create the owner account (or run `kolscope users create`)."
        )
    elif workspace.config.synthetic:
        cli.out.print(f"Demo login: [bold]{DEMO_LOGIN}[/]")
    stop_worker = None
    if workspace.settings.redis_url:
        cli.out.print("Jobs go to Redis: run `kolscope worker` to process them.")
    else:
        stop_worker = workspace.start_embedded_worker()
    served = web_processes(workspace.settings, processes)
    if served > 1:
        cli.out.print(f"{served} web processes.")
    cli.out.print("Press Ctrl+C to stop.")
    try:
        run_web(workspace, chosen_host, chosen_port, served)
    finally:
        if stop_worker is not None:
            stop_worker()


class _DemoProgress:
    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._tasks: dict[str, int] = {}

    def step(self, label: str, done: int, total: int) -> None:
        if label not in self._tasks:
            self._tasks[label] = int(self._progress.add_task(f"writing {label}", total=total))
        self._progress.update(self._tasks[label], completed=done)  # type: ignore[arg-type]


def register(app: typer.Typer) -> None:
    @app.command()
    def init(
        ctx: typer.Context,
        name: Annotated[str | None, typer.Option(help="A name for the workspace.")] = None,
    ) -> None:
        """Create the workspace folder, its settings file and its database."""
        cli = state(ctx)
        from kolscope.bootstrap import open_workspace

        settings = cli.settings()
        existed = config_path(settings.workspace).exists()
        try:
            workspace = open_workspace(settings, name=name)
        except ValueError as error:
            fail(cli, str(error))
        try:
            verb = "already set up" if existed else "created"
            cli.out.print(f"workspace {verb}: {settings.workspace.resolve()}")
            cli.out.print(f"settings: {config_path(settings.workspace).resolve()}")
            cli.out.print(f"database: {workspace.database}")
        finally:
            workspace.close()

    @app.command()
    def demo(
        ctx: typer.Context,
        no_serve: Annotated[
            bool, typer.Option("--no-serve", help="Build the demo workspace and stop.")
        ] = False,
        seed: Annotated[
            int, typer.Option(help="Random seed: the same seed builds the same data.")
        ] = 2569,
        creators: Annotated[int, typer.Option(help="How many creators to make up.")] = 2000,
        rebuild: Annotated[
            bool, typer.Option("--rebuild", help="Throw the demo data away and build it again.")
        ] = False,
        host: Annotated[str | None, typer.Option(help="Address to serve on.")] = None,
        port: Annotated[int | None, typer.Option(help="Port to serve on.")] = None,
    ) -> None:
        """Build a synthetic Thai-market demo workspace (default ./kolscope-demo), then serve it."""
        cli = state(ctx)
        settings = cli.settings(default=DEMO_WORKSPACE)
        if config_path(settings.workspace).exists():
            from kolscope.bootstrap import load_workspace_config

            try:
                synthetic = load_workspace_config(settings.workspace).synthetic
            except ValueError as error:
                fail(cli, str(error))
            if not synthetic:
                fail(
                    cli,
                    f"{settings.workspace} holds real data (it is not a demo workspace); "
                    "choose another folder with --workspace",
                )
        if creators < 10:
            fail(cli, "--creators: at least 10")
        workspace = cli.workspace(synthetic=True, default=DEMO_WORKSPACE)
        from kolscope.catalogue.facade import GROUND_TRUTH_FILE

        built = (settings.workspace / GROUND_TRUTH_FILE).exists()
        if built and rebuild:
            workspace.reset_data()
            built = False
        if built:
            cli.out.print(
                f"demo workspace already built in {settings.workspace} "
                "(--rebuild to build it again)"
            )
        else:
            cli.out.print(
                f"building a synthetic demo workspace in {settings.workspace}: "
                f"{creators} made-up creators (seed {seed}) …"
            )
            with progress_bar(cli) as progress:
                summary = workspace.build_demo(
                    seed=seed,
                    creators=creators,
                    today=date.today(),
                    progress=_DemoProgress(progress),
                )
            cli.out.print(
                f"demo ready: {summary.accounts} accounts of {summary.creators} creators, "
                f"{summary.snapshots} snapshots, {summary.posts} posts, {summary.comments} "
                f"comments, {summary.audience_profiles} audiences, {summary.brands} brands; "
                f"planted problems listed in {summary.ground_truth_path}"
            )
        from kolscope.catalogue.facade import DEMO_LOGIN, DEMO_PASSWORD, DEMO_PEOPLE

        cli.out.print(
            f"demo login: [bold]{DEMO_LOGIN}[/] (also "
            + ", ".join(p[0] for p in DEMO_PEOPLE[1:])
            + f", same password "
            f"{DEMO_PASSWORD})"
        )
        if not no_serve:
            _serve(cli, host, port)

    @app.command()
    def serve(
        ctx: typer.Context,
        host: Annotated[str | None, typer.Option(help="Address (default 127.0.0.1).")] = None,
        port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
        processes: Annotated[
            int | None,
            typer.Option(
                min=1,
                max=64,
                help="Web processes sharing the port (default: KOLSCOPE_WEB_PROCESSES, else "
                "one per CPU core, at most 4).",
                show_default=False,
            ),
        ] = None,
    ) -> None:
        """Serve the web app and JSON API for the workspace."""
        _serve(state(ctx), host, port, processes)

    @app.command()
    def tiers(ctx: typer.Context) -> None:
        """List the tier schemes this workspace knows and their follower bands."""
        cli = state(ctx)
        config = cli.workspace().config
        for name in sorted(config.tiers.schemes):
            scheme = config.tiers.schemes[name]
            marker = "  (default)" if name == config.tiers.default else ""
            cli.out.print(f"[bold]{scheme.name}[/]{marker}: {scheme.label}")
            table = Table("tier", "followers", box=None, pad_edge=False)
            for band in scheme.bands:
                tier = scheme.tier_named(band.name)
                upper = (
                    f"below {format_count(tier.max_followers)}"
                    if tier.max_followers
                    else "and more"
                )
                table.add_row(band.name, f"{format_count(tier.min_followers)} {upper}")
            cli.out.print(table)
            if scheme.source:
                cli.out.print(f"[dim]{scheme.source}[/]")
