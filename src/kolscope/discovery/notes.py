"""Notes a page of results carries besides its reasons: what the search could not do, in words
with numbers (pages translate them; see ``entrypoints/web/pages/explanations.py``)."""

from __future__ import annotations

from dataclasses import replace

from kolscope.discovery.query import COUNT_CAP, DiscoveryStore, ProfileQuery


def unaudited_note(store: DiscoveryStore, query: ProfileQuery) -> list[str]:
    """How many accounts the rest of a search matches that have no audit yet: a minimum quality
    leaves them out, and the person should know (counted up to the count cap)."""
    everyone = store.search_profiles(replace(query, min_quality=None, limit=1, offset=0)).total
    audited = store.search_profiles(
        replace(query, min_quality=None, audited=True, limit=1, offset=0)
    ).total
    if everyone > COUNT_CAP or everyone <= audited:
        return []
    left = everyone - audited
    return [
        f"{left:,} matching accounts are not audited yet, so the minimum quality leaves them out"
    ]
