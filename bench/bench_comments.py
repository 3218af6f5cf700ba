"""Comment pipeline benchmark: 50,000 realistic comments on one core.

The comments: every message of the public corpora in ../shared/data (Wisesight Sentiment
train + valid, the YouTube Spam Collection, ScamSpot), shuffled, topped up to 50,000 with
synthetic audience comments built from the demo workspace's Thai and English phrase tables
(praise, buying questions, complaints, emoji and sticker rows, spam-ring texts), with the
spellings real comments have (ดีมากกกก, 555, emoji, doubled spaces). Without the shared data
all 50,000 are synthetic, and the result says so.

It times, in the same run and on the same comments:

- baseline: tokenisation alone, ``thaibreak.words`` on each raw comment (what any Thai
  pipeline pays at least);
- kolscope: ``analyse_comments`` (normalise + tokenise + features + every head + rules +
  duplicate check + evidence), its word cache cleared first;

and prints comments per second for both and their ratio, plus the stage costs, the time to
load the models and the memory they take. The process is pinned to one CPU core and every
numeric library to one thread. Results: bench/results/comments.json.

Run: make bench (or .venv/bin/python bench/bench_comments.py [--comments 50000])
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

RESULTS = Path(__file__).parent / "results"
SEED = 11


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def real_comments() -> list[str]:
    from kolscope.vetting.files import corpora

    data = corpora.default_data_dir()
    try:
        texts = [t for t, _ in corpora.wisesight(data, "train")]
        texts += [t for t, _ in corpora.wisesight(data, "valid")]
        texts += [t for rows in corpora.youtube_spam(data).values() for t, _ in rows]
        texts += [t for t, _ in corpora.scamspot(data)]
    except corpora.CorpusError:
        return []
    return texts


def synthetic_comments(rng: random.Random, count: int) -> list[str]:
    from kolscope.catalogue.demo.data import vocab_comments as say

    ring_texts = tuple(
        text.replace("{id}", line_id)
        for ring in say.RING_TEXTS
        for text in ring
        for line_id in say.RING_LINE_IDS
    )
    kinds = [
        (say.PRAISE_TH, 22), (say.PRAISE_EN, 5), (say.PURCHASE_TH, 12), (say.PURCHASE_EN, 3),
        (say.QUESTION_TH, 9), (say.QUESTION_EN, 2), (say.COMPLAINT_TH, 5),
        (say.COMPLAINT_EN, 1), (say.CHATTER_TH, 9), (say.CHATTER_EN, 2),
        (say.EMOJI_ONLY, 12), ((say.STICKER,), 4), (say.GENERIC_TH, 6), (say.GENERIC_EN, 3),
        (say.LOOSE_SPAM, 2), (ring_texts, 3),
    ]  # fmt: skip
    tables = [table for table, _ in kinds]
    weights = [weight for _, weight in kinds]
    out = []
    for _ in range(count):
        parts = [rng.choice(table) for table in rng.choices(tables, weights, k=rng.randint(1, 3))]
        text = " ".join(parts)
        roll = rng.random()
        if roll < 0.15:
            text += " " + "5" * rng.randint(3, 8)
        elif roll < 0.3:
            text = text + text[-1] * rng.randint(2, 6)
        elif roll < 0.45:
            text += " " + rng.choice("😍🥰💕😂🙏✨👍🔥") * rng.randint(1, 4)
        if rng.random() < 0.1:
            text = text.replace(" ", "  ", 1)
        out.append(text)
    return out


def timed_best(run: Callable[[], object], repeats: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times), times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    rng = random.Random(SEED)
    real = real_comments()
    rng.shuffle(real)
    real = real[: args.comments]
    texts = real + synthetic_comments(rng, args.comments - len(real))
    rng.shuffle(texts)
    characters = sum(len(t) for t in texts)

    before = rss_mb()
    start = time.perf_counter()
    import thaibreak

    from kolscope.text import cleaning as text_module
    from kolscope.vetting.comments.pipeline import default_reader

    reader = default_reader()
    load_seconds = time.perf_counter() - start
    after = rss_mb()
    arrays = {
        id(array): array
        for head in reader.models.heads.values()
        for array in (head.dense(), head.leaning())
    }
    model_bytes = int(reader.models.idf.nbytes) + sum(a.nbytes for a in arrays.values())

    def tokenise_only() -> None:
        for text in texts:
            thaibreak.words(text)

    def pipeline() -> None:
        text_module.split_words.cache_clear()
        reader.read(texts)

    def pipeline_real_only() -> None:
        text_module.split_words.cache_clear()
        reader.read(real)

    def normalise_only() -> None:
        text_module.split_words.cache_clear()
        for text in texts:
            text_module.normalise(text)

    print(
        f"{len(texts):,} comments ({len(real):,} real, {len(texts) - len(real):,} synthetic; "
        f"{len(set(texts)):,} distinct texts)"
    )
    tokenise_seconds, tokenise_runs = timed_best(tokenise_only, args.repeats)
    normalise_seconds, _ = timed_best(normalise_only, args.repeats)
    pipeline_seconds, pipeline_runs = timed_best(pipeline, args.repeats)
    real_seconds = timed_best(pipeline_real_only, args.repeats)[0] if real else None
    peak = rss_mb()

    n = len(texts)
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus_used": 1},
        "comments": n,
        "real_comments": len(real),
        "synthetic_comments": n - len(real),
        "characters": characters,
        "distinct_texts": len(set(texts)),
        "repeats": args.repeats,
        "baseline_tokenise_only": {
            "what": "thaibreak.words on each raw comment",
            "seconds_best": round(tokenise_seconds, 3),
            "comments_per_second": round(n / tokenise_seconds),
            "runs": [round(t, 3) for t in tokenise_runs],
        },
        "normalise_and_tokenise": {
            "seconds_best": round(normalise_seconds, 3),
            "comments_per_second": round(n / normalise_seconds),
        },
        "pipeline": {
            "what": "analyse_comments: normalise, tokenise, features, all heads, rules, evidence",
            "seconds_best": round(pipeline_seconds, 3),
            "seconds_median": round(statistics.median(pipeline_runs), 3),
            "comments_per_second": round(n / pipeline_seconds),
            "runs": [round(t, 3) for t in pipeline_runs],
        },
        "pipeline_real_comments_only": None
        if real_seconds is None
        else {
            "what": "the same pipeline on the real comments alone (few exact repeats)",
            "comments": len(real),
            "distinct_texts": len(set(real)),
            "comments_per_second": round(len(real) / real_seconds),
        },
        "pipeline_over_tokenise_time": round(pipeline_seconds / tokenise_seconds, 2),
        "target_comments_per_second": 3_000,
        "models": {
            "load_seconds": round(load_seconds, 2),
            "rss_growth_on_load_mb": round(after - before, 1),
            "arrays_in_memory_mb": round(model_bytes / 1e6, 1),
            "process_rss_peak_mb": round(peak, 1),
            "target_mb": 300,
        },
    }
    print(
        f"tokenise only  {n / tokenise_seconds:>9,.0f} comments/s\n"
        f"normalise      {n / normalise_seconds:>9,.0f} comments/s\n"
        f"pipeline       {n / pipeline_seconds:>9,.0f} comments/s   "
        f"({pipeline_seconds / tokenise_seconds:.1f}x the time of tokenising alone; "
        f"target 3,000/s)\n"
        + (
            f"real comments only {len(real) / real_seconds:,.0f} comments/s\n"
            if real_seconds
            else ""
        )
        + f"models: loaded in {load_seconds:.1f} s, +{after - before:.0f} MB on load, "
        f"process peak {peak:.0f} MB (target < 300 MB)"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "comments.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
