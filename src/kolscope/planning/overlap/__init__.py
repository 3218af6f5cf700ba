"""Planning: overlap."""
