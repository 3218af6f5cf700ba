"""What the command line and the JSON API say of links, codes and attribution beyond what the
use cases themselves refuse (``messages_service``): which destination a bulk of links should
lead to when none is named, a creator reference that names nobody in the campaign, a file of
the shop's codes that holds none, and why a creator's CTR is empty. Declared once here (code
and English text); the CLI writes them in English, the API sends them as message dicts too.
The service's sentences these entry points also say (an unregistered destination, a link that
is not there) are re-exported, so they reach them through the facade's ``said_cli``."""

from __future__ import annotations

from kolscope.domain.messages import Template
from kolscope.tracking.messages_service import NO_DESTINATION, NO_LINK

__all__ = [
    "CHOOSE_DESTINATION", "CTR_UNKNOWN", "NO_DESTINATION", "NO_DESTINATIONS", "NO_LINK",
    "NO_SHOP_CODES", "UNKNOWN_CREATOR",
]  # fmt: skip

NO_DESTINATIONS = Template(
    "track.cli.no_destinations",
    "campaign {campaign} has no destination yet: register the shop's address first "
    "(kolscope links destination add)",
)
CHOOSE_DESTINATION = Template(
    "track.cli.choose_destination",
    "campaign {campaign} has {count:int} destinations: say which one the links lead to "
    "({known:words})",
)
UNKNOWN_CREATOR = Template(
    "track.cli.unknown_creator",
    "{creator} is not a creator of campaign {campaign} (write platform:handle, e.g. "
    "instagram:mint.skin)",
)
NO_SHOP_CODES = Template(
    "track.cli.no_shop_codes",
    "{file} holds no codes: put one code a line, or the codes in the first column",
)
CTR_UNKNOWN = Template(
    "track.cli.ctr_unknown",
    "CTR is clicks divided by the views of the creator's published campaign posts; it stays "
    "empty until those views are known (add the post links on the board and import the posts)",
)
