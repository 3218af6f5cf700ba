"""How vetting is built: the audit store, the follower model (loaded on first use), the comment
reader and the audit use case over them.

Only the wiring (``kolscope.bootstrap``) calls these. Each function imports what it builds, so a
process that never audits never imports numpy or the models.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from kolscope.domain.followers import FollowerProfile

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from kolscope.catalogue.ports import CommentSource
    from kolscope.domain.workspace import WorkspaceConfig
    from kolscope.vetting.audits import AuditService
    from kolscope.vetting.comment_quality import CommentQualityService
    from kolscope.vetting.db.audit_store import SqlAudits
    from kolscope.vetting.followers.model import FollowerModel
    from kolscope.vetting.signals.audit import FollowerScorer


class ProfileScorer:
    """The follower model as audits use it, loaded on first use: the model at ``path`` when
    that file exists, else the one shipped in the package."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._model: FollowerModel | None = None

    @property
    def model(self) -> FollowerModel:
        from kolscope.vetting.followers.model import FollowerModel

        if self._model is None:
            self._model = (
                FollowerModel.load(self._path)
                if self._path.exists()
                else FollowerModel.load_default()
            )
        return self._model

    @property
    def threshold(self) -> float:
        return self.model.threshold

    def probabilities(self, profiles: Sequence[FollowerProfile]) -> NDArray[np.float64]:
        from kolscope.vetting.followers.features import feature_matrix

        return self.model.probabilities(feature_matrix(profiles))


def audit_store(engine: Engine) -> SqlAudits:
    from kolscope.vetting.db.audit_store import SqlAudits

    return SqlAudits(engine)


def comment_quality(source: CommentSource, *, scope: str) -> CommentQualityService:
    from kolscope.vetting.comment_quality import CommentQualityService

    return CommentQualityService(source, scope=scope)


def audits(
    store: SqlAudits,
    config: WorkspaceConfig,
    *,
    followers: FollowerScorer,
    quality: CommentQualityService,
) -> AuditService:
    from kolscope.vetting.audits import AuditService, comment_counts

    return AuditService(
        store,
        store,
        config,
        followers=followers,
        comments=lambda account_id: comment_counts(quality.summary(account_id)),
    )
