"""Rate cards in the database and in files (``RateCardStore``): the workspace's cells, the fees
agreed in its campaigns, rate card files (CSV or XLSX) and discovery's price estimate, which
the default card is made from."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Engine, insert, select, update

from kolscope.discovery.facade import estimate_price
from kolscope.infra.db import tables as t
from kolscope.infra.db.tenancy import visible_to
from kolscope.planning import messages_ratecards as say
from kolscope.planning.choices import Deliverable
from kolscope.planning.pipeline import COMMITTED
from kolscope.planning.ratecards.card import CardCell, RateCardError
from kolscope.planning.ratecards.service import AgreedDeal

MAX_ROWS = 10_000  # a rate card has at most a few hundred cells


def _owned(column: ColumnElement[Any], organisation_id: int | None) -> ColumnElement[bool]:
    """An organisation's rows, and the unowned rows when it is the first organisation (the
    rule of ``infra/db/tenancy.py``); ``None`` sees only the unowned rows."""
    if organisation_id is None:
        return column.is_(None)
    return visible_to(column, organisation_id)


def _same_owner(column: ColumnElement[Any], organisation_id: int | None) -> ColumnElement[bool]:
    return column.is_(None) if organisation_id is None else column == organisation_id


class SqlRateCards:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def price_estimate(self, platform: str, followers: int) -> tuple[float, float] | None:
        found = estimate_price(platform, followers, None)
        return None if found is None else (float(found.low_thb), float(found.high_thb))

    def first_organisation_id(self) -> int | None:
        o = t.organisations
        with self._engine.connect() as db:
            found = db.execute(select(o.c.id).order_by(o.c.id).limit(1)).scalar()
        return None if found is None else int(found)

    def edited_cells(self, organisation_id: int | None) -> list[CardCell]:
        r = t.rate_card_entries
        statement = select(r).where(_owned(r.c.organisation_id, organisation_id)).order_by(r.c.id)
        with self._engine.connect() as db:
            rows = db.execute(statement).mappings().all()
        # The organisation's own cell wins over an unowned one for the same key.
        rows = sorted(rows, key=lambda row: row["organisation_id"] is not None)
        cells: dict[tuple[str, str, str], CardCell] = {}
        for row in rows:
            try:
                kind = Deliverable(row["deliverable"])
            except ValueError:
                continue
            cells[(row["platform"], row["tier"], kind.value)] = CardCell(
                row["platform"], row["tier"], kind, float(row["low_thb"]), float(row["high_thb"]),
                "workspace",
            )  # fmt: skip
        return list(cells.values())

    def save_cells(
        self, organisation_id: int | None, cells: Sequence[CardCell], user_id: int | None
    ) -> None:
        r = t.rate_card_entries
        now = datetime.now(UTC)
        with self._engine.begin() as db:
            for cell in cells:
                key = (
                    _same_owner(r.c.organisation_id, organisation_id),
                    r.c.platform == cell.platform,
                    r.c.tier == cell.tier,
                    r.c.deliverable == cell.deliverable.value,
                )
                values = {
                    "low_thb": cell.low_thb,
                    "high_thb": cell.high_thb,
                    "updated_by": user_id,
                    "updated_at": now,
                }
                found = db.execute(select(r.c.id).where(*key)).scalar()
                if found is None:
                    db.execute(
                        insert(r).values(
                            organisation_id=organisation_id,
                            platform=cell.platform,
                            tier=cell.tier,
                            deliverable=cell.deliverable.value,
                            **values,
                        )
                    )
                else:
                    db.execute(update(r).where(r.c.id == found).values(**values))

    def agreed_deals(self, organisation_id: int | None) -> list[AgreedDeal]:
        c, cc, a = t.campaigns, t.campaign_creators, t.accounts
        statement = (
            select(a.c.platform, a.c.followers, cc.c.deliverables, cc.c.fee_thb)
            .select_from(cc.join(c, c.c.id == cc.c.campaign_id).join(a, a.c.id == cc.c.account_id))
            .where(
                _owned(c.c.organisation_id, organisation_id),
                cc.c.stage.in_([s.value for s in COMMITTED]),
                cc.c.fee_thb.is_not(None),
            )
            .order_by(cc.c.id)
        )
        with self._engine.connect() as db:
            rows = db.execute(statement).all()
        return [
            AgreedDeal(
                str(platform),
                None if followers is None else int(followers),
                _kinds(deliverables),
                float(fee),
            )
            for platform, followers, deliverables, fee in rows
        ]

    def read_table(self, path: Path) -> list[list[str]]:
        name = str(path)
        if not path.is_file():
            raise RateCardError(say.FILE_MISSING(file=name))
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            return _workbook(path)
        if suffix != ".csv":
            raise RateCardError(say.FILE_SUFFIX(file=name))
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            row = raw[: error.start].count(b"\n") + 1
            raise RateCardError(say.FILE_NOT_UTF8(file=name, row=row)) from error
        return list(csv.reader(text.splitlines()))[: MAX_ROWS + 1]


def _kinds(deliverables: Any) -> tuple[str, ...]:
    """The deliverables of a deal, one entry per piece (``count`` 2 is two)."""
    kinds: list[str] = []
    for item in deliverables if isinstance(deliverables, list) else []:
        if isinstance(item, dict) and isinstance(item.get("kind"), str):
            count = item.get("count", 1)
            kinds += [item["kind"]] * (count if isinstance(count, int) and count > 0 else 1)
        elif isinstance(item, str):
            kinds.append(item)
    return tuple(kinds)


def _workbook(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for broken files
        raise RateCardError(say.FILE_NOT_XLSX(file=str(path), error=str(error))) from error
    try:
        sheet = book.worksheets[0]
        return [
            ["" if value is None else _cell_text(value) for value in row]
            for row in sheet.iter_rows(max_row=MAX_ROWS + 1, values_only=True)
        ]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
