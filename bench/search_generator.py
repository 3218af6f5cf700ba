"""Generating the 1,000,000 synthetic creators of bench_search.py in seeded chunks: every row
of the discovery index tables, with documents made as ``analysis.search_text`` makes them."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray

from search_vocabulary import (
    BRANDS,
    FACTS,
    GENERIC_TAGS,
    HANDLE_TAGS,
    LANGUAGE_WEIGHTS,
    LANGUAGES,
    NAMES_LATIN,
    NICHE_WEIGHTS,
    NICHES,
    NOW,
    OTHER_COUNTRIES,
    PARENTS,
    PLATFORM_WEIGHTS,
    PLATFORMS,
    PROVINCE_WEIGHTS,
    PROVINCES,
    RELATED,
    TODAY,
    TONES,
    WORDS,
    Vocabulary,
    tag_key,
)

# Generator ---------------------------------------------------------------------------------------


@dataclass
class Chunk:
    """Rows for ``size`` accounts, as the loaders write them (values in the database's form)."""

    creators: list[tuple[Any, ...]]
    accounts: list[tuple[Any, ...]]
    profiles: list[tuple[Any, ...]]
    niches: list[tuple[Any, ...]]
    terms: list[tuple[Any, ...]]
    audits: list[tuple[Any, ...]]
    documents: list[tuple[int, str]]


class Values:
    """Dates, stamps, booleans and blobs as each database's loader takes them."""

    def __init__(self, sqlite: bool) -> None:
        self.sqlite = sqlite
        days = [TODAY - timedelta(days=d) for d in range(1200)]
        if sqlite:
            self.days: list[Any] = [d.isoformat() for d in days]
            self.stamps: list[Any] = [
                f"{d.isoformat()} 09:00:00.000000" for d in days
            ]  # SQLAlchemy's SQLite format
            self.now: Any = NOW.strftime("%Y-%m-%d %H:%M:%S.000000")
        else:
            self.days = days
            self.stamps = [datetime(d.year, d.month, d.day, 9, tzinfo=UTC) for d in days]
            self.now = NOW

    def flag(self, value: bool | None) -> Any:
        if value is None:
            return None
        return int(value) if self.sqlite else bool(value)


def _vectors(
    niche_conf: NDArray[np.float32],
    content_ids: NDArray[np.int64],
    audience: NDArray[np.float32],
    vocabulary: Vocabulary,
) -> NDArray[np.float32]:
    """The lookalike vectors of a chunk, built as ``lookalike.profile_vector`` builds them."""
    from kolscope.discovery.scoring.lookalike import BLOCKS, SIZE, WEIGHTS

    def unit(block: NDArray[np.float32]) -> NDArray[np.float32]:
        norms = np.linalg.norm(block, axis=1, keepdims=True)
        return np.divide(block, norms, out=np.zeros_like(block), where=norms > 0)

    content = np.log1p(vocabulary.slot_matrix[content_ids].sum(axis=1))
    vectors = np.zeros((len(niche_conf), SIZE), dtype=np.float32)
    for name, block in (("niche", niche_conf), ("content", content), ("audience", audience)):
        vectors[:, BLOCKS[name]] = unit(block.astype(np.float32)) * math.sqrt(WEIGHTS[name])
    return vectors


def make_chunk(
    rng: np.random.Generator, first: int, size: int, vocabulary: Vocabulary, values: Values
) -> Chunk:
    """Accounts ``first`` .. ``first + size - 1`` (ids; one creator each)."""
    from kolscope.discovery.scoring.lookalike import NICHE_SLOTS
    from kolscope.discovery.scoring.taxonomy import NICHE_IDS

    ids = np.arange(first, first + size)
    platform = rng.choice(len(PLATFORMS), size, p=PLATFORM_WEIGHTS)
    followers = np.clip(np.round(rng.lognormal(np.log(6_000), 1.7, size)), 50, 60_000_000)
    followers = followers.astype(np.int64)
    weights = np.array(NICHE_WEIGHTS, dtype=np.float64)
    main = rng.choice(len(NICHES), size, p=weights / weights.sum())
    extra = rng.choice(3, size, p=(0.35, 0.45, 0.2))  # further niches beside the main one
    pick = rng.random((size, 2))
    main_conf = rng.uniform(0.55, 0.98, size)
    other_conf = rng.uniform(0.25, 0.6, (size, 2))
    thai = rng.random(size) < 0.92
    province = rng.choice(len(PROVINCES), size, p=PROVINCE_WEIGHTS)
    no_province = rng.random(size) < 0.08
    country = rng.choice(len(OTHER_COUNTRIES), size)
    language = rng.choice(len(LANGUAGES), size, p=LANGUAGE_WEIGHTS)
    verified = np.where(followers > 300_000, rng.random(size) < 0.5, rng.random(size) < 0.01)
    big = followers >= 100_000
    kind_draw = rng.random(size)
    type_conf = rng.uniform(0.5, 0.95, size)
    rate = np.clip(rng.lognormal(np.log(3.0), 0.6, size) * (followers / 1e4) ** -0.15, 0.02, 40.0)
    rate_missing = rng.random(size) < 0.03
    active = np.where(
        rng.random(size) < 0.85, rng.exponential(20, size), rng.uniform(60, 1000, size)
    ).astype(np.int64)
    per_follower = np.array([0.12, 0.08, 0.2, 0.06, 0.05, 0.1])[platform]
    price_low = np.round(followers * per_follower * rng.uniform(0.7, 1.0, size), -2) + 500
    no_price = rng.random(size) < 0.05
    contact = rng.random(size) < 0.35
    has_audience = rng.random(size) < 0.6
    female = np.clip(rng.beta(2, 2, size), 0, 1)
    ages = rng.dirichlet(np.ones(7) * 1.5, size)
    thai_share = rng.uniform(0.6, 0.98, size)
    bangkok_share = thai_share * rng.uniform(0.2, 0.6, size)
    audited = rng.random(size) < 0.4
    score = np.round(rng.beta(5, 2, size) * 100, 1)
    bio_count = rng.integers(1, 3, size)
    generic_bio = rng.random(size) < 0.4
    phrase_draw = rng.integers(0, 1 << 30, (size, 6))
    tag_count = rng.integers(5, 11, size)
    tag_draw = rng.integers(0, 1 << 30, (size, 10))
    tag_posts = rng.integers(1, 13, (size, 10))
    tag_days = rng.integers(0, 365, (size, 10))
    friends = rng.integers(0, 3, size)
    friend_ids = rng.integers(1, 50_000, (size, 2))
    brand_draw = rng.random((size, len(BRANDS)))
    brand_posts = rng.integers(1, 9, (size, len(BRANDS)))
    brand_sponsored = rng.random((size, len(BRANDS)))
    brand_days = rng.integers(0, 720, (size, len(BRANDS)))
    name_draw = rng.integers(0, 1 << 30, (size, 2))

    niche_conf = np.zeros((size, NICHE_SLOTS), dtype=np.float32)
    slot_of = {n: NICHE_IDS.index(n) for n in NICHES}
    no_phrase = len(vocabulary.phrases.text)
    content_ids = np.full((size, 5), no_phrase, dtype=np.int64)
    audience = np.zeros((size, 12), dtype=np.float32)
    audience[:, 0] = female
    audience[:, 1] = 1 - female
    audience[:, 2:9] = ages
    audience[:, 9] = thai_share
    audience[:, 10] = bangkok_share
    audience[:, 11] = thai_share - bangkok_share
    audience[~has_audience] = 0

    chunk = Chunk([], [], [], [], [], [], [])
    words = vocabulary.phrases.words
    texts = vocabulary.phrases.text
    term_id = first * 40  # at most 36 terms an account: ids never meet the next chunk's
    for i in range(size):
        account_id = int(ids[i])
        n = int(main[i])
        niche = NICHES[n]
        chosen = [(niche, float(main_conf[i]))]
        related = RELATED[niche]
        for k in range(int(extra[i])):
            other = (
                related[int(pick[i, k] * len(related))]
                if pick[i, k] < 0.8
                else NICHES[int(pick[i, k] * 1000) % len(NICHES)]
            )
            if all(other != c[0] for c in chosen):
                chosen.append((other, float(other_conf[i, k])))
        parent = PARENTS.get(niche)
        if parent and all(parent != c[0] for c in chosen):
            chosen.insert(1, (parent, float(main_conf[i]) * 0.9))
        chosen = chosen[:3]
        for name, conf in chosen:
            niche_conf[i, slot_of[name]] = conf
        second = NICHES.index(chosen[1][0]) if len(chosen) > 1 else n
        lang = LANGUAGES[int(language[i])]
        draw = phrase_draw[i]
        bio_ids: list[int] = []
        if lang in ("th", "mixed"):
            pool = vocabulary.th_bios[n]
            bio_ids.append(pool[int(draw[0]) % len(pool)])
            if bio_count[i] > 1:
                pool = vocabulary.th_bios[second]
                bio_ids.append(pool[int(draw[1]) % len(pool)])
        if lang in ("en", "mixed"):
            pool = vocabulary.en_bios[n]
            bio_ids.append(pool[int(draw[2]) % len(pool)])
        if generic_bio[i] or not bio_ids:
            bio_ids.append(vocabulary.generic[int(draw[3]) % len(vocabulary.generic)])
        captions = vocabulary.en_captions if lang == "en" else vocabulary.th_captions
        caption_ids = [
            captions[n][int(draw[4]) % len(captions[n])],
            captions[second][int(draw[5]) % len(captions[second])],
        ]
        content_ids[i, : min(len(bio_ids), 3)] = bio_ids[:3]
        content_ids[i, 3:5] = caption_ids
        bio = " ".join(texts[b] for b in bio_ids)
        latin = NAMES_LATIN[int(name_draw[i, 0]) % len(NAMES_LATIN)]
        handle = f"{latin}.{HANDLE_TAGS.get(niche, niche)}{account_id}"
        use_thai_name = lang != "en" and name_draw[i, 1] % 2 == 0
        name_id = vocabulary.names[int(name_draw[i, 1]) % len(vocabulary.names)]
        display = texts[name_id] if use_thai_name else latin.title()
        display_words = words[name_id] if use_thai_name else latin
        # hashtags: mostly the main niche's, some of the second niche's, some generic
        own, other_tags = vocabulary.tags[n], vocabulary.tags[second]
        tags: list[str] = []
        for k in range(int(tag_count[i])):
            d = int(tag_draw[i, k])
            source = (own, own, other_tags, GENERIC_TAGS)[d % 4]
            tag = source[(d >> 2) % len(source)]
            tag = tag_key(tag) if source is GENERIC_TAGS else tag
            if tag not in tags:
                tags.append(tag)
        tag_words = [vocabulary.tag_words[t] for t in tags]
        half = len(tag_words) // 2
        document = " ".join(
            [
                display_words,
                latin,
                f"{HANDLE_TAGS.get(niche, niche)}{account_id}",
                *(words[b] for b in bio_ids),
                vocabulary.categories[n],
                words[caption_ids[0]],
                *tag_words[:half],
                words[caption_ids[1]],
                *tag_words[half:],
            ]
        )
        for k, tag in enumerate(tags):
            posts = int(tag_posts[i, k])
            chunk.terms.append(
                (term_id, account_id, "tag", tag, posts, posts, values.stamps[int(tag_days[i, k])])
            )
            term_id += 1
        friends_here = {
            f"{NAMES_LATIN[int(f) % 20]}.friend{int(f)}" for f in friend_ids[i, : int(friends[i])]
        }
        for friend in sorted(friends_here):
            chunk.terms.append((term_id, account_id, "mention", friend, 1, 1, values.stamps[3]))
            term_id += 1
        names_here = {c[0] for c in chosen}
        for b, (_, brand_niche, brand_handle, brand_tag, share) in enumerate(BRANDS):
            chance = share if brand_niche in names_here else 0.002
            if brand_draw[i, b] >= chance:
                continue
            posts = int(brand_posts[i, b])
            unsponsored = posts if brand_sponsored[i, b] < 0.6 else int(posts * 0.3)
            last = values.stamps[int(brand_days[i, b])]
            chunk.terms.append(
                (term_id, account_id, "mention", brand_handle, posts, unsponsored, last)
            )
            term_id += 1
            if brand_sponsored[i, b] < 0.5 and tag_key(brand_tag) not in tags:
                chunk.terms.append(
                    (term_id, account_id, "tag", tag_key(brand_tag), posts, unsponsored, last)
                )
                term_id += 1
        is_th = bool(thai[i])
        where = "TH" if is_th else OTHER_COUNTRIES[int(country[i])]
        prov = PROVINCES[int(province[i])] if is_th and not no_province[i] else None
        follower_count = int(followers[i])
        if big[i]:
            kind = "kol" if kind_draw[i] < 0.8 else "creator"
        elif follower_count < 10_000:
            kind = "koc" if kind_draw[i] < 0.6 else "creator"
        else:
            kind = ("kol", "koc", "creator")[int(kind_draw[i] * 3)]
        languages = json.dumps(
            [] if lang == "none" else (["th", "en"] if lang == "mixed" else [lang])
        )
        seen = values.days[min(int(active[i]), 1199)]
        verified_flag = values.flag(bool(verified[i]))
        chunk.creators.append(
            (account_id, display, None, where, prov, languages, values.now, values.now)
        )
        chunk.accounts.append(
            (
                account_id, account_id, PLATFORMS[int(platform[i])], handle, handle.lower(),
                display, bio, json.dumps([NICHES[n].replace("_", " ").title()]), where, prov,
                languages, verified_flag, None,
                f"line: {latin}{account_id}" if contact[i] else None,
                values.flag(True), values.flag(False), follower_count, follower_count // 20,
                int(active[i] % 900) + 10, values.days[0], "TH" if is_th else where,
                values.days[400], values.days[0], values.now, values.now,
            )
        )  # fmt: skip
        niches_json = json.dumps(
            [
                {"niche": c[0], "confidence": round(c[1], 3), "evidence": [_evidence(c[0])]}
                for c in chosen
            ],
            ensure_ascii=False,
        )
        low = None if no_price[i] else int(price_low[i])
        facts = dict(FACTS[(0 if kind == "kol" else 1 if kind == "koc" else 2)])
        facts["tone"] = TONES[account_id % 3]
        facts["price_basis"] = "followers and engagement"
        facts["posts_read"] = 12
        facts["sponsored_posts"] = account_id % 4
        chunk.profiles.append(
            (
                account_id, PLATFORMS[int(platform[i])], follower_count, where, prov, lang,
                verified_flag, values.flag(bool(contact[i])),
                None if rate_missing[i] else round(float(rate[i]), 4),
                None if active[i] > 1100 else seen, low, None if low is None else low * 2,
                niche, niches_json, kind, round(float(type_conf[i]), 3), json.dumps(facts),
                None, None if values.sqlite else document, values.now, None,
            )
        )  # fmt: skip
        chunk.niches.extend(
            (c[0], account_id, round(c[1], 3), follower_count, PLATFORMS[int(platform[i])])
            for c in chosen
        )
        if audited[i]:
            s = float(score[i])
            verdict = "good" if s >= 70 else "caution" if s >= 40 else "risk"
            chunk.audits.append(
                (
                    account_id, account_id, values.now, s, verdict, "medium", "standard",
                    None, 0 if s >= 70 else 2, "{}",
                )
            )  # fmt: skip
        if values.sqlite:
            chunk.documents.append((account_id, document))
    vectors = _vectors(niche_conf, content_ids, audience, vocabulary).astype(np.float16)
    blob = vectors.tobytes()
    width = vectors.shape[1] * 2
    for i, row in enumerate(chunk.profiles):
        chunk.profiles[i] = (*row[:17], blob[i * width : (i + 1) * width], *row[18:])
    return chunk


def _evidence(niche: str) -> str:
    return WORDS[niche][0][0]
