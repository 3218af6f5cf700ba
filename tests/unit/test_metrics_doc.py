"""docs/metrics.md must state every metric exactly as its function's docstring does."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from kolscope.vetting import metrics
from kolscope.vetting.metrics import METRICS, MetricSpec

PAGE = Path(__file__).resolve().parents[2] / "docs" / "metrics.md"
_HEADING = re.compile(r"^### .*`(?P<name>[a-z_]+)`\s*$")
_FIELD = re.compile(r"^- \*\*(?P<field>[A-Za-z]+):\*\* (?P<text>.+)$")


def documented(page: str) -> dict[str, dict[str, str]]:
    """Each metric section of the page (a ``### … `name``` heading) with its ``- **Field:**``
    lines."""
    sections: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in page.splitlines():
        heading = _HEADING.match(line)
        if heading:
            current = sections.setdefault(heading["name"], {})
        elif line.startswith("#"):
            current = None
        elif current is not None and (field := _FIELD.match(line)):
            current[field["field"]] = " ".join(field["text"].split())
    return sections


def problems(page: str, registry: Mapping[str, MetricSpec]) -> list[str]:
    """Every way the page and the code disagree."""
    sections = documented(page)
    found = [
        f"{name}: documented, but no such metric is registered"
        for name in sorted(set(sections) - set(registry))
    ]
    for name, spec in registry.items():
        section = sections.get(name)
        if section is None:
            found.append(f"{name}: registered, but not documented")
            continue
        expected = {
            "Function": f"`kolscope.vetting.metrics.{spec.function.__name__}`",
            **{key: " ".join(text.split()) for key, text in spec.definition.as_fields().items()},
            "Unit": spec.unit,
        }
        for key, text in expected.items():
            if section.get(key) != text:
                found.append(f"{name}: {key} reads {section.get(key)!r}, the code says {text!r}")
    return found


def test_the_page_and_the_code_agree() -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert problems(page, METRICS) == []
    assert set(documented(page)) == set(METRICS)


def test_every_documented_function_exists() -> None:
    for section in documented(PAGE.read_text(encoding="utf-8")).values():
        name = section["Function"].strip("`").rsplit(".", 1)[-1]
        assert callable(getattr(metrics, name, None)), name


def test_the_check_fails_when_page_and_code_drift() -> None:
    page = PAGE.read_text(encoding="utf-8")
    changed_window = page.replace(
        "- **Window:** the 12 newest posts, sponsored and organic together\n"
        "- **Statistic:** median",
        "- **Window:** the 30 newest posts\n- **Statistic:** median",
        1,
    )
    assert changed_window != page
    assert any("Window reads" in problem for problem in problems(changed_window, METRICS))

    swapped_statistic = page.replace("- **Statistic:** ratio of sums", "- **Statistic:** mean", 1)
    assert any("Statistic reads" in problem for problem in problems(swapped_statistic, METRICS))

    invented = page + "\n### Reach rate — `reach_rate`\n\n- **Numerator:** reach\n"
    assert "reach_rate: documented, but no such metric is registered" in problems(invented, METRICS)

    without_views = re.sub(r"### [^\n]*`average_views`.*?(?=\n### )", "", page, flags=re.S)
    assert "average_views: registered, but not documented" in problems(without_views, METRICS)

    unregistered = {name: spec for name, spec in METRICS.items() if name != "median_likes"}
    assert "median_likes: documented, but no such metric is registered" in problems(
        page, unregistered
    )
