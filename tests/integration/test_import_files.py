"""Importing files end to end, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kolscope.bootstrap import Workspace
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.catalogue.importing.records import ImportKind
from kolscope.catalogue.importing.service import ImportReport
from kolscope.catalogue.ports import ImportFileError
from kolscope.domain.platforms import Platform
from tests.factories import CREATORS_HEADER, creators_rows, write_csv, write_jsonl, write_xlsx


def run(workspace: Workspace, *paths: Path, **options: object) -> ImportReport:
    chosen = ImportOptions(**options)  # type: ignore[arg-type]
    dry_run = bool(options.pop("dry_run", False)) if "dry_run" in options else False
    return workspace.importer.run(
        workspace.importer.plan(list(paths), chosen), chosen, dry_run=dry_run
    )


def account(workspace: Workspace, platform: Platform, handle: str):  # type: ignore[no-untyped-def]
    detail = workspace.creators.show(platform, handle)
    assert detail is not None, f"{platform}:{handle} missing"
    return detail.account


def test_canonical_creators_file(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "creators-2026-11-01.csv", [CREATORS_HEADER, *creators_rows(3)])
    report = run(workspace, path)
    assert report.committed
    counts = report.files[0].counts
    assert (counts.rows_read, counts.imported, counts.created) == (3, 3, 3)
    found = account(workspace, Platform.INSTAGRAM, "creator_1")
    assert found.followers == 5_001
    assert found.province == "TH-10"
    assert found.country == "TH"
    assert found.categories == ("beauty",)
    assert [s.taken_on for s in found.snapshots] == [date(2026, 11, 1)]


def test_reimport_is_idempotent(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "creators-2026-11-01.csv", [CREATORS_HEADER, *creators_rows(5)])
    run(workspace, path)
    before = workspace.catalogue.totals()
    again = run(workspace, path)
    assert again.committed
    assert again.files[0].counts.created == 0
    assert again.files[0].counts.updated == 0  # nothing changed, nothing rewritten
    assert workspace.catalogue.totals() == before


def test_monthly_files_add_snapshots_and_newest_counts_win(
    workspace: Workspace, tmp_path: Path
) -> None:
    newer = write_csv(
        tmp_path / "ig nov 2022.csv", [CREATORS_HEADER, *creators_rows(2, followers=9_000)]
    )
    older = write_csv(
        tmp_path / "ig sep 2022.csv", [CREATORS_HEADER, *creators_rows(2, followers=7_000)]
    )
    run(workspace, newer)
    run(workspace, older)
    found = account(workspace, Platform.INSTAGRAM, "creator_0")
    assert [(s.taken_on, s.followers) for s in found.snapshots] == [
        (date(2022, 9, 1), 7_000),
        (date(2022, 11, 1), 9_000),
    ]
    assert found.followers == 9_000  # the older file does not overwrite the latest count
    assert found.first_seen == date(2022, 9, 1)
    assert found.last_seen == date(2022, 11, 1)
    assert workspace.catalogue.totals().accounts == 2


def test_one_bad_row_stops_everything_and_names_file_row_and_field(
    workspace: Workspace, tmp_path: Path
) -> None:
    rows = [CREATORS_HEADER, *creators_rows(3)]
    rows[2][3] = "12,3a"
    rows[3][1] = ""
    path = write_csv(tmp_path / "bad.csv", rows)
    report = run(workspace, path, platform=Platform.INSTAGRAM)
    assert not report.committed
    messages = [str(p) for p in report.files[0].problems]
    assert messages[0] == (
        "bad.csv, row 3, field \"followers\": cannot read '12,3a' as a number: unknown unit 'a'"
    )
    assert messages[1].startswith('bad.csv, row 4, field "handle": missing')
    assert workspace.catalogue.totals().accounts == 0
    assert workspace.import_log.recent_imports(1)[0].status == "failed"


def test_a_failed_import_counts_nothing_as_new(workspace: Workspace, tmp_path: Path) -> None:
    """Whole batches are written before a bad row near the end; all of it is rolled back."""
    rows = [CREATORS_HEADER, *creators_rows(6_000)]
    rows[-1][3] = "12,3a"
    report = run(workspace, write_csv(tmp_path / "late.csv", rows), platform=Platform.INSTAGRAM)
    assert not report.committed
    counts = report.files[0].counts
    assert (counts.imported, counts.created, counts.updated) == (0, 0, 0)
    assert workspace.catalogue.totals().accounts == 0


def test_partial_mode_keeps_good_rows_and_lists_the_rest(
    workspace: Workspace, tmp_path: Path
) -> None:
    rows = [CREATORS_HEADER, *creators_rows(4)]
    rows[2][3] = "lots"
    report = run(workspace, write_csv(tmp_path / "bad.csv", rows), partial=True)
    assert report.committed
    assert report.files[0].counts.imported == 3
    assert report.files[0].counts.rejected == 1
    assert [p.row for p in report.files[0].problems] == [3]
    assert workspace.catalogue.totals().accounts == 3


def test_dry_run_writes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [CREATORS_HEADER, *creators_rows(3)])
    options = ImportOptions()
    plans = workspace.importer.plan([path], options)
    report = workspace.importer.run(plans, options, dry_run=True)
    assert report.status == "dry-run"
    assert report.files[0].counts.created == 3
    assert workspace.catalogue.totals().accounts == 0
    assert plans[0].preview[0]["account"]["handle"] == "creator_0"


def test_messy_export(workspace: Workspace, tmp_path: Path) -> None:
    """BOM, a title line, blank lines, a header cell with a newline, a repeated header, Thai
    digits and units, a trailing empty column, semicolons, Thai headers."""
    text = (
        "\ufeffรายชื่อครีเอเตอร์ ประจำเดือน;;;\n\n"
        'ชื่อบัญชี;"ผู้ติดตาม\n(คน)";จังหวัด;\n'
        "nong.mint;๑๒,๓๔๕;เชียงใหม่;\n"
        "\n"
        'ชื่อบัญชี;"ผู้ติดตาม\n(คน)";จังหวัด;\n'
        "bkk_foodie;1.5 แสน;กทม.;\n"
    )
    path = tmp_path / "tiktok-creators.csv"
    path.write_text(text, encoding="utf-8")
    report = run(workspace, path)
    assert report.committed, report.to_dict()
    counts = report.files[0].counts
    assert (counts.rows_read, counts.imported, counts.repeated_headers) == (2, 2, 1)
    assert account(workspace, Platform.TIKTOK, "nong.mint").followers == 12_345
    food = account(workspace, Platform.TIKTOK, "bkk_foodie")
    assert (food.followers, food.province) == (150_000, "TH-10")


def test_thai_windows_encoding(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "ig.csv",
        [["ชื่อบัญชี", "ชื่อ", "ผู้ติดตาม"], ["som.review", "ส้ม รีวิว", "2,500"]],
        encoding="cp874",
    )
    report = run(workspace, path)
    assert report.files[0].plan.encoding == "cp874"
    assert account(workspace, Platform.INSTAGRAM, "som.review").display_name == "ส้ม รีวิว"


def test_json_jsonl_and_xlsx(workspace: Workspace, tmp_path: Path) -> None:
    as_json = tmp_path / "youtube.json"
    as_json.write_text(
        json.dumps(
            {
                "data": [
                    {
                        "channel": "techreview_th",
                        "title": "Tech Review TH",
                        "stats": {"subscribers": "1.2M"},
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    as_jsonl = write_jsonl(
        tmp_path / "x.jsonl", [{"platform": "x", "username": "@ploy", "followers": 900}]
    )
    as_xlsx = write_xlsx(
        tmp_path / "lemon8.xlsx",
        [["Username", "Followers", "ER"], ["jane", 12000, 0.045]],
        percent_columns=[3],
    )
    report = run(workspace, as_json, as_jsonl, as_xlsx)
    assert report.committed, report.to_dict()
    assert account(workspace, Platform.YOUTUBE, "techreview_th").followers == 1_200_000
    assert account(workspace, Platform.X, "ploy").followers == 900
    jane = account(workspace, Platform.LEMON8, "jane")
    assert jane.snapshots[0].engagement_rate == pytest.approx(0.045)


def test_repeated_accounts_in_a_file_keep_the_first(workspace: Workspace, tmp_path: Path) -> None:
    rows = [
        CREATORS_HEADER,
        *creators_rows(2),
        ["instagram", "CREATOR_0", "again", 1, 1, 1, "", "", "", ""],
    ]
    report = run(workspace, write_csv(tmp_path / "dup.csv", rows))
    assert report.files[0].counts.duplicates == 1
    assert account(workspace, Platform.INSTAGRAM, "creator_0").followers == 5_000


def test_map_overrides_a_guess(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "odd.csv", [["who", "n", "Country"], ["a", "10", "Thailand"]])
    with pytest.raises(ImportFileError, match="needs a handle column"):
        workspace.importer.plan([path], ImportOptions(platform=Platform.TIKTOK))
    report = run(
        workspace, path, platform=Platform.TIKTOK, mapping={"handle": "who", "followers": "n"}
    )
    assert report.committed
    assert account(workspace, Platform.TIKTOK, "a").followers == 10


def test_files_that_cannot_be_read(workspace: Workspace, tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    (tmp_path / "noplatform.csv").write_text("handle,followers\na,1\n", encoding="utf-8")
    for name, message in [
        ("old.xls", "save it as .xlsx"),
        ("empty.csv", "is empty"),
        ("noplatform.csv", "which platform"),
        ("missing.csv", "no such file"),
    ]:
        with pytest.raises(ImportFileError, match=message) as error:
            workspace.importer.plan([tmp_path / name], ImportOptions())
        assert error.value.problem.file == name


def test_posts_comments_and_pseudonyms(workspace: Workspace, tmp_path: Path) -> None:
    run(workspace, write_csv(tmp_path / "c.csv", [CREATORS_HEADER, *creators_rows(2)]))
    posts = write_csv(
        tmp_path / "posts.csv",
        [
            [
                "platform",
                "handle",
                "post_id",
                "caption",
                "posted_at",
                "likes",
                "comments",
                "sponsored",
            ],
            [
                "instagram",
                "creator_0",
                "p1",
                "ครีมกันแดดตัวนี้ดีมาก #รีวิวบิวตี้ @brand.th",
                "2026-11-01 10:00",
                "1.2K",
                "35",
                "yes",
            ],
            [
                "instagram",
                "creator_1",
                "https://www.instagram.com/p/Cx9/",
                "hello",
                "",
                "10",
                "1",
                "",
            ],
        ],
    )
    report = run(workspace, posts)
    assert report.files[0].plan.kind == ImportKind.POSTS
    comments = write_csv(
        tmp_path / "comments.csv",
        [
            ["platform", "post_id", "comment", "author", "timestamp"],
            ["instagram", "p1", "ราคาเท่าไหร่คะ", "ploy_1994", "2026-11-01 11:00"],
            ["instagram", "p1", "สวยมากกก 555", "creator_1", "2026-11-01 11:05"],
            ["instagram", "Cx9", "😍😍😍", "", ""],
        ],
    )
    report = run(workspace, comments)
    assert report.committed, report.to_dict()
    assert report.files[0].counts.imported == 3
    detail = workspace.creators.show(Platform.INSTAGRAM, "creator_0")
    assert detail is not None
    post = detail.recent_posts[0]
    assert post.hashtags == ("รีวิวบิวตี้",)
    assert post.mentions == ("brand.th",)
    assert post.is_sponsored
    assert post.likes == 1_200
    authors = {c.text: (c.author, c.author_is_pseudonym) for c in detail.recent_comments}
    assert authors["สวยมากกก 555"] == ("creator_1", False)  # a tracked creator keeps the handle
    pseudonym, hidden = authors["ราคาเท่าไหร่คะ"]
    assert hidden
    assert pseudonym is not None
    assert pseudonym.startswith("anon:")
    again = run(workspace, comments)
    assert again.files[0].counts.created == 0
    assert workspace.catalogue.totals().comments == 3


def test_comments_on_unknown_posts_are_rejected(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "comments.csv", [["platform", "post_id", "comment"], ["tiktok", "nope", "hi"]]
    )
    report = run(workspace, path)
    assert not report.committed
    assert "import the posts first" in str(report.files[0].problems[0])


def test_audience_long_and_wide(workspace: Workspace, tmp_path: Path) -> None:
    run(workspace, write_csv(tmp_path / "c.csv", [CREATORS_HEADER, *creators_rows(2)]))
    wide = write_csv(
        tmp_path / "audience.csv",
        [
            [
                "platform",
                "handle",
                "Female %",
                "Male %",
                "18-24",
                "25-34",
                "Bangkok",
                "sample size",
            ],
            ["instagram", "creator_0", "62", "38", "40%", "35%", "45%", "1,200"],
        ],
    )
    long = write_csv(
        tmp_path / "audience-long.csv",
        [
            ["platform", "handle", "dimension", "segment", "share", "source"],
            ["instagram", "creator_1", "gender", "ผู้หญิง", "0.7", "insights"],
            ["instagram", "creator_1", "province", "เชียงใหม่", "0.2", "insights"],
        ],
    )
    report = run(workspace, wide, long, as_of=date(2026, 11, 1))
    assert report.committed, report.to_dict()
    detail = workspace.creators.show(Platform.INSTAGRAM, "creator_0")
    assert detail is not None
    profile = detail.audience[0]
    assert profile.sample_size == 1_200
    assert profile.by_dimension(profile.shares[0].dimension)
    shares = {(s.dimension.value, s.segment): s.share for s in profile.shares}
    assert shares[("gender", "female")] == pytest.approx(0.62)
    assert shares[("province", "TH-10")] == pytest.approx(0.45)
    other = workspace.creators.show(Platform.INSTAGRAM, "creator_1")
    assert other is not None
    assert {(s.dimension.value, s.segment) for s in other.audience[0].shares} == {
        ("gender", "female"),
        ("province", "TH-50"),
    }
    run(workspace, wide, long, as_of=date(2026, 11, 1))  # re-import replaces, never adds
    assert workspace.catalogue.totals().audience_profiles == 2


def test_a_repeated_wide_audience_row_counts_once(workspace: Workspace, tmp_path: Path) -> None:
    run(workspace, write_csv(tmp_path / "c.csv", [CREATORS_HEADER, *creators_rows(1)]))
    row = ["instagram", "creator_0", "62", "38", "40%"]
    wide = write_csv(
        tmp_path / "audience.csv",
        [["platform", "handle", "Female %", "Male %", "18-24"], row, row],
    )
    report = run(workspace, wide, as_of=date(2026, 11, 1))
    assert report.committed, report.to_dict()
    counts = report.files[0].counts
    assert (counts.rows_read, counts.imported, counts.duplicates) == (2, 1, 1)
    assert len(counts.warnings) == 1  # one warning for the row, not one per share
    assert str(counts.warnings[0]).startswith("row 3: ")


def test_follower_samples_from_instafake_style_json(workspace: Workspace, tmp_path: Path) -> None:
    run(workspace, write_csv(tmp_path / "c.csv", [CREATORS_HEADER, *creators_rows(1)]))
    sample = tmp_path / "followers-sample.json"
    sample.write_text(
        json.dumps(
            [
                {
                    "userFollowerCount": 25,
                    "userFollowingCount": 1937,
                    "userBiographyLength": 0,
                    "userMediaCount": 0,
                    "userHasProfilPic": 1,
                    "userIsPrivate": 1,
                    "usernameDigitCount": 0,
                    "usernameLength": 10,
                    "isFake": 1,
                },
                {
                    "userFollowerCount": 500,
                    "userFollowingCount": 300,
                    "userBiographyLength": 80,
                    "userMediaCount": 120,
                    "userHasProfilPic": 1,
                    "userIsPrivate": 0,
                    "usernameDigitCount": 2,
                    "usernameLength": 9,
                    "isFake": 0,
                },
            ]
        ),
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError, match="--account"):
        workspace.importer.plan([sample], ImportOptions())
    report = run(workspace, sample, account=(Platform.INSTAGRAM, "creator_0"))
    assert report.files[0].plan.kind == ImportKind.FOLLOWERS
    assert report.committed, report.to_dict()
    detail = workspace.creators.show(Platform.INSTAGRAM, "creator_0")
    assert detail is not None
    summary = detail.follower_samples[0]
    assert (summary.size, summary.labelled, summary.labelled_fake) == (2, 2, 1)
    run(workspace, sample, account=(Platform.INSTAGRAM, "creator_0"))
    again = workspace.creators.show(Platform.INSTAGRAM, "creator_0")
    assert again is not None
    assert again.follower_samples[0].size == 2


def test_followers_of_unknown_accounts_are_rejected(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "followers.csv",
        [["platform", "handle", "profile pic", "#posts"], ["instagram", "ghost", "1", "3"]],
    )
    report = run(workspace, path, kind=ImportKind.FOLLOWERS)
    assert not report.committed
    assert "import it as a creator first" in str(report.files[0].problems[0])


def test_creator_key_groups_accounts(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "c.csv",
        [
            ["creator id", "platform", "handle", "followers"],
            ["mint", "instagram", "mint.ig", "1000"],
            ["mint", "tiktok", "mint.tt", "5000"],
            ["other", "tiktok", "someone", "10"],
        ],
    )
    run(workspace, path)
    detail = workspace.creators.show(Platform.TIKTOK, "mint.tt")
    assert detail is not None
    assert {a.reference for a in detail.creator.accounts} == {"instagram:mint.ig", "tiktok:mint.tt"}
    assert workspace.catalogue.totals().creators == 2


def test_a_large_file_is_read_by_a_second_process(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    rows = [CREATORS_HEADER, *creators_rows(60_000)]
    rows[30_000][3] = "bad number"
    path = write_csv(tmp_path / "big.csv", rows)
    report = run(sqlite_workspace, path)
    assert report.files[0].plan.estimated_rows == 60_000
    assert not report.committed
    assert [str(p) for p in report.files[0].problems] == [
        "big.csv, row 30001, field \"followers\": cannot read 'bad number' as a number"
    ]
    rows[30_000][3] = "5"
    report = run(sqlite_workspace, write_csv(tmp_path / "big.csv", rows))
    assert report.committed
    assert report.files[0].counts.imported == 60_000
    assert sqlite_workspace.catalogue.totals().accounts == 60_000


def test_a_creators_accounts_list_the_biggest_first_and_unknown_sizes_last(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "creators.csv",
        [
            ["platform", "handle", "creator_key", "followers"],
            ["youtube", "som.unknown", "som", ""],
            ["instagram", "som.small", "som", "1200"],
            ["tiktok", "som.big", "som", "54000"],
        ],
    )
    assert run(workspace, path).committed
    detail = workspace.creators.show(Platform.INSTAGRAM, "som.small")
    assert detail is not None
    # the same order on SQLite and PostgreSQL (PostgreSQL puts NULLs first unless told)
    assert [a.handle for a in detail.creator.accounts] == ["som.big", "som.small", "som.unknown"]
