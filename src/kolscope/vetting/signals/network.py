"""Who comments on whom: engagement pods and commenters shared across many creators.

An engagement pod is a group of creators who comment on each other's every post to please the
ranking algorithm: reciprocal commenting between tracked creators gives it away. A ring of
accounts that drops the same comments under many creators shows as commenters shared across
several accounts of the workspace. Counts only; every partner is named in the details.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from kolscope.vetting import messages as m
from kolscope.vetting.signals.signal import (
    Signal,
    Verdict,
    confidence_from_count,
    printed,
    unknown,
    within_verdict,
)

NAME = "pods"
MIN_COMMENTS = 10
POD_PARTNERS = 3  # reciprocal partners that make a pod
POD_SHARE = 0.05  # ... who write at least this share of the comments
SHARED_ACCOUNTS = 3  # a commenter seen under at least this many accounts is "shared"
SHARED_WARNING = 0.15


@dataclass(frozen=True, slots=True)
class NetworkFacts:
    """One account's place in the commenting network of the workspace."""

    comments: int
    partners: tuple[str, ...]  # accounts that comment here and are commented on from here
    partner_comments: int
    shared_commenters: int  # commenters seen under SHARED_ACCOUNTS or more accounts
    shared_comments: int


def commenting_network(
    authors_by_account: Mapping[str, Mapping[str, int]],
) -> dict[str, NetworkFacts]:
    """Facts for every account from the authors of its comments and how many each wrote.

    Keys and authors use one identity per account (for example ``instagram:som.review``), so a
    tracked creator's own comments elsewhere are recognised; other commenters keep their
    pseudonyms, which are the same under every account.
    """
    counts = authors_by_account
    reach: dict[str, set[str]] = defaultdict(set)
    for account, authors in counts.items():
        for author in authors:
            reach[author].add(account)
    facts = {}
    for account, authors in counts.items():
        partners = tuple(
            sorted(
                author
                for author in authors
                if author != account and author in counts and account in counts[author]
            )
        )
        shared = [a for a in authors if len(reach[a]) >= SHARED_ACCOUNTS and a not in partners]
        facts[account] = NetworkFacts(
            comments=sum(authors.values()),
            partners=partners,
            partner_comments=sum(authors[p] for p in partners),
            shared_commenters=len(shared),
            shared_comments=sum(authors[a] for a in shared),
        )
    return facts


def pod_signal(facts: NetworkFacts | None) -> Signal:
    """Reciprocal commenting with other creators, and commenters shared with many accounts.

    Verdict: problem with 3 or more reciprocal partners writing at least 5 % of the comments;
    warning with 2 or more partners, or when commenters shared with 3+ accounts write 15 % or
    more (the reason then names the shared commenters); ok otherwise, so no partner and a
    shared share under 15 % is always ok. Score: 100 minus 15 per partner (up to 90) minus
    100 x the shared share, at most 60 for a warning and 30 for a problem.
    """
    if facts is None or facts.comments == 0:
        return unknown(NAME, m.PODS_NONE())
    data = m.PODS_DATA(count=facts.comments)
    if facts.comments < MIN_COMMENTS:
        return unknown(NAME, m.TOO_FEW_COMMENTS(count=facts.comments, least=MIN_COMMENTS), data)
    partner_share = facts.partner_comments / facts.comments
    shared_share = facts.shared_comments / facts.comments
    count = len(facts.partners)
    named = [*facts.partners[:5], *(["…"] if count > 5 else [])]
    shared = m.PODS_SHARED(
        share=shared_share, commenters=facts.shared_commenters, accounts=SHARED_ACCOUNTS
    )
    shared_found = printed(shared_share) >= SHARED_WARNING
    if count >= POD_PARTNERS and printed(partner_share) >= POD_SHARE:
        verdict = Verdict.PROBLEM
        reason = m.PODS_POD(count=count, partners=named, share=partner_share)
    elif count >= 2:
        verdict = Verdict.WARNING
        reason = m.PODS_TRADES(count=count, partners=named)
    elif shared_found:
        verdict = Verdict.WARNING
        reason = shared
    else:
        verdict = Verdict.OK
        reason = m.PODS_ONE_PARTNER() if count else m.PODS_NO_RING()
    if shared_found and reason is not shared:  # partners found, and shared commenters too
        reason = m.joined([reason, shared])
    score = 100.0 - min(90.0, 15.0 * count) - 100.0 * shared_share
    return Signal(
        name=NAME,
        verdict=verdict,
        reason=reason,
        data=data,
        value=float(count),
        unit="partners",
        score=within_verdict(verdict, score),
        confidence=confidence_from_count(facts.comments, low=MIN_COMMENTS, medium=50, high=200),
        details={
            "partners": list(facts.partners),
            "partner_share": round(partner_share, 4),
            "shared_commenters": facts.shared_commenters,
            "shared_share": round(shared_share, 4),
        },
    )
