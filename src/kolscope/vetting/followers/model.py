"""The fake-follower model: small logistic regressions, one per set of known profile fields.

Follower samples rarely say everything: one tool exports bios and usernames, another only
counts, and the two public data sets share seven of their fields. Filling the gaps with
averages would tell the model a profile has an ordinary bio when nobody looked. Instead the
model holds one logistic regression ("head") for every combination of the seven common fields,
plus one for each fuller layout it was trained on, each fitted only on the training rows that
know those fields. A profile is scored by the head that uses the most of what it knows
(ties: the head trained on more rows). A profile that knows none of the fields gets NaN.

Scoring is pure numpy: one availability mask per row, one table look-up for its head, one
multiply-add per feature. The whole model is a few thousand numbers in one JSON file, with the
manifest that says how it was made (data, digests, licences, settings, cross-validated scores).
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from kolscope.vetting.followers.features import (
    FEATURE_LIST,
    FEATURES,
    FIELD_COLUMN,
    PROFILE_FIELDS,
)

FORMAT = "kolscope follower model"
FORMAT_VERSION = 1
DEFAULT_FILE = "followers-v1.json"
DEFAULT_THRESHOLD = 0.5
_FIELD_COLUMNS = [FIELD_COLUMN[field] for field in PROFILE_FIELDS]
_LOGIT_LIMIT = 35.0  # exp() of more would overflow for nothing: the probability is 0 or 1


class ModelFileError(ValueError):
    """A follower-model file kolscope cannot use, with the reason."""


def features_for(fields: Sequence[str]) -> tuple[str, ...]:
    """The features a head over these profile fields uses: all those it can compute."""
    have = set(fields)
    return tuple(f.name for f in FEATURE_LIST if set(f.needs) <= have)


def field_mask(fields: Sequence[str]) -> int:
    return sum(1 << PROFILE_FIELDS.index(field) for field in fields)


def selection_table(masks: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For every availability mask, the head to use: among heads whose fields are all known,
    the one with the most fields, then the most training rows, then the first; -1 if none."""
    every = np.arange(1 << len(PROFILE_FIELDS), dtype=np.int64)
    if masks.size == 0:
        return np.full(every.size, -1, dtype=np.int64)
    fits = (masks[None, :] & ~every[:, None]) == 0
    sizes = np.array([int(m).bit_count() for m in masks], dtype=np.int64)
    order = np.lexsort((np.arange(masks.size), -rows, -sizes))  # best first
    priority = np.empty(masks.size, dtype=np.int64)
    priority[order] = np.arange(masks.size, 0, -1)
    ranked = np.where(fits, priority[None, :], 0)
    return np.where(ranked.max(axis=1) > 0, ranked.argmax(axis=1), -1)


def row_masks(matrix: np.ndarray) -> np.ndarray:
    """Each row's known profile fields as a bit mask over ``PROFILE_FIELDS``."""
    masks = np.zeros(matrix.shape[0], dtype=np.uint16)
    for bit, column in enumerate(_FIELD_COLUMNS):
        masks += (~np.isnan(matrix[:, column])).astype(np.uint16) * np.uint16(1 << bit)
    return masks


@dataclass(frozen=True)
class Head:
    """A logistic regression on standardised features: z = intercept + coef · (x - mean) / scale."""

    fields: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    rows: int  # training rows it was fitted on
    fakes: int  # of which fake

    @property
    def features(self) -> tuple[str, ...]:
        return features_for(self.fields)

    def to_json(self) -> dict[str, Any]:
        return {
            "fields": list(self.fields),
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "rows": self.rows,
            "fakes": self.fakes,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Head:
        fields = tuple(str(f) for f in data["fields"])
        unknown = set(fields) - set(PROFILE_FIELDS)
        if unknown:
            raise ValueError(f"a head uses unknown profile fields {sorted(unknown)}")
        head = cls(
            fields,
            tuple(float(v) for v in data["mean"]),
            tuple(float(v) for v in data["scale"]),
            tuple(float(v) for v in data["coef"]),
            float(data["intercept"]),
            int(data["rows"]),
            int(data["fakes"]),
        )
        width = len(head.features)
        if tuple(data.get("features", head.features)) != head.features or not (
            len(head.mean) == len(head.scale) == len(head.coef) == width
        ):
            raise ValueError(f"the head over {', '.join(fields)} does not match its features")
        return head


class FollowerModel:
    """Probabilities that followers are fake, from their feature matrix (``features.py``)."""

    def __init__(
        self,
        heads: Sequence[Head],
        threshold: float = DEFAULT_THRESHOLD,
        manifest: dict[str, Any] | None = None,
    ) -> None:
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"the threshold must be between 0 and 1, not {threshold}")
        self.heads = tuple(heads)
        self.threshold = float(threshold)
        self.manifest: dict[str, Any] = dict(manifest or {})
        count = len(self.heads)
        self._weights = np.zeros((count, len(FEATURES)))
        self._centre = np.zeros((count, len(FEATURES)))
        self._intercepts = np.zeros(count)
        self._columns: list[list[int]] = []
        for index, head in enumerate(self.heads):
            columns = [FEATURES.index(name) for name in head.features]
            self._columns.append(columns)
            weights = np.asarray(head.coef) / np.asarray(head.scale)
            self._weights[index, columns] = weights
            self._centre[index, columns] = head.mean
            self._intercepts[index] = head.intercept - float(weights @ np.asarray(head.mean))
        masks = np.array([field_mask(h.fields) for h in self.heads], dtype=np.int64)
        rows = np.array([h.rows for h in self.heads], dtype=np.int64)
        self._table = selection_table(masks, rows)

    def head_index(self, matrix: np.ndarray) -> np.ndarray:
        """The head that scores each row (an index into ``heads``), -1 where none can."""
        return np.asarray(self._table[row_masks(matrix)])

    def probabilities(self, matrix: np.ndarray) -> np.ndarray:
        """The probability that each follower is fake; NaN where no profile field is known.
        Fastest on the column-major matrices ``features`` makes (200,000 rows in a few ms)."""
        matrix = _checked(matrix)
        heads = self.head_index(matrix)
        used = np.flatnonzero(np.bincount(heads + 1, minlength=len(self.heads) + 1)[1:])
        logits = np.full(matrix.shape[0], np.nan)
        everyone = used.size == 1 and int(heads.min()) == int(used[0])
        for head in used.tolist():
            rows = None if everyone else np.flatnonzero(heads == head)
            score = np.full(matrix.shape[0] if rows is None else rows.size, self._intercepts[head])
            for column in self._columns[head]:  # one pass per feature beats a gathered copy
                values = matrix[:, column] if rows is None else matrix[rows, column]
                score += self._weights[head, column] * values
            if rows is None:
                logits = score
            else:
                logits[rows] = score
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logits, -_LOGIT_LIMIT, _LOGIT_LIMIT))))

    def is_fake(self, probabilities: np.ndarray) -> np.ndarray:
        """True where the probability reaches the threshold (False where it is NaN)."""
        return np.asarray(probabilities >= self.threshold)

    def contributions(self, matrix: np.ndarray) -> np.ndarray:
        """How much each feature moves each row's log-odds away from its head's training
        average (rows x ``FEATURES``; 0 for features the head does not use): the reasons."""
        matrix = _checked(matrix)
        heads = self.head_index(matrix)
        safe = np.maximum(heads, 0)
        filled = np.where(np.isnan(matrix), 0.0, matrix)
        moved = (filled - self._centre[safe]) * self._weights[safe]
        moved[heads < 0] = 0.0
        return np.asarray(moved)

    # Files ---------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "features": list(FEATURES),
            "profile_fields": list(PROFILE_FIELDS),
            "threshold": self.threshold,
            "manifest": self.manifest,
            "heads": [head.to_json() for head in self.heads],
        }

    def save(self, path: Path) -> Path:
        """Write the model as JSON, whole or not at all (a temporary file is renamed)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            temporary.write_text(_dump(self.to_json()), encoding="utf-8")
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
        return path

    @classmethod
    def from_json(cls, data: Any, where: str = "the model") -> FollowerModel:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelFileError(f"{where}: not a kolscope follower model")
        if data.get("format_version") != FORMAT_VERSION:
            raise ModelFileError(
                f"{where}: format version {data.get('format_version')!r}; this kolscope reads "
                f"version {FORMAT_VERSION}"
            )
        if tuple(data.get("features", ())) != FEATURES:
            raise ModelFileError(
                f"{where}: made with different follower features; retrain it with "
                "`kolscope followers train`"
            )
        try:
            heads = [Head.from_json(head) for head in data["heads"]]
            return cls(heads, float(data["threshold"]), dict(data.get("manifest") or {}))
        except (KeyError, TypeError, ValueError) as error:
            raise ModelFileError(f"{where}: damaged ({error})") from error

    @classmethod
    def load(cls, path: Path) -> FollowerModel:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise ModelFileError(f"{path}: cannot read ({error.strerror or error})") from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ModelFileError(f"{path}: not a JSON file ({error})") from error
        return cls.from_json(data, str(path))

    @classmethod
    def load_default(cls) -> FollowerModel:
        """The model shipped in the package (trained on the two public data sets)."""
        return _shipped()


def default_model_path() -> Path:
    return Path(str(resources.files("kolscope.vetting") / "models" / DEFAULT_FILE))


@lru_cache(maxsize=1)
def _shipped() -> FollowerModel:
    return FollowerModel.load(default_model_path())


def _dump(data: dict[str, Any]) -> str:
    """Indented JSON with one line per head, so a retrained model reads well in a diff."""
    body = json.dumps({k: v for k, v in data.items() if k != "heads"}, ensure_ascii=False, indent=1)
    heads = ",\n  ".join(json.dumps(head, ensure_ascii=False) for head in data["heads"])
    return f'{body[:-2]},\n "heads": [\n  {heads}\n ]\n}}\n'


def _checked(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[1] != len(FEATURES):
        raise ValueError(
            f"expected a feature matrix of {len(FEATURES)} columns, got shape {matrix.shape}"
        )
    return matrix
