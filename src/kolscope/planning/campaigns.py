"""Planning: campaigns (being written, issue #16)."""
