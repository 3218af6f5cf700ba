"""What entry points use of tracking: campaign destinations, tracking links and promo codes
with their exports, attribution over stored orders and each creator's results, and (below) the
orders that come in. Entry points import these names from here and nothing else of the area;
the redirect process has its own small facade, ``kolscope.tracking.redirect.facade``."""

from __future__ import annotations

# links, codes and results
from kolscope.tracking import messages_cli as said_cli
from kolscope.tracking.attribution import (
    DEFAULT_WINDOW_DAYS,
    MODELS,
    AttributionTotals,
    Rule,
    RuleTotal,
    totals,
)
from kolscope.tracking.links.exports import LINK_COLUMNS, SHOPIFY_COLUMNS, WOOCOMMERCE_COLUMNS
from kolscope.tracking.links.qr import qr_png, qr_svg
from kolscope.tracking.links.utm import MEDIUMS
from kolscope.tracking.placing import AttributionReport, PlacedOrder, Placement
from kolscope.tracking.service import SHOP_KINDS, TrackingService
from kolscope.tracking.values import (
    CreatorResult,
    Destination,
    StoredCode,
    TrackedCampaign,
    TrackedCreator,
    TrackedLink,
    TrackingError,
)

__all__ = [
    "DEFAULT_WINDOW_DAYS",
    "LINK_COLUMNS",
    "MEDIUMS",
    "MODELS",
    "SHOPIFY_COLUMNS",
    "SHOP_KINDS",
    "WOOCOMMERCE_COLUMNS",
    "AttributionReport",
    "AttributionTotals",
    "CreatorResult",
    "Destination",
    "PlacedOrder",
    "Placement",
    "Rule",
    "RuleTotal",
    "StoredCode",
    "TrackedCampaign",
    "TrackedCreator",
    "TrackedLink",
    "TrackingError",
    "TrackingService",
    "qr_png",
    "qr_svg",
    "said_cli",
    "totals",
]  # fmt: skip

# orders
from kolscope.tracking import messages_orders as said_orders
from kolscope.tracking.orders import REPORT_KINDS, OrderBook
from kolscope.tracking.orders_values import (
    ORDER_SOURCES,
    SHOP_SOURCES,
    STATUSES,
    LeadForm,
    LeadSaved,
    OrderError,
    OrderRow,
    Processed,
    Receipt,
    ReportImported,
    Shop,
    ShopKey,
    SourceSummary,
)
from kolscope.tracking.reports.files import ReportPreview
from kolscope.tracking.reports.files import preview as preview_report

__all__ += [
    "ORDER_SOURCES", "REPORT_KINDS", "SHOP_SOURCES", "STATUSES", "LeadForm", "LeadSaved",
    "OrderBook", "OrderError", "OrderRow", "Processed", "Receipt", "ReportImported",
    "ReportPreview", "Shop", "ShopKey", "SourceSummary", "preview_report", "said_orders",
]  # fmt: skip
