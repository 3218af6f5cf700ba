"""What a click is: real user agents classed as people, bots, link previews and headless
browsers (the LINE and Facebook in-app browsers are people); HEAD is a preview; the salted
visitor and network hashes (stable within a salt day, different across days and secrets, never
the IP); referrer domains; unique clicks (one an hour per visitor and link) and bursts, against
brute-force references with hypothesis."""

from __future__ import annotations

import ipaddress
import random
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kolscope.domain.messages import Message
from kolscope.tracking.clicks.counting import (
    BURST_SECONDS,
    NETWORK_BURST,
    UNIQUE_WINDOW,
    VISITOR_BURST,
    Click,
    count_clicks,
    find_bursts,
    unique_clicks,
)
from kolscope.tracking.clicks.hashing import (
    daily_salt,
    network_hash,
    referrer_domain,
    salt_day,
    visitor_hash,
)
from kolscope.tracking.clicks.visitor import KINDS, classify

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.1 Mobile/15E148 Safari/604.1"
)
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
IPAD = (
    "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/16.6 Mobile/15E148 Safari/604.1"
)
LINE_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Mobile/15E148 Safari Line/13.14.0"
)
LINE_ANDROID = (
    "Mozilla/5.0 (Linux; Android 13; SM-A536E Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/116.0.5845.163 Mobile Safari/537.36 Line/13.15.1/IAB"
)
FACEBOOK_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.0;FBSS/3;"
    "FBID/phone;FBLC/en_US;FBOP/5]"
)
FACEBOOK_ANDROID = (
    "Mozilla/5.0 (Linux; Android 13; SM-S901B Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/118.0.5993.111 Mobile Safari/537.36 "
    "[FB_IAB/FB4A;FBAV/438.0.0.33.118;]"
)

# user agent, kind, the name the reason gives (fetcher, app, marker or match), device
TABLE = [
    (CHROME, "person", None, "computer"),
    (SAFARI_IPHONE, "person", None, "phone"),
    (ANDROID_CHROME, "person", None, "phone"),
    (IPAD, "person", None, "tablet"),
    (LINE_IOS, "person", "LINE", "phone"),
    (LINE_ANDROID, "person", "LINE", "phone"),
    (FACEBOOK_IOS, "person", "Facebook", "phone"),
    (FACEBOOK_ANDROID, "person", "Facebook", "phone"),
    (
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "preview",
        "Facebook",
        "other",
    ),
    ("Facebot", "preview", "Facebook", "other"),
    ("Twitterbot/1.0", "preview", "X", "other"),
    ("facebookexternalhit/1.1;line-poker/1.0", "preview", "LINE", "other"),
    ("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "preview", "Slack", "other"),
    (
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "preview",
        "Discord",
        "other",
    ),
    ("WhatsApp/2.23.20.0 A", "preview", "WhatsApp", "other"),
    ("TelegramBot (like TwitterBot)", "preview", "Telegram", "other"),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) "
        "Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
        "preview",
        "iMessage",
        "computer",
    ),
    (
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "bot",
        "Googlebot",
        "other",
    ),
    (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/120.0.0.0 Safari/537.36",
        "headless",
        "HeadlessChrome",
        "computer",
    ),
    (
        "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 "
        "Safari/538.1",
        "headless",
        "PhantomJS",
        "other",
    ),
    ("curl/8.4.0", "bot", "curl", "other"),
    ("Wget/1.21.4", "bot", None, "other"),
    ("python-requests/2.31.0", "bot", None, "other"),
    ("", "bot", None, "other"),
]


@pytest.mark.parametrize(("agent", "kind", "name", "device"), TABLE)
def test_real_user_agents_are_classed(agent: str, kind: str, name: str | None, device: str) -> None:
    visitor = classify(agent)
    assert (visitor.kind, visitor.device) == (kind, device), str(visitor.why)
    assert visitor.counted == (kind == "person")
    if name is not None:
        assert name in visitor.why.params.values(), visitor.why
    assert "{" not in str(visitor.why)


def test_in_app_browsers_are_people_with_their_app_named() -> None:
    for agent, app, os in (
        (LINE_IOS, "LINE", "iOS"),
        (LINE_ANDROID, "LINE", "Android"),
        (FACEBOOK_IOS, "Facebook", "iOS"),
        (FACEBOOK_ANDROID, "Facebook", "Android"),
    ):
        visitor = classify(agent)
        assert visitor.kind == "person"
        assert visitor.why.code == "track.clicks.in_app"
        assert visitor.why.params == {"app": app}
        assert visitor.browser == app
        assert visitor.os == os


def test_what_a_visitor_keeps_is_the_class_not_the_user_agent() -> None:
    visitor = classify(LINE_ANDROID)
    kept = " ".join([visitor.browser, visitor.os, visitor.device, str(visitor.why)])
    assert "13.15" not in kept
    assert "SM-A536E" not in kept
    assert "116.0" not in kept


@pytest.mark.parametrize("agent", [CHROME, LINE_IOS, FACEBOOK_ANDROID, ""])
def test_a_head_request_is_a_preview_whoever_sends_it(agent: str) -> None:
    visitor = classify(agent, "HEAD")
    assert visitor.kind == "preview"
    assert visitor.why.code == "track.clicks.head"
    assert classify(agent, "head").kind == "preview"


def test_a_bot_pretending_to_be_in_line_is_still_caught() -> None:
    agent = "Mozilla/5.0 HeadlessChrome/120.0.0.0 Safari/537.36 Line/13.14.0"
    assert classify(agent).kind == "headless"
    assert classify("facebookexternalhit/1.1 Line/13.1.0").kind == "preview"


@given(st.text(max_size=200), st.sampled_from(["GET", "POST", "HEAD", "get"]))
@settings(max_examples=200, deadline=None)
def test_any_user_agent_gets_a_class(agent: str, method: str) -> None:
    visitor = classify(agent, method)
    assert visitor.kind in KINDS
    assert isinstance(visitor.why, Message)
    assert str(visitor.why)


# The visitor's hash -----------------------------------------------------------------------------
SECRET = "a workspace secret of enough bytes"
DAY = date(2026, 12, 7)


def test_the_hash_is_stable_within_a_day_and_differs_across_days_and_secrets() -> None:
    one = visitor_hash("203.0.113.9", SECRET, DAY)
    assert one == visitor_hash("203.0.113.9", SECRET, DAY)
    assert one != visitor_hash("203.0.113.9", SECRET, DAY + timedelta(days=1))
    assert one != visitor_hash("203.0.113.9", "another workspace's secret!!", DAY)
    assert one != visitor_hash("203.0.113.10", SECRET, DAY)
    assert len(one) == 32
    assert int(one, 16) >= 0
    assert daily_salt(SECRET, DAY) != daily_salt(SECRET, DAY + timedelta(days=1))


def test_ipv6_works_and_one_address_written_two_ways_is_one_visitor() -> None:
    full = "2001:0db8:0000:0000:0000:0000:0000:0001"
    assert visitor_hash(full, SECRET, DAY) == visitor_hash("2001:db8::1", SECRET, DAY)
    assert visitor_hash("::ffff:203.0.113.9", SECRET, DAY) == visitor_hash(
        "203.0.113.9", SECRET, DAY
    )
    assert visitor_hash("2001:db8::1", SECRET, DAY) != visitor_hash("2001:db8::2", SECRET, DAY)


def test_networks_are_a_24_for_ipv4_and_a_48_for_ipv6() -> None:
    net = network_hash("203.0.113.9", SECRET, DAY)
    assert net == network_hash("203.0.113.250", SECRET, DAY)
    assert net != network_hash("203.0.114.9", SECRET, DAY)
    assert net != visitor_hash("203.0.113.0", SECRET, DAY)
    six = network_hash("2001:db8:1:aaaa::1", SECRET, DAY)
    assert six == network_hash("2001:db8:1:bbbb::2", SECRET, DAY)
    assert six != network_hash("2001:db8:2::1", SECRET, DAY)


def test_a_short_secret_or_a_non_address_is_refused() -> None:
    with pytest.raises(ValueError, match="secret"):
        visitor_hash("203.0.113.9", "short", DAY)
    with pytest.raises(ValueError, match="does not appear to be an IPv4 or IPv6 address"):
        visitor_hash("not an address", SECRET, DAY)


@given(st.ip_addresses(), st.dates())
@settings(max_examples=200, deadline=None)
def test_a_hash_never_contains_the_ip(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, day: date
) -> None:
    for hashed in (
        visitor_hash(str(address), SECRET, day),
        network_hash(str(address), SECRET, day),
    ):
        assert str(address) not in hashed
        assert address.exploded not in hashed
        assert address.packed.hex() not in hashed
        assert len(hashed) == 32


def test_the_salt_day_turns_at_four_in_the_morning_in_bangkok() -> None:
    # 20:59 UTC on the 7th is 03:59 on the 8th in Bangkok, still the 7th's salt day; 21:00 UTC
    # is 04:00, the 8th's; midnight in Bangkok (17:00 UTC) changes nothing
    assert salt_day(datetime(2026, 12, 7, 20, 59, tzinfo=UTC)) == date(2026, 12, 7)
    assert salt_day(datetime(2026, 12, 7, 21, 0, tzinfo=UTC)) == date(2026, 12, 8)
    assert salt_day(datetime(2026, 12, 7, 16, 59, tzinfo=UTC)) == date(2026, 12, 7)
    assert salt_day(datetime(2026, 12, 7, 17, 0, tzinfo=UTC)) == date(2026, 12, 7)
    with pytest.raises(ValueError, match="timezone"):
        salt_day(datetime(2026, 12, 7, 12, 0))


@pytest.mark.parametrize(
    ("referrer", "domain"),
    [
        ("https://www.facebook.com/some.person/posts/123?fbclid=abc", "facebook.com"),
        ("https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com", "l.facebook.com"),
        ("http://M.Facebook.com:8080/x", "m.facebook.com"),
        ("https://user:pw@pantip.com/topic/1", "pantip.com"),
        ("android-app://jp.naver.line.android/", "jp.naver.line.android"),
        ("http://192.168.1.10/admin", None),
        ("http://[2001:db8::1]/", None),
        ("javascript:alert(1)", None),
        ("not a url", None),
        ("", None),
        (None, None),
        ("http://[::1", None),
    ],
)
def test_a_referrer_keeps_its_domain_only(referrer: str | None, domain: str | None) -> None:
    assert referrer_domain(referrer) == domain


# Unique clicks and bursts -----------------------------------------------------------------------
START = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def click(
    seconds: float,
    visitor: str = "v1",
    link: str = "l1",
    kind: str = "person",
    network: str | None = None,
) -> Click:
    return Click(START + timedelta(seconds=seconds), link, visitor, kind, network)  # type: ignore[arg-type]


def test_one_visitor_within_an_hour_is_one_unique_click() -> None:
    clicks = [click(0), click(600), click(3599), click(3600), click(7300), click(0, "v2")]
    counts = count_clicks(clicks)["l1"]
    assert (counts.clicks, counts.unique) == (6, 4)
    assert [c.at for c in unique_clicks(clicks) if c.visitor == "v1"] == [
        START,
        START + UNIQUE_WINDOW,
        START + timedelta(seconds=7300),
    ]


def test_bots_and_previews_are_kept_but_not_counted_unless_asked() -> None:
    clicks = [click(0), click(1, "b", kind="bot"), click(2, "p", kind="preview")]
    counts = count_clicks(clicks)["l1"]
    assert (counts.clicks, counts.unique) == (1, 1)
    assert counts.set_aside == {"bot": 1, "preview": 1}
    assert counts.note is not None
    assert counts.note.params == {"clicks": 2}
    everyone = count_clicks(clicks, counted=KINDS)["l1"]
    assert (everyone.clicks, everyone.unique, everyone.note) == (3, 3, None)
    only_bots = count_clicks([click(0, kind="bot")])["l1"]
    assert (only_bots.clicks, only_bots.unique) == (0, 0)


def reference_unique(clicks: list[Click]) -> int:
    """Brute force: a person's click counts when no counted click of theirs on that link came
    less than an hour before it."""
    counted: list[Click] = []
    for c in sorted(clicks, key=lambda c: c.at):
        if c.kind != "person":
            continue
        if not any(
            o.link == c.link and o.visitor == c.visitor and c.at - o.at < UNIQUE_WINDOW
            for o in counted
        ):
            counted.append(c)
    return len(counted)


streams = st.lists(
    st.builds(
        click,
        st.integers(0, 4 * 3600),
        st.sampled_from(["v1", "v2", "v3"]),
        st.sampled_from(["l1", "l2"]),
        st.sampled_from(["person", "person", "bot", "preview", "headless"]),
    ),
    max_size=60,
)


@given(streams, st.randoms(use_true_random=False))
@settings(max_examples=300, deadline=None)
def test_unique_clicks_match_the_rule(clicks: list[Click], rng: random.Random) -> None:
    counts = count_clicks(clicks)
    assert sum(c.unique for c in counts.values()) == reference_unique(clicks)
    people = sum(c.kind == "person" for c in clicks)
    assert sum(c.clicks for c in counts.values()) == people
    for link in counts.values():
        assert link.unique <= link.clicks
        assert link.clicks + sum(link.set_aside.values()) == sum(
            c.link == link.link for c in clicks
        )
    shuffled = list(clicks)
    rng.shuffle(shuffled)
    assert count_clicks(shuffled) == counts
    for key in {(c.link, c.visitor) for c in clicks if c.kind == "person"}:
        times = [c.at for c in clicks if (c.link, c.visitor) == key and c.kind == "person"]
        ours = [c for c in unique_clicks(clicks) if (c.link, c.visitor) == key]
        assert 1 <= len(ours) <= (max(times) - min(times)) // UNIQUE_WINDOW + 1


def test_a_burst_from_one_visitor_is_flagged_with_its_reason() -> None:
    clicks = [click(i * 2) for i in range(VISITOR_BURST + 1)]
    (burst,) = find_bursts(clicks)
    assert (burst.by, burst.who, burst.link, burst.clicks) == ("visitor", "v1", "l1", 11)
    assert burst.why.code == "track.clicks.burst.visitor"
    assert burst.why.params == {"clicks": 11, "seconds": 20, "most": 10, "window": 60}
    assert find_bursts(clicks[:-1]) == []
    spread = [click(i * 7) for i in range(VISITOR_BURST + 1)]  # 11 clicks over 70 seconds
    assert find_bursts(spread) == []
    assert find_bursts([click(i, kind="bot") for i in range(50)]) == []


def test_a_burst_from_one_network_needs_many_more_clicks() -> None:
    many = [click(i, f"v{i}", network="n1") for i in range(NETWORK_BURST)]
    assert find_bursts(many) == []
    (burst,) = find_bursts([*many, click(59, "v-last", network="n1")])
    assert (burst.by, burst.who, burst.clicks) == ("network", "n1", NETWORK_BURST + 1)
    assert burst.why.code == "track.clicks.burst.network"
    other_link = [click(i, f"v{i}", "l2" if i % 2 else "l1", network="n1") for i in range(80)]
    assert find_bursts(other_link) == []


def reference_bursting(times: list[int], most: int, window: int) -> set[int]:
    """Brute force: the clicks inside some window of ``window`` seconds holding more than
    ``most`` clicks."""
    inside: set[int] = set()
    ordered = sorted(times)
    for _i, start in enumerate(ordered):
        members = [j for j, t in enumerate(ordered) if start <= t <= start + window]
        if len(members) > most:
            inside.update(members)
    return inside


@given(st.lists(st.integers(0, 600), max_size=80), st.integers(1, 6), st.integers(1, 90))
@settings(max_examples=300, deadline=None)
def test_bursts_cover_exactly_the_crowded_windows(times: list[int], most: int, window: int) -> None:
    clicks = [click(t) for t in times]
    bursts = find_bursts(clicks, seconds=window, visitor_most=most)
    ordered = sorted(times)
    expected = reference_bursting(times, most, window)
    covered = {
        i
        for b in bursts
        for i, t in enumerate(ordered)
        if b.start <= START + timedelta(seconds=t) <= b.end
    }
    assert covered == expected
    assert sum(b.clicks for b in bursts) == len(expected)
    for b in bursts:
        assert b.clicks > most
        assert b.why.params["most"] == most


def test_the_burst_defaults_are_documented() -> None:
    from kolscope.tracking.clicks import counting

    doc = counting.__doc__ or ""
    assert "VISITOR_BURST" in doc
    assert "NETWORK_BURST" in doc
    assert "BURST_SECONDS" in doc
    assert (VISITOR_BURST, NETWORK_BURST, BURST_SECONDS) == (10, 50, 60)
