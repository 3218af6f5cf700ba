"""The tracking tab's downloads open safely in a spreadsheet: the links sheet (CSV, XLSX), the
Shopify and WooCommerce code files and the QR ZIP, with a creator whose handle would start a
formula."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from kolscope.bootstrap import Workspace
from kolscope.infra.spreadsheet_cells import starts_a_formula
from kolscope.planning.facade import Campaign
from tests.e2e.test_tracking_pages import _links, _tab, campaign, owner  # noqa: F401 - fixtures


def test_exports_open_safely_in_a_spreadsheet(
    owner: TestClient,  # noqa: F811 - the fixture
    filled: Workspace,
    campaign: Campaign,  # noqa: F811 - the fixture
) -> None:
    _links(owner, filled, campaign)
    owner.post(
        f"{_tab(campaign)}/codes",
        data={"pattern": "{HANDLE}", "kind": "percent", "value": "15", "usage_limit": "50"},
    )
    base = f"{_tab(campaign)}/export"
    cells: list[Any] = []
    for name in ("links.csv", "shopify.csv", "woocommerce.csv"):
        answer = owner.get(f"{base}/{name}")
        assert answer.status_code == 200, name
        rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
        assert len(rows) == 4, (name, rows)
        cells += [c for row in rows for c in row]
    book = owner.get(f"{base}/links.xlsx")
    sheet = load_workbook(io.BytesIO(book.content), read_only=True).worksheets[0]
    cells += [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert "'=cmd" in cells  # the hostile handle, neutralised
    assert not any(isinstance(c, str) and starts_a_formula(c) for c in cells)
    shopify = owner.get(f"{base}/shopify.csv").content.decode("utf-8-sig").splitlines()[0]
    assert shopify.startswith("title,code,discount_type,discount_value")
    archive = zipfile.ZipFile(io.BytesIO(owner.get(f"{base}/qr.zip").content))
    assert len(archive.namelist()) == 6
