"""The redirect service's entry point: a plain ASGI app for short links (``/<code>`` and
``/r/<code>``), its "not found" page, and how ``kolscope redirect`` runs it."""
