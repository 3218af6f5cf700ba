"""A workspace: one team's creators, brands and imports, with its own settings file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kolscope.domain.tiers import TierCatalogue, TierScheme


@dataclass(frozen=True, slots=True)
class WorkspaceConfig:
    """What ``kolscope.toml`` in the workspace folder says."""

    name: str
    pseudonym_secret: str
    tiers: TierCatalogue
    synthetic: bool = False  # True for the demo workspace: every page says so
    created: date | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def tier_scheme(self, name: str | None = None) -> TierScheme:
        return self.tiers.get(name)
