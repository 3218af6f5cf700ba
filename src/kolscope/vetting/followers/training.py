"""Training the follower model from labelled followers (the files are read by adapters).

Deterministic: standardised features, an L2-regularised logistic regression per head (the same
objective as scikit-learn's, solved by Newton's method here: a head has at most 17 weights, so
each fit takes a millisecond), stratified folds with a fixed seed, numbers rounded to six
significant digits before they are stored, so the saved model predicts what the trained one did.
Classes are not re-weighted: the probabilities follow the fake share of the training data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from kolscope.domain.followers import FollowerProfile
from kolscope.vetting.followers.features import (
    COMMON_FIELDS,
    FEATURES,
    PROFILE_FIELDS,
    feature_matrix,
)
from kolscope.vetting.followers.model import (
    DEFAULT_THRESHOLD,
    FollowerModel,
    Head,
    features_for,
    field_mask,
    row_masks,
    selection_table,
)


@dataclass(frozen=True, slots=True)
class TrainingSettings:
    regularisation: float = 1.0  # C of each logistic regression (on standardised features)
    folds: int = 10  # for the cross-validated numbers (fewer when a class is smaller)
    seed: int = 0
    threshold: float = DEFAULT_THRESHOLD
    min_per_class: int = 5  # a head needs this many fake and real training rows


SETTINGS = TrainingSettings()
_NEWTON_STEPS = 100
_CLIP = 35.0


@dataclass(frozen=True, slots=True)
class DataSource:
    """Where labelled followers came from, for the model's manifest."""

    name: str
    licence: str
    origin: str
    sha256: dict[str, str]  # file name -> digest
    rows: int
    fakes: int
    citation: str | None = None


class TrainingDataError(ValueError):
    """Labelled followers a model cannot be trained on (too few of a class, no features)."""


def train(
    profiles: Sequence[FollowerProfile],
    labels: ArrayLike,
    *,
    sources: Sequence[DataSource] = (),
    settings: TrainingSettings = SETTINGS,
    cross_validate: bool = True,
    today: dt.date | None = None,
    licence: str | None = None,
) -> FollowerModel:
    """A model from followers and their labels (true or 1 = fake). ``sources`` and
    ``licence`` go into the manifest; with several sources whose row counts add up, the
    cross-validated numbers are also given per source (rows in the order of the sources)."""
    return train_on_matrix(
        feature_matrix(profiles),
        labels,
        sources=sources,
        settings=settings,
        cross_validate=cross_validate,
        today=today,
        licence=licence,
    )


def train_on_matrix(
    matrix: np.ndarray,
    labels: ArrayLike,
    *,
    sources: Sequence[DataSource] = (),
    settings: TrainingSettings = SETTINGS,
    cross_validate: bool = True,
    today: dt.date | None = None,
    licence: str | None = None,
) -> FollowerModel:
    """The same as ``train``, from a feature matrix (``features.feature_matrix``)."""
    truth = _labels(labels, matrix.shape[0])
    masks = row_masks(matrix)
    _check_trainable(masks, truth, settings)
    heads = fit_heads(matrix, truth, candidate_masks(masks, truth, settings), settings)
    scores: dict[str, Any] | None = None
    by_source: dict[str, Any] = {}
    if cross_validate:
        predicted = out_of_fold(matrix, truth, settings)
        scores = summary(truth, predicted, settings.threshold)
        if len(sources) > 1 and sum(source.rows for source in sources) == truth.size:
            start = 0
            for source in sources:  # the rows come in the order of the sources
                part = slice(start, start + source.rows)
                by_source[source.name] = summary(truth[part], predicted[part], settings.threshold)
                start += source.rows
    manifest = {
        "name": "followers",
        "version": 1,
        "trained_on": (today or dt.date.today()).isoformat(),
        "method": "one L2 logistic regression per set of known profile fields (see docs)",
        "features": list(FEATURES),
        "settings": asdict(settings),
        "training_rows": int(truth.size),
        "training_fakes": int(truth.sum()),
        "heads": len(heads),
        "cross_validated": scores,
        "cross_validated_by_source": by_source,
        "sources": [asdict(source) for source in sources],
        "licence": licence,
    }
    return FollowerModel(heads, settings.threshold, manifest)


def candidate_masks(
    masks: np.ndarray, truth: np.ndarray, settings: TrainingSettings = SETTINGS
) -> list[int]:
    """The field sets to fit a head for: every non-empty combination of the common fields
    the data knows, and each fuller layout of the data; only those with enough rows of
    both classes."""
    present = [
        field
        for field in COMMON_FIELDS
        if _enough(masks, truth, field_mask([field]), settings.min_per_class)
    ]
    wanted: dict[int, None] = {}
    for size in range(len(present), 0, -1):
        for chosen in combinations(present, size):
            wanted[field_mask(chosen)] = None
    common = field_mask(COMMON_FIELDS)
    for layout in np.unique(masks).tolist():
        if layout & ~common:
            wanted[int(layout)] = None
    return [m for m in wanted if _enough(masks, truth, m, settings.min_per_class)]


def fit_heads(
    matrix: np.ndarray,
    truth: np.ndarray,
    masks: Iterable[int],
    settings: TrainingSettings = SETTINGS,
) -> list[Head]:
    row_mask = row_masks(matrix)
    return [_fit(matrix, truth, row_mask, mask, settings) for mask in masks]


def out_of_fold(
    matrix: np.ndarray, labels: ArrayLike, settings: TrainingSettings = SETTINGS
) -> np.ndarray:
    """Each row's probability from a model trained without it (stratified k-fold). Each fold
    fits only the heads its held-out rows need, so this costs a few fits per fold."""
    from sklearn.model_selection import StratifiedKFold

    truth = _labels(labels, matrix.shape[0])
    folds = min(settings.folds, int(truth.sum()), int((~truth).sum()))
    if folds < 2:
        raise TrainingDataError("cross-validation needs at least two fake and two real followers")
    masks = row_masks(matrix)
    result = np.full(truth.size, np.nan)
    splitter = StratifiedKFold(folds, shuffle=True, random_state=settings.seed)
    for train_rows, test_rows in splitter.split(np.zeros(truth.size), truth):
        model = _fold_model(matrix, truth, masks, train_rows, test_rows, settings)
        result[test_rows] = model.probabilities(matrix[test_rows])
    return result


def summary(truth: ArrayLike, probabilities: np.ndarray, threshold: float) -> dict[str, Any]:
    """Accuracy, the fake class's precision, recall and F1, the false-positive rate and
    ROC-AUC of probabilities against labels; rows without a probability are counted apart."""
    from sklearn.metrics import roc_auc_score

    labels = np.asarray(truth, dtype=bool)
    scored = ~np.isnan(probabilities)
    y, p = labels[scored], probabilities[scored]
    flagged = p >= threshold
    hits = int(np.sum(flagged & y))
    precision = hits / flagged.sum() if flagged.any() else 0.0
    recall = hits / y.sum() if y.any() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    both = bool(y.any() and (~y).any())
    return {
        "rows": int(labels.size),
        "unscored": int((~scored).sum()),
        "fakes": int(y.sum()),
        "threshold": threshold,
        "accuracy": _r(np.mean(flagged == y)) if y.size else None,
        "precision": _r(precision),
        "recall": _r(recall),
        "f1": _r(f1),
        "false_positive_rate": _r(np.sum(flagged & ~y) / (~y).sum()) if (~y).any() else None,
        "roc_auc": _r(roc_auc_score(y, p)) if both else None,
    }


def _fold_model(
    matrix: np.ndarray,
    truth: np.ndarray,
    masks: np.ndarray,
    train_rows: np.ndarray,
    test_rows: np.ndarray,
    settings: TrainingSettings,
) -> FollowerModel:
    candidates = np.array(
        candidate_masks(masks[train_rows], truth[train_rows], settings), dtype=np.int64
    )
    sizes = np.array(
        [np.sum((masks[train_rows] & m) == m) for m in candidates.tolist()], dtype=np.int64
    )
    table = selection_table(candidates, sizes)
    needed = np.unique(table[masks[test_rows]])
    chosen = candidates[needed[needed >= 0]].tolist()
    heads = fit_heads(matrix[train_rows], truth[train_rows], chosen, settings)
    return FollowerModel(heads, settings.threshold)


def _fit(
    matrix: np.ndarray,
    truth: np.ndarray,
    row_mask: np.ndarray,
    mask: int,
    settings: TrainingSettings,
) -> Head:
    fields = tuple(f for i, f in enumerate(PROFILE_FIELDS) if mask >> i & 1)
    columns = [FEATURES.index(name) for name in features_for(fields)]
    rows = (row_mask & mask) == mask
    x = matrix[np.ix_(rows, columns)]
    y = truth[rows]
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0  # a feature with one value in these rows: its weight stays 0
    mean, scale = _rounded(mean), _rounded(scale)
    coef, intercept = logistic_regression((x - mean) / scale, y, settings.regularisation)
    return Head(
        fields,
        tuple(mean.tolist()),
        tuple(scale.tolist()),
        tuple(_rounded(coef).tolist()),
        float(_rounded(intercept)),
        int(rows.sum()),
        int(y.sum()),
    )


def logistic_regression(
    x: np.ndarray, y: np.ndarray, regularisation: float
) -> tuple[np.ndarray, float]:
    """Weights and intercept minimising the log-loss summed over rows plus
    |weights|^2 / (2 * regularisation), the intercept unpenalised (scikit-learn's
    ``LogisticRegression(C=regularisation)``), by Newton's method with step halving."""
    rows, width = x.shape
    design = np.hstack([x, np.ones((rows, 1))])
    target = y.astype(np.float64)
    penalty = np.full(width + 1, 1.0 / regularisation)
    penalty[-1] = 0.0
    beta = np.zeros(width + 1)

    def loss(candidate: np.ndarray) -> float:
        logits = design @ candidate
        data = np.logaddexp(0.0, logits) - target * logits
        return float(data.sum() + 0.5 * np.sum(penalty * candidate**2))

    current = loss(beta)
    for _ in range(_NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ beta, -_CLIP, _CLIP)))
        gradient = design.T @ (p - target) + penalty * beta
        hessian = (design.T * (p * (1.0 - p))) @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        size = 1.0
        while size > 1e-6:
            trial = beta - size * step
            value = loss(trial)
            if value <= current - 1e-4 * size * float(gradient @ step):
                break
            size /= 2.0
        else:
            break  # no step improves it: converged as far as floating point allows
        beta, current = trial, value
        if float(np.max(np.abs(size * step))) < 1e-10:
            break
    return beta[:-1], float(beta[-1])


def _check_trainable(masks: np.ndarray, truth: np.ndarray, settings: TrainingSettings) -> None:
    fakes, reals = int(truth.sum()), int((~truth).sum())
    need = settings.min_per_class
    if fakes < need or reals < need:
        raise TrainingDataError(
            f"needs at least {need} fake and {need} real followers; found {fakes} fake and "
            f"{reals} real"
        )
    if not any(_enough(masks, truth, field_mask([f]), need) for f in COMMON_FIELDS):
        raise TrainingDataError(
            f"needs at least {need} fake and {need} real followers with one of "
            f"{', '.join(COMMON_FIELDS)} known"
        )


def _enough(masks: np.ndarray, truth: np.ndarray, mask: int, need: int) -> bool:
    rows = (masks & mask) == mask
    fakes = int(np.sum(truth[rows]))
    return fakes >= need and int(rows.sum()) - fakes >= need


def _labels(labels: ArrayLike, size: int) -> np.ndarray:
    values = np.asarray(labels)
    if values.shape != (size,):
        raise TrainingDataError(f"{values.size} labels for {size} followers")
    if values.dtype != bool:
        numbers = values.astype(np.float64)
        if np.isnan(numbers).any() or not np.isin(numbers, (0.0, 1.0)).all():
            raise TrainingDataError("labels must be true/false or 1/0 (1 = fake)")
        values = numbers == 1.0
    return np.asarray(values, dtype=bool)


def _rounded(values: ArrayLike) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64)
    return np.array([float(f"{v:.6g}") for v in array.ravel()]).reshape(array.shape)


def _r(value: Any) -> float:
    return round(float(value), 4)
