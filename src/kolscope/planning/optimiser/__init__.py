"""Planning: optimiser."""
