"""Comments under posts: Thai and English audience talk, pod praise, spam rings, bot engagement."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from kolscope.catalogue.demo.data import vocab_comments as say
from kolscope.catalogue.demo.data.plans import (
    KOL,
    SPAM_RING,
    AccountPlan,
    cumulative,
    pick,
    weighted,
)
from kolscope.catalogue.demo.data.posts import PlannedPost
from kolscope.catalogue.demo.data.problems import Ring
from kolscope.catalogue.demo.data.vocab_people import COMMENTER_WORDS, NICKNAMES
from kolscope.domain.content import Comment

_KINDS = ("purchase", "question", "praise", "complaint", "chatter", "emoji", "sticker", "generic",
          "spam")  # fmt: skip
_BASE = cumulative((12, 9, 28, 5, 11, 12, 5, 10, 3))
_SHOPPING = cumulative((24, 9, 25, 6, 8, 10, 4, 8, 3))  # niches people buy from
_EXPERT = cumulative((8, 20, 34, 3, 9, 8, 3, 7, 3))  # KOL posts draw questions
_SPONSORED = cumulative((26, 8, 20, 12, 6, 8, 4, 9, 4))
_SHOPPING_NICHES = ("beauty", "skincare", "fashion", "food", "pets", "home", "it_gadgets")
_TEXTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "purchase": (say.PURCHASE_TH, say.PURCHASE_EN),
    "question": (say.QUESTION_TH, say.QUESTION_EN),
    "praise": (say.PRAISE_TH, say.PRAISE_EN),
    "complaint": (say.COMPLAINT_TH, say.COMPLAINT_EN),
    "chatter": (say.CHATTER_TH, say.CHATTER_EN),
    "emoji": (say.EMOJI_ONLY, say.EMOJI_ONLY),
    "sticker": ((say.STICKER,), (say.STICKER,)),
    "generic": (say.GENERIC_TH, say.GENERIC_EN),
    "spam": (say.LOOSE_SPAM, say.LOOSE_SPAM),
}
_THAI_CONSONANTS = tuple(chr(c) for c in range(0x0E01, 0x0E2F))
_FLOURISH_EMOJI = ("😍", "🥰", "💕", "😂", "🙏", "✨", "👍", "❤️")


@dataclass(slots=True)
class CommentContext:
    latest: datetime  # nothing is posted after this
    pods: list[list[str]]  # member handles of each pod
    rings: list[Ring]
    creator_handles: set[str]  # commenters must not collide with tracked creators


def commenter(rng: random.Random, ctx: CommentContext) -> str:
    """A synthetic commenter handle such as ``ploy_1994`` or ``kwann.b``."""
    nick = pick(rng, NICKNAMES).roman
    style = rng.randint(0, 6)
    if style == 0:
        handle = f"{nick}_{rng.randint(1985, 2008)}"
    elif style == 1:
        handle = f"{nick}{nick[-1] * rng.randint(1, 3)}.{chr(97 + rng.randint(0, 25))}"
    elif style == 2:
        handle = f"{nick}{rng.randint(1, 999)}"
    elif style == 3:
        handle = f"{pick(rng, COMMENTER_WORDS)}.{nick}"
    elif style == 4:
        handle = f"{nick}_{pick(rng, COMMENTER_WORDS)}"
    elif style == 5:
        handle = f"{nick}.{pick(rng, NICKNAMES).roman}"
    else:
        handle = f"{pick(rng, COMMENTER_WORDS)}{nick}{rng.randint(10, 99)}"
    if handle in ctx.creator_handles:
        handle += f"_{rng.randint(0, 9)}x"
    return handle


def make_fans(rng: random.Random, ctx: CommentContext) -> list[str]:
    """The regulars who comment on an account again and again."""
    return [commenter(rng, ctx) for _ in range(rng.randint(4, 20))]


def _flourish(rng: random.Random, text: str) -> str:
    """Thai-isms: 555, stretched last letters, ๆ, an emoji."""
    roll = rng.random()
    if roll < 0.1:
        return text + pick(rng, (" 555", " 5555", " 55555+", " ฮ่าๆ"))
    if roll < 0.18 and text[-1] in _THAI_CONSONANTS:
        return text + text[-1] * rng.randint(2, 4)
    if roll < 0.28:
        return text + " " + pick(rng, _FLOURISH_EMOJI) * rng.randint(1, 3)
    if roll < 0.34 and "มาก" in text:
        return text.replace("มาก", pick(rng, ("มากๆ", "มากกก", "มากกกกก")), 1)
    return text


def _as_male(text: str) -> str:
    for ending in ("คะ", "ค่ะ", "ค่าาา", "ค่ะ ตอบด้วยน้า"):
        if text.endswith(ending):
            return text[: -len(ending)] + "ครับ"
    return text


def _audience_text(
    rng: random.Random, plan: AccountPlan, planned: PlannedPost, english: bool
) -> str:
    if planned.post.is_sponsored:
        table = _SPONSORED
    elif plan.kind == KOL:
        table = _EXPERT
    elif planned.niche in _SHOPPING_NICHES:
        table = _SHOPPING
    else:
        table = _BASE
    kind = weighted(rng, _KINDS, table)
    thai, other = _TEXTS[kind]
    if not english and kind in ("purchase", "question") and rng.random() < 0.5:
        thai = say.NICHE_ASKS[planned.niche]
    text = pick(rng, other if english else thai)
    if kind in ("emoji", "sticker", "spam"):
        return text
    if not english:
        if rng.random() < 0.4:
            text = _as_male(text)
        text = _flourish(rng, text)
    return text


def _delay(rng: random.Random) -> timedelta:
    roll = rng.random()
    if roll < 0.65:
        minutes = rng.expovariate(1 / 120)
    elif roll < 0.95:
        minutes = rng.uniform(60, 72 * 60)
    else:
        minutes = rng.uniform(72 * 60, 14 * 24 * 60)
    return timedelta(seconds=60 + int(minutes * 60))


def _near_copy(rng: random.Random, text: str) -> str:
    """The same spam again, with the small changes that dodge exact-duplicate filters."""
    if rng.random() < 0.2:
        text = text.replace(" ", "  ", 1)
    return text + pick(rng, say.RING_SUFFIXES)


def post_comments(
    rng: random.Random, plan: AccountPlan, planned: PlannedPost, ctx: CommentContext
) -> list[Comment]:
    """The comments under one post, oldest first, with ids ``c1``, ``c2`` ..."""
    posted_at = planned.post.posted_at
    if posted_at is None:
        return []
    drafts: list[tuple[datetime, str, str, int]] = []
    if plan.pod is not None:
        others = [h for h in ctx.pods[plan.pod] if h != plan.handle]
        for handle in rng.sample(others, rng.randint(max(3, len(others) - 3), len(others))):
            at = posted_at + timedelta(seconds=rng.randint(60, 1_500))
            drafts.append((at, pick(rng, say.POD_TEXTS), handle, rng.randint(1, 6)))
    if plan.ring is not None and rng.random() < 0.6:
        ring = ctx.rings[plan.ring]
        hits = rng.randint(1, 3)
        for _ in range(hits):
            at = posted_at + timedelta(seconds=rng.randint(180, 14_400))
            drafts.append((at, _near_copy(rng, pick(rng, ring.texts)), pick(rng, ring.handles), 0))
        details = plan.details[SPAM_RING]
        details["posts_hit"] = int(details.get("posts_hit", 0)) + 1
        details["comments"] = int(details.get("comments", 0)) + hits
    english_share = 0.08 + plan.english * 0.5
    for _ in range(planned.commented):
        if plan.bot_texts and rng.random() < 0.75:
            at = posted_at + timedelta(seconds=rng.randint(30, 3_600))
            bot = f"user{rng.randint(1_000_000, 999_999_999)}"
            drafts.append((at, pick(rng, plan.bot_texts), bot, 0))
            continue
        author = pick(rng, plan.fans) if rng.random() < 0.35 else commenter(rng, ctx)
        text = _audience_text(rng, plan, planned, rng.random() < english_share)
        likes = int(rng.expovariate(0.8)) if rng.random() < 0.5 else 0
        drafts.append((posted_at + _delay(rng), text, author, likes))
    drafts.sort(key=lambda d: d[0])
    return [
        Comment(
            text=text,
            author=author,
            posted_at=min(at, ctx.latest),
            likes=likes,
            platform_comment_id=f"c{number}",
        )
        for number, (at, text, author, likes) in enumerate(drafts, start=1)
    ]
