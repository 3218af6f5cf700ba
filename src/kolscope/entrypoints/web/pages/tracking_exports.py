"""The tracking tab's downloads: a link's QR code (PNG to show or download, SVG for print), the
links sheet (CSV, XLSX), every QR code in a ZIP, and the promo codes in the columns a Shopify
discount-import app and WooCommerce's coupon import read.

Every spreadsheet goes through ``write_table``, which neutralises a cell that would start a
formula (a creator's handle or a campaign's name is never run as one). The files keep the
column names the shops' importers expect, so those are not translated.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from kolscope.bootstrap import Workspace
from kolscope.discovery.facade import write_table
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.pages.campaigns import campaign_of
from kolscope.entrypoints.web.pages.discover_files import MEDIA_TYPES, safe_filename
from kolscope.entrypoints.web.security import need
from kolscope.tracking.facade import (
    LINK_COLUMNS,
    SHOPIFY_COLUMNS,
    WOOCOMMERCE_COLUMNS,
    TrackedLink,
    qr_png,
    qr_svg,
)

router = APIRouter(include_in_schema=False)
need_view = need(Permission.VIEW_CAMPAIGNS)
need_manage = need(Permission.MANAGE_CAMPAIGNS)
EXPORTS = "/campaigns/{campaign_id:int}/tracking/export"


def _link(workspace: Workspace, user: User, campaign_id: int, code: str) -> TrackedLink:
    """One of this campaign's live links (another campaign's code is "not found")."""
    _actor, campaign = campaign_of(workspace, user, campaign_id)
    link = workspace.tracking.link(code) if code.strip() else None
    if link is None or link.campaign_id != campaign.id or not link.live:
        raise HTTPException(404, _("This link is not one of this campaign's live links."))
    return link


def _qr_answer(
    data: bytes, media_type: str, link: TrackedLink, kind: str, download: str
) -> Response:
    headers = {"Cache-Control": "private, max-age=3600"}
    if download:
        headers["Content-Disposition"] = _attachment(f"{link.handle}-{link.platform}-qr.{kind}")
    return Response(data, media_type=media_type, headers=headers)


@router.get("/campaigns/{campaign_id:int}/tracking/qr.png")
def qr_image(
    workspace: WorkspaceDep,
    user: Annotated[User, need_view],
    campaign_id: int,
    link: str = "",
    download: str = "",
) -> Response:
    """A link's QR code: small for the tab, print size (8 pixels a module) to download."""
    found = _link(workspace, user, campaign_id, link)
    data = qr_png(found.short_url, scale=8 if download else 3)
    return _qr_answer(data, "image/png", found, "png", download)


@router.get("/campaigns/{campaign_id:int}/tracking/qr.svg")
def qr_drawing(
    workspace: WorkspaceDep,
    user: Annotated[User, need_view],
    campaign_id: int,
    link: str = "",
    download: str = "",
) -> Response:
    """A link's QR code as SVG, for print at any size."""
    found = _link(workspace, user, campaign_id, link)
    return _qr_answer(qr_svg(found.short_url), "image/svg+xml", found, "svg", download)


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
    """A Content-Disposition naming the file, Thai letters included (RFC 5987); the plain
    name keeps only letters, digits, dots, hyphens and underscores (no quote can end it)."""
    plain = re.sub(r"[^A-Za-z0-9._-]+", "_", filename).strip("_") or "download"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename)}"
