"""What keeps a running job visible: its progress, written at a bounded rate, and a heartbeat
thread that tells the store it is alive (``jobs.service`` uses both; imports' own heartbeats
too)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from kolscope.domain.messages import Message

Note = str | Message | None  # a progress note or an error: a message, or English text


class ThrottledProgress:
    """The handler's progress callback: writes at most every ``seconds``, except the first
    report and the last one (``flush``), so a fast loop does not hammer the store."""

    def __init__(self, write: Callable[[int, int | None, Note], None], seconds: float) -> None:
        self._write = write
        self._seconds = seconds
        self._last = 0.0
        self._pending: tuple[int, int | None, Note] | None = None

    def __call__(self, done: int, total: int | None, message: Note = None) -> None:
        self._pending = (done, total, message)
        now = time.monotonic()
        if now - self._last >= self._seconds or (total is not None and done >= total):
            self.flush()
            self._last = now

    def flush(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._write(*pending)


class Heartbeat:
    """Calls ``beat`` every ``seconds`` on a daemon thread while the block runs (or between
    ``start`` and ``stop``)."""

    def __init__(self, beat: Callable[[], None], seconds: float) -> None:
        self._beat = beat
        self._seconds = max(seconds, 0.01)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._loop, name="kolscope-job-heartbeat", daemon=True
        )

    def _loop(self) -> None:
        while not self._stop.wait(self._seconds):
            with contextlib.suppress(Exception):  # a missed beat: the next one comes soon
                self._beat()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()

    def __enter__(self) -> None:
        self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
