"""Audits in SQL: what an audit reads in bulk, the audits kept and their norms."""
