"""Every label has a Thai translation, and translations keep their placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "src/kolscope/entrypoints/web/locales/th/LC_MESSAGES/messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+(?::\w+)?\}")


def messages_in_code() -> set[str]:
    method_map = [
        ("src/kolscope/entrypoints/**.py", "python"),
        ("src/kolscope/entrypoints/web/templates/**.html", "jinja2"),
        ("src/kolscope/*/messages.py", "python"),
        ("src/kolscope/*/messages_*.py", "python"),
    ]
    options = {"src/kolscope/entrypoints/web/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options, keywords={"_": None, "N_": None, "Template": (2,)}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_has_a_thai_translation() -> None:
    with CATALOGUE.open("rb") as handle:
        catalogue = {m.id: m.string for m in read_po(handle) if m.id}
    wanted = messages_in_code()
    assert len(wanted) > 200
    missing = sorted(m for m in wanted if not catalogue.get(m))
    assert missing == [], "run `make messages` and translate these"


def test_translations_keep_their_placeholders() -> None:
    with CATALOGUE.open("rb") as handle:
        for message in read_po(handle):
            if not message.id or not message.string:
                continue
            if isinstance(message.id, tuple):  # plural: Thai has one form for every count
                for form in message.string:
                    assert sorted(set(PLACEHOLDER.findall(message.id[0]))) == sorted(
                        set(PLACEHOLDER.findall(form))
                    ), message.id
                continue
            assert sorted(PLACEHOLDER.findall(str(message.id))) == sorted(
                PLACEHOLDER.findall(str(message.string))
            ), message.id


def test_import_warnings_read_in_thai() -> None:
    """Warnings an import writes (shown on its job page) are explained in Thai on Thai pages."""
    from kolscope.entrypoints.web import i18n
    from kolscope.entrypoints.web.pages.explanations import explain

    i18n.set_language("th")
    try:
        spans = explain(
            "1,002 lines hold 1,001 rows: 1 row has line breaks inside quoted cells "
            "(the first is row 1, lines 1-2)"
        )
        repeat = explain("row 52: repeats row 51; kept row 51")
    finally:
        i18n.set_language("en")
    assert spans.startswith("ไฟล์มี 1,002 บรรทัด แต่เป็นข้อมูล 1,001 แถว")
    assert repeat == "แถว 52: ซ้ำกับแถว 51; ใช้ข้อมูลแถว 51"


def test_import_explanations_on_pages_give_no_command_line_hints() -> None:
    """The importer words its warnings for the command line; pages say where to act instead,
    in English and in Thai."""
    from kolscope.entrypoints.web import i18n
    from kolscope.entrypoints.web.pages.explanations import explain

    warning = (
        "columns 3 and 4 both look like followers; using 'Followers' "
        "(pass --map followers=COLUMN to choose)"
    )
    dated = "no date in the file name or title: today (use --as-of to set it)"
    english = [explain(warning), explain(dated)]
    i18n.set_language("th")
    try:
        thai = [explain(warning), explain(dated)]
    finally:
        i18n.set_language("en")
    for text in english + thai:
        assert "--" not in text, text
    assert english[0].endswith("(choose the column in the table below)")
    assert thai[0].startswith("คอลัมน์ที่ 3 และ 4")


def test_discovery_notes_read_in_thai() -> None:
    from kolscope.discovery.messages import RANKED_AMONG, UNAUDITED
    from kolscope.entrypoints.web import said

    note = UNAUDITED(count=1204)
    assert str(note) == (
        "1,204 matching accounts are not audited yet, so the minimum quality leaves them out"
    )
    thai = said.wording(language="th")
    assert said.say_with(note, thai) == (
        "มี 1,204 บัญชีที่ตรงเงื่อนไขแต่ยังไม่ได้ตรวจสอบ จึงไม่แสดงเมื่อกำหนดคะแนนคุณภาพขั้นต่ำ"
    )
    ranked = said.say_with(RANKED_AMONG(niche="skincare", related=["beauty", "makeup"]), thai)
    assert "สกินแคร์" in ranked
    assert "skincare" not in ranked
