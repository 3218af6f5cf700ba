"""Planning: the campaign optimiser. Chooses creators and deliverables to maximise a brief's
objective under the budget and the pyramid rules, explains every pick and exclusion, and lays
the scenarios side by side. ``optimise`` is the one entry point; ``compare`` builds the
scenarios; ``totals`` prices a set of picks."""

from kolscope.planning.optimiser.choose import optimise
from kolscope.planning.optimiser.conflicts import levers
from kolscope.planning.optimiser.scenarios import Scenario, Totals, compare, manual_scenario, totals

__all__ = ["Scenario", "Totals", "compare", "levers", "manual_scenario", "optimise", "totals"]
