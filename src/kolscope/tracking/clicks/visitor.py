"""Who opened a tracking link, from the request's method and user agent: a person, a bot, a
link preview or a headless browser. What a click keeps is the class (browser family, OS family,
device kind), never the raw user agent.

Nothing is dropped here: bots and previews are flagged so the redirect still answers them (a
preview must see the page's title and picture) and the counts leave them out by default.

The order of the checks matters, and each step says why it comes where it does:

1. ``HEAD``: no browser opening a link sends HEAD; link checkers and some preview fetchers do.
2. No user agent: every browser sends one; scripts often do not.
3. The preview-fetcher table (:data:`FETCHERS`): the apps that fetch a shared link to draw its
   card. Before the crawler list, so the reason names the app (LINE, not "facebookexternalhit",
   which LINE's fetcher also claims to be).
4. Headless markers (:data:`HEADLESS_MARKERS`): browsers driven by programs.
5. In-app browsers (:data:`IN_APP_BROWSERS`): LINE's and Facebook's are people, whatever a
   crawler list thinks of their user agents; they come after the fetchers and headless markers,
   so a bot that only adds ``Line/`` to its user agent is still caught by them.
6. ``crawlerdetect``'s maintained list, then ua-parser's own spider list.
7. Everything else is a person.

curl, wget, python-requests and similar are **bots**: crawlerdetect lists them, and a person
tapping a creator's link never reaches it through a command-line tool; the clicks are kept, so a
marketer testing the link with curl still sees it, flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import user_agents  # type: ignore[import-untyped]
from crawlerdetect import CrawlerDetect  # type: ignore[import-untyped]

from kolscope.domain.messages import Message
from kolscope.tracking import messages_clicks as said

VisitorKind = Literal["person", "bot", "preview", "headless"]
DeviceKind = Literal["phone", "tablet", "computer", "other"]
KINDS: tuple[VisitorKind, ...] = ("person", "bot", "preview", "headless")
COUNTED: frozenset[VisitorKind] = frozenset({"person"})
"""The kinds the counts include unless asked otherwise."""


@dataclass(frozen=True, slots=True)
class Visitor:
    """The class of whoever opened a link: browser and OS families without versions, the
    device's kind (phone, tablet, computer, other), what they are, and why we think so."""

    browser: str
    os: str
    device: DeviceKind
    kind: VisitorKind
    why: Message

    @property
    def counted(self) -> bool:
        """Whether the counts include this visitor by default (people only)."""
        return self.kind in COUNTED


@dataclass(frozen=True, slots=True)
class Fetcher:
    """One app that fetches shared links: the text its user agent contains (matched without
    case), the name a marketer knows it by, and whether it draws a preview or crawls."""

    marker: str
    name: str
    kind: Literal["preview", "bot"] = "preview"


# The apps that fetch a link when it is shared, to draw its card. Longer, more specific markers
# first: LINE's fetcher says "facebookexternalhit/1.1;line-poker/1.0", and Apple's iMessage
# preview says "facebookexternalhit/1.1 Facebot Twitterbot/1.0" inside a Safari user agent.
FETCHERS: tuple[Fetcher, ...] = (
    Fetcher("line-poker", "LINE"),
    Fetcher("facebookexternalhit/1.1 facebot twitterbot", "iMessage"),
    Fetcher("facebookexternalhit", "Facebook"),
    Fetcher("facebot", "Facebook"),
    Fetcher("facebookcatalog", "Facebook"),
    Fetcher("meta-externalagent", "Meta"),
    Fetcher("telegrambot", "Telegram"),  # "TelegramBot (like TwitterBot)": before X
    Fetcher("twitterbot", "X"),
    Fetcher("slackbot-linkexpanding", "Slack"),
    Fetcher("slack-imgproxy", "Slack"),
    Fetcher("slackbot", "Slack"),
    Fetcher("discordbot", "Discord"),
    Fetcher("whatsapp", "WhatsApp"),
    Fetcher("linkedinbot", "LinkedIn"),
    Fetcher("pinterestbot", "Pinterest"),
    Fetcher("skypeuripreview", "Skype"),
    Fetcher("redditbot", "Reddit"),
    Fetcher("embedly", "Embedly"),
    Fetcher("googlebot", "Googlebot", "bot"),
    Fetcher("bingbot", "Bingbot", "bot"),
    Fetcher("applebot", "Applebot", "bot"),
    Fetcher("yandexbot", "YandexBot", "bot"),
    Fetcher("baiduspider", "Baiduspider", "bot"),
)

# Browsers driven by programs (test runners, scrapers, click farms).
HEADLESS_MARKERS: tuple[str, ...] = (
    "HeadlessChrome",
    "PhantomJS",
    "SlimerJS",
    "puppeteer",
    "Playwright",
    "Selenium",
    "HtmlUnit",
    "Splash",
    "Chrome-Lighthouse",
    "Electron-Headless",
)

# In-app browsers of people: the marker in the user agent (matched with its case) and the app.
# LINE: "Line/13.15.1" (iOS) and "Line/13.15.1/IAB" (Android); Facebook: "[FBAN/FBIOS;..."
# (iOS), "[FB_IAB/FB4A;FBAV/438...;]" (Android); Messenger and Instagram use the same markers.
IN_APP_BROWSERS: tuple[tuple[str, str], ...] = (
    (" Line/", "LINE"),
    ("FBAN/", "Facebook"),
    ("FB_IAB/", "Facebook"),
    ("FBAV/", "Facebook"),
    ("Instagram ", "Instagram"),
)


def classify(user_agent: str | None, method: str = "GET") -> Visitor:
    """Who sent a request to a tracking link, from its HTTP method and user agent."""
    return _classify((user_agent or "").strip(), method.strip().upper())


@lru_cache(maxsize=4096)
def _classify(agent: str, method: str) -> Visitor:
    # Parsing a user agent takes about a millisecond; a campaign's clicks repeat a few
    # thousand user agents, so the answers are kept.
    browser, os, device, spider = _family(agent)

    def visitor(kind: VisitorKind, why: Message) -> Visitor:
        return Visitor(browser, os, device, kind, why)

    if method == "HEAD":
        return visitor("preview", said.HEAD_REQUEST())
    if not agent:
        return visitor("bot", said.NO_USER_AGENT())
    lowered = " ".join(agent.lower().split())
    for fetcher in FETCHERS:
        if fetcher.marker in lowered:
            if fetcher.kind == "bot":
                return visitor("bot", said.KNOWN_CRAWLER(fetcher=fetcher.name))
            return visitor("preview", said.PREVIEW(fetcher=fetcher.name))
    for marker in HEADLESS_MARKERS:
        if marker.lower() in lowered:
            return visitor("headless", said.HEADLESS(marker=marker))
    for marker, app in IN_APP_BROWSERS:
        if marker in agent:
            return visitor("person", said.IN_APP(app=app))
    crawler = _crawler(agent)
    if crawler is not None:
        return visitor("bot", said.CRAWLER(match=crawler))
    if spider:
        return visitor("bot", said.SPIDER(match=browser))
    return visitor("person", said.PERSON())


def _crawler(agent: str) -> str | None:
    """What crawlerdetect's list matched in ``agent`` (curl, Googlebot, ...), or None.

    A fresh detector each time: one detector keeps its last match on itself, which two threads
    of the redirect would share."""
    detector = CrawlerDetect(user_agent=agent)
    if not detector.is_crawler():
        return None
    match = detector.get_matches()
    return str(match).strip(" /") if match else "crawler list"


def _family(agent: str) -> tuple[str, str, DeviceKind, bool]:
    """Browser family, OS family (no versions), the device's kind, and whether ua-parser
    calls it a spider."""
    if not agent:
        return "Other", "Other", "other", False
    parsed = user_agents.parse(agent)
    device: DeviceKind
    if parsed.is_tablet:
        device = "tablet"
    elif parsed.is_mobile:
        device = "phone"
    elif parsed.is_pc:
        device = "computer"
    else:
        device = "other"
    return str(parsed.browser.family), str(parsed.os.family), device, bool(parsed.is_bot)
