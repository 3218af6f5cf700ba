"""What the importer says is data (catalogue/messages.py): the CLI prints the English with its
command-line hints, pages write it in the reader's language with the page's wording, the
stored plan keeps the English beside the coded form, and older stored English still reads."""

from __future__ import annotations

import re
from pathlib import Path

from kolscope.catalogue.formats.reader import FileImportReader
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.catalogue.messages import REPEATS_KEPT, ROW
from kolscope.entrypoints.web import i18n
from kolscope.entrypoints.web.pages.explanations import explain
from kolscope.entrypoints.web.pages.import_drafts import plan_from_dict, plan_to_dict

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _thai(item: object) -> str:
    i18n.set_language("th")
    try:
        return explain(item)  # type: ignore[arg-type]
    finally:
        i18n.set_language("en")


def _plan(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "tiktok-creators.csv"
    rows = ["handle,ชื่อ,Followers,follower count"] + [
        f"som{i},สมชาย {i},{1000 + i * 7},{(1000 + i * 7) * 3}" for i in range(12)
    ]
    path.write_bytes("\n".join(rows).encode("cp874"))
    return FileImportReader(parallel=False).plan(path, ImportOptions())


def test_a_plan_keeps_the_english_and_carries_codes(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    stored = plan_to_dict(plan)
    codes = [w["code"] for w in stored["warning_messages"]]
    assert codes[:2] == ["import.warning.encoding", "import.warning.both_look_like"]
    assert stored["warnings"][0] == "the file is not UTF-8 text: read as windows-874 (Thai)"
    assert "(pass --map followers=COLUMN to choose)" in stored["warnings"][1]  # the CLI's words
    assert stored["warning_messages"][1]["params"]["field"] == "followers"
    assert stored["as_of_reason_message"]["code"] == "import.as_of.today"
    assert "use --as-of" in stored["as_of_reason"]
    ignored = next(c for c in stored["columns"] if c["how"] == "ignored")
    assert ignored["note_message"]["code"] == "import.column.read_from"
    assert ignored["note"].startswith("followers is read from column")


def test_a_thai_page_reads_the_plan_in_thai_with_no_command_line_words(tmp_path: Path) -> None:
    plan = plan_from_dict(plan_to_dict(_plan(tmp_path)))  # as the draft page reads it back
    headers = {"'Followers'", "'follower count'", "windows-874"}
    shown = [plan.kind_reason, plan.as_of_reason, *plan.warnings]
    shown += [c.note for c in plan.columns if c.note is not None]
    shown.append(ROW(row=52, what=REPEATS_KEPT(first=51)))
    for item in shown:
        text = _thai(item)
        assert "--" not in text, text
        words = set(LATIN_WORD.findall(text)) - {"Thai", "UTF"}
        assert not {w for w in words if not any(w in h for h in headers)}, text
    assert _thai(plan.warnings[1]).startswith("คอลัมน์ที่ 3 และ 4 ดูเหมือนผู้ติดตามทั้งคู่")
    assert _thai(ROW(row=52, what=REPEATS_KEPT(first=51))) == (
        "แถวที่ 52: ซ้ำกับแถวที่ 51 จึงใช้ข้อมูลแถวที่ 51"
    )
    english = explain(plan.warnings[1])
    assert english.endswith("(choose the column in the table below)")


def test_older_stored_plain_strings_still_render(tmp_path: Path) -> None:
    stored = plan_to_dict(_plan(tmp_path))
    for key in ("kind_reason", "platform_reason", "as_of_reason", "warning_messages"):
        stored.pop(f"{key}_message" if key != "warning_messages" else key, None)
    for column in stored["columns"]:
        column.pop("note_message")
    plan = plan_from_dict(stored)  # a draft saved before the importer spoke in messages
    assert str(plan.warnings[0]) == "the file is not UTF-8 text: read as windows-874 (Thai)"
    assert _thai(plan.warnings[0]).startswith("ไฟล์นี้ไม่ได้บันทึกเป็น UTF-8")
    assert _thai("row 52: repeats row 51; kept row 51") == "แถว 52: ซ้ำกับแถว 51; ใช้ข้อมูลแถว 51"
    assert "--" not in explain(plan.as_of_reason)
