"""The redirect service: short codes to destinations, every click appended to a durable log
before its redirect is sent, and the log written to the database in batches. Its own small
process (``kolscope redirect``), reached by entry points only through ``facade``."""
