"""Refresh the Thai catalogue from the code and templates: `make messages`.

Extracts every translatable message (babel.cfg), merges it into
src/kolscope/entrypoints/web/locales/th/LC_MESSAGES/messages.po keeping existing
translations, and lists the messages still untranslated (a test fails while any is).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "src/kolscope/entrypoints/web/locales/th/LC_MESSAGES/messages.po"


def main() -> int:
    template = ROOT / "build" / "messages.pot"
    template.parent.mkdir(exist_ok=True)
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [
            str(pybabel),
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "-k",
            "N_",
            "-k",
            "Template:2",
            "--no-location",
            "--sort-output",
            "-o",
            str(template),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    if CATALOGUE.exists():
        subprocess.run(
            [
                str(pybabel),
                "update",
                "-i",
                str(template),
                "-o",
                str(CATALOGUE),
                "-l",
                "th",
                "--no-fuzzy-matching",
                "--ignore-obsolete",
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    else:
        CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [str(pybabel), "init", "-i", str(template), "-o", str(CATALOGUE), "-l", "th"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as handle:
        missing = [m.id for m in read_po(handle) if m.id and not m.string]
    for message in missing:
        print(f"untranslated: {message!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
