"""docs/th/metrics.md, the metric definitions for Thai readers, keeps in step with
docs/metrics.md (which tests/unit/test_metrics_doc.py holds to the code): the same sections, the
same metrics in the same order under the registry's Thai names, every code name the English page
gives, the glossary's Thai words, and no English beyond proper names and code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kolscope.vetting.metrics import METRICS
from tests.unit.test_glossary import glossary

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ROOT / "docs" / "metrics.md"
THAI = ROOT / "docs" / "th" / "metrics.md"
_CODE = re.compile(r"`([^`]+)`")
_METRIC_HEADING = re.compile(r"^### (?P<label>.+?) — `(?P<name>[a-z_]+)`\s*$")
THAI_FIELDS = ("ฟังก์ชัน", "ตัวเศษ", "ตัวส่วน", "ช่วงข้อมูล", "ค่าสถิติ", "หน่วย")
# Names written in Latin script in Thai too: the glossary's proper names and the tools the page
# cites.
CITED_TOOLS = {"hypeauditor", "modash"}


def english() -> str:
    return ENGLISH.read_text(encoding="utf-8")


def thai() -> str:
    return THAI.read_text(encoding="utf-8")


def headings(page: str, level: int) -> list[str]:
    return [line for line in page.splitlines() if line.startswith("#" * level + " ")]


def metric_sections(page: str) -> dict[str, list[str]]:
    """Each ``### label — `name``` section's lines, in page order."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in page.splitlines():
        heading = _METRIC_HEADING.match(line)
        if heading:
            current = sections.setdefault(heading["name"], [])
        elif line.startswith("#"):
            current = None
        elif current is not None:
            current.append(line)
    return sections


def proper_names() -> set[str]:
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    found = re.search(r"Proper names stay as they are: (.+?)\.\n\n", text, re.S)
    assert found, "docs/glossary.md lists its proper names"
    return {name.strip().lower() for name in found[1].split(",")} | CITED_TOOLS


def test_every_section_has_its_counterpart() -> None:
    assert len(headings(thai(), 1)) == len(headings(english(), 1)) == 1
    assert len(headings(thai(), 2)) == len(headings(english(), 2))
    assert len(headings(thai(), 3)) == len(headings(english(), 3))


def test_every_code_name_of_the_english_page_is_in_the_thai_one() -> None:
    given = set(_CODE.findall(thai()))
    missing = sorted(set(_CODE.findall(english())) - given)
    assert missing == []


def test_the_same_metrics_in_the_same_order_under_their_thai_names() -> None:
    english_order = list(metric_sections(english()))
    thai_order = list(metric_sections(thai()))
    assert thai_order == english_order
    assert set(thai_order) == set(METRICS)
    labels = {
        m["name"]: m["label"] for line in headings(thai(), 3) if (m := _METRIC_HEADING.match(line))
    }
    assert labels == {name: spec.label_th for name, spec in METRICS.items()}


def test_every_metric_gives_its_definition_fields() -> None:
    for name, lines in metric_sections(thai()).items():
        fields = [m[1] for line in lines if (m := re.match(r"^- \*\*(.+?):\*\* ", line))]
        assert tuple(fields) == THAI_FIELDS, name
        assert f"- **ฟังก์ชัน:** `kolscope.vetting.metrics.{name}`" in lines, name
        unit = METRICS[name].unit
        assert any(line.startswith("- **หน่วย:**") and f"`{unit}`" in line for line in lines), name


def test_the_thai_page_keeps_to_the_glossary() -> None:
    page = thai()
    ruled_out = [(term, word) for term, _th, words in glossary() for word in words if word in page]
    assert ruled_out == []
    words = {english_term: th for english_term, th, _not in glossary()}
    for term in ("engagement rate", "engagement", "follower", "views", "tier scheme", "workspace"):
        assert words[term] in page, term


@pytest.mark.parametrize("page", [THAI], ids=["docs/th/metrics.md"])
def test_latin_script_is_only_proper_names_and_code(page: Path) -> None:
    """What the page says in words is Thai: code spans, link targets and one-letter symbols
    (D, n) aside, the Latin-script words left are the proper names Thai writes in Latin too."""
    text = page.read_text(encoding="utf-8")
    text = _CODE.sub(" ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    words = {w for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", text) if len(w) > 2}
    assert sorted(w for w in words if w.lower() not in proper_names()) == []


def test_the_build_ships_the_thai_documents() -> None:
    assert "include docs/th/*.md" in (ROOT / "MANIFEST.in").read_text(encoding="utf-8")
    assert 'TRANSLATIONS = ("th",)' in (ROOT / "setup.py").read_text(encoding="utf-8")
