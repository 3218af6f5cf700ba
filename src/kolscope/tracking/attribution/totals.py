"""What the placed orders add up to: how many orders and how many baht each rule placed, how
much stayed unattributed, and how much cancellations, refunds, rejections and ineligible
orders took back. The rule totals plus the unattributed total equal the orders' counted
amounts to the satang."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from kolscope.tracking.attribution.values import Attributed, Rule


@dataclass(frozen=True, slots=True)
class RuleTotal:
    """How many orders, and the baht they count."""

    orders: int = 0
    amount_thb: Decimal = Decimal("0.00")

    def plus(self, amount_thb: Decimal) -> RuleTotal:
        return RuleTotal(self.orders + 1, self.amount_thb + amount_thb)


@dataclass(frozen=True, slots=True)
class AttributionTotals:
    """``by_rule``: orders placed by each rule (a reversed order counts as an order with 0
    THB); ``unattributed``: orders no rule placed, with their amounts; ``reversed``: orders
    that count 0 THB, with the baht they would have counted; ``amount_thb``: all counted."""

    by_rule: Mapping[Rule, RuleTotal] = field(default_factory=dict)
    unattributed: RuleTotal = RuleTotal()
    reversed: RuleTotal = RuleTotal()

    @property
    def attributed(self) -> RuleTotal:
        """All the orders some rule placed, together."""
        orders = sum(total.orders for total in self.by_rule.values())
        amount = sum((total.amount_thb for total in self.by_rule.values()), Decimal("0.00"))
        return RuleTotal(orders, amount)

    @property
    def amount_thb(self) -> Decimal:
        return self.attributed.amount_thb + self.unattributed.amount_thb


def totals(attributed: Iterable[Attributed]) -> AttributionTotals:
    """Add up placed orders by rule (rules that placed nothing are left out)."""
    by_rule: dict[Rule, RuleTotal] = {}
    unattributed = RuleTotal()
    reversed_ = RuleTotal()
    for placed in attributed:
        if placed.status not in ("paid", "pending"):
            reversed_ = reversed_.plus(placed.reversed_thb)
        if placed.rule is Rule.UNATTRIBUTED:
            unattributed = unattributed.plus(placed.amount_thb)
        else:
            by_rule[placed.rule] = by_rule.get(placed.rule, RuleTotal()).plus(placed.amount_thb)
    ordered = {rule: by_rule[rule] for rule in Rule if rule in by_rule}
    return AttributionTotals(ordered, unattributed, reversed_)
