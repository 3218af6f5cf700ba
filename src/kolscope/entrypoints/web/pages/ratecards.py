"""The rate card page: what one deliverable costs the workspace, in Thai baht, platform by
platform (tiers as rows, deliverables as columns), which cells the workspace edited, a form to
edit one cell, a CSV/XLSX upload that imports all of its cells or none, and what the fees agreed
in past campaigns say about the card (the fitted model and its typical miss).

Only people who manage campaigns see it: a brand's client never sees the agency's fees (403,
as in the API). A wrong field comes back beside that field with what was typed kept, and
nothing is saved.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kolscope.bootstrap import Workspace
from kolscope.domain.messages import Message
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web import i18n
from kolscope.entrypoints.web.api.ratecards import CARD_SUFFIXES, MAX_CARD_UPLOAD
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.pages.campaign_forms import FormDep, FormValues, one
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need
from kolscope.entrypoints.web.vocabulary import N_
from kolscope.planning.facade import (
    DELIVERABLE_NAMES,
    DELIVERABLES,
    LEAST_AGREED,
    PLATFORMS,
    REPRESENTATIVE_FOLLOWERS,
    TIERS,
    CardCell,
    CellError,
    Deliverable,
    FittedCard,
    RateCardError,
)

router = APIRouter(include_in_schema=False)
need_manage = need(Permission.MANAGE_CAMPAIGNS)
MENU_LABEL = N_("Rate card")  # the menu's word (render.NAVIGATION)
CELL_FIELDS = ("platform", "tier", "deliverable", "low_thb", "high_thb")
MIN_FACTOR_CHANGE = 0.005  # a fitted factor closer to 1 than this does not move the card


def baht_range(low: float, high: float, thai_units: bool) -> str:
    """A cell as people read it: ฿2,000–8,000, or ฿2 พัน–8 พัน in Thai units."""
    if thai_units:
        return f"฿{i18n.thai_count(low)}–{i18n.thai_count(high)}"
    return f"฿{low:,.0f}–{high:,.0f}"


@dataclass(frozen=True, slots=True)
class PlatformTable:
    """One platform's part of the card: its deliverables (columns) and a row per tier."""

    platform: str
    deliverables: tuple[tuple[str, Message], ...]  # value, name
    rows: tuple[tuple[str, tuple[CardCell | None, ...]], ...]  # tier, a cell per column

    @property
    def edited(self) -> int:
        return sum(1 for _tier, cells in self.rows for c in cells if c and c.source != "default")


def platform_tables(cells: Sequence[CardCell]) -> list[PlatformTable]:
    """The card's cells laid out as one table per platform (platforms without cells left out)."""
    found = {cell.key: cell for cell in cells}
    tables = []
    for platform in PLATFORMS:
        kinds = tuple(DELIVERABLES[platform])
        rows = tuple(
            (tier, tuple(found.get((platform, tier, kind)) for kind in kinds)) for tier in TIERS
        )
        if any(cell for _tier, row in rows for cell in row):
            names = tuple((kind.value, DELIVERABLE_NAMES[kind]()) for kind in kinds)
            tables.append(PlatformTable(platform, names, rows))
    return tables


def fitted_view(fitted: FittedCard) -> dict[str, Any]:
    """What the agreed fees say, as the page shows it: the counts, the typical miss and how far
    the model moves the card overall and by platform and deliverable."""
    model = fitted.model
    view: dict[str, Any] = {
        "fitted": model is not None,
        "usable": fitted.usable,
        "skipped": fitted.skipped,
        "least": LEAST_AGREED,
        "said": list(fitted.said[1:]),  # the first sentence is what the numbers below say
        "moves": [],
    }
    if model is None:
        return view
    view.update(count=model.count, miss=model.typical_miss, shift=model.shift_share)
    deliverable_names = {kind.value: name for kind, name in DELIVERABLE_NAMES.items()}
    for column, factor in model.factors().items():
        kind, _sep, value = column.partition(":")
        if kind not in ("platform", "deliverable") or abs(factor - 1) < MIN_FACTOR_CHANGE:
            continue
        if kind == "deliverable" and value not in deliverable_names:
            continue
        name = deliverable_names[value]() if kind == "deliverable" else None
        view["moves"].append({"kind": kind, "value": value, "name": name, "change": factor - 1})
    return view


def _cell_values(workspace: Workspace, user: User, wanted: Mapping[str, str]) -> FormValues:
    """The edit form's values: the cell a table's link chose, with its current range."""
    values: FormValues = {k: [wanted[k]] for k in ("platform", "tier", "deliverable") if wanted[k]}
    if len(values) < 3:
        return values
    for cell in workspace.rate_cards.show(user.organisation.id):
        if (cell.platform, cell.tier, cell.deliverable.value) == tuple(
            values[k][0] for k in ("platform", "tier", "deliverable")
        ):
            values["low_thb"] = [f"{cell.low_thb:.0f}"]
            values["high_thb"] = [f"{cell.high_thb:.0f}"]
    return values


def _card_page(
    request: Request,
    workspace: Workspace,
    user: User,
    *,
    values: FormValues | None = None,
    errors: Mapping[str, Message] | None = None,
    file_errors: Sequence[Message] = (),
    file_problem: str = "",
    imported: int = 0,
    saved: bool = False,
) -> HTMLResponse:
    organisation = user.organisation.id
    _buddhist, thai_units = user.formats(i18n.current_language())
    failed = bool(errors or file_errors or file_problem)
    return page(
        request,
        "ratecards.html",
        status_code=400 if failed else 200,
        tables=platform_tables(workspace.rate_cards.show(organisation)),
        fitted=fitted_view(workspace.rate_cards.fitted(organisation)),
        baht_range=lambda low, high: baht_range(low, high, thai_units),
        followers={tier: REPRESENTATIVE_FOLLOWERS[tier] for tier in TIERS},
        platforms=PLATFORMS,
        tiers=TIERS,
        deliverables=[(kind.value, DELIVERABLE_NAMES[kind]()) for kind in Deliverable],
        values=values or {},
        errors=errors or {},
        file_errors=list(file_errors),
        file_problem=file_problem,
        imported=imported,
        saved=saved,
        suffixes=", ".join(CARD_SUFFIXES),
    )


@router.get("/ratecards", response_class=HTMLResponse)
def rate_card_page(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    platform: str = "",
    tier: str = "",
    deliverable: str = "",
    imported: int = 0,
    saved: bool = False,
) -> HTMLResponse:
    wanted = {"platform": platform, "tier": tier, "deliverable": deliverable}
    values = _cell_values(workspace, user, wanted)
    return _card_page(
        request, workspace, user, values=values, imported=max(imported, 0), saved=saved
    )


@router.post("/ratecards/cell", response_class=HTMLResponse)
def set_cell(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need_manage], values: FormDep
) -> Response:
    typed = [one(values, name) for name in CELL_FIELDS]
    try:
        cell = workspace.rate_cards.set(user.organisation.id, *typed, user_id=user.id)
    except CellError as error:
        errors: dict[str, Message] = {}
        for name, why in error.fields:
            errors.setdefault(name, why)
        return _card_page(request, workspace, user, values=values, errors=errors)
    except RateCardError as error:
        return _card_page(request, workspace, user, values=values, errors={"form": error.said})
    return RedirectResponse(f"/ratecards?saved=1#card-{cell.platform}", 303)


def _named(problem: Message, path: Path, name: str) -> Message:
    """A file's problem naming the file as the person knows it, not where the server kept it."""
    if problem.params.get("file") != str(path):
        return problem
    return Message(problem.code, {**problem.params, "file": name})


@router.post("/ratecards/import", response_class=HTMLResponse)
async def import_card(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    file: Annotated[UploadFile, File()],
) -> Response:
    name = Path(file.filename or "").name
    if not name:
        problem = _("Choose a rate card file to upload.")
        return _card_page(request, workspace, user, file_problem=problem)
    suffix = Path(name).suffix.lower()
    if suffix not in CARD_SUFFIXES:
        problem = _("%(file)s is not a .csv or .xlsx file.") % {"file": name}
        return _card_page(request, workspace, user, file_problem=problem)
    folder = Path(tempfile.mkdtemp(prefix="kolscope-card-"))
    path = folder / f"card{suffix}"
    try:
        size = 0
        with path.open("wb") as out:
            while chunk := await file.read(1 << 20):
                size += len(chunk)
                if size > MAX_CARD_UPLOAD:
                    problem = _("%(file)s is larger than %(size)s MB.") % {
                        "file": name,
                        "size": MAX_CARD_UPLOAD // (1024 * 1024),
                    }
                    return _card_page(request, workspace, user, file_problem=problem)
                out.write(chunk)
        organisation = user.organisation.id
        cells = await run_in_threadpool(
            workspace.rate_cards.import_file, organisation, path, user_id=user.id
        )
    except RateCardError as error:
        problems = [_named(p, path, name) for p in error.problems]
        return _card_page(request, workspace, user, file_errors=problems)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return RedirectResponse(f"/ratecards?imported={len(cells)}", 303)
