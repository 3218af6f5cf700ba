"""Discovery in SQL: the search index store, search plans, full-text search, shortlists."""
