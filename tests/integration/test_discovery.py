"""Discovery search end to end on SQLite and PostgreSQL: the index, filters, Thai keywords,
hashtags, mentions, fans of a brand, lookalikes, list matching, shortlists and exports."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from kolscope.bootstrap import Workspace
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.discovery.export import EXPORT_COLUMNS
from kolscope.discovery.query import AudienceCondition, SearchError, SearchRequest
from kolscope.domain.platforms import Platform
from kolscope.domain.team import INSTALLATION
from kolscope.entrypoints.cli.app import app
from kolscope.vetting.signals.audience_fit import AudienceTarget
from tests.factories import write_csv

TODAY = date(2026, 11, 1)
CONTRACT = {
    "platform",
    "handle",
    "followers",
    "tier",
    "niches",
    "creator_type",
    "quality_score",
    "why",
}


def _import(workspace: Workspace, *paths: Path) -> None:
    options = ImportOptions()
    report = workspace.importer.run(workspace.importer.plan(list(paths), options), options)
    assert report.committed, report.to_dict()


@pytest.fixture
def small(workspace: Workspace, tmp_path: Path) -> Workspace:
    accounts = [
        ["platform", "handle", "name", "followers", "country", "province", "bio", "category"],
        ["instagram", "mint.skin", "มิ้นท์ สกินแคร์", 8_000, "Thailand", "เชียงใหม่",
         "เภสัชกร รีวิวสกินแคร์ ครีมกันแดด อธิบายส่วนผสม", "skincare"],
        ["instagram", "bkk_eats", "BKK Eats", 45_000, "Thailand", "Bangkok",
         "พากินก๋วยเตี๋ยว ร้านอร่อย street food", "food"],
        ["tiktok", "gadget.guy", "Gadget Guy", 250_000, "Thailand", "Bangkok",
         "รีวิวมือถือ เปรียบเทียบสเปก gadget reviews", "IT"],
    ]  # fmt: skip
    posts = [
        ["platform", "handle", "post_id", "caption", "posted_at", "likes", "comments", "sponsored"],
        ["instagram", "mint.skin", "p1", "ครีมกันแดดตัวนี้ดีมาก ซื้อมาใช้เอง #skincaretips @moonmint.skin",
         "2026-10-20", 400, 30, "no"],
        ["instagram", "mint.skin", "p2", "SPF 50 กับ SPF 30 ต่างกันแค่ไหน อธิบายให้ฟัง #skincaretips",
         "2026-10-25", 500, 60, "no"],
        ["instagram", "bkk_eats", "e1", "ก๋วยเตี๋ยวเรือเจ้าเด็ด #foodie @moonmint.skin #ad",
         "2026-10-10", 900, 20, "yes"],
        ["tiktok", "gadget.guy", "g1", "เปรียบเทียบมือถือ 3 รุ่น แบตอึดสุด #รีวิวมือถือ",
         "2026-10-28", 9000, 300, "no"],
    ]  # fmt: skip
    _import(
        workspace,
        write_csv(tmp_path / "accounts-2026-11-01.csv", accounts),
        write_csv(tmp_path / "posts-2026-11-01.csv", posts),
    )
    from kolscope.domain.brands import Brand

    with workspace.unit_of_work() as work:
        work.catalogue.save_brand(
            Brand("Moonmint Skin", ("moonmint.skin",), ("moonmintskin",), "skincare")
        )
        work.commit()
    report = workspace.discovery_index.refresh()
    assert report.indexed == 3
    return workspace


def refs(workspace: Workspace, **fields: Any) -> list[str]:
    result = workspace.discovery.search(SearchRequest(**fields), INSTALLATION)
    return [hit.reference for hit in result.hits]


def test_thai_keyword_finds_words_inside_longer_thai_text(small: Workspace) -> None:
    # the caption says ครีมกันแดดตัวนี้ดีมาก with no spaces; the search is for ครีมกันแดด
    assert refs(small, text="ครีมกันแดด") == ["instagram:mint.skin"]
    assert refs(small, text="ก๋วยเตี๋ยวเรือ") == ["instagram:bkk_eats"]
    assert refs(small, text="spf 50") == ["instagram:mint.skin"]
    assert refs(small, text="ไม่มีคำนี้แน่นอน") == []
    # Thai vowel marks are part of a word: กัน (in ครีมกันแดด) is not กิน (in พากิน)
    assert "instagram:bkk_eats" in refs(small, text="กิน")
    assert "instagram:bkk_eats" not in refs(small, text="กัน")


def test_hashtag_mentions_and_filters(small: Workspace) -> None:
    assert refs(small, hashtag="#SkincareTips") == ["instagram:mint.skin"]
    assert refs(small, hashtag="รีวิวมือถือ") == ["tiktok:gadget.guy"]
    assert set(refs(small, mentions="@moonmint.skin")) == {
        "instagram:mint.skin",
        "instagram:bkk_eats",
    }
    assert refs(small, min_followers=100_000) == ["tiktok:gadget.guy"]
    assert refs(small, tier="micro") == ["instagram:bkk_eats"]
    assert refs(small, province="TH-50") == ["instagram:mint.skin"]
    assert set(refs(small, niches=("skincare",))) == {"instagram:mint.skin"}
    hit = small.discovery.search(SearchRequest(hashtag="skincaretips"), INSTALLATION).hits[0]
    assert any("#skincaretips in 2 posts" in str(line) for line in hit.why)


def test_fans_are_unsponsored_mentions_only(small: Workspace) -> None:
    result = small.discovery.search(SearchRequest(fans_of="Moonmint Skin"), INSTALLATION)
    # bkk_eats named the brand only in a sponsored post (#ad), so it is not a fan
    assert [h.reference for h in result.hits] == ["instagram:mint.skin"]
    assert str(result.hits[0].why[0]).startswith("names Moonmint Skin in 1 unsponsored post")


def test_errors_name_the_option(small: Workspace) -> None:
    for fields, words in (
        ({"niches": ("astrology-ish",)}, "niche"),
        ({"creator_type": "celebrity"}, "type"),
        ({"limit": 0}, "limit"),
        ({"fans_of": "Nobody Inc"}, "brand"),
        ({"like": "instagram:nobody"}, "like"),
        ({"tier": "giga"}, "tier"),
        ({"min_quality": 120}, "min-quality"),
    ):
        with pytest.raises(SearchError, match=words):
            small.discovery.search(SearchRequest(**fields), INSTALLATION)
    with pytest.raises(SearchError, match="SEGMENT>=SHARE"):
        AudienceCondition.parse("female")
    assert AudienceCondition.parse("18-24>=40%").min_share == pytest.approx(0.4)


def test_index_follows_changes(small: Workspace, tmp_path: Path) -> None:
    assert small.discovery_index.refresh().indexed == 0  # nothing changed
    posts = [
        ["platform", "handle", "post_id", "caption", "posted_at", "likes", "comments"],
        ["tiktok", "gadget.guy", "g2", "แกะกล่องหูฟังไร้สาย #unboxing", "2026-10-30", 100, 5],
    ]
    _import(small, write_csv(tmp_path / "more-posts-2026-11-02.csv", posts))
    assert small.discovery_index.refresh().indexed == 1
    assert refs(small, text="หูฟังไร้สาย") == ["tiktok:gadget.guy"]


@pytest.fixture
def demo(workspace: Workspace) -> tuple[Workspace, dict[str, Any]]:
    workspace.build_demo(seed=3, creators=120, today=TODAY)
    truth = json.loads((workspace.settings.workspace / "demo-ground-truth.json").read_text())
    return workspace, truth


def test_demo_is_indexed_and_classified(demo: tuple[Workspace, dict[str, Any]]) -> None:
    workspace, truth = demo
    accounts = truth["accounts"]
    result = workspace.discovery.search(SearchRequest(limit=500), INSTALLATION)
    assert result.indexed == len(accounts) == result.total
    hits = {h.reference: h for h in result.hits}
    right = sum(1 for ref, facts in accounts.items() if hits[ref].row.niches
                and hits[ref].row.niches[0].niche == facts["niches"][0])  # fmt: skip
    assert right / len(accounts) > 0.8
    kinds = {"kol": "kol", "koc": "koc", "general": "creator"}
    typed = sum(1 for ref, facts in accounts.items()
                if hits[ref].row.creator_type == kinds[facts["creator_kind"]])  # fmt: skip
    assert typed / len(accounts) > 0.7
    for hit in result.hits:
        assert hit.why, hit.reference
    for kind in ("kol", "koc", "creator"):
        found = workspace.discovery.search(
            SearchRequest(creator_type=kind, limit=500), INSTALLATION
        ).hits
        assert found
        assert all(h.row.creator_type == kind for h in found)


def test_demo_fans_lookalikes_and_fit(demo: tuple[Workspace, dict[str, Any]]) -> None:
    workspace, truth = demo
    accounts = truth["accounts"]
    counts: dict[str, int] = {}
    for facts in accounts.values():
        if facts.get("fan_of"):
            counts[facts["fan_of"]] = counts.get(facts["fan_of"], 0) + 1
    brand = max(counts, key=lambda name: counts[name])
    fans = {h.reference for h in workspace.discovery.search(
        SearchRequest(fans_of=brand, limit=500), INSTALLATION).hits}  # fmt: skip
    planted = {ref for ref, facts in accounts.items() if facts.get("fan_of") == brand}
    assert planted
    assert len(planted & fans) / len(planted) >= 0.8
    seed = next(ref for ref, facts in accounts.items() if facts["niches"][0] == "food")
    like = workspace.discovery.search(SearchRequest(like=seed, limit=10), INSTALLATION)
    assert seed not in [h.reference for h in like.hits]
    scores = [h.similarity or 0 for h in like.hits]
    assert scores == sorted(scores, reverse=True)
    assert all(str(h.why[0]).startswith(f"like {seed}") for h in like.hits)
    fit = workspace.discovery.search(SearchRequest(brand=brand, limit=10), INSTALLATION)
    assert fit.hits
    assert all(h.fit is not None for h in fit.hits)
    values = [h.fit.score or 0 for h in fit.hits if h.fit]
    assert values == sorted(values, reverse=True)
    assert str(fit.hits[0].why[0]).startswith(f"fit for {brand}")
    briefed = workspace.discovery.search(
        SearchRequest(brand=brand, target=AudienceTarget.parse(["gender=female"]), limit=5),
        INSTALLATION,
    )
    parts = {p.name: p for h in briefed.hits if h.fit for p in h.fit.parts}
    assert parts["audience"].score is not None
    assert str(parts["audience"].reason).startswith("audience fit")


def test_cli_search_json_contract_and_exports(
    small: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: str | None
) -> None:
    runner = CliRunner()
    base = ["--workspace", str(small.settings.workspace)]
    if database:
        monkeypatch.setenv("KOLSCOPE_DATABASE_URL", database)
    else:
        monkeypatch.delenv("KOLSCOPE_DATABASE_URL", raising=False)
    out = runner.invoke(app, [*base, "creators", "search", "--text", "ครีมกันแดด", "--json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.stdout)
    assert payload["total"] == 1
    assert set(payload["results"][0]) >= CONTRACT
    assert payload["results"][0]["handle"] == "mint.skin"
    first = payload["results"][0]
    assert all(isinstance(w, str) for w in first["why"])  # the contract: English sentences
    assert [r["text"] for r in first["reasons"]] == first["why"]
    assert all(r["code"].startswith(("discover.", "text")) for r in first["reasons"])
    bad = runner.invoke(app, [*base, "creators", "search", "--type", "celebrity"])
    assert bad.exit_code != 0
    assert "kol, koc or creator" in bad.output
    csv_path, xlsx_path = tmp_path / "found.csv", tmp_path / "found.xlsx"
    for path in (csv_path, xlsx_path):
        done = runner.invoke(
            app, [*base, "creators", "search", "--min-followers", "1", "--export", str(path)]
        )
        assert done.exit_code == 0, done.output
    with csv_path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["handle"] for r in rows} == {"mint.skin", "bkk_eats", "gadget.guy"}
    assert tuple(rows[0]) == EXPORT_COLUMNS  # the CLI's default: the stable machine headers
    mint = next(r for r in rows if r["handle"] == "mint.skin")
    assert (mint["platform"], mint["province"]) == ("instagram", "TH-50")  # codes
    assert "skincare" in mint["niches"].split("; ")
    for row in rows:  # rates to 2 decimals, scores whole
        rate = row["engagement_rate"]
        assert not rate or len(rate.partition(".")[2]) <= 2, rate
    sheet = load_workbook(xlsx_path).active
    assert sheet is not None
    assert sheet.max_row == 4
    assert tuple(c.value for c in sheet[1]) == EXPORT_COLUMNS
    assert isinstance(sheet.cell(2, EXPORT_COLUMNS.index("followers") + 1).value, int)
    labelled = tmp_path / "labelled.csv"
    done = runner.invoke(
        app,
        [*base, "creators", "search", "--min-followers", "1", "--export", str(labelled),
         "--headers", "labels"],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    with labelled.open(encoding="utf-8-sig") as handle:
        named = list(csv.DictReader(handle))
    assert named[0].keys() >= {"Platform", "Handle", "Followers", "Why it matched"}
    mint = next(r for r in named if r["Handle"] == "mint.skin")
    assert (mint["Platform"], mint["Province"]) == ("Instagram", "Chiang Mai")
    wrong = runner.invoke(
        app, [*base, "creators", "search", "--export", str(labelled), "--headers", "codes"]
    )
    assert wrong.exit_code != 0
    assert "keys, labels" in wrong.output


def test_shortlists_saved_searches_and_list_matching(small: Workspace, tmp_path: Path) -> None:
    lists = small.shortlists
    added, again = lists.add(
        "Sunscreen launch", ["instagram:mint.skin", "tiktok:gadget.guy"], note="ask rate"
    )
    assert (added, again) == (2, 0)
    assert lists.add("Sunscreen launch", ["instagram:mint.skin"], note="confirmed") == (0, 1)
    entries = lists.entries("Sunscreen launch")
    assert {e.handle: e.note for e in entries}["mint.skin"] == "confirmed"
    assert lists.remove("Sunscreen launch", "tiktok:gadget.guy")
    with pytest.raises(SearchError, match="not in the workspace"):
        lists.add("Sunscreen launch", ["instagram:ghost"])
    lists.save_search("thai sunscreen", SearchRequest(text="ครีมกันแดด", niches=("skincare",)))
    saved = lists.search_named("thai sunscreen")
    assert [h.reference for h in small.discovery.search(saved.request, INSTALLATION).hits] == [
        "instagram:mint.skin"
    ]
    customers = write_csv(
        tmp_path / "customers.csv",
        [["email", "instagram"], ["a@example.com", "@Mint.Skin"], ["b@example.com", ""],
         ["c@example.com", "https://www.tiktok.com/@gadget.guy"],
         ["d@example.com", "someone_else"]],
    )  # fmt: skip
    from kolscope.discovery.handle_lists import read_handles

    handles = read_handles(customers)
    assert handles.column == "instagram"
    assert handles.skipped == 1
    match = small.discovery.match_list(handles.handles, SearchRequest(), INSTALLATION)
    assert match.accounts_found == 2
    assert {h.reference for h in match.result.hits} == {"instagram:mint.skin", "tiktok:gadget.guy"}
    assert all(str(h.why[0]) == "on your list" for h in match.result.hits)


def test_cli_import_updates_the_index_and_index_command(
    sqlite_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KOLSCOPE_DATABASE_URL", raising=False)
    runner = CliRunner()
    ws = ["--workspace", str(sqlite_workspace.settings.workspace)]
    accounts = write_csv(
        tmp_path / "ig-2026-11-01.csv",
        [["platform", "handle", "followers", "bio"],
         ["instagram", "noodle.hunter", 12_000, "ตามล่าก๋วยเตี๋ยวเรืออร่อยทั่วกรุงเทพ"]],
    )  # fmt: skip
    done = runner.invoke(app, [*ws, "import", str(accounts), "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["search_index"]["indexed"] == 1
    assert refs(sqlite_workspace, text="ก๋วยเตี๋ยวเรือ") == ["instagram:noodle.hunter"]
    again = runner.invoke(app, [*ws, "creators", "index", "--all"])
    assert again.exit_code == 0, again.output
    assert "indexed 1 accounts" in again.output
    skipped = write_csv(
        tmp_path / "tt-2026-11-01.csv",
        [["platform", "handle", "followers", "bio"], ["tiktok", "later.one", 500, "ร้านกาแฟ"]],
    )
    quiet = runner.invoke(app, [*ws, "import", str(skipped), "--no-index"])
    assert quiet.exit_code == 0, quiet.output
    assert refs(sqlite_workspace, text="ร้านกาแฟ") == []
    assert sqlite_workspace.discovery_index.refresh().indexed == 1
    assert refs(sqlite_workspace, text="ร้านกาแฟ") == ["tiktok:later.one"]


def test_lookalike_candidates_by_niche_index_match_the_general_plan(
    demo: tuple[Workspace, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kolscope.discovery.db import search as discovery_search
    from kolscope.discovery.query import ProfileQuery

    workspace, _truth = demo
    store = discovery_search.SqlDiscoverySearch(workspace.engine)
    queries = [
        ProfileQuery(niches=("food", "travel"), min_followers=1_000, max_followers=500_000),
        ProfileQuery(niches=("beauty",), exclude=(1, 2, 3)),
        ProfileQuery(niches=("skincare",), below_followers=10_000),
        ProfileQuery(
            niches=("food", "beauty"),
            platforms=(Platform.INSTAGRAM, Platform.TIKTOK),
            min_followers=1_000,
        ),
        ProfileQuery(niches=("food",), platforms=(Platform.YOUTUBE,), exclude=(4,)),
    ]
    assert all(discovery_search.niche_only(q) for q in queries)
    assert not discovery_search.niche_only(ProfileQuery(niches=("food",), creator_type="koc"))
    fast = [store.candidate_ids(q, 40) for q in queries]
    monkeypatch.setattr(discovery_search, "niche_only", lambda _query: False)
    general = [store.candidate_ids(q, 40) for q in queries]
    assert fast == general
    assert all(fast)


def test_every_sqlite_plan_finds_the_same_accounts(
    demo: tuple[Workspace, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite runs a search one of three ways (a small id set drives it; a page probes per row
    while the count starts from the phrase or hashtag; the lookup index by id): every way
    gives the same page and the same total."""
    from sqlalchemy import func, select

    from kolscope.discovery.db import search_plan
    from kolscope.infra.db import tables as t

    workspace, _truth = demo
    terms = t.account_terms
    with workspace.engine.connect() as db:
        tag = db.execute(
            select(terms.c.term)
            .where(terms.c.kind == "tag")
            .group_by(terms.c.term)
            .order_by(func.count().desc(), terms.c.term)
            .limit(1)
        ).scalar_one()
    requests = [
        SearchRequest(text="รีวิว", limit=5),
        SearchRequest(text="รีวิว", niches=("food",), limit=5),
        SearchRequest(text="รีวิว", platforms=(Platform.INSTAGRAM,), min_followers=5_000, limit=3),
        SearchRequest(hashtag=tag, limit=4),
        SearchRequest(hashtag=tag, creator_type="koc", limit=2, offset=1),
        SearchRequest(niches=("beauty",), min_quality=10, limit=5),
    ]

    def outcomes() -> list[tuple[list[str], int]]:
        found = [workspace.discovery.search(r, INSTALLATION) for r in requests]
        return [([h.reference for h in result.hits], result.total) for result in found]

    usual = outcomes()
    assert all(total > len(page) > 0 for page, total in usual[:4]), usual
    monkeypatch.setattr(search_plan, "_DRIVER_MAX", 0)  # a page probes, a count starts from a set
    assert outcomes() == usual
    monkeypatch.setattr(search_plan, "_DRIVER_MAX", 10**9)  # every set drives, by the lookup index
    assert outcomes() == usual


def test_sqlite_counts_read_the_narrow_lookup_index(sqlite_workspace: Workspace) -> None:
    from sqlalchemy import func, select

    from kolscope.discovery.db.search_plan import SearchPlan
    from kolscope.discovery.query import ProfileQuery
    from kolscope.infra.db.tables_fts import SQLITE_LOOKUP_INDEX

    plan = SearchPlan.of(ProfileQuery(words=("ครีม", "กัน", "แดด"), country="TH"), "sqlite", None)
    counted = select(func.count()).select_from(plan.counted.subquery())
    with sqlite_workspace.engine.connect() as db:
        compiled = counted.compile(db)
        assert f"INDEXED BY {SQLITE_LOOKUP_INDEX}" in str(compiled)
        values = tuple(compiled.params[name] for name in compiled.positiontup or ())
        steps = db.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", values).all()
    assert any(f"COVERING INDEX {SQLITE_LOOKUP_INDEX}" in str(step) for step in steps), steps


def test_fans_rank_every_fan_and_read_only_the_page(
    demo: tuple[Workspace, dict[str, Any]],
) -> None:
    workspace, truth = demo
    brands = [facts["fan_of"] for facts in truth["accounts"].values() if facts.get("fan_of")]
    brand = max(set(brands), key=brands.count)
    everyone = workspace.discovery.search(SearchRequest(fans_of=brand, limit=500), INSTALLATION)
    assert everyone.total == len(everyone.hits) > 6
    scores = [h.fan_score or 0 for h in everyone.hits]
    assert scores == sorted(scores, reverse=True)
    assert all(h.row.fan_posts > 0 and h.row.handle for h in everyone.hits)
    page = workspace.discovery.search(SearchRequest(fans_of=brand, limit=3, offset=3), INSTALLATION)
    assert [h.reference for h in page.hits] == [h.reference for h in everyone.hits[3:6]]
    assert page.total == everyone.total
    biggest = workspace.discovery.search(
        SearchRequest(fans_of=brand, sort="followers", limit=5), INSTALLATION
    )
    followers = [h.row.followers or 0 for h in biggest.hits]
    assert followers == sorted(followers, reverse=True)
    assert str(biggest.hits[0].why[0]).startswith(f"names {brand} in ")


def test_two_index_updates_at_once_both_succeed(small: Workspace) -> None:
    """Two workers may run index jobs at the same time (one per import); on PostgreSQL their
    delete-then-insert used to collide on the primary key ("duplicate key")."""
    import threading

    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def update() -> None:
        start.wait()
        try:
            for _round in range(5):
                workspace_report = small.discovery_index.refresh(everything=True)
                assert workspace_report.indexed == 3
        except BaseException as error:  # reported below, in the test thread
            errors.append(error)

    threads = [threading.Thread(target=update) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert refs(small, text="ครีมกันแดด") == ["instagram:mint.skin"]


def test_a_minimum_quality_says_how_many_accounts_it_left_out_unaudited(
    small: Workspace,
) -> None:
    before = small.discovery.search(SearchRequest(min_quality=0), INSTALLATION)
    assert before.total == 0
    assert [str(n) for n in before.notes] == [
        "3 matching accounts are not audited yet, so the minimum quality leaves them out",
    ]
    assert before.notes[0].to_dict()["params"] == {"count": 3}
    small.audits.audit(Platform.INSTAGRAM, "mint.skin")
    after = small.discovery.search(SearchRequest(min_quality=0), INSTALLATION)
    assert [str(n) for n in after.notes] == [  # audited, whatever its score
        "2 matching accounts are not audited yet, so the minimum quality leaves them out",
    ]
    small.audits.audit_all()
    assert small.discovery.search(SearchRequest(min_quality=0), INSTALLATION).notes == ()
    assert small.discovery.search(SearchRequest(), INSTALLATION).notes == ()
