"""Fictional Thai brands for the demo workspace (no real company is meant)."""

from __future__ import annotations

from kolscope.domain.brands import Brand

DEMO_BRANDS: tuple[Brand, ...] = (
    Brand(
        name="Moonmint Skin",
        handles=("moonmint.skin",),
        hashtags=("moonmintskin", "มูนมิ้นท์สกิน"),
        niche="skincare",
        tone_notes="อ่อนโยน เป็นกันเอง อ้างอิงข้อมูล; no whitening or miracle claims (fictional)",
        competitors=("Dewlab Derm", "Sabai Skin Co."),
    ),
    Brand(
        name="Plathong Eats",
        handles=("plathong.eats",),
        hashtags=("plathongeats", "ปลาทองอีทส์"),
        niche="food",
        tone_notes="Fun, hungry, lots of emoji; delivery within 30 minutes (fictional)",
        competitors=("Hiw Laew Delivery",),
    ),
    Brand(
        name="Nokhook Pay",
        handles=("nokhookpay",),
        hashtags=("nokhookpay", "นกฮูกเพย์"),
        niche="finance",
        tone_notes="Trustworthy and plain-spoken; never promise returns (fictional fintech app)",
        competitors=("Kradas Wallet",),
    ),
    Brand(
        name="Jingjok Gadget",
        handles=("jingjok.gadget",),
        hashtags=("jingjokgadget", "จิ้งจกแกดเจ็ต"),
        niche="it_gadgets",
        tone_notes="Geeky, specs first, honest comparisons (fictional gadget store)",
        competitors=("Tao Tech Shop",),
    ),
    Brand(
        name="Maew Muan Petfood",
        handles=("maewmuan.pet",),
        hashtags=("maewmuan", "แมวม่วนเพ็ทฟู้ด"),
        niche="pets",
        tone_notes="Warm and playful, vet-reviewed recipes (fictional)",
        competitors=("Hang Kradik Pet",),
    ),
    Brand(
        name="Phasin Studio",
        handles=("phasin.studio",),
        hashtags=("phasinstudio", "ผ้าซิ่นสตูดิโอ"),
        niche="fashion",
        tone_notes="Modern Thai textiles, minimal and elegant (fictional)",
        competitors=("Fai Kham Label",),
    ),
)

# Niches whose creators a brand works with besides its own.
BRAND_NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "skincare": ("skincare", "beauty", "health"),
    "food": ("food", "travel", "lifestyle", "parenting"),
    "finance": ("finance", "education", "lifestyle", "it_gadgets"),
    "it_gadgets": ("it_gadgets", "gaming", "education", "automotive"),
    "pets": ("pets", "lifestyle", "home"),
    "fashion": ("fashion", "beauty", "lifestyle", "travel"),
}


def brands_for(niche: str) -> list[int]:
    """Indexes of the demo brands that would work with a creator of this niche."""
    return [
        index
        for index, brand in enumerate(DEMO_BRANDS)
        if niche in BRAND_NEIGHBOURS.get(brand.niche or "", ())
    ]
