"""Marketplace report lines into orders and order lines, in the database.

The whole file is one transaction; the lines arrive in batches and each batch is written with
a handful of statements: the batch's orders (made when new), its lines (new ones inserted,
changed ones updated, an older report's version of a line never written over a newer one),
a history event per new or changed line, and the touched orders worked out again from all
their lines (status, amount, commission, evidence). The writes go through ``BulkStatement``
(one compiled statement, the driver's executemany): a 100,000-row report is some fifty
batches of a few statements each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, case, func, select

from kolscope.infra.db import tables as t
from kolscope.infra.db.bulk import BulkStatement, bulk_insert, bulk_update
from kolscope.infra.db.engine import WRITER_OPTIONS
from kolscope.infra.db.rows import stored_time
from kolscope.tracking import messages_orders as said
from kolscope.tracking.db.writing import dialect_insert, note_json, utc
from kolscope.tracking.orders_events import LINE_STATUS_ORDER, line_event_key
from kolscope.tracking.orders_values import LineWrite, ReportCounts, evidence

OrderKey = tuple[str, str, str]
ORDER_COLUMNS = (
    "organisation_id", "source", "shop", "order_id", "status", "shop_status", "ordered_at",
    "updated_at", "currency", "amount_satang", "commission_satang", "test", "evidence", "credits",
)  # fmt: skip
LINE_COLUMNS = ("item", "status", "amount_satang", "commission_satang", "updated_at")
EVENT_COLUMNS = (
    "order_row_id", "event_key", "kind", "at", "status", "amount_satang", "commission_satang",
    "note", "detail",
)  # fmt: skip
SETTLED_COLUMNS = (
    "status", "amount_satang", "commission_satang", "ordered_at", "updated_at", "shop_status",
    "evidence",
)  # fmt: skip


def _ignoring(db: Connection, table: Any, columns: Sequence[str], keys: list[str]) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING, compiled once for the batches."""
    statement = (
        dialect_insert(db, table)
        .values({c: bindparam(c) for c in columns})
        .on_conflict_do_nothing(index_elements=keys)
    )
    return BulkStatement(db, table, statement, columns)


class _Writers:
    """The import's statements, compiled once for its connection."""

    def __init__(self, db: Connection, now: datetime) -> None:
        self.imported_at = utc(now).isoformat()
        self.orders = _ignoring(db, t.orders, ORDER_COLUMNS, ["source", "shop", "order_id"])
        self.new_lines = bulk_insert(db, t.order_lines, ("order_row_id", "line_key", *LINE_COLUMNS))
        self.changed_lines = bulk_update(db, t.order_lines, LINE_COLUMNS)
        self.events = _ignoring(db, t.order_events, EVENT_COLUMNS, ["order_row_id", "event_key"])
        self.settled = bulk_update(db, t.orders, SETTLED_COLUMNS)


def _latest(batch: Sequence[LineWrite]) -> dict[tuple[OrderKey, str], LineWrite]:
    """Each line once: a line repeated in the batch keeps its latest version (ties: the later
    row of the file)."""
    found: dict[tuple[OrderKey, str], LineWrite] = {}
    for line in batch:
        key = ((line.source, line.shop, line.order_id), line.line_key)
        known = found.get(key)
        if known is None or line.updated_at >= known.updated_at:
            found[key] = line
    return found


class SqlReportRows:
    """Report imports (a part of ``SqlOrders``)."""

    _engine: Engine

    def import_lines(
        self, organisation_id: int | None, batches: Iterable[Sequence[LineWrite]], now: datetime
    ) -> ReportCounts:
        """All the batches in one transaction: an error raised while reading them (a bad row)
        leaves nothing written."""
        orders: set[int] = set()
        changed: set[int] = set()
        new_orders = lines = changed_lines = 0
        with self._engine.connect().execution_options(**WRITER_OPTIONS) as db, db.begin():
            writers = _Writers(db, now)
            for batch in batches:
                ids, made = self._order_ids(db, writers, organisation_id, batch)
                new_orders += made
                orders.update(ids.values())
                lines += len(batch)
                touched, count = self._lines(db, writers, ids, _latest(batch))
                changed_lines += count
                if touched:
                    self._settle(db, writers, touched, batch, ids)
                changed.update(touched)
        return ReportCounts(len(orders), new_orders, lines, changed_lines, tuple(sorted(changed)))

    def _order_ids(
        self, db: Connection, writers: _Writers, organisation_id: int | None,
        batch: Sequence[LineWrite],
    ) -> tuple[dict[OrderKey, int], int]:  # fmt: skip
        """The row id of each order in the batch, making the new ones."""
        first: dict[OrderKey, LineWrite] = {}
        for line in batch:
            first.setdefault((line.source, line.shop, line.order_id), line)
        ids = self._existing(db, first)
        missing = [line for key, line in first.items() if key not in ids]
        if missing:
            writers.orders.run([
                (organisation_id, line.source, line.shop, line.order_id, line.status,
                 line.shop_status, utc(line.ordered_at), utc(line.updated_at), line.currency[:3],
                 0, 0, False, evidence(), [])
                for line in missing
            ])  # fmt: skip
            ids.update(self._existing(db, {k: v for k, v in first.items() if k not in ids}))
        return ids, len(missing)

    def _existing(self, db: Connection, keys: dict[OrderKey, Any]) -> dict[OrderKey, int]:
        o = t.orders
        # All three columns of the unique index, so each batch is looked up through it.
        rows = db.execute(
            select(o.c.id, o.c.source, o.c.shop, o.c.order_id).where(
                o.c.source.in_(sorted({key[0] for key in keys})),
                o.c.shop.in_(sorted({key[1] for key in keys})),
                o.c.order_id.in_(sorted({key[2] for key in keys})),
            )
        )
        found = {(r.source, r.shop, r.order_id): int(r.id) for r in rows}
        return {key: found[key] for key in keys if key in found}

    def _lines(
        self, db: Connection, writers: _Writers, ids: dict[OrderKey, int],
        wanted: dict[tuple[OrderKey, str], LineWrite],
    ) -> tuple[set[int], int]:  # fmt: skip
        """Write the new and changed lines and their history; returns the orders touched."""
        ol = t.order_lines
        rows = db.execute(
            select(ol.c.id, ol.c.order_row_id, ol.c.line_key, ol.c.status, ol.c.item,
                   ol.c.amount_satang, ol.c.commission_satang, ol.c.updated_at)
            .where(ol.c.order_row_id.in_(sorted(set(ids.values()))))
        )  # fmt: skip
        stored = {(int(r.order_row_id), r.line_key): r for r in rows}
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        touched: set[int] = set()
        for (order_key, line_key), line in wanted.items():
            row_id = ids[order_key]
            old = stored.get((row_id, line_key))
            item = line.item[:500] if line.item else None
            values = (item, line.status, line.amount_satang, line.commission_satang,
                      utc(line.updated_at))  # fmt: skip
            if old is None:
                inserts.append((row_id, line_key, *values))
            elif stored_time(old.updated_at) > values[-1] or (
                (old.item, old.status, old.amount_satang, old.commission_satang) == values[:4]
            ):
                continue  # an older report's version, or nothing new
            else:
                updates.append((*values, old.id))
            touched.add(row_id)
            events.append(_event(row_id, line, writers.imported_at))
        writers.new_lines.run(inserts)
        writers.changed_lines.run(updates)
        writers.events.run(events)
        return touched, len(inserts) + len(updates)

    def _settle(
        self, db: Connection, writers: _Writers, touched: set[int], batch: Sequence[LineWrite],
        ids: dict[OrderKey, int],
    ) -> None:  # fmt: skip
        """Work the touched orders out again from all their lines."""
        ol, o = t.order_lines, t.orders
        chosen = sorted(touched)
        # The order's status is its lines' first in ``LINE_STATUS_ORDER``: the smallest rank.
        rank = case(
            {status: index for index, status in enumerate(LINE_STATUS_ORDER)},
            value=ol.c.status,
            else_=len(LINE_STATUS_ORDER),
        )
        sums = {
            int(r.order_row_id): r
            for r in db.execute(
                select(
                    ol.c.order_row_id, func.min(rank).label("rank"),
                    func.sum(ol.c.amount_satang).label("amount"),
                    func.sum(ol.c.commission_satang).label("commission"),
                    func.max(ol.c.updated_at).label("updated_at"),
                )
                .where(ol.c.order_row_id.in_(chosen))
                .group_by(ol.c.order_row_id)
            )
        }  # fmt: skip
        newest: dict[int, LineWrite] = {}
        earliest: dict[int, datetime] = {}
        sub_ids: dict[int, list[str]] = {}
        for line in batch:
            row_id = ids[(line.source, line.shop, line.order_id)]
            if row_id not in touched:
                continue
            known = newest.get(row_id)
            if known is None or line.updated_at >= known.updated_at:
                newest[row_id] = line
            at = utc(line.ordered_at)
            earliest[row_id] = min(at, earliest.get(row_id, at))
            seen = sub_ids.setdefault(row_id, [])
            seen += [s for s in line.sub_ids if s not in seen]
        rows = db.execute(
            select(o.c.id, o.c.evidence, o.c.ordered_at, o.c.updated_at, o.c.shop_status)
            .where(o.c.id.in_(chosen))
        )  # fmt: skip
        changes = []
        for r in rows:
            row_id = int(r.id)
            total = sums[row_id]
            line = newest[row_id]
            changes.append((
                LINE_STATUS_ORDER[total.rank] if total.rank < len(LINE_STATUS_ORDER) else "pending",
                int(total.amount),
                int(total.commission),
                min(stored_time(r.ordered_at), earliest[row_id]),
                max(stored_time(total.updated_at), stored_time(r.updated_at)),
                line.shop_status or r.shop_status or None,
                _merged(dict(r.evidence or {}), line, sub_ids[row_id]),
                row_id,
            ))  # fmt: skip
        writers.settled.run(changes)


def _merged(known: dict[str, Any], newest: LineWrite, sub_ids: list[str]) -> dict[str, Any]:
    """The order's evidence with this batch's: every sub-id seen, the latest creator username
    and content id the report gave."""
    merged = evidence(**known)
    kept = list(merged.get("sub_ids") or [])
    merged["sub_ids"] = kept + [s for s in sub_ids if s not in kept]
    if newest.creator_username:
        merged["creator_username"] = newest.creator_username
    if newest.content_id:
        merged["content_id"] = newest.content_id
    return merged


def _event(row_id: int, line: LineWrite, imported_at: str) -> tuple[Any, ...]:
    """One line's new state as an event of its order's history (in ``EVENT_COLUMNS``)."""
    at = utc(line.updated_at)
    note = said.REPORT_LINE(
        file=line.file, row=line.row, line=line.line_key, status=line.status,
        shop_status=line.shop_status or "-",
    )  # fmt: skip
    detail = {
        "form": "report", "file": line.file, "row": line.row, "imported_at": imported_at,
        "line_key": line.line_key, "status": line.status, "shop_status": line.shop_status,
        "ordered_at": utc(line.ordered_at).isoformat(), "updated_at": at.isoformat(),
        "currency": line.currency, "amount_satang": line.amount_satang,
        "commission_satang": line.commission_satang, "sub_ids": list(line.sub_ids),
        "creator_username": line.creator_username, "content_id": line.content_id,
    }  # fmt: skip
    key = line_event_key(line.line_key, line.status, line.amount_satang, line.commission_satang, at)
    return (row_id, key, "report", at, line.status, line.amount_satang, line.commission_satang,
            note_json(note), detail)  # fmt: skip
