"""Reading many comments at once: normalise, featurise once, run every head, add the rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from kolscope.domain.messages import Message
from kolscope.text.cleaning import MAX_CHARS as TRUNCATED_AT
from kolscope.text.cleaning import CleanText, normalise
from kolscope.vetting import messages as m
from kolscope.vetting.comments import rules
from kolscope.vetting.comments.features import (
    BLOCK,
    SPAM_BITS,
    SPAM_START,
    SPAM_WEIGHT,
    Featuriser,
    handle_features,
)
from kolscope.vetting.comments.insight import SENTIMENTS, CommentInsight
from kolscope.vetting.comments.lexicon import STOP_WORDS
from kolscope.vetting.comments.model import CommentModels, Head, shipped_manifest

BATCH = 2_048  # comments featurised together; bounds memory on very large lists
DUPLICATE_MIN_TOKENS = 4  # shorter repeats ("สวยมาก") are common and judged as generic instead
_SENTIMENT_CODES = {"neg": "negative", "neu": "neutral", "pos": "positive"}


class CommentReader:
    """Holds the loaded models; ``read`` turns texts into insights."""

    def __init__(self, models: CommentModels) -> None:
        self.models = models
        self.featuriser = Featuriser(models.idf)
        for head in models.heads.values():
            head.dense()  # expand the weights once, not on the first request

    @classmethod
    def from_file(cls, manifest: Path) -> CommentReader:
        return cls(CommentModels.load(manifest))

    def read(self, texts: Sequence[str]) -> list[CommentInsight]:
        """One insight per text, in order. Each distinct text is read once (comment streams
        repeat a lot: emoji rows, stock praise, spam rings); its repeats share the answer."""
        raw = [t if isinstance(t, str) else "" for t in texts]
        occurrences = Counter(raw)
        unique = list(occurrences)
        cleaned = [normalise(t) for t in unique]
        repeats: Counter[str] = Counter()
        for original, text in zip(unique, cleaned, strict=True):
            if len(text.tokens) >= DUPLICATE_MIN_TOKENS:
                repeats[text.text] += occurrences[original]
        read: list[CommentInsight] = []
        for start in range(0, len(cleaned), BATCH):
            read.extend(self._read_batch(cleaned[start : start + BATCH], repeats))
        if len(unique) == len(raw):
            return read
        by_text = dict(zip(unique, read, strict=True))
        return [by_text[t] for t in raw]

    def _read_batch(self, part: list[CleanText], repeats: Counter[str]) -> list[CommentInsight]:
        features = self.featuriser.transform(part)
        heads = self.models.heads
        sentiment = heads["sentiment"]
        classes = list(sentiment.classes)
        p_sentiment = sentiment.probabilities(features)
        p_spam = heads["spam"].probabilities(features)
        p_purchase = heads["purchase_intent"].probabilities(features)
        q = classes.index("q")
        sentiment_columns = [classes.index(code) for code in ("neg", "neu", "pos")]
        out = []
        for i, text in enumerate(part):
            probs = p_sentiment[i]
            three = probs[sentiment_columns]
            three = three / max(float(three.sum()), 1e-9)
            best = int(np.argmax(three))
            question_p = float(probs[q])
            question = int(np.argmax(probs)) == q
            out.append(
                self._insight(
                    text,
                    SENTIMENTS[best],
                    float(three[best]),
                    question,
                    question_p,
                    float(p_purchase[i]),
                    float(p_spam[i]),
                    repeats,
                )
            )
        return out

    def _insight(
        self,
        text: CleanText,
        sentiment: str,
        sentiment_p: float,
        question: bool,
        question_p: float,
        purchase_model_p: float,
        spam_model_p: float,
        repeats: Counter[str],
    ) -> CommentInsight:
        heads = self.models.heads
        evidence: list[Message] = []
        buy = rules.purchase_intent(text)
        # A purchase question is a question whatever the model says; the rules' names are the
        # evidence, the model finds the phrasings the rules miss.
        spam_p, scam = rules.spam_probability(spam_model_p, text)
        spam = spam_p >= heads["spam"].threshold
        if spam:
            found = _words(text, heads["spam"], 0) + _handles(text, heads["spam"])
            evidence.append(m.EVIDENCE_SPAM(why=_why(scam, found)))
        purchase_p = max(buy.probability, purchase_model_p)
        if spam:  # "DM me" in a crypto pitch is selling, not buying
            purchase_p = min(purchase_p, 1.0 - spam_p)
        purchase = purchase_p >= heads["purchase_intent"].threshold
        if purchase:
            found = [] if buy.evidence else _words(text, heads["purchase_intent"], 0)
            evidence.append(m.EVIDENCE_PURCHASE(why=_why(buy.evidence, found)))
        if question:
            cues = rules.question_cues(text).evidence
            found = [] if cues else _words(text, heads["sentiment"], "q")
            evidence.append(m.EVIDENCE_QUESTION(why=_why(cues, found)))
        kind = rules.low_effort_kind(text)
        if kind is None and repeats.get(text.text, 0) > 1 and not purchase:
            kind = "duplicate"
        if kind is not None:
            evidence.append(m.EVIDENCE_LOW_EFFORT(kind=m.low_effort_kind(kind)))
        toxic = rules.toxic(text)
        if toxic.evidence:
            evidence.append(m.EVIDENCE_TOXIC(why=_why(toxic.evidence, [])))
        if not question and kind != "empty" and sentiment != "neutral":
            words = _words(text, heads["sentiment"], sentiment[:3])
            if words:
                said = m.EVIDENCE_POSITIVE if sentiment == "positive" else m.EVIDENCE_NEGATIVE
                evidence.append(said(words=words))
        if text.truncated:
            evidence.append(m.EVIDENCE_TRUNCATED(count=TRUNCATED_AT))
        return CommentInsight(
            sentiment=sentiment,
            sentiment_p=sentiment_p,
            question=question,
            question_p=question_p,
            purchase_intent=purchase,
            purchase_intent_p=purchase_p,
            spam=spam,
            spam_p=spam_p,
            low_effort=kind is not None,
            low_effort_kind=kind,
            toxic=bool(toxic.evidence),
            language=text.language,
            evidence=tuple(str(e) for e in evidence),
            said=tuple(evidence),
        )


@lru_cache(maxsize=262_144)
def _column(feature: str) -> int:
    from sklearn.utils import murmurhash3_32

    return abs(int(murmurhash3_32(feature, seed=0))) % BLOCK


def citable(token: str, emoji: frozenset[str] | set[str] | Sequence[str] = ()) -> bool:
    """Whether a token may be cited as evidence: an emoji, or a word of two characters or more
    that is no stop word (words/stop_words.toml), no typed token (``<num>``) and not only
    digits or punctuation."""
    if token in emoji:
        return True
    return (
        len(token) >= 2
        and token not in STOP_WORDS
        and not token.startswith("<")
        and any(ch.isalpha() for ch in token)
    )


def _words(text: CleanText, head: Head, label: str | int, top: int = 3) -> list[str]:
    """The words of this comment that push the head most towards the label (words it wrote:
    cited as they are, never translated)."""
    column = head.classes.index(label) if isinstance(label, str) else label
    emoji = text.emoji
    tokens = [t for t in set(text.tokens) if citable(t, emoji)]
    if not tokens:
        return []
    weights = head.leaning()[[_column(t) for t in tokens], column]
    scored = sorted(
        ((float(w), t) for w, t in zip(weights, tokens, strict=True) if w > 0.5), reverse=True
    )
    return [token for _w, token in scored[:top]]


def _why(cues: Sequence[str], words: Sequence[str]) -> Message:
    """The evidence behind a label: the cues' names (said in the reader's language), else the
    comment's own words, else "model"."""
    if cues:
        return m.listed([m.cue(name) for name in cues])
    if words:
        return m.EVIDENCE_WORDS(words=list(words))
    return m.EVIDENCE_MODEL()


@lru_cache(maxsize=65_536)
def _spam_column(feature: str) -> int:
    from sklearn.utils import murmurhash3_32

    return SPAM_START + abs(int(murmurhash3_32(feature, seed=0))) % (1 << SPAM_BITS)


def _handles(text: CleanText, head: Head, top: int = 2) -> list[str]:
    """The @handles of this comment whose letters push the spam head most towards yes
    ("@janet_chavez_fx"): the spam block reads them, the word features see only <mention>."""
    scored = []
    for handle in dict.fromkeys(text.mentions):
        columns = [_spam_column(f) for f in set(handle_features(handle))]
        weight = SPAM_WEIGHT * float(head.leaning()[columns, 0].sum())
        if weight > 0.5:
            scored.append((weight, "@" + handle))
    return [handle for _w, handle in sorted(scored, reverse=True)[:top]]


@lru_cache(maxsize=1)
def default_reader() -> CommentReader:
    """The reader over the model that ships with kolscope, loaded once per process."""
    return CommentReader.from_file(shipped_manifest())


def analyse_comments(texts: Sequence[str]) -> list[CommentInsight]:
    """Read each comment: sentiment, question, purchase intent, spam, low effort, toxicity,
    language and the evidence. Exact repeats of a longer comment within the list are low
    effort (copy-paste). Never raises on odd text: empty, huge or mixed-script input gets
    a defined answer."""
    return default_reader().read(texts)
