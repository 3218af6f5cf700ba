"""``kolscope comments analyse``: formats, column detection, encodings, bad input, atomic output."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kolscope.entrypoints.cli import comments_cmd
from kolscope.entrypoints.cli.app import app
from kolscope.vetting.comments import OUTPUT_COLUMNS, analyse_comments
from tests.factories import write_csv, write_jsonl

PRICE = "ราคาเท่าไหร่คะ"
SPAM = "บาคาร่า สล็อต เว็บตรง สมัครเลย line: @slot999"
EMOJI = "😍😍😍"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def analyse(runner: CliRunner, source: Path, out: Path, *options: str) -> Any:
    return runner.invoke(app, ["comments", "analyse", str(source), "--output", str(out), *options])


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # so Excel shows Thai
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_csv_to_csv_keeps_the_columns_and_adds_the_readings(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = write_csv(
        tmp_path / "comments.csv",
        [
            ["id", "author", "text", "likes"],
            ["1", "a", PRICE, "3"],
            ["2", "b", SPAM, "0"],
            ["3", "c", EMOJI, "12"],
        ],
    )
    out = tmp_path / "out.csv"
    result = analyse(runner, source, out)
    assert result.exit_code == 0, result.output
    header, rows = read_csv(out)
    assert header == ["id", "author", "text", "likes", *OUTPUT_COLUMNS]
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert [r["text"] for r in rows] == [PRICE, SPAM, EMOJI]
    assert [r["likes"] for r in rows] == ["3", "0", "12"]
    for row in rows:
        for column in ("question", "purchase_intent", "spam", "low_effort", "toxic"):
            assert row[column] in {"true", "false"}
        assert row["sentiment"] in {"positive", "neutral", "negative"}
        assert 0.0 <= float(row["sentiment_p"]) <= 1.0
    expected = [i.columns() for i in analyse_comments([PRICE, SPAM, EMOJI])]
    assert rows[1]["spam_p"] == str(expected[1]["spam_p"])
    assert rows[0]["evidence"] == expected[0]["evidence"]
    assert "analysed 3 comments" in result.stdout
    assert "text column 'text'" in result.stdout
    assert "purchase intent" in result.stdout


def test_thai_comments_get_sensible_answers(runner: CliRunner, tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "comments.jsonl", [{"text": PRICE}, {"text": SPAM}, {"text": EMOJI}]
    )
    out = tmp_path / "out.jsonl"
    result = analyse(runner, source, out)
    assert result.exit_code == 0, result.output
    price, spam, emoji = read_jsonl(out)
    assert price["purchase_intent"] is True
    assert price["question"] is True
    assert price["language"] == "th"
    assert spam["spam"] is True
    assert emoji["low_effort"] is True
    assert emoji["spam"] is False


def test_jsonl_to_jsonl_keeps_each_object_and_uses_json_types(
    runner: CliRunner, tmp_path: Path
) -> None:
    records = [
        {"id": 1, "message": PRICE, "meta": {"likes": 4, "tags": ["a"]}, "pinned": False},
        {"id": 2, "message": None},
        {"id": 3},
        {"message": "   ", "id": 4},
    ]
    source = write_jsonl(tmp_path / "comments.jsonl", records)
    out = tmp_path / "out.jsonl"
    result = analyse(runner, source, out)
    assert result.exit_code == 0, result.output
    rows = read_jsonl(out)
    assert len(rows) == 4
    assert list(rows[0]) == ["id", "message", "meta", "pinned", *OUTPUT_COLUMNS]
    assert rows[0]["meta"] == {"likes": 4, "tags": ["a"]}
    assert rows[0]["pinned"] is False
    assert list(rows[2]) == ["id", *OUTPUT_COLUMNS]  # no key is invented
    assert list(rows[3]) == ["message", "id", *OUTPUT_COLUMNS]
    assert isinstance(rows[0]["sentiment_p"], float)
    assert isinstance(rows[0]["spam"], bool)
    # A null or missing text is read as an empty comment: a defined answer, not a crash.
    empty = analyse_comments([""])[0].columns()
    for row in rows[1:3]:
        assert {c: row[c] for c in OUTPUT_COLUMNS} == empty
    assert rows[3]["low_effort"] is True


def test_csv_to_jsonl_and_jsonl_to_csv(runner: CliRunner, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [["n", "comment"], ["1", PRICE], ["2", "ok"]])
    out = tmp_path / "out.ndjson"
    result = analyse(runner, source, out)
    assert result.exit_code == 0, result.output
    rows = read_jsonl(out)
    assert [r["n"] for r in rows] == ["1", "2"]  # CSV cells stay text
    assert list(rows[0]) == ["n", "comment", *OUTPUT_COLUMNS]
    assert isinstance(rows[0]["purchase_intent"], bool)

    records = [{"a": 1, "text": "hello"}, {"text": EMOJI, "b": {"x": True}, "a": None}]
    back = analyse(runner, write_jsonl(tmp_path / "in.jsonl", records), tmp_path / "back.csv")
    assert back.exit_code == 0, back.output
    header, csv_rows = read_csv(tmp_path / "back.csv")
    assert header == ["a", "text", "b", *OUTPUT_COLUMNS]  # every key, in the order first seen
    assert [r["a"] for r in csv_rows] == ["1", ""]
    assert [r["b"] for r in csv_rows] == ["", '{"x": true}']
    assert csv_rows[1]["low_effort"] == "true"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["id", "ข้อความ", "date"], "ข้อความ"),
        (["id", " Comment ", "date"], " Comment "),
        (["id", "CAPTION"], "CAPTION"),
        (["whatever"], "whatever"),  # the only column
    ],
)
def test_the_text_column_is_detected(
    runner: CliRunner, tmp_path: Path, header: list[str], expected: str
) -> None:
    row = [PRICE if name == expected else "x" for name in header]
    source = write_csv(tmp_path / "in.csv", [header, row])
    result = analyse(runner, source, tmp_path / "out.csv")
    assert result.exit_code == 0, result.output
    assert f"text column {expected!r}" in result.stdout
    _, rows = read_csv(tmp_path / "out.csv")
    assert rows[0]["purchase_intent"] == "true"


def test_text_column_option_settles_an_ambiguous_file(runner: CliRunner, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [["caption", "comment"], ["สวัสดีครับ", PRICE]])
    out = tmp_path / "out.csv"
    ambiguous = analyse(runner, source, out)
    assert ambiguous.exit_code == 2
    assert "'caption', 'comment'" in ambiguous.stderr
    assert "--text-column" in ambiguous.stderr
    assert not out.exists()
    chosen = analyse(runner, source, out, "--text-column", "comment")
    assert chosen.exit_code == 0, chosen.output
    _, rows = read_csv(out)
    assert rows[0]["purchase_intent"] == "true"
    assert rows[0]["evidence"] == analyse_comments([PRICE])[0].columns()["evidence"]


def test_missing_text_column_names_the_file_and_its_columns(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "in.csv", [["id", "text"], ["1", "hi"]])
    out = tmp_path / "out.csv"
    result = analyse(runner, source, out, "--text-column", "body")
    assert result.exit_code == 2
    assert str(source) in result.stderr
    assert "'body'" in result.stderr
    assert "'id', 'text'" in result.stderr
    assert not out.exists()

    unknown = write_csv(tmp_path / "plain.csv", [["id", "author"], ["1", "a"]])
    none_found = analyse(runner, unknown, out)
    assert none_found.exit_code == 2
    assert "'id', 'author'" in none_found.stderr
    assert "ข้อความ" in none_found.stderr


@pytest.mark.parametrize("name", ["out.txt", "out.xlsx", "out"])
def test_an_unknown_output_extension_is_refused(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    source = write_csv(tmp_path / "in.csv", [["text"], ["hi"]])
    result = analyse(runner, source, tmp_path / name)
    assert result.exit_code == 2
    assert ".csv, .jsonl or .ndjson" in result.stderr
    assert not (tmp_path / name).exists()


def test_an_unknown_input_extension_and_a_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text("text\nhi\n", encoding="utf-8")
    wrong = analyse(runner, tmp_path / "in.txt", tmp_path / "out.csv")
    assert wrong.exit_code == 2
    assert ".tsv" in wrong.stderr
    missing = analyse(runner, tmp_path / "nope.csv", tmp_path / "out.csv")
    assert missing.exit_code == 2
    assert "nope.csv" in missing.stderr
    assert "cannot read" in missing.stderr


def test_invalid_utf8_in_one_row_is_replaced_and_reported(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(
        "id,text\n1,สวยมากค่ะ\n".encode() + b"2,bad \xff\xfe bytes\n" + f"3,{PRICE}\n".encode()
    )
    out = tmp_path / "out.csv"
    result = analyse(runner, source, out)
    assert result.exit_code == 0, result.output
    assert f"{source}, line 3, field 'text'" in result.stderr
    assert "line 2," not in result.stderr
    assert "line 4," not in result.stderr
    assert "1 rows had bytes that are not UTF-8" in result.stderr
    _, rows = read_csv(out)
    assert [r["text"] for r in rows] == ["สวยมากค่ะ", "bad \ufffd\ufffd bytes", PRICE]
    assert rows[2]["purchase_intent"] == "true"


def test_damaged_row_warnings_are_capped(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(b'{"text": "x\xff%d"}\n' % i for i in range(25)))
    result = analyse(runner, source, tmp_path / "out.jsonl")
    assert result.exit_code == 0, result.output
    assert "line 20, field 'text'" in result.stderr
    assert "line 21," not in result.stderr
    assert "25 rows had bytes that are not UTF-8 (5 more not shown)" in result.stderr
    assert len(read_jsonl(tmp_path / "out.jsonl")) == 25


def test_a_cp874_thai_file_is_read_as_cp874(runner: CliRunner, tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "excel.csv",
        [["ลำดับ", "ความคิดเห็น"], ["1", PRICE], ["2", "ส่งฟรีไหมคะ สนใจค่ะ"]],
        encoding="cp874",
    )
    out = tmp_path / "out.csv"
    result = analyse(runner, source, out)
    assert result.exit_code == 0, result.output
    assert "cp874" in result.stderr
    assert "replaced" not in result.stderr
    header, rows = read_csv(out)
    assert header[:2] == ["ลำดับ", "ความคิดเห็น"]
    assert [r["ความคิดเห็น"] for r in rows] == [PRICE, "ส่งฟรีไหมคะ สนใจค่ะ"]
    assert rows[0]["purchase_intent"] == "true"
    assert rows[0]["language"] == "th"


def test_utf8_with_bom_tsv_and_multiline_comments(runner: CliRunner, tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "in.tsv",
        [["text", "id"], ["บรรทัดแรก\nบรรทัดสอง, with a comma", "1"], [PRICE, "2"]],
        encoding="utf-8-sig",
        delimiter="\t",
    )
    out = tmp_path / "out.csv"
    result = analyse(runner, source, out)
    assert result.exit_code == 0, result.output
    header, rows = read_csv(out)
    assert header[:2] == ["text", "id"]  # the byte-order mark is not part of the name
    assert rows[0]["text"] == "บรรทัดแรก\nบรรทัดสอง, with a comma"
    assert rows[1]["purchase_intent"] == "true"


def test_a_bad_json_line_is_named_and_nothing_is_written(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "ok"}\n\n{"text": "broken"\n{"text": "after"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = analyse(runner, source, out)
    assert result.exit_code == 2
    assert f"{source}, line 3: not valid JSON" in result.stderr
    assert not out.exists()
    assert leftovers(tmp_path) == []

    source.write_text('{"text": "ok"}\n["not", "an", "object"]\n', encoding="utf-8")
    not_object = analyse(runner, source, out)
    assert not_object.exit_code == 2
    assert "line 2: a JSON array, not an object" in not_object.stderr
    assert not out.exists()


def test_a_row_with_too_many_fields_is_named(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text('id,text\n1,"two\nlines"\n2,hello, world\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_text("keep me", encoding="utf-8")
    result = analyse(runner, source, out)
    assert result.exit_code == 2
    assert f"{source}, line 4: 3 fields but the header has 2" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"  # the old output is untouched
    assert leftovers(tmp_path) == []


def test_a_failure_while_writing_leaves_the_old_output(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_csv(tmp_path / "in.csv", [["text"], ["one"], ["two"], ["three"]])
    out = tmp_path / "out.csv"
    out.write_text("previous", encoding="utf-8")
    calls: list[int] = []

    def flaky(texts: list[str]) -> list[Any]:
        calls.append(len(texts))
        if len(calls) == 2:
            raise RuntimeError("model exploded")
        return analyse_comments(texts)

    monkeypatch.setattr(comments_cmd, "CHUNK", 1)
    monkeypatch.setattr(comments_cmd, "analyse_comments", flaky)
    result = analyse(runner, source, out)
    assert isinstance(result.exception, RuntimeError)
    assert out.read_text(encoding="utf-8") == "previous"
    assert leftovers(tmp_path) == []


def test_chunks_keep_every_row_in_order(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(comments_cmd, "CHUNK", 2)
    texts = [f"comment number {i}" for i in range(7)]
    source = write_jsonl(tmp_path / "in.jsonl", [{"i": i, "text": t} for i, t in enumerate(texts)])
    result = analyse(runner, source, tmp_path / "out.jsonl")
    assert result.exit_code == 0, result.output
    rows = read_jsonl(tmp_path / "out.jsonl")
    assert [r["i"] for r in rows] == list(range(7))
    assert "analysed 7 comments" in result.stdout


def test_empty_and_header_only_files(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    result = analyse(runner, tmp_path / "empty.csv", tmp_path / "out.csv")
    assert result.exit_code == 0, result.output
    assert "analysed 0 comments" in result.stdout
    assert read_csv(tmp_path / "out.csv") == (list(OUTPUT_COLUMNS), [])

    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    as_jsonl = analyse(runner, tmp_path / "empty.jsonl", tmp_path / "out.jsonl")
    assert as_jsonl.exit_code == 0, as_jsonl.output
    assert "analysed 0 comments" in as_jsonl.stdout
    assert (tmp_path / "out.jsonl").read_bytes() == b""

    header_only = write_csv(tmp_path / "header.csv", [["id", "text"]])
    result = analyse(runner, header_only, tmp_path / "out2.csv")
    assert result.exit_code == 0, result.output
    assert read_csv(tmp_path / "out2.csv") == (["id", "text", *OUTPUT_COLUMNS], [])


def test_huge_blank_emoji_and_mixed_comments_just_work(runner: CliRunner, tmp_path: Path) -> None:
    huge = ("สวยมาก love it 😍 " * 6_000)[:100_000]
    texts = [huge, "   \t ", EMOJI, "ครีมตัวนี้ดีมาก but ราคา 599 บาท ok ไหม 🤔", "x" * 200_000]
    source = write_csv(tmp_path / "in.csv", [["text"], *[[t] for t in texts]])
    out = tmp_path / "out.csv"
    result = analyse(runner, source, out)
    assert result.exit_code == 0, result.output
    _, rows = read_csv(out)
    assert [r["text"] for r in rows] == texts
    assert rows[0]["language"] == "mixed"
    assert rows[1]["low_effort"] == "true"
    assert rows[2]["low_effort"] == "true"
    assert "analysed 5 comments" in result.stdout


def test_an_input_column_named_like_an_output_column_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "in.csv", [["text", "sentiment"], ["hi", "positive"]])
    out = tmp_path / "out.csv"
    result = analyse(runner, source, out)
    assert result.exit_code == 2
    assert "'sentiment'" in result.stderr
    assert str(source) in result.stderr
    assert not out.exists()

    records = [{"text": "a"}, {"text": "b", "spam": 1, "evidence": "x"}]
    jsonl = write_jsonl(tmp_path / "in.jsonl", records)
    result = analyse(runner, jsonl, tmp_path / "out.jsonl")
    assert result.exit_code == 2
    assert "line 2" in result.stderr
    assert "'spam', 'evidence'" in result.stderr
