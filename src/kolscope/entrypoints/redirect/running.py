"""How ``kolscope redirect`` runs: the database brought up to date once, the click shipper on a
thread of this process, and the ASGI app in worker processes under granian (or uvicorn).

granian (a Rust HTTP server) through its own interface (RSGI) is the default: it answered the
same app faster than granian over ASGI and than uvicorn with httptools and uvloop
(bench/bench_redirect.py measures all three; docs/redirect.md has the numbers).
``--server granian-asgi`` and ``--server uvicorn`` remain for comparison and where granian
cannot run.

Each worker process opens the redirect itself from the environment (``app_from_environment``)
and, on Linux, asks to be stopped when the process that started it dies, so a killed
``kolscope redirect`` leaves no worker holding the port. The clicks a worker appended before
it stopped are in its log segment; the shipper (this process's thread, or any later
``kolscope clicks ship``) writes them to the database.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from typing import Literal

from kolscope.config import Settings
from kolscope.entrypoints.redirect.app import RedirectApp
from kolscope.tracking.redirect.facade import (
    check_geoip,
    open_redirect,
    prepare_database,
    start_shipper,
)

Server = Literal["granian", "granian-asgi", "uvicorn"]
SERVERS: tuple[Server, ...] = ("granian", "granian-asgi", "uvicorn")
PARENT_VARIABLE = "KOLSCOPE_REDIRECT_PARENT"
_TARGET = "kolscope.entrypoints.redirect.running:app_from_environment"
_PR_SET_PDEATHSIG = 1


def redirect_command(
    host: str, port: int, workers: int, server: str, *, ship: bool = True
) -> list[str]:
    """The command line of the redirect's server process (``__main__`` beside this)."""
    command = [sys.executable, "-m", "kolscope.entrypoints.redirect", "--host", host,
               "--port", str(port), "--workers", str(workers), "--server", server]  # fmt: skip
    return command if ship else [*command, "--no-ship"]


def app_from_environment() -> RedirectApp:
    """The app of one worker process (the servers' ``factory``): the redirect of the settings
    the environment holds, which the starting process has brought up to date."""
    _stop_with_parent()
    return RedirectApp(open_redirect(Settings()))


def run_redirect(
    settings: Settings,
    *,
    host: str,
    port: int,
    workers: int,
    server: Server = "granian",
    ship: bool = True,
) -> None:
    """Serve short links until stopped, shipping the click log meanwhile (unless ``ship`` is
    off: then run ``kolscope clicks ship`` beside it)."""
    check_geoip(settings)
    prepare_database(settings)
    os.environ["KOLSCOPE_WORKSPACE"] = str(settings.workspace.resolve())
    os.environ[PARENT_VARIABLE] = str(os.getpid())
    # Workers start from a fresh interpreter, never a fork of this process and its threads.
    multiprocessing.set_start_method("spawn", force=True)
    stop_shipping = start_shipper(settings) if ship else None
    # uvicorn raises the SIGTERM it caught again once it has stopped: end with SystemExit
    # instead, so the last shipping pass below still runs.
    signal.signal(signal.SIGTERM, _exit)
    try:
        if server == "uvicorn":
            _uvicorn(host, port, workers)
        else:
            _granian(host, port, workers, native=server == "granian")
    finally:
        if stop_shipping is not None:
            stop_shipping()


def _exit(_signal: int, _frame: object) -> None:
    raise SystemExit(0)


def _granian(host: str, port: int, workers: int, *, native: bool) -> None:
    """granian with its own interface (RSGI, ``native``) or ASGI, HTTP/1.1 only (no HTTP/2
    guess per connection: short links are plain HTTP/1.1 behind a proxy or not)."""
    from granian import Granian
    from granian.constants import HTTPModes, Interfaces, Loops
    from granian.log import LogLevels

    Granian(
        _TARGET,
        address=host,
        port=port,
        interface=Interfaces.RSGI if native else Interfaces.ASGI,
        workers=workers,
        loop=Loops.uvloop,
        http=HTTPModes.http1,
        websockets=False,
        factory=True,
        log_level=LogLevels.warning,
        log_access=False,
    ).serve()


def _uvicorn(host: str, port: int, workers: int) -> None:
    import uvicorn

    uvicorn.run(
        _TARGET,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop="uvloop",
        http="httptools",
        ws="none",
        lifespan="on",
        access_log=False,
        log_level="warning",
    )


def _stop_with_parent() -> None:
    """Linux: be stopped when the ``kolscope redirect`` process that started this worker dies
    (even by ``kill -9``). With one uvicorn worker the app runs in that process itself."""
    parent = os.environ.get(PARENT_VARIABLE)
    if not sys.platform.startswith("linux") or not parent or int(parent) == os.getpid():
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the server still stops its workers on exit
        return
    if os.getppid() != int(parent):  # the parent died while this worker was starting
        raise SystemExit(0)
