"""What entry points use of vetting: audits (one, all as a job, the list), what each metric is
and how it compares with its peers (for showing them), the brief's target audience, and the
comment quality summary. The command line's offline file tools (scoring comment and follower
files, training the models) are in ``vetting.tools``."""

from __future__ import annotations

from kolscope.vetting.audits import (
    AUDIT,
    AccountNotFoundError,
    AuditQuery,
    AuditRecord,
    AuditService,
    submit_audit_all,
)
from kolscope.vetting.comment_quality import CommentQuality
from kolscope.vetting.metrics.benchmarks import Benchmarks, Distribution, ordinal
from kolscope.vetting.metrics.registry import METRICS
from kolscope.vetting.signals.audience_fit import AudienceTarget, audience_fit_signal

__all__ = [
    "AUDIT", "METRICS", "AccountNotFoundError", "AudienceTarget", "AuditQuery", "AuditRecord",
    "AuditService", "Benchmarks", "CommentQuality", "Distribution", "audience_fit_signal",
    "ordinal", "submit_audit_all",
]  # fmt: skip
