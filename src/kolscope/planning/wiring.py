"""How planning is built: the rate cards and the campaign service over their SQL stores.

Only the wiring (``kolscope.bootstrap``) calls these. Each function imports what it builds, so
importing this module pulls in neither numpy nor SQL code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:
    from kolscope.planning.ratecards.service import RateCardService


def rate_cards(engine: Engine) -> RateCardService:
    from kolscope.planning.db.ratecards import SqlRateCards
    from kolscope.planning.ratecards.service import RateCardService

    return RateCardService(SqlRateCards(engine))
