"""The rate card part of the JSON API (``kolscope ratecards show|set|import``): the
organisation's card with each cell's source, one cell set, or a whole CSV/XLSX imported (all of
it or, on any error, none). Only people who manage campaigns see or change it: a brand's client
never sees the agency's fees. Errors are 400 naming the field (``platform``, ``tier``,
``deliverable``, ``low_thb``, ``high_thb``) or ``file``."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Query, UploadFile
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web.api.errors import API_ERRORS
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.security import need
from kolscope.planning.facade import RateCardError

router = APIRouter(prefix="/api", tags=["campaigns"], responses=API_ERRORS)
MANAGE = Permission.MANAGE_CAMPAIGNS
Baht = Annotated[float, Field(ge=-1e13, le=1e13, allow_inf_nan=False)]


class CellIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    low_thb: Baht
    high_thb: Baht


MAX_CARD_UPLOAD = 5 * 1024 * 1024  # bytes: a rate card is a few hundred rows
CARD_SUFFIXES = (".csv", ".xlsx")


async def save_upload(file: UploadFile, folder: Path) -> tuple[str, Path]:
    """An uploaded rate card written into ``folder``: its own name (for messages) and where it
    is; 400 naming ``file`` when it is not .csv or .xlsx or is too large."""
    name = Path(file.filename or "card.csv").name or "card.csv"
    suffix = Path(name).suffix.lower()
    if suffix not in CARD_SUFFIXES:
        raise HTTPException(400, f"file: {name} is not a .csv or .xlsx file")
    path = folder / f"card{suffix}"
    size = 0
    with path.open("wb") as out:
        while chunk := await file.read(1 << 20):
            size += len(chunk)
            if size > MAX_CARD_UPLOAD:
                raise HTTPException(400, f"file: {name} is larger than {MAX_CARD_UPLOAD:,} bytes")
            out.write(chunk)
    return name, path


@router.get("/ratecards", summary="The rate card: each cell's fee range and source")
def rate_card(
    workspace: WorkspaceDep,
    user: Annotated[User, need(MANAGE)],
    platform: Annotated[str | None, Query(max_length=40)] = None,
) -> dict[str, Any]:
    try:
        cells = workspace.rate_cards.show(user.organisation.id, platform or None)
    except RateCardError as error:
        raise HTTPException(400, f"platform: {error}") from None
    return {"cells": [c.to_dict() for c in cells]}


@router.put("/ratecards/{platform}/{tier}/{deliverable}",
            summary="Set one cell of the organisation's rate card")  # fmt: skip
def set_rate(
    workspace: WorkspaceDep,
    platform: str,
    tier: str,
    deliverable: str,
    user: Annotated[User, need(MANAGE)],
    body: CellIn,
) -> dict[str, Any]:
    try:
        cell = workspace.rate_cards.set(
            user.organisation.id, platform, tier, deliverable, body.low_thb, body.high_thb,
            user_id=user.id,
        )  # fmt: skip
    except RateCardError as error:
        raise HTTPException(400, str(error)) from None
    return cell.to_dict()


@router.post("/ratecards/import", summary="Set many cells from a CSV or XLSX: all, or none")
async def import_rates(
    workspace: WorkspaceDep,
    user: Annotated[User, need(MANAGE)],
    file: Annotated[
        UploadFile, File(description="Columns platform, tier, deliverable, low_thb, high_thb")
    ],
) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="kolscope-card-"))
    try:
        name, path = await save_upload(file, folder)
        org = user.organisation.id
        cells = await run_in_threadpool(
            workspace.rate_cards.import_file, org, path, user_id=user.id
        )
    except RateCardError as error:
        text = "; ".join(str(p) for p in error.problems).replace(str(path), name)
        raise HTTPException(400, f"file: {text}") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"file": name, "cells": [c.to_dict() for c in cells]}
