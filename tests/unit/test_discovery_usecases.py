"""Discovery over fakes: the index refresh reads the catalogue and writes profiles, searches
return the stored rows with their reasons, and shortlists and saved searches stay with their
organisation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.catalogue.importing.records import ImportKind
from kolscope.discovery.messages import BASED_IN
from kolscope.discovery.query import SearchError, SearchRequest
from kolscope.domain.brands import Brand
from kolscope.domain.platforms import Platform
from kolscope.domain.team import INSTALLATION, Role, Scope
from tests.fakes import FakeServices, fake_services
from tests.fakes.records import account_row, post_row

PASSWORD = "correct horse battery"
MINT, EATS, GADGET = "instagram:mint.skin", "instagram:bkk_eats", "tiktok:gadget.guy"


def _import(services: FakeServices, name: str, kind: ImportKind, rows: list[Any]) -> None:
    options = ImportOptions()
    path = services.files.add(name, kind, rows)
    report = services.importer.run(services.importer.plan([path], options), options)
    assert report.committed, report.to_dict()


@pytest.fixture
def small() -> FakeServices:
    """Three creators and their posts, as in the integration tests' ``small`` workspace."""
    services = fake_services()
    accounts = [
        account_row(2, "mint.skin", 8_000, display_name="มิ้นท์ สกินแคร์", country="TH",
                    province="TH-50", categories=("skincare",),
                    bio="เภสัชกร รีวิวสกินแคร์ ครีมกันแดด อธิบายส่วนผสม"),
        account_row(3, "bkk_eats", 45_000, display_name="BKK Eats", country="TH",
                    province="TH-10", categories=("food",),
                    bio="พากินก๋วยเตี๋ยว ร้านอร่อย street food"),
        account_row(4, "gadget.guy", 250_000, platform=Platform.TIKTOK, display_name="Gadget Guy",
                    country="TH", province="TH-10", categories=("IT",),
                    bio="รีวิวมือถือ เปรียบเทียบสเปก gadget reviews"),
    ]  # fmt: skip
    posts = [
        post_row(2, "mint.skin", "p1", day=date(2026, 10, 20), likes=400, comments=30,
                 caption="ครีมกันแดดตัวนี้ดีมาก ซื้อมาใช้เอง #skincaretips @moonmint.skin"),
        post_row(3, "mint.skin", "p2", day=date(2026, 10, 25), likes=500, comments=60,
                 caption="SPF 50 กับ SPF 30 ต่างกันแค่ไหน อธิบายให้ฟัง #skincaretips"),
        post_row(4, "bkk_eats", "e1", day=date(2026, 10, 10), likes=900, comments=20,
                 caption="ก๋วยเตี๋ยวเรือเจ้าเด็ด #foodie @moonmint.skin #ad", sponsored=True),
        post_row(5, "gadget.guy", "g1", day=date(2026, 10, 28), likes=9000, comments=300,
                 caption="เปรียบเทียบมือถือ 3 รุ่น แบตอึดสุด #รีวิวมือถือ",
                 platform=Platform.TIKTOK),
    ]  # fmt: skip
    _import(services, "accounts.csv", ImportKind.CREATORS, accounts)
    _import(services, "posts.csv", ImportKind.POSTS, posts)
    with services.catalogue.unit_of_work() as work:
        brand = Brand("Moonmint Skin", ("moonmint.skin",), ("moonmintskin",), "skincare")
        work.catalogue.save_brand(brand)
        work.commit()
    report = services.indexer.refresh()
    assert report.indexed == 3
    return services


def refs(services: FakeServices, **fields: Any) -> list[str]:
    return [
        hit.reference
        for hit in services.discovery.search(SearchRequest(**fields), INSTALLATION).hits
    ]


def test_an_index_refresh_writes_a_profile_per_changed_account(small: FakeServices) -> None:
    profiles = small.index.profiles
    assert sorted(small.data.accounts[i].handle for i in profiles) == [
        "bkk_eats",
        "gadget.guy",
        "mint.skin",
    ]
    mint = next(p for p in profiles.values() if p.platform == "instagram" and p.followers == 8_000)
    assert mint.facts["posts_read"] == 2
    assert {(t.kind, t.term, t.posts) for t in mint.terms} >= {("tag", "skincaretips", 2)}
    assert small.upkeep[-1] == ("index", 3)
    assert small.indexer.refresh().indexed == 0  # nothing changed
    more = post_row(2, "gadget.guy", "g2", caption="แกะกล่องหูฟังไร้สาย", platform=Platform.TIKTOK)
    _import(small, "more.csv", ImportKind.POSTS, [more])
    assert small.indexer.refresh().indexed == 1
    assert refs(small, text="หูฟังไร้สาย") == [GADGET]
    assert small.indexer.refresh(everything=True).indexed == 3


def test_keywords_hashtags_mentions_and_filters(small: FakeServices) -> None:
    assert refs(small, text="ครีมกันแดด") == [MINT]
    assert refs(small, text="ก๋วยเตี๋ยวเรือ") == [EATS]
    assert refs(small, text="spf 50") == [MINT]
    assert refs(small, text="ไม่มีคำนี้แน่นอน") == []
    assert refs(small, hashtag="#SkincareTips") == [MINT]
    assert set(refs(small, mentions="@moonmint.skin")) == {MINT, EATS}
    assert refs(small, min_followers=100_000) == [GADGET]
    assert refs(small, tier="micro") == [EATS]
    assert refs(small, province="TH-50") == [MINT]
    assert refs(small) == [GADGET, EATS, MINT]  # most followers first
    assert refs(small, limit=1, offset=1) == [EATS]


def test_a_search_returns_the_rows_with_their_reasons(small: FakeServices) -> None:
    result = small.discovery.search(
        SearchRequest(hashtag="skincaretips", province="TH-50"), INSTALLATION
    )
    assert (result.total, result.total_capped, result.indexed) == (1, False, 3)
    hit = result.hits[0]
    assert (hit.row.handle, hit.row.display_name, hit.row.followers) == (
        "mint.skin",
        "มิ้นท์ สกินแคร์",
        8_000,
    )
    assert hit.tier == "nano"
    why = [str(reason) for reason in hit.why]
    assert why[0].startswith("uses #skincaretips in 2 posts, latest 2026-10-25")
    assert "based in Chiang Mai" in why  # TH-50 by name
    assert BASED_IN(place="TH-50") in hit.why  # the message keeps the code
    assert hit.why[0].to_dict()["code"] == "discover.use.latest"
    followers = small.discovery.search(
        SearchRequest(min_followers=40_000, tier="micro"), INSTALLATION
    ).hits
    assert str(followers[0].why[-1]) == "45K followers, micro in the standard scheme"


def test_fans_are_unsponsored_mentions_only(small: FakeServices) -> None:
    result = small.discovery.search(SearchRequest(fans_of="moonmint skin"), INSTALLATION)
    assert [h.reference for h in result.hits] == [MINT]  # bkk_eats was paid (#ad)
    assert str(result.hits[0].why[0]).startswith("names moonmint skin in 1 unsponsored post")


def test_ranking_by_brand_fit_explains_the_fit(small: FakeServices) -> None:
    result = small.discovery.search(SearchRequest(brand="Moonmint Skin"), INSTALLATION)
    assert result.notes
    assert str(result.notes[0]).startswith("ranked among skincare and related niches")
    assert result.notes[0].code == "discover.note.ranked_among"
    assert result.hits
    assert all(h.fit is not None for h in result.hits)
    assert result.hits[0].reference == MINT
    assert str(result.hits[0].why[0]).startswith("fit for Moonmint Skin ")


def test_errors_name_the_option(small: FakeServices) -> None:
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


def test_list_matching_and_shortlist_members(small: FakeServices) -> None:
    match = small.discovery.match_list(
        ["@Mint.Skin", "gadget.guy", "someone_else"], SearchRequest(), INSTALLATION
    )
    assert (match.handles_read, match.accounts_found) == (3, 2)
    assert [h.reference for h in match.result.hits] == [GADGET, MINT]
    assert all(str(h.why[0]) == "on your list" for h in match.result.hits)
    assert match.not_found == ("someone_else",)
    ids = [
        small.data.account_id("tiktok", "gadget.guy"),
        small.data.account_id("instagram", "mint.skin"),
    ]
    assert [h.reference for h in small.discovery.hits_for([i for i in ids if i])] == [GADGET, MINT]


def test_shortlists_notes_and_saved_searches(small: FakeServices) -> None:
    lists = small.shortlists
    assert lists.add("Sunscreen launch", [MINT, GADGET], note="ask rate") == (2, 0)
    assert lists.add("Sunscreen launch", ["instagram:@Mint.Skin"], note="confirmed") == (0, 1)
    entries = lists.entries("Sunscreen launch")
    assert [(e.handle, e.note) for e in entries] == [
        ("mint.skin", "confirmed"),
        ("gadget.guy", "ask rate"),
    ]
    assert lists.lists()[0].entries == 2
    assert lists.remove("Sunscreen launch", GADGET)
    assert not lists.remove("Sunscreen launch", GADGET)
    assert [e.handle for e in lists.entries("Sunscreen launch")] == ["mint.skin"]
    with pytest.raises(SearchError, match="not in the workspace"):
        lists.add("Sunscreen launch", ["instagram:ghost"])
    with pytest.raises(SearchError, match="exists already"):
        lists.create(" Sunscreen   launch ")
    with pytest.raises(SearchError, match="at most 4000"):
        lists.add("Sunscreen launch", [MINT], note="x" * 4_001)
    with pytest.raises(SearchError, match="no shortlist named"):
        lists.add("Elsewhere", [MINT], create=False)
    lists.save_search("thai sunscreen", SearchRequest(text="ครีมกันแดด", niches=("skincare",)))
    saved = lists.search_named("thai sunscreen")
    assert saved.query == {
        "text": "ครีมกันแดด",
        "niches": ["skincare"],
        "sort": "relevance",
        "limit": 25,
        "offset": 0,
    }
    assert [h.reference for h in small.discovery.search(saved.request, INSTALLATION).hits] == [MINT]
    lists.save_search("thai sunscreen", SearchRequest(text="spf"))  # replaced, not doubled
    assert [s.query.get("text") for s in lists.searches()] == ["spf"]
    assert lists.delete_search("thai sunscreen")
    assert not lists.delete_search("thai sunscreen")
    lists.delete("Sunscreen launch")
    assert lists.lists() == []
    assert small.shortlist_store.entries_ == {}


def test_shortlists_stay_with_their_organisation(small: FakeServices) -> None:
    owner = small.team.create_first_owner("Agency", "o@example.com", "Olive", PASSWORD)
    rival = small.organisations.create("Rival", "r@example.com", "Rita", PASSWORD)
    ours, theirs = owner.organisation.id, rival.organisation.id
    lists = small.shortlists
    assert lists.organisation_for_cli() == ours
    lists.add("Ours", [MINT], ours, user_id=owner.id)
    lists.add("Theirs", [GADGET], theirs, user_id=rival.id)
    lists.add("Unowned", [EATS])  # the command line before anyone signed up
    assert [s.name for s in lists.lists(ours)] == ["Ours", "Unowned"]
    # unowned lists are the first organisation's, as jobs and imports are
    assert [s.name for s in lists.lists(theirs)] == ["Theirs"]
    assert [s.name for s in lists.lists()] == ["Unowned"]
    with pytest.raises(SearchError, match="no shortlist named 'Theirs'"):
        lists.entries("Theirs", ours)
    lists.add("Theirs", [MINT], ours)  # our own list of that name, apart from theirs
    assert [e.handle for e in lists.entries("Theirs", theirs)] == ["gadget.guy"]
    lists.save_search("mine", SearchRequest(text="spf"), ours)
    assert lists.searches(theirs) == []
    with pytest.raises(SearchError, match="no saved search"):
        lists.search_named("mine", theirs)
    member = small.team.add_user(owner.organisation, "m@example.com", "M", PASSWORD, Role.MEMBER)
    assert [s.name for s in lists.lists(member.organisation.id)] == ["Ours", "Theirs", "Unowned"]


def test_a_search_names_only_brands_its_scope_may_see(small: FakeServices) -> None:
    owner = small.team.create_first_owner("Agency", "o@example.com", "Olive", PASSWORD)
    rival = small.organisations.create("Rival", "r@example.com", "Rita", PASSWORD)
    with small.catalogue.unit_of_work() as work:
        theirs = work.catalogue.save_brand(
            Brand("Rival Cola", ("rival.cola",), organisation_id=rival.organisation.id)
        )
        work.commit()
    mint = small.reader.brands()[0]  # Moonmint Skin: no organisation owns it yet
    assert mint.id is not None
    client = small.team.add_user(owner.organisation, "c@example.com", "Cleo", PASSWORD, Role.CLIENT)
    small.team.set_grants(owner, client.id, {mint.id})
    granted = small.team.user(client.id)
    assert granted is not None
    fans = SearchRequest(fans_of="Moonmint Skin")
    assert [h.reference for h in small.discovery.search(fans, Scope.of(granted)).hits] == [MINT]
    small.team.set_grants(owner, client.id, set())
    ungranted = small.team.user(client.id)
    assert ungranted is not None
    with pytest.raises(SearchError, match="not in the workspace"):
        small.discovery.search(fans, Scope.of(ungranted))
    with pytest.raises(SearchError, match=r"brand 'Rival Cola' is not in the workspace"):
        small.discovery.search(SearchRequest(brand="Rival Cola"), Scope.of(owner))
    assert theirs.id is not None
    assert small.discovery.brand_named("rival.cola", Scope.of(rival)).id == theirs.id
