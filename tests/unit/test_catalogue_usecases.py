"""The catalogue's use cases over fakes (no database, no files): importing all-or-nothing,
repeats, pseudonyms, the import log, and browsing creators."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kolscope.catalogue.creators import CreatorFilters
from kolscope.catalogue.demo.build import DemoData, build_demo
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.catalogue.importing.records import ImportKind, RowProblem
from kolscope.catalogue.importing.service import ImportReport, pseudonymise_commenters
from kolscope.catalogue.ports import ImportFileError
from kolscope.domain.audience import AudienceDimension
from kolscope.domain.brands import Brand
from kolscope.domain.platforms import Platform
from tests.fakes import FakeDemoSource, FakeServices, fake_services
from tests.fakes.records import (
    account_row,
    audience_row,
    comment_row,
    follower_row,
    post_row,
)

CREATORS = ImportKind.CREATORS
FEMALE = (AudienceDimension.GENDER, "female")


@pytest.fixture
def services() -> FakeServices:
    return fake_services()


def run(
    services: FakeServices, *paths: Path, dry_run: bool = False, **options: object
) -> ImportReport:
    chosen = ImportOptions(**options)  # type: ignore[arg-type]
    plans = services.importer.plan(list(paths), chosen)
    return services.importer.run(plans, chosen, dry_run=dry_run)


def creators_file(services: FakeServices, name: str, count: int, **row: object) -> Path:
    rows = [account_row(i + 2, f"creator_{i}", 5_000 + i, **row) for i in range(count)]  # type: ignore[arg-type]
    return services.files.add(name, CREATORS, rows)


def test_a_clean_import_commits_every_row(services: FakeServices) -> None:
    report = run(services, creators_file(services, "creators.csv", 3))
    assert report.committed
    assert report.status == "succeeded"
    counts = report.files[0].counts
    assert (counts.rows_read, counts.imported, counts.created) == (3, 3, 3)
    detail = services.creators.show(Platform.INSTAGRAM, "@Creator_1")
    assert detail is not None
    assert detail.account.followers == 5_001
    assert [s.taken_on for s in detail.account.snapshots] == [date(2026, 11, 1)]
    assert services.reader.totals().accounts == 3
    logged = services.import_log.recent_imports(1)[0]
    assert (logged.id, logged.status, logged.kind) == (report.import_id, "succeeded", "creators")
    assert logged.summary is not None
    assert logged.summary["files"][0]["imported"] == 3
    assert services.upkeep == [("import", (["creators"], 3))]


def test_one_bad_row_writes_nothing_and_names_file_row_and_field(services: FakeServices) -> None:
    problem = RowProblem("bad.csv", 3, "followers", "cannot read '12,3a' as a number")
    missing = RowProblem("bad.csv", 5, "handle", "missing")
    rows = [account_row(2, "a"), problem, account_row(4, "b"), missing]
    report = run(services, services.files.add("bad.csv", CREATORS, rows))
    assert not report.committed
    assert [str(p) for p in report.files[0].problems] == [
        "bad.csv, row 3, field \"followers\": cannot read '12,3a' as a number",
        'bad.csv, row 5, field "handle": missing',
    ]
    counts = report.files[0].counts
    assert (counts.rows_read, counts.rejected, counts.imported, counts.created) == (4, 2, 0, 0)
    assert services.reader.totals().accounts == 0
    logged = services.import_log.recent_imports(1)[0]
    assert logged.status == "failed"
    assert logged.error == str(problem)
    assert services.upkeep == []


def test_a_bad_row_after_whole_batches_were_written_keeps_none_of_them() -> None:
    services = fake_services(batch_size=2)
    rows = [account_row(i + 2, f"c{i}") for i in range(5)]
    rows.append(RowProblem("late.csv", 7, "followers", "not a number"))  # type: ignore[arg-type]
    report = run(services, services.files.add("late.csv", CREATORS, rows))
    assert not report.committed
    counts = report.files[0].counts
    assert (counts.imported, counts.created, counts.updated) == (0, 0, 0)
    assert services.reader.totals().accounts == 0
    assert [u.rollbacks for u in services.catalogue.units] == [1]


def test_partial_keeps_the_good_rows_and_lists_the_rest(services: FakeServices) -> None:
    rows = [account_row(2, "a"), RowProblem("p.csv", 3, "followers", "lots"), account_row(4, "b")]
    report = run(services, services.files.add("p.csv", CREATORS, rows), partial=True)
    assert report.committed
    counts = report.files[0].counts
    assert (counts.imported, counts.rejected) == (2, 1)
    assert [p.row for p in report.files[0].problems] == [3]
    assert services.reader.totals().accounts == 2


def test_a_dry_run_says_what_is_new_and_writes_nothing(services: FakeServices) -> None:
    report = run(services, creators_file(services, "c.csv", 3), dry_run=True)
    assert report.status == "dry-run"
    assert report.files[0].counts.created == 3
    assert report.files[0].counts.imported == 0
    assert services.reader.totals().accounts == 0
    assert services.import_log.recent_imports(1)[0].status == "dry-run"


def test_repeats_count_once_and_a_reimport_changes_nothing(services: FakeServices) -> None:
    rows = [account_row(2, "mint", 5_000), account_row(3, "@Mint", 9_999), account_row(4, "ploy")]
    path = services.files.add("twice.csv", CREATORS, rows)
    report = run(services, path)
    counts = report.files[0].counts
    assert (counts.imported, counts.duplicates, counts.created) == (2, 1, 2)
    assert [str(w) for w in counts.warnings] == ["row 3: repeats row 2; kept row 2"]
    shown = services.creators.show(Platform.INSTAGRAM, "mint")
    assert shown is not None
    assert shown.account.followers == 5_000  # the first row is kept
    before = services.reader.totals()
    again = run(services, path)
    assert again.committed
    assert (again.files[0].counts.created, again.files[0].counts.updated) == (0, 0)
    assert services.reader.totals() == before


def test_monthly_files_add_snapshots_and_the_newest_counts_win(services: FakeServices) -> None:
    newer = creators_file(services, "nov.csv", 2, day=date(2022, 11, 1))
    older = services.files.add(
        "sep.csv", CREATORS, [account_row(2, "creator_0", 7_000, day=date(2022, 9, 1))]
    )
    run(services, newer)
    run(services, older)
    shown = services.creators.show(Platform.INSTAGRAM, "creator_0")
    assert shown is not None
    account = shown.account
    assert [(s.taken_on, s.followers) for s in account.snapshots] == [
        (date(2022, 9, 1), 7_000),
        (date(2022, 11, 1), 5_000),
    ]
    assert account.followers == 5_000  # the older file does not overwrite the latest count
    assert (account.first_seen, account.last_seen) == (date(2022, 9, 1), date(2022, 11, 1))


def test_posts_comments_and_pseudonyms(services: FakeServices) -> None:
    run(services, creators_file(services, "c.csv", 2))
    posts = [post_row(2, "creator_0", "p1", caption="#รีวิว"), post_row(3, "creator_0", "p2")]
    noon = datetime(2026, 11, 2, 12, tzinfo=UTC)
    comments = [
        comment_row(2, "p1", "สวยมากกก 555", author="Creator_1", at=noon),
        comment_row(3, "p1", "ราคาเท่าไหร่", author="random.fan", at=noon),
        comment_row(4, "p1", "ราคาเท่าไหร่", author="random.fan", at=noon),
    ]
    report = run(
        services,
        services.files.add("posts.csv", ImportKind.POSTS, posts),
        services.files.add("comments.csv", ImportKind.COMMENTS, comments),
    )
    assert report.committed, report.to_dict()
    assert [f.counts.imported for f in report.files] == [2, 2]
    assert report.files[1].counts.duplicates == 1
    detail = services.creators.show(Platform.INSTAGRAM, "creator_0")
    assert detail is not None
    assert (detail.post_count, detail.comment_count) == (2, 2)
    authors = {c.text: (c.author, c.author_is_pseudonym) for c in detail.recent_comments}
    assert authors["สวยมากกก 555"] == ("Creator_1", False)  # a tracked creator keeps the handle
    hidden, pseudonymous = authors["ราคาเท่าไหร่"]
    assert pseudonymous
    assert hidden is not None
    assert hidden.startswith("anon:")
    again = run(services, services.files.add("again.csv", ImportKind.COMMENTS, comments))
    assert again.files[0].counts.created == 0
    assert services.reader.totals().comments == 2


def test_comments_audiences_and_followers_of_unknown_things_are_refused(
    services: FakeServices,
) -> None:
    comments = services.files.add(
        "c.csv", ImportKind.COMMENTS, [comment_row(2, "nope", "hi", author="x")]
    )
    report = run(services, comments)
    assert not report.committed
    assert str(report.files[0].problems[0]) == (
        "c.csv, row 2, field \"post_id\": post 'nope' on instagram is not in the workspace: "
        "import the posts first"
    )
    audience = [audience_row(2, "ghost", {FEMALE: 0.6})]
    followers = [follower_row(2, "ghost")]
    for kind, rows in ((ImportKind.AUDIENCE, audience), (ImportKind.FOLLOWERS, followers)):
        failed = run(services, services.files.add(f"{kind}.csv", kind, rows))
        assert not failed.committed
        assert "import it as a creator first" in str(failed.files[0].problems[0])
    assert services.reader.totals().audience_profiles == 0


def test_audiences_and_follower_samples_are_replaced_not_doubled(services: FakeServices) -> None:
    run(services, creators_file(services, "c.csv", 1))
    audience = services.files.add(
        "a.csv", ImportKind.AUDIENCE, [audience_row(2, "creator_0", {FEMALE: 0.62})]
    )
    followers = services.files.add(
        "f.csv",
        ImportKind.FOLLOWERS,
        [follower_row(2, "creator_0", fake=True), follower_row(3, "creator_0", fake=False)],
    )
    for _ in range(2):
        assert run(services, audience, followers).committed
    detail = services.creators.show(Platform.INSTAGRAM, "creator_0")
    assert detail is not None
    assert [p.by_dimension(AudienceDimension.GENDER) for p in detail.audience] == [{"female": 0.62}]
    sample = detail.follower_samples[0]
    assert (len(detail.follower_samples), sample.size, sample.labelled, sample.labelled_fake) == (
        1,
        2,
        2,
        1,
    )


def test_a_repeated_wide_audience_row_is_one_repeated_row(services: FakeServices) -> None:
    run(services, creators_file(services, "c.csv", 1))
    wide = {
        FEMALE: 0.6,
        (AudienceDimension.GENDER, "male"): 0.4,
        (AudienceDimension.AGE, "18-24"): 0.5,
    }
    rows = [audience_row(2, "creator_0", wide), audience_row(3, "creator_0", wide)]
    report = run(services, services.files.add("a.csv", ImportKind.AUDIENCE, rows))
    assert report.committed
    counts = report.files[0].counts
    assert (counts.rows_read, counts.imported, counts.duplicates) == (2, 1, 1)


def test_a_file_that_cannot_be_read(services: FakeServices) -> None:
    with pytest.raises(ImportFileError) as error:
        services.importer.plan([Path("missing.csv")], ImportOptions())
    assert error.value.problem.file == "missing.csv"
    broken = ImportFileError(RowProblem("half.csv", None, None, "the file ends inside a quote"))
    path = services.files.add("half.csv", CREATORS, [account_row(2, "a"), broken])
    report = run(services, path)
    assert not report.committed
    assert report.error == "half.csv: the file ends inside a quote"
    assert [str(p) for p in report.files[0].problems] == [report.error]
    assert services.reader.totals().accounts == 0
    assert services.import_log.recent_imports(1)[0].status == "failed"


def test_a_crash_is_logged_as_failed_and_a_stop_as_interrupted(services: FakeServices) -> None:
    crash = services.files.add("crash.csv", CREATORS, [account_row(2, "a"), OSError("disk full")])
    with pytest.raises(OSError, match="disk full"):
        run(services, crash)
    stop = services.files.add("stop.csv", CREATORS, [account_row(2, "b"), KeyboardInterrupt()])
    with pytest.raises(KeyboardInterrupt):
        run(services, stop)
    stopped, crashed = services.import_log.recent_imports(2)
    assert (crashed.status, crashed.error) == ("failed", "OSError: disk full")
    assert stopped.status == "interrupted"
    assert stopped.error == "stopped (KeyboardInterrupt) before the end; nothing was written"
    assert services.reader.totals().accounts == 0


def test_the_import_log_is_per_organisation_and_knows_each_jobs_import(
    services: FakeServices,
) -> None:
    owner = services.team.create_first_owner("Agency", "o@example.com", "Owner", "long password 1")
    rival = services.team_store.create_organisation("Rival", services.clock())
    ours, theirs = owner.organisation.id, rival.id
    path = creators_file(services, "c.csv", 1)
    options = ImportOptions()
    plans = services.importer.plan([path], options)
    mine = services.importer.run(plans, options, organisation_id=ours, job_id=7)
    unowned = services.importer.run(plans, options)
    rivals = services.importer.run(plans, options, organisation_id=theirs)
    log = services.import_log
    assert [i.id for i in log.recent_imports(10, ours)] == [unowned.import_id, mine.import_id]
    assert [i.id for i in log.recent_imports(10, theirs)] == [rivals.import_id]
    found = services.importer.import_of_job(7)
    assert found is not None
    assert found.id == mine.import_id
    assert services.importer.import_of_job(8) is None
    running = log.start_import("creators", [], job_id=9)
    services.importer.interrupt_job_imports(9)
    assert log.imports[running].summary.status == "interrupted"


def test_a_killed_import_reads_as_interrupted_once_its_heartbeat_is_stale(
    services: FakeServices,
) -> None:
    log = services.import_log
    started = log.start_import("creators", [])
    log.kill(started)
    services.clock.advance(30)
    assert log.recent_imports(1)[0].status == "running"
    services.clock.advance(31)
    assert log.recent_imports(1)[0].status == "interrupted"


def test_unit_of_work_writes_show_only_after_commit(services: FakeServices) -> None:
    with services.catalogue.unit_of_work() as uow:
        uow.catalogue.write_accounts([account_row(2, "a")], 1)
        assert services.reader.totals().accounts == 0  # not committed yet
        uow.rollback()
        uow.catalogue.write_accounts([account_row(2, "b")], 1)
        uow.commit()
    with services.catalogue.unit_of_work() as uow:
        uow.catalogue.write_accounts([account_row(2, "c")], 2)  # left without commit
    assert [a.handle for a in services.data.accounts.values()] == ["b"]


def test_listing_creators_by_tier_text_and_sort(services: FakeServices) -> None:
    rows = [
        account_row(2, "small", 900, display_name="ส้ม รีวิว"),
        account_row(3, "micro_a", 20_000, bio="Skincare reviews", categories=("beauty",)),
        account_row(4, "micro_b", 50_000, platform=Platform.TIKTOK),
        account_row(5, "unknown", None),
    ]
    run(services, services.files.add("c.csv", CREATORS, rows))
    micro = services.creators.list(CreatorFilters(tier="micro"))
    assert [a.handle for a in micro.page.accounts] == ["micro_b", "micro_a"]
    assert micro.page.total == 2
    everyone = services.creators.list(CreatorFilters(sort="-followers"))
    assert [a.handle for a in everyone.page.accounts] == ["small", "micro_a", "micro_b", "unknown"]
    found = services.creators.list(CreatorFilters(text="SKINCARE"))
    assert [a.handle for a in found.page.accounts] == ["micro_a"]
    assert [a.handle for a in services.creators.list(CreatorFilters(text="ส้ม")).page.accounts] == [
        "small"
    ]
    tiktok = services.creators.list(CreatorFilters(platforms=(Platform.TIKTOK,), limit=1))
    assert (tiktok.page.total, tiktok.page.accounts[0].handle) == (1, "micro_b")
    with pytest.raises(ValueError, match="limit"):
        services.creators.list(CreatorFilters(limit=0))
    with pytest.raises(ValueError, match="no tier"):
        services.creators.list(CreatorFilters(tier="giant"))


def test_one_account_with_its_creator_posts_and_audience(services: FakeServices) -> None:
    rows = [
        account_row(2, "mint.ig", 9_000, creator_key="mint"),
        account_row(3, "mint.tt", 40_000, platform=Platform.TIKTOK, creator_key="mint"),
    ]
    run(services, services.files.add("c.csv", CREATORS, rows))
    posts = [post_row(i + 2, "mint.ig", f"p{i}", day=date(2026, 10, i + 1)) for i in range(14)]
    run(services, services.files.add("p.csv", ImportKind.POSTS, posts))
    detail = services.creators.show(Platform.INSTAGRAM, "mint.ig")
    assert detail is not None
    assert [a.reference for a in detail.creator.accounts] == ["tiktok:mint.tt", "instagram:mint.ig"]
    assert detail.post_count == 14
    assert [p.platform_post_id for p in detail.recent_posts[:2]] == ["p13", "p12"]
    assert len(detail.recent_posts) == 12
    assert services.creators.show(Platform.INSTAGRAM, "nobody") is None
    assert services.reader.totals().creators == 1


def test_the_demo_is_written_in_one_unit_of_work(services: FakeServices, tmp_path: Path) -> None:
    data = DemoData(
        accounts=[account_row(2, "demo_a"), account_row(3, "demo_b")],
        posts=[post_row(2, "demo_a", "d1")],
        comments=[comment_row(2, "d1", "ดีมาก", author="someone")],
        brands=[Brand("Sunny", handles=("sunny.th",))],
        ground_truth={"accounts": {"instagram:demo_a": {}}},
    )
    source = FakeDemoSource(data)
    summary = build_demo(
        source,
        services.catalogue.unit_of_work,
        services.import_log,
        lambda rows, writer: pseudonymise_commenters(rows, writer, "secret"),
        tmp_path,
        seed=1,
        creators=2,
        today=date(2026, 11, 1),
    )
    assert source.asked == [(1, 2, date(2026, 11, 1))]
    assert (summary.accounts, summary.posts, summary.comments, summary.brands) == (2, 1, 1, 1)
    totals = services.reader.totals()
    assert (totals.accounts, totals.posts, totals.comments, totals.brands) == (2, 1, 1, 1)
    assert services.import_log.recent_imports(1)[0].status == "succeeded"
    assert summary.ground_truth_path.exists()
    brand = services.reader.brands()[0]
    assert replace(brand, id=None) == Brand("Sunny", handles=("sunny.th",))
