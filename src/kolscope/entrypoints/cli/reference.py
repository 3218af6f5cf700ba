"""Write the CLI reference (docs/cli.md) from the commands' own help: `make docs`.

A test regenerates it and compares, so the page can never drift from the code.
"""

from __future__ import annotations

from typing import Any

import typer

from kolscope.entrypoints.cli.app import app

HEADER = """# Command-line reference

Generated from `kolscope --help` by `make docs`; a test fails when this page and the code
disagree. Exit codes: 0 on success, 2 on bad input (the error is printed on stderr).
"""


def _sections(command: Any, path: list[str]) -> list[str]:
    # Typer ships its own copy of click, so groups are recognised by what they can do.
    context = typer.Context(
        command, info_name=" ".join(path), terminal_width=100, max_content_width=100
    )
    formatter = context.make_formatter()
    command.format_usage(context, formatter)
    command.format_help_text(context, formatter)
    command.format_options(context, formatter)
    is_group = hasattr(command, "list_commands")
    if is_group:
        command.format_commands(context, formatter)
    body = formatter.getvalue().rstrip()
    parts = [f"## `{' '.join(path)}`\n\n```text\n{body}\n```\n"]
    if is_group:
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:
                parts.extend(_sections(sub, [*path, name]))
    return parts


def reference() -> str:
    command = typer.main.get_command(app)
    return HEADER + "\n" + "\n".join(_sections(command, ["kolscope"]))


BEGIN, END = "<!-- BEGIN generated field tables -->", "<!-- END generated field tables -->"


def with_field_tables(page: str) -> str:
    """docs/data-formats.md with its generated block replaced by the current field tables."""
    from kolscope.catalogue.facade import field_tables

    head, _, rest = page.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n\n{field_tables()}\n{END}{tail}"


if __name__ == "__main__":
    import sys
    from pathlib import Path

    if len(sys.argv) > 1:  # python -m ... docs/data-formats.md: refresh its field tables
        target = Path(sys.argv[1])
        target.write_text(with_field_tables(target.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(reference(), end="")  # noqa: T201
