"""Loading bench_search.py's creators into a fresh workspace: SQLite by bulk insert, PostgreSQL
by COPY, secondary indexes dropped during the load and rebuilt after it."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from search_generator import Chunk, Values, make_chunk
from search_vocabulary import BRANDS, CHUNK, NOW, SEED, Vocabulary

# Loading -----------------------------------------------------------------------------------------

TABLES = ("creators", "accounts", "creator_profiles", "account_niches", "account_terms", "audits")
COLUMNS = {
    "creators": (
        "id", "display_name", "creator_key", "country", "province", "languages", "created_at",
        "updated_at",
    ),
    "accounts": (
        "id", "creator_id", "platform", "handle", "handle_key", "display_name", "bio",
        "categories", "country", "province", "languages", "verified", "external_url", "contact",
        "has_profile_picture", "is_private", "followers", "following", "posts_count",
        "metrics_as_of", "top_audience_country", "first_seen", "last_seen", "created_at",
        "updated_at",
    ),
    "creator_profiles": (
        "account_id", "platform", "followers", "country", "province", "language", "verified",
        "has_contact", "engagement_rate", "last_active", "price_low", "price_high", "niche",
        "niches", "creator_type", "type_confidence", "facts", "vector", "document",
        "indexed_at", "source_import",
    ),
    "account_niches": ("niche", "account_id", "confidence", "followers", "platform"),
    "account_terms": ("id", "account_id", "kind", "term", "posts", "unsponsored", "last_at"),
    "audits": (
        "id", "account_id", "audited_at", "score", "verdict", "confidence", "scheme", "tier",
        "problems", "report",
    ),
}  # fmt: skip
ATTRIBUTES = {
    "creators": "creators", "accounts": "accounts", "creator_profiles": "profiles",
    "account_niches": "niches", "account_terms": "terms", "audits": "audits",
}  # fmt: skip


@dataclass
class LoadReport:
    rows: dict[str, int]
    generate_seconds: float
    write_seconds: float
    index_seconds: float
    analyze_seconds: float

    @property
    def seconds(self) -> float:
        return self.write_seconds + self.index_seconds + self.analyze_seconds

    def as_dict(self) -> dict[str, Any]:
        total = sum(self.rows.values())
        return {
            "rows": self.rows,
            "generate_seconds": round(self.generate_seconds, 1),
            "write_seconds": round(self.write_seconds, 1),
            "index_build_seconds": round(self.index_seconds, 1),
            "analyze_seconds": round(self.analyze_seconds, 1),
            "load_seconds": round(self.seconds, 1),
            "rows_per_second": round(total / self.seconds) if self.seconds else None,
        }


def _chunks(creators: int, vocabulary: Vocabulary, values: Values) -> Iterator[Chunk]:
    rng = np.random.default_rng(SEED)
    for first in range(1, creators + 1, CHUNK):
        yield make_chunk(rng, first, min(CHUNK, creators + 1 - first), vocabulary, values)


def load_sqlite(path: Path, creators: int, vocabulary: Vocabulary) -> LoadReport:
    """Bulk insert with the secondary indexes dropped, then rebuild them and ANALYZE."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-262144")
    db.execute("PRAGMA temp_store=MEMORY")
    names = ", ".join(f"'{t}'" for t in TABLES)
    indexes = db.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({names})"
    ).fetchall()
    for name, _sql in indexes:
        db.execute(f'DROP INDEX "{name}"')
    values = Values(sqlite=True)
    rows = dict.fromkeys(TABLES, 0)
    generate = write = 0.0
    started = time.perf_counter()
    for chunk in _chunks(creators, vocabulary, values):
        generate += time.perf_counter() - started
        started = time.perf_counter()
        db.execute("BEGIN")
        for table in TABLES:
            data = getattr(chunk, ATTRIBUTES[table])
            columns = COLUMNS[table]
            db.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                data,
            )
            rows[table] += len(data)
        db.executemany("INSERT INTO creator_fts(rowid, document) VALUES (?, ?)", chunk.documents)
        db.execute("COMMIT")
        write += time.perf_counter() - started
        print(f"  sqlite: {rows['creator_profiles']:>9,} creators written", end="\r", flush=True)
        started = time.perf_counter()
    print()
    started = time.perf_counter()
    for _name, sql in indexes:
        db.execute(sql)
    db.execute("INSERT INTO creator_fts(creator_fts) VALUES ('optimize')")
    index_seconds = time.perf_counter() - started
    started = time.perf_counter()
    db.execute("ANALYZE")
    analyze = time.perf_counter() - started
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    rows["creator_fts"] = rows["creator_profiles"]
    return LoadReport(rows, generate, write, index_seconds, analyze)


def load_postgres(url: str, schema: str, creators: int, vocabulary: Vocabulary) -> LoadReport:
    """COPY with the secondary indexes dropped and foreign-key triggers off, then rebuild."""
    import psycopg

    conninfo = url.replace("postgresql+psycopg://", "postgresql://").split("?")[0]
    with psycopg.connect(conninfo, autocommit=True) as db:
        db.execute(f'SET search_path TO "{schema}"')
        db.execute("SET maintenance_work_mem = '512MB'")
        with contextlib.suppress(psycopg.Error):
            db.execute("SET session_replication_role = replica")  # no FK triggers while loading
        names = list(TABLES)
        indexes = db.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = %s AND i.tablename = ANY(%s) AND NOT EXISTS ("
            "SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            (schema, names),
        ).fetchall()
        for name, _sql in indexes:
            db.execute(f'DROP INDEX "{schema}"."{name}"')
        values = Values(sqlite=False)
        rows = dict.fromkeys(TABLES, 0)
        generate = write = 0.0
        started = time.perf_counter()
        for chunk in _chunks(creators, vocabulary, values):
            generate += time.perf_counter() - started
            started = time.perf_counter()
            with db.transaction(), db.cursor() as cursor:
                for table in TABLES:
                    data = getattr(chunk, ATTRIBUTES[table])
                    with cursor.copy(
                        f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN"
                    ) as copy:
                        for row in data:
                            copy.write_row(row)
                    rows[table] += len(data)
            write += time.perf_counter() - started
            print(f"  postgresql: {rows['creator_profiles']:>9,} creators written", end="\r")
            started = time.perf_counter()
        print()
        started = time.perf_counter()
        for _name, sql in indexes:
            db.execute(sql)
        for table in ("creators", "accounts", "account_terms", "audits"):
            db.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        index_seconds = time.perf_counter() - started
        started = time.perf_counter()
        db.execute("VACUUM ANALYZE")
        analyze = time.perf_counter() - started
    return LoadReport(rows, generate, write, index_seconds, analyze)


def add_brands(engine: Any) -> None:
    from sqlalchemy import insert

    from kolscope.infra.db import tables as t

    with engine.begin() as db:
        db.execute(
            insert(t.brands),
            [
                {
                    "name": name, "handles": [f"@{handle}"], "hashtags": [f"#{tag}"],
                    "niche": niche, "tone_notes": None, "competitors": [], "created_at": NOW,
                    "organisation_id": None,
                }
                for name, niche, handle, tag, _share in BRANDS
            ],
        )  # fmt: skip
