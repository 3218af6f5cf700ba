"""Files of follower profiles for ``kolscope followers score`` and ``train``.

Reading reuses the importers: the same formats (CSV, TSV, JSON, JSONL, XLSX), encodings,
header detection, follower field synonyms and ``--map`` overrides as ``kolscope import``, so
the layouts of the public fake-account data sets and plain headers (followers, following,
posts, bio, has_profile_picture, private) are recognised. Rows become one array per profile
field, ready for ``feature_matrix_from_columns``. Text columns give counts only: a username
its length and digits, a full name its words and digits, a bio its length.

Problems name the file, row, field and column; reading stops after ``MAX_PROBLEMS``. The
scored output is written by ``follower_output``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kolscope.catalogue.formats.headers import clean_header, find_header_row, is_blank, same_header
from kolscope.catalogue.formats.mapping import map_columns
from kolscope.catalogue.formats.sources import OpenedFile, RawRow, open_file
from kolscope.catalogue.formats.values import read_bool, read_handle, reader_for
from kolscope.catalogue.importing.fields import FIELDS
from kolscope.catalogue.importing.records import ImportKind, RowProblem
from kolscope.catalogue.ports import ImportFileError
from kolscope.vetting.followers.names import bio_length, full_name_fields, username_counts

WORKSPACE_MODEL = Path("models") / "followers.json"
MAX_PROBLEMS = 20
CHUNK_ROWS = 50_000
_SAMPLE_ROWS = 1000
_HEADER_SEARCH_ROWS = 30
_LABEL = "is_fake"
# Profile fields read straight from a column (numbers, yes/no), as FollowerProfile names them.
NUMBER_FIELDS = (
    "followers", "following", "posts", "bio_length", "has_picture", "is_private",
    "username_length", "username_digits", "username_digit_ratio", "fullname_words",
    "fullname_digit_ratio", "name_equals_username", "has_external_url",
)  # fmt: skip
_RATIOS = {"username_digit_ratio", "fullname_digit_ratio"}
_SPECS = {spec.name: spec for spec in FIELDS[ImportKind.FOLLOWERS]}
_FAKE_WORDS = {"fake", "bot", "spam", "spammer", "ปลอม"}
_REAL_WORDS = {"real", "genuine", "human", "authentic"}


def workspace_model_path(workspace: Path) -> Path:
    """Where ``kolscope followers train`` keeps a workspace's own follower model."""
    return workspace / WORKSPACE_MODEL


class FollowerFileError(ValueError):
    """A follower file that cannot be read or written: every problem names where it is."""

    def __init__(self, problems: Sequence[RowProblem], more: int = 0) -> None:
        self.problems = tuple(problems)
        self.more = more
        lines = [str(problem) for problem in self.problems]
        if more:
            lines.append(f"... and {more} more problems")
        super().__init__("\n".join(lines))


def file_error(path: Path, message: str) -> FollowerFileError:
    """A problem with the whole file (no row)."""
    return FollowerFileError([RowProblem(str(path), None, None, message)])


@dataclass(frozen=True)
class FollowerFilePlan:
    """What each column of a follower file holds, decided once before the rows are read."""

    path: Path
    opened: OpenedFile
    headers: tuple[str, ...]
    header_row: int | None  # the header's row number; None for JSON
    fields: dict[str, int]  # field -> the column it is read from
    percent: frozenset[str]  # ratio fields written as percentages
    username: int | None  # the column holding each follower's username, when there is one
    notes: tuple[str, ...] = ()

    def profile_fields(self) -> list[str]:
        """The profile fields the file gives, read or worked out from text columns."""
        found = [name for name in NUMBER_FIELDS if name in self.fields]
        if "bio" in self.fields:
            found.append("bio_length")
        if self.username is not None:
            found += ["username_length", "username_digits"]
        if "full_name" in self.fields:
            found += ["fullname_words", "fullname_digit_ratio"]
            if self.username is not None:
                found.append("name_equals_username")
        return list(dict.fromkeys(found))

    @property
    def has_labels(self) -> bool:
        return _LABEL in self.fields


@dataclass
class FollowerChunk:
    """Consecutive data rows: their cells as written and one float array per profile field
    (NaN where unknown); ``labels`` is 1 for fake, 0 for real, NaN where not given."""

    numbers: list[int]
    cells: list[list[Any]]
    columns: dict[str, np.ndarray]
    labels: np.ndarray


def plan_follower_file(path: Path, mapping: Mapping[str, str | None]) -> FollowerFilePlan:
    """Open the file, find its header and map its columns (``mapping``: ``--map`` choices)."""
    try:
        opened = open_file(path)
        head = _head(opened)
    except ImportFileError as error:
        raise _as_follower_error(path, error) from None
    header_index, headers = _header(path, opened, head)
    sample = [
        row.cells
        for row in head[header_index + 1 :]
        if not is_blank(row.cells) and not same_header(row.cells, headers)
    ][:_SAMPLE_ROWS]
    try:
        mapped = map_columns(ImportKind.FOLLOWERS, headers, sample, mapping)
    except (LookupError, KeyError) as error:
        raise file_error(path, str(error).strip("'\"")) from None
    fields: dict[str, int] = {}
    for column in mapped.columns:
        if column.field is not None:
            fields.setdefault(column.field, column.index)
    notes = list(mapped.warnings)
    username = fields.get("handle")
    if username is not None:
        values = {str(row[username]).strip() for row in sample if _cell(row, username)}
        if len(values) == 1 and len(sample) > 1:
            notes.append(
                f"column {headers[username]!r} holds one name in every row: it names the "
                "account, not its followers, so no username counts are read from it"
            )
            username = None
    plan = FollowerFilePlan(
        path=path,
        opened=opened,
        headers=tuple(headers),
        header_row=None if opened.keyed else head[header_index].number,
        fields=fields,
        percent=frozenset(mapped.percent_scale),
        username=username,
        notes=tuple(notes),
    )
    if not plan.profile_fields():
        raise file_error(
            path,
            "no column holds a follower-profile field (followers, following, posts, bio, "
            "has_picture, is_private, username, ...); columns found: "
            f"{', '.join(repr(h) for h in headers)}. Name one with --map FIELD=COLUMN",
        )
    return plan


def read_followers(
    plan: FollowerFilePlan, *, need_labels: bool = False, chunk_rows: int = CHUNK_ROWS
) -> Iterator[FollowerChunk]:
    """The data rows in chunks. Rows with problems are not yielded: after the first one the
    rest of the file is only checked, and a FollowerFileError lists what was found."""
    if need_labels and not plan.has_labels:
        raise file_error(
            plan.path,
            "has no label column: training needs one saying which followers are fake "
            f"(is_fake, fake, isFake, label; or --map is_fake=COLUMN); columns found: "
            f"{', '.join(repr(h) for h in plan.headers)}",
        )
    reader = _RowReader(plan, need_labels)
    problems: list[RowProblem] = []
    more = 0
    chunk = _Rows(reader.outputs)
    try:
        for raw in _data_rows(plan):
            found = reader.read(raw, chunk)
            if found:
                more += max(0, len(problems) + len(found) - MAX_PROBLEMS)
                problems += found[: max(0, MAX_PROBLEMS - len(problems))]
            elif not problems and len(chunk.numbers) >= chunk_rows:
                yield chunk.finish()
                chunk = _Rows(reader.outputs)
    except ImportFileError as error:
        raise _as_follower_error(plan.path, error, problems) from None
    if problems:
        raise FollowerFileError(problems, more)
    if chunk.numbers:
        yield chunk.finish()


class _Rows:
    """A chunk being read: plain lists until it is finished."""

    def __init__(self, fields: Sequence[str]) -> None:
        self.numbers: list[int] = []
        self.cells: list[list[Any]] = []
        self.values: dict[str, list[float]] = {name: [] for name in (*fields, _LABEL)}

    def add(self, number: int, cells: list[Any], values: Mapping[str, float]) -> None:
        self.numbers.append(number)
        self.cells.append(cells)
        for name, column in self.values.items():
            column.append(values.get(name, np.nan))

    def finish(self) -> FollowerChunk:
        columns = {name: np.array(v, dtype=np.float64) for name, v in self.values.items()}
        labels = columns.pop(_LABEL)
        return FollowerChunk(self.numbers, self.cells, columns, labels)


class _RowReader:
    """Turns raw rows into field values, collecting problems instead of stopping."""

    def __init__(self, plan: FollowerFilePlan, need_labels: bool) -> None:
        self.plan = plan
        self.need_labels = need_labels
        self.numbers: list[tuple[str, int, Callable[[Any], Any]]] = [
            (name, index, reader_for(_SPECS[name].type, percent_scale=name in plan.percent))
            for name, index in plan.fields.items()
            if name in NUMBER_FIELDS
        ]
        if _LABEL in plan.fields:
            self.numbers.append((_LABEL, plan.fields[_LABEL], read_label))
        self.bio = plan.fields.get("bio")
        self.full_name = plan.fields.get("full_name")
        self.outputs = plan.profile_fields()

    def read(self, raw: RawRow, chunk: _Rows) -> list[RowProblem]:
        cells, number = raw.cells, raw.number
        values: dict[str, float] = {}
        problems: list[RowProblem] = []
        for name, index, read in self.numbers:
            cell = cells[index] if index < len(cells) else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            try:
                value = read(cell)
                if value is not None and name in _RATIOS and not 0.0 <= value <= 1.0:
                    raise ValueError(f"a ratio must be from 0 to 1, found {cell!r}")
            except ValueError as error:
                problems.append(self._problem(number, name, index, str(error), cell))
                continue
            if value is not None:
                values[name] = float(value)
        username = None
        if self.plan.username is not None:
            username = _text(cells, self.plan.username, read_handle)
            if username is not None:
                length, digits = username_counts(username)
                values.setdefault("username_length", float(length))
                values.setdefault("username_digits", float(digits))
        if self.full_name is not None:
            words, ratio, same = full_name_fields(_text(cells, self.full_name, str), username)
            values.setdefault("fullname_words", float(words))
            values.setdefault("fullname_digit_ratio", ratio)
            if same is not None:
                values.setdefault("name_equals_username", float(same))
        if self.bio is not None:
            values.setdefault("bio_length", float(bio_length(_text(cells, self.bio, str))))
        if self.need_labels and _LABEL not in values and not problems:
            index = self.plan.fields[_LABEL]
            problems.append(
                self._problem(number, _LABEL, index, "missing: every row needs a label", None)
            )
        if not problems:
            chunk.add(number, cells, values)
        return problems

    def _problem(self, number: int, name: str, index: int, message: str, cell: Any) -> RowProblem:
        header = self.plan.headers[index] if index < len(self.plan.headers) else None
        value = None if cell is None else str(cell)
        return RowProblem(str(self.plan.path), number, name, message, header, value)


# Reading helpers ----------------------------------------------------------------------------


def _head(opened: OpenedFile) -> list[RawRow]:
    head: list[RawRow] = []
    for raw in opened.rows():
        head.append(raw)
        if len(head) >= _SAMPLE_ROWS + _HEADER_SEARCH_ROWS:
            break
    return head


def _header(path: Path, opened: OpenedFile, head: list[RawRow]) -> tuple[int, list[str]]:
    if not head:
        raise file_error(path, "is empty")
    if opened.keyed:
        headers = [clean_header(c) for c in head[0].cells]
        if not headers:
            raise file_error(path, "has no records")
        return 0, headers
    candidates = [(i, r) for i, r in enumerate(head[:_HEADER_SEARCH_ROWS]) if not is_blank(r.cells)]
    found = find_header_row([r.cells for _i, r in candidates])
    if found is None and candidates and any(_is_text(c) for c in candidates[0][1].cells):
        found = 0  # headers such as "#followers" do not look like words: take the first line
    if found is None:
        raise file_error(
            path, "has no header row: the first line should name the columns (followers, ...)"
        )
    index, row = candidates[found]
    headers = [clean_header(c) for c in row.cells]
    while headers and not headers[-1]:
        headers.pop()
    return index, [h or f"column {n + 1}" for n, h in enumerate(headers)]


def _data_rows(plan: FollowerFilePlan) -> Iterator[RawRow]:
    started = plan.opened.keyed
    for raw in plan.opened.rows():
        if not started:
            started = raw.number == plan.header_row
            continue
        if raw.number == 0 and plan.opened.keyed:
            continue
        if is_blank(raw.cells) or (not plan.opened.keyed and same_header(raw.cells, plan.headers)):
            continue
        yield raw


def read_label(value: Any) -> bool | None:
    """A hand-checked label: fake, bot, spam(mer) or yes/true/1 is fake; real, genuine,
    human or no/false/0 is real."""
    text = str(value).strip().casefold() if isinstance(value, str) else None
    if text in _FAKE_WORDS:
        return True
    if text in _REAL_WORDS:
        return False
    try:
        return read_bool(value)
    except ValueError:
        raise ValueError(f"expected fake/real (or yes/no, 1/0), found {value!r}") from None


def _is_text(cell: Any) -> bool:
    if not isinstance(cell, str) or not cell.strip():
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


def _cell(row: Sequence[Any], index: int) -> bool:
    value = row[index] if index < len(row) else None
    return value is not None and str(value).strip() != ""


def _text(cells: Sequence[Any], index: int, read: Callable[[Any], str | None]) -> str | None:
    cell = cells[index] if index < len(cells) else None
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    return read(cell if isinstance(cell, str) else str(cell))


def _as_follower_error(
    path: Path, error: ImportFileError, problems: Sequence[RowProblem] = ()
) -> FollowerFileError:
    problem = error.problem
    where = RowProblem(str(path), problem.row, problem.field, problem.message)
    return FollowerFileError([*problems, where])


__all__ = [
    "FollowerChunk",
    "FollowerFileError",
    "FollowerFilePlan",
    "file_error",
    "plan_follower_file",
    "read_followers",
    "workspace_model_path",
]
