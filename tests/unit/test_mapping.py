"""Column mapping: header words first, then the values, with the person's --map on top."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kolscope.catalogue.formats.audience_columns import segment_of_header
from kolscope.catalogue.formats.detection import detect_kind
from kolscope.catalogue.formats.headers import clean_header, find_header_row, same_header
from kolscope.catalogue.formats.mapping import map_columns
from kolscope.catalogue.formats.values import read_bool, read_handle, read_list
from kolscope.catalogue.importing.records import ImportKind
from kolscope.domain.audience import AudienceDimension


def fields(
    headers: list[str],
    rows: list[list[object]],
    kind: ImportKind = ImportKind.CREATORS,
    overrides: dict[str, str | None] | None = None,
) -> list[str | None]:
    return [c.field for c in map_columns(kind, headers, rows, overrides or {}).columns]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Followers", "followers"),
        ("Subscribers count", "followers"),
        ("ผู้ติดตาม", "followers"),
        ("ยอดผู้ติดตาม", "followers"),
        ("Avg. likes", "avg_likes"),
        ("Likes (Avg.)", "avg_likes"),
        ("Views avg.", "avg_views"),
        ("Eng. (Auth.)", "avg_authentic_engagement"),
        ("Engagement average Values", "avg_engagement"),
        ("ER %", "engagement_rate"),
        ("Audience country(mostly)", "top_audience_country"),
        ("จังหวัด", "province"),
        ("Category_2", "categories"),
        ("หมวดหมู่", "categories"),
        ("S.no", None),
        ("Bio", "bio"),
        ("userFollowerCount", "followers"),
    ],
)
def test_header_synonyms(header: str, field: str | None) -> None:
    values: list[object] = (
        ["1.2K"]
        if field not in {"top_audience_country", "province", "categories", "bio"}
        else ["x"]
    )
    if field == "top_audience_country":
        values = ["Thailand"]
    if field == "province":
        values = ["Bangkok"]
    mapped = fields(["handle", header], [["a", values[0]]])
    assert mapped[1] == field


def test_handle_and_display_name_are_told_apart_by_their_values() -> None:
    rows: list[list[object]] = [
        ["Cristiano Ronaldo", "cristiano"],
        ["Kylie 🤍", "kyliejenner"],
        ["Leo Messi", "leomessi"],
    ]
    assert fields(["Name", "Instagram Name"], rows) == ["display_name", "handle"]
    assert fields(["Instagram Name", "Name"], [r[::-1] for r in rows]) == ["handle", "display_name"]


def test_a_column_labelled_wrongly_is_read_by_its_values() -> None:
    rows: list[list[object]] = [["a", "Spain", "1.2K"], ["b", "Brazil", "3K"], ["c", "India", "9"]]
    mapping = map_columns(ImportKind.CREATORS, ["handle", "Views avg.", "Likes avg"], rows, {})
    assert [c.field for c in mapping.columns] == ["handle", "country", "avg_likes"]
    assert "not numbers" in str(mapping.columns[1].note)


def test_the_same_number_written_twice_is_a_pair() -> None:
    rows: list[list[object]] = [["a", "13.8M", "13800000"], ["b", "45.3K", "45312"]]
    mapping = map_columns(ImportKind.CREATORS, ["handle", "Subscribers", "Subscribers"], rows, {})
    assert [c.how for c in mapping.columns] == ["header", "header", "pair"]


def test_two_different_columns_for_one_field_keep_one_and_warn() -> None:
    rows: list[list[object]] = [["a", "100", "5"], ["b", "200", "9"]]
    mapping = map_columns(ImportKind.CREATORS, ["handle", "Followers", "Fans"], rows, {})
    assert [c.field for c in mapping.columns] == ["handle", "followers", None]
    assert "both look like followers" in mapping.warnings[0]


def test_map_overrides_and_skips() -> None:
    rows: list[list[object]] = [["a", "1", "2"]]
    mapped = fields(
        ["who", "col A", "Followers"],
        rows,
        overrides={"handle": "who", "followers": "col A", "following": "3"},
    )
    assert mapped == ["handle", "followers", "following"]
    assert fields(["handle", "Followers"], rows, overrides={"followers": None}) == ["handle", None]
    with pytest.raises(LookupError, match="no such column"):
        fields(["handle"], rows, overrides={"followers": "nope"})
    with pytest.raises(KeyError, match="no field"):
        fields(["handle"], rows, overrides={"flowers": "handle"})


def test_percent_columns_are_read_as_percent() -> None:
    mapping = map_columns(ImportKind.CREATORS, ["handle", "ER"], [["a", "3.1"], ["b", "2.5"]], {})
    assert "engagement_rate" in mapping.percent_scale


def test_implausible_numbers_warn_about_the_headers() -> None:
    rows: list[list[object]] = [[f"a{i}", "100", "900"] for i in range(12)]
    mapping = map_columns(ImportKind.CREATORS, ["handle", "Likes avg", "Comments avg"], rows, {})
    assert any("headers may be wrong" in w for w in mapping.warnings)


def test_kind_detection() -> None:
    assert detect_kind("x.csv", ["post id", "caption", "likes"])[0] == ImportKind.POSTS
    assert detect_kind("x.csv", ["post_id", "comment", "author"])[0] == ImportKind.COMMENTS
    assert detect_kind("audience.csv", ["handle", "female", "male"])[0] == ImportKind.AUDIENCE
    assert detect_kind("x.json", ["userFollowerCount", "usernameDigitCount", "isFake"])[0] == (
        ImportKind.FOLLOWERS
    )
    assert detect_kind("top 1000.csv", ["Tiktoker name", "Subscribers"])[0] == ImportKind.CREATORS


def test_header_rows_and_repeats() -> None:
    rows: list[list[object]] = [
        ["Top creators, September"],
        [],
        ["handle", "followers"],
        ["a", "1"],
    ]
    assert find_header_row(rows) == 2
    assert same_header([" Handle ", "followers"], ["handle", "followers"])
    assert not same_header(["a", "1"], ["handle", "followers"])
    assert clean_header("\nViews (Avg.)\r\n") == "Views (Avg.)"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Female %", (AudienceDimension.GENDER, "female")),
        ("อายุ 18-24", (AudienceDimension.AGE, "18-24")),
        ("Bangkok", (AudienceDimension.PROVINCE, "TH-10")),
        ("Country: Thailand", (AudienceDimension.COUNTRY, "TH")),
        ("handle", None),
    ],
)
def test_wide_audience_headers(header: str, expected: tuple[AudienceDimension, str] | None) -> None:
    assert segment_of_header(header) == expected


def test_cell_readers() -> None:
    assert read_bool("ใช่") is True
    assert read_bool("No") is False
    assert read_bool("") is None
    with pytest.raises(ValueError, match="yes/no"):
        read_bool("maybe")
    assert read_list("Food & Cooking, Travel") == ["Food & Cooking", "Travel"]
    assert read_list("#a #B #a", hashtags=True) == ["a", "b"]
    assert read_handle("https://www.tiktok.com/@som.review") == "som.review"
    assert read_handle("@som") == "som"


@given(
    st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz_.0123456789", min_size=3, max_size=15),
        min_size=3,
        max_size=20,
        unique=True,
    )
)
def test_handle_columns_win_over_name_columns(handles: list[str]) -> None:
    rows: list[list[object]] = [[f"{h.title()} Official Page", h] for h in handles]
    assert fields(["Name", "Username"], rows)[1] == "handle"
