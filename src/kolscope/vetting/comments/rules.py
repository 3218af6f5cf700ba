"""Rules over one normalised comment: what the hand-written cues say, with their names."""

from __future__ import annotations

from typing import NamedTuple

from kolscope.text.cleaning import CleanText
from kolscope.vetting.comments.lexicon import (
    FILLER_WORDS,
    GENERIC_WORDS,
    PURCHASE_CUES,
    QUESTION_CUES,
    SPAM_TOKENS,
    TOXIC_CUES,
    Cue,
    combined,
    fired,
    spam_cues,
)


class RuleReading(NamedTuple):
    probability: float  # 0 when nothing fired
    evidence: tuple[str, ...]


NOTHING = RuleReading(0.0, ())


def purchase_intent(text: CleanText) -> RuleReading:
    cues = fired(PURCHASE_CUES, text.text)
    if not cues:
        return NOTHING
    return RuleReading(combined([c.weight for c in cues]), tuple(c.name for c in cues))


def question_cues(text: CleanText) -> RuleReading:
    cues = fired(QUESTION_CUES, text.text)
    if not cues:
        return NOTHING
    return RuleReading(combined([c.weight for c in cues]), tuple(c.name for c in cues))


def _spam_signals(text: CleanText) -> tuple[list[Cue], list[str]]:
    """The spam cues that fired and the typed tokens spam leans on (url, lineid, phone)."""
    return list(spam_cues(text.text)), [name for name in SPAM_TOKENS if name in text.found]


def _spam_reading(cues: list[Cue], tokens: list[str]) -> RuleReading:
    if not cues and len(tokens) < 2:
        return RuleReading(combined([SPAM_TOKENS[t] for t in tokens]) * 0.9, tuple(tokens))
    weights = [c.weight for c in cues] + [SPAM_TOKENS[t] for t in tokens]
    return RuleReading(combined(weights), tuple(c.name for c in cues) + tuple(tokens))


def spam(text: CleanText) -> RuleReading:
    """Spam cues, plus links, LINE ids and phone numbers. A link alone is not spam (people
    share links to a product they like); a link together with a pitch is."""
    return _spam_reading(*_spam_signals(text))


STRONG_SPAM = 0.9  # a cue this sure counts whatever the language


def spam_probability(model_p: float, text: CleanText) -> tuple[float, tuple[str, ...]]:
    """The spam probability of a comment from the model's and the rules' readings, and the
    rules that count. The spam model learned from English comments (YouTube, Instagram), so
    on English it is trusted, together with only the surest cues (a gambling or loan pitch);
    measured on both corpora, adding the weaker cues there cost precision. On Thai and mixed
    text, where the model has seen no spam, every cue and typed token counts (1 - (1 - model)
    (1 - rules))."""
    cues, tokens = _spam_signals(text)
    if not cues and not tokens:
        return model_p, ()
    if text.language in ("th", "mixed"):
        reading = _spam_reading(cues, tokens)
        return 1.0 - (1.0 - model_p) * (1.0 - reading.probability), reading.evidence
    strong = [c for c in cues if c.weight >= STRONG_SPAM]
    if not strong:
        return model_p, ()
    rule_p = combined([c.weight for c in strong])
    return max(model_p, rule_p), tuple(c.name for c in strong)


def toxic(text: CleanText) -> RuleReading:
    cues = fired(TOXIC_CUES, text.text)
    if not cues:
        return NOTHING
    return RuleReading(combined([c.weight for c in cues]), tuple(c.name for c in cues))


def low_effort_kind(text: CleanText) -> str | None:
    """emoji_only, sticker_only, generic (one stock word or phrase), empty, or None.
    Laughter, mentions and polite particles do not count as saying something."""
    if not text.tokens:
        return "empty"
    meaningful = [
        t
        for t in text.tokens
        if t not in FILLER_WORDS and t not in {"<laugh>", "<mention>", "<elong>", "<hashtag>"}
    ]
    emoji = set(text.emoji)
    if "<sticker>" in meaningful and all(t == "<sticker>" or t in emoji for t in meaningful):
        return "sticker_only"
    words = [t for t in meaningful if t not in emoji]
    if not words:
        return "emoji_only" if emoji else ("generic" if "laugh" in text.found else "empty")
    if len(words) <= 3:
        joined = " ".join(words)
        if joined in GENERIC_WORDS or "".join(words) in GENERIC_WORDS:
            return "generic"
        if all(w in GENERIC_WORDS for w in words):
            return "generic"
    return None
