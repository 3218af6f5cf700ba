"""Discovery: which niches a creator works in, whether they are a KOL, a KOC or a creator,
how they sound, how well they fit a brand's brief, and what a post might cost.

Plain Python over text (no I/O): the services layer builds ``CreatorContent`` from stored
accounts and posts and calls these functions.
"""

from __future__ import annotations

from kolscope.discovery.scoring.brand_fit import WEIGHTS, BrandFit, FitEvidence, FitPart, brand_fit
from kolscope.discovery.scoring.content import CreatorContent, PostText
from kolscope.discovery.scoring.creator_type import CreatorType, classify_creator_type
from kolscope.discovery.scoring.niches import MIN_CONFIDENCE, NicheScore, classify_niches
from kolscope.discovery.scoring.price import PriceRange, estimate_price
from kolscope.discovery.scoring.taxonomy import (
    NICHE_IDS,
    NICHES,
    VENDOR_CATEGORIES,
    Niche,
    niche_named,
    niches_of_category,
)
from kolscope.discovery.scoring.tone import Tone, tone_of, tone_wanted

__all__ = [
    "MIN_CONFIDENCE", "NICHES", "NICHE_IDS", "VENDOR_CATEGORIES", "WEIGHTS", "BrandFit",
    "CreatorContent", "CreatorType", "FitEvidence", "FitPart", "Niche", "NicheScore",
    "PostText", "PriceRange", "Tone", "brand_fit", "classify_creator_type", "classify_niches",
    "estimate_price", "niche_named", "niches_of_category", "tone_of", "tone_wanted",
]  # fmt: skip
