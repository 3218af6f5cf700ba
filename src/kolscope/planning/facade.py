"""What entry points use of planning: campaigns, their briefs and plans, scenarios, the
outreach board, content approval and rate cards. Entry points import these names from here and
nothing else of the area."""

from __future__ import annotations

# rate cards
from kolscope.planning.choices import Deliverable, Fee
from kolscope.planning.ratecards.card import (
    DELIVERABLE_NAMES,
    DELIVERABLES,
    LEAST_AGREED,
    PLATFORMS,
    REPRESENTATIVE_FOLLOWERS,
    CardCell,
    CellError,
    Pricing,
    RateCard,
    RateCardError,
)
from kolscope.planning.ratecards.service import FILE_COLUMNS, FittedCard

__all__ = [
    "DELIVERABLES", "DELIVERABLE_NAMES", "FILE_COLUMNS", "LEAST_AGREED", "PLATFORMS",
    "REPRESENTATIVE_FOLLOWERS", "CardCell", "CellError", "Deliverable", "Fee", "FittedCard",
    "Pricing", "RateCard", "RateCardError",
]  # fmt: skip

# web
from kolscope.planning.campaigns import (
    CONTACT_CHANNELS,
    Campaign,
    CampaignCreator,
    CampaignError,
    DueItem,
    Status,
    Submission,
)
from kolscope.planning.choices import Objective
from kolscope.planning.messages import (
    BAD_CHOICE,
    NOT_A_DATE,
    NOT_A_NUMBER,
    OBJECTIVE_NAMES,
    STAGE_NAMES,
    STATUS_NAMES,
)
from kolscope.planning.messages import DELIVERABLE_NAMES as DELIVERABLE_SAID
from kolscope.planning.outreach import Board, Reminder
from kolscope.planning.pipeline import BRAND_DECIDES, STAGES, Stage, allowed_moves
from kolscope.planning.service import Actor

__all__ += [
    "BAD_CHOICE", "BRAND_DECIDES", "CONTACT_CHANNELS", "DELIVERABLE_SAID", "NOT_A_DATE",
    "NOT_A_NUMBER", "OBJECTIVE_NAMES", "STAGES", "STAGE_NAMES", "STATUS_NAMES", "Actor", "Board",
    "Campaign", "CampaignCreator", "CampaignError", "DueItem", "Objective", "Reminder", "Stage",
    "Status", "Submission", "allowed_moves",
]  # fmt: skip

# api
from kolscope.planning.campaigns import MAX_NAME, MAX_TEXT  # noqa: E402
from kolscope.planning.choices import PlanError  # noqa: E402
from kolscope.planning.outreach import MAX_FEE  # noqa: E402

__all__ += ["MAX_FEE", "MAX_NAME", "MAX_TEXT", "PlanError"]  # fmt: skip

# cli
from kolscope.planning.outreach import BOARD_COLUMNS, board_rows  # noqa: E402
from kolscope.planning.planner import SCENARIOS  # noqa: E402
from kolscope.planning.report import PlanReport  # noqa: E402

__all__ += ["BOARD_COLUMNS", "SCENARIOS", "PlanReport", "board_rows"]  # fmt: skip

# rate card page
from kolscope.planning.choices import TIERS  # noqa: E402

__all__ += ["TIERS"]  # fmt: skip

# who acted
from kolscope.planning.service import COMMAND_LINE  # noqa: E402

__all__ += ["COMMAND_LINE"]  # fmt: skip
