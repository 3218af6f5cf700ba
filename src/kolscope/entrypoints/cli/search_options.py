"""The search commands' options, made from the declared search fields
(``kolscope.discovery.fields``): one option per field, its name, type and help from the
declaration, and the request read by the same code as the web's query string, so a value means
the same thing everywhere and a bad one is refused naming its option."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, TypeVar

import typer

from kolscope.discovery.facade import (
    BY_NAME,
    MAX_LIMIT,
    SEARCH_FIELDS,
    FieldError,
    SearchField,
    SearchRequest,
    read_search,
)
from kolscope.entrypoints.cli.context import CliState, fail

F = TypeVar("F", bound=Callable[..., Any])


def _annotation(field: SearchField, help_text: str) -> Any:
    decls = [field.option] if field.option else []
    option = typer.Option(*decls, help=help_text, metavar=field.metavar)
    kind: Any = list[str] | None if field.repeated else field.cli_type | None
    return Annotated[kind, option]


def search_options(
    names: Sequence[str] | None = None,
    *,
    defaults: Mapping[str, Any] | None = None,
    helps: Mapping[str, str] | None = None,
) -> Callable[[F], F]:
    """Give a command one option per search field (all, or ``names`` in declaration order),
    in place of its ``**fields`` parameter; the command reads them with ``request_of``.
    ``defaults`` and ``helps`` adjust a field for this command (``match`` shows 100)."""
    chosen = [f for f in SEARCH_FIELDS if names is None or f.name in names]
    defaults = defaults or {}
    helps = helps or {}

    def add(command: F) -> F:
        own = inspect.signature(command, eval_str=True).parameters.values()
        before = [p for p in own if p.kind is not inspect.Parameter.VAR_KEYWORD]
        fields = [
            inspect.Parameter(
                f.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=defaults.get(f.name),
                annotation=_annotation(f, helps.get(f.name, f.help)),
            )
            for f in chosen
        ]
        keyword = [p for p in before if p.kind is inspect.Parameter.KEYWORD_ONLY]
        positional = [p for p in before if p.kind is not inspect.Parameter.KEYWORD_ONLY]
        command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [*positional, *fields, *keyword]
        )
        return command

    return add


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    return [str(value)]


def request_of(
    cli: CliState, options: Mapping[str, Any], *, limit: int = 25, **fixed: Any
) -> SearchRequest:
    """The request the options ask for, read as the web reads its query string; a bad value
    ends the command naming its option. ``fixed`` sets fields the command decides itself."""
    values = {name: _texts(value) for name, value in options.items()}
    for name, value in fixed.items():
        values[name] = _texts(value)
    try:
        return read_search(values, limit=limit, max_limit=MAX_LIMIT)
    except FieldError as error:
        field = BY_NAME.get(error.field or "")
        option = field.cli_option.split("/")[0] if field else error.field
        fail(cli, f"{option}: {str(error).removeprefix(f'{error.field}: ')}")
