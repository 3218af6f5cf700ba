"""The documentation as pages: ``/help/<name>`` shows ``docs/<name>.md``, so a page can link to
the definitions it names (the creator page's metrics note links to ``/help/metrics``).

A reader of another language gets ``docs/<language>/<name>.md`` when that translation exists
(``docs/th/metrics.md`` for a Thai page), else the English document under a note saying so.

The documents come from the package (a wheel carries a copy of ``docs/*.md`` and
``docs/th/*.md`` in ``kolscope/docs``, copied by the build step in ``setup.py``) or, in a
checkout, from the repository's ``docs`` folder. Markdown is rendered with raw HTML off: a
document can give text, tables and links, never markup of its own; links between documents
point at their pages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from markdown_it import MarkdownIt
from markupsafe import Markup

import kolscope
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web.i18n import LANGUAGES, _, current_language
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need

router = APIRouter(include_in_schema=False)
_NAME = re.compile(r"^[a-z][a-z0-9-]{0,40}$")
_DOC_LINK = re.compile(r"^([a-z][a-z0-9-]{0,40})\.md(#[\w-]*)?$")
PACKAGED = Path(kolscope.__file__).with_name("docs")
CHECKOUT = Path(kolscope.__file__).resolve().parents[2] / "docs"


def docs_folder() -> Path | None:
    """Where the documents are: the package's copy, else the checkout's folder."""
    for folder in (PACKAGED, CHECKOUT):
        if (folder / "metrics.md").is_file():
            return folder
    return None


def help_url(name: str) -> str:
    return f"/help/{name}"


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

    def local_links(state: Any) -> None:
        """``metrics.md#x`` -> ``/help/metrics#x``; other relative links (source files, images)
        lose their target, which only exists in the repository."""
        for block in state.tokens:
            for token in block.children or ():
                if token.type == "link_open":
                    href = str(token.attrGet("href") or "")
                    found = _DOC_LINK.match(href)
                    if found:
                        token.attrSet("href", help_url(found[1]) + (found[2] or ""))
                    elif not re.match(r"^(https?:|mailto:|#)", href):
                        token.attrSet("href", "#")
                elif token.type == "image":
                    token.type, token.tag = "text", ""
                    token.content = token.content or str(token.attrGet("alt") or "")

    md.core.ruler.push("local_links", local_links)
    return md


_RENDERER = _markdown()


@lru_cache(maxsize=64)
def _rendered(path: Path, _modified: float) -> tuple[str, Markup]:
    """A document's title (its first heading) and its HTML, kept until the file changes."""
    text = path.read_text(encoding="utf-8")
    title = next(
        (line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("# ")),
        path.stem,
    )
    return title, Markup(_RENDERER.render(text))  # noqa: S704 - html off: markdown only


def source(name: str, language: str = "en") -> tuple[Path, str] | None:
    """The file a reader of ``language`` is shown for ``name`` and the language it is written
    in: the translation in ``docs/<language>/`` when there is one, else the English document."""
    folder = docs_folder()
    if folder is None or not _NAME.match(name):
        return None
    candidates = [(folder / f"{name}.md", "en")]
    if language != "en" and language in LANGUAGES:
        candidates.insert(0, (folder / language / f"{name}.md", language))
    return next(((path, lang) for path, lang in candidates if path.is_file()), None)


def document(name: str, language: str = "en") -> tuple[str, Markup] | None:
    """A document's title and HTML as a reader of ``language`` is shown it."""
    found = source(name, language)
    if found is None:
        return None
    path = found[0]
    return _rendered(path, path.stat().st_mtime)


@router.get("/help/{name}", response_class=HTMLResponse)
def help_page(
    request: Request, name: str, _user: Annotated[User, need(Permission.OWN_ACCOUNT)]
) -> HTMLResponse:
    found = source(name, current_language())
    if found is None:
        raise HTTPException(404, _("There is no such help page."))
    path, written_in = found
    title, body = _rendered(path, path.stat().st_mtime)
    return page(request, "help.html", title=title, body=body, written_in=written_in)
