"""What tracking says about a click: why a visitor was counted as a person or set aside as a bot,
a link preview or a headless browser, what the counts leave out, and the click-fraud signals
(bursts). Declared once here (code and English text); pages, the CLI, exports and the API
write them in the reader's language.

Untyped placeholders (``{fetcher}``, ``{app}``, ``{marker}``, ``{match}``) are literal names
taken from the user agent (Twitterbot, LINE, HeadlessChrome) and are never translated.
"""

from __future__ import annotations

from kolscope.domain.messages import Template

# Who opened the link (Visitor.why) ------------------------------------------------------------
PERSON = Template("track.clicks.person", "a person's browser")
IN_APP = Template(
    "track.clicks.in_app",
    "a person in the {app} in-app browser (opened from the app, not a link preview)",
)
HEAD_REQUEST = Template(
    "track.clicks.head",
    "a HEAD request: an app or tool checking the link, not a person opening it",
)
PREVIEW = Template(
    "track.clicks.preview",
    "a link preview fetched by {fetcher} when the link was shared, not a person opening it",
)
KNOWN_CRAWLER = Template(
    "track.clicks.known_crawler",
    "a search engine's crawler ({fetcher}), not a person",
)
HEADLESS = Template(
    "track.clicks.headless",
    "a headless browser ({marker}): a program driving a browser, not a person",
)
CRAWLER = Template(
    "track.clicks.crawler",
    "a crawler or script ({match}), on the maintained crawler list",
)
SPIDER = Template(
    "track.clicks.spider",
    "a crawler by its user agent ({match}), not a person",
)
NO_USER_AGENT = Template(
    "track.clicks.no_user_agent",
    "no user agent: every browser sends one, so this is a script",
)

# What the counts leave out --------------------------------------------------------------------
SET_ASIDE = Template(
    "track.clicks.set_aside",
    "clicks by bots, link previews and headless browsers, kept but not counted: {clicks:int}",
)

# Click-fraud signals (Burst.why) --------------------------------------------------------------
VISITOR_BURST = Template(
    "track.clicks.burst.visitor",
    "{clicks:int} clicks from one visitor on this link within {seconds:int} seconds: more "
    "than {most:int} in {window:int} seconds looks automated",
)
NETWORK_BURST = Template(
    "track.clicks.burst.network",
    "{clicks:int} clicks from one network on this link within {seconds:int} seconds: more "
    "than {most:int} in {window:int} seconds looks automated",
)
