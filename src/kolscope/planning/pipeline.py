"""The outreach pipeline: the stage each creator of a campaign is at, and the moves that make
sense between stages.

    shortlisted → contacted → negotiating → agreed → content submitted
        → approved → published → paid
        → changes requested → content submitted (again)
    declined and dropped end it; a creator may be dropped or decline from any open stage.

A move may also go one step back to correct a slip (contacted → shortlisted), but never skips
ahead: content cannot be approved before it is submitted, a creator cannot be paid before
publishing.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    SHORTLISTED = "shortlisted"
    CONTACTED = "contacted"
    NEGOTIATING = "negotiating"
    AGREED = "agreed"
    SUBMITTED = "content_submitted"
    APPROVED = "approved"
    CHANGES = "changes_requested"
    PUBLISHED = "published"
    PAID = "paid"
    DECLINED = "declined"
    DROPPED = "dropped"

    @property
    def ended(self) -> bool:
        return self in (Stage.PAID, Stage.DECLINED, Stage.DROPPED)

    @property
    def committed(self) -> bool:
        """The fee counts against the budget from here on (agreed and after, paid included)."""
        return self in COMMITTED


# The board's columns, in order.
STAGES: tuple[Stage, ...] = tuple(Stage)
COMMITTED = frozenset(
    {Stage.AGREED, Stage.SUBMITTED, Stage.APPROVED, Stage.CHANGES, Stage.PUBLISHED, Stage.PAID}
)
_FORWARD: dict[Stage, frozenset[Stage]] = {
    Stage.SHORTLISTED: frozenset({Stage.CONTACTED}),
    Stage.CONTACTED: frozenset({Stage.NEGOTIATING, Stage.AGREED}),
    Stage.NEGOTIATING: frozenset({Stage.AGREED}),
    Stage.AGREED: frozenset({Stage.SUBMITTED}),
    Stage.SUBMITTED: frozenset({Stage.APPROVED, Stage.CHANGES}),
    Stage.CHANGES: frozenset({Stage.SUBMITTED}),
    Stage.APPROVED: frozenset({Stage.PUBLISHED}),
    Stage.PUBLISHED: frozenset({Stage.PAID}),
    Stage.PAID: frozenset(),
    Stage.DECLINED: frozenset(),
    Stage.DROPPED: frozenset(),
}
_BACK: dict[Stage, Stage] = {
    Stage.CONTACTED: Stage.SHORTLISTED,
    Stage.NEGOTIATING: Stage.CONTACTED,
    Stage.AGREED: Stage.NEGOTIATING,
    Stage.PUBLISHED: Stage.APPROVED,
}
# Declining is the creator's answer: possible once they have been asked, until they agree.
_MAY_DECLINE = frozenset({Stage.CONTACTED, Stage.NEGOTIATING})
# Only the brand decides on content (approved or changes requested).
BRAND_DECIDES = frozenset({Stage.APPROVED, Stage.CHANGES})


def parse_stage(text: str) -> Stage:
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    aliases = {"submitted": Stage.SUBMITTED, "changes": Stage.CHANGES}
    if key in aliases:
        return aliases[key]
    try:
        return Stage(key)
    except ValueError:
        raise ValueError(
            f"unknown stage {text.strip()!r} (known: {', '.join(s.value for s in STAGES)})"
        ) from None


def allowed_moves(stage: Stage) -> tuple[Stage, ...]:
    """Where a creator at ``stage`` may go next, in board order."""
    allowed = set(_FORWARD[stage])
    if stage in _BACK:
        allowed.add(_BACK[stage])
    if stage in _MAY_DECLINE:
        allowed.add(Stage.DECLINED)
    if not stage.ended:
        allowed.add(Stage.DROPPED)
    return tuple(s for s in STAGES if s in allowed)


def may_move(current: Stage, target: Stage) -> bool:
    return target in allowed_moves(current)
