"""Attribution (#17), pure: which creator an order goes to and by which rule, the documented
multi-touch alternatives, and the totals by rule. No database, no HTTP; the conversions'
storage and pages call ``attribute`` and ``totals``. See docs/tracking.md, "Attribution"."""

from __future__ import annotations

from kolscope.tracking.attribution.rules import (
    DEFAULT_WINDOW_DAYS,
    MODELS,
    Model,
    attribute,
)
from kolscope.tracking.attribution.totals import AttributionTotals, RuleTotal, totals
from kolscope.tracking.attribution.values import (
    Attributed,
    CodeOwner,
    Credit,
    Order,
    OrderStatus,
    Rule,
    Touch,
)

__all__ = [
    "DEFAULT_WINDOW_DAYS",
    "MODELS",
    "Attributed",
    "AttributionTotals",
    "CodeOwner",
    "Credit",
    "Model",
    "Order",
    "OrderStatus",
    "Rule",
    "RuleTotal",
    "Touch",
    "attribute",
    "totals",
]
