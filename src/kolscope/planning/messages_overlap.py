"""What planning says about audience overlap and deduplicated reach: how a reach figure was
found (measured over the audience ids kolscope holds, or estimated by random duplication where
it holds none), and overlaps it cannot know. Declared once here (code and English text); pages,
the CLI and exports write them in the reader's language.
"""

from __future__ import annotations

from kolscope.domain.messages import Template

# How a deduplicated reach was found (Reach.basis) ---------------------------------------------
MEASURED = Template(
    "plan.overlap.measured",
    "deduplicated over the {ids:int} audience ids kolscope holds for these creators "
    "(commenters); each creator's own reach is kept whole",
)
ESTIMATED_ON = Template(
    "plan.overlap.estimated.platform",
    "estimated: kolscope holds no audience ids for these {accounts:int} creators, so their "
    "reach is combined as if their audiences overlapped at random among {people:count} "
    "{platform:platform} users in Thailand",
)
ESTIMATED = Template(
    "plan.overlap.estimated.all",
    "estimated: kolscope holds no audience ids for these {accounts:int} creators, so their "
    "reach is combined as if their audiences overlapped at random among {people:count} "
    "social media users in Thailand",
)
PARTLY_ESTIMATED_ON = Template(
    "plan.overlap.partly_estimated.platform",
    "estimated in part: kolscope holds no audience ids for {missing:int} of the "
    "{accounts:int} creators; the reach measured for the others is combined with theirs as if "
    "their audiences overlapped at random among {people:count} {platform:platform} users in "
    "Thailand",
)
PARTLY_ESTIMATED = Template(
    "plan.overlap.partly_estimated.all",
    "estimated in part: kolscope holds no audience ids for {missing:int} of the "
    "{accounts:int} creators; the reach measured for the others is combined with theirs as if "
    "their audiences overlapped at random among {people:count} social media users in Thailand",
)
# Overlap between two creators -----------------------------------------------------------------
UNKNOWN = Template(
    "plan.overlap.unknown",
    "audience overlap with {reference} is unknown: kolscope holds no audience ids for it",
)
SHARED = Template(
    "plan.overlap.shared",
    "{share:share} of the smaller audience (of the ids kolscope holds) is also in the audience "
    "of {reference}",
)
