"""People, sessions, tokens and organisations in SQL."""
