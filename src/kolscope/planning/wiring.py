"""Planning: wiring (being written, issue #16)."""
