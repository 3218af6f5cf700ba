"""``python -m kolscope.entrypoints.redirect``: the redirect's server process.

``kolscope redirect`` checks its options, then replaces itself with this (same process id), so
the worker processes the server spawns start from this small module instead of importing the
whole command line again (which took seconds on a busy machine and held every command's
libraries in every worker)."""

from __future__ import annotations

import argparse
import sys

from kolscope.config import Settings
from kolscope.entrypoints.redirect.running import SERVERS, run_redirect
from kolscope.tracking.redirect.facade import GeoIpError


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="kolscope redirect")
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--server", choices=SERVERS, default="granian")
    parser.add_argument("--no-ship", action="store_true")
    args = parser.parse_args(argv)
    try:
        run_redirect(
            Settings(),
            host=args.host,
            port=args.port,
            workers=args.workers,
            server=args.server,
            ship=not args.no_ship,
        )
    except GeoIpError as error:
        sys.stderr.write(f"error: {error}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
