"""Comment quality: what one account's recent comments are like, read by the comment models.

The most recent comments (at most ``DEFAULT_LIMIT``) are read together by
``kolscope.vetting.comments``; the summary counts each kind (sentiment, questions, purchase
intent, spam, low effort, toxicity, language), keeps a few examples of each with the evidence
the reader gave, and says how far the shares can be trusted. Every number is counted from the
comments; nothing is estimated beyond them. Summaries are kept in a small in-process cache
until the account's comments change.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kolscope.catalogue.ports import CommentSource
from kolscope.domain.content import Comment
from kolscope.domain.messages import Message, literal

if TYPE_CHECKING:
    from kolscope.vetting.comments import CommentInsight

DEFAULT_LIMIT = 2_000  # the most recent comments read per account
EXAMPLES = 3  # examples kept per kind
FEW_COMMENTS = 30  # below this many comments the shares are read with care
CACHE_SIZE = 128  # summaries kept in memory
Z_95 = 1.96  # for the worst-case 95 % sampling margin of a share

SENTIMENTS = ("positive", "neutral", "negative")
SIGNALS = ("question", "purchase_intent", "spam", "low_effort", "toxic")
LOW_EFFORT_KINDS = ("emoji_only", "sticker_only", "generic", "duplicate", "empty")
LANGUAGES = ("th", "en", "mixed", "none")
EXAMPLE_KINDS = (
    "purchase_intent",
    "question",
    "spam",
    "low_effort",
    "toxic",
    "negative",
    "positive",
)

Analyser = Callable[[Sequence[str]], "list[CommentInsight]"]


@dataclass(frozen=True, slots=True)
class CommentExample:
    """One comment shown as an example, with the evidence the reader gave for it (messages:
    pages say them in the reader's language; ``str()`` is the English)."""

    text: str
    posted_at: datetime | None
    likes: int | None
    evidence: tuple[Message, ...]


@dataclass(frozen=True, slots=True)
class KindShare:
    """How many of the comments read are of one kind, their share, and a few examples."""

    kind: str
    count: int
    share: float  # of the comments read, 0 to 1 (0 when none were read)
    examples: tuple[CommentExample, ...] = ()


@dataclass(frozen=True, slots=True)
class CommentQuality:
    """The summary of one account's most recent comments."""

    analysed: int  # comments read
    stored: int  # comments the workspace holds for the account
    limit: int  # the most recent this many are read
    newest: datetime | None  # the dates the comments read span (when known)
    oldest: datetime | None
    sentiment: tuple[KindShare, ...]  # positive, neutral, negative
    signals: tuple[KindShare, ...]  # question, purchase_intent, spam, low_effort, toxic
    low_effort_kinds: tuple[KindShare, ...]  # emoji_only, …, only the kinds seen
    languages: tuple[KindShare, ...]  # th, en, mixed, none, only the languages seen
    genuine: KindShare  # neither spam nor low effort: real conversation

    @property
    def empty(self) -> bool:
        return self.analysed == 0

    @property
    def capped(self) -> bool:
        """Whether older comments were left out (the account has more than ``limit``)."""
        return self.stored > self.analysed

    @property
    def confidence(self) -> str:
        """none (nothing read), few (under ``FEW_COMMENTS``: read with care) or enough."""
        if self.analysed == 0:
            return "none"
        return "few" if self.analysed < FEW_COMMENTS else "enough"

    @property
    def margin(self) -> float | None:
        """The widest 95 % sampling margin of any share here (at a share of 50 %), as a
        fraction: the shares of other comments like these could differ by about this much.
        It says nothing of the reader's own mistakes."""
        if self.analysed == 0:
            return None
        return Z_95 * math.sqrt(0.25 / self.analysed)

    @property
    def examples(self) -> tuple[KindShare, ...]:
        """The kinds that have examples, in the order they are worth reading."""
        found = {k.kind: k for k in (*self.signals, *self.sentiment)}
        return tuple(found[kind] for kind in EXAMPLE_KINDS if kind in found)

    def kind(self, name: str) -> KindShare:
        """The count of one kind: a sentiment, a signal, a low-effort kind, a language or
        ``genuine``; a kind not seen counts 0."""
        every = (*self.sentiment, *self.signals, *self.low_effort_kinds, *self.languages)
        for item in (*every, self.genuine):
            if item.kind == name:
                return item
        return KindShare(name, 0, 0.0)


def _probability(kind: str, insight: CommentInsight) -> float:
    """How sure the reader is of this kind for this comment (1 for rule-based kinds)."""
    if kind in SENTIMENTS:
        return insight.sentiment_p
    return {
        "question": insight.question_p,
        "purchase_intent": insight.purchase_intent_p,
        "spam": insight.spam_p,
    }.get(kind, 1.0)


def _is_genuine(insight: CommentInsight) -> bool:
    return not insight.spam and not insight.low_effort


def _has(kind: str, insight: CommentInsight) -> bool:
    if kind in SENTIMENTS:
        return insight.sentiment == kind
    if kind == "genuine":
        return _is_genuine(insight)
    value: bool = getattr(insight, kind)
    return value


_REPEATED_CHARACTER = re.compile(r"(.)\1+")


def _sameness(text: str) -> str:
    """What is left of a comment without case, spaces, punctuation, emoji and drawn-out
    letters, so examples do not show the same text twice ("ดีมาก!!" and "ดีมากกก 😍")."""
    kept = "".join(ch for ch in text.casefold() if ch.isalnum()) or "".join(text.split())
    return _REPEATED_CHARACTER.sub(r"\1", kept)


def _examples(
    kind: str, comments: Sequence[Comment], insights: Sequence[CommentInsight]
) -> tuple[CommentExample, ...]:
    """Up to ``EXAMPLES`` comments of a kind, each text once: the surest first and, for what
    people say (sentiment, questions, buying), real conversation before spam and low effort;
    low effort takes one of each of its kinds in turn, the commonest kind first. Near-repeats
    (spam rings vary punctuation and emoji to dodge filters) are shown once."""
    prefer_genuine = kind not in ("spam", "low_effort", "toxic")
    candidates = sorted(
        (
            i
            for i, insight in enumerate(insights)
            if _has(kind, insight) and comments[i].text.strip()
        ),
        key=lambda i: (
            prefer_genuine and not _is_genuine(insights[i]),
            -_probability(kind, insights[i]),
            i,  # comments come newest first
        ),
    )
    if kind == "low_effort":
        by_kind: dict[str, list[int]] = {}
        for i in candidates:
            by_kind.setdefault(insights[i].low_effort_kind or "", []).append(i)
        queues = sorted(by_kind.values(), key=len, reverse=True)
        candidates = [
            q[turn]
            for turn in range(max(map(len, queues), default=0))
            for q in queues
            if turn < len(q)
        ]
    chosen: list[CommentExample] = []
    seen: set[str] = set()
    for i in candidates:
        key = _sameness(comments[i].text)
        if key in seen:
            continue
        seen.add(key)
        comment = comments[i]
        insight = insights[i]
        said = insight.said or tuple(literal(e) for e in insight.evidence)
        chosen.append(CommentExample(comment.text, comment.posted_at, comment.likes, said))
        if len(chosen) == EXAMPLES:
            break
    return tuple(chosen)


def summarise(
    comments: Sequence[Comment],
    insights: Sequence[CommentInsight],
    *,
    stored: int | None = None,
    limit: int = DEFAULT_LIMIT,
) -> CommentQuality:
    """Count and illustrate the insights of ``comments`` (newest first, one insight each)."""
    if len(comments) != len(insights):
        raise ValueError(f"{len(comments)} comments but {len(insights)} insights")
    n = len(comments)

    def share(kind: str, count: int, with_examples: bool = True) -> KindShare:
        examples = _examples(kind, comments, insights) if with_examples and count else ()
        return KindShare(kind, count, count / n if n else 0.0, examples)

    def counted(kind: str) -> KindShare:
        return share(kind, sum(1 for insight in insights if _has(kind, insight)))

    low = Counter(i.low_effort_kind for i in insights if i.low_effort and i.low_effort_kind)
    low_kinds = [k for k in LOW_EFFORT_KINDS if low[k]] + sorted(set(low) - set(LOW_EFFORT_KINDS))
    languages = Counter(i.language for i in insights)
    language_order = [k for k in LANGUAGES if languages[k]] + sorted(
        set(languages) - set(LANGUAGES)
    )
    dates = [c.posted_at for c in comments if c.posted_at is not None]
    return CommentQuality(
        analysed=n,
        stored=max(stored if stored is not None else n, n),
        limit=limit,
        newest=max(dates) if dates else None,
        oldest=min(dates) if dates else None,
        sentiment=tuple(counted(kind) for kind in SENTIMENTS),
        signals=tuple(counted(kind) for kind in SIGNALS),
        low_effort_kinds=tuple(share(k, low[k], with_examples=False) for k in low_kinds),
        languages=tuple(share(k, languages[k], with_examples=False) for k in language_order),
        genuine=counted("genuine"),
    )


class SummaryCache:
    """A small thread-safe LRU of summaries."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, CommentQuality] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> CommentQuality | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, value: CommentQuality) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


SHARED_CACHE = SummaryCache()


def _read_with_shipped_model(texts: Sequence[str]) -> list[CommentInsight]:
    # Imported on first use: the models load (about a second) only when comments are read.
    from kolscope.vetting.comments import analyse_comments

    return analyse_comments(texts)


class CommentQualityService:
    """Summaries of accounts' comments, kept until the comments change.

    ``scope`` names the database the account ids belong to, so workspaces opened in one
    process never share a cached summary.
    """

    def __init__(
        self,
        source: CommentSource,
        *,
        scope: str = "",
        analyse: Analyser = _read_with_shipped_model,
        cache: SummaryCache | None = None,
        limit: int = DEFAULT_LIMIT,
    ) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self._source = source
        self._scope = scope
        self._analyse = analyse
        self._cache = SHARED_CACHE if cache is None else cache
        self.limit = limit

    def summary(self, account_id: int) -> CommentQuality:
        stamp = self._source.comment_stamp(account_id)
        if stamp.count == 0:
            return summarise((), (), stored=0, limit=self.limit)
        key = (
            self._scope,
            account_id,
            self.limit,
            stamp.count,
            stamp.latest_id,
            stamp.latest_import_id,
        )
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        comments = self._source.latest_comments(account_id, self.limit)
        insights = self._analyse([c.text for c in comments])
        result = summarise(comments, insights, stored=stamp.count, limit=self.limit)
        self._cache.put(key, result)
        return result
