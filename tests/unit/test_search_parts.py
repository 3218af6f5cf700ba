"""The pieces of discovery search that need no database: search words, profile vectors,
handle lists, exports, audience conditions and saved-search round trips."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from kolscope.discovery.handle_lists import ListFileError, handle_in, read_handles
from kolscope.discovery.query import AudienceCondition, SearchError, SearchRequest
from kolscope.discovery.scoring.lookalike import (
    SIZE,
    block_similarity,
    from_bytes,
    profile_vector,
    to_bytes,
)
from kolscope.domain.audience import AudienceDimension
from kolscope.domain.platforms import Platform
from kolscope.infra.table_files import ExportError, write_table
from kolscope.text.search_words import document, hashtag_key, query_words, search_words
from kolscope.vetting.signals.audience_fit import AudienceTarget


def test_thai_query_words_are_a_run_inside_the_document() -> None:
    doc = document(["ครีมกันแดดตัวนี้ดีมาก 555 #SkincareTips", "SPF50+ ใช้จริง"]).split()
    query = query_words("ครีมกันแดด")
    assert query == ["ครีม", "กัน", "แดด"]
    start = doc.index(query[0])
    assert doc[start : start + len(query)] == query
    assert "skincaretips" in doc


def test_search_words_cleans_repeats_emoji_and_punctuation() -> None:
    assert search_words("ดีมากกกกก!!! 😍😍 @Moonmint.Skin") == ["ดี", "มาก", "moonmint", "skin"]
    assert search_words("") == []
    assert search_words(None) == []
    assert search_words("   \u200b  ") == []
    assert hashtag_key("#SkincareTips") == "skincaretips"
    assert hashtag_key("＃รีวิว บิวตี้") == "รีวิวบิวตี้"


@given(st.text(max_size=300))
def test_search_words_never_fails_and_queries_match_themselves(text: str) -> None:
    words = search_words(text)
    assert all(w and " " not in w and w == w.lower() for w in words)
    assert document([text]).split() == words[: len(document([text]).split())]


def test_huge_documents_are_cut() -> None:
    assert len(document(["คำ " * 20_000]).split()) == 4_000


def test_profile_vectors_compare_by_block() -> None:
    order = ["skincare", "food", "travel"]
    skin = profile_vector(
        {"skincare": 0.9}, order, [["ครีม", "กัน", "แดด"]], {("gender", "female"): 0.8}
    )
    skin2 = profile_vector({"skincare": 0.7}, order, [["ครีม", "กัน", "แดด", "เซรั่ม"]], {})
    food = profile_vector({"food": 0.9}, order, [["ก๋วยเตี๋ยว"]], {("gender", "female"): 0.5})
    assert skin.shape == (SIZE,)
    assert float(skin @ skin) == pytest.approx(1.0, abs=1e-5)
    assert float(skin @ skin2) > float(skin @ food)
    parts = block_similarity(skin, skin2)
    assert parts.niche == pytest.approx(1.0, abs=1e-3)
    assert parts.audience is None  # skin2 has no audience report
    back = from_bytes([to_bytes(skin), None, b"short"])
    assert np.allclose(back[0], skin, atol=1e-3)
    assert not back[1].any()
    assert not back[2].any()


def test_handle_lists(tmp_path: Path) -> None:
    assert handle_in("@Mint.Review") == "mint.review"
    assert handle_in("https://www.instagram.com/mint.review/") == "mint.review"
    assert handle_in("tiktok.com/@gadget.guy") == "gadget.guy"
    assert handle_in("someone@example.com") is None
    assert handle_in("0812345678") is None
    text = tmp_path / "list.txt"
    text.write_text("@a.one\n\nb_two\n@a.one\nx@y.co\n", encoding="utf-8")
    found = read_handles(text)
    assert found.handles == ("a.one", "b_two")
    assert found.skipped == 2
    table = tmp_path / "export.csv"
    table.write_text("name,Username\nA,@a.one\nB,\n", encoding="utf-8")
    assert read_handles(table).column == "Username"
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email\nA,a@b.co\n", encoding="utf-8")
    with pytest.raises(ListFileError, match=r"bad\.csv: no column of handles"):
        read_handles(bad)
    latin1 = tmp_path / "latin.txt"
    latin1.write_bytes(b"ok\n\xff\xfe\n")
    with pytest.raises(ListFileError, match="row 2: not UTF-8"):
        read_handles(latin1)


def test_exports_are_whole_and_formula_safe(tmp_path: Path) -> None:
    rows = [{"handle": "=HYPERLINK(1)", "bio": "ครีมกันแดด"}, {"handle": "ok", "bio": None}]
    assert write_table(tmp_path / "out.csv", ["handle", "bio"], rows) == 2
    with (tmp_path / "out.csv").open(encoding="utf-8-sig") as handle:
        read = list(csv.DictReader(handle))
    assert read[0] == {"handle": "'=HYPERLINK(1)", "bio": "ครีมกันแดด"}
    write_table(tmp_path / "out.xlsx", ["handle", "bio"], rows, title="ลิสต์")
    sheet = load_workbook(tmp_path / "out.xlsx").active
    assert sheet is not None
    assert sheet["A2"].value == "'=HYPERLINK(1)"
    with pytest.raises(ExportError, match=r"out\.pdf"):
        write_table(tmp_path / "out.pdf", ["a"], [])

    def broken() -> Iterator[dict[str, str]]:
        yield {"a": "1"}
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="No space"):
        write_table(tmp_path / "half.csv", ["a"], broken())
    assert not (tmp_path / "half.csv").exists()
    assert not list(tmp_path.glob(".half.csv.*"))


def test_audience_conditions_and_saved_requests() -> None:
    assert AudienceCondition.parse("female>=60%") == AudienceCondition(
        AudienceDimension.GENDER, "female", 0.6
    )
    assert AudienceCondition.parse("th-10 >= 0.2").segment == "TH-10"
    assert AudienceCondition.parse("TH>=50%").dimension is AudienceDimension.COUNTRY
    for bad in ("female", "female>=150%", "martians>=1%", "female>=lots"):
        with pytest.raises(SearchError):
            AudienceCondition.parse(bad)
    request = SearchRequest(
        text="ครีมกันแดด",
        niches=("skincare",),
        platforms=(Platform.TIKTOK,),
        audience=(AudienceCondition.parse("female>=60%"),),
        min_er=3.0,
        target=AudienceTarget.parse(["gender=female", "age=18-24,25-34"]),
    )
    assert SearchRequest.from_dict(request.to_dict()) == request
    with pytest.raises(SearchError, match="target"):
        SearchRequest.from_dict({"target": {"planet": ["mars"]}})
    with pytest.raises(SearchError, match="unknown search fields"):
        SearchRequest.from_dict({"colour": "blue"})
