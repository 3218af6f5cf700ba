"""The examples in docs/data-formats.md import as documented."""

from __future__ import annotations

import re
from pathlib import Path

from kolscope.bootstrap import Workspace
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.domain.platforms import Platform

PAGE = Path(__file__).resolve().parents[2] / "docs" / "data-formats.md"


def examples() -> dict[str, str]:
    text = PAGE.read_text(encoding="utf-8").split("## Examples", 1)[1]
    found: dict[str, str] = {}
    for name, body in re.findall(r"`([\w.-]+\.(?:csv|jsonl))`[^`]*?```\w*\n(.*?)```", text, re.S):
        found.setdefault(name, body)
    return found


def test_documented_examples_import(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    found = examples()
    assert {
        "creators.csv",
        "posts.jsonl",
        "comments.csv",
        "audience.csv",
        "followers-sample.csv",
    } <= set(found)
    order = ["creators.csv", "posts.jsonl", "comments.csv", "audience.csv", "followers-sample.csv"]
    for name in order:
        path = tmp_path / name
        path.write_text(found[name], encoding="utf-8")
        account = (Platform.INSTAGRAM, "mint.review") if name.startswith("followers") else None
        options = ImportOptions(account=account)
        report = sqlite_workspace.importer.run(
            sqlite_workspace.importer.plan([path], options), options
        )
        assert report.committed, (name, report.to_dict())
        assert report.files[0].counts.imported >= 1, name
    detail = sqlite_workspace.creators.show(Platform.INSTAGRAM, "mint.review")
    assert detail is not None
    assert detail.account.followers == 12_500
    assert detail.account.province == "TH-50"
    assert detail.comment_count == 1
    assert detail.audience
    assert detail.follower_samples
