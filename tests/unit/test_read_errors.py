"""Values that cannot be read say so as messages: the domain's ``ReadError`` carries a code and
the values it quotes; the importer (a cell) and the discover page (a search field) write the same
sentence in the reader's language, and its English is the domain's, word for word (the command
line and the API print it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kolscope.catalogue import messages as catalogue_said
from kolscope.catalogue.formats.reader import FileImportReader
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.catalogue.importing.records import FileCounts, RowProblem
from kolscope.catalogue.ports import ImportFileError
from kolscope.discovery import messages as discovery_said
from kolscope.discovery.field_values import FieldError, read_count, read_days, read_flag
from kolscope.domain.audience import normalise_age_band, normalise_gender
from kolscope.domain.dates import parse_date, parse_datetime
from kolscope.domain.messages import LITERAL
from kolscope.domain.platforms import Platform, handle_problem
from kolscope.domain.quantities import (
    ReadError,
    parse_average,
    parse_count,
    parse_number,
    parse_rate,
)
from kolscope.entrypoints.web import said

THAI = said.wording(language="th")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
QUOTED = re.compile(r"'[^']*'")

BAD: list[tuple[Callable[[Any], Any], Any]] = [
    (parse_number, "12,3a"),
    (parse_number, "abc"),
    (parse_number, "1,23,4"),
    (parse_number, "1.2.3"),
    (parse_number, True),
    (parse_count, "5%"),
    (parse_count, "-3"),
    (parse_count, "9e20"),
    (parse_average, "5%"),
    (parse_average, "-1"),
    (parse_rate, "-0.1"),
    (parse_date, "next tuesday"),
    (parse_datetime, "soon"),
    (parse_datetime, -5),
    (normalise_age_band, "sometime"),
    (normalise_gender, "zz"),
]


def _refusal(read: Callable[[Any], Any], value: Any) -> ReadError:
    with pytest.raises(ReadError) as raised:
        read(value)
    return raised.value


@pytest.mark.parametrize(("read", "value"), BAD)
def test_a_cell_that_cannot_be_read_is_a_message_with_the_same_english(
    read: Callable[[Any], Any], value: Any
) -> None:
    error = _refusal(read, value)
    message = catalogue_said.read_error(error)
    assert not isinstance(message, str), error.code
    assert message.code.startswith("import.cell.")
    assert str(message) == str(error)
    thai = said.say_with(message, THAI).replace(repr(value), "")  # the value is data
    assert LATIN_WORD.findall(QUOTED.sub("", thai)) in ([], ["Unix"]), thai


def test_a_handle_that_cannot_be_one_is_a_message_with_the_same_english() -> None:
    for platform, handle in [
        (Platform.INSTAGRAM, "a b"),
        (Platform.X, "dot.ted"),
        (Platform.YOUTUBE, "a<b"),
        (Platform.YOUTUBE, "x" * 101),
    ]:
        problem = handle_problem(platform, handle)
        assert problem is not None
        message = catalogue_said.read_error(problem)
        assert not isinstance(message, str)
        assert str(message) == str(problem)
        thai = said.say_with(message, THAI)
        assert set(LATIN_WORD.findall(thai)) <= {"Instagram", "Twitter"}, thai


def test_a_search_count_that_cannot_be_read_is_a_message_with_the_same_english() -> None:
    for text in ("abc", "12,3a", "5%", "-3"):
        with pytest.raises(FieldError) as raised:
            read_count({"min_followers": [text]}, "min_followers")
        error = raised.value
        assert error.reason.code != LITERAL
        assert str(error) == f"min_followers: {error.reason}"  # the API's English
        original = _refusal(parse_count, text)
        assert str(discovery_said.read_error(original)) == str(original)
        thai = said.say_with(error.reason, THAI)
        assert LATIN_WORD.findall(QUOTED.sub("", thai)) == [], thai


def test_other_search_fields_say_why_in_thai() -> None:
    for read, name, text in [(read_days, "days", "400000"), (read_flag, "verified", "maybe")]:
        with pytest.raises(FieldError) as raised:
            read({name: [text]}, name)
        reason = raised.value.reason
        assert reason.code.startswith("discover.field."), reason
        assert str(raised.value).startswith(f"{name}: ")
        assert LATIN_WORD.findall(QUOTED.sub("", said.say_with(reason, THAI))) == []


def test_an_unknown_error_keeps_its_english() -> None:
    assert catalogue_said.read_error(ValueError("odd")) == "odd"
    assert discovery_said.read_error(ValueError("odd")).code == LITERAL


def test_an_import_row_with_an_unreadable_number_carries_the_message(tmp_path: Path) -> None:
    path = tmp_path / "ig-creators.csv"
    path.write_text('handle,followers\nsom.review,"12,3a"\nmint,1200\n', encoding="utf-8")
    reader = FileImportReader(parallel=False)
    options = ImportOptions(platform=Platform.INSTAGRAM)
    plan = reader.plan(path, options)
    problems = [
        item for item in reader.records(plan, options, FileCounts()) if isinstance(item, RowProblem)
    ]
    assert problems, "the row with 12,3a is a problem"
    assert problems[0].said is not None
    assert problems[0].said.code == "import.cell.number.unit"
    assert problems[0].message == "cannot read '12,3a' as a number: unknown unit 'a'"


def _file_problem(path: Path) -> RowProblem:
    """Why the whole file cannot be read (planning it, or reading its rows)."""
    reader = FileImportReader(parallel=False)
    options = ImportOptions(platform=Platform.INSTAGRAM)
    try:
        plan = reader.plan(path, options)
        list(reader.records(plan, options, FileCounts()))
    except ImportFileError as error:
        return error.problem
    raise AssertionError(f"{path.name} was read")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"[1, 2]", "import.file.json.object"),
        (b'"just text"', "import.file.json.list"),
        (b'{"a": 1}', "import.file.json.list_or_object"),
        (b'[{"a": 1', "import.file.json.invalid.file"),
    ],
)
def test_a_json_file_that_cannot_be_read_says_why_as_a_message(
    tmp_path: Path, content: bytes, code: str
) -> None:
    path = tmp_path / "creators.json"
    path.write_bytes(content)
    problem = _file_problem(path)
    assert problem.said is not None
    assert problem.said.code == code
    assert str(problem.said) == problem.message
    thai = said.say_with(problem.to_message(), THAI).replace("creators.json", "")
    thai = re.sub(r"\([^)]*\)", "", thai)  # the JSON parser's own (English) detail
    assert LATIN_WORD.findall(thai) in ([], ["JSON"]), thai


def test_a_csv_quote_left_open_says_why_as_a_message(tmp_path: Path) -> None:
    path = tmp_path / "creators.csv"
    path.write_text('handle,followers\nsom,"1200\nmint,900\n', encoding="utf-8")
    problem = _file_problem(path)
    assert problem.said is not None
    assert problem.said.code.startswith("import.file.quote.open")
    assert "is never closed" in problem.message
    thai = said.say_with(problem.said, THAI)
    assert LATIN_WORD.findall(thai) == [], thai
