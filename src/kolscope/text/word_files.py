"""Word lists kept in data files: a TOML file of words read once at import, with errors that
name the file and the key (discovery's niche and tone words, the comment cues, the demo's
vocabularies).

``terms`` reads a comma-separated term list (``term~0.5`` gives a weight); ``regex`` a regular
expression written as one string or as pieces, with ``{name}`` standing for a shared piece.
"""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_T = TypeVar("_T")
_PIECE = re.compile(r"\{([a-z_]+)\}")


class WordFileError(ValueError):
    """A word file is missing or malformed; the message names the file and the key."""


class WordFile:
    """One TOML file of words (or a table in one). Each getter raises ``WordFileError``
    naming the file and the key when the value is missing or not what it should be."""

    def __init__(
        self, path: Traversable, data: dict[str, object] | None = None, prefix: str = ""
    ) -> None:
        self.path = path
        self.prefix = prefix
        self.data = read_toml(path) if data is None else data

    def error(self, key: str, problem: str) -> WordFileError:
        return WordFileError(f"word file {self.path}: {self.prefix}{key}: {problem}")

    def get(self, key: str, kind: type[_T], what: str) -> _T:
        if key not in self.data:
            raise self.error(key, "missing")
        value = self.data[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise self.error(key, f"should be {what}, not {type(value).__name__}")
        return value

    def names(self) -> list[str]:
        return list(self.data)

    def table(self, key: str) -> WordFile:
        return WordFile(self.path, self.get(key, dict, "a table"), f"{self.prefix}{key}.")

    def tables(self, key: str) -> list[WordFile]:
        """An array of tables ([[key]]), each naming its place in errors (key[0].)."""
        found = self.get(key, list, "an array of tables")
        if not found or not all(isinstance(t, dict) for t in found):
            raise self.error(key, "should be an array of tables, at least one")
        return [WordFile(self.path, t, f"{self.prefix}{key}[{i}].") for i, t in enumerate(found)]

    def text(self, key: str, *, blank: bool = False) -> str:
        """A string; ``blank=True`` lets it be "" (a title that is not used)."""
        value = self.get(key, str, "a string")
        if not value and not blank:
            raise self.error(key, "is empty")
        return value

    def number(self, key: str) -> float:
        value = self.data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        return self.get(key, float, "a number")

    def strings(self, key: str, *, blank: bool = False) -> tuple[str, ...]:
        """A list of at least one string, none of them "" unless ``blank=True`` (where "" is
        one of the choices, such as adding nothing)."""
        values = self.get(key, list, "a list of strings")
        if not values or not all(isinstance(v, str) and (v or blank) for v in values):
            none_empty = "" if blank else ", none empty"
            raise self.error(key, f"should be a list of strings{none_empty}")
        return tuple(values)

    def mapping(self, key: str) -> dict[str, str]:
        table = self.table(key)
        return {name: table.text(name) for name in table.names()}

    def terms(self, key: str) -> str:
        """A comma-separated term list, one space after each comma whatever the file's line
        breaks; each term may carry a weight (``term~0.5``)."""
        found: list[str] = []
        for item in self.text(key).split(","):
            term = " ".join(item.split())
            word, tilde, weight = term.partition("~")
            if not word.strip():
                where = f"after {found[-1]!r}" if found else "at the start"
                raise self.error(key, f"an empty term {where} (a comma too many?)")
            if tilde:
                try:
                    float(weight)
                except ValueError:
                    raise self.error(key, f"{term!r}: the weight is not a number") from None
            found.append(term)
        return ", ".join(found)

    def regex(self, key: str, pieces: dict[str, str] | None = None) -> str:
        """A regular expression written as one string or a list of pieces joined with nothing
        between them; ``{name}`` stands for one of ``pieces``. It must compile."""
        value = self.data.get(key)
        parts = (value,) if isinstance(value, str) else self.strings(key)
        pattern = "".join(parts)
        for name in _PIECE.findall(pattern):
            if pieces is None or name not in pieces:
                raise self.error(key, f"{{{name}}} names no piece")
            pattern = pattern.replace(f"{{{name}}}", pieces[name])
        try:
            re.compile(pattern)
        except re.error as error:
            raise self.error(key, f"not a regular expression: {error}") from None
        return pattern


def read_toml(path: Traversable) -> dict[str, object]:
    """A TOML file's content; a missing file or bad TOML raises ``WordFileError`` with the
    file's name."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise WordFileError(f"word file {path}: cannot be read ({error})") from error
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise WordFileError(f"word file {path}: not valid TOML ({error})") from error
