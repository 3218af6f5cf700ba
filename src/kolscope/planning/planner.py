"""A campaign's plan: the creators it may choose, each deliverable priced (rate card, quote or
agreed fee) and forecast (from the creator's own posts), their audience overlap, and the
optimiser's choice under the brief's budget and pyramid rules; then the same options under the
other scenarios (all big names, all micro and nano, a manual pick) for comparison.

The pool is the campaign's creators (not declined or dropped). A campaign without creators
plans from the best matches of a search by its brief, and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from kolscope.domain.content import Post
from kolscope.domain.messages import Message
from kolscope.domain.team import Scope
from kolscope.planning import messages as say
from kolscope.planning.campaigns import Brief, Campaign, CampaignCreator
from kolscope.planning.choices import (
    SMALL_TIERS,
    Candidate,
    Deliverable,
    Exclusion,
    Option,
    Plan,
    PlanError,
    Rules,
)
from kolscope.planning.forecasts.history import numbers_of
from kolscope.planning.forecasts.model import Assumptions, forecast
from kolscope.planning.forecasts.norms import CreatorHistory, norms_from_histories
from kolscope.planning.optimiser import optimise
from kolscope.planning.overlap.reach import AudienceOverlap
from kolscope.planning.pipeline import Stage
from kolscope.planning.ratecards.card import Pricing, tier_of
from kolscope.planning.report import PlanReport, report_of
from kolscope.planning.service import Actor, CampaignService, visible

SCENARIOS = ("all_mega", "pyramid", "all_small", "manual")
SEARCH_POOL = 300  # creators a campaign without any plans from
COMPETITOR_DAYS = 90  # "recently" posted for a competitor


@dataclass(frozen=True, slots=True)
class Found:
    """What discovery knows of a creator the plan may choose."""

    account_id: int
    platform: str
    handle: str
    followers: int
    quality: float | None  # 0-100
    brand_fit: float | None  # 0-1
    niche_match: float | None  # 0-1; None when the brief names no niches


# (scope, brand name, brief, account ids or None for a search by the brief) -> creators
FindCreators = Callable[[Scope, str, Brief, Sequence[int] | None], list[Found]]


class PlanningPool(Protocol):
    def posts(self, account_ids: Sequence[int]) -> dict[int, list[Post]]: ...

    def audience_ids(self, account_ids: Sequence[int]) -> dict[int, list[str]]: ...

    def brand_posts(
        self, account_ids: Sequence[int], since: datetime
    ) -> dict[
        int, list[tuple[datetime | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]
    ]: ...


class PlanStore(Protocol):
    def save_plan(
        self, campaign_id: int, scenario: str, result: dict[str, Any], user_id: int | None,
        now: datetime,
    ) -> None: ...  # fmt: skip

    def latest_plan(
        self, campaign_id: int, scenario: str
    ) -> tuple[dict[str, Any], datetime] | None: ...


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything a plan is computed from, read once for all scenarios."""

    campaign: Campaign
    options: tuple[Option, ...]
    excluded: tuple[Exclusion, ...]
    audience: AudienceOverlap
    cards: Mapping[int, CampaignCreator]
    notes: tuple[Message, ...]


def _terms(term: str) -> str:
    return "".join(term.casefold().lstrip("@#").split())


class Planner:
    def __init__(
        self,
        campaigns: CampaignService,
        store: PlanStore,
        pool: PlanningPool,
        find: FindCreators,
        pricing: Callable[[int | None], Pricing],
        brand_terms: Callable[[Scope, str], tuple[str, ...]],
        clock: Callable[[], datetime],
    ) -> None:
        self._campaigns = campaigns
        self._store = store
        self._pool = pool
        self._find = find
        self._pricing = pricing
        self._brand_terms = brand_terms
        self._clock = clock

    # Reading what a plan needs ----------------------------------------------------------------

    def inputs(self, actor: Actor, campaign: Campaign) -> Inputs:
        visible(actor, campaign)
        brief = campaign.brief
        cards = {c.account_id: c for c in self._campaigns.creators(actor, campaign)}
        excluded: list[Exclusion] = []
        open_ids = []
        for known in cards.values():
            if known.stage in (Stage.DECLINED, Stage.DROPPED):
                ended = say.STAGE_NAMES[known.stage.value]()
                excluded.append(Exclusion(known.reference, say.DECLINED(stage=ended)))
            else:
                open_ids.append(known.account_id)
        notes: list[Message] = []
        if open_ids:
            found = self._find(actor.scope, campaign.brand_name, brief, open_ids)
        elif cards:
            found = []
        else:
            found = self._find(actor.scope, campaign.brand_name, brief, None)[:SEARCH_POOL]
            if found:
                notes.append(say.POOL_SEARCHED(count=len(found)))
        if not found:
            raise PlanError((say.POOL_EMPTY(),))
        ids = [f.account_id for f in found]
        found, competitor_exclusions = self._without_competitors(actor, brief, found)
        excluded.extend(competitor_exclusions)
        posts = self._pool.posts(ids)
        histories = {
            f.account_id: [numbers_of(p, f.platform) for p in posts.get(f.account_id, [])]
            for f in found
        }
        norms = norms_from_histories(
            CreatorHistory(f.platform, tier_of(f.followers), f.followers, histories[f.account_id])
            for f in found
        )
        pricing = self._pricing(campaign.organisation_id)
        assumptions = Assumptions(conversion_rate=brief.conversion_rate)
        options: list[Option] = []
        must = {m.lower() for m in brief.must_have}
        for f in found:
            card = cards.get(f.account_id)
            candidate = Candidate(
                f.account_id, f"{f.platform}:{f.handle}", f.platform, tier_of(f.followers),
                f.followers, f.quality, f.brand_fit, f.niche_match,
                # a creator agreed on the board is in every plan: the money is committed
                must_have=f"{f.platform}:{f.handle}".lower() in must
                or (card is not None and card.stage.committed),
            )  # fmt: skip
            sold = pricing.deliverables(f.platform)
            offered = [d for d in brief.deliverables if d in sold]
            terms = [d.kind for d in card.deliverables if d.kind in sold] if card else []
            if terms:  # what was agreed (or is being negotiated) is what the fee buys
                offered = list(dict.fromkeys(terms))
            if not offered:
                excluded.append(Exclusion(candidate.reference,
                                          say.NO_DELIVERABLE(platform=f.platform)))  # fmt: skip
                continue
            history = histories[f.account_id]
            share = 1 / len(terms) if terms else 1.0  # one fee for all the terms' deliverables
            options.extend(
                self._option(
                    candidate, deliverable, card, pricing, history, norms, assumptions, share
                )
                for deliverable in offered
            )
        audience = AudienceOverlap.from_ids(
            self._pool.audience_ids([o.candidate.account_id for o in options]),
            {f.account_id: f.platform for f in found},
        )
        return Inputs(campaign, tuple(options), tuple(excluded), audience, cards, tuple(notes))

    def _option(
        self,
        candidate: Candidate,
        deliverable: Deliverable,
        card: CampaignCreator | None,
        pricing: Pricing,
        history: Sequence[Any],
        norms: Any,
        assumptions: Assumptions,
        share: float = 1.0,
    ) -> Option:
        """One deliverable of one creator. A fee agreed, or a quote, covers the deliverables of
        the card's terms together (``share`` of it each); without terms a quote is per post."""
        agreed = card.fee_thb if card is not None and card.stage.committed else None
        quote = agreed or (card.quote_thb if card is not None else None)
        quote = quote * share if quote is not None else None
        fee = pricing.fee_for(candidate.platform, candidate.followers, deliverable, quote)
        if agreed is not None:
            fee = replace(fee, source="agreed")
        predicted = forecast(
            history, followers=candidate.followers, platform=candidate.platform,
            tier=candidate.tier, deliverable=deliverable, norms=norms, assumptions=assumptions,
        )  # fmt: skip
        return Option(candidate, deliverable, fee, predicted.estimates)

    def _without_competitors(
        self, actor: Actor, brief: Brief, found: list[Found]
    ) -> tuple[list[Found], list[Exclusion]]:
        if not brief.avoid_competitors:
            return found, []
        terms: dict[str, str] = {}
        for competitor in brief.avoid_competitors:
            for term in (competitor, *self._brand_terms(actor.scope, competitor)):
                if _terms(term):
                    terms[_terms(term)] = competitor
        since = self._clock() - timedelta(days=COMPETITOR_DAYS)
        recent = self._pool.brand_posts([f.account_id for f in found], since)
        kept, excluded = [], []
        for f in found:
            hit = None
            for at, mentions, tags, brands in recent.get(f.account_id, []):
                for word in (*mentions, *tags, *brands):
                    if _terms(word) in terms:
                        hit = (terms[_terms(word)], at)
            if hit is None:
                kept.append(f)
                continue
            day = hit[1].date().isoformat() if hit[1] else ""
            excluded.append(Exclusion(f"{f.platform}:{f.handle}",
                                      say.COMPETITOR(competitor=hit[0], day=day)))  # fmt: skip
        return kept, excluded

    # Plans and scenarios ----------------------------------------------------------------------

    def _solve(self, inputs: Inputs, scenario: str, manual: Sequence[str]) -> Plan:
        brief = inputs.campaign.brief
        rules = brief.with_rules()
        options = list(inputs.options)
        if scenario in ("all_mega", "all_small"):
            # the one-creator rules stay; the pyramid's shape (opener, small share, platform
            # mix, must-haves of other tiers) does not apply to a single-tier plan
            tiers = {"mega"} if scenario == "all_mega" else SMALL_TIERS
            options = [o for o in options if o.candidate.tier in tiers]
            rules = replace(rules, open_with_big=0, small_share=0.0, platform_shares={},
                            must_have=frozenset())  # fmt: skip
        elif scenario == "manual":
            return self._manual(inputs, manual)
        return optimise(options, rules, brief.budget_thb, brief.objective, inputs.audience)

    def _manual(self, inputs: Inputs, manual: Sequence[str]) -> Plan:
        """The person's own pick: the creators named (else those agreed on the board), each
        with their agreed deliverable or the brief's first one they offer; not optimised."""
        brief = inputs.campaign.brief
        wanted = {m.strip().lower().replace(":@", ":") for m in manual if m.strip()}
        if not wanted:
            wanted = {c.reference.lower() for c in inputs.cards.values() if c.stage.committed}
        chosen: dict[str, Option] = {}
        for option in inputs.options:
            reference = option.candidate.reference.lower()
            if reference not in wanted or reference in chosen:
                continue
            card = inputs.cards.get(option.candidate.account_id)
            agreed = {d.kind for d in card.deliverables} if card else set()
            if agreed and option.deliverable not in agreed:
                continue
            chosen[reference] = option
        rules = Rules(open_with_big=0, must_have=frozenset(chosen))
        picked = [o for o in inputs.options if o in chosen.values()]
        return optimise(picked, rules, max(brief.budget_thb, sum(o.fee_thb for o in picked)),
                        brief.objective, inputs.audience)  # fmt: skip

    def plan(
        self,
        actor: Actor,
        campaign: Campaign,
        scenario: str = "pyramid",
        *,
        manual: Sequence[str] = (),
        save: bool = True,
        inputs: Inputs | None = None,
    ) -> PlanReport:
        """Plan the campaign under one scenario (the pyramid by default) and keep it."""
        if scenario not in SCENARIOS:
            raise PlanError((say.BAD_CHOICE(value=scenario),))
        read = inputs or self.inputs(actor, campaign)
        plan = self._solve(read, scenario, manual)
        report = report_of(read.campaign, scenario, plan, read.audience, read.excluded,
                           read.notes, self._clock())  # fmt: skip
        if save and actor.may_manage:
            self._store.save_plan(campaign.id, scenario, report.to_dict(), actor.user_id,
                                  self._clock())  # fmt: skip
        return report

    def scenarios(
        self, actor: Actor, campaign: Campaign, manual: Sequence[str] = ()
    ) -> list[PlanReport]:
        """All four scenarios from the same options, side by side; a scenario that cannot be
        planned (no big names in the pool, say) is left out with its reasons in the notes of
        the pyramid."""
        read = self.inputs(actor, campaign)
        reports: list[PlanReport] = []
        for name in SCENARIOS:
            try:
                reports.append(self.plan(actor, campaign, name, manual=manual, save=False,
                                         inputs=read))  # fmt: skip
            except PlanError as error:
                reports.append(PlanReport.impossible(campaign, name, error.reasons))
        return reports

    def latest(self, actor: Actor, campaign: Campaign) -> dict[str, Any] | None:
        visible(actor, campaign)
        found = self._store.latest_plan(campaign.id, "pyramid")
        return found[0] if found else None

    def apply(self, actor: Actor, campaign: Campaign, plan: Mapping[str, Any]) -> int:
        """Put a plan's picks on the board (shortlisted); those already there stay."""
        references = [p["reference"] for p in plan.get("picks", [])]
        return self._campaigns.add(actor, campaign, references) if references else 0
