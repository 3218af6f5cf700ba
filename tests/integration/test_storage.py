"""The schema, migrations and queries, on both databases."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kolscope.bootstrap import Workspace
from kolscope.catalogue.creators import CreatorFilters
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.domain.brands import Brand
from kolscope.domain.platforms import Platform
from kolscope.infra.db.tables import metadata
from kolscope.infra.db.tables_fts import outside_metadata
from tests.factories import write_csv


def test_migrations_build_exactly_the_declared_schema(workspace: Workspace) -> None:
    with workspace.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": outside_metadata})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_opening_twice_is_harmless(workspace: Workspace) -> None:
    from kolscope.infra.db.migrate import is_current, upgrade

    upgrade(workspace.engine)
    assert is_current(workspace.engine)


@pytest.fixture
def catalogue(workspace: Workspace, tmp_path: Path) -> Workspace:
    rows = [["platform", "handle", "name", "followers", "country", "province", "bio", "category"]]
    spec = [
        (
            "instagram",
            "mint.review",
            "มิ้นท์ รีวิว",
            8_000,
            "Thailand",
            "เชียงใหม่",
            "รีวิวครีมกันแดดตัวนี้ดีมาก",
            "beauty",
        ),
        (
            "instagram",
            "bkk_foodie",
            "BKK Foodie",
            45_000,
            "Thailand",
            "Bangkok",
            "street food",
            "food",
        ),
        ("tiktok", "techguy", "Tech Guy", 250_000, "Thailand", "Bangkok", "gadget reviews", "IT"),
        ("youtube", "bigstar", "Big Star", 2_500_000, "United States", "", "music", "music"),
        ("tiktok", "smallkoc", "Small KOC", 600, "Thailand", "ขอนแก่น", "ใช้จริง ซื้อมาเอง", "beauty"),
        ("x", "nofollowers", "Unknown", "", "", "", "", ""),
    ]
    rows += [list(r) for r in spec]
    path = write_csv(tmp_path / "catalogue-2026-11-01.csv", rows)
    options = ImportOptions()
    report = workspace.importer.run(workspace.importer.plan([path], options), options)
    assert report.committed, report.to_dict()
    return workspace


def handles(workspace: Workspace, **filters: object) -> list[str]:
    page = workspace.creators.list(CreatorFilters(**filters)).page  # type: ignore[arg-type]
    return [a.handle for a in page.accounts]


def test_filters(catalogue: Workspace) -> None:
    assert handles(catalogue) == [
        "bigstar",
        "techguy",
        "bkk_foodie",
        "mint.review",
        "smallkoc",
        "nofollowers",
    ]
    assert handles(catalogue, platforms=(Platform.TIKTOK,)) == ["techguy", "smallkoc"]
    assert handles(catalogue, tier="micro") == ["bkk_foodie"]
    assert handles(catalogue, tier="micro", scheme="wide-micro") == ["techguy", "bkk_foodie"]
    assert handles(catalogue, tier="consumer") == ["smallkoc"]
    assert handles(catalogue, min_followers=10_000, max_followers=250_000) == [
        "techguy",
        "bkk_foodie",
    ]
    assert handles(catalogue, province="TH-10") == ["techguy", "bkk_foodie"]
    assert handles(catalogue, country="US") == ["bigstar"]
    assert handles(catalogue, sort="-followers")[0] == "smallkoc"
    assert handles(catalogue, sort="handle")[:2] == ["bigstar", "bkk_foodie"]
    assert handles(catalogue, category="beauty") == ["mint.review", "smallkoc"]
    assert handles(catalogue, limit=2, offset=1) == ["techguy", "bkk_foodie"]


def test_text_search_finds_thai_inside_longer_text(catalogue: Workspace) -> None:
    assert handles(catalogue, text="ครีมกันแดด") == ["mint.review"]
    assert handles(catalogue, text="มิ้นท์") == ["mint.review"]
    assert handles(catalogue, text="FOODIE") == ["bkk_foodie"]
    assert handles(catalogue, text="@techguy") == ["techguy"]
    assert handles(catalogue, text="100%_") == []  # LIKE wildcards are taken literally


def test_bad_filters_are_explained(catalogue: Workspace) -> None:
    with pytest.raises(ValueError, match="no tier"):
        catalogue.creators.list(CreatorFilters(tier="giga"))
    with pytest.raises(ValueError, match="unknown tier scheme"):
        catalogue.creators.list(CreatorFilters(scheme="nope"))
    with pytest.raises(ValueError, match="sort"):
        catalogue.creators.list(CreatorFilters(sort="random"))
    with pytest.raises(ValueError, match="limit"):
        catalogue.creators.list(CreatorFilters(limit=0))


def test_totals_and_brands(catalogue: Workspace) -> None:
    totals = catalogue.catalogue.totals()
    assert (totals.creators, totals.accounts, totals.snapshots) == (6, 6, 5)
    assert totals.accounts_by_platform == {"instagram": 2, "tiktok": 2, "youtube": 1, "x": 1}
    with catalogue.unit_of_work() as uow:
        saved = uow.catalogue.save_brand(
            Brand("Glow Lab", ("glowlab.th",), ("glowlab",), "skincare", "minimal, calm")
        )
        uow.catalogue.save_brand(replace(saved, tone_notes="minimal luxury"))
        uow.commit()
    brands = catalogue.catalogue.brands()
    assert [b.name for b in brands] == ["Glow Lab"]
    assert brands[0].tone_notes == "minimal luxury"


def test_unit_of_work_rolls_back_without_commit(catalogue: Workspace) -> None:
    with catalogue.unit_of_work() as uow:
        uow.catalogue.save_brand(Brand("Temp"))
    assert catalogue.catalogue.brands() == []
