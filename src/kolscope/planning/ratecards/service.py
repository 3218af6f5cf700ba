"""Rate cards as a workspace uses them: show the card, edit one cell, import a whole file,
fit the agreed fees, and price a creator's deliverable.

A card belongs to an organisation (``None``: the command line in a workspace without
organisations). Reading files and the database is the store's work (``RateCardStore``, which
``planning/db/ratecards.py`` implements), so this module stays plain Python.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kolscope.domain.messages import Message
from kolscope.planning import messages_ratecards as say
from kolscope.planning.choices import Deliverable, Fee
from kolscope.planning.ratecards.card import (
    DELIVERABLES,
    LEAST_AGREED,
    CardCell,
    CellError,
    Pricing,
    RateCard,
    RateCardError,
    default_card,
    read_cell,
    read_platform,
)

if TYPE_CHECKING:  # numpy is loaded only when a model is fitted
    from kolscope.planning.ratecards.fitted import AgreedFee, FittedModel

FILE_COLUMNS: tuple[str, ...] = ("platform", "tier", "deliverable", "low_thb", "high_thb")
MAX_ERRORS = 20  # a file's errors listed one by one; the rest are counted


@dataclass(frozen=True, slots=True)
class AgreedDeal:
    """A committed creator in a campaign as the store reads it: platform, followers (None when
    unknown), the deliverables agreed and the fee for all of them."""

    platform: str
    followers: int | None
    deliverables: tuple[str, ...]
    fee_thb: float


class RateCardStore(Protocol):
    """Where rate cards live, and what they are made from."""

    def price_estimate(self, platform: str, followers: int) -> tuple[float, float] | None:
        """Discovery's published estimate (low, high baht) for one post: the default card."""
        ...

    def edited_cells(self, organisation_id: int | None) -> list[CardCell]:
        """The cells this organisation's workspace set."""
        ...

    def save_cells(
        self, organisation_id: int | None, cells: Sequence[CardCell], user_id: int | None
    ) -> None:
        """Insert or replace these cells, all in one transaction."""
        ...

    def agreed_deals(self, organisation_id: int | None) -> list[AgreedDeal]:
        """The fees agreed in this organisation's campaigns (committed stages only)."""
        ...

    def read_table(self, path: Path) -> list[list[str]]:
        """A CSV or XLSX file's rows as text, the header first; RateCardError naming the file
        when it cannot be read."""
        ...

    def first_organisation_id(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class FittedCard:
    """What the agreed fees say about the card: the model (None below ``LEAST_AGREED``
    usable fees), how many fees it could use, how many it left out, and a sentence."""

    model: FittedModel | None
    usable: int
    skipped: int
    said: tuple[Message, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "fitted": self.model is not None,
            "usable_fees": self.usable,
            "skipped_fees": self.skipped,
            "least_fees": LEAST_AGREED,
            "model": self.model.to_dict() if self.model else None,
            "said": [m.to_dict() for m in self.said],
        }


class RateCardService:
    def __init__(self, store: RateCardStore) -> None:
        self._store = store
        self._default: RateCard | None = None

    def organisation_for_cli(self) -> int | None:
        return self._store.first_organisation_id()

    def default_card(self) -> RateCard:
        if self._default is None:
            self._default = default_card(self._store.price_estimate)
        return self._default

    def card(self, organisation_id: int | None) -> RateCard:
        """The default card with this organisation's edits laid over it."""
        return self.default_card().overlay(self._store.edited_cells(organisation_id))

    def show(self, organisation_id: int | None, platform: str | None = None) -> list[CardCell]:
        """Every cell (one platform's, when named), each with its source."""
        chosen = read_platform(platform) if platform is not None else None
        return self.card(organisation_id).rows(chosen)

    def set(
        self,
        organisation_id: int | None,
        platform: str,
        tier: str,
        deliverable: str,
        low_thb: object,
        high_thb: object,
        *,
        user_id: int | None = None,
    ) -> CardCell:
        """Set one cell; CellError names each field that is wrong, and nothing is saved."""
        cell = read_cell(platform, tier, deliverable, low_thb, high_thb)
        self._store.save_cells(organisation_id, [cell], user_id)
        return cell

    def read_rows(self, name: str, table: Sequence[Sequence[str]]) -> list[CardCell]:
        """The cells of a rate card file's rows (header first), or RateCardError listing every
        problem with its file, row (as a spreadsheet numbers it) and field."""
        if not table:
            raise RateCardError(say.FILE_EMPTY(file=name))
        header = ["_".join(str(h).strip().lower().split()) for h in table[0]]
        missing = [c for c in FILE_COLUMNS if c not in header]
        if missing:
            raise RateCardError(say.FILE_COLUMNS(file=name, missing=missing))
        at = {c: header.index(c) for c in FILE_COLUMNS}
        cells: list[CardCell] = []
        problems: list[Message] = []
        first_row: dict[tuple[str, str, Deliverable], int] = {}
        for number, row in enumerate(table[1:], start=2):
            values = [str(row[at[c]]).strip() if at[c] < len(row) else "" for c in FILE_COLUMNS]
            if not any(values):
                continue
            try:
                cell = read_cell(*values)
            except CellError as error:
                problems += [
                    say.FILE_CELL(file=name, row=number, field=f, why=why)
                    for f, why in error.fields
                ]
                continue
            if cell.key in first_row:
                problems.append(say.FILE_REPEATED(file=name, row=number, first=first_row[cell.key]))
                continue
            first_row[cell.key] = number
            cells.append(cell)
        if problems:
            shown = problems[:MAX_ERRORS]
            if len(problems) > MAX_ERRORS:
                shown.append(say.FILE_MORE(count=len(problems) - MAX_ERRORS))
            raise RateCardError(shown[0], tuple(shown))
        if not cells:
            raise RateCardError(say.FILE_EMPTY(file=name))
        return cells

    def import_file(
        self, organisation_id: int | None, path: Path, *, user_id: int | None = None
    ) -> list[CardCell]:
        """Import a CSV or XLSX of cells: all of them, or (on any error) none."""
        try:
            cells = self.read_rows(str(path), self._store.read_table(path))
        except RateCardError as error:
            count = len([p for p in error.problems if p.code != say.FILE_MORE.code])
            more = error.problems[-1].params.get("count", 0) if count < len(error.problems) else 0
            saved = say.FILE_NOTHING_SAVED(file=str(path), count=count + int(more))
            raise RateCardError(error.said, (*error.problems, saved)) from error
        self._store.save_cells(organisation_id, cells, user_id)
        return cells

    def fitted(self, organisation_id: int | None) -> FittedCard:
        """The model fitted on this organisation's agreed fees, over its card."""
        return self._fitted(self.card(organisation_id), organisation_id)

    def _fitted(self, card: RateCard, organisation_id: int | None) -> FittedCard:
        from kolscope.planning.ratecards.fitted import AgreedFee, fit

        usable: list[AgreedFee] = []
        skipped = 0
        for deal in self._store.agreed_deals(organisation_id):
            kinds = DELIVERABLES.get(deal.platform, {})
            if (
                len(deal.deliverables) != 1
                or deal.followers is None
                or deal.fee_thb <= 0
                or deal.deliverables[0] not in kinds
            ):
                skipped += 1
                continue
            fee = AgreedFee(deal.platform, deal.deliverables[0], deal.followers, deal.fee_thb)
            usable.append(fee)
        said: list[Message] = []
        if skipped:
            said.append(say.FITTED_SKIPPED(count=skipped))
        if len(usable) < LEAST_AGREED:
            said.insert(0, say.FITTED_TOO_FEW(count=len(usable), least=LEAST_AGREED))
            return FittedCard(None, len(usable), skipped, tuple(said))
        pricing = Pricing(card)

        def card_log(fee: AgreedFee) -> float:
            value = pricing.card_value(fee.platform, Deliverable(fee.deliverable), fee.followers)
            return math.log(value)

        model = fit(usable, card_log, card.spread())
        direction = say.FITTED_ABOVE() if model.shift >= 0 else say.FITTED_BELOW()
        said.insert(
            0,
            say.FITTED_SUMMARY(
                count=model.count,
                spread=model.typical_miss,
                shift=abs(model.shift_share),
                direction=direction,
            ),
        )
        return FittedCard(model, len(usable), skipped, tuple(said))

    def pricing(self, organisation_id: int | None) -> Pricing:
        """The card and fitted model every fee of a plan is computed from (read once)."""
        card = self.card(organisation_id)
        fitted = self._fitted(card, organisation_id)
        return Pricing(card, fitted.model, fitted.usable)

    def fee_for(
        self,
        organisation_id: int | None,
        platform: str,
        followers: int,
        deliverable: Deliverable | str,
        quote_thb: float | None = None,
    ) -> Fee:
        """One creator's fee for one deliverable (``Pricing.fee_for``); for many, use
        ``pricing`` once."""
        return self.pricing(organisation_id).fee_for(platform, followers, deliverable, quote_thb)
