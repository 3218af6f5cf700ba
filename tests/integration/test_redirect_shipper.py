"""The click log into the ``clicks`` table on SQLite and PostgreSQL: each click exactly once
(shipped again after a lost mark, two shippers at once), finished segments deleted, a torn
last line and junk lines left out, clicks of a deleted campaign dropped; and ``kill -9`` of a
process writing clicks, and of a shipper mid-batch, loses none and doubles none."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, func, select

from kolscope.config import Settings
from kolscope.infra.db import tables as t
from kolscope.tracking.redirect.facade import Redirect, open_redirect
from kolscope.tracking.redirect.shipper import ClickShipper
from tests.integration.test_redirect_codes import (
    engine_for,
    redirect_settings,
    shop_with_link,
)

AGENT = (b"user-agent", b"Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile Safari/537.36")


@pytest.fixture
def settings(tmp_path: Path, database: str | None) -> Settings:
    return redirect_settings(tmp_path, database)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    yield from engine_for(settings)


@pytest.fixture
def redirect(settings: Settings, engine: Engine) -> Iterator[Redirect]:
    shop_with_link(engine, "abc2345")
    opened = open_redirect(settings, watch=False)
    try:
        yield opened
    finally:
        opened.close()


def stored(engine: Engine) -> list[str]:
    with engine.connect() as db:
        return list(db.execute(select(t.clicks.c.click_id)).scalars())


def marks(engine: Engine) -> list[tuple[str, int, bool]]:
    m = t.click_journal_marks
    with engine.connect() as db:
        return [tuple(r) for r in db.execute(select(m.c.segment, m.c.position, m.c.finished))]  # type: ignore[misc]


def clicks(redirect: Redirect, n: int, client: str = "203.0.113.9") -> list[str]:
    answered = []
    for _ in range(n):
        found = redirect.click("GET", "abc2345", [AGENT], client)
        assert found is not None
        answered.append(found.click_id)
    return answered


def test_each_click_is_stored_once_even_when_shipped_again(
    redirect: Redirect, settings: Settings, engine: Engine
) -> None:
    answered = clicks(redirect, 25)
    shipper = ClickShipper(engine, settings.click_journal_folder, batch_bytes=2000)
    report = shipper.ship()
    assert (report.lines, report.stored) == (25, 25)
    assert sorted(stored(engine)) == sorted(answered)
    assert shipper.ship().lines == 0  # the mark moved with the clicks
    (segment, position, finished) = marks(engine)[0]
    assert position == Path(redirect.redirector.journal.segment or "").stat().st_size
    assert not finished
    # the mark is lost (restored from an old backup): everything is read again, stored once
    with engine.begin() as db:
        db.execute(delete(t.click_journal_marks))
    again = shipper.ship()
    assert (again.lines, again.stored) == (25, 0)
    assert sorted(stored(engine)) == sorted(answered)
    assert segment in {path.name for path in shipper.segments()}


def test_a_finished_segment_is_shipped_to_its_end_then_deleted(
    redirect: Redirect, settings: Settings, engine: Engine
) -> None:
    answered = clicks(redirect, 10)
    segment = redirect.redirector.journal.segment
    assert segment is not None
    shipper = ClickShipper(engine, settings.click_journal_folder)
    assert shipper.ship().finished == []  # its writer still holds it
    answered += clicks(redirect, 5)
    redirect.redirector.journal.close()
    with segment.open("ab") as tail:  # a torn last line, as a power cut leaves one
        tail.write(b'[1,"torn-click","')
    report = shipper.ship()
    assert report.finished == [segment.name]
    assert report.lines == 5
    assert not segment.exists()
    assert marks(engine) == []
    assert sorted(stored(engine)) == sorted(answered)


def test_junk_lines_and_clicks_without_a_link_are_left_out(
    settings: Settings, engine: Engine, redirect: Redirect
) -> None:
    answered = clicks(redirect, 3)
    journal = redirect.redirector.journal
    journal.append(b"this is not a click\n")
    line = (Path(journal.segment or "").read_bytes().splitlines()[0]).replace(b",1,", b",999,", 1)
    journal.append(line.replace(answered[0].encode(), b"x" * 24) + b"\n")  # link 999: none
    report = ClickShipper(engine, settings.click_journal_folder).ship()
    assert (report.lines, report.stored, report.bad_lines, report.dropped) == (5, 3, 1, 1)
    assert sorted(stored(engine)) == sorted(answered)


def test_two_shippers_at_once_store_each_click_once(
    settings: Settings, engine: Engine, redirect: Redirect
) -> None:
    from kolscope.infra.db.engine import open_engine

    folder = settings.click_journal_folder
    redirect.redirector.journal.segment_bytes = 20_000  # many segments, finished meanwhile
    done = threading.Event()
    errors: list[BaseException] = []

    def ship_until_done() -> None:
        own = open_engine(settings.resolved_database_url)
        shipper = ClickShipper(own, folder, batch_bytes=3000)
        try:
            while not done.is_set():
                shipper.ship()
            shipper.ship()
        except BaseException as error:
            errors.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=ship_until_done) for _ in range(2)]
    for thread in threads:
        thread.start()
    answered = clicks(redirect, 600)
    redirect.redirector.journal.close()
    done.set()
    for thread in threads:
        thread.join()
    assert errors == []
    ClickShipper(engine, folder).ship()
    found = stored(engine)
    assert len(found) == len(set(found)) == 600
    assert set(found) == set(answered)
    assert list(folder.iterdir()) == []
    assert marks(engine) == []


_WRITER = """
import sys
from kolscope.config import Settings
from kolscope.tracking.redirect.facade import open_redirect
settings = Settings(workspace={workspace!r}, database_url={database!r}, secret_key={secret!r},
                    click_fsync="never", redis_url=None, geoip_database=None)
redirect = open_redirect(settings, watch=False)
headers = [(b"user-agent", b"Mozilla/5.0 (iPhone) Line/13.15.1")]
while True:
    found = redirect.click("GET", "abc2345", headers, "203.0.113.9")
    sys.stdout.write(found.click_id + "\\n")  # "answered": the click is in the log already
    sys.stdout.flush()
"""


def test_kill_9_of_a_process_writing_clicks_loses_none(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    shop_with_link(engine, "abc2345")
    script = _WRITER.format(
        workspace=str(settings.workspace),
        database=settings.database_url,
        secret=settings.secret_key,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOLSCOPE_")}
    answered: list[str] = []
    for _round in range(3):  # killed three times, a new process each time
        writer = subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env
        )
        assert writer.stdout is not None
        for line in writer.stdout:
            answered.append(line.strip())
            if len(answered) % 400 == 0:
                break
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        answered += [line for line in rest.split("\n") if len(line) == 24]  # a last whole line
    report = ClickShipper(engine, settings.click_journal_folder).ship()
    found = stored(engine)
    assert len(found) == len(set(found))
    assert set(answered) <= set(found)  # every answered click is stored
    assert len(report.finished) == 3  # the killed writers' segments are finished and gone
    assert list(settings.click_journal_folder.iterdir()) == []


_SHIPPER = """
from kolscope.infra.db.engine import open_engine
from kolscope.tracking.redirect.shipper import ClickShipper
from pathlib import Path
shipper = ClickShipper(open_engine({url!r}), Path({folder!r}), batch_bytes=4000)
print("ready", flush=True)
while True:
    shipper.ship()
"""


def test_kill_9_of_a_shipper_mid_batch_doubles_nothing(
    settings: Settings, engine: Engine, redirect: Redirect
) -> None:
    answered = clicks(redirect, 3000)
    redirect.redirector.journal.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOLSCOPE_")}
    for _round in range(3):
        script = _SHIPPER.format(
            url=settings.resolved_database_url, folder=str(settings.click_journal_folder)
        )
        shipper = subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env
        )
        assert shipper.stdout is not None
        assert shipper.stdout.readline().strip() == "ready"
        with engine.connect() as db:  # wait until it is part-way through
            while db.execute(select(func.count()).select_from(t.clicks)).scalar_one() < 200:
                db.rollback()
        shipper.send_signal(signal.SIGKILL)
        shipper.communicate()
    ClickShipper(engine, settings.click_journal_folder).ship()
    found = stored(engine)
    assert len(found) == len(set(found)) == 3000
    assert set(found) == set(answered)
