"""The click log: an append-only file per writing process, written before each redirect.

**Why a file and not the database or Redis.** A database write on every click is what makes
YOURLS fall to 30 requests a second on a hot link; Redis on these machines keeps nothing on
disk. A line appended to a local file costs about two microseconds and, once ``write`` has
returned, belongs to the kernel: killing the process (``kill -9``) a microsecond later loses
nothing. The shipper (``shipper.py``) writes the lines to the ``clicks`` table in batches.

**How a line is written.** Each record is one complete line handed to a single ``os.write`` on a
file opened with ``O_APPEND``, before the redirect is answered. Small appends to a local file
are not split by a kill, so a line is either there whole or not at all; after a power cut the
last line may be torn, and readers ignore a last line without its newline.

**When it reaches the disk** (``fsync``, the setting ``click_fsync``):

* ``interval`` (the default): a background thread forces the file to disk every second when
  there is something new, so a power cut loses at most about the last second of clicks;
* ``always``: forced before each redirect is sent; nothing that got a redirect is lost even on
  a power cut, at the price of a disk flush per click (a few hundred a second on an SSD);
* ``never``: left to the system (Linux writes dirty pages within about 30 seconds).

**Segments.** One file per writing process, named with the host, the process id, the start
time and a sequence number (``clicks-<host>-<pid>-<start>-<n>.log``), so processes never write
into one another's file and a shipper on another host never mistakes a file for its own. A
segment is closed and the next one begun when it reaches ``segment_bytes``. While a process
writes a segment it holds an exclusive ``flock`` on it: the shipper knows a segment is finished
(its writer closed it, exited or was killed; the kernel drops the lock in every case) when it
can take that lock. A new segment is created under a hidden name, locked, then renamed into
place, so no shipper ever sees a segment before its writer holds the lock.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import socket
import threading
import time
from pathlib import Path
from typing import Literal

FsyncPolicy = Literal["interval", "always", "never"]
POLICIES: tuple[FsyncPolicy, ...] = ("interval", "always", "never")
SEGMENT_BYTES = 64 * 1024 * 1024
"""A segment is closed when it reaches this size (about 200,000 clicks)."""
FSYNC_SECONDS = 1.0
SUFFIX = ".log"
PREFIX = "clicks-"
_HIDDEN = ".new-"
_log = logging.getLogger(__name__)


_forks = [0]
"""How many times this process's ancestry forked (0 in the first process): a journal notices
a fork by comparing it, instead of asking for the process id on every click (a system call)."""


def _count_fork() -> None:
    _forks[0] += 1


os.register_at_fork(after_in_child=_count_fork)


def host_name() -> str:
    """This machine's name as it appears in segment names: letters, digits and hyphens."""
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:40] or "host"


def segment_prefix(host: str | None = None) -> str:
    """The start of the names of the segments written on ``host`` (this machine by default)."""
    return f"{PREFIX}{host or host_name()}-"


class _Segment:
    """One open segment: its path, its descriptor (holding the writer's lock) and its size."""

    __slots__ = ("fd", "path", "size", "unsynced")

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.fd = fd
        self.size = 0
        self.unsynced = False


class ClickJournal:
    """The click log of this process, in ``folder``. ``append`` is safe from several threads;
    a forked child opens its own segment on its first append."""

    def __init__(
        self,
        folder: Path,
        *,
        fsync: FsyncPolicy = "interval",
        segment_bytes: int = SEGMENT_BYTES,
        fsync_seconds: float = FSYNC_SECONDS,
    ) -> None:
        if fsync not in POLICIES:
            raise ValueError(f"click_fsync must be one of {', '.join(POLICIES)}, not {fsync!r}")
        self.folder = folder
        self.fsync = fsync
        self.segment_bytes = segment_bytes
        self.fsync_seconds = fsync_seconds
        self._write_lock = threading.Lock()
        self._sync_lock = threading.Lock()  # held while a segment is forced to disk or closed
        self._segment: _Segment | None = None
        self._pid = -1
        self._generation = -1  # _forks when the segment was opened
        self._started = ""
        self._sequence = 0
        self._stop = threading.Event()
        self._syncer: threading.Thread | None = None
        self.closed = False

    @property
    def segment(self) -> Path | None:
        """The segment being written (None before the first click)."""
        return self._segment.path if self._segment else None

    def append(self, line: bytes) -> None:
        """Append one complete record (ending in a newline) with a single write. When this
        returns, the line survives the process being killed; on power loss, see the policy."""
        with self._write_lock:
            segment = self._segment
            if segment is None or self._generation != _forks[0]:
                segment = self._open_first()
            elif segment.size >= self.segment_bytes:
                segment = self._rotate(segment)
            written = os.write(segment.fd, line)
            if written != len(line):  # a full disk: never leave half a line behind
                raise OSError(f"click log: wrote {written} of {len(line)} bytes")
            segment.size += written
            if self.fsync == "always":
                os.fsync(segment.fd)
            else:
                segment.unsynced = True

    def sync(self) -> None:
        """Force what was appended to disk now (the interval thread calls this each second)."""
        with self._sync_lock:
            segment = self._segment
            if segment is not None and segment.unsynced and self._generation == _forks[0]:
                segment.unsynced = False
                os.fsync(segment.fd)

    def close(self) -> None:
        """Force the segment to disk and close it: its writer is done, so the shipper may
        finish it and delete it. Appending again opens a new segment."""
        self._stop.set()
        syncer, self._syncer = self._syncer, None
        if syncer is not None and syncer is not threading.current_thread():
            syncer.join()
        with self._write_lock, self._sync_lock:
            segment, self._segment = self._segment, None
            if segment is not None and self._generation == _forks[0]:
                if self.fsync != "never":
                    os.fsync(segment.fd)
                os.close(segment.fd)
        self.closed = True

    # Opening segments ---------------------------------------------------------------------------

    def _open_first(self) -> _Segment:
        """The first segment of this process (also after a fork: the parent's descriptor and
        lock are its own, and its lines stay in its file)."""
        inherited = self._segment
        if inherited is not None and self._generation != _forks[0]:
            # The parent's descriptor: closing this copy leaves the parent's lock in place, and
            # keeps the child from holding the lock after the parent is gone.
            os.close(inherited.fd)
        self._pid = os.getpid()
        self._generation = _forks[0]
        self._started = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        self._sequence = 0
        self._stop = threading.Event()
        self._segment = self._create()
        if self.fsync == "interval":
            self._syncer = threading.Thread(
                target=self._sync_every_interval, name="click-log-fsync", daemon=True
            )
            self._syncer.start()
        return self._segment

    def _rotate(self, old: _Segment) -> _Segment:
        new = self._create()
        with self._sync_lock:
            self._segment = new
            if self.fsync != "never":
                os.fsync(old.fd)
            os.close(old.fd)  # the lock goes with it: the shipper may finish the old segment
        return new

    def _create(self) -> _Segment:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._sequence += 1
        name = f"{segment_prefix()}{self._pid}-{self._started}-{self._sequence:06d}{SUFFIX}"
        final = self.folder / name
        hidden = self.folder / f"{_HIDDEN}{name}"
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(hidden, flags, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.rename(hidden, final)
            if self.fsync != "never":
                _sync_folder(self.folder)  # the new name survives a power cut too
        except FileNotFoundError:  # tidied away as abandoned before we locked it: again
            os.close(fd)
            return self._create()
        except BaseException:
            os.close(fd)
            raise
        return _Segment(final, fd)

    def _sync_every_interval(self) -> None:
        while not self._stop.wait(self.fsync_seconds):
            try:
                self.sync()
            except OSError as error:  # keep trying: the next second may succeed
                _log.error("click log: fsync failed: %s", error)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_complete(fd: int, position: int, most: int) -> tuple[list[bytes], int]:
    """The complete lines of a segment from byte ``position``, reading at most ``most`` bytes,
    and how many bytes they take (with their newlines). A last line without its newline (still
    being written, or torn by a power cut) is left for later; blank lines and NUL bytes (what
    a power cut can leave in place of the last lines) are skipped."""
    chunk = os.pread(fd, most, position)
    end = chunk.rfind(b"\n") + 1
    lines = [line for raw in chunk[:end].split(b"\n") if (line := raw.strip(b"\0 \t\r"))]
    return lines, end


def is_hidden(path: Path) -> bool:
    """A segment still being created (or left behind by a writer killed while creating it:
    creating one takes microseconds, so one older than ``ABANDONED_SECONDS`` is abandoned)."""
    return path.name.startswith(_HIDDEN)


ABANDONED_SECONDS = 60.0


def writer_gone(fd: int) -> bool:
    """Whether the writer of the segment open on ``fd`` has let it go (closed, exited, killed):
    true when this takes the writer's lock, which the caller then holds until it closes ``fd``."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
