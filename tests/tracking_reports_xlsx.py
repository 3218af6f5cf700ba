"""Writing XLSX files the way marketplace back ends do, streamed, for the report factory.

openpyxl's write-only mode writes every text cell as an inline string and leaves out the sheet's
<dimension>; reading such a file back costs openpyxl several times what a real export costs (it
parses each inline string as rich text, and scans the whole sheet to find its size). Exports
from Lazada and TikTok Shop keep text in a shared-strings table and state their size, so this
writer does the same: rows are streamed to a temporary file (never all in memory), then the
sheet is written with its <dimension>, followed by the shared strings.

Whole-number floats of 10 digits or more are written in scientific form (``1.00188093044E+11``),
as the issue says Lazada stores product, brand and seller ids.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{CONTENT}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{CONTENT}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CONTENT}.sharedStrings+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{CONTENT}.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _number(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e10:
        digits = len(str(int(abs(value))))
        return f"{value:.{digits - 1}E}".replace("E+0", "E+")
    return repr(value)


def write_sheet_xlsx(
    path: Path, rows: Iterable[Sequence[object]], *, sheet: str = "Sheet1"
) -> Path:
    """``rows`` (titles, header, data: text, numbers, times, None) as one sheet named
    ``sheet``, text in shared strings."""
    strings: dict[str, int] = {}
    letters: list[str] = []
    count, width = 0, 0
    with tempfile.TemporaryFile("w+", encoding="utf-8") as body:
        for count, cells in enumerate(rows, start=1):
            while len(letters) < len(cells):
                letters.append(column_letters(len(letters)))
            width = max(width, len(cells))
            parts = [f'<row r="{count}">']
            for index, value in enumerate(cells):
                if value is None or value == "":
                    continue
                at = f"{letters[index]}{count}"
                if isinstance(value, bool) or not isinstance(value, int | float):
                    written = value.isoformat(sep=" ") if isinstance(value, datetime) else value
                    number = strings.setdefault(str(written), len(strings))
                    parts.append(f'<c r="{at}" t="s"><v>{number}</v></c>')
                else:
                    parts.append(f'<c r="{at}"><v>{_number(value)}</v></c>')
            parts.append("</row>")
            body.write("".join(parts))
        body.seek(0)
        size = f"A1:{column_letters(max(width, 1) - 1)}{max(count, 1)}"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", CONTENT_TYPES)
            archive.writestr("_rels/.rels", ROOT_RELS)
            archive.writestr(
                "xl/workbook.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
                f'xmlns:r="{RELATIONSHIPS}"><sheets><sheet name="{escape(sheet)}" sheetId="1" '
                'r:id="rId1"/></sheets></workbook>',
            )
            archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
            archive.writestr("xl/styles.xml", STYLES)
            with archive.open("xl/worksheets/sheet1.xml", "w") as member:
                member.write(
                    f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
                    f'<dimension ref="{size}"/><sheetData>'.encode()
                )
                while chunk := body.read(1 << 20):
                    member.write(chunk.encode())
                member.write(b"</sheetData></worksheet>")
            with archive.open("xl/sharedStrings.xml", "w") as member:
                member.write(
                    f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" '
                    f'count="{len(strings)}" uniqueCount="{len(strings)}">'.encode()
                )
                for text in strings:
                    member.write(f'<si><t xml:space="preserve">{escape(text)}</t></si>'.encode())
                member.write(b"</sst>")
    return path
