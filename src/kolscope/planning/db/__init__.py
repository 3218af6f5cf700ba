"""Planning: db."""
