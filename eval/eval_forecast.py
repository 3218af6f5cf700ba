"""Backtest of the forecasts (planning/forecasts): do 80 % intervals hold 80 % of the time, and
do the point forecasts beat the naive "last value"? (make eval)

Writes eval/results/forecast.json and prints a table.

- ``demo``: the synthetic Thai market (seed 16, 600 creators). Accounts are split by a hash of
  their reference into a tuning half and a frozen test half BEFORE anything is fitted. Per
  account, posts sorted by time, each of the last 4 posts is forecast from the posts before it
  (a rolling origin), for its own deliverable and sponsored flag: views (video posts) and
  engagements. Workspace norms come from the tuning half only; the interval width factor is
  calibrated on the tuning half (the 80th percentile of |error| / (z80 x spread)) and applied
  unchanged to the test half.
- ``influencers_2022``: the real monthly exports (top accounts of Instagram, TikTok, YouTube).
  November's average views and likes (Instagram: average engagement) per account are forecast
  from June and September (YouTube's September file has no views: views from June alone). A
  monthly average is not a post: the model is applied to the monthly values as the history,
  with the demo's width unchanged (the cross-data-set result) and, as an adaptation, with a
  width calibrated on forecasting September from June (earlier months only). The undated
  file per platform is left out: its follower counts place it before June for most accounts,
  but not in a month.
- MdAPE: the median of |forecast - actual| / actual (actual > 0), beside the naive forecast
  (the last value: the same creator's latest post of that deliverable, or September).

Run: make eval (or .venv/bin/python eval/eval_forecast.py)
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import math
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from kolscope.catalogue.demo.data import SyntheticThaiMarket
from kolscope.domain.quantities import ReadError, parse_average
from kolscope.domain.tiers import STANDARD
from kolscope.planning.choices import Deliverable
from kolscope.planning.forecasts import (
    CALIBRATED_WIDTH,
    DEFAULT_NORMS,
    Assumptions,
    CreatorHistory,
    Norms,
    PostNumbers,
    forecast,
    norms_from_histories,
    numbers_of,
)
from kolscope.planning.forecasts.model import Z80
from kolscope.vetting.files.corpora import default_data_dir

SEED, CREATORS, TODAY, LAST_K = 16, 600, dt.date(2026, 6, 30), 4
RESULTS = Path(__file__).parent / "results" / "forecast.json"
UTC = dt.UTC


class Record(NamedTuple):
    """One held-back value, its forecast (log centre and sd before the width), and the naive."""

    kpi: str
    centre: float
    sd: float
    actual: float
    naive: float | None
    posts: int


def tier_of(followers: int) -> str:
    tier = STANDARD.tier_for(followers)
    return tier.name if tier else "nano"


# --- the demo ----------------------------------------------------------------------------------
def demo_accounts() -> dict[str, CreatorHistory]:
    data = SyntheticThaiMarket().generate(seed=SEED, creators=CREATORS, today=TODAY)
    followers: dict[str, tuple[dt.date, int]] = {}
    for row in data.accounts:
        ref = f"{row.account.platform.value}:{row.account.handle}"
        snap = row.snapshot
        if snap is None or snap.followers is None:
            continue
        if ref not in followers or snap.taken_on >= followers[ref][0]:
            followers[ref] = (snap.taken_on, snap.followers)
    posts: dict[str, list[PostNumbers]] = defaultdict(list)
    for post_row in data.posts:
        ref = f"{post_row.platform.value}:{post_row.handle}"
        posts[ref].append(numbers_of(post_row.post, post_row.platform))
    accounts = {}
    for ref, found in posts.items():
        count = followers.get(ref, (TODAY, 0))[1]
        ordered = sorted(found, key=lambda p: p.posted_at or dt.datetime.min.replace(tzinfo=UTC))
        accounts[ref] = CreatorHistory(ref.split(":")[0], tier_of(count), count, ordered)
    return accounts


def in_test_half(reference: str) -> bool:
    """The frozen split: by a hash of the reference, fixed before any fitting."""
    return hashlib.sha256(reference.encode()).digest()[0] % 2 == 1


def naive_value(history: Sequence[PostNumbers], target: PostNumbers, kpi: str) -> float | None:
    same = [getattr(p, kpi) for p in history if p.deliverable == target.deliverable]
    found = [v for v in same if v is not None] or [
        v for v in (getattr(p, kpi) for p in history) if v is not None
    ]
    return found[-1] if found else None


def backtest_demo(accounts: Iterable[CreatorHistory], norms: Norms) -> list[Record]:
    records = []
    for account in accounts:
        posts = account.posts
        for index in range(max(1, len(posts) - LAST_K), len(posts)):
            target, history = posts[index], posts[:index]
            result = forecast(
                history,
                followers=account.followers,
                platform=account.platform,
                tier=account.tier,
                deliverable=target.deliverable,
                norms=norms,
                assumptions=Assumptions(sponsored=target.sponsored, width=1.0),
            )
            for kpi in ("views", "engagements"):
                actual = getattr(target, kpi)
                if actual is None:
                    continue
                spread = result.spreads[kpi]
                naive = naive_value(history, target, kpi)
                records.append(
                    Record(kpi, spread.centre, spread.sd, actual, naive, result.posts_used)
                )
    return records


# --- measures ----------------------------------------------------------------------------------
def calibrate(records: Sequence[Record]) -> float:
    """The width factor that puts 80 % of the records inside centre +/- z80 x width x sd."""
    scaled = sorted(abs(math.log(r.actual + 1.0) - r.centre) / (Z80 * r.sd) for r in records)
    return scaled[min(len(scaled) - 1, math.ceil(0.8 * len(scaled)) - 1)]


def summary(records: Sequence[Record], width: float) -> dict[str, Any]:
    if not records:
        return {"n": 0}
    inside = [abs(math.log(r.actual + 1.0) - r.centre) <= Z80 * width * r.sd for r in records]
    errors = [abs(math.exp(r.centre) - 1.0 - r.actual) / r.actual for r in records if r.actual > 0]
    paired = [r for r in records if r.actual > 0 and r.naive is not None]
    model = [abs(math.exp(r.centre) - 1.0 - r.actual) / r.actual for r in paired]
    naive = [abs((r.naive or 0.0) - r.actual) / r.actual for r in paired]
    result: dict[str, Any] = {
        "n": len(records),
        "coverage_80": round(sum(inside) / len(inside), 4),
        "mdape": round(statistics.median(errors), 4) if errors else None,
        "n_with_naive": len(paired),
    }
    if paired:
        result["mdape_paired"] = round(statistics.median(model), 4)
        result["naive_mdape"] = round(statistics.median(naive), 4)
        result["ratio_to_naive"] = round(result["mdape_paired"] / result["naive_mdape"], 4)
    result["median_interval_ratio"] = round(
        statistics.median(math.exp(2 * Z80 * width * r.sd) for r in records), 3
    )
    return result


def by_kpi(records: Sequence[Record], width: float) -> dict[str, Any]:
    out = {"all": summary(records, width)}
    for kpi in sorted({r.kpi for r in records}):
        out[kpi] = summary([r for r in records if r.kpi == kpi], width)
    return out


def by_history(records: Sequence[Record], width: float) -> dict[str, Any]:
    bands = {"1-4 posts": (0, 4), "5-9 posts": (5, 9), "10+ posts": (10, 10**6)}
    return {
        name: summary([r for r in records if low <= r.posts <= high], width)
        for name, (low, high) in bands.items()
    }


# --- influencers-2022 --------------------------------------------------------------------------
# platform, month -> file, and the columns (0-based) of handle, name, followers, views, likes
# (Instagram: average engagement). Headers differ per month, so columns are named here.
FILES: dict[tuple[str, str], tuple[str, int, int, int, int | None, int]] = {
    ("tiktok", "06"): ("social media influencers-tiktok june 2022 - june 2022.csv", 0, 1, 2, 4, 6),
    ("tiktok", "09"): ("social media influencers - Tiktok sep 2022.csv", 1, 2, 3, 5, 7),
    ("tiktok", "11"): ("social media influencers-tiktok - ---nov 2022.csv", 1, 2, 3, 4, 5),
    ("youtube", "06"): (
        "social media influencers-youtube june 2022 - june 2022.csv", 0, 1, 4, 7, 9),
    ("youtube", "09"): ("social media influencers - Youtube sep-2022.csv", 2, 1, 4, None, 7),
    ("youtube", "11"): ("social media influencers-youtube - --nov 2022.csv", 1, 2, 4, 7, 9),
    ("instagram", "06"): (
        "social media influencers-instagram june 2022 - june 2022.csv", 0, 1, 4, None, 9),
    ("instagram", "09"): ("social media influencers - instagram sep-2022.csv", 1, 2, 3, None, 8),
    ("instagram", "11"): ("social media influencers-instagram - -nov 2022.csv", 1, 2, 4, None, 9),
}  # fmt: skip
UNDATED = {
    "tiktok": ("social media influencers - tiktok.csv", 0, 2),
    "youtube": ("social media influencers - youtube.csv", 0, 3),
    "instagram": ("social media influencers - instagram.csv", 0, 4),
}
DELIVERABLE = {
    "tiktok": Deliverable.SHORT_VIDEO,
    "youtube": Deliverable.LONG_VIDEO,
    "instagram": Deliverable.POST,
}


class Monthly(NamedTuple):
    followers: float | None
    views: float | None
    likes: float | None


def number(cells: Sequence[str], column: int | None) -> float | None:
    if column is None or column >= len(cells):
        return None
    try:
        return parse_average(cells[column].strip().rstrip("'"))
    except ReadError:
        return None


def key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


class Month(NamedTuple):
    rows: dict[str, Monthly]  # by handle key
    found: dict[str, Monthly]  # by handle key, and by name key when that name is unique

    def get(self, handle: str) -> Monthly | None:
        return self.found.get(handle)


def read_month(folder: Path, platform: str, month: str) -> Month:
    """Rows by handle key; a row is also found by its name when that name is unique."""
    name, handle_col, name_col, followers_col, views_col, likes_col = FILES[(platform, month)]
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    by_handle: dict[str, Monthly] = {}
    by_name: dict[str, list[Monthly]] = defaultdict(list)
    for cells in rows:
        if len(cells) <= max(handle_col, name_col) or not cells[handle_col].strip():
            continue
        row = Monthly(
            number(cells, followers_col), number(cells, views_col), number(cells, likes_col)
        )
        by_handle.setdefault(key(cells[handle_col]), row)
        by_name[key(cells[name_col])].append(row)
    aliases = dict(by_handle)
    for found, rows_named in by_name.items():
        if len(rows_named) == 1 and found and found not in aliases:
            aliases[found] = rows_named[0]
    return Month(by_handle, aliases)


def monthly_records(
    months: dict[str, Month],
    platform: str,
    kpi: str,
    history_months: Sequence[str],
    target_month: str,
    norms: Norms,
) -> list[Record]:
    records = []
    attribute = "views" if kpi == "views" else "likes"
    for handle, target in months[target_month].rows.items():
        actual = getattr(target, attribute)
        earlier = [months[m].get(handle) for m in history_months]
        values = [getattr(row, attribute) if row else None for row in earlier]
        if actual is None or actual <= 0 or any(v is None for v in values):
            continue
        last = earlier[-1]
        followers = int((last.followers if last else None) or target.followers or 0)
        history = [
            PostNumbers(
                DELIVERABLE[platform],
                dt.datetime(2022, int(month), 15, tzinfo=UTC),
                views=value if kpi == "views" else None,
                engagements=value if kpi != "views" else None,
            )
            for month, value in zip(history_months, values, strict=True)
        ]
        result = forecast(
            history,
            followers=followers,
            platform=platform,
            tier=tier_of(followers),
            deliverable=DELIVERABLE[platform],
            norms=norms,
            assumptions=Assumptions(sponsored=False, width=1.0),
        )
        spread = result.spreads["views" if kpi == "views" else "engagements"]
        records.append(Record(kpi, spread.centre, spread.sd, actual, values[-1], len(values)))
    return records


def workspace_norms(months: dict[str, Month], platform: str, used: Sequence[str]) -> Norms:
    """Norms measured on the earlier months only (each account's months as its posts)."""
    histories = []
    for handle, row in months[used[-1]].rows.items():
        if not row.followers:
            continue
        posts = []
        for month in used:
            found = months[month].get(handle)
            if found is not None:
                posts.append(
                    PostNumbers(DELIVERABLE[platform], views=found.views, engagements=found.likes)
                )
        histories.append(
            CreatorHistory(platform, tier_of(int(row.followers)), int(row.followers), posts)
        )
    return norms_from_histories(histories)


def undated_placement(folder: Path, platform: str, june: Month) -> dict[str, Any]:
    name, handle_col, followers_col = UNDATED[platform]
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    fewer = more = 0
    for cells in rows:
        if len(cells) <= followers_col:
            continue
        found = june.get(key(cells[handle_col]))
        count = number(cells, followers_col)
        if found and found.followers and count:
            fewer += count < found.followers
            more += count > found.followers
    return {"matched_with_june": fewer + more, "fewer_followers_than_june": fewer,
            "more_followers_than_june": more}  # fmt: skip


def real_backtest(folder: Path, demo_width: float) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for platform in ("tiktok", "youtube", "instagram"):
        months = {m: read_month(folder, platform, m) for m in ("06", "09", "11")}
        kpis = ["views", "likes"] if platform != "instagram" else ["engagement_average"]
        entry: dict[str, Any] = {"accounts_per_month": {m: len(r.rows) for m, r in months.items()}}
        for kpi in kpis:
            has_sep = not (platform == "youtube" and kpi == "views")
            history = ["06", "09"] if has_sep else ["06"]
            for label, norms in (
                ("default_norms", DEFAULT_NORMS),
                ("workspace_norms", workspace_norms(months, platform, history)),
            ):
                test = monthly_records(months, platform, kpi, history, "11", norms)
                tune = (
                    monthly_records(months, platform, kpi, ["06"], "09", norms) if has_sep else []
                )
                tuned = calibrate(tune) if tune else None
                entry[f"{kpi}/{label}"] = {
                    "history": [f"2022-{m}" for m in history],
                    "demo_width": summary(test, demo_width),
                    "width_1": summary(test, 1.0),
                    "tuned_on_sep_from_june": (
                        {"width": round(tuned, 4), **summary(test, tuned)} if tuned else None
                    ),
                }
        entry["undated_file"] = undated_placement(folder, platform, months["06"])
        out[platform] = entry
    return out


def main() -> int:
    started = time.perf_counter()
    accounts = demo_accounts()
    tune = [a for ref, a in sorted(accounts.items()) if not in_test_half(ref)]
    test = [a for ref, a in sorted(accounts.items()) if in_test_half(ref)]
    norms = norms_from_histories(tune)
    tune_records = backtest_demo(tune, norms)
    test_records = backtest_demo(test, norms)
    width = calibrate(tune_records)
    default_test = backtest_demo(test, DEFAULT_NORMS)
    demo = {
        "width_calibrated": round(width, 4),
        "width_in_code": CALIBRATED_WIDTH,
        "norms": {
            "post_spread": round(norms.post_spread, 4),
            "creator_spread": round(norms.creator_spread, 4),
            "sponsored_views": round(norms.sponsored_views, 4),
            "sponsored_engagements": round(norms.sponsored_engagements, 4),
            "measured_keys": len(norms.measured),
        },
        "tune": by_kpi(tune_records, width),
        "test": by_kpi(test_records, width),
        "test_uncalibrated_width_1": by_kpi(test_records, 1.0),
        "test_by_history": by_history(test_records, width),
        "test_default_norms": by_kpi(default_test, width),
    }
    folder = default_data_dir() / "influencers-2022"
    real = real_backtest(folder, width) if folder.is_dir() else {"skipped": "data not found"}
    result = {
        "inputs": {
            "demo": {"seed": SEED, "creators": CREATORS, "today": TODAY.isoformat(),
                     "held_back_posts_per_account": LAST_K},
            "split": {"tune_accounts": len(tune), "test_accounts": len(test),
                      "tune_records": len(tune_records), "test_records": len(test_records),
                      "rule": "sha256(reference)[0] odd -> test, fixed before fitting"},
            "influencers_2022": sorted(v[0] for v in FILES.values()),
            "left_out": "the undated file per platform (its month cannot be placed)",
        },
        "demo": demo,
        "influencers_2022": real,
        "cross_data_set": "influencers_2022.*.demo_width: the width calibrated on the demo's "
        "tuning half, applied unchanged to the real monthly series",
        "seconds": round(time.perf_counter() - started, 1),
        "run_on": dt.datetime.now(UTC).isoformat(timespec="seconds"),
    }  # fmt: skip
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print_table(result)
    return 0


def print_table(result: dict[str, Any]) -> None:
    demo = result["demo"]
    print(f"forecast backtest: width calibrated on the demo's tuning half = "
          f"{demo['width_calibrated']:.3f} (in code: {demo['width_in_code']})")  # fmt: skip
    head = f"{'part':44} {'n':>6} {'cover80':>8} {'MdAPE':>7} {'naive':>7} {'ratio':>6}"
    print(head)
    rows: list[tuple[str, dict[str, Any]]] = []
    for part in ("tune", "test", "test_uncalibrated_width_1", "test_default_norms"):
        for kpi, found in demo[part].items():
            rows.append((f"demo {part} {kpi}", found))
    for band, found in demo["test_by_history"].items():
        rows.append((f"demo test {band}", found))
    for platform, entry in result["influencers_2022"].items():
        if not isinstance(entry, dict):
            continue
        for name, found in entry.items():
            if "/" in name:
                rows.append((f"{platform} {name} demo width", found["demo_width"]))
                if found["tuned_on_sep_from_june"]:
                    rows.append((f"{platform} {name} sep-tuned", found["tuned_on_sep_from_june"]))
    for label, found in rows:
        if found.get("n"):
            print(f"{label:44} {found['n']:>6} {found['coverage_80']:>8.3f} "
                  f"{found.get('mdape_paired', found['mdape']) or 0:>7.3f} "
                  f"{found.get('naive_mdape') or float('nan'):>7.3f} "
                  f"{found.get('ratio_to_naive') or float('nan'):>6.2f}")  # fmt: skip
    print(f"({result['seconds']} s) -> {RESULTS}")


if __name__ == "__main__":
    sys.exit(main())
