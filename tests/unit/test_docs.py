"""The docs must describe the code as it is: generated pages current, every setting listed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kolscope.catalogue.importing.fields import FIELDS
from kolscope.config import Settings
from kolscope.entrypoints.cli.reference import reference, with_field_tables

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_cli_reference_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is out of date: run `make docs`"
    )


def test_every_command_is_documented() -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    for command in ("init", "import", "creators list", "creators show", "demo", "serve", "tiers"):
        assert f"## `kolscope {command}`" in page


def test_field_tables_are_current() -> None:
    page = (DOCS / "data-formats.md").read_text(encoding="utf-8")
    assert page == with_field_tables(page), "docs/data-formats.md is out of date: run `make docs`"
    for kind, specs in FIELDS.items():
        assert f"### {kind.value}" in page
        for spec in specs:
            assert f"| `{spec.name}` |" in page


def test_every_setting_is_documented() -> None:
    page = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`{name}`" in page
        assert f"`KOLSCOPE_{name.upper()}`" in page


def test_readme_starts_with_the_two_commands() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    assert readme.index("make demo") < readme.index("## ")
    assert readme.index("make test") < readme.index("## ")
    assert os.access(DOCS.parent / ".ci" / "run", os.X_OK)
    assert "make test" in (DOCS.parent / ".ci" / "run").read_text(encoding="utf-8")
