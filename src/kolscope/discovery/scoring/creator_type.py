"""KOL, KOC or creator: what kind of authority a creator's content shows.

- A KOL (key opinion leader) is an expert: authority from knowledge. Their posts explain,
  compare, give how-tos and numbers; a credential often stands in the name or bio.
- A KOC (key opinion consumer) is a real consumer: authority from honest use. Their posts say
  they paid and used the thing, weigh pros against cons, score it, and are rarely sponsored.
  Most have hundreds to a few thousand followers, but size is only a weak hint here.
- Anyone else is a creator: lifestyle, entertainment, general content.

Each kind gets a score from shares of posts (see ``KOL_WEIGHTS`` and ``KOC_WEIGHTS``); the best
wins when it reaches ``DECIDE_AT``, else the creator is a "creator". The confidence is the
winner's softmax probability against the other two, times how much there was to read.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from kolscope.discovery import messages_kinds as say
from kolscope.discovery.scoring import lexicon as lx
from kolscope.discovery.scoring.content import CreatorContent
from kolscope.discovery.scoring.niches import NicheScore
from kolscope.discovery.scoring.reading import PostReading, Reading, read_content
from kolscope.discovery.scoring.taxonomy import NICHES, parent_of
from kolscope.domain.messages import Message

KOL, KOC, CREATOR = "kol", "koc", "creator"
DECIDE_AT = 0.65  # a kind's score needed to be called a KOL or a KOC
SHARPNESS = 3.0  # softmax sharpness for the confidence
KOL_WEIGHTS = {"expertise_share": 2.0, "credential": 0.8, "data_share": 0.3,
               "topic_concentration": 0.3, "question_share": 0.4, "experience": 0.2}  # fmt: skip
KOC_WEIGHTS = {"consumer_share": 2.0, "balance_share": 0.8, "consumer_bio": 0.3,
               "sponsored_share": -1.0}  # fmt: skip
# Followers as a weak prior for KOC: (below this many followers, score added).
KOC_FOLLOWER_PRIOR = ((3_000, 0.15), (10_000, 0.05), (100_000, 0.0), (500_000, -0.15))
KOC_FOLLOWER_PRIOR_ABOVE = -0.3


class CreatorType(NamedTuple):
    label: str  # "kol", "koc" or "creator"
    confidence: float
    reasons: tuple[Message, ...]  # stored with the creator as to_dict forms
    signals: dict[str, float]


_ASSESSED = frozenset({"review", "score", "pro", "con", "contrast"})
_REVIEW = frozenset({"review", "score", "pro", "con", "consumer"})


def _count(posts: Sequence[PostReading]) -> dict[str, float]:
    """Per kind of post, how many posts are of it (one pass over the posts):

    - expert: explains, compares or teaches (explain words, numbers with units, a credential
      named in the caption, adding up to 0.9);
    - consumer: says the thing was bought or really used; a post that only says so, without
      assessing it ("my favourite, bought it myself"), counts half;
    - balanced: a score, or pros and cons (a con with a pro or a "but");
    - review: any review, score, pros, cons or consumer words; data: numbers with units."""
    counts = dict.fromkeys(("expert", "data", "consumer", "consumer_posts", "balanced",
                            "review", "sponsored"), 0.0)  # fmt: skip
    for post in posts:
        m = post.markers
        data = m.get("data", 0.0)
        if m.get("explain", 0.0) + 0.45 * min(data, 2.0) + 0.5 * bool(post.credentials) >= 0.9:
            counts["expert"] += 1
        counts["data"] += data >= 1.0
        if m.get("consumer", 0.0) >= 1.0:
            counts["consumer"] += 0.5 if _ASSESSED.isdisjoint(m) else 1.0
            counts["consumer_posts"] += 1
        pro, con = m.get("pro", 0.0), m.get("con", 0.0)
        if m.get("score") or (con and (pro or m.get("contrast"))):
            counts["balanced"] += 1
        counts["review"] += not _REVIEW.isdisjoint(m)
        counts["sponsored"] += post.sponsored
    return counts


_CREDENTIAL_IN = {
    "name": say.CREDENTIAL_NAME,
    "bio": say.CREDENTIAL_BIO,
    "handle": say.CREDENTIAL_HANDLE,
}


def _credential(reading: Reading) -> tuple[float, Message | None]:
    """1 for a licensed profession in the name or bio, 0.6 for a trade or role, and where."""
    best: float = 0.0
    where: Message | None = None
    for part, words in (("name", reading.name), ("bio", reading.bio), ("handle", reading.handle)):
        for found in words.credentials:
            english = found.split(" (")[0]
            strength = 1.0 if english in lx.STRONG_CREDENTIALS else 0.6
            if part == "handle":
                strength *= 0.6
            if strength > best:
                best, where = strength, _CREDENTIAL_IN[part](credential=found)
    return best, where


def topic_concentration(reading: Reading, niches: Sequence[NicheScore]) -> float | None:
    """Share of the posts with a niche whose main niche is the creator's top niche."""
    if not niches:
        return None
    top = niches[0].niche
    family = {top} | {n.niche for n in niches[1:] if n.niche in _near(top)}
    tagged = [p for p in reading.posts if p.niches]
    if not tagged:
        return None
    on_top = sum(1 for p in tagged if max(p.niches, key=p.niches.__getitem__) in family)
    return on_top / len(tagged)


def _near(niche: str) -> set[str]:
    """A niche's parent and children."""
    return {n.id for n in NICHES if n.parent == niche or n.id == parent_of(niche)}


def _follower_prior(followers: int | None) -> float:
    if not isinstance(followers, int) or followers < 0:
        return 0.0
    for limit, prior in KOC_FOLLOWER_PRIOR:
        if followers < limit:
            return prior
    return KOC_FOLLOWER_PRIOR_ABOVE


def classify_creator_type(content: CreatorContent, niches: Sequence[NicheScore]) -> CreatorType:
    """KOL, KOC or creator from the content's signals, with reasons in words, the numbers
    behind them, and a confidence that stays low when there is little to read."""
    reading = read_content(content)
    posts = [p for p in reading.posts if p.characters > 0 or p.niches]
    n = len(posts)
    counts = _count(posts)
    per_post = {k: v / n if n else 0.0 for k, v in counts.items()}
    credential, credential_where = _credential(reading)
    experience = 1.0 if reading.bio.markers.get("experience") else 0.0
    consumer_bio = min(1.0, reading.bio.markers.get("consumer", 0.0))
    concentration = topic_concentration(reading, niches)
    question = content.question_share
    question = min(1.0, max(0.0, float(question))) if isinstance(question, float | int) else None
    signals = {
        "posts": float(n),
        "expertise_share": per_post["expert"],
        "data_share": per_post["data"],
        "consumer_share": per_post["consumer"],
        "balance_share": per_post["balanced"],
        "balanced_reviews": counts["balanced"] / counts["review"] if counts["review"] else 0.0,
        "sponsored_share": per_post["sponsored"],
        "credential": credential,
        "experience": experience,
        "consumer_bio": consumer_bio,
    }
    if concentration is not None:
        signals["topic_concentration"] = concentration
    if question is not None:
        signals["question_share"] = question
    kol = sum(w * signals.get(k, 0.0) for k, w in KOL_WEIGHTS.items() if k != "topic_concentration")
    kol += KOL_WEIGHTS["topic_concentration"] * max(0.0, (concentration or 0.0) - 0.5)
    koc = sum(w * signals.get(k, 0.0) for k, w in KOC_WEIGHTS.items() if k != "sponsored_share")
    koc += KOC_WEIGHTS["sponsored_share"] * max(0.0, per_post["sponsored"] - 0.1)
    koc += _follower_prior(content.followers) * (1.0 if n else 0.3)
    signals["kol_score"], signals["koc_score"] = round(kol, 4), round(koc, 4)
    scores = {KOL: kol, KOC: koc, CREATOR: DECIDE_AT}
    label = max((KOL, KOC), key=scores.__getitem__)
    if scores[label] < DECIDE_AT:
        label = CREATOR
    total = sum(math.exp(SHARPNESS * s) for s in scores.values())
    probability = math.exp(SHARPNESS * scores[label]) / total
    amount = max(n / (n + 4), 0.3 if credential else 0.15 if reading.bio_characters else 0.05)
    shown = {k: round(v) for k, v in counts.items()}
    shown["consumer"] = round(counts["consumer_posts"])
    reasons = _reasons(label, n, shown, credential_where, signals, content.followers, niches)
    return CreatorType(label, round(probability * amount, 3), reasons, signals)


def _reasons(
    label: str,
    n: int,
    counts: dict[str, int],
    credential_where: Message | None,
    signals: dict[str, float],
    followers: int | None,
    niches: Sequence[NicheScore],
) -> tuple[Message, ...]:
    said: list[Message] = []
    if label == CREATOR:
        said.append(say.NO_SIGNALS(posts=n) if n else say.NO_POSTS())
    if label == KOL or counts["expert"]:
        said.append(say.EXPERT_POSTS(count=counts["expert"], posts=n))
    if credential_where:
        said.append(credential_where)
    if signals["experience"]:
        said.append(say.EXPERIENCE())
    if counts["data"] and label != KOC:
        said.append(say.DATA_POSTS(count=counts["data"], posts=n))
    said += _consumer_reasons(label, n, counts, signals)
    said += _context_reasons(signals, followers, niches)
    if 0 < n < 5:
        said.append(say.FEW_POSTS(posts=n))
    return tuple(said)


def _consumer_reasons(
    label: str, n: int, counts: dict[str, int], signals: dict[str, float]
) -> list[Message]:
    said: list[Message] = []
    if label == KOC or counts["consumer"]:
        said.append(say.CONSUMER_POSTS(count=counts["consumer"], posts=n))
    if counts["balanced"] and label != KOL:
        said.append(say.BALANCED_POSTS(count=counts["balanced"], posts=n))
    if signals["consumer_bio"]:
        said.append(say.CONSUMER_BIO())
    if counts["sponsored"]:
        said.append(say.SPONSORED_POSTS(count=counts["sponsored"], posts=n))
    return said


def _context_reasons(
    signals: dict[str, float], followers: int | None, niches: Sequence[NicheScore]
) -> list[Message]:
    said: list[Message] = []
    if "topic_concentration" in signals and niches:
        said.append(say.ON_TOPIC(share=signals["topic_concentration"], niche=niches[0].niche))
    if "question_share" in signals:
        said.append(say.QUESTIONS(share=signals["question_share"]))
    if isinstance(followers, int) and followers >= 0:
        said.append(say.FOLLOWER_HINT(followers=followers))
    return said
