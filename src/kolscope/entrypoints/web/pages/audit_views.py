"""How audits are shown: labels in the person's language, and one stored audit as the creator
page reads it (its charts are drawn in ``audit_charts``).

The reasons, the data lines and the jumps' tell-tales come from the analysis as messages
(``reason_message``, ``data_message``, ``tell_tale_messages`` in the stored report; older
reports hold only the English text, shown as it is) and the page says them in the reader's
language with ``say``; every fixed text around them is translated. Everything here returns
plain values: the templates escape them, and figures reach the page through ``json_script``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kolscope.bootstrap import Workspace
from kolscope.domain.messages import Message, literal
from kolscope.domain.platforms import Platform
from kolscope.domain.team import Permission
from kolscope.entrypoints.web.i18n import _, current_language
from kolscope.entrypoints.web.pages.audit_charts import Jump, engagement_figure
from kolscope.vetting.facade import METRICS, AuditRecord, Benchmarks, ordinal

# Running an audit is vetting work: owners and members. The domain has no permission of its
# own for it yet, so it is the one that opens the audits section (held by the same roles).
RUN_AUDITS = Permission.VIEW_AUDITS
ER_METRIC = "engagement_rate_by_followers"
SIGNALS = ("fake_followers", "engagement", "comments", "growth", "pods", "audience_fit")
VERDICTS = ("good", "caution", "risk", "unknown")
SORTS = ("-score", "score", "-followers", "followers", "problems", "audited", "handle")


def verdict_labels() -> dict[str, str]:
    """The overall verdict of an audit."""
    return {
        "good": _("Good"),
        "caution": _("Caution"),
        "risk": _("Risk"),
        "unknown": _("Unknown"),
    }


def signal_verdict_labels() -> dict[str, str]:
    """The verdict of one signal."""
    return {
        "ok": _("OK"),
        "warning": _("Worth a look"),
        "problem": _("Problem"),
        "unknown": _("Not enough data"),
    }


def confidence_labels() -> dict[str, str]:
    return {
        "none": _("no confidence"),
        "low": _("low confidence"),
        "medium": _("medium confidence"),
        "high": _("high confidence"),
    }


def signal_labels() -> dict[str, str]:
    return {
        "fake_followers": _("Fake followers"),
        "engagement": _("Engagement"),
        "comments": _("Comment quality"),
        "growth": _("Follower growth"),
        "pods": _("Engagement pods"),
        "audience_fit": _("Audience fit"),
    }


def sort_labels() -> dict[str, str]:
    return {
        "-score": _("highest score"),
        "score": _("lowest score"),
        "-followers": _("most followers"),
        "followers": _("fewest followers"),
        "problems": _("most problems"),
        "audited": _("audited most recently"),
        "handle": _("handle"),
    }


def metric_label(name: str) -> str:
    spec = METRICS.get(name)
    if spec is None:
        return name
    return spec.label_th if current_language() == "th" else spec.label


def score_text(score: float | None) -> str:
    """A score as shown: 72 or 68.5; "unknown" (translated) when there is none."""
    if score is None:
        return _("unknown")
    return f"{score:.0f}" if float(score).is_integer() else f"{score:.1f}"


def value_text(value: Any, unit: str, count: Callable[[float | None], str]) -> str:
    """A measured value in its unit: shares as percentages, counts compact."""
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return "–"
    number = float(value)
    if unit in {"fraction", "share"}:
        return f"{number:.2%}" if abs(number) < 0.1 else f"{number:.1%}"
    if unit == "jumps":
        return _("1 jump") if number == 1 else _("%(n)s jumps") % {"n": f"{number:.0f}"}
    if unit == "partners":
        return _("1 partner") if number == 1 else _("%(n)s partners") % {"n": f"{number:.0f}"}
    if unit == "per week":
        return _("%(n)s a week") % {"n": f"{number:,.1f}"}
    if unit == "ratio":
        return f"{number:.3f}"
    if unit == "count":
        return count(number)
    return f"{number:,.2f}"


@dataclass(frozen=True, slots=True)
class SignalRow:
    name: str
    label: str
    verdict: str
    verdict_label: str
    value: str
    score: str
    weight: float | None  # None: not part of the score
    confidence: str
    confidence_label: str
    reason: Message
    data: Message


@dataclass(frozen=True, slots=True)
class MetricRow:
    name: str
    label: str
    value: str
    percentile: int | None


@dataclass(frozen=True, slots=True)
class EngagementView:
    """This account's engagement rate against its tier's spread in the workspace."""

    rate: float
    peers: int  # accounts of the tier and platform with a rate
    least: int  # peers needed to rank against them
    percentile: float | None  # None with fewer peers than ``least``
    median: float
    low: float  # p5
    high: float  # p95
    figure: dict[str, Any] | None

    @property
    def rank(self) -> str | None:
        """The percentile as said, 1st to 99th ("1st" in English, "1" for Thai, which puts
        ที่ before it)."""
        if self.percentile is None:
            return None
        shown = min(99, max(1, round(self.percentile)))
        return str(shown) if current_language() == "th" else ordinal(shown)


@dataclass(frozen=True, slots=True)
class AuditView:
    """One stored audit as the creator page shows it."""

    record: AuditRecord
    audited_at: datetime
    score: str
    verdict_label: str
    confidence_label: str
    platform_label: str
    signals: tuple[SignalRow, ...]
    metrics: tuple[MetricRow, ...]
    jumps: tuple[Jump, ...]
    engagement: EngagementView | None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def jumps_of(report: Mapping[str, Any]) -> tuple[Jump, ...]:
    """The follower jumps the growth signal found (dates checked, numbers as numbers)."""
    found: list[Jump] = []
    for signal in report.get("signals") or ():
        if not isinstance(signal, Mapping) or signal.get("name") != "growth":
            continue
        details = signal.get("details")
        items = details.get("jumps") if isinstance(details, Mapping) else None
        for item in items or ():
            if not isinstance(item, Mapping):
                continue
            try:
                on = date.fromisoformat(str(item.get("on")))
            except ValueError:
                continue
            before, after = _number(item.get("before")), _number(item.get("after"))
            if before is None or after is None:
                continue
            said = item.get("tell_tale_messages")
            tales = tuple(
                _message(t)
                for t in (said if isinstance(said, list) else item.get("tell_tales") or ())
            )
            found.append(Jump(on, before, after, tales))
    return tuple(sorted(found, key=lambda j: j.on))


def signal_rows(report: Mapping[str, Any]) -> tuple[SignalRow, ...]:
    names, verdicts = signal_labels(), signal_verdict_labels()
    confidences = confidence_labels()
    weights = report.get("weights") or {}
    rows = []
    for signal in report.get("signals") or ():
        if not isinstance(signal, Mapping):
            continue
        name = str(signal.get("name", ""))
        verdict = str(signal.get("verdict", "unknown"))
        confidence = str(signal.get("confidence", "none"))
        score = _number(signal.get("score"))
        weight = _number(weights.get(name)) if isinstance(weights, Mapping) else None
        rows.append(
            SignalRow(
                name=name,
                label=names.get(name, name),
                verdict=verdict,
                verdict_label=verdicts.get(verdict, verdict),
                value=_shown_value(signal, verdict),
                score="–" if score is None else score_text(score),
                weight=weight,
                confidence=confidence,
                confidence_label=confidences.get(confidence, confidence),
                reason=_message(signal.get("reason_message") or signal.get("reason", "")),
                data=_message(signal.get("data_message") or signal.get("data", "")),
            )
        )
    order = {name: i for i, name in enumerate(SIGNALS)}
    return tuple(sorted(rows, key=lambda r: order.get(r.name, len(order))))


def _shown_value(signal: Mapping[str, Any], verdict: str) -> str:
    """The signal's value as the row shows it. A pods warning or problem without partners came
    from shared commenters: the row shows their share, never "0 partners" beside the verdict."""
    details = signal.get("details")
    shared = _number(details.get("shared_share")) if isinstance(details, Mapping) else None
    if (
        signal.get("name") == "pods"
        and verdict in ("warning", "problem")
        and not _number(signal.get("value"))
        and shared is not None
    ):
        return _("%(share)s from shared commenters") % {"share": f"{shared:.0%}"}
    return value_text(signal.get("value"), str(signal.get("unit", "")), _plain)


def _message(value: Any) -> Message:
    """A stored message, or the plain English of a report stored before messages were data."""
    if isinstance(value, Mapping):
        return Message.from_dict(value)
    return literal(str(value))


def _plain(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def metric_rows(
    report: Mapping[str, Any], count: Callable[[float | None], str]
) -> tuple[MetricRow, ...]:
    metrics = report.get("metrics") or {}
    percentiles = report.get("percentiles") or {}
    rows = []
    for name, spec in METRICS.items():
        value = _number(metrics.get(name))
        if value is None:
            continue
        where = _number(percentiles.get(name))
        rows.append(
            MetricRow(
                name=name,
                label=metric_label(name),
                value=value_text(value, spec.unit, count),
                percentile=None if where is None else min(99, max(1, round(where))),
            )
        )
    return tuple(rows)


def engagement_view(
    record: AuditRecord, norms: Callable[[], Benchmarks | None]
) -> EngagementView | None:
    rate = _number((record.report.get("metrics") or {}).get(ER_METRIC))
    if rate is None or record.tier is None:
        return None
    found = norms()
    spread = (
        None
        if found is None
        else found.distribution(record.platform.value, record.scheme, record.tier, ER_METRIC)
    )
    if spread is None:
        return None
    where = spread.percentile_of(rate)
    return EngagementView(
        rate=rate,
        peers=spread.n,
        least=spread.min_accounts,
        percentile=where,
        median=spread.p50,
        low=spread.p5,
        high=spread.p95,
        figure=None if where is None else engagement_figure(spread, rate, where),
    )


def audit_view(
    record: AuditRecord,
    norms: Callable[[], Benchmarks | None],
    count: Callable[[float | None], str],
) -> AuditView:
    """``norms`` gives the benchmarks, asked for only when there is a rate to place."""
    report = record.report
    return AuditView(
        record=record,
        audited_at=record.audited_at,
        score=score_text(record.score),
        verdict_label=verdict_labels().get(record.verdict, record.verdict),
        confidence_label=confidence_labels().get(record.confidence, record.confidence),
        platform_label=record.platform.label,
        signals=signal_rows(report),
        metrics=metric_rows(report, count),
        jumps=jumps_of(report),
        engagement=engagement_view(record, norms),
    )


def stored_audit(
    workspace: Workspace,
    platform: Platform,
    handle: str,
    count: Callable[[float | None], str],
) -> AuditView | None:
    """The newest stored audit of an account, ready to show (None when it has none)."""
    record = workspace.audits.audit_of(platform, handle)
    if record is None:
        return None
    return audit_view(record, lambda: workspace.audits.kept_benchmarks(record.scheme), count)
