"""The catalogue in SQL: the import writers, the unit of work, the import log and the readers."""
