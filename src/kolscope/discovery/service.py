"""Finding creators: filters, Thai-aware keywords, hashtags, mentions, fans of a brand,
lookalikes, list matching and ranking by brand fit. Every result says why it matched.

The search reads the index the discovery indexer keeps (``creator_profiles`` and companions);
the store turns a ``ProfileQuery`` into one indexed database query. This module decides what
to ask and ranks what comes back; discovery_reasons words why each result matched.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import numpy as np
from numpy.typing import NDArray

from kolscope.discovery import messages as say
from kolscope.discovery.checks import (
    check_paging,
    check_ranges,
    creator_type_of,
    niche_ids,
    search_words_of,
)
from kolscope.discovery.evidence import brand_terms, fit_evidence
from kolscope.discovery.messages import FIT_POOL as FIT_POOL_NOTE
from kolscope.discovery.messages import (
    ON_LIST,
    RANKED_AMONG,
    RANKED_AMONG_ALONE,
)
from kolscope.discovery.notes import unaudited_note
from kolscope.discovery.query import (
    COUNT_CAP,
    FIT_POOL,
    LOOKALIKE_POOL,
    DiscoveryStore,
    Fan,
    ListMatch,
    ProfileQuery,
    ProfileRow,
    SearchError,
    SearchHit,
    SearchRequest,
    SearchResult,
)
from kolscope.discovery.reasons import explain, fan_score, similar_text
from kolscope.discovery.scoring.brand_fit import BrandFit, brand_fit
from kolscope.discovery.scoring.lookalike import block_similarity, from_bytes, similarities
from kolscope.discovery.scoring.taxonomy import related_niches
from kolscope.domain.brands import Brand
from kolscope.domain.creators import handle_key, parse_account_reference
from kolscope.domain.messages import Message
from kolscope.domain.team import INSTALLATION, Scope
from kolscope.domain.tiers import TierScheme
from kolscope.domain.workspace import WorkspaceConfig
from kolscope.text.search_words import hashtag_key, mention_key
from kolscope.vetting.facade import AudienceTarget, audience_fit_signal


class DiscoveryService:
    """The use cases behind ``kolscope creators search``, the discover page and its API."""

    def __init__(
        self, store: DiscoveryStore, config: WorkspaceConfig, *, today: date | None = None
    ) -> None:
        self._store = store
        self._config = config
        self._today = today

    @property
    def today(self) -> date:
        return self._today or date.today()

    def brand_named(self, name: str, scope: Scope, field: str = "brand") -> Brand:
        """The brand this scope may see with this name or handle; a client asking for a
        brand not granted to them (or anyone for another organisation's) gets the same
        answer as for a brand that does not exist."""
        brands = [b for b in self._store.brands() if scope.sees(b)]
        for brand in brands:
            if brand.is_named(name):
                return brand
        known = ", ".join(b.name for b in brands) or "none yet (kolscope brands add)"
        english = f"brand {name!r} is not in the workspace (brands: {known})"
        raise SearchError(english, field, say.not_your_brand(name, [b.name for b in brands]))

    def resolve(self, request: SearchRequest, scope: Scope) -> tuple[ProfileQuery, TierScheme]:
        """Check a request and turn it into the store's query (errors name the option)."""
        check_paging(request)
        try:
            scheme = self._config.tier_scheme(request.scheme)
        except ValueError as error:
            said = say.SCHEME_UNKNOWN(value=repr(request.scheme))
            raise SearchError(str(error), "scheme", said) from None
        low, below = request.min_followers, None
        if request.tier:
            try:
                tier = scheme.tier_named(request.tier)
            except ValueError as error:
                said = say.TIER_UNKNOWN(value=repr(request.tier), scheme=repr(scheme.name))
                raise SearchError(f"tier: {error}", "tier", said) from None
            low = max(low or 0, tier.min_followers)
            below = tier.max_followers
        check_ranges(request)
        active_since = None
        if request.active_within_days is not None:
            active_since = date.fromordinal(self.today.toordinal() - request.active_within_days)
        fans_terms = self._fans_terms(request.fans_of, scope)
        sort = {"relevance": "followers", "fit": "followers", "similarity": "followers"}.get(
            request.sort, request.sort
        )
        if request.sort == "relevance" and fans_terms:
            sort = "fan"
        query = ProfileQuery(
            words=search_words_of(request.text),
            hashtag=hashtag_key(request.hashtag) or None if request.hashtag else None,
            mention_terms=(
                (("mention", mention_key(request.mentions)),)
                if request.mentions and request.mentions.strip()
                else ()
            ),
            fans_terms=fans_terms,
            niches=niche_ids(request.niches),
            creator_type=creator_type_of(request.creator_type),
            platforms=tuple(p.value for p in request.platforms),
            country=request.country,
            province=request.province,
            language=request.language,
            min_followers=low,
            max_followers=request.max_followers,
            below_followers=below,
            min_er=request.min_er,
            max_er=request.max_er,
            min_quality=request.min_quality,
            audience=request.audience,
            min_price=request.min_price,
            max_price=request.max_price,
            active_since=active_since,
            verified=request.verified,
            has_contact=request.has_contact,
            within=request.within,
            sort=sort,
            limit=request.limit,
            offset=request.offset,
        )
        return query, scheme

    def _fans_terms(self, brand_name: str | None, scope: Scope) -> tuple[tuple[str, str], ...]:
        if not brand_name:
            return ()
        brand = self.brand_named(brand_name, scope, "fans_of")
        terms = tuple(
            [("mention", mention_key(h)) for h in brand.handles]
            + [("tag", hashtag_key(h)) for h in brand.hashtags]
        )
        if not terms:
            raise SearchError(
                f"brand {brand.name!r} has no handles or hashtags to look for",
                "fans_of",
                say.brand_has_no_terms(brand.name),
            )
        return terms

    def search(self, request: SearchRequest, scope: Scope) -> SearchResult:
        """One page of creators for the request; the brands it names (fans of, rank by fit)
        must be ones the scope may see."""
        query, scheme = self.resolve(request, scope)
        brand = self.brand_named(request.brand, scope) if request.brand else None
        notes: list[Message] = []
        if request.like:
            hits, total = self._lookalikes(request, query)
        elif query.fans_terms:
            hits, total = self._fans(request, query)
        elif brand is not None and request.sort in ("relevance", "fit"):
            hits, total, note = self._by_fit(request, query, brand)
            notes.extend(note)
        else:
            page = self._store.search_profiles(query)
            hits, total = [SearchHit(row, None, ()) for row in page.rows], page.total
        if brand is not None and hits and hits[0].fit is None:
            hits = [replace(h, fit=self._fit(brand, h.row, request.target)) for h in hits]
        terms: list[tuple[str, str]] = [*query.mention_terms, *query.fans_terms]
        if query.hashtag:
            terms.append(("tag", query.hashtag))
        uses = self._store.term_uses([h.row.account_id for h in hits], terms) if terms else {}
        hits = [
            explain(h, request, query, scheme, brand, uses.get(h.row.account_id, []), self.today)
            for h in hits
        ]
        if query.min_quality is not None:
            notes.extend(unaudited_note(self._store, query))
        capped = total > COUNT_CAP
        return SearchResult(
            request,
            tuple(hits),
            min(total, COUNT_CAP),
            capped,
            scheme,
            tuple(notes),
            self._store.index_size(),
        )

    def match_list(self, handles: Sequence[str], request: SearchRequest, scope: Scope) -> ListMatch:
        """Creators in the workspace whose handle is on a customer or follower list (any
        platform), narrowed by the request's other filters."""
        keys = [handle_key(h) for h in handles if handle_key(h)]
        found = self._store.accounts_by_handles(keys)
        ids = tuple(sorted({i for key in keys for i in found.get(key, [])}))
        result = self.search(replace(request, within=ids, like=None, fans_of=None), scope)
        hits = tuple(replace(hit, why=(ON_LIST(), *hit.why)) for hit in result.hits)
        missing = tuple(sorted({key for key in keys if key not in found}))
        return ListMatch(len(set(keys)), len(ids), replace(result, hits=hits), missing)

    def hits_for(self, account_ids: Sequence[int], scheme: str | None = None) -> list[SearchHit]:
        """These accounts as results (a shortlist's members), in the order given."""
        request = SearchRequest(scheme=scheme)
        query, tier_scheme = self.resolve(request, INSTALLATION)  # names no brand
        return [
            explain(SearchHit(row, None, ()), request, query, tier_scheme, None, [], self.today)
            for row in self._store.rows_for(account_ids)
        ]

    # Ranking ----------------------------------------------------------------------------------

    def _fans(self, request: SearchRequest, query: ProfileQuery) -> tuple[list[SearchHit], int]:
        """Every fan is ranked; only the page shown is read in full."""
        fans = self._store.fans(query)
        today = self.today
        scored = sorted(
            ((fan_score(f.posts, f.last, today), f) for f in fans),
            key=lambda item: (-item[0], -(item[1].followers or 0), item[1].account_id),
        )
        if request.sort not in ("relevance", "fan"):
            scored = sorted(scored, key=lambda item: _sort_key(request.sort, item[1]))
        page = scored[request.offset : request.offset + request.limit]
        rows = {r.account_id: r for r in self._store.rows_for([f.account_id for _s, f in page])}
        hits = [
            SearchHit(
                replace(rows[f.account_id], fan_posts=f.posts, fan_last=f.last),
                None,
                (),
                fan_score=s,
            )
            for s, f in page
            if f.account_id in rows
        ]
        return hits, len(scored)

    def _lookalikes(
        self, request: SearchRequest, query: ProfileQuery
    ) -> tuple[list[SearchHit], int]:
        if request.like is None:
            return [], 0
        try:
            platform, handle = parse_account_reference(request.like)
        except ValueError as error:
            example = repr("instagram:som.review")
            said = say.LIKE_FORM(value=repr(request.like), example=example)
            raise SearchError(f"like: {error}", "like", said) from None
        seed = self._store.profile_of(platform.value, handle_key(handle))
        if seed is None:
            raise SearchError(
                f"like: {platform.value}:{handle} is not in the search index "
                "(import it, or run `kolscope creators index`)",
                "like",
                say.LIKE_UNKNOWN(value=repr(f"{platform.value}:{handle}")),
            )
        seed_niches = tuple(n.niche for n in seed.niches[:2])
        narrowed = query
        if not query.niches and seed_niches:
            narrowed = replace(narrowed, niches=seed_niches)
        if (
            seed.followers
            and query.min_followers is None
            and query.max_followers is None
            and query.below_followers is None
        ):
            narrowed = replace(
                narrowed, min_followers=seed.followers // 10, max_followers=seed.followers * 10
            )
        narrowed = replace(narrowed, exclude=(seed.account_id,))
        ids = self._store.candidate_ids(narrowed, LOOKALIKE_POOL)
        if not ids:
            return [], 0
        seed_vector = from_bytes([seed.vector])[0]
        matrix = from_bytes(self._store.vectors(ids))
        scores: NDArray[np.float32] = similarities(seed_vector, matrix)
        order = np.argsort(-scores, kind="stable")
        picked = [int(i) for i in order[request.offset : request.offset + request.limit]]
        rows = {row.account_id: row for row in self._store.rows_for([ids[i] for i in picked])}
        hits = []
        for index in picked:
            parts = block_similarity(seed_vector, matrix[index])
            row = rows.get(ids[index])
            if row is not None:
                hits.append(
                    SearchHit(
                        row, None, (similar_text(request.like, parts),), similarity=parts.overall
                    )
                )
        return hits, len(ids)

    def _fit(self, brand: Brand, row: ProfileRow, target: AudienceTarget | None) -> BrandFit:
        uses = self._store.term_uses([row.account_id], brand_terms(brand)).get(row.account_id, [])
        audience = self._audience_fits([row.account_id], target)
        return brand_fit(brand, fit_evidence(row, uses, brand, audience.get(row.account_id)))

    def _audience_fits(
        self, account_ids: Sequence[int], target: AudienceTarget | None
    ) -> dict[int, float]:
        """How well each account's audience matches the brief's target (0-1; absent when
        unknown), as the audit's audience-fit check reads it."""
        if target is None or target.empty or not account_ids:
            return {}
        fits = {}
        for account_id, profiles in self._store.audiences(account_ids).items():
            signal = audience_fit_signal(profiles, target)
            if signal.known and signal.score is not None:
                fits[account_id] = signal.score / 100
        return fits

    def _by_fit(
        self, request: SearchRequest, query: ProfileQuery, brand: Brand
    ) -> tuple[list[SearchHit], int, list[Message]]:
        narrowed = query
        notes: list[Message] = []
        if not query.niches and brand.niche:
            narrowed = replace(query, niches=(brand.niche, *sorted(related_niches(brand.niche))))
            related = list(narrowed.niches[1:])
            notes.append(
                RANKED_AMONG(niche=brand.niche, related=related)
                if related
                else RANKED_AMONG_ALONE(niche=brand.niche)
            )
        rows = self._store.rows_for(self._store.candidate_ids(narrowed, FIT_POOL))
        if len(rows) >= FIT_POOL:
            notes.append(FIT_POOL_NOTE(count=FIT_POOL))
        ids = [r.account_id for r in rows]
        uses = self._store.term_uses(ids, brand_terms(brand))
        audience = self._audience_fits(ids, request.target)
        scored = []
        for row in rows:
            evidence = fit_evidence(
                row, uses.get(row.account_id, []), brand, audience.get(row.account_id)
            )
            scored.append((brand_fit(brand, evidence), row))
        scored.sort(
            key=lambda item: (
                -(item[0].score if item[0].score is not None else -1.0),
                -(item[1].followers or 0),
            )
        )
        page = scored[request.offset : request.offset + request.limit]
        return [SearchHit(row, None, (), fit=fit) for fit, row in page], len(rows), notes

    # Reasons ----------------------------------------------------------------------------------


def _sort_key(sort: str, row: ProfileRow | Fan) -> tuple[float, int]:
    value = {
        "followers": row.followers,
        "engagement": row.engagement_rate,
        "quality": row.quality_score,
        "recent": row.last_active.toordinal() if row.last_active else None,
    }.get(sort, row.followers)
    return (-(value if value is not None else -math.inf), row.account_id)
