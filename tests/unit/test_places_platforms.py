from __future__ import annotations

import pytest

from kolscope.domain.creators import handle_key, parse_account_reference
from kolscope.domain.places import THAI_PROVINCES, find_country, find_language, find_province
from kolscope.domain.platforms import Platform, account_from_url, platform_named_in, post_from_url
from kolscope.domain.privacy import pseudonym


def test_all_77_provinces_in_six_regions() -> None:
    assert len(THAI_PROVINCES) == 77
    assert len({p.code for p in THAI_PROVINCES}) == 77
    assert {p.region for p in THAI_PROVINCES} == {
        "central",
        "north",
        "northeast",
        "east",
        "west",
        "south",
    }


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bangkok", "TH-10"),
        ("กทม.", "TH-10"),
        ("กรุงเทพฯ", "TH-10"),
        ("จ.เชียงใหม่", "TH-50"),
        ("Chiang Mai Province", "TH-50"),
        ("TH-83", "TH-83"),
        ("โคราช", "TH-30"),
        ("Buri Ram", "TH-31"),
        ("หาดใหญ่", "TH-90"),
    ],
)
def test_provinces_in_thai_and_english(text: str, code: str) -> None:
    province = find_province(text)
    assert province is not None
    assert province.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Thailand", "TH"),
        ("ไทย", "TH"),
        ("th", "TH"),
        ("USA", "US"),
        ("South Korea", "KR"),
        ("Türkiye", "TR"),
        ("Brazil", "BR"),
    ],
)
def test_countries(text: str, code: str) -> None:
    assert find_country(text) == code


@pytest.mark.parametrize("text", ["0", "10.2M", "Nowhere", ""])
def test_non_countries(text: str) -> None:
    assert find_country(text) is None


def test_languages() -> None:
    assert find_language("Thai") == "th"
    assert find_language("ภาษาอังกฤษ") == "en"
    assert find_language("klingon") is None


def test_platforms_named_in_file_names() -> None:
    assert platform_named_in("social media influencers - Tiktok sep 2022") == Platform.TIKTOK
    assert platform_named_in("ig-export") == Platform.INSTAGRAM
    assert platform_named_in("instagram vs tiktok") is None
    assert platform_named_in("creators") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.instagram.com/som.review/", (Platform.INSTAGRAM, "som.review")),
        ("tiktok.com/@somreview", (Platform.TIKTOK, "somreview")),
        ("https://www.youtube.com/@MrBeast", (Platform.YOUTUBE, "MrBeast")),
        ("https://pantip.com/profile/123", (Platform.PANTIP, "123")),
        ("https://instagram.com/p/Cx1/", None),
        ("https://example.com/x", None),
    ],
)
def test_profile_links(url: str, expected: tuple[Platform, str] | None) -> None:
    assert account_from_url(url) == expected


def test_post_links() -> None:
    assert post_from_url("https://www.tiktok.com/@som/video/73") == (Platform.TIKTOK, "som", "73")
    assert post_from_url("https://youtu.be/abc") == (Platform.YOUTUBE, None, "abc")
    assert post_from_url("https://www.youtube.com/watch?v=abc&t=1") == (
        Platform.YOUTUBE,
        None,
        "abc",
    )
    assert post_from_url("https://instagram.com/p/Cx1/") == (Platform.INSTAGRAM, None, "Cx1")


def test_handles_and_references() -> None:
    assert handle_key(" @Som.Review ") == "som.review"
    assert parse_account_reference("ig:@som") == (Platform.INSTAGRAM, "som")
    with pytest.raises(ValueError, match="PLATFORM:HANDLE"):
        parse_account_reference("som")


def test_pseudonyms_are_stable_and_secret() -> None:
    first = pseudonym("s" * 32, Platform.INSTAGRAM, "@Ploy_1994")
    assert first == pseudonym("s" * 32, Platform.INSTAGRAM, "ploy_1994")
    assert first != pseudonym("t" * 32, Platform.INSTAGRAM, "ploy_1994")
    assert first.startswith("anon:")
    assert "ploy" not in first
