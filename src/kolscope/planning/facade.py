"""What entry points use of planning: campaigns, their briefs and plans, scenarios, the
outreach board, content approval and rate cards. Entry points import these names from here and
nothing else of the area."""

from __future__ import annotations

# rate cards
from kolscope.planning.choices import Deliverable, Fee
from kolscope.planning.ratecards.card import (
    DELIVERABLE_NAMES,
    DELIVERABLES,
    LEAST_AGREED,
    PLATFORMS,
    REPRESENTATIVE_FOLLOWERS,
    CardCell,
    CellError,
    Pricing,
    RateCard,
    RateCardError,
)
from kolscope.planning.ratecards.service import FILE_COLUMNS, FittedCard

__all__ = [
    "DELIVERABLES", "DELIVERABLE_NAMES", "FILE_COLUMNS", "LEAST_AGREED", "PLATFORMS",
    "REPRESENTATIVE_FOLLOWERS", "CardCell", "CellError", "Deliverable", "Fee", "FittedCard",
    "Pricing", "RateCard", "RateCardError",
]  # fmt: skip
