"""The click log and what the redirect computes per click, without a database: whole lines in
one write, a torn last line left unread, segments rotated by size with the writer's lock let
go, the fsync policies, a forked child writing its own segment; the record's line format; the
request path's visitor hashes equal to the pure ones; the click id joined into a target the
way ``tracking_url`` does it."""

from __future__ import annotations

import ipaddress
import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kolscope.tracking.clicks.hashing import network_hash, salt_day, visitor_hash
from kolscope.tracking.links.utm import tracking_url
from kolscope.tracking.redirect import journal as journal_module
from kolscope.tracking.redirect.codemap import ascii_address, destination
from kolscope.tracking.redirect.journal import (
    ClickJournal,
    host_name,
    is_hidden,
    read_complete,
    writer_gone,
)
from kolscope.tracking.redirect.record import (
    BadLineError,
    ClickRecord,
    click_rows,
    line_of,
    read_line,
    visitor_json,
)
from kolscope.tracking.redirect.service import new_click_id
from kolscope.tracking.redirect.visitor_hashes import VisitorHashes, salt_day_of

SECRET = "a-workspace-secret-for-the-tests"


def record(n: int = 1, **changes: object) -> ClickRecord:
    values: dict[str, object] = {
        "click_id": f"click{n:06d}",
        "link_id": 7,
        "clicked_at": 1_796_000_000_000_000 + n,
        "method": "GET",
        "referrer_domain": "m.facebook.com",
        "browser": "LINE",
        "os": "iOS",
        "device": "phone",
        "visitor_kind": "person",
        "visitor_reason": '{"code":"track.clicks.in_app","params":{"app":"LINE"}}',
        "country": "TH",
        "visitor_hash": "a" * 32,
        "network_hash": "b" * 32,
    }
    values.update(changes)
    return ClickRecord(**values)  # type: ignore[arg-type]


def lines_of(path: Path) -> list[bytes]:
    fd = os.open(path, os.O_RDONLY)
    try:
        return read_complete(fd, 0, 1 << 20)[0]
    finally:
        os.close(fd)


def open_fd(path: Path) -> int:
    return os.open(path, os.O_RDONLY)


# The log -----------------------------------------------------------------------------------------


def test_each_click_is_one_whole_line_in_this_process_segment(tmp_path: Path) -> None:
    log = ClickJournal(tmp_path, fsync="never")
    for n in range(3):
        log.append(record(n).line())
    assert log.segment is not None
    name = log.segment.name
    assert name.startswith(f"clicks-{host_name()}-{os.getpid()}-")
    assert name.endswith("-000001.log")
    assert [read_line(line) for line in lines_of(log.segment)] == [record(n) for n in range(3)]
    assert not [path for path in tmp_path.iterdir() if is_hidden(path)]
    log.close()


def test_a_torn_last_line_is_left_unread(tmp_path: Path) -> None:
    log = ClickJournal(tmp_path, fsync="never")
    log.append(record(1).line())
    log.append(record(2).line())
    assert log.segment is not None
    whole = log.segment.read_bytes()
    torn = record(3).line()[:25]  # a power cut in the middle of the third line
    log.segment.write_bytes(whole + torn)
    fd = open_fd(log.segment)
    try:
        lines, used = read_complete(fd, 0, 1 << 20)
        assert [read_line(line).click_id for line in lines] == ["click000001", "click000002"]
        assert used == len(whole)
        assert read_complete(fd, used, 1 << 20) == ([], 0)  # the torn bytes stay unread
    finally:
        os.close(fd)
    log.close()


def test_nul_bytes_after_a_power_cut_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "segment.log"
    path.write_bytes(record(1).line() + b"\0" * 40 + b"\n" + b"\0" * 100)
    assert [read_line(line).click_id for line in lines_of(path)] == ["click000001"]


def test_segments_rotate_by_size_and_let_go_of_the_old_ones(tmp_path: Path) -> None:
    line = record(1).line()
    log = ClickJournal(tmp_path, fsync="never", segment_bytes=len(line) * 3)
    for n in range(10):
        log.append(record(n).line())
    segments = sorted(tmp_path.iterdir())
    assert [path.name[-10:] for path in segments] == [f"{n:06d}.log" for n in (1, 2, 3, 4)]
    assert [len(lines_of(path)) for path in segments] == [3, 3, 3, 1]
    fds = [open_fd(path) for path in segments]
    try:
        # the finished segments' locks are free; the one being written is still held
        assert [writer_gone(fd) for fd in fds] == [True, True, True, False]
    finally:
        for fd in fds:
            os.close(fd)
    log.close()
    fd = open_fd(segments[-1])
    try:
        assert writer_gone(fd)  # closed: the shipper may finish it
    finally:
        os.close(fd)


@pytest.mark.parametrize(("policy", "per_append"), [("always", 1), ("never", 0), ("interval", 0)])
def test_fsync_before_each_redirect_only_when_always(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, policy: str, per_append: int
) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(journal_module.os, "fsync", lambda fd: synced.append(fd) or real(fd))
    log = ClickJournal(tmp_path, fsync=policy, fsync_seconds=3600)  # type: ignore[arg-type]
    log.append(record(1).line())  # the first opens the segment (and syncs the folder)
    before = len(synced)
    for n in range(2, 6):
        log.append(record(n).line())
    assert len(synced) - before == 4 * per_append
    log.close()


def test_the_interval_thread_forces_new_clicks_to_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced = threading.Event()
    real = os.fsync
    log = ClickJournal(tmp_path, fsync="interval", fsync_seconds=0.01)
    log.append(record(1).line())
    assert log.segment is not None
    segment_fd = log._segment.fd  # type: ignore[union-attr]

    def fsync(fd: int) -> None:
        if fd == segment_fd:
            synced.set()
        real(fd)

    monkeypatch.setattr(journal_module.os, "fsync", fsync)
    log.append(record(2).line())
    assert synced.wait(10), "the interval thread never synced the segment"
    log.close()


def test_an_unknown_fsync_policy_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="interval, always, never"):
        ClickJournal(tmp_path, fsync="sometimes")  # type: ignore[arg-type]


def test_a_forked_child_writes_its_own_segment(tmp_path: Path) -> None:
    log = ClickJournal(tmp_path, fsync="never")
    log.append(record(1).line())
    parent_segment = log.segment
    child = os.fork()
    if child == 0:  # the child: append, close, and leave without running the parent's cleanup
        try:
            log.append(record(2).line())
            log.close()
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    log.append(record(3).line())
    segments = sorted(tmp_path.iterdir())
    assert len(segments) == 2
    by_file = {path: [read_line(line).click_id for line in lines_of(path)] for path in segments}
    assert by_file[parent_segment] == ["click000001", "click000003"]  # type: ignore[index]
    (child_segment,) = [path for path in segments if path != parent_segment]
    assert by_file[child_segment] == ["click000002"]
    assert f"-{child}-" in child_segment.name
    fd = open_fd(parent_segment)  # type: ignore[arg-type]
    try:
        assert not writer_gone(fd)  # the child closing its copy kept the parent's lock
    finally:
        os.close(fd)
    log.close()


# The record's line ------------------------------------------------------------------------------


def test_a_record_reads_back_from_its_line() -> None:
    one = record(5, referrer_domain=None, country=None, visitor_reason=None)
    assert read_line(one.line().rstrip(b"\n")) == one
    assert one.line().endswith(b"\n")
    assert one.line().count(b"\n") == 1
    thai = record(6, browser="เบราว์เซอร์")  # non-ASCII is escaped: the line stays ASCII
    assert thai.line().isascii()
    assert read_line(thai.line()) == thai


@pytest.mark.parametrize(
    "line",
    [
        b"",
        b"not json",
        b'[1,"abc"]',
        b'[2,"c",7,1,"GET",null,null,null,null,"person",null,null,"a","b"]',
        b'[1,"c","7",1,"GET",null,null,null,null,"person",null,null,"a","b"]',
        b'[1,"c",7,1,"GET",null,5,null,null,"person",null,null,"a","b"]',
        record(1).line()[:40],
    ],
)
def test_lines_that_are_not_click_records_are_refused(line: bytes) -> None:
    with pytest.raises(BadLineError):
        read_line(line)


def test_a_row_fits_the_columns() -> None:
    row = record(1, browser="x" * 500, visitor_reason="y" * 500).row()
    assert len(row["browser"]) == 60
    assert len(row["visitor_reason"]) == 200
    assert row["clicked_at"] == datetime(1970, 1, 1, tzinfo=UTC) + timedelta(
        microseconds=1_796_000_000_000_001
    )


def test_click_ids_are_lower_case_and_unique() -> None:
    ids = {new_click_id() for _ in range(2000)}
    assert len(ids) == 2000
    assert all(len(i) == 24 and i.isalnum() and i == i.lower() for i in ids)


# The request path's hashes equal the pure ones -----------------------------------------------

moments = st.integers(min_value=1_600_000_000, max_value=2_000_000_000)
ipv4 = st.integers(min_value=0, max_value=2**32 - 1).map(lambda n: str(ipaddress.IPv4Address(n)))
ipv6 = st.integers(min_value=0, max_value=2**128 - 1).map(lambda n: str(ipaddress.IPv6Address(n)))
odd = st.sampled_from(["::ffff:203.0.113.9", "  203.0.113.9 ", "fe80::1%eth0", "2001:DB8::1"])


@settings(max_examples=300, deadline=None)
@given(address=st.one_of(ipv4, ipv6, odd), seconds=moments)
def test_request_path_hashes_equal_the_pure_functions(address: str, seconds: int) -> None:
    when = datetime.fromtimestamp(seconds, UTC)
    day = salt_day(when)
    assert salt_day_of(seconds) == day
    hashes = VisitorHashes(SECRET)
    assert hashes.of(address, seconds) == (
        visitor_hash(address, SECRET, day),
        network_hash(address, SECRET, day),
    )


def test_the_salt_day_turns_at_four_in_bangkok() -> None:
    hashes = VisitorHashes(SECRET)
    before = datetime(2026, 12, 7, 20, 59, 59, tzinfo=UTC).timestamp()  # 03:59:59 in Bangkok
    after = before + 1
    assert hashes.of("203.0.113.9", before) != hashes.of("203.0.113.9", after)
    assert hashes.of("203.0.113.9", after) == hashes.of("203.0.113.9", after + 3600)


def test_a_short_secret_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        VisitorHashes("short")


def test_a_bad_address_is_refused() -> None:
    with pytest.raises(ValueError, match="does not appear to be an IPv4 or IPv6 address"):
        VisitorHashes(SECRET).of("not-an-address", 1_800_000_000)


# The click id joined into a target ---------------------------------------------------------------

paths = st.sampled_from(["/", "/glow", "/p/ครีม", "/a/b.html"])
queries = st.sampled_from(["", "x=1", "ref=old&x=1", "kc=old", "q=%E0%B8%81"])
fragments = st.sampled_from(["", "top", "ส่วน"])


@settings(max_examples=150, deadline=None)
@given(path=paths, query=queries, fragment=fragments, shopify=st.booleans())
def test_the_location_is_tracking_url_with_the_click_id(
    path: str, query: str, fragment: str, shopify: bool
) -> None:
    place = f"https://shop.example{path}" + (f"?{query}" if query else "")
    place += f"#{fragment}" if fragment else ""
    target = tracking_url(place, "tiktok", "glow", "@mint", "k123", None, shopify=shopify)
    click = new_click_id()
    where = destination(1, target, 1, add_ref=shopify, tagged=True).location(click)
    expected = tracking_url(place, "tiktok", "glow", "@mint", "k123", click, shopify=shopify)
    assert where == ascii_address(expected)
    assert where.isascii()
    found = dict(parse_qsl(urlsplit(where).query))
    assert found["kc"] == click
    assert ("ref" in found and found["ref"] == click) == shopify


def test_a_marketplace_link_goes_out_as_pasted() -> None:
    pasted = "https://shopee.co.th/product/1/2?utm_content=k123----"
    assert destination(1, pasted, 1, add_ref=False, tagged=False).location("abc") == pasted


def test_thai_addresses_become_ascii() -> None:
    assert ascii_address("https://ร้าน.ไทย/ครีม?q=1#ส่วน") == (
        "https://xn--q3ct9b5e.xn--o3cw4h/%E0%B8%84%E0%B8%A3%E0%B8%B5%E0%B8%A1?q=1"
        "#%E0%B8%AA%E0%B9%88%E0%B8%A7%E0%B8%99"
    )
    assert ascii_address("https://shop.example:8443/a?b=c") == "https://shop.example:8443/a?b=c"


# The request path's line and the shipper's reading ------------------------------------------

texts = st.one_of(st.none(), st.text(max_size=80))


@settings(max_examples=200, deadline=None)
@given(
    referrer=texts,
    browser=texts,
    os_family=texts,
    device=texts,
    reason=texts,
    country=texts,
    kind=st.text(min_size=1, max_size=20),
    method=st.sampled_from(["GET", "HEAD", 'G"T\\']),
    at=st.integers(min_value=0, max_value=4_000_000_000_000_000),
)
def test_the_request_paths_line_is_the_records_line(
    referrer: str | None,
    browser: str | None,
    os_family: str | None,
    device: str | None,
    reason: str | None,
    country: str | None,
    kind: str,
    method: str,
    at: int,
) -> None:
    click, visitor, network = new_click_id(), "c" * 32, "d" * 32
    fast = line_of(
        click, 42, at, method, referrer,
        visitor_json(browser, os_family, device, kind, reason), country, visitor, network,
    )  # fmt: skip
    slow = ClickRecord(
        click, 42, at, method, referrer, browser, os_family, device, kind, reason, country,
        visitor, network,
    )  # fmt: skip
    assert fast == slow.line()
    assert read_line(fast) == slow


def test_many_lines_read_at_once_with_the_bad_ones_named() -> None:
    good = [record(n) for n in range(3)]
    long = record(9, browser="b" * 100, country="THA")
    lines = [good[0].line(), b"junk", good[1].line(), long.line(), b"[1,2]", good[2].line()]
    rows, bad = click_rows([line.rstrip(b"\n") for line in lines])
    assert [row[0] for row in rows] == ["click000000", "click000001", "click000009", "click000002"]
    assert len(bad) == 2
    assert rows[0][2] == good[0].clicked_at  # still microseconds: the shipper converts it
    assert rows[2][5] == "b" * 60  # browser cut to its column
    assert rows[2][10] == "TH"
    assert rows[0] == tuple(
        value if name != "clicked_at" else good[0].clicked_at
        for name, value in good[0].row().items()
    )
    assert click_rows([line.rstrip(b"\n") for line in lines[:3:2]])[1] == []  # all good


@settings(max_examples=200, deadline=None)
@given(at=st.integers(min_value=0, max_value=4_000_000_000_000_000))
def test_sqlite_time_stamps_are_written_as_sqlalchemy_writes_them(at: int) -> None:
    from sqlalchemy.dialects import sqlite

    from kolscope.infra.db import tables as t
    from kolscope.tracking.redirect.shipper import _stamp_text

    dialect = sqlite.dialect()
    convert = t.clicks.c.clicked_at.type.dialect_impl(dialect).bind_processor(dialect)
    assert convert is not None
    moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=at)
    assert _stamp_text(at) == convert(moment)
