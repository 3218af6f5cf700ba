"""QR codes of tracking links as PNG and SVG bytes (segno), the same bytes for the same link.

Printed on packaging and shown in stories, so the error correction is ``M`` (15 % of the code
may be covered or smudged) and the quiet zone is segno's standard 4 modules; segno writes no
timestamp, so exporting twice gives identical files (a ZIP's checksum does not change).
"""

from __future__ import annotations

import io

import segno

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ERROR_CORRECTION = "m"


def _code(link: str) -> segno.QRCode:
    return segno.make_qr(link, error=ERROR_CORRECTION, boost_error=False)


def qr_png(link: str, scale: int = 8) -> bytes:
    """The link's QR code as a PNG, each module ``scale`` pixels (8 → about 3 cm at 300 dpi
    for a short link)."""
    out = io.BytesIO()
    _code(link).save(out, kind="png", scale=scale)
    return out.getvalue()


def qr_svg(link: str, scale: int = 8) -> bytes:
    """The link's QR code as a standalone SVG document (UTF-8), for print."""
    out = io.BytesIO()
    _code(link).save(out, kind="svg", scale=scale, xmldecl=True, svgns=True)
    return out.getvalue()


def qr_file_name(handle: str, kind: str) -> str:
    """The file name of a creator's QR code inside an export ZIP (``som.review.png``)."""
    safe = "".join(char if char.isalnum() or char in "._-" else "_" for char in handle.lstrip("@"))
    return f"{safe or 'creator'}.{kind}"
