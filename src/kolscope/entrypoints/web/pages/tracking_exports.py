"""The tracking tab's downloads: the links sheet (CSV, XLSX), every QR code in a ZIP, and the
promo codes in the columns a Shopify discount-import app and WooCommerce's coupon import read.

Every spreadsheet goes through ``write_table``, which neutralises a cell that would start a
formula (a creator's handle or a campaign's name is never run as one). The files keep the
column names the shops' importers expect, so those are not translated.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from kolscope.bootstrap import Workspace
from kolscope.discovery.facade import write_table
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.pages.campaigns import campaign_of
from kolscope.entrypoints.web.pages.discover_files import MEDIA_TYPES, safe_filename
from kolscope.entrypoints.web.security import need
from kolscope.tracking.facade import LINK_COLUMNS, SHOPIFY_COLUMNS, WOOCOMMERCE_COLUMNS

router = APIRouter(include_in_schema=False)
need_manage = need(Permission.MANAGE_CAMPAIGNS)
EXPORTS = "/campaigns/{campaign_id:int}/tracking/export"


def _sheet(
    name: str, suffix: str, columns: Sequence[str], rows: Sequence[dict[str, str]], title: str
) -> FileResponse:
    folder = Path(tempfile.mkdtemp(prefix="kolscope-tracking-"))
    path = folder / f"export{suffix}"
    write_table(path, columns, rows, title=title)
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[suffix],
        filename=safe_filename(name, suffix),
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


def _links(workspace: Workspace, user: User, campaign_id: int, suffix: str) -> FileResponse:
    _actor, campaign = campaign_of(workspace, user, campaign_id)
    rows = workspace.tracking.link_rows(campaign.id)
    return _sheet(f"{campaign.name}-links", suffix, LINK_COLUMNS, rows, campaign.name)


@router.get(EXPORTS + "/links.csv")
def links_csv(
    workspace: WorkspaceDep, user: Annotated[User, need_manage], campaign_id: int
) -> FileResponse:
    return _links(workspace, user, campaign_id, ".csv")


@router.get(EXPORTS + "/links.xlsx")
def links_xlsx(
    workspace: WorkspaceDep, user: Annotated[User, need_manage], campaign_id: int
) -> FileResponse:
    return _links(workspace, user, campaign_id, ".xlsx")


@router.get(EXPORTS + "/qr.zip")
def qr_zip(
    workspace: WorkspaceDep, user: Annotated[User, need_manage], campaign_id: int
) -> Response:
    """Every live link's QR code, PNG and SVG (the same links give the same bytes)."""
    _actor, campaign = campaign_of(workspace, user, campaign_id)
    name = safe_filename(f"{campaign.name}-qr", ".zip")
    return Response(
        workspace.tracking.qr_zip(campaign.id),
        media_type="application/zip",
        headers={"Content-Disposition": _attachment(name)},
    )


@router.get(EXPORTS + "/shopify.csv")
def shopify_csv(
    workspace: WorkspaceDep, user: Annotated[User, need_manage], campaign_id: int
) -> FileResponse:
    """The promo codes for a Shopify discount-import app (docs/tracking.md lists the columns)."""
    _actor, campaign = campaign_of(workspace, user, campaign_id)
    rows = workspace.tracking.shopify_rows(campaign.id)
    return _sheet(f"{campaign.name}-shopify", ".csv", SHOPIFY_COLUMNS, rows, campaign.name)


@router.get(EXPORTS + "/woocommerce.csv")
def woocommerce_csv(
    workspace: WorkspaceDep, user: Annotated[User, need_manage], campaign_id: int
) -> FileResponse:
    """The promo codes for WooCommerce's coupon import (docs/tracking.md lists the columns)."""
    _actor, campaign = campaign_of(workspace, user, campaign_id)
    rows = workspace.tracking.woocommerce_rows(campaign.id)
    return _sheet(f"{campaign.name}-woocommerce", ".csv", WOOCOMMERCE_COLUMNS, rows, campaign.name)


def _attachment(filename: str) -> str:
    """A Content-Disposition naming the file, Thai letters included (RFC 5987)."""
    plain = filename.encode("ascii", "ignore").decode() or "download.zip"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename)}"
