"""What a discovery search asks and what it returns: requests, the store's query and rows,
hits with their reasons. The store (adapters/db/discovery_search.py) implements
``DiscoveryStore``; the service (services/discovery.py) resolves, ranks and explains."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from kolscope.discovery import messages as say
from kolscope.discovery.scoring.brand_fit import BrandFit
from kolscope.discovery.scoring.niches import NicheScore
from kolscope.domain.audience import AudienceDimension, AudienceProfile
from kolscope.domain.brands import Brand
from kolscope.domain.messages import Message, literal
from kolscope.domain.platforms import Platform
from kolscope.domain.tiers import TierScheme
from kolscope.vetting.facade import AudienceTarget

CREATOR_TYPES = ("kol", "koc", "creator")
SORTS = ("relevance", "followers", "engagement", "quality", "recent", "fit", "similarity", "fan")
MAX_LIMIT = 500
COUNT_CAP = 10_000  # totals above this are shown as "10,000+"
FIT_POOL = 5_000  # brand-fit ranking scores at most this many candidates
LOOKALIKE_POOL = 10_000  # candidates scored per lookalike search, the largest first
FAN_HALF_LIFE_DAYS = 180.0


class SearchError(ValueError):
    """A search that cannot run as asked; the message names the option and what is allowed,
    and ``field`` is the search field it is about (``discovery.fields``), when it is one.
    ``str()`` is the English (the API and the command line show it); ``reason`` is what a page
    writes after the field's label, in the reader's language when it was given as a message."""

    def __init__(
        self, message: str | Message, field: str | None = None, reason: Message | None = None
    ) -> None:
        super().__init__(str(message))
        self.field = field
        self.reason = reason or (message if isinstance(message, Message) else literal(message))


@dataclass(frozen=True, slots=True)
class AudienceCondition:
    """At least ``min_share`` (0-1) of the audience in ``segment`` of ``dimension``."""

    dimension: AudienceDimension
    segment: str
    min_share: float

    @classmethod
    def parse(cls, text: str) -> AudienceCondition:
        """``female>=0.6``, ``18-24>=40%``, ``TH>=50%``, ``TH-50>=0.2`` (Thai province code)."""
        segment, sep, value = text.replace(" ", "").partition(">=")
        if not sep or not segment or not value:
            raise SearchError(
                f"audience {text!r}: write SEGMENT>=SHARE, e.g. female>=60%",
                "audience",
                say.AUDIENCE_FORM(value=repr(text)),
            )
        try:
            share = float(value[:-1]) / 100 if value.endswith("%") else float(value)
        except ValueError:
            said = say.AUDIENCE_SHARE(text=repr(text), value=repr(value))
            raise SearchError(f"audience {said}", "audience", said) from None
        if not 0 <= share <= 1:
            said = say.AUDIENCE_RANGE(text=repr(text))
            raise SearchError(f"audience {said}", "audience", said)
        low = segment.lower()
        if low in ("female", "male", "other", "women", "men"):
            gender = {"women": "female", "men": "male"}.get(low, low)
            return cls(AudienceDimension.GENDER, gender, share)
        if low[:1].isdigit():
            return cls(AudienceDimension.AGE, low, share)
        if low.startswith("th-"):
            return cls(AudienceDimension.PROVINCE, segment.upper(), share)
        if len(low) == 2 and low.isalpha():
            return cls(AudienceDimension.COUNTRY, segment.upper(), share)
        raise SearchError(
            f"audience {text!r}: unknown segment (female, male, an age band like 18-24, "
            "a country code like TH, or a Thai province code like TH-50)",
            "audience",
            say.AUDIENCE_SEGMENT(text=repr(text)),
        )

    def __str__(self) -> str:
        return f"{self.segment}>={self.min_share:.0%}"


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """Everything a person can search by. Ranges are inclusive; shares are 0-1."""

    text: str | None = None
    hashtag: str | None = None
    mentions: str | None = None
    niches: tuple[str, ...] = ()
    tier: str | None = None
    scheme: str | None = None
    creator_type: str | None = None
    platforms: tuple[Platform, ...] = ()
    country: str | None = None
    province: str | None = None
    language: str | None = None
    min_followers: int | None = None
    max_followers: int | None = None
    min_er: float | None = None  # per cent
    max_er: float | None = None
    min_quality: float | None = None
    audience: tuple[AudienceCondition, ...] = ()
    min_price: int | None = None  # THB per post (estimated)
    max_price: int | None = None
    active_within_days: int | None = None
    verified: bool | None = None
    has_contact: bool | None = None
    fans_of: str | None = None  # a brand's name
    like: str | None = None  # PLATFORM:HANDLE
    brand: str | None = None  # rank by fit for this brand
    target: AudienceTarget | None = None  # the brief's audience, for brand fit
    within: tuple[int, ...] | None = None  # only these account ids (list matching)
    sort: str = "relevance"
    limit: int = 25
    offset: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The request as JSON-ready parameters (saved searches keep these)."""
        data: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "platforms":
                value = [p.value for p in value]
            elif name == "target":
                value = value.to_dict() if value is not None and not value.empty else None
            elif name == "audience":
                value = [str(c) for c in value]
            elif isinstance(value, tuple):
                value = list(value)
            if value not in (None, [], ()) and name not in ("within",):
                data[name] = value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SearchRequest:
        from kolscope.domain.platforms import parse_platform

        values = dict(data)
        values.pop("within", None)
        platforms = []
        for name in values.pop("platforms", []) or []:
            found = parse_platform(str(name))
            if found is None:
                raise SearchError(f"platform {name!r} is not known", "platform")
            platforms.append(found)
        audience = tuple(AudienceCondition.parse(str(c)) for c in values.pop("audience", []))
        niches = tuple(values.pop("niches", []) or ())
        target = values.pop("target", None)
        try:
            values["target"] = AudienceTarget.from_dict(target) if target else None
        except ValueError as error:
            raise SearchError(f"target: {error}", "target") from None
        unknown = set(values) - set(cls.__dataclass_fields__)
        if unknown:
            raise SearchError(f"unknown search fields: {', '.join(sorted(unknown))}")
        return cls(platforms=tuple(platforms), audience=audience, niches=niches, **values)


@dataclass(frozen=True, slots=True)
class ProfileQuery:
    """A resolved search as the store runs it (niche ids, follower bounds, words)."""

    words: tuple[str, ...] = ()
    hashtag: str | None = None
    mention_terms: tuple[tuple[str, str], ...] = ()  # (kind, term): any of them
    fans_terms: tuple[tuple[str, str], ...] = ()  # (kind, term) of a brand, unsponsored only
    niches: tuple[str, ...] = ()
    creator_type: str | None = None
    platforms: tuple[str, ...] = ()
    country: str | None = None
    province: str | None = None
    language: str | None = None
    min_followers: int | None = None
    max_followers: int | None = None
    below_followers: int | None = None
    min_er: float | None = None
    max_er: float | None = None
    min_quality: float | None = None
    audited: bool = False  # only accounts that have an audit (whatever its score)
    audience: tuple[AudienceCondition, ...] = ()
    min_price: int | None = None
    max_price: int | None = None
    active_since: date | None = None
    verified: bool | None = None
    has_contact: bool | None = None
    within: tuple[int, ...] | None = None
    exclude: tuple[int, ...] = ()
    sort: str = "followers"  # followers, engagement, quality, recent, fan
    limit: int = 25
    offset: int = 0


@dataclass(frozen=True, slots=True)
class ProfileRow:
    """One indexed account as search reads it."""

    account_id: int
    platform: str
    handle: str
    display_name: str | None
    followers: int | None
    country: str | None
    province: str | None
    language: str | None
    verified: bool | None
    has_contact: bool
    engagement_rate: float | None
    last_active: date | None
    price_low: int | None
    price_high: int | None
    niches: tuple[NicheScore, ...]
    creator_type: str
    type_confidence: float
    facts: dict[str, Any]
    quality_score: float | None = None
    verdict: str | None = None
    vector: bytes | None = None
    fan_posts: int = 0  # unsponsored posts naming the brand (fans_terms)
    fan_last: datetime | None = None


@dataclass(frozen=True, slots=True)
class Fan:
    """An account naming a brand unsponsored, with what ranking it needs (the full row is
    read for the page shown only)."""

    account_id: int
    posts: int  # unsponsored posts naming the brand (fans_terms)
    last: datetime | None
    followers: int | None
    engagement_rate: float | None
    last_active: date | None
    quality_score: float | None


@dataclass(frozen=True, slots=True)
class TermUse:
    kind: str
    term: str
    posts: int
    unsponsored: int
    last_at: datetime | None


@dataclass(frozen=True, slots=True)
class ProfilePage:
    rows: tuple[ProfileRow, ...]
    total: int  # capped at COUNT_CAP + 1


class DiscoveryStore(Protocol):
    def search_profiles(self, query: ProfileQuery) -> ProfilePage: ...

    def fans(self, query: ProfileQuery) -> list[Fan]:
        """Every account matching the query that names the brand unsponsored (fans_terms)."""
        ...

    def candidate_ids(self, query: ProfileQuery, pool: int) -> list[int]:
        """Up to ``pool`` matching account ids, in the query's order."""
        ...

    def vectors(self, ids: Sequence[int]) -> list[bytes | None]: ...

    def rows_for(self, ids: Sequence[int], *, with_vectors: bool = False) -> list[ProfileRow]:
        """The index rows of these accounts, in the order given."""
        ...

    def profile_of(self, platform: str, handle_key: str) -> ProfileRow | None: ...

    def term_uses(
        self, account_ids: Sequence[int], terms: Sequence[tuple[str, str]]
    ) -> dict[int, list[TermUse]]: ...

    def accounts_by_handles(self, handles: Sequence[str]) -> dict[str, list[int]]:
        """Account ids per handle key, on any platform."""
        ...

    def brands(self) -> list[Brand]: ...

    def index_size(self) -> int: ...

    def audiences(self, account_ids: Sequence[int]) -> dict[int, tuple[AudienceProfile, ...]]:
        """Each account's audience reports, newest first."""
        ...


@dataclass(frozen=True, slots=True)
class SearchHit:
    row: ProfileRow
    tier: str | None
    why: tuple[Message, ...]
    fit: BrandFit | None = None
    similarity: float | None = None
    fan_score: float | None = None

    @property
    def reference(self) -> str:
        return f"{self.row.platform}:{self.row.handle}"


@dataclass(frozen=True, slots=True)
class SearchResult:
    request: SearchRequest
    hits: tuple[SearchHit, ...]
    total: int
    total_capped: bool
    scheme: TierScheme
    notes: tuple[Message, ...] = ()
    indexed: int = 0


@dataclass(frozen=True, slots=True)
class ListMatch:
    """Creators found in a customer or follower list."""

    handles_read: int  # distinct handles on the list
    accounts_found: int  # accounts in the workspace with one of those handles
    result: SearchResult  # those accounts, narrowed by the other filters
    not_found: tuple[str, ...] = field(default=())
