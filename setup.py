"""The build step pyproject.toml cannot express: a copy of the documentation (docs/*.md, and its
translations docs/th/*.md) goes into the package as kolscope/docs (kolscope/docs/th), so an
installed kolscope serves it at /help/<name> in the reader's language
(entrypoints/web/pages/help_pages.py). A checkout reads the docs folder itself."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DOCS = Path(__file__).resolve().parent / "docs"
TRANSLATIONS = ("th",)  # docs/<language>/*.md, served to readers of that language


class BuildWithDocs(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "kolscope" / "docs"
        for source, folder in [(DOCS, target), *((DOCS / t, target / t) for t in TRANSLATIONS)]:
            folder.mkdir(parents=True, exist_ok=True)
            for document in sorted(source.glob("*.md")):
                shutil.copyfile(document, folder / document.name)


setup(cmdclass={"build_py": BuildWithDocs})
