"""Tracking links, UTM parameters, short and promo codes, QR codes and marketplace sub-ids
(issue #17): the pure parts, with hypothesis for the redirect check and the round trips."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kolscope.tracking.links.bulk import LinkFor, campaign_links, qr_images
from kolscope.tracking.links.codes import (
    PROMO_CONFUSABLES,
    SHORT_CODE_ALPHABET,
    SHORT_CODE_LENGTH,
    CodeFor,
    code_part,
    promo_codes,
    short_code,
    short_codes,
)
from kolscope.tracking.links.exports import (
    SHOPIFY_COLUMNS,
    WOOCOMMERCE_COLUMNS,
    CreatorLink,
    link_rows,
    shopify_rows,
    woocommerce_rows,
    zip_files,
)
from kolscope.tracking.links.marketplace import (
    Marketplace,
    marketplace_of,
    token_in,
    token_in_report,
    with_token,
)
from kolscope.tracking.links.problems import LinkError
from kolscope.tracking.links.promo import DiscountKind, PromoCode
from kolscope.tracking.links.qr import PNG_SIGNATURE, qr_file_name, qr_png, qr_svg
from kolscope.tracking.links.redirects import allowed, normalised_host
from kolscope.tracking.links.utm import MEDIUMS, campaign_slug, tracking_url

REGISTERED = ["https://shop.example.co.th/landing", "http://old.example.com/"]


# The redirect check: no open redirect ---------------------------------------------------------
@pytest.mark.parametrize(
    "destination",
    [
        "https://evil.example/",
        "//evil.example/",
        "///evil.example/",
        "https:/shop.example.co.th/",
        "https:shop.example.co.th/",
        "https://shop.example.co.th@evil.example/",
        "https://user:pw@shop.example.co.th/",
        "https://shop.example.co.th\\@evil.example/",
        "https:\\\\evil.example/",
        "https://shop.example.co.th.evil.example/",
        "https://evil.example/#@shop.example.co.th",
        "https://evil.example?https://shop.example.co.th",
        "javascript://shop.example.co.th/%0aalert(1)",
        "data:text/html,https://shop.example.co.th",
        "ftp://shop.example.co.th/",
        "https://shop.example.co.th:8443/",
        "http://shop.example.co.th/",
        "https://shop.example.co.th%2eevil.example/",
        "https://shop.example.co.th\t.evil.example/",
        " https://evil.example/",
        "https://[::1]/",
        "",
    ],
)
def test_crafted_destinations_are_refused(destination: str) -> None:
    assert not allowed(destination, REGISTERED)


@pytest.mark.parametrize(
    "destination",
    [
        "https://shop.example.co.th/landing?utm_source=tiktok",
        "https://SHOP.example.co.th./other/page#top",
        "https://shop.example.co.th:443/x",
        "https://old.example.com/",  # a registered http address, upgraded to https
        "http://old.example.com/sale",
    ],
)
def test_registered_hosts_are_allowed(destination: str) -> None:
    assert allowed(destination, REGISTERED)


def test_idna_hosts_compare_as_one() -> None:
    thai = "https://ร้านส้ม.com/shop"
    assert normalised_host("ร้านส้ม.com") == "xn--q3cqe3a1b7id.com"
    assert allowed("https://xn--q3cqe3a1b7id.com/x", [thai])
    assert allowed(thai, ["https://xn--q3cqe3a1b7id.com/"])
    assert allowed("https://ＳＨＯＰ.example.co.th/", REGISTERED)  # full-width letters
    assert not allowed("https://ร้านส้ม.com/", REGISTERED)


_URL_CHARS = st.sampled_from(list("/\\@:.#?%&=-_ \t\n") + list("aehsvilmpx0123")) | st.characters()


@settings(max_examples=400, deadline=None)
@given(prefix=st.text(_URL_CHARS, max_size=12), suffix=st.text(_URL_CHARS, max_size=24))
def test_no_open_redirect_on_any_input(prefix: str, suffix: str) -> None:
    """Whatever surrounds it, an allowed destination's host is the registered host."""
    destination = prefix + "evil.example" + suffix
    if allowed(destination, ["https://shop.example.co.th/"]):
        assert urlsplit(destination).hostname in {"shop.example.co.th", "shop.example.co.th."}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_allowed_hosts_are_registered_hosts(text: str) -> None:
    for destination in (text, "https://" + text, "https://shop.example.co.th" + text):
        if allowed(destination, ["https://shop.example.co.th/"]):
            host = (urlsplit(destination).hostname or "").rstrip(".")
            assert normalised_host(host) == "shop.example.co.th"


# UTM ------------------------------------------------------------------------------------------
def test_tracking_url_keeps_the_destination_and_adds_lowercase_utm() -> None:
    url = tracking_url(
        "https://Shop.example.com/p?colour=Red&utm_source=fb#reviews",
        "TikTok",
        "Summer-Glow",
        "@Som.Review",
        "L42",
        "Kc9x",
        shopify=True,
    )
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert parts.fragment == "reviews"
    assert query["colour"] == ["Red"]
    assert query["utm_source"] == ["tiktok"]
    assert query["utm_medium"] == ["influencer"]
    assert query["utm_campaign"] == ["summer-glow"]
    assert query["utm_content"] == ["som.review"]
    assert query["utm_id"] == ["l42"]
    assert query["kc"] == ["Kc9x"]
    assert query["ref"] == ["Kc9x"]


def test_ref_only_for_shopify_and_bad_mediums_refused() -> None:
    url = tracking_url("https://a.example/", "instagram", "c", "h", 1, "k")
    assert "ref" not in parse_qs(urlsplit(url).query)
    for medium in MEDIUMS:
        assert f"utm_medium={medium}" in tracking_url(
            "https://a.example/", "x", "c", "h", 1, "k", medium=medium.upper()
        )
    with pytest.raises(LinkError) as refused:
        tracking_url("https://a.example/", "x", "c", "h", 1, "k", medium="cpc")
    assert refused.value.message.code == "track.links.bad_medium"
    with pytest.raises(LinkError):
        tracking_url("javascript:alert(1)", "x", "c", "h", 1, "k")


@settings(max_examples=150, deadline=None)
@given(
    platform=st.text(min_size=1, max_size=12),
    slug=st.text(min_size=1, max_size=20),
    handle=st.text(min_size=1, max_size=20),
)
def test_utm_values_are_lowercase(platform: str, slug: str, handle: str) -> None:
    url = tracking_url("https://a.example/x?Keep=Me", platform, slug, handle, "ID", "k")
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    for key in ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_id"):
        for value in query.get(key, []):
            assert value == value.lower()
    assert query["Keep"] == ["Me"]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Summer Glow 2026", "summer-glow-2026"),
        ("Café  Week!", "cafe-week"),
        ("แคมเปญ Songkran Sale ลดราคา", "songkran-sale"),
        ("แคมเปญหน้าร้อน", "campaign-17"),
        ("", "campaign-17"),
    ],
)
def test_campaign_slug(name: str, slug: str) -> None:
    assert campaign_slug(name, 17) == slug


@given(st.text(max_size=80))
def test_slug_is_ascii_lowercase(name: str) -> None:
    slug = campaign_slug(name, 3)
    assert slug
    assert slug.isascii()
    assert slug == slug.lower()
    assert len(slug) <= 60


# Short codes and promo codes ------------------------------------------------------------------
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1, max_value=60))
def test_short_codes_unique_and_without_confusables(seed: int, count: int) -> None:
    rng = random.Random(seed)
    taken = {short_code(set(), rng=rng) for _ in range(5)}
    codes = short_codes(count, taken, rng=rng)
    assert len(set(codes)) == count
    assert not taken & set(codes)
    for code in codes:
        assert len(code) == SHORT_CODE_LENGTH
        assert set(code) <= set(SHORT_CODE_ALPHABET)
        assert not set(code) & set("0o1li")


def test_short_code_gives_up_when_full() -> None:
    class Everything:
        def __contains__(self, item: object) -> bool:
            return True

        def __len__(self) -> int:
            return 1

        def __iter__(self) -> Iterator[str]:
            return iter(())

    with pytest.raises(LinkError):
        short_code(Everything(), rng=random.Random(1))


def test_promo_codes_from_a_pattern() -> None:
    creators = [CodeFor("som.review", "Som"), CodeFor("ส้มรีวิว", "ส้ม"), CodeFor("b0b1", "Bob")]
    codes = promo_codes("{HANDLE}10", creators, ["somreview10"], rng=random.Random(7))
    assert codes[0].startswith("SOMREVIEW10")
    assert codes[0] != "SOMREVIEW10"
    assert codes[1].endswith("10")
    assert codes[1].isascii()
    assert len(codes[1]) == 7
    assert codes[2] == "BOBI10"
    assert promo_codes("KOL{N}-{NAME}", creators[:1], []) == ["KOL1-SOM"]
    with pytest.raises(LinkError):
        promo_codes("{HANDLE}{PRICE}", creators, [])
    with pytest.raises(LinkError):
        promo_codes("โค้ด{HANDLE}", creators, [])


@settings(max_examples=150, deadline=None)
@given(
    handles=st.lists(st.text(max_size=15), min_size=1, max_size=25),
    taken=st.lists(st.text(alphabet="ABCSOM0123456789", max_size=8), max_size=20),
    seed=st.integers(min_value=0, max_value=1000),
)
def test_promo_codes_unique_ascii_and_fill_without_confusables(
    handles: list[str], taken: list[str], seed: int
) -> None:
    codes = promo_codes("{HANDLE}", [CodeFor(h) for h in handles], taken, random.Random(seed))
    assert len(set(codes)) == len(codes)
    assert not {code.upper() for code in codes} & {code.upper() for code in taken}
    for code in codes:
        assert code.isascii()
        assert code == code.upper()
        assert code.isalnum()
        assert not set(code) & {"0", "1"}
    for handle in handles:
        assert not set(code_part(handle)) & {"0", "1"}
    assert {"O", "I", "L", "0", "1"} == set(PROMO_CONFUSABLES)


def test_promo_values_are_checked() -> None:
    ok = PromoCode("SOM10", "som", DiscountKind.PERCENT, Decimal(10))
    assert ok.once_per_customer
    for bad in (
        {"kind": DiscountKind.PERCENT, "value": Decimal(150)},
        {"kind": DiscountKind.THB, "value": Decimal(0)},
        {"kind": DiscountKind.THB, "value": Decimal(50), "usage_limit": 0},
        {
            "kind": DiscountKind.THB,
            "value": Decimal(50),
            "starts": date(2026, 5, 2),
            "ends": date(2026, 5, 1),
        },
    ):
        with pytest.raises(LinkError):
            PromoCode("X", "h", **bad)  # type: ignore[arg-type]


# Marketplace sub-ids --------------------------------------------------------------------------
def test_which_marketplace() -> None:
    assert marketplace_of("https://shopee.co.th/product/1/2") is Marketplace.SHOPEE
    assert marketplace_of("https://s.shopee.co.th/AbC") is Marketplace.SHOPEE
    assert marketplace_of("https://c.lazada.co.th/t/c.Yx?sub_aff_id=a") is Marketplace.LAZADA
    assert marketplace_of("https://www.lazada.co.th/products/i1.html") is Marketplace.LAZADA
    assert marketplace_of("https://shop.tiktok.com/view/product/17") is Marketplace.TIKTOK_SHOP
    assert marketplace_of("https://notshopee.example/") is None


_TOKENS = st.text(alphabet="abcXYZ0189_", min_size=1, max_size=20)


@given(token=_TOKENS, slot=st.integers(min_value=1, max_value=5), other=_TOKENS)
def test_shopee_sub_id_round_trip(token: str, slot: int, other: str) -> None:
    url = f"https://shopee.co.th/product/1/2?utm_content={other}----&utm_source=an_1"
    tagged = with_token(url, token, slot)
    assert token_in(tagged, slot) == token
    if slot != 1:
        assert token_in(tagged, 1) == other
    assert parse_qs(urlsplit(tagged).query)["utm_source"] == ["an_1"]


@given(token=_TOKENS, slot=st.integers(min_value=1, max_value=6))
def test_lazada_sub_id_round_trip(token: str, slot: int) -> None:
    tagged = with_token("https://c.lazada.co.th/t/c.Yx?sub_id1=old&x=1", token, slot)
    assert token_in(tagged, slot) == token
    assert "x=1" in tagged


def test_lazada_falls_back_to_aff_sub_id_and_refusals() -> None:
    assert token_in("https://c.lazada.co.th/t/c.Yx?sub_aff_id=tok7") == "tok7"
    assert token_in("https://c.lazada.co.th/t/c.Yx") is None
    row = {"Order ID": "1", "Sub ID 1": "", "Aff Sub ID": "tok7"}
    assert token_in_report(row, Marketplace.LAZADA) == "tok7"
    assert token_in_report({"Sub_id1": "tok8"}, Marketplace.SHOPEE) == "tok8"
    for url, token, slot in (
        ("https://s.shopee.co.th/AbC", "tok", 1),  # short link: sub-ids are fixed
        ("https://shopee.co.th/p", "tok", 6),  # Shopee has 5
        ("https://c.lazada.co.th/t/c", "tok", 7),  # Lazada has 6
        ("https://shopee.co.th/p", "to-k", 1),  # '-' splits Shopee's sub-ids
        ("https://shop.tiktok.com/view/product/1", "tok", 1),  # no sub-id at all
        ("https://example.com/", "tok", 1),
    ):
        with pytest.raises(LinkError):
            with_token(url, token, slot)


# QR codes and exports -------------------------------------------------------------------------
def test_qr_png_and_svg_are_valid_and_deterministic() -> None:
    link = "https://ks.example/r/ab3cd4e"
    png = qr_png(link)
    assert png.startswith(PNG_SIGNATURE)
    assert png == qr_png(link)
    svg = qr_svg(link)
    assert svg.startswith(b"<?xml")
    assert b"<svg" in svg
    assert svg.rstrip().endswith(b"</svg>")
    assert svg == qr_svg(link)
    assert qr_file_name("@som/review", "png") == "som_review.png"


def test_zip_of_qr_images_is_deterministic() -> None:
    files = [("som.png", qr_png("https://k.example/r/a")), ("som.png", b"x"), ("b.svg", b"<svg/>")]
    data = zip_files(files)
    assert data == zip_files(files)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["som.png", "som-2.png", "b.svg"]
        assert archive.read("som-2.png") == b"x"


def test_export_rows() -> None:
    promos = [
        PromoCode(
            "SOM10",
            "som",
            DiscountKind.PERCENT,
            Decimal("10"),
            usage_limit=500,
            starts=date(2026, 6, 1),
            ends=date(2026, 6, 30),
            campaign="Summer",
        ),
        PromoCode("BEE150", "bee", DiscountKind.THB, Decimal("150.00"), once_per_customer=False),
    ]
    shopify = shopify_rows(promos)
    assert [list(row) for row in shopify] == [list(SHOPIFY_COLUMNS)] * 2
    assert shopify[0]["discount_type"] == "percentage"
    assert shopify[0]["discount_value"] == "10"
    assert shopify[0]["ends_at"] == "2026-06-30"
    assert shopify[1]["usage_limit"] == ""
    assert shopify[1]["discount_type"] == "fixed"
    assert shopify[1]["discount_value"] == "150"
    woo = woocommerce_rows(promos)
    assert [list(row) for row in woo] == [list(WOOCOMMERCE_COLUMNS)] * 2
    assert woo[0]["post_title"] == "SOM10"
    assert woo[0]["discount_type"] == "percent"
    assert woo[1]["discount_type"] == "fixed_cart"
    assert woo[1]["usage_limit_per_user"] == ""
    rows = link_rows([CreatorLink("som", "tiktok", "ab3cd4e", "https://k/r/ab3cd4e", "https://a")])
    assert rows[0]["short_code"] == "ab3cd4e"
    assert rows[0]["promo_code"] == ""


def test_a_whole_campaign_in_bulk() -> None:
    creators = [LinkFor("@som.review", "tiktok", 1, "SOM10"), LinkFor("bee", "instagram", 2)]
    links = campaign_links(
        creators,
        "https://shop.example.co.th/sale?x=1",
        "summer",
        "https://ks.example/r/",
        taken={"abcdefg"},
        shopify=True,
        rng=random.Random(3),
    )
    assert [link.handle for link in links] == ["som.review", "bee"]
    assert links[0].short_url == f"https://ks.example/r/{links[0].short_code}"
    assert links[0].short_code != links[1].short_code
    query = parse_qs(urlsplit(links[0].tracking_url).query)
    assert query["utm_content"] == ["som.review"]
    assert "kc" not in query
    assert "ref" not in query
    assert allowed(links[1].tracking_url, ["https://shop.example.co.th/sale"])
    images = qr_images(links)
    assert [name for name, _ in images] == [
        "som.review-tiktok.png",
        "som.review-tiktok.svg",
        "bee-instagram.png",
        "bee-instagram.svg",
    ]
    assert images[0][1].startswith(PNG_SIGNATURE)
