"""The workspace folder on disk: ``kolscope.toml`` (settings) beside ``kolscope.db``."""

from __future__ import annotations

import secrets
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from kolscope.domain.tiers import DEFAULT_SCHEME, TierCatalogue
from kolscope.domain.workspace import WorkspaceConfig

CONFIG_NAME = "kolscope.toml"

_TEMPLATE = """# kolscope workspace settings. Edit freely; kolscope reads this file at start-up.

[workspace]
name = "{name}"
created = {created}
# true only for the synthetic demo workspace: every page then says the data is made up
synthetic = {synthetic}

[tiers]
# The scheme used when none is named: standard, wide-micro, kol-th, or one of yours below.
default = "{default}"

# Define your own scheme: tier name = minimum followers (the first must be 0).
# [tiers.schemes.my-agency]
# label = "My agency's bands"
# bands = {{ consumer = 0, seed = 1000, growth = 50000, star = 1000000 }}

[privacy]
# Keys the pseudonyms given to people who only comment (Thailand's PDPA). Keep it secret;
# changing it gives every commenter a new pseudonym.
pseudonym_secret = "{secret}"
"""


class WorkspaceConfigError(ValueError):
    """kolscope.toml is missing a value or says something kolscope cannot use."""


def config_path(folder: Path) -> Path:
    return folder / CONFIG_NAME


def create_workspace(folder: Path, *, name: str | None = None, synthetic: bool = False) -> Path:
    """Create the folder and its kolscope.toml (an existing file is kept as it is)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = config_path(folder)
    if not path.exists():
        path.write_text(
            _TEMPLATE.format(
                name=(name or folder.resolve().name).replace('"', "'"),
                created=date.today().isoformat(),
                synthetic="true" if synthetic else "false",
                default=DEFAULT_SCHEME,
                secret=secrets.token_hex(32),
            ),
            encoding="utf-8",
        )
    return path


def load_workspace_config(folder: Path) -> WorkspaceConfig:
    path = config_path(folder)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WorkspaceConfigError(f"{path}: no such file (run `kolscope init`)") from None
    except tomllib.TOMLDecodeError as error:
        raise WorkspaceConfigError(f"{path}: not valid TOML ({error})") from None
    workspace = _table(data, "workspace", path)
    tiers = _table(data, "tiers", path)
    privacy = _table(data, "privacy", path)
    secret = privacy.get("pseudonym_secret")
    if not isinstance(secret, str) or len(secret) < 16:
        raise WorkspaceConfigError(
            f"{path}: [privacy] pseudonym_secret must be a long random string"
        )
    schemes = tiers.get("schemes", {})
    if not isinstance(schemes, dict):
        raise WorkspaceConfigError(f"{path}: [tiers.schemes] must be a table of schemes")
    try:
        catalogue = TierCatalogue.with_custom(schemes, str(tiers.get("default", DEFAULT_SCHEME)))
    except ValueError as error:
        raise WorkspaceConfigError(f"{path}: {error}") from None
    created = workspace.get("created")
    return WorkspaceConfig(
        name=str(workspace.get("name", folder.name)),
        pseudonym_secret=secret,
        tiers=catalogue,
        synthetic=bool(workspace.get("synthetic", False)),
        created=created if isinstance(created, date) else None,
    )


def _table(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise WorkspaceConfigError(f"{path}: [{name}] must be a table")
    return value
