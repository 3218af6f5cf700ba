"""Add Thai translations to the catalogue, safely beside other people editing it.

    python tools/translate.py translations.json

The JSON file maps each English message (exactly as in the code) to its Thai translation.
The catalogue is refreshed from the code first (as `make messages` does), then the given
translations are set; an exclusive lock keeps two runs from overwriting each other.
"""

from __future__ import annotations

import fcntl
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import update_messages


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    wanted: dict[str, str] = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    from babel.messages.pofile import read_po, write_po

    lock_path = update_messages.ROOT / "build" / "messages.lock"
    lock_path.parent.mkdir(exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        update_messages.main()
        catalogue_path = update_messages.CATALOGUE
        with catalogue_path.open("rb") as handle:
            catalogue = read_po(handle, locale="th")
        unknown = []
        for message_id, thai in wanted.items():
            message = catalogue.get(message_id)
            if message is None:
                unknown.append(message_id)
                continue
            message.string = thai
        with catalogue_path.open("wb") as handle:
            write_po(handle, catalogue, sort_output=True, omit_header=False, no_location=True)
        for message_id in unknown:
            print(f"not in the code (check the exact text): {message_id!r}")
        missing = [m.id for m in catalogue if m.id and not m.string]
        for message_id in missing:
            print(f"still untranslated: {message_id!r}")
    return 1 if unknown else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
