"""An account's comments are read by its posts' ids (a short list) or, for an account with very
many posts, by a subquery: both give the same comments, counts and stamp, on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest

from kolscope.bootstrap import Workspace
from kolscope.catalogue.db import reader as catalogue_module
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.domain.platforms import Platform
from tests.factories import write_csv


def _import(workspace: Workspace, path: Path) -> None:
    options = ImportOptions()
    report = workspace.importer.run(workspace.importer.plan([path], options), options)
    assert report.committed, report.to_dict()


def _account(workspace: Workspace, handle: str) -> int:
    detail = workspace.creators.show(Platform.INSTAGRAM, handle)
    assert detail is not None
    assert detail.account.id is not None
    return detail.account.id


@pytest.fixture
def commented(workspace: Workspace, tmp_path: Path) -> Workspace:
    _import(
        workspace,
        write_csv(
            tmp_path / "ig-2026-10-01.csv",
            [["handle", "followers"], ["mint.review", 12000], ["quiet.one", 800]],
        ),
    )
    posts = [["platform", "handle", "post_id", "caption"]]
    posts += [["instagram", "mint.review", f"p{n}", f"โพสต์ {n}"] for n in range(5)]
    _import(workspace, write_csv(tmp_path / "posts.csv", posts))
    comments = [["platform", "post_id", "comment_id", "comment", "posted_at"]]
    comments += [
        ["instagram", f"p{n % 5}", f"c{n}", f"ความเห็น {n}", f"2026-10-{1 + n % 20:02d} 10:00"]
        for n in range(30)
    ]
    _import(workspace, write_csv(tmp_path / "comments.csv", comments))
    return workspace


def _read(workspace: Workspace) -> tuple[object, ...]:
    mint, quiet = _account(workspace, "mint.review"), _account(workspace, "quiet.one")
    catalogue = workspace.catalogue
    detail = workspace.creators.show(Platform.INSTAGRAM, "mint.review")
    assert detail is not None
    return (
        [c.text for c in catalogue.latest_comments(mint, 7)],
        catalogue.comment_stamp(mint),
        catalogue.latest_comments(quiet, 7),
        catalogue.comment_stamp(quiet),
        [c.text for c in detail.recent_comments],
        detail.comment_count,
        detail.post_count,
    )


def test_comments_by_post_ids_or_by_subquery_agree(
    commented: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_list = _read(commented)
    monkeypatch.setattr(catalogue_module, "POST_ID_LIST_LIMIT", 2)  # mint.review has 5 posts
    by_subquery = _read(commented)
    assert by_list == by_subquery
    texts, stamp, quiet, quiet_stamp, shown, comment_count, post_count = by_list
    assert stamp.count == comment_count == 30  # type: ignore[attr-defined]
    assert post_count == 5
    assert quiet == ()
    assert quiet_stamp.count == 0  # type: ignore[attr-defined]
    assert len(texts) == 7  # type: ignore[arg-type]
    assert shown[:3] == texts[:3]  # type: ignore[index]
