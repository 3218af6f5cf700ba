"""The text normaliser: Thai and English clean-up, typed tokens, word splitting."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kolscope.text.cleaning import MAX_CHARS, TYPED, clean, find_emoji, language_of, normalise


def test_repeated_thai_letters_are_undone_before_splitting() -> None:
    text = normalise("ดีมากกกกก")
    assert text.tokens[:2] == ("ดี", "มาก")
    assert "elong" in text.found
    assert text.tokens[-1] == "<elong>"


def test_laughter_becomes_one_token() -> None:
    for written in ("555", "55555555", "5555+", "ถถถถ", "hahaha", "lol", "ฮ่าฮ่าฮ่า"):
        assert "<laugh>" in normalise(f"ตลกมาก {written}").tokens, written
    assert "<laugh>" not in normalise("ราคา 550 บาท").tokens  # a price is not laughter
    assert "<num>" in normalise("ราคา 550 บาท").tokens


def test_mai_yamok_repeats_the_word_before_it() -> None:
    assert normalise("ดีๆมาก").tokens == ("ดี", "ดี", "มาก")
    assert normalise("สวย ๆ").tokens == ("สวย", "สวย")


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("ดูที่ https://shop.example.com/x?a=1 นะ", "url"),
        ("www.ufabet168.com", "url"),
        ("ทักมา line: shop_99 เลย", "lineid"),
        ("แอดไลน์ @abc123 นะคะ", "lineid"),
        ("โทร 081-234-5678", "phone"),
        ("โทร +66812345678", "phone"),
        ("ขอบคุณ @somchai.p", "mention"),
        ("#รีวิว ดีมาก", "hashtag"),
        ("[sticker]", "sticker"),
        ("ส่งสติกเกอร์", "sticker"),
    ],
)
def test_typed_tokens(raw: str, kind: str) -> None:
    text = normalise(raw)
    assert kind in text.found
    assert TYPED[kind] in text.tokens


def test_mentions_keep_their_handles_for_the_spam_head() -> None:
    text = normalise("thanks @Janet_Chavez_FX and @bob.smith99, แอดไลน์ @abc123 นะ me@x.com")
    assert text.mentions == ("janet_chavez_fx", "bob.smith99")  # not the LINE id or the email
    assert text.tokens.count("<mention>") == 2
    assert "janet" not in text.text  # the word and character features still see <mention>
    assert normalise("ไม่มีใครถูกแท็ก").mentions == ()


def test_line_the_app_is_not_a_line_id() -> None:
    text = normalise("ส่งไลน์มาได้ไหม")
    assert "lineid" not in text.found
    assert text.tokens == ("ส่ง", "ไลน์", "มา", "ได้", "ไหม")


def test_emoji_are_kept_as_tokens_without_skin_tones() -> None:
    text = normalise("สวยมาก😍👍🏽")
    assert text.emoji == ("😍", "👍")
    assert "😍" in text.tokens
    assert "👍" in text.tokens
    assert find_emoji("ไม่มีอีโมจิ") == []


def test_language() -> None:
    assert normalise("สวยมากค่ะ").language == "th"
    assert normalise("so pretty").language == "en"
    assert normalise("ชอบ lipstick สีนี้ very much").language == "mixed"
    assert normalise("😍😍 555").language == "none"
    assert normalise("line: shop99 ค่ะ").language == "th"  # the id is not English text
    assert language_of("") == "none"


def test_unicode_clean_up() -> None:
    assert clean("เเม่\u200bค้า") == "แม่ค้า"  # two sara e written for sara ae; zero-width space
    assert clean("น\u0e4d\u0e32") == "น\u0e33"  # nikhahit + sara aa is sara am
    assert clean("  a \t\n b  ") == "a b"
    assert clean("A\ufeff\u0301") == "\u00c1"  # invisible out first, then composed


@pytest.mark.parametrize("raw", ["", "   ", "\n\t", "\u200b\u200b", "\x00\x01"])
def test_empty_and_blank(raw: str) -> None:
    text = normalise(raw)
    assert text.tokens == ()
    assert text.language == "none"
    assert text.text == ""


def test_very_long_comment_is_cut_and_says_so() -> None:
    text = normalise("ดีมาก " * 20_000)  # 120,000 characters
    assert text.truncated
    assert len(text.text) <= MAX_CHARS


def test_replacement_characters_from_bad_bytes() -> None:
    raw = b"\xff\xfe\xe0\xb8\xaa\xe0\xb8\xa7\xe0\xb8\xa2 ok".decode("utf-8", errors="replace")
    text = normalise(raw)
    assert "สวย" in text.tokens
    assert "ok" in text.tokens


_PIECES = st.one_of(
    st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),  # Thai
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # ASCII
    st.sampled_from(["😍", "👍🏻", "\u200b", "ๆ", "555", " ", "\n", "\ufeff", "🇹🇭", "\u0301"]),
    st.sampled_from(["line: ab12", "@x_y", "#แท็ก", "https://a.co/b", "081-234-5678", "[sticker]"]),
    st.characters(),  # anything at all
)
_TEXT = st.lists(_PIECES, max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_normalise_never_fails_and_is_well_formed(raw: str) -> None:
    text = normalise(raw)
    assert text.language in {"th", "en", "mixed", "none"}
    assert all(token and token.strip() == token for token in text.tokens)
    assert not any(ch in text.text for ch in "\u200b\u200c\u200d\ufeff")
    assert text.found <= set(TYPED)
    assert unicodedata.is_normalized("NFC", text.text) or text.text == ""
    for token in text.tokens:
        if token.startswith("<") and token.endswith(">") and token in TYPED.values():
            name = next(k for k, v in TYPED.items() if v == token)
            assert name in text.found


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_normalise_is_idempotent_on_its_words(raw: str) -> None:
    """Splitting the words it found again finds the same words: the output is stable."""
    first = normalise(raw)
    words = " ".join(first.words)
    again = normalise(words)
    assert again.words == normalise(" ".join(again.words)).words


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=50), st.integers(min_value=3, max_value=12))
def test_repeating_a_thai_letter_does_not_change_the_words(prefix: str, times: int) -> None:
    base = normalise(prefix + " สวยมาก")
    longer = normalise(prefix + " สวยมา" + "ก" * times)
    assert longer.words[-2:] == base.words[-2:] == ("สวย", "มาก")
