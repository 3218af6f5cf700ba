"""Notes a page of results carries besides its reasons: what the search could not do, as
messages with numbers (``discovery/messages.py``), written in the reader's language."""

from __future__ import annotations

from dataclasses import replace

from kolscope.discovery.messages import UNAUDITED
from kolscope.discovery.query import COUNT_CAP, DiscoveryStore, ProfileQuery
from kolscope.domain.messages import Message


def unaudited_note(store: DiscoveryStore, query: ProfileQuery) -> list[Message]:
    """How many accounts the rest of a search matches that have no audit yet: a minimum quality
    leaves them out, and the person should know (counted up to the count cap)."""
    everyone = store.search_profiles(replace(query, min_quality=None, limit=1, offset=0)).total
    audited = store.search_profiles(
        replace(query, min_quality=None, audited=True, limit=1, offset=0)
    ).total
    if everyone > COUNT_CAP or everyone <= audited:
        return []
    return [UNAUDITED(count=everyone - audited)]
