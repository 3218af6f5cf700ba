"""Settings: one typed object read from ``KOLSCOPE_*`` environment variables and CLI options.

Every setting is documented in docs/configuration.md (a test keeps the two in step).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal, Self

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_WORKSPACE = Path("kolscope-workspace")
DEVELOPMENT_SECRET = "kolscope-development-secret-change-me"  # noqa: S105 - refused in production


class Settings(BaseSettings):
    """How this kolscope process runs (workspace choices live in the workspace's kolscope.toml)."""

    model_config = SettingsConfigDict(env_prefix="KOLSCOPE_", extra="ignore")

    environment: Literal["development", "production"] = Field(
        default="development",
        description="production refuses the development secret key and sends cookies over "
        "HTTPS only.",
    )
    workspace: Path = Field(
        default=DEFAULT_WORKSPACE,
        description="Folder holding kolscope.toml and, by default, the SQLite kolscope.db.",
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the database, e.g. postgresql://user@host/db. "
            "Unset: SQLite at WORKSPACE/kolscope.db."
        ),
    )
    secret_key: str = Field(
        default=DEVELOPMENT_SECRET,
        description="Keys the digests of session, API and password-reset tokens. Required (32+ "
        "characters) in production; changing it logs everyone out and voids API tokens.",
    )
    host: str = Field(default="127.0.0.1", description="Address `kolscope serve` listens on.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `kolscope serve` listens on.")
    public_url: str | None = Field(
        default=None,
        description="Address people reach kolscope at, used in password-reset links "
        "(default: http://HOST:PORT).",
    )
    redis_url: str | None = Field(
        default=None,
        description="Redis URL for the job queue (e.g. redis://127.0.0.1:6379/0) so several "
        "worker processes share it. Unset: a SQLite queue in the workspace folder.",
    )
    job_stale_seconds: int = Field(
        default=60,
        ge=1,
        description="A running job whose worker sent no heartbeat for this many seconds is "
        "taken for dead and put back on the queue (read by workers).",
    )
    smtp_url: str | None = Field(
        default=None,
        description="Mail server for password-reset mail, smtp://user:password@host:port "
        "(smtps:// for TLS). Unset: `kolscope users reset-password` prints the link instead.",
    )
    mail_from: str = Field(default="kolscope@localhost", description="Sender of kolscope's mail.")
    trusted_proxies: str = Field(
        default="",
        description="Comma-separated addresses or networks (e.g. 127.0.0.1 or 10.0.0.0/8) of "
        "reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers `kolscope serve` "
        "believes. Empty (the default): none, and the client is whoever connects.",
    )
    web_threads: int = Field(
        default=2,
        ge=1,
        le=256,
        description="How many requests one `kolscope serve` process works on at once (the "
        "rest wait their turn). Python runs one thread at a time: more threads than this "
        "made a busy server slower. For more throughput run more processes.",
    )
    web_processes: int | None = Field(
        default=None,
        ge=1,
        le=64,
        description="How many web processes `kolscope serve` runs on its port (`--processes` "
        "wins). Unset: one per CPU core, at most 4 (each holds about 130 MB or more). One "
        "Python process uses one core at a time.",
    )
    cookie_secure: bool | None = Field(
        default=None,
        description="Send the session cookie over HTTPS only (default: on in production).",
    )
    links_base_url: str | None = Field(
        default=None,
        description="Address short tracking links start with, e.g. https://go.example.com "
        "when `kolscope redirect` has its own domain (default: PUBLIC_URL/r, the redirect "
        "`kolscope serve` mounts).",
    )
    geoip_database: Path | None = Field(
        default=None,
        description="A local MaxMind-format country database (.mmdb, e.g. GeoLite2-Country) "
        "the redirect reads each click's country from. Unset: clicks keep no country. Never "
        "downloaded by kolscope.",
    )
    click_journal: Path | None = Field(
        default=None,
        description="Folder of the redirect's click log: every click is appended there before "
        "its redirect is sent, and written to the database in batches (default: "
        "WORKSPACE/clicks). Keep it on a local disk.",
    )
    click_fsync: Literal["interval", "always", "never"] = Field(
        default="interval",
        description="When the click log is forced to disk. Every click that got a redirect "
        "survives a killed process whatever this says; on power loss `interval` (a flush every "
        "second) loses at most about the last second of clicks, `always` (a flush before each "
        "redirect, much slower) none, `never` whatever the system had not yet written (up to "
        "about 30 s on Linux).",
    )
    redirect_host: str = Field(
        default="127.0.0.1", description="Address `kolscope redirect` listens on."
    )
    redirect_port: int = Field(
        default=8100, ge=1, le=65535, description="Port `kolscope redirect` listens on."
    )
    redirect_workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Processes `kolscope redirect` answers with (`--workers` wins). One "
        "process answered about 7,500 redirects a second on the busy 2-core benchmark machine "
        "(docs/redirect.md); use one per core you can spare.",
    )

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.workspace / 'kolscope.db').resolve()}"

    @property
    def secure_cookies(self) -> bool:
        if self.cookie_secure is not None:
            return self.cookie_secure
        return self.environment == "production"

    @property
    def trusted_proxy_list(self) -> list[str]:
        return [part.strip() for part in self.trusted_proxies.split(",") if part.strip()]

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def links_base(self) -> str:
        """Where short links point: ``links_base_url``, else the redirect ``serve`` mounts."""
        return (self.links_base_url or f"{self.base_url}/r").rstrip("/")

    @property
    def click_journal_folder(self) -> Path:
        return self.click_journal or self.workspace / "clicks"

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_are_addresses(cls, value: str) -> str:
        for part in (p.strip() for p in value.split(",")):
            if not part:
                continue
            try:
                ipaddress.ip_network(part, strict=False)
            except ValueError:
                raise ValueError(
                    f"KOLSCOPE_TRUSTED_PROXIES: {part!r} is not an IP address or network "
                    "(e.g. 127.0.0.1, ::1 or 10.0.0.0/8)"
                ) from None
        return value

    @model_validator(mode="after")
    def _production_needs_a_secret(self) -> Self:
        if self.environment == "production" and (
            self.secret_key == DEVELOPMENT_SECRET or len(self.secret_key) < 32
        ):
            raise ValueError(
                "KOLSCOPE_SECRET_KEY must be set to a random string of 32 or more characters "
                "in production (for example: python -c 'import secrets; "
                "print(secrets.token_urlsafe(48))')"
            )
        return self
