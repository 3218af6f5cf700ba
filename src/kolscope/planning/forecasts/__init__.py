"""Planning: forecasts."""
