"""Planning: forecasts per creator and deliverable (reach, views, engagements, clicks,
conversions), each with an 80 % interval, from the creator's recent posts shrunk towards the
tier's norm. Pure: the campaign service fills ``PostNumbers`` from the catalogue."""

from kolscope.planning.forecasts.history import (
    PostNumbers,
    deliverable_of,
    engagements_of,
    numbers_of,
)
from kolscope.planning.forecasts.model import (
    CALIBRATED_WIDTH,
    CLICK_RATES,
    DEFAULT_CONVERSION_RATE,
    Assumptions,
    Forecast,
    Spread,
    deliverable_name,
    forecast,
)
from kolscope.planning.forecasts.norms import (
    DEFAULT_NORMS,
    CreatorHistory,
    Norm,
    Norms,
    default_norm,
    norms_from_histories,
)

__all__ = [
    "CALIBRATED_WIDTH",
    "CLICK_RATES",
    "DEFAULT_CONVERSION_RATE",
    "DEFAULT_NORMS",
    "Assumptions",
    "CreatorHistory",
    "Forecast",
    "Norm",
    "Norms",
    "PostNumbers",
    "Spread",
    "default_norm",
    "deliverable_name",
    "deliverable_of",
    "engagements_of",
    "forecast",
    "norms_from_histories",
    "numbers_of",
]
