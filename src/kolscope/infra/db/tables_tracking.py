"""The tables of tracking: the destinations a campaign sends people to, each creator's tracking
link and promo code, the clicks the redirect recorded, the shops and conversion sources that
send orders, every webhook delivery as it arrived, orders with their lines and their history,
the rule that placed each order, and leads. Part of the schema in ``tables``.

Money is kept in satang (whole hundredths of a baht) so sums are exact on both databases.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from kolscope.infra.db.tables_base import JsonList, Stamp, metadata

# Tracking (issue #17) ---------------------------------------------------------------------------

campaign_destinations = Table(
    "campaign_destinations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    Column("url", String(2000), nullable=False),
    Column("label", String(200)),
    Column("shop_kind", String(20)),  # shopify | woocommerce | other: shopify links add ref=
    Column("created_at", Stamp, nullable=False),
    UniqueConstraint("campaign_id", "url", name="uq_campaign_destinations_campaign_url"),
)

tracking_links = Table(
    "tracking_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column(
        "destination_id",
        Integer,
        ForeignKey("campaign_destinations.id", ondelete="CASCADE"),
        nullable=True,  # None for a pasted marketplace link
    ),
    Column("code", String(40), nullable=False),  # the short code: /<code>
    Column("target", String(4000), nullable=False),  # destination + UTM tags, without kc
    Column("medium", String(20), nullable=False),  # influencer | social | affiliate
    Column("marketplace", String(20)),  # shopee | lazada | tiktok-shop, for a pasted link
    Column("token", String(60), nullable=False),  # the creator's token (sub-id, utm_id)
    Column("created_at", Stamp, nullable=False),
    Column("deleted_at", Stamp),  # a deleted link answers 404
    UniqueConstraint("code", name="uq_tracking_links_code"),
    Index("ix_tracking_links_campaign_id", "campaign_id"),
    Index("ix_tracking_links_token", "token"),
)

promo_codes = Table(
    "promo_codes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE")),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE")),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="SET NULL")),
    Column("code", String(60), nullable=False),  # upper-case, as typed at checkout
    Column("kind", String(10), nullable=False),  # percent | thb
    Column("value", String(20), nullable=False),  # a decimal, written out exactly
    Column("usage_limit", Integer),
    Column("once_per_customer", Boolean, nullable=False),
    Column("starts_at", Stamp),
    Column("ends_at", Stamp),
    Column("origin", String(10), nullable=False),  # kolscope | shop (imported, not ours)
    Column("created_at", Stamp, nullable=False),
    UniqueConstraint("code", name="uq_promo_codes_code"),
    Index("ix_promo_codes_campaign_id", "campaign_id"),
)

clicks = Table(
    "clicks",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("click_id", String(40), nullable=False),  # kc: unique, set by the redirect
    Column("link_id", Integer, ForeignKey("tracking_links.id", ondelete="CASCADE"), nullable=False),
    Column("clicked_at", Stamp, nullable=False),
    Column("method", String(8), nullable=False),
    Column("referrer_domain", String(255)),
    Column("browser", String(60)),
    Column("os", String(60)),
    Column("device", String(20)),
    Column("visitor_kind", String(20), nullable=False),  # person | bot | preview | head | ...
    Column("visitor_reason", String(200)),
    Column("country", String(2)),
    Column("visitor_hash", String(64), nullable=False),
    Column("network_hash", String(64), nullable=False),
    UniqueConstraint("click_id", name="uq_clicks_click_id"),
    Index("ix_clicks_link_id_clicked_at", "link_id", "clicked_at"),
    Index("ix_clicks_visitor_hash", "visitor_hash"),
)

click_journal_marks = Table(
    "click_journal_marks",
    metadata,
    Column("segment", String(200), primary_key=True),  # a journal file's name
    Column("position", BigInteger, nullable=False),  # bytes of it written to ``clicks``
    Column("finished", Boolean, nullable=False),
    Column("updated_at", Stamp, nullable=False),
)

shops = Table(
    "shops",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE")),
    Column("brand_id", Integer, ForeignKey("brands.id", ondelete="SET NULL")),
    Column("source", String(20), nullable=False),  # shopify | woocommerce | api
    Column("name", String(200), nullable=False),
    Column("domain", String(255)),  # the shop's own address, as its webhooks name it
    Column("secret", LargeBinary, nullable=False),  # the signing secret (or token hash for api)
    Column("secret_set_at", Stamp, nullable=False),
    Column("created_at", Stamp, nullable=False),
    UniqueConstraint("source", "name", name="uq_shops_source_name"),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("shop_id", Integer, ForeignKey("shops.id", ondelete="CASCADE"), nullable=False),
    Column("dedupe_key", String(200), nullable=False),
    Column("topic", String(60)),
    Column("headers", JsonList, nullable=False),  # the headers we read, lower-cased
    Column("body", LargeBinary, nullable=False),  # the raw body, as signed
    Column("received_at", Stamp, nullable=False),
    Column("state", String(20), nullable=False),  # waiting | done | refused
    Column("error", Text),
    Column("processed_at", Stamp),
    UniqueConstraint("shop_id", "dedupe_key", name="uq_webhook_deliveries_shop_key"),
    Index("ix_webhook_deliveries_state", "state"),
)

orders = Table(
    "orders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE")),
    Column("source", String(20), nullable=False),  # shopify | woocommerce | shopee | ... | api
    Column("shop", String(255), nullable=False),  # the shop or marketplace account
    Column("order_id", String(200), nullable=False),  # the shop's own id
    Column("status", String(30), nullable=False),  # kolscope's: pending|completed|cancelled|...
    Column("shop_status", String(100)),  # as the shop wrote it
    Column("ordered_at", Stamp, nullable=False),
    Column("updated_at", Stamp, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("amount_satang", BigInteger, nullable=False),  # net of refunds known
    Column("commission_satang", BigInteger, nullable=False),
    Column("test", Boolean, nullable=False),
    # codes, click id, landing UTM tags, referrer, sub-ids, creator username, content id
    Column("evidence", JsonList, nullable=False),
    Column("customer_key", String(64)),
    # where the order was placed (kept current by attribution): creator, campaign and rule
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="SET NULL")),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="SET NULL")),
    Column("rule", String(30)),
    Column("credits", JsonList, nullable=False),  # [{"account_id", "campaign_id", "share"}]
    UniqueConstraint("source", "shop", "order_id", name="uq_orders_source_shop_order"),
    Index("ix_orders_campaign_id", "campaign_id"),
    Index("ix_orders_ordered_at", "ordered_at"),
)

order_lines = Table(
    "order_lines",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("order_row_id", Integer, ForeignKey("orders.id", ondelete="CASCADE"), nullable=False),
    Column("line_key", String(200), nullable=False),  # item + model, or sub-order id
    Column("item", String(500)),
    Column("status", String(30), nullable=False),
    Column("amount_satang", BigInteger, nullable=False),
    Column("commission_satang", BigInteger, nullable=False),
    Column("import_id", Integer, ForeignKey("imports.id", ondelete="SET NULL")),
    Column("updated_at", Stamp, nullable=False),
    UniqueConstraint("order_row_id", "line_key", name="uq_order_lines_order_line"),
)

order_events = Table(
    "order_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("order_row_id", Integer, ForeignKey("orders.id", ondelete="CASCADE"), nullable=False),
    Column("event_key", String(200), nullable=False),  # delivery key or import + row
    Column("kind", String(20), nullable=False),  # created | updated | cancelled | refund | report
    Column("at", Stamp, nullable=False),
    Column("status", String(30), nullable=False),
    Column("amount_satang", BigInteger, nullable=False),
    Column("commission_satang", BigInteger, nullable=False),
    Column("note", Text),
    Column("detail", JsonList, nullable=False),  # the event as read (for replaying history)
    UniqueConstraint("order_row_id", "event_key", name="uq_order_events_order_event"),
)

leads = Table(
    "leads",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    Column("link_id", Integer, ForeignKey("tracking_links.id", ondelete="SET NULL")),
    Column("click_id", String(40)),
    Column("name", String(200), nullable=False),
    Column("contact", String(300), nullable=False),
    Column("consent_text", Text, nullable=False),  # the words the person agreed to
    Column("consented_at", Stamp, nullable=False),
    Column("created_at", Stamp, nullable=False),
    Index("ix_leads_campaign_id", "campaign_id"),
)
