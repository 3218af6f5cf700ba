"""Bulk loads without the cycle collector in the way (imports and the demo use it)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk_work() -> Iterator[None]:
    """Keep Python's cycle collector out of a bulk load.

    Imports create millions of short-lived, acyclic objects (freed at once by reference
    counting); with default thresholds the collector repeatedly scans every long-lived object
    as well, which cost a quarter of the import time. The objects alive now are frozen out of
    the collector's sight and collections run less often until the block ends.
    """
    _BULK.enter()
    try:
        yield
    finally:
        _BULK.leave()


class _BulkState:
    """Collector settings are process-wide: with imports running on several threads of one
    worker, the first one in changes them and the last one out restores them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._threshold = gc.get_threshold()

    def enter(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._threshold = gc.get_threshold()
                gc.freeze()
                gc.set_threshold(100_000, 50, 100)
            self._depth += 1

    def leave(self) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0:
                gc.set_threshold(*self._threshold)
                gc.unfreeze()


_BULK = _BulkState()
