"""The naive full scan bench_search.py compares with: every row of creator_profiles read,
filtered, sorted and scored in Python, for a few searches per class."""

from __future__ import annotations

import gc
import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from search_queries import CLASSES
from search_vocabulary import TODAY


@dataclass
class Outcome:
    ids: list[int]
    total: int


# The naive full scan ---------------------------------------------------------------------------

PROFILE_COLUMNS = (
    "account_id, platform, followers, country, province, language, creator_type, "
    "engagement_rate, niches"
)


class Scanner:
    """Reads whole tables row by row (nothing kept between searches, no index used)."""

    def __init__(self, sqlite_path: Path | None, postgres: tuple[str, str] | None) -> None:
        self.sqlite_path = sqlite_path
        self.postgres = postgres

    def rows(self, sql: str) -> Iterator[tuple[Any, ...]]:
        if self.sqlite_path is not None:
            db = sqlite3.connect(self.sqlite_path)
            try:
                yield from db.execute(sql)
            finally:
                db.close()
            return
        import psycopg

        assert self.postgres is not None
        conninfo, schema = self.postgres
        with psycopg.connect(conninfo) as db:
            db.execute(f'SET search_path TO "{schema}"')
            with db.cursor(name=f"scan_{uuid.uuid4().hex[:8]}") as cursor:
                cursor.itersize = 20_000
                cursor.execute(sql)
                yield from cursor

    def documents(self) -> Iterator[tuple[Any, ...]]:
        return self.rows(
            "SELECT rowid, document FROM creator_fts"
            if self.sqlite_path is not None
            else "SELECT account_id, document FROM creator_profiles"
        )


def _niche_names(value: Any) -> list[str]:
    items = json.loads(value) if isinstance(value, str) else value
    return [item["niche"] for item in items]


def _unsupported(query: Any) -> None:
    for name in ("mention_terms", "audience", "within", "exclude"):
        if getattr(query, name):
            raise ValueError(f"the naive scan does not implement {name}")
    for name in ("min_price", "max_price", "active_since", "verified", "has_contact", "max_er"):
        if getattr(query, name) is not None:
            raise ValueError(f"the naive scan does not implement {name}")


def naive_filter(
    scanner: Scanner, query: Any, *, accept: Callable[[int], bool] | None = None
) -> list[tuple[int, int | None, list[str]]]:
    """(account id, followers, niches) of every profile the query's filters accept."""
    _unsupported(query)
    quality: dict[int, float] | None = None
    if query.min_quality is not None:
        quality = {r[0]: r[1] for r in scanner.rows("SELECT account_id, score FROM audits") if r[1]}
    wanted = set(query.niches)
    found = []
    for (
        account_id, platform, followers, country, province, language, kind, rate, niches,
    ) in scanner.rows(f"SELECT {PROFILE_COLUMNS} FROM creator_profiles"):  # fmt: skip
        if query.platforms and platform not in query.platforms:
            continue
        if query.min_followers is not None and (
            followers is None or followers < query.min_followers
        ):
            continue
        if query.max_followers is not None and (
            followers is None or followers > query.max_followers
        ):
            continue
        if query.below_followers is not None and (
            followers is None or followers >= query.below_followers
        ):
            continue
        if query.country and country != query.country:
            continue
        if query.province and province != query.province:
            continue
        if query.language and language != query.language:
            continue
        if query.creator_type and kind != query.creator_type:
            continue
        if query.min_er is not None and (rate is None or rate < query.min_er):
            continue
        if quality is not None and quality.get(account_id, -1.0) < query.min_quality:
            continue
        if accept is not None and not accept(account_id):
            continue
        names = _niche_names(niches)
        if wanted and not wanted.intersection(names):
            continue
        found.append((account_id, followers, names))
    return found


def _by_followers(rows: list[tuple[int, int | None, list[str]]], limit: int) -> Outcome:
    rows.sort(key=lambda r: (-(r[1] if r[1] is not None else -1), r[0]))
    return Outcome([r[0] for r in rows[:limit]], len(rows))


def naive_search(scanner: Scanner, kind: str, query: Any, request: Any) -> Outcome:
    """The same search as a full scan in Python."""
    from kolscope.discovery.reasons import fan_score

    if kind == "filters":
        return _by_followers(naive_filter(scanner, query), query.limit)
    if kind == "keyword":
        phrase = " " + " ".join(query.words) + " "
        matched = {i for i, d in scanner.documents() if d and phrase in f" {d} "}
        return _by_followers(naive_filter(scanner, query, accept=matched.__contains__), 25)
    if kind == "hashtag":
        tagged = {
            r[0]
            for r in scanner.rows("SELECT account_id, kind, term FROM account_terms")
            if r[1] == "tag" and r[2] == query.hashtag
        }
        return _by_followers(naive_filter(scanner, query, accept=tagged.__contains__), 25)
    if kind == "fans":
        wanted = set(query.fans_terms)
        named: dict[int, tuple[int, Any]] = {}
        for account_id, term_kind, term, unsponsored, last in scanner.rows(
            "SELECT account_id, kind, term, unsponsored, last_at FROM account_terms"
        ):
            if unsponsored > 0 and (term_kind, term) in wanted:
                posts, latest = named.get(account_id, (0, None))
                named[account_id] = (
                    max(posts, unsponsored),
                    last if latest is None or (last is not None and last > latest) else latest,
                )
        rows = naive_filter(scanner, replace_query(query, sort="fan"), accept=named.__contains__)
        followers = {r[0]: r[1] for r in rows}
        scored = sorted(
            ((fan_score(named[i][0], _stamp(named[i][1]), TODAY), i) for i in followers),
            key=lambda item: (-item[0], -(followers[item[1]] or 0), item[1]),
        )
        return Outcome([i for _s, i in scored[: request.limit]], len(scored))
    return naive_lookalikes(scanner, query, request)


def replace_query(query: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(query, **changes)


def _stamp(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def naive_lookalikes(scanner: Scanner, query: Any, request: Any) -> Outcome:
    from kolscope.discovery.query import LOOKALIKE_POOL
    from kolscope.discovery.scoring.lookalike import SIZE
    from kolscope.domain.creators import handle_key, parse_account_reference

    seed_platform, handle = parse_account_reference(request.like)
    key = handle_key(handle)
    seed_id = next(
        r[0]
        for r in scanner.rows("SELECT id, platform, handle_key FROM accounts")
        if r[1] == seed_platform.value and r[2] == key
    )
    sql = "SELECT account_id, platform, followers, niches, vector FROM creator_profiles"
    seed = next(r for r in scanner.rows(sql) if r[0] == seed_id)
    seed_niches = set(_niche_names(seed[3])[:2])
    low, high = seed[2] // 10, seed[2] * 10
    candidates = [
        r
        for r in scanner.rows(sql)
        if r[0] != seed_id
        and (not query.platforms or r[1] in query.platforms)
        and r[2] is not None
        and low <= r[2] <= high
        and seed_niches.intersection(_niche_names(r[3]))
    ]
    candidates.sort(key=lambda r: (-r[2], r[0]))
    candidates = candidates[:LOOKALIKE_POOL]
    matrix = np.frombuffer(b"".join(bytes(r[4]) for r in candidates), dtype=np.float16)
    matrix = matrix.reshape(len(candidates), SIZE).astype(np.float32)
    vector = np.frombuffer(bytes(seed[4]), dtype=np.float16).astype(np.float32)
    order = np.argsort(-(matrix @ vector), kind="stable")[: request.limit]
    return Outcome([int(candidates[i][0]) for i in order], len(candidates))


def run_naive(
    scanner: Scanner, service: Any, queries: Sequence[tuple[str, Any]], per_class: int
) -> tuple[dict[str, list[float]], dict[int, Outcome]]:
    from kolscope.domain.team import INSTALLATION

    times: dict[str, list[float]] = {kind: [] for kind in CLASSES}
    outcomes: dict[int, Outcome] = {}
    counted = dict.fromkeys(CLASSES, 0)
    for index, (kind, request) in enumerate(queries):
        if counted[kind] >= per_class:
            continue
        counted[kind] += 1
        query, _scheme = service.resolve(request, INSTALLATION)
        gc.collect()
        started = time.perf_counter()
        outcomes[index] = naive_search(scanner, kind, query, request)
        times[kind].append(time.perf_counter() - started)
        print(f"  naive {kind:<10} {times[kind][-1]:6.2f} s", flush=True)
    return times, outcomes
