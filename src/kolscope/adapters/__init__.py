"""Adapters: the database, file importers and data sources behind the services' ports."""
