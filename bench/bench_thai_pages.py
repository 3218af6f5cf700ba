"""What Thai costs a page: the discover page and the creator page rendered in Thai (reasons,
notes and signals written from messages in the reader's language and formats) against the same
pages in English, in one warm process on the demo workspace.

Prints the median and p95 of each page in both languages and the Thai/English ratio, plus the
cost of writing one reason: ``str(message)`` (English) against the Thai page wording.
Results: bench/results/thai_pages.json.

Run: .venv/bin/python bench/bench_thai_pages.py [--creators 600] [--repeats 30]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from fastapi.testclient import TestClient

from kolscope.bootstrap import open_workspace
from kolscope.catalogue.demo.build import DEMO_PASSWORD, DEMO_PEOPLE
from kolscope.config import Settings
from kolscope.domain.messages import Message, render
from kolscope.entrypoints.web import i18n
from kolscope.entrypoints.web.app import create_app
from kolscope.entrypoints.web.said import PageWording
from kolscope.entrypoints.web.security import SESSION_COOKIE

RESULTS = Path(__file__).with_name("results")
DISCOVER = "/discover?min_er=0.1&min_quality=1&min_price=1&limit=100"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(client: TestClient, url: str, language: str, repeats: int) -> list[float]:
    headers = {"Accept-Language": language}
    assert client.get(url, headers=headers).status_code == 200  # warm
    spent = []
    for _ in range(repeats):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        spent.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return spent


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(values) * 1000, 2),
        "p95_ms": round(percentile(values, 0.95) * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--creators", type=int, default=600)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace = open_workspace(Settings(workspace=Path(folder)), synthetic=True)
        workspace.build_demo(seed=2569, creators=args.creators, today=date(2026, 12, 1))
        client = TestClient(create_app(workspace))
        token, _user = workspace.team.login(DEMO_PEOPLE[1][0], DEMO_PASSWORD, "bench")
        client.cookies.set(SESSION_COOKIE, token)
        creator = _first_creator(client)
        pages = {"discover": DISCOVER, "creator": creator}
        results: dict[str, object] = {}
        for name, url in pages.items():
            english = timed(client, url, "en", args.repeats)
            thai = timed(client, url, "th", args.repeats)
            results[name] = {
                "url": url,
                "english": summary(english),
                "thai": summary(thai),
                "ratio_p50": round(statistics.median(thai) / statistics.median(english), 3),
            }
            print(
                f"{name:9} English p50 {results[name]['english']['p50_ms']} ms, "  # type: ignore[index]
                f"Thai p50 {results[name]['thai']['p50_ms']} ms "  # type: ignore[index]
                f"(x{results[name]['ratio_p50']})"  # type: ignore[index]
            )
        results["one_reason"] = _one_reason()
        print(
            f"one reason: English {results['one_reason']['english_us']} µs, "  # type: ignore[index]
            f"Thai {results['one_reason']['thai_us']} µs"  # type: ignore[index]
        )
        workspace.close()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "thai_pages.json").write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
                "creators": args.creators,
                "repeats": args.repeats,
                **results,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )


def _first_creator(client: TestClient) -> str:
    page = client.get("/creators").text
    start = page.index('href="/creators/') + len('href="')
    return page[start : page.index('"', start)]


def _one_reason() -> dict[str, float]:
    from kolscope.discovery.messages import BASED_IN, CREATOR_TYPE_BECAUSE, NICHE, TYPE_KOL

    reasons: list[Message] = [
        NICHE(niche="beauty", confidence=0.85),
        BASED_IN(place="TH-10"),
        CREATOR_TYPE_BECAUSE(
            kind=TYPE_KOL(), confidence=0.9, why=NICHE(niche="makeup", confidence=1)
        ),
    ] * 1000
    start = time.perf_counter()
    for reason in reasons:
        str(reason)
    english = (time.perf_counter() - start) / len(reasons)
    i18n.set_language("th")
    wording = PageWording("th", thai_units=True, buddhist_era=True)
    start = time.perf_counter()
    for reason in reasons:
        render(reason, wording)
    thai = (time.perf_counter() - start) / len(reasons)
    i18n.set_language("en")
    return {"english_us": round(english * 1e6, 2), "thai_us": round(thai * 1e6, 2)}


if __name__ == "__main__":
    main()
