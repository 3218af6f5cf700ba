"""Parsing a large file in a second process while this one writes to the database.

Reading and checking a row costs about as much Python time as writing it, and one process only
ever runs Python on one core. For big files a child process parses and sends batches of records
as plain tuples (cheap to pickle); this process rebuilds them and writes. Batches in flight are
bounded, so memory stays flat however large the file.
"""

from __future__ import annotations

import gc
import multiprocessing
import queue
from collections.abc import Callable, Iterator
from typing import Any

from kolscope.catalogue.importing.plan import FilePlan, ImportOptions
from kolscope.catalogue.importing.records import (
    AccountRow,
    AudienceRow,
    CommentRow,
    FileCounts,
    FollowerRow,
    ImportRecord,
    PostRow,
    RowProblem,
)
from kolscope.catalogue.messages import SEQUENTIAL
from kolscope.catalogue.ports import ImportFileError
from kolscope.domain.audience import AudienceShare
from kolscope.domain.content import Comment, Post
from kolscope.domain.creators import AccountSnapshot, PlatformAccount
from kolscope.domain.followers import FollowerProfile
from kolscope.domain.messages import Message

BATCH = 2000
IN_FLIGHT = 4


def encode(item: ImportRecord | RowProblem) -> tuple[Any, ...]:
    """A record as nested plain tuples (pickled in C, without per-object Python calls)."""
    if isinstance(item, AccountRow):
        snapshot = tuple(item.snapshot) if item.snapshot is not None else None
        return (0, item.row, tuple(item.account), snapshot, item.creator_key)
    if isinstance(item, PostRow):
        return (1, item.row, item.platform, item.handle, tuple(item.post))
    if isinstance(item, CommentRow):
        return (2, item.row, item.platform, item.handle, item.platform_post_id, tuple(item.comment))
    if isinstance(item, AudienceRow):
        shares = tuple(tuple(s) for s in item.shares)
        return (
            3,
            item.row,
            item.platform,
            item.handle,
            item.source,
            item.as_of,
            item.sample_size,
            shares,
        )
    if isinstance(item, FollowerRow):
        return (
            4,
            item.row,
            item.platform,
            item.handle,
            item.taken_on,
            item.source,
            tuple(item.profile),
        )
    said = item.said.to_dict() if item.said is not None else None
    return (5, item.file, item.row, item.field, item.message, item.column, item.value, said)


def decode(item: tuple[Any, ...]) -> ImportRecord | RowProblem:
    kind = item[0]
    if kind == 0:
        snapshot = AccountSnapshot._make(item[3]) if item[3] is not None else None
        return AccountRow(item[1], PlatformAccount._make(item[2]), snapshot, item[4])
    if kind == 1:
        return PostRow(item[1], item[2], item[3], Post._make(item[4]))
    if kind == 2:
        return CommentRow(item[1], item[2], item[3], item[4], Comment._make(item[5]))
    if kind == 3:
        shares = tuple(AudienceShare._make(s) for s in item[7])
        return AudienceRow(item[1], item[2], item[3], item[4], item[5], item[6], shares)
    if kind == 4:
        return FollowerRow(
            item[1], item[2], item[3], item[4], item[5], FollowerProfile._make(item[6])
        )
    said = Message.from_dict(item[7]) if item[7] is not None else None
    return RowProblem(item[1], item[2], item[3], item[4], item[5], item[6], said)


Read = Callable[[FilePlan, ImportOptions, FileCounts], Iterator[ImportRecord | RowProblem]]


def _child(read: Read, plan: FilePlan, options: ImportOptions, out: Any) -> None:
    gc.freeze()  # this process only parses: keep the cycle collector out of its way
    gc.set_threshold(100_000, 50, 100)
    counts = FileCounts()
    batch: list[tuple[Any, ...]] = []
    try:
        for item in read(plan, options, counts):
            batch.append(encode(item))
            if len(batch) >= BATCH:
                out.put(("rows", batch))
                batch = []
        out.put(("rows", batch))
        out.put(("done", counts))
    except ImportFileError as error:
        out.put(("rows", batch))
        out.put(("failed", error.problem, counts))
    except Exception as error:  # reported to the parent, which raises it
        out.put(("crashed", f"{type(error).__name__}: {error}", counts))


def read_in_child(
    read: Read, plan: FilePlan, options: ImportOptions, counts: FileCounts
) -> Iterator[ImportRecord | RowProblem]:
    """The records ``read`` (a module-level function: the child imports it by name) finds in
    the file, parsed in a second process."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue(maxsize=IN_FLIGHT)
    child = context.Process(
        target=_child, args=(read, plan, options, out), daemon=True, name="kolscope-import-parser"
    )
    child.start()
    received = False
    try:
        while True:
            try:
                message = out.get(timeout=1.0)
            except queue.Empty:
                if child.is_alive():
                    continue
                if not received:
                    # The child could not start (for example a script without the
                    # ``if __name__ == "__main__":`` guard that multiprocessing needs):
                    # read in this process instead.
                    counts.warn(SEQUENTIAL())
                    yield from read(plan, options, counts)
                    return
                raise RuntimeError(
                    f"the process reading {plan.name} stopped unexpectedly "
                    f"(exit code {child.exitcode})"
                ) from None
            received = True
            tag = message[0]
            if tag == "rows":
                for item in message[1]:
                    yield decode(item)
                continue
            _merge(counts, message[-1])
            if tag == "failed":
                raise ImportFileError(message[1])
            if tag == "crashed":
                raise RuntimeError(f"reading {plan.name} failed: {message[1]}")
            return
    finally:
        if child.is_alive():
            child.terminate()
        child.join(timeout=5)
        out.close()


def _merge(counts: FileCounts, child: FileCounts) -> None:
    counts.rows_read += child.rows_read
    counts.blank_rows += child.blank_rows
    counts.repeated_headers += child.repeated_headers
    counts.warning_count += child.warning_count
    room = max(0, 200 - len(counts.warnings))
    counts.warnings.extend(child.warnings[:room])
