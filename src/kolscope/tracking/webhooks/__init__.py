"""Orders from shop webhooks: signatures, deduplication keys, what an order says (pure)."""
