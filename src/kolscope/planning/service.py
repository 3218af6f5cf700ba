"""Planning: service (being written, issue #16)."""
