from __future__ import annotations

import pytest

from kolscope.domain.audience import (
    AudienceDimension,
    AudienceProfile,
    AudienceShare,
    normalise_age_band,
    normalise_gender,
)
from kolscope.domain.content import Comment, comment_identity, extract_hashtags, extract_mentions


def test_thai_hashtags_and_mentions() -> None:
    caption = "รีวิวครีมกันแดด #รีวิวบิวตี้ #SkincareTips #รีวิวบิวตี้ ขอบคุณ @Brand.TH และ @ploy_99"
    assert extract_hashtags(caption) == ("รีวิวบิวตี้", "skincaretips")
    assert extract_mentions(caption) == ("brand.th", "ploy_99")
    assert extract_hashtags("email me a@b.com #1") == ("1",)
    assert extract_mentions("email a@b.com") == ()


def test_comment_identity_is_stable_without_ids() -> None:
    comment = Comment(text="ราคาเท่าไหร่คะ", author="anon:1")
    assert comment_identity("p1", comment) == comment_identity("p1", comment)
    assert comment_identity("p1", comment) != comment_identity("p2", comment)
    assert comment_identity("p1", comment._replace(platform_comment_id="c9")) == "id:c9"


def test_audience_shares_are_checked() -> None:
    ok = AudienceProfile(
        "insights",
        (
            AudienceShare(AudienceDimension.GENDER, "female", 0.7),
            AudienceShare(AudienceDimension.GENDER, "male", 0.3),
        ),
    )
    assert ok.by_dimension(AudienceDimension.GENDER) == {"female": 0.7, "male": 0.3}
    with pytest.raises(ValueError, match="more than 100"):
        AudienceProfile(
            "x",
            (
                AudienceShare(AudienceDimension.AGE, "18-24", 0.8),
                AudienceShare(AudienceDimension.AGE, "25-34", 0.5),
            ),
        )
    with pytest.raises(ValueError, match="between 0 and 1"):
        AudienceProfile("x", (AudienceShare(AudienceDimension.AGE, "18-24", 45.0),))


@pytest.mark.parametrize(
    ("text", "band"),
    [("18 - 24", "18-24"), ("age_25_34", "25-34"), ("65+", "65+"), ("65 ปีขึ้นไป", "65+")],
)
def test_age_bands(text: str, band: str) -> None:
    assert normalise_age_band(text) == band


def test_genders() -> None:
    assert normalise_gender("ผู้หญิง") == "female"
    assert normalise_gender("M") == "male"
    with pytest.raises(ValueError, match="gender"):
        normalise_gender("robot")
