"""Fill untranslated Thai messages from a Python file defining a dict TH (msgid -> Thai)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGUE = (
    Path(__file__).resolve().parents[1]
    / "src/kolscope/entrypoints/web/locales/th/LC_MESSAGES/messages.po"
)


def main(source: str) -> None:
    table = runpy.run_path(source)["TH"]
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    for message in catalogue:
        if message.id and not message.string and message.id in table:
            message.string = table[message.id]
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalogue, width=100)


if __name__ == "__main__":
    main(sys.argv[1])
