"""The trained comment models: one file of numbers and one manifest beside it.

``comments-vN.npz`` holds the IDF weights and, for each head, the weights of the feature
columns seen in training; ``comments-vN.json`` says how it was made (data, licences, file
digests, settings, scores). Nothing in either is text from the training data except hashed
column numbers, and the data it was trained on is CC0 / CC BY / MIT, so it may ship.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from kolscope.vetting.comments.features import N_FEATURES, RECIPE

MODEL_NAME = "comments"
MODEL_VERSION = 1


@dataclass(frozen=True)
class Head:
    """A linear classifier over the shared features.

    ``offsets`` are added to the log-probabilities before the label is chosen; they are
    tuned on cross-validated training predictions (never on the evaluation part) so that
    a rare class such as questions is not drowned by the common ones.
    """

    classes: tuple[str, ...]
    rows: np.ndarray  # int32 feature columns with a weight
    weights: np.ndarray  # float32, len(rows) x k (k = 1 for a yes/no head)
    intercept: np.ndarray  # float32, k
    offsets: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    threshold: float = 0.5  # for a yes/no head: the probability from which the answer is yes
    _dense: list[np.ndarray] = field(default_factory=list, repr=False, compare=False)

    @property
    def binary(self) -> bool:
        return bool(self.weights.shape[1] == 1)

    def dense(self) -> np.ndarray:
        if not self._dense:
            matrix = np.zeros((N_FEATURES, self.weights.shape[1]), dtype=np.float32)
            matrix[self.rows] = self.weights
            self._dense.append(matrix)
        return self._dense[0]

    def leaning(self) -> np.ndarray:
        """Per feature column, how much it pushes towards each class compared with the
        others (a yes/no head: its weight). Used to name the words behind an answer."""
        if len(self._dense) < 2:
            dense = self.dense()
            if self.binary:
                self._dense.append(dense)
            else:
                self._dense.append(dense - dense.mean(axis=1, keepdims=True))
        return self._dense[1]

    def probabilities(self, features: Any) -> np.ndarray:
        """Class probabilities (n x k); for a yes/no head, the probability of yes (n)."""
        scores = np.asarray(features @ self.dense()) + self.intercept
        if self.binary:
            return np.asarray(1.0 / (1.0 + np.exp(-scores[:, 0])))
        scores = scores - scores.max(axis=1, keepdims=True)
        if self.offsets.size:
            scores = scores + self.offsets
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    @classmethod
    def from_dense(
        cls,
        classes: tuple[str, ...],
        coef: np.ndarray,
        intercept: np.ndarray,
        offsets: np.ndarray | None = None,
        threshold: float = 0.5,
    ) -> Head:
        """From scikit-learn's ``coef_`` (k x n_features) and ``intercept_``."""
        weights = np.asarray(coef, dtype=np.float32).T
        rows = np.flatnonzero(np.any(weights != 0, axis=1)).astype(np.int32)
        return cls(
            classes,
            rows,
            weights[rows],
            np.asarray(intercept, dtype=np.float32),
            np.zeros(0, np.float32) if offsets is None else np.asarray(offsets, np.float32),
            threshold,
        )


class ModelMismatchError(ValueError):
    """A saved model that this version of the feature code cannot use."""


@dataclass(frozen=True)
class CommentModels:
    """The IDF weights, the heads and the manifest that describes them."""

    idf: np.ndarray
    heads: dict[str, Head]
    manifest: dict[str, Any]

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {"idf": self.idf.astype(np.float16)}
        for name, head in self.heads.items():
            arrays[f"{name}.rows"] = head.rows
            arrays[f"{name}.weights"] = head.weights.astype(np.float16)
            arrays[f"{name}.intercept"] = head.intercept
            arrays[f"{name}.offsets"] = head.offsets
        stem = f"{MODEL_NAME}-v{self.manifest['version']}"
        np.savez_compressed(folder / f"{stem}.npz", **arrays)  # type: ignore[arg-type]
        manifest = dict(self.manifest)
        manifest["heads"] = {
            name: {
                "classes": list(head.classes),
                "threshold": head.threshold,
                "features_with_weight": int(head.rows.size),
            }
            for name, head in self.heads.items()
        }
        path = folder / f"{stem}.json"
        path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
        return path

    @classmethod
    def load(cls, manifest_path: Path) -> CommentModels:
        manifest = json.loads(manifest_path.read_text("utf-8"))
        recipe = manifest.get("features", {}).get("recipe")
        if recipe != RECIPE:
            raise ModelMismatchError(
                f"{manifest_path}: trained on features {recipe!r}, but this kolscope makes "
                f"{RECIPE!r}; run `kolscope nlp train` to rebuild the model"
            )
        with np.load(manifest_path.with_suffix(".npz")) as arrays:
            idf = arrays["idf"].astype(np.float32)
            heads = {
                name: Head(
                    tuple(spec["classes"]),
                    arrays[f"{name}.rows"],
                    arrays[f"{name}.weights"].astype(np.float32),
                    arrays[f"{name}.intercept"],
                    arrays[f"{name}.offsets"],
                    float(spec["threshold"]),
                )
                for name, spec in manifest["heads"].items()
            }
        return cls(idf, heads, manifest)


def shipped_manifest() -> Path:
    """The manifest of the model that ships with kolscope (the highest version present)."""
    folder = Path(str(resources.files("kolscope.vetting") / "models"))
    found = sorted(folder.glob(f"{MODEL_NAME}-v*.json"), key=lambda p: int(p.stem.split("-v")[1]))
    if not found:
        raise FileNotFoundError(
            f"no trained comment model in {folder}: run `kolscope nlp train` to build one"
        )
    return found[-1]
