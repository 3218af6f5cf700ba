"""The build step pyproject.toml cannot express: a copy of the documentation (docs/*.md) goes
into the package as kolscope/docs, so an installed kolscope serves it at /help/<name>
(entrypoints/web/pages/help_pages.py). A checkout reads the docs folder itself."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DOCS = Path(__file__).resolve().parent / "docs"


class BuildWithDocs(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "kolscope" / "docs"
        target.mkdir(parents=True, exist_ok=True)
        for document in sorted(DOCS.glob("*.md")):
            shutil.copyfile(document, target / document.name)


setup(cmdclass={"build_py": BuildWithDocs})
