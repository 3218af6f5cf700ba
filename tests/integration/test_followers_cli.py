"""``kolscope followers score`` and ``train``: layouts, mapping, bad input, atomic output, the
workspace model, and the readers of the two public fake-account data sets."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kolscope.entrypoints.cli.app import app
from kolscope.vetting.files.corpora import CorpusError
from kolscope.vetting.files.follower_corpora import instafake, instagram_fake_spammer
from kolscope.vetting.followers import FollowerModel
from tests.factories import write_csv, write_jsonl

ADDED = ["fake_probability", "is_fake"]
# (followers, following, posts, bio length, picture, private, username length, digits)
BOUGHT = (4, 3_900, 0, 0, 0, 0, 15, 6)
PERSON = (720, 350, 210, 64, 1, 1, 8, 0)
SPAMMER_HEADER = [
    "profile pic", "nums/length username", "fullname words", "nums/length fullname",
    "name==username", "description length", "external URL", "private", "#posts",
    "#followers", "#follows", "fake",
]  # fmt: skip


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("KOLSCOPE_WORKSPACE", str(tmp_path / "workspace"))
    return CliRunner()


def run(runner: CliRunner, *arguments: str) -> Any:
    return runner.invoke(app, ["followers", *arguments])


def read_output(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def instafake_record(values: tuple[int, ...], fake: int) -> dict[str, int]:
    followers, following, posts, bio, picture, private, length, digits = values
    return {
        "userFollowerCount": followers,
        "userFollowingCount": following,
        "userBiographyLength": bio,
        "userMediaCount": posts,
        "userHasProfilPic": picture,
        "userIsPrivate": private,
        "usernameDigitCount": digits,
        "usernameLength": length,
        "isFake": fake,
    }


def labelled_rows(count: int) -> list[list[Any]]:
    """Plain-named labelled followers: every third one bought."""
    rows: list[list[Any]] = [["followers", "following", "posts", "bio", "has_profile_picture",
                              "private", "username", "is_fake"]]  # fmt: skip
    for index in range(count):
        fake = index % 3 == 0
        rows.append(
            [
                3 + index % 40 if fake else 150 + 37 * index,
                1_500 + 91 * index if fake else 120 + 13 * (index % 50),
                index % 2 if fake else 20 + index,
                "" if fake and index % 2 else "ชอบกินขนม และถ่ายรูป",
                "no" if fake and index % 4 else "yes",
                "no" if index % 2 else "yes",
                f"user{index * 7919 % 100000}" if fake else f"mint.{index}",
                "fake" if fake else "real",
            ]
        )
    return rows


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# Scoring ----------------------------------------------------------------------------------


def test_scores_an_instafake_json_array(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "followers.json"
    source.write_text(
        json.dumps([instafake_record(BOUGHT, 1), instafake_record(PERSON, 0)]), encoding="utf-8"
    )
    out = tmp_path / "scored.csv"
    result = run(runner, "score", str(source), "--output", str(out))
    assert result.exit_code == 0, result.output
    headers, rows = read_output(out)
    assert headers == [*instafake_record(PERSON, 0), *ADDED]
    assert [row["is_fake"] for row in rows] == ["true", "false"]
    assert float(rows[0]["fake_probability"]) > 0.9 > 0.1 > float(rows[1]["fake_probability"])
    assert rows[0]["userFollowingCount"] == "3900"
    assert "scored 2 of 2 followers" in result.stdout
    assert "the shipped model" in result.stdout


def test_scores_a_spammer_layout_csv(runner: CliRunner, tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "sample.csv",
        [
            SPAMMER_HEADER,
            [0, 0.45, 1, 0, 0, 0, 0, 0, 0, 12, 1_800, 1],
            [1, 0, 2, 0, 0, 95, 1, 0, 320, 2_400, 410, 0],
        ],
    )
    out = tmp_path / "scored.csv"
    result = run(runner, "score", str(source), "--output", str(out))
    assert result.exit_code == 0, result.output
    headers, rows = read_output(out)
    assert headers == [*SPAMMER_HEADER, *ADDED]
    assert [row["is_fake"] for row in rows] == ["true", "false"]


def test_plain_headers_need_no_map_and_keep_an_input_is_fake(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "plain.csv", labelled_rows(6))
    out = tmp_path / "scored.csv"
    result = run(runner, "score", str(source), "--output", str(out))
    assert result.exit_code == 0, result.output
    headers, rows = read_output(out)
    assert headers[-3:] == ["is_fake (input)", *ADDED]
    assert [row["is_fake"] for row in rows] == [
        "true" if row["is_fake (input)"] == "fake" else "false" for row in rows
    ]
    for field in ("followers", "following", "posts", "bio", "has_picture", "is_private"):
        assert field in result.stderr  # the columns it read, shown for checking


def test_map_names_columns_and_threshold_moves_the_cut(runner: CliRunner, tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "odd.jsonl",
        [{"a": 40, "b": 900, "c": 3, "id": "x1"}, {"a": 900, "b": 300, "c": 80, "id": "x2"}],
    )
    out = tmp_path / "scored.csv"
    mapping = ["--map", "followers=a", "--map", "following=b", "--map", "posts=c"]
    assert run(runner, "score", str(source), "--output", str(out), *mapping).exit_code == 0
    _headers, rows = read_output(out)
    probabilities = [float(row["fake_probability"]) for row in rows]
    cut = sum(probabilities) / 2
    result = run(
        runner, "score", str(source), "--output", str(out), *mapping, "--threshold", f"{cut}"
    )
    assert result.exit_code == 0, result.output
    assert [row["is_fake"] for row in read_output(out)[1]] == ["true", "false"]
    assert f"threshold {cut:g}" in result.stdout


def test_rows_that_know_nothing_get_empty_cells(runner: CliRunner, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "gaps.csv", [["followers", "note"], ["", "left"], ["12", "x"]])
    out = tmp_path / "scored.csv"
    result = run(runner, "score", str(source), "--output", str(out))
    assert result.exit_code == 0, result.output
    rows = read_output(out)[1]
    assert (rows[0]["fake_probability"], rows[0]["is_fake"]) == ("", "")
    assert rows[1]["fake_probability"]
    assert "1 rows know none of the profile fields" in result.stderr


def test_bad_input_names_file_row_and_field_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = write_csv(
        tmp_path / "bad.csv",
        [["#followers", "#follows", "nums/length username"], [10, 20, 0.1], ["lots", 5, 1.7]],
    )
    out = tmp_path / "scored.csv"
    out.write_text("the previous result\n", encoding="utf-8")
    result = run(runner, "score", str(source), "--output", str(out))
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert 'bad.csv, row 3, field "followers" (column "#followers")' in message
    assert 'bad.csv, row 3, field "username_digit_ratio"' in message
    assert out.read_text(encoding="utf-8") == "the previous result\n"
    assert leftovers(tmp_path) == []


def test_files_without_follower_columns_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "other.csv", [["title", "price"], ["x", "1"], ["y", "2"]])
    out = tmp_path / "scored.csv"
    result = run(runner, "score", str(source), "--output", str(out))
    assert result.exit_code == 2
    assert "no column holds a follower-profile field" in result.stderr
    assert not out.exists()
    bad_map = run(runner, "score", str(source), "--output", str(out), "--map", "followers=nope")
    assert bad_map.exit_code == 2
    assert "no such column" in bad_map.stderr
    wrong = run(runner, "score", str(source), "--output", str(tmp_path / "out.txt"))
    assert wrong.exit_code == 2


# Training ---------------------------------------------------------------------------------


def test_train_on_own_followers_then_score_with_that_model(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "labelled.csv", labelled_rows(90))
    result = run(runner, "train", str(source))
    assert result.exit_code == 0, result.output
    saved = tmp_path / "workspace" / "models" / "followers.json"
    model = FollowerModel.load(saved)
    assert model.manifest["training_rows"] == 90
    assert model.manifest["sources"][0]["sha256"]
    assert "accuracy" in result.stdout
    out = tmp_path / "scored.csv"
    scored = run(runner, "score", str(source), "--output", str(out))
    assert scored.exit_code == 0, scored.output
    assert "workspace model" in scored.stdout
    elsewhere = tmp_path / "mine.json"
    assert run(runner, "train", str(source), "--output", str(elsewhere)).exit_code == 0
    chosen = run(runner, "score", str(source), "--output", str(out), "--model", str(elsewhere))
    assert str(elsewhere) in " ".join(chosen.stdout.split())


def test_train_needs_labels_and_one_source(runner: CliRunner, tmp_path: Path) -> None:
    unlabelled = write_csv(tmp_path / "plain.csv", [["followers", "posts"], [1, 2], [3, 4]])
    result = run(runner, "train", str(unlabelled))
    assert result.exit_code == 2
    assert "has no label column" in result.stderr
    rows = labelled_rows(20)
    rows[5][-1] = ""
    gap = write_csv(tmp_path / "gap.csv", rows)
    missing = run(runner, "train", str(gap))
    assert missing.exit_code == 2
    assert 'gap.csv, row 6, field "is_fake"' in " ".join(missing.stderr.split())
    assert run(runner, "train").exit_code == 2
    assert run(runner, "train", str(gap), "--shared").exit_code == 2
    few = write_csv(tmp_path / "few.csv", labelled_rows(6))
    assert "needs at least 5 fake" in run(runner, "train", str(few)).stderr


# The public data sets ---------------------------------------------------------------------


def test_the_public_data_sets_read_whole(shared_data: Path) -> None:
    insta = instafake(shared_data)
    assert (len(insta.labels), sum(insta.labels)) == (1_194, 200)
    spam = instagram_fake_spammer(shared_data)
    assert (len(spam.labels), sum(spam.labels)) == (576, 288)
    assert spam.profiles[0].username_digit_ratio is not None
    assert insta.profiles[0].username_length is not None


def test_bad_data_set_files_name_the_file_row_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "instagram-fake-spammer"
    folder.mkdir()
    rows = [SPAMMER_HEADER, [1, 0.2, 1, 0, 0, 10, 0, 0, 3, 40, 50, 0]]
    rows.append([1, 0.2, 1, 0, 0, 10, 0, 0, -3, 40, 50, 1])
    write_csv(folder / "train.csv", rows)
    with pytest.raises(CorpusError, match=r"train.csv, row 3, field '#posts'"):
        instagram_fake_spammer(tmp_path)
    with pytest.raises(CorpusError, match="not found"):
        instafake(tmp_path)


def test_the_shipped_model_is_rebuilt_exactly_from_the_shared_data(
    runner: CliRunner, shared_data: Path, tmp_path: Path
) -> None:
    target = tmp_path / "rebuilt.json"
    result = run(runner, "train", "--shared", "--data", str(shared_data), "--output", str(target))
    assert result.exit_code == 0, result.output
    rebuilt, shipped = FollowerModel.load(target), FollowerModel.load_default()
    assert rebuilt.to_json()["heads"] == shipped.to_json()["heads"]
    assert rebuilt.manifest["sources"] == shipped.manifest["sources"]
    assert rebuilt.manifest["cross_validated"] == shipped.manifest["cross_validated"]


def test_the_real_layouts_score_without_map(
    runner: CliRunner, shared_data: Path, tmp_path: Path
) -> None:
    for source in (
        shared_data / "instafake" / "fakeAccountData.json",
        shared_data / "instagram-fake-spammer" / "train.csv",
    ):
        out = tmp_path / f"{source.stem}.csv"
        result = run(runner, "score", str(source), "--output", str(out))
        assert result.exit_code == 0, result.output
        rows = read_output(out)[1]
        assert all(row["fake_probability"] for row in rows)


def test_map_accepts_username_for_the_followers_own_name(runner: CliRunner, tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "named.csv",
        [["login", "followers", "following"], ["anna_1998", 12, 3_000], ["mint", 900, 300]],
    )
    out = tmp_path / "scored.csv"
    result = run(runner, "score", str(source), "--output", str(out), "--map", "username=login")
    assert result.exit_code == 0, result.output
    assert "username ← 'login'" in result.stderr
    assert [row["is_fake"] for row in read_output(out)[1]] == ["true", "false"]


def test_thai_headers_and_values_in_a_tsv(runner: CliRunner, tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "ผู้ติดตาม.tsv",
        [
            ["ผู้ติดตาม", "กำลังติดตาม", "โพสต์", "รูปโปรไฟล์", "บัญชีส่วนตัว"],
            [5, 3_000, 0, "ไม่มี", "ไม่ใช่"],
            [800, 200, 90, "มี", "ใช่"],
        ],
        delimiter="\t",
    )
    out = tmp_path / "scored.csv"
    result = run(runner, "score", str(source), "--output", str(out))
    assert result.exit_code == 0, result.output
    headers, rows = read_output(out)
    assert headers[:2] == ["ผู้ติดตาม", "กำลังติดตาม"]
    assert [row["is_fake"] for row in rows] == ["true", "false"]
