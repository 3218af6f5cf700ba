"""Training the comment models from labelled texts (the corpora are read by an adapter).

- sentiment: one four-class logistic regression (neg, neu, pos, q) on Wisesight train; the
  question answer is its q class, the sentiment the best of the other three. Log-probability
  offsets per class are tuned for macro-F1 on 5-fold out-of-fold predictions of the training
  part, so the 2 % question class is not drowned.
- spam: logistic regression on YouTube spam and ScamSpot together, over the shared blocks
  and its own block (handles, spam cues, counts: see ``features.spam_features``).
- purchase intent: logistic regression on labels the purchase-intent rules give the Wisesight
  training messages (weak supervision): it learns the other words that come with buying
  questions, and at run time the rules and the model are combined.
Deterministic: fixed fold seeds, a deterministic solver, no sampling, and the numeric
libraries held to one thread while training (the solver's path, and so the tuned offsets,
changes with the number of threads: two threads gave Wisesight valid 0.707 / 0.579 where one
gave 0.719 / 0.591 from the same features).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kolscope.text.cleaning import normalise
from kolscope.vetting.comments import rules
from kolscope.vetting.comments.features import N_FEATURES, RECIPE, SHARED, Featuriser
from kolscope.vetting.comments.model import MODEL_VERSION, CommentModels, Head

SENTIMENT_CLASSES = ("neg", "neu", "pos", "q")
SETTINGS: dict[str, Any] = {
    "sentiment_C": 2.0,
    "spam_C": 8.0,
    "purchase_C": 4.0,
    "offsets_accuracy_weight": 1.0,
    "folds": 5,
    "seed": 0,
}


@dataclass(frozen=True)
class Source:
    """One training file set: where it came from and under which licence."""

    name: str
    licence: str
    origin: str
    files: dict[str, str]  # file name -> SHA-256
    rows: int


@dataclass
class TrainingData:
    sentiment: list[tuple[str, str]] = field(default_factory=list)  # (text, neg/neu/pos/q)
    spam: list[tuple[str, int]] = field(default_factory=list)  # (text, 1 spam / 0 not)
    sources: list[Source] = field(default_factory=list)


def _logistic(c: float, max_iter: int = 3000) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=max_iter)


def used_columns(x: Any) -> np.ndarray:
    """The feature columns with any value in ``x``. Fitting on these alone gives the same
    model (an L2-regularised weight with no data stays exactly 0) and is many times faster
    than carrying two million empty columns through every solver step."""
    return np.flatnonzero(x.getnnz(axis=0))


def widen(coef: np.ndarray, used: np.ndarray) -> np.ndarray:
    """Weights over ``used`` columns back to all feature columns."""
    full = np.zeros((coef.shape[0], N_FEATURES), dtype=np.float64)
    full[:, used] = coef
    return full


def out_of_fold(
    make: Callable[[], Any], x: Any, y: np.ndarray, folds: int, seed: int
) -> np.ndarray:
    """Predicted probabilities for each training row from a model that did not see it."""
    from sklearn.model_selection import StratifiedKFold

    splits = StratifiedKFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y)
    width = len(np.unique(y))
    result = np.zeros((len(y), width))
    for train, test in splits:
        model = make().fit(x[train], y[train])
        result[test] = model.predict_proba(x[test])
    return result


def macro_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(truth, predicted, average="macro"))


def _macro_f1_codes(truth: np.ndarray, predicted: np.ndarray, k: int) -> float:
    """Macro-F1 over class codes 0..k-1 (the same number scikit-learn gives, much faster)."""
    confusion = np.bincount(truth * k + predicted, minlength=k * k).reshape(k, k)
    hits = np.diag(confusion).astype(np.float64)
    denominator = confusion.sum(axis=0) + confusion.sum(axis=1)
    f1 = np.divide(2 * hits, denominator, out=np.zeros(k), where=denominator > 0)
    return float(f1.mean())


def tune_offsets(
    probabilities: np.ndarray,
    truth: np.ndarray,
    classes: Sequence[str],
    accuracy_weight: float = 0.0,
) -> np.ndarray:
    """Per-class additive offsets on log-probabilities that maximise macro-F1 plus
    ``accuracy_weight`` times accuracy (coordinate search on a grid from -3 to 3, three
    rounds). The first class stays at 0. Macro-F1 alone buys the rare class at the cost of
    accuracy; weighing accuracy in keeps most of the gain and gives less accuracy away."""
    k = len(classes)
    codes = np.searchsorted(np.asarray(classes), truth)
    logs = np.log(probabilities + 1e-9)

    def score_of(predicted: np.ndarray) -> float:
        accuracy = float(np.mean(predicted == codes)) if accuracy_weight else 0.0
        return _macro_f1_codes(codes, predicted, k) + accuracy_weight * accuracy

    offsets = np.zeros(k)
    best = score_of(logs.argmax(axis=1))
    grid = np.round(np.linspace(-3.0, 3.0, 61), 2)
    for _round in range(3):
        for j in range(1, k):
            for value in grid:
                trial = offsets.copy()
                trial[j] = value
                score = score_of((logs + trial).argmax(axis=1))
                if score > best + 1e-9:
                    best, offsets = score, trial
    return offsets


def best_threshold(probabilities: np.ndarray, truth: np.ndarray) -> float:
    """The yes-threshold that maximises F1 of the yes class on out-of-fold predictions."""
    from sklearn.metrics import f1_score

    grid = np.round(np.linspace(0.2, 0.8, 25), 3)
    scores = [f1_score(truth, probabilities >= t) for t in grid]
    return float(grid[int(np.argmax(scores))])


def train(data: TrainingData, progress: Callable[[str], None] = lambda _m: None) -> CommentModels:
    import sklearn.linear_model  # noqa: F401  (loads the OpenMP runtime, so the limit holds)
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    with threadpool_limits(1):
        return _train(data, progress)


def _train(data: TrainingData, progress: Callable[[str], None]) -> CommentModels:
    settings = SETTINGS
    folds, seed = int(settings["folds"]), int(settings["seed"])
    progress(f"normalising {len(data.sentiment) + len(data.spam):,} texts")
    sentiment_texts = [normalise(t) for t, _ in data.sentiment]
    spam_texts = [normalise(t) for t, _ in data.spam]
    featuriser = Featuriser()
    counts_sentiment = featuriser.counts(sentiment_texts)
    counts_spam = featuriser.counts(spam_texts)
    from scipy.sparse import vstack

    featuriser.fit_idf(vstack([counts_sentiment, counts_spam], format="csr"))
    used_sentiment = used_columns(counts_sentiment)
    used_sentiment = used_sentiment[used_sentiment < SHARED]  # the spam block is spam's only
    used_spam = used_columns(counts_spam)
    x_sentiment = featuriser.weigh(counts_sentiment)[:, used_sentiment]
    x_spam = featuriser.weigh(counts_spam)[:, used_spam]
    scores: dict[str, Any] = {}

    progress("sentiment and questions: cross-validating to tune class offsets")
    y = np.array([label for _, label in data.sentiment])

    def make_sentiment() -> Any:
        return _logistic(float(settings["sentiment_C"]))

    oof = out_of_fold(make_sentiment, x_sentiment, y, folds, seed)
    offsets = tune_offsets(oof, y, SENTIMENT_CLASSES, float(settings["offsets_accuracy_weight"]))
    labels = np.asarray(SENTIMENT_CLASSES)
    scores["sentiment_oof_macro_f1_raw"] = round(macro_f1(y, labels[oof.argmax(1)]), 4)
    tuned = labels[(np.log(oof + 1e-9) + offsets).argmax(1)]
    scores["sentiment_oof_macro_f1_tuned"] = round(macro_f1(y, tuned), 4)
    scores["sentiment_oof_accuracy_raw"] = round(float(np.mean(labels[oof.argmax(1)] == y)), 4)
    scores["sentiment_oof_accuracy_tuned"] = round(float(np.mean(tuned == y)), 4)
    model = make_sentiment().fit(x_sentiment, y)
    assert tuple(model.classes_) == SENTIMENT_CLASSES
    coef = widen(model.coef_, used_sentiment)
    sentiment = Head.from_dense(SENTIMENT_CLASSES, coef, model.intercept_, offsets)

    progress("spam: cross-validating the threshold")
    y_spam = np.array([label for _, label in data.spam])

    def make_spam() -> Any:
        return _logistic(float(settings["spam_C"]))

    oof_spam = out_of_fold(make_spam, x_spam, y_spam, folds, seed)[:, 1]
    spam_threshold = best_threshold(oof_spam, y_spam)
    scores["spam_oof_f1"] = round(_f1(y_spam, oof_spam >= spam_threshold), 4)
    model = make_spam().fit(x_spam, y_spam)
    coef = widen(model.coef_, used_spam)
    spam = Head.from_dense(("no", "yes"), coef, model.intercept_, None, spam_threshold)

    progress("purchase intent: learning from the rules' labels")
    weak = np.array([rules.purchase_intent(t).probability >= 0.5 for t in sentiment_texts])
    scores["purchase_weak_positives"] = int(weak.sum())
    model = _logistic(float(settings["purchase_C"])).fit(x_sentiment, weak.astype(int))
    coef = widen(model.coef_, used_sentiment)
    purchase = Head.from_dense(("no", "yes"), coef, model.intercept_, None, 0.5)

    manifest = {
        "name": "comments",
        "version": MODEL_VERSION,
        "trained_on": dt.datetime.now(dt.UTC).date().isoformat(),
        "features": {
            "kind": "hashed words and character 1-4 grams; spam: also handles, cues, counts",
            "columns": N_FEATURES,
            "recipe": RECIPE,
        },
        "settings": settings,
        "cross_validated": scores,
        "sources": [source.__dict__ for source in data.sources],
        "licence": (
            "Model weights derived from CC0 1.0 (Wisesight Sentiment), CC BY 4.0 (YouTube "
            "Spam Collection, Alberto, Lochter & Almeida 2015) and MIT (ScamSpot) data; the "
            "weights are numbers over hashed feature columns and hold none of the texts."
        ),
    }
    return CommentModels(featuriser.idf if featuriser.idf is not None else np.zeros(0),
                         {"sentiment": sentiment, "spam": spam, "purchase_intent": purchase},
                         manifest)  # fmt: skip


def _f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(truth, predicted))
