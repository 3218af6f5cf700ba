"""The redirect's code map on SQLite and PostgreSQL: live codes only, no open redirect (a target
off the campaign's registered destinations is never served, a pasted marketplace link is),
refreshed when links change (fingerprint poll, full reload, the Redis channel).

Also the rows the other redirect tests build on (a campaign, its destinations and links),
written straight into the tracking tables as the tracking service writes them."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, update

from kolscope.config import Settings
from kolscope.infra.db import tables as t
from kolscope.infra.db.engine import open_engine
from kolscope.tracking.redirect.codemap import LINKS_CHANNEL, CodeMap
from kolscope.tracking.redirect.facade import prepare_database

SECRET = "a-long-enough-secret-for-the-redirect-tests"
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
_numbers = itertools.count(1)


def redirect_settings(folder: Path, database: str | None, **changes: object) -> Settings:
    values: dict[str, object] = {
        "workspace": folder / "ws",
        "database_url": database,
        "secret_key": SECRET,
        "click_fsync": "never",
        "redis_url": None,
        "geoip_database": None,
        "trusted_proxies": "",
    }
    values.update(changes)
    settings = Settings(**values)  # type: ignore[arg-type]
    prepare_database(settings)
    return settings


@pytest.fixture
def settings(tmp_path: Path, database: str | None) -> Settings:
    return redirect_settings(tmp_path, database)


def engine_for(settings: Settings) -> Iterator[Engine]:
    """An engine on the settings' database, for the time of a test (a fixture's body)."""
    opened = open_engine(settings.resolved_database_url)
    try:
        yield opened
    finally:
        opened.dispose()


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    yield from engine_for(settings)


def add_campaign(engine: Engine) -> tuple[int, int]:
    """A campaign of a brand, and one creator's account: (campaign id, account id)."""
    n = next(_numbers)
    with engine.begin() as db:
        brand = db.execute(
            insert(t.brands).values(
                name=f"Brand {n}", handles=[], hashtags=[], competitors=[], created_at=NOW
            )
        ).inserted_primary_key[0]
        campaign = db.execute(
            insert(t.campaigns).values(
                brand_id=brand,
                name=f"Campaign {n}",
                objective="conversion",
                budget_thb=1.0,
                status="draft",
                brief={},
                created_at=NOW,
                updated_at=NOW,
            )
        ).inserted_primary_key[0]
        creator = db.execute(
            insert(t.creators).values(
                display_name="Mint", languages=[], created_at=NOW, updated_at=NOW
            )
        ).inserted_primary_key[0]
        account = db.execute(
            insert(t.accounts).values(
                creator_id=creator,
                platform="tiktok",
                handle=f"mint{n}",
                handle_key=f"mint{n}",
                categories=[],
                languages=[],
                created_at=NOW,
                updated_at=NOW,
            )
        ).inserted_primary_key[0]
    return int(campaign), int(account)


def add_destination(engine: Engine, campaign: int, url: str, shop_kind: str | None = None) -> int:
    with engine.begin() as db:
        made = db.execute(
            insert(t.campaign_destinations).values(
                campaign_id=campaign, url=url, shop_kind=shop_kind, created_at=NOW
            )
        ).inserted_primary_key[0]
    return int(made)


def add_link(
    engine: Engine,
    campaign: int,
    account: int,
    code: str,
    target: str,
    destination: int | None,
    marketplace: str | None = None,
) -> int:
    with engine.begin() as db:
        made = db.execute(
            insert(t.tracking_links).values(
                campaign_id=campaign,
                account_id=account,
                destination_id=destination,
                code=code,
                target=target,
                medium="influencer",
                marketplace=marketplace,
                token=f"k{code}",
                created_at=NOW,
            )
        ).inserted_primary_key[0]
    return int(made)


def shop_with_link(engine: Engine, code: str = "abc2345", shop_kind: str | None = "shopify") -> int:
    """A campaign with a registered shop and one creator's link to it; the link's id."""
    campaign, account = add_campaign(engine)
    place = add_destination(engine, campaign, "https://moonmint.example/glow", shop_kind)
    target = "https://moonmint.example/glow?utm_source=tiktok&utm_medium=influencer&utm_id=k1"
    return add_link(engine, campaign, account, code, target, place)


def delete_link(engine: Engine, code: str) -> None:
    with engine.begin() as db:
        db.execute(
            update(t.tracking_links).where(t.tracking_links.c.code == code).values(deleted_at=NOW)
        )


# The map ------------------------------------------------------------------------------------------


def test_live_codes_are_served_deleted_and_unknown_ones_are_not(engine: Engine) -> None:
    link = shop_with_link(engine, "abc2345")
    shop_with_link(engine, "gone234", shop_kind=None)
    delete_link(engine, "gone234")
    codes = CodeMap(engine)
    codes.reload()
    found = codes.get("abc2345")
    assert found is not None
    assert found.link_id == link
    assert found.add_ref
    assert codes.get("ABC2345") == found  # typed in capitals
    assert codes.get("gone234") is None
    assert codes.get("nothing") is None
    assert len(codes) == 1


def test_no_open_redirect_targets_off_the_registered_destinations_are_not_served(
    engine: Engine,
) -> None:
    campaign, account = add_campaign(engine)
    other, _ = add_campaign(engine)
    place = add_destination(engine, campaign, "https://moonmint.example/glow")
    add_destination(engine, other, "https://evil.example/")
    add_link(engine, campaign, account, "good234", "https://moonmint.example/p?utm_id=1", place)
    # a row edited by hand, or written by a bug: the host of another campaign's destination
    add_link(engine, campaign, account, "evil234", "https://evil.example/phish", place)
    add_link(engine, campaign, account, "user234", "https://moonmint.example@evil.example/", place)
    add_link(engine, campaign, account, "js23456", "javascript:alert(1)", place)
    # pasted marketplace links need no registered destination; anything else pasted does
    add_link(engine, campaign, account, "shopee2", "https://shopee.co.th/x?utm_content=k1----",
             None, "shopee")  # fmt: skip
    add_link(engine, campaign, account, "paste23", "https://evil.example/", None, "shopee")
    codes = CodeMap(engine)
    codes.reload()
    assert codes.get("good234") is not None
    assert codes.get("shopee2") is not None
    assert not codes.get("shopee2").tagged  # type: ignore[union-attr]
    for refused in ("evil234", "user234", "js23456", "paste23"):
        assert codes.get(refused) is None, refused


def test_the_map_follows_added_deleted_and_edited_links(engine: Engine) -> None:
    ticks = iter(itertools.count(0, 1.0))
    codes = CodeMap(engine, full_seconds=60, clock=lambda: float(next(ticks)))
    codes.reload()
    assert not codes.refresh()  # nothing changed
    shop_with_link(engine, "new2345")
    assert codes.refresh()
    assert codes.get("new2345") is not None
    delete_link(engine, "new2345")
    assert codes.refresh()
    assert codes.get("new2345") is None
    # an edit the fingerprint cannot see (a target of the same length) waits for the full reload
    link = shop_with_link(engine, "edit234")
    codes.refresh()
    with engine.begin() as db:
        db.execute(
            update(t.tracking_links)
            .where(t.tracking_links.c.id == link)
            .values(target="https://moonmint.example/GLOW?utm_source=tiktok&utm_medium=influencer&utm_id=k1")
        )  # fmt: skip
    assert not codes.refresh()
    assert "/glow?" in codes.get("edit234").target  # type: ignore[union-attr]
    for _ in range(60):
        codes.refresh()
    assert "/GLOW?" in codes.get("edit234").target  # type: ignore[union-attr]


def test_a_change_published_on_redis_reloads_at_once(engine: Engine, redis_url: str) -> None:
    import redis

    codes = CodeMap(engine, redis_url=redis_url, poll_seconds=3600, full_seconds=3600)
    codes.start()
    client = redis.Redis.from_url(redis_url)
    try:
        shop_with_link(engine, "pub2345")
        deadline = time.monotonic() + 20
        while codes.get("pub2345") is None and time.monotonic() < deadline:
            client.publish(LINKS_CHANNEL, b"changed")  # until the listener has subscribed
            time.sleep(0.05)
        assert codes.get("pub2345") is not None
    finally:
        client.close()
        codes.close()
