"""Niches, KOL / KOC / creator, the taxonomy and vendor categories, and bad input."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from kolscope.discovery.scoring import (
    NICHE_IDS,
    CreatorContent,
    PostText,
    classify_creator_type,
    classify_niches,
    niche_named,
    niches_of_category,
)
from kolscope.discovery.scoring.niches import MIN_CONFIDENCE
from kolscope.discovery.scoring.taxonomy import BY_ID


def creator(
    handle: str = "someone",
    *,
    bio: str | None = None,
    name: str | None = None,
    captions: Sequence[str] = (),
    tags: Sequence[str] = (),
    followers: int | None = None,
    sponsored: int = 0,
    categories: tuple[str, ...] = (),
    question_share: float | None = None,
) -> CreatorContent:
    """A creator whose posts repeat the captions, each with the hashtags; the first
    ``sponsored`` posts are marked as paid."""
    when = datetime(2026, 10, 1, tzinfo=UTC)
    posts = tuple(
        PostText(text, tuple(tags), (), number < sponsored, when)
        for number, text in enumerate(captions)
    )
    return CreatorContent(handle, name, bio, categories, followers, posts, question_share)


def niches_of(content: CreatorContent) -> list[str]:
    return [score.niche for score in classify_niches(content)]


# niche -> (a caption, its hashtags); each example creator posts it six times
NICHE_EXAMPLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "skincare": ("เซรั่มวิตามินซีตัวนี้ซึมไว ผิวแพ้ง่ายใช้ได้", ("สกินแคร์", "ครีมกันแดด")),
    "makeup": ("ลิปทินท์สีนี้ติดทนมาก ทาแล้วปากฉ่ำ", ("แต่งหน้า",)),
    "beauty": ("ทำเล็บสีใหม่ น้ำหอมกลิ่นนี้ดี", ("บิวตี้", "beauty")),
    "fashion": ("Today's outfit: linen shirt and white sneakers", ("ootd", "fashion")),
    "food": ("ก๋วยเตี๋ยวเรือเจ้านี้อร่อยมาก น้ำซุปเข้มข้น", ("พากิน", "ของอร่อย")),
    "restaurants": ("ร้านอาหารญี่ปุ่นร้านลับ โอมากาเสะคุ้มมาก", ("รีวิวร้านอาหาร",)),
    "travel": ("ทริปทะเลกระบี่ ที่พักติดหาด วิวสวยมาก", ("เที่ยวไทย",)),
    "fitness": ("Leg day: squats and deadlifts, then 20 min of cardio", ("workout", "gymlife")),
    "health": ("นอนไม่หลับมาหลายคืน ความดันขึ้นด้วย ดูแลสุขภาพกันนะ", ("สุขภาพดี",)),
    "it_gadgets": ("แกะกล่องหูฟังไร้สายรุ่นใหม่ แบตอึดมาก", ("ไอที", "รีวิวมือถือ")),
    "gaming": ("ไลฟ์เกมคืนนี้ ดันแรงก์กันยาวๆ", ("เกมเมอร์",)),
    "finance": ("ลงทุนกองทุนรวมเดือนละนิด ลดหย่อนภาษีได้ด้วย", ("การเงิน",)),
    "business": ("เริ่มธุรกิจขายของออนไลน์ยังไงให้รอด การตลาดสำคัญมาก", ("ธุรกิจ",)),
    "parenting": ("ลูกน้อยเริ่มกินอาหารเด็กแล้ว คุณแม่มือใหม่ตื่นเต้นมาก", ("เลี้ยงลูก",)),
    "pets": ("น้องแมวชอบอาหารเปียกยี่ห้อนี้มาก", ("ทาสแมว",)),
    "home": ("จัดห้องคอนโดเล็กใหม่ เฟอร์นิเจอร์ขาสูงช่วยได้", ("แต่งบ้าน",)),
    "automotive": ("ทดลองขับรถอีวีรุ่นใหม่ ช่วงล่างดีมาก", ("รีวิวรถ",)),
    "education": ("ติวศัพท์อังกฤษก่อนสอบ TGAT", ("ติวสอบ", "dek68")),
    "comedy": ("คลิปตลกวันนี้ แกล้งเพื่อนจนโกรธ", ("ตลก",)),
    "music": ("คัฟเวอร์เพลงใหม่ เล่นกีตาร์เองทั้งหมด", ("music",)),
    "sports": ("สรุปผลฟุตบอลพรีเมียร์ลีกเมื่อคืน", ("ฟุตบอล",)),
    "art": ("วาดรูปสีน้ำวันนี้ ภาพประกอบหนังสือเด็ก", ("ศิลปะ",)),
    "news": ("สรุปข่าวการเมืองประจำวัน รัฐบาลประกาศ", ("ข่าว",)),
    "lifestyle": ("Slow Sunday morning routine", ("lifestyle", "dailyvlog")),
}


def example(niche: str) -> CreatorContent:
    caption, tags = NICHE_EXAMPLES[niche]
    return creator(captions=[caption] * 6, tags=tags)


@pytest.mark.parametrize("niche", sorted(NICHE_EXAMPLES))
def test_each_niche_is_read_from_thai_or_english_posts(niche: str) -> None:
    found = niches_of(example(niche))
    assert niche in found
    parent = BY_ID[niche].parent
    assert found[0] in (niche, parent)


def test_a_child_niche_implies_its_parent_with_the_same_confidence() -> None:
    scores = {s.niche: s.confidence for s in classify_niches(example("makeup"))}
    assert scores["beauty"] == scores["makeup"]
    comedy = {s.niche for s in classify_niches(example("comedy"))}
    assert {"comedy", "entertainment"} <= comedy


def test_niches_are_multi_label_sorted_and_above_the_threshold() -> None:
    content = creator(
        captions=["เซรั่มตัวนี้ซึมไว"] * 5 + ["ทริปทะเลกระบี่"] * 4,
        tags=[],
    )
    content = CreatorContent(
        "mint.glow",
        posts=tuple(
            PostText(p.caption, ("สกินแคร์",) if i < 5 else ("เที่ยวไทย",))
            for i, p in enumerate(content.posts)
        ),
    )
    scores = classify_niches(content)
    assert [s.niche for s in scores][:2] == ["skincare", "travel"]
    assert all(s.confidence >= MIN_CONFIDENCE for s in scores)
    assert [s.confidence for s in scores] == sorted((s.confidence for s in scores), reverse=True)
    assert len(scores) <= 4


def test_evidence_names_the_hashtags_bio_and_categories_that_fired() -> None:
    content = creator(
        "mint.skincare",
        bio="เภสัชกร รีวิวสกินแคร์",
        captions=["ครีมกันแดดตัวนี้ดี"] * 6,
        tags=["skincaretips"],
        categories=("Beauty",),
    )
    by_niche = {s.niche: s.evidence for s in classify_niches(content)}
    assert "#skincaretips ×6" in by_niche["skincare"]
    assert 'bio: "รีวิวสกินแคร์"' in by_niche["skincare"]
    assert 'handle: "skincare"' in by_niche["skincare"]
    assert "category: Beauty" in by_niche["beauty"]


def test_confidence_grows_with_evidence() -> None:
    few = classify_niches(creator(captions=["ก๋วยเตี๋ยวเรืออร่อย"] * 3, tags=["พากิน"]))
    one = classify_niches(creator(captions=["ก๋วยเตี๋ยวเรืออร่อย"], tags=["พากิน"]))
    assert one == ()  # one post is not enough to file a creator under a niche
    many = classify_niches(creator(captions=["ก๋วยเตี๋ยวเรืออร่อย"] * 20, tags=["พากิน"]))
    assert few
    assert many
    assert few[0].niche == many[0].niche == "food"
    assert many[0].confidence > few[0].confidence + 0.2


def test_the_profile_alone_can_name_a_niche_but_weakly() -> None:
    scores = classify_niches(CreatorContent("autobyearth", display_name="Earth รีวิวรถ"))
    assert scores[0].niche == "automotive"
    assert scores[0].confidence < 0.8


def test_vendor_categories_are_strong_evidence() -> None:
    scores = classify_niches(CreatorContent("cristiano", categories=("Sports with a ball",)))
    assert scores[0].niche == "sports"
    assert scores[0].confidence >= 0.7


@pytest.mark.parametrize(
    ("text", "niche"),
    [
        ("ความหมายของชีวิต คืออะไร", "pets"),  # หมา inside ความหมาย
        ("ขอบคุณลูกค้าทุกท่าน", "parenting"),  # ลูก inside ลูกค้า
        ("ฝากคอมเมนต์ด้วยนะ", "it_gadgets"),  # คอม inside คอมเมนต์
        ("กระเป๋าใบนี้", "skincare"),  # กระ (freckles) inside กระเป๋า
        ("my skincare routine", "automotive"),  # car inside skincare
    ],
)
def test_words_inside_other_words_do_not_fire(text: str, niche: str) -> None:
    assert niche not in niches_of(creator(captions=[text] * 6))


def test_nothing_to_read_gives_no_niche_and_a_low_confidence_creator() -> None:
    empty = CreatorContent("x")
    assert classify_niches(empty) == ()
    kind = classify_creator_type(empty, ())
    assert kind.label == "creator"
    assert kind.confidence < 0.2
    assert kind.reasons


# --- KOL / KOC / creator -------------------------------------------------------------------------

KOL_TH = [
    "ในฐานะเภสัชกร ขออธิบายเรื่องกันแดด SPF 50 กัน UVB ได้ราว 98% ส่วน SPF 30 ราว 97%",
    "เปรียบเทียบเซรั่มวิตามินซี 3 แบบ ความเข้มข้น 10-20% ได้ผลดีที่สุด",
    "ความเข้าใจผิดเรื่องเรตินอล: เริ่มที่ 0.1% สัปดาห์ละ 2 ครั้ง",
    "สรุปข้อมูลที่ควรรู้ก่อนซื้อครีมกันแดด อ่านส่วนประกอบก่อนเสมอ",
]
KOC_TH = [
    "ซื้อมาใช้เองค่ะ ไม่ได้สปอนเซอร์ ใช้มา 4 อาทิตย์ ข้อดี: ซึมไว ข้อเสีย: ราคาแรง ให้ 7/10",
    "รีวิวจากคนใช้จริง ผิวชุ่มชื้นขึ้น แต่กลิ่นแรงไปหน่อย",
    "จ่ายเงินเองนะคะ ชอบที่เนื้อบางเบา ส่วนที่ไม่ชอบคือหมดไว",
    "ของใช้จริงในบ้านเรา ซื้อซ้ำมาแล้ว 3 รอบ",
]
CREATOR_TH = [
    "วันนี้ไปคาเฟ่ลับๆ มา ✨ ใครเคยไปบ้าง",
    "POV: วันจันทร์แต่ใจยังอยู่วันอาทิตย์ 😂",
    "เสาร์อาทิตย์นี้ไปไหนกันดี 🥰",
    "มู้ดวันนี้ ☀️",
]


def kind_of(content: CreatorContent) -> tuple[str, tuple[str, ...], dict[str, float]]:
    found = classify_creator_type(content, classify_niches(content))
    return found.label, tuple(str(r) for r in found.reasons), found.signals


def test_an_expert_who_explains_with_data_is_a_kol_with_reasons() -> None:
    content = creator(
        bio="เภสัชกร ประสบการณ์ 10 ปี แชร์ความรู้สกินแคร์",
        captions=KOL_TH * 5,
        tags=["สกินแคร์"],
        followers=45_000,
    )
    label, reasons, signals = kind_of(content)
    assert label == "kol"
    assert "credential in bio: pharmacist (เภสัชกร)" in reasons
    assert any(r.startswith("explains, compares or teaches in ") and "of 20 posts" in r
               for r in reasons)  # fmt: skip
    assert signals["expertise_share"] >= 0.75
    assert signals["credential"] == 1.0


def test_an_english_expert_is_a_kol() -> None:
    captions = [
        "As a dermatologist, here's what actually matters with sunscreen: SPF 50 blocks 98%.",
        "Retinol compared: I tested 3 options over 8 weeks. Start at 0.1% twice a week.",
        "Myth vs fact about vitamin C serum. Save this for later.",
    ]
    label, _, _ = kind_of(creator(name="Dr. Mint | Skin", captions=captions * 4,
                                  tags=["skincare"]))  # fmt: skip
    assert label == "kol"


def test_a_consumer_who_paid_and_weighs_pros_and_cons_is_a_koc() -> None:
    content = creator(
        bio="คนธรรมดาที่ชอบสกินแคร์ ซื้อเอง ใช้เอง รีวิวเอง",
        captions=KOC_TH * 5,
        tags=["สกินแคร์", "ใช้จริง"],
        followers=850,
    )
    label, reasons, signals = kind_of(content)
    assert label == "koc"
    assert any(r.startswith("says they bought or really used it in ") for r in reasons)
    assert any(r.startswith("weighs pros against cons") for r in reasons)
    assert signals["consumer_share"] >= 0.5
    assert signals["balanced_reviews"] > 0


def test_general_lifestyle_posts_make_a_creator() -> None:
    label, reasons, _ = kind_of(creator(captions=CREATOR_TH * 4, tags=["ไลฟ์สไตล์"],
                                        followers=30_000))  # fmt: skip
    assert label == "creator"
    assert reasons[0].startswith("no steady expert or consumer signals")


def test_follower_count_is_only_a_weak_hint() -> None:
    small_expert = creator(bio="เภสัชกร", captions=KOL_TH * 3, tags=["สกินแคร์"], followers=400)
    big_consumer = creator(captions=KOC_TH * 3, tags=["สกินแคร์"], followers=60_000)
    assert kind_of(small_expert)[0] == "kol"
    assert kind_of(big_consumer)[0] == "koc"


def test_heavy_sponsorship_weakens_a_consumer_reading() -> None:
    honest = creator(captions=KOC_TH * 3, tags=["สกินแคร์"])
    paid = creator(captions=KOC_TH * 3, tags=["สกินแคร์"], sponsored=12)
    honest_signals, paid_signals = kind_of(honest)[2], kind_of(paid)[2]
    assert paid_signals["sponsored_share"] == 1.0
    assert paid_signals["koc_score"] < honest_signals["koc_score"] - 0.5
    assert "sponsored 12 of 12 posts" in kind_of(paid)[1]


def test_audience_questions_are_a_signal_when_known() -> None:
    _, reasons, signals = kind_of(creator(captions=KOL_TH * 2, question_share=0.25))
    assert signals["question_share"] == 0.25
    assert "25% of audience comments are questions" in reasons
    assert "question_share" not in kind_of(creator(captions=KOL_TH * 2))[2]


def test_few_posts_mean_low_confidence() -> None:
    one = classify_creator_type(creator(captions=KOL_TH[:1]), ())
    many = classify_creator_type(creator(captions=KOL_TH * 5), ())
    assert one.confidence < many.confidence
    assert any("only 1 posts to read" in str(r) for r in one.reasons)


# --- taxonomy and categories -------------------------------------------------------------------


def test_niche_ids_are_the_contract() -> None:
    wanted = {"beauty", "skincare", "makeup", "fashion", "food", "restaurants", "travel",
              "fitness", "health", "it_gadgets", "gaming", "finance", "business", "parenting",
              "pets", "home", "automotive", "education", "entertainment", "comedy", "music",
              "sports", "art", "news", "lifestyle"}  # fmt: skip
    assert wanted <= set(NICHE_IDS)
    assert len(set(NICHE_IDS)) == len(NICHE_IDS)
    assert BY_ID["makeup"].parent == "beauty"
    assert BY_ID["restaurants"].parent == "food"
    assert BY_ID["comedy"].parent == "entertainment"
    assert all(n.parent is None or n.parent in BY_ID for n in BY_ID.values())


@pytest.mark.parametrize(
    ("text", "niche"),
    [("IT/gadgets", "it_gadgets"), ("it gadgets", "it_gadgets"), ("ไอที", "it_gadgets"),
     ("skincare", "skincare"), ("สกินแคร์", "skincare"), (" Beauty ", "beauty"),
     ("it_gadgets", "it_gadgets"), ("แม่และเด็ก", "parenting"), ("Make-up", "makeup")],
)  # fmt: skip
def test_niche_named_reads_ids_and_names_in_both_languages(text: str, niche: str) -> None:
    found = niche_named(text)
    assert found is not None
    assert found.id == niche


def test_niche_named_unknown_is_none() -> None:
    assert niche_named("underwater basket weaving") is None
    assert niche_named("") is None


@pytest.mark.parametrize(
    ("label", "niches"),
    [("Humor & Fun & Happiness", ("comedy",)), ("Computers & Gadgets", ("it_gadgets",)),
     ("Cinema & Actors/actresses", ("movies",)), ("  sports WITH a ball ", ("sports",)),
     ("Beauty & Fashion", ("beauty", "fashion")), ("ความงาม", ("beauty",)),
     ("Adult content", ()), ("", ()), ("something else", ())],
)  # fmt: skip
def test_vendor_category_labels_map_to_niches(label: str, niches: tuple[str, ...]) -> None:
    assert niches_of_category(label) == niches


# --- bad input ---------------------------------------------------------------------------


def test_bad_input_does_not_crash() -> None:
    huge = "สกินแคร์ " * 12_000 + "x" * 10_000  # about 100 KB
    odd = [
        CreatorContent(""),
        CreatorContent("   ", display_name="", bio="", posts=(PostText(None),) * 3),
        CreatorContent("x", bio=huge, posts=(PostText(huge, ("",) * 50),)),
        CreatorContent("x", posts=(PostText("\x00\x01\u200b\ufeff!!!!!5555", ("#", "#ad")),)),
        CreatorContent("ชื่อไทย", display_name="🙂" * 500, categories=("", "??", "Beauty")),
        CreatorContent("x", followers=-5, question_share=7.0),
        CreatorContent("x", posts=[PostText("ลิปสวย")], categories=["Beauty"]),  # type: ignore[arg-type]
    ]
    for content in odd:
        niches = classify_niches(content)
        kind = classify_creator_type(content, niches)
        assert kind.label in ("kol", "koc", "creator")
        assert 0.0 <= kind.confidence <= 1.0
        assert all(0.0 <= s.confidence <= 1.0 for s in niches)
    assert classify_niches(odd[2])[0].niche == "skincare"
