"""``kolscope redirect`` runs the short-link redirect service; ``kolscope clicks ship`` writes
its click log to the database (the redirect does this itself unless told not to)."""

from __future__ import annotations

import json
import os
import sys
import threading
from typing import Annotated

import typer

from kolscope.entrypoints.cli.context import fail, state

clicks = typer.Typer(
    help="The clicks on tracking links: write the redirect's click log to the database.",
    no_args_is_help=True,
)


def redirect(
    ctx: typer.Context,
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default: $KOLSCOPE_REDIRECT_HOST).")
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            min=1, max=65535, help="Port to listen on (default: $KOLSCOPE_REDIRECT_PORT)."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, max=64, help="Worker processes (default: $KOLSCOPE_REDIRECT_WORKERS, 1)."
        ),
    ] = None,
    server: Annotated[
        str,
        typer.Option(help="HTTP server: granian (fastest), granian-asgi or uvicorn."),
    ] = "granian",
    ship: Annotated[
        bool,
        typer.Option(
            "--ship/--no-ship",
            help="Write the click log to the database from this process (default), or leave "
            "it to `kolscope clicks ship`.",
        ),
    ] = True,
) -> None:
    """Run the redirect service: short links (/CODE and /r/CODE) answer 302 to their
    destination with a click id, and every click is logged before its redirect is sent."""
    from kolscope.entrypoints.redirect.running import SERVERS, redirect_command
    from kolscope.tracking.redirect.facade import GeoIpError, check_geoip

    cli = state(ctx)
    if server not in SERVERS:
        fail(cli, f"--server must be one of {', '.join(SERVERS)}, not {server!r}")
    settings = cli.settings()
    try:
        check_geoip(settings)
    except GeoIpError as error:
        fail(cli, str(error))
    chosen_host = host or settings.redirect_host
    chosen_port = port or settings.redirect_port
    chosen_workers = workers or settings.redirect_workers
    cli.out.print(
        f"kolscope redirect at [bold]http://{chosen_host}:{chosen_port}/CODE[/] "
        f"({chosen_workers} {server} worker{'s' if chosen_workers > 1 else ''}); click log in "
        f"{settings.click_journal_folder} (fsync: {settings.click_fsync})"
        + ("" if ship else "; run `kolscope clicks ship` to store the clicks")
    )
    cli.out.print("Press Ctrl+C to stop.")
    sys.stdout.flush()
    sys.stderr.flush()
    # The server process replaces this one (same process id): its workers then start from
    # the redirect's own small module, not from the whole command line.
    command = redirect_command(chosen_host, chosen_port, chosen_workers, server, ship=ship)
    os.environ["KOLSCOPE_WORKSPACE"] = str(settings.workspace.resolve())
    os.execv(command[0], command)  # noqa: S606 - our own interpreter and module, no shell


@clicks.command("ship")
def ship(
    ctx: typer.Context,
    once: Annotated[
        bool, typer.Option("--once", help="Ship what the log holds now, then stop.")
    ] = False,
    every: Annotated[
        float, typer.Option(min=0.1, help="Seconds between passes when running on.")
    ] = 1.0,
    as_json: Annotated[bool, typer.Option("--json", help="With --once: print JSON.")] = False,
) -> None:
    """Write the redirect's click log to the database (each click once, however often it
    runs or is killed); without --once, keep doing it until stopped."""
    from kolscope.tracking.redirect.facade import prepare_database, ship_clicks, start_shipper

    cli = state(ctx)
    settings = cli.settings()
    prepare_database(settings)
    if once:
        report = ship_clicks(settings)
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "lines": report.lines,
                        "stored": report.stored,
                        "bad_lines": report.bad_lines,
                        "dropped": report.dropped,
                        "finished_segments": len(report.finished),
                    }
                )
            )
            return
        cli.out.print(
            f"{report.lines} log lines read, {report.stored} new clicks stored, "
            f"{len(report.finished)} finished log files removed"
            + (f", {report.bad_lines} lines were not clicks" if report.bad_lines else "")
            + (f", {report.dropped} clicks had no link" if report.dropped else "")
        )
        return
    cli.out.print(f"Shipping clicks from {settings.click_journal_folder}; Ctrl+C to stop.")
    stop = start_shipper(settings, every=every)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop()


def register(app: typer.Typer) -> None:
    app.command("redirect")(redirect)
    app.add_typer(clicks, name="clicks")
