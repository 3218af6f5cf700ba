"""What the redirect service says to people: the page a deleted or unknown short link shows.
Declared once here (code and English text); the redirect's page writes them in the visitor's
language (Thai or English, from the browser's Accept-Language).

``{code}`` is the short code as the visitor's browser sent it: literal, never translated, and
escaped on the page."""

from __future__ import annotations

from kolscope.domain.messages import Template

NOT_FOUND_TITLE = Template("track.redirect.not_found.title", "Link not found")
NOT_FOUND_TEXT = Template(
    "track.redirect.not_found.text",
    "The link {code} does not exist or is no longer in use.",
)
NOT_FOUND_HELP = Template(
    "track.redirect.not_found.help",
    "Check the address, or ask whoever shared it for a new link.",
)
