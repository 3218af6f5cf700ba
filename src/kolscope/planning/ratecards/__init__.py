"""Planning: ratecards."""
