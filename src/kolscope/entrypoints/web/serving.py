"""How `kolscope serve` runs the app under uvicorn: which forwarded headers it believes.

uvicorn's own default believes X-Forwarded-For from 127.0.0.1, so any local client could
claim any address and slip past the per-address login limit. kolscope believes those headers
only from the proxies named in KOLSCOPE_TRUSTED_PROXIES (none by default); the app then takes
the sender's address from the connection as uvicorn reports it (``request.client``).
"""

from __future__ import annotations

from typing import Any

from kolscope.config import Settings


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn options (``proxy_headers``, ``forwarded_allow_ips``) for these settings."""
    trusted = settings.trusted_proxy_list
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or ""}
