"""What entry points use of planning: campaigns, their briefs and plans, scenarios, the
outreach board, content approval and rate cards. Entry points import these names from here and
nothing else of the area."""

from __future__ import annotations
