"""The page a deleted or unknown short link shows, in Thai or English.

Self-contained (no template engine, no style sheet or font to fetch: the redirect may run on its
own domain with nothing else), in the language the browser asks for first (Thai or English,
as the web app chooses), with every piece of text escaped: the code in the sentence is whatever
the visitor's browser sent.
"""

from __future__ import annotations

from functools import cache
from html import escape

from kolscope.domain.messages import Wording, render
from kolscope.entrypoints.web.i18n import negotiate, translations
from kolscope.tracking.redirect.facade import NOT_FOUND_HELP, NOT_FOUND_TEXT, NOT_FOUND_TITLE

CODE_SHOWN = 60
"""Characters of the code the page repeats (a long path is cut)."""

_PAGE = """<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<style>
body{{margin:0;font-family:"Sarabun","Noto Sans Thai","Leelawadee UI",system-ui,sans-serif;
background:#f6f7f9;color:#1f2430;line-height:1.6}}
main{{max-width:32rem;margin:15vh auto;padding:2rem;background:#fff;border-radius:12px;
box-shadow:0 1px 3px rgba(0,0,0,.08)}}
h1{{font-size:1.4rem;margin:0 0 .75rem}}
p{{margin:.5rem 0}}
.code{{font-family:ui-monospace,monospace;overflow-wrap:anywhere}}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p class="code">{text}</p>
<p>{help}</p>
</main>
</body>
</html>
"""


class _PageWords(Wording):
    """The visitor's language: templates from the gettext catalogue (English is the source)."""

    def __init__(self, language: str) -> None:
        self._translations = translations(language)

    def template(self, text: str) -> str:
        return self._translations.gettext(text)


@cache
def _words(language: str) -> _PageWords:
    return _PageWords(language)


def not_found_page(code: str, accept_language: str | None) -> tuple[str, bytes]:
    """(language, the page as UTF-8) for an unknown or deleted ``code``."""
    language = negotiate(accept_language)
    words = _words(language)
    shown = code[:CODE_SHOWN] + ("…" if len(code) > CODE_SHOWN else "")
    page = _PAGE.format(
        language=language,
        title=escape(render(NOT_FOUND_TITLE(), words)),
        text=escape(render(NOT_FOUND_TEXT(code=shown), words)),
        help=escape(render(NOT_FOUND_HELP(), words)),
    )
    return language, page.encode("utf-8")
