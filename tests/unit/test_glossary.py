"""The Thai catalogue keeps to docs/glossary.md: one word per term, never a spelling the
glossary rules out."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs/glossary.md"
CATALOGUE = ROOT / "src/kolscope/entrypoints/web/locales/th/LC_MESSAGES/messages.po"


def glossary() -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("English", "") or set(cells[0]) <= {"-"}:
            continue
        english, thai, ruled_out = cells
        rows.append((english, thai, [w.strip() for w in ruled_out.split(",") if w.strip()]))
    return rows


def test_the_glossary_lists_the_terms_people_meet_most() -> None:
    terms = {english for english, _thai, _not in glossary()}
    assert {"engagement", "follower", "niche", "tier", "comment", "audit"} <= terms


def test_the_catalogue_never_uses_a_ruled_out_spelling() -> None:
    with CATALOGUE.open("rb") as handle:
        translations = [(str(m.id), str(m.string)) for m in read_po(handle) if m.id and m.string]
    found = [
        (english, word, msgid)
        for english, _thai, ruled_out in glossary()
        for word in ruled_out
        for msgid, thai in translations
        if word in thai
    ]
    assert found == []


def test_each_term_s_thai_word_is_used_where_the_english_term_is() -> None:
    """A message naming the term in English says the glossary's Thai word (single-word terms,
    so 'engagement rate' and 'engagement' are both held)."""
    with CATALOGUE.open("rb") as handle:
        translations = [(str(m.id), str(m.string)) for m in read_po(handle) if m.id and m.string]
    astray = [
        (english, msgid, text)
        for english, thai, _not in glossary()
        if english in ("engagement", "niche", "shortlist")
        for msgid, text in translations
        if f" {english}" in f" {msgid.lower()}"
        and f"{english} pod" not in msgid.lower()
        and thai not in text
    ]
    assert astray == []
