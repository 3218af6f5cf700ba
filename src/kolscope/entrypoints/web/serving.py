"""How `kolscope serve` runs the app under uvicorn: which forwarded headers it believes, and
the app of each process when it runs several.

uvicorn's own default believes X-Forwarded-For from 127.0.0.1, so any local client could
claim any address and slip past the per-address login limit. kolscope believes those headers
only from the proxies named in KOLSCOPE_TRUSTED_PROXIES (none by default); the app then takes
the sender's address from the connection as uvicorn reports it (``request.client``).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from typing import TYPE_CHECKING, Any

from kolscope.config import Settings

if TYPE_CHECKING:
    from kolscope.bootstrap import Workspace


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn options (``proxy_headers``, ``forwarded_allow_ips``) for these settings."""
    trusted = settings.trusted_proxy_list
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or ""}


AUTOMATIC_PROCESSES_AT_MOST = 4
PARENT_VARIABLE = "KOLSCOPE_SERVE_PARENT"  # the first process's id, for its web processes


def web_processes(settings: Settings, chosen: int | None = None) -> int:
    """How many web processes to run: ``--processes``, else the setting, else one per CPU core
    this process may use, at most AUTOMATIC_PROCESSES_AT_MOST (memory: each holds its own copy
    of the app and its caches)."""
    if chosen is not None:
        return chosen
    if settings.web_processes is not None:
        return settings.web_processes
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, AUTOMATIC_PROCESSES_AT_MOST))


def run_web(workspace: Workspace, host: str, port: int, processes: int) -> None:
    """Serve the app with uvicorn until stopped: in this process, or in ``processes`` web
    processes sharing the port, each opening the workspace itself (this one has brought it up
    to date) through ``app_from_environment``."""
    import uvicorn

    from kolscope.entrypoints.redirect.app import mount_redirect
    from kolscope.entrypoints.web.app import create_app
    from kolscope.tracking.redirect.facade import start_shipper

    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "warning",
        **proxy_options(workspace.settings),
    }
    # Short links (/r/<code>) are answered by the redirect; this process ships their clicks.
    stop_shipping = start_shipper(workspace.settings)
    try:
        if processes <= 1:
            uvicorn.run(mount_redirect(create_app(workspace), workspace.settings), **options)
            return
        os.environ["KOLSCOPE_WORKSPACE"] = str(workspace.settings.workspace.resolve())
        os.environ[PARENT_VARIABLE] = str(os.getpid())
        uvicorn.run(
            "kolscope.entrypoints.web.serving:app_from_environment",
            factory=True,
            workers=processes,
            **options,
        )
    finally:
        stop_shipping()


def app_from_environment() -> Any:
    """The app of one of several ``kolscope serve`` processes (uvicorn's ``factory``): the
    workspace the environment names, which the first process has already brought up to date.

    On Linux the process asks to be stopped when the process that started it dies, so that a
    killed ``kolscope serve`` leaves no server holding its port.
    """
    _stop_with_parent()
    from kolscope.bootstrap import open_workspace
    from kolscope.entrypoints.redirect.app import mount_redirect
    from kolscope.entrypoints.web.app import create_app

    settings = Settings()
    return mount_redirect(create_app(open_workspace(settings)), settings)


def _stop_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the supervisor still stops us on exit
        return
    parent = os.environ.get(PARENT_VARIABLE)
    if parent and parent.isdigit() and os.getppid() != int(parent):
        # The parent died while this process was starting, before it asked to be told.
        raise SystemExit(0)


_PR_SET_PDEATHSIG = 1
