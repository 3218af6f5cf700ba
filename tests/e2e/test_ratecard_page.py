"""The rate card page over HTTP: the owner sees the card per platform in THB and edits a cell, a
wrong cell is named beside its field with nothing saved, a file imports whole or names each bad
row and column (saving nothing), the fitted model's summary, Thai units on a Thai page, and a
brand's client kept out."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from kolscope.bootstrap import Workspace
from kolscope.planning.facade import CardCell
from tests.e2e.conftest import People, log_in
from tests.integration.test_ratecards import _agreed

CELL = {"platform": "instagram", "tier": "micro", "deliverable": "post"}
HEADER = "platform,tier,deliverable,low_thb,high_thb\n"


@pytest.fixture
def owner_client(app_client: TestClient, workspace: Workspace, people: People) -> TestClient:
    app_client.headers["x-csrf-token"] = log_in(app_client, workspace, people.owner)
    return app_client


def _edited(workspace: Workspace, people: People) -> list[CardCell]:
    cells = workspace.rate_cards.show(people.owner.organisation.id)
    return [c for c in cells if c.source == "workspace"]


def test_the_owner_sees_the_card_and_edits_a_cell(
    owner_client: TestClient, workspace: Workspace, people: People
) -> None:
    page = owner_client.get("/ratecards")
    assert page.status_code == 200
    text = page.text
    for platform in ("instagram", "tiktok", "youtube", "x"):
        assert f'id="card-{platform}"' in text
    assert 'href="/ratecards"' in text  # in the menu
    assert 'href="/help/planning"' in text  # where the default comes from
    assert 'id="fitted-too-few"' in text
    assert "Not enough agreed fees yet: 0 of 5." in text
    default = next(c for c in workspace.rate_cards.show(None, "instagram") if c.tier == "micro")
    assert f"฿{default.low_thb:,.0f}–{default.high_thb:,.0f}" in text
    assert 'data-source="workspace"' not in text
    chosen = owner_client.get("/ratecards", params=CELL).text
    assert f'value="{default.low_thb:.0f}"' in chosen  # a cell's link fills the form

    saved = owner_client.post("/ratecards/cell", data={**CELL, "low_thb": "5,000",
                                                       "high_thb": "฿12000"})  # fmt: skip
    assert saved.status_code == 303
    assert saved.headers["location"] == "/ratecards?saved=1#card-instagram"
    [cell] = _edited(workspace, people)
    assert (cell.platform, cell.tier, cell.deliverable.value) == ("instagram", "micro", "post")
    assert (cell.low_thb, cell.high_thb) == (5_000, 12_000)
    after = owner_client.get("/ratecards?saved=1").text
    assert 'id="saved"' in after
    assert "฿5,000–12,000" in after
    assert after.count('data-source="workspace"') == 1


@pytest.mark.parametrize(
    ("wrong", "field"),
    [
        ({"low_thb": "20000", "high_thb": "10000"}, "low_thb"),
        ({"low_thb": "lots"}, "low_thb"),
        ({"high_thb": "-5"}, "high_thb"),
        ({"platform": "x", "deliverable": "story"}, "deliverable"),
        ({"tier": "giant"}, "tier"),
    ],
)
def test_a_wrong_cell_is_named_beside_its_field_and_nothing_is_saved(
    owner_client: TestClient,
    workspace: Workspace,
    people: People,
    wrong: dict[str, str],
    field: str,
) -> None:
    sent = {**CELL, "low_thb": "5000", "high_thb": "12000", **wrong}
    answer = owner_client.post("/ratecards/cell", data=sent)
    assert answer.status_code == 400
    assert f'id="error-{field}"' in answer.text
    assert f'aria-describedby="error-{field}"' in answer.text
    assert "Nothing was saved" in answer.text
    if field == "low_thb" and wrong["low_thb"] == "20000":
        assert "฿20,000 is above the high end (฿10,000)" in answer.text
        assert 'value="20000"' in answer.text  # what was typed stays
    assert _edited(workspace, people) == []


def test_a_file_imports_whole_or_names_each_bad_row_and_column(
    owner_client: TestClient, workspace: Workspace, people: People
) -> None:
    bad = HEADER + "tiktok,micro,short_video,5000,9000\ntiktok,mega,live,,100\nx,nano,story,1,2\n"
    answer = owner_client.post(
        "/ratecards/import", files={"file": ("fees.csv", bad.encode(), "text/csv")}
    )
    assert answer.status_code == 400
    assert 'id="error-file"' in answer.text
    assert "fees.csv, row 3, low_thb: not a number of baht" in answer.text
    assert "fees.csv, row 4, deliverable" in answer.text
    assert "fees.csv: nothing was saved (errors found: 2)" in answer.text
    assert "kolscope-card-" not in answer.text  # not where the server kept it
    assert _edited(workspace, people) == []

    other = owner_client.post("/ratecards/import", files={"file": ("fees.txt", b"x", "text/plain")})
    assert other.status_code == 400
    assert "fees.txt is not a .csv or .xlsx file." in other.text

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["platform", "tier", "deliverable", "low_thb", "high_thb"])
    sheet.append(["youtube", "mid", "long_video", 60_000, 150_000])
    sheet.append(["Lemon8", "Nano", "Post", 800, 2_400])
    buffer = io.BytesIO()
    book.save(buffer)
    good = owner_client.post(
        "/ratecards/import", files={"file": ("card.xlsx", buffer.getvalue(), "application/zip")}
    )
    assert good.status_code == 303
    assert good.headers["location"] == "/ratecards?imported=2"
    assert sorted(c.platform for c in _edited(workspace, people)) == ["lemon8", "youtube"]
    assert "2 cells imported." in owner_client.get(good.headers["location"]).text


def test_the_fitted_model_is_summed_up(
    owner_client: TestClient, workspace: Workspace, people: People
) -> None:
    fees = [("instagram", 20_000 * (i + 1), ["post"], 30_000.0 + 2_000 * i, "agreed")
            for i in range(6)]  # fmt: skip
    fees.append(("tiktok", 50_000, ["short_video", "story"], 30_000.0, "paid"))
    _agreed(workspace, people.owner.organisation.id, fees)
    text = owner_client.get("/ratecards").text
    assert '<dd id="fitted-count">6</dd>' in text
    assert 'id="fitted-miss">±' in text
    assert "agreed fees run" in text
    assert "above the card" in text
    assert 'id="fitted-moves"' in text
    assert "1 agreed fees cover several deliverables" in text


def test_a_thai_page_writes_thai_units(
    owner_client: TestClient, workspace: Workspace, people: People
) -> None:
    owner_client.post("/ratecards/cell", data={**CELL, "low_thb": "5000", "high_thb": "12000"})
    owner_client.cookies.set("kolscope_lang", "th")
    page = owner_client.get("/ratecards").text
    assert '<html lang="th"' in page
    assert "฿5 พัน–1.2 หมื่น" in page
    assert "ไมโคร" in page  # tiers and deliverables by their Thai names
    assert "โพสต์ฟีด" in page
    wrong = owner_client.post("/ratecards/cell", data={**CELL, "low_thb": "9000",
                                                       "high_thb": "5000"})  # fmt: skip
    assert "สูงกว่าราคาสูงสุด" in wrong.text


def test_a_brand_client_never_sees_the_fees(
    app_client: TestClient, workspace: Workspace, people: People
) -> None:
    app_client.headers["x-csrf-token"] = log_in(app_client, workspace, people.client)
    assert app_client.get("/ratecards").status_code == 403
    sent = {**CELL, "low_thb": "1", "high_thb": "2"}
    assert app_client.post("/ratecards/cell", data=sent).status_code == 403
    upload = app_client.post(
        "/ratecards/import", files={"file": ("fees.csv", HEADER.encode(), "text/csv")}
    )
    assert upload.status_code == 403
    assert 'href="/ratecards"' not in app_client.get("/campaigns").text
    assert _edited(workspace, people) == []
