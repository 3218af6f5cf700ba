"""Reading the public labelled corpora in the shared data folder, for training and evaluation.

Each reader checks the columns it needs and names the file and row of anything it cannot use.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from pathlib import Path

from kolscope.vetting.comments.training import Source, TrainingData

WISESIGHT_LABELS = frozenset({"pos", "neu", "neg", "q"})


class CorpusError(ValueError):
    """A corpus file is missing or not in the shape we expect."""


def default_data_dir() -> Path:
    """Where the public corpora are: $KOLSCOPE_SHARED_DATA, else ../shared/data beside the
    current folder (the repository root when run by make)."""
    return Path(os.environ.get("KOLSCOPE_SHARED_DATA", Path("..") / "shared" / "data"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _need(path: Path) -> Path:
    if not path.is_file():
        raise CorpusError(f"{path}: not found (is the shared data folder in place?)")
    return path


def wisesight(data_dir: Path, part: str) -> list[tuple[str, str]]:
    """(text, category) pairs of the Wisesight Sentiment part (train or valid)."""
    path = _need(data_dir / "wisesight-sentiment" / f"{part}.jsonl")
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusError(f"{path}, line {number}: not JSON ({error.msg})") from error
            label = record.get("category")
            if label not in WISESIGHT_LABELS:
                raise CorpusError(f"{path}, line {number}, field category: {label!r} is not one "
                                  "of pos, neu, neg, q")  # fmt: skip
            rows.append((str(record.get("texts") or ""), label))
    return rows


def youtube_spam(data_dir: Path) -> dict[str, list[tuple[str, int]]]:
    """(comment, 1 if spam) pairs per video file of the YouTube Spam Collection."""
    folder = data_dir / "youtube-spam"
    files = sorted(folder.glob("Youtube*.csv"))
    if not files:
        raise CorpusError(f"{folder}: no Youtube*.csv files found")
    return {path.name: _labelled_csv(path, "CONTENT", "label") for path in files}


def scamspot(data_dir: Path) -> list[tuple[str, int]]:
    """(comment, 1 if scam) pairs of the ScamSpot training part."""
    return _labelled_csv(_need(data_dir / "scamspot" / "train.csv"), "msg", "scam")


def _labelled_csv(path: Path, text_column: str, label_column: str) -> list[tuple[str, int]]:
    rows: list[tuple[str, int]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {text_column, label_column} - set(reader.fieldnames or ())
        if missing:
            raise CorpusError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for number, record in enumerate(reader, start=2):
            label = (record.get(label_column) or "").strip()
            if label not in {"0", "1"}:
                raise CorpusError(
                    f"{path}, row {number}, field {label_column}: {label!r} is not 0 or 1"
                )
            rows.append((record.get(text_column) or "", int(label)))
    return rows


def training_data(data_dir: Path) -> TrainingData:
    """Everything `kolscope nlp train` learns from, with provenance for the manifest."""
    sentiment = wisesight(data_dir, "train")
    videos = youtube_spam(data_dir)
    scams = scamspot(data_dir)
    folder = data_dir / "wisesight-sentiment"
    sources = [
        Source(
            "Wisesight Sentiment Corpus v1.1, train part",
            "CC0-1.0",
            "PyThaiNLP/wisesight-sentiment",
            {"train.jsonl": digest(folder / "train.jsonl")},
            len(sentiment),
        ),
        Source(
            "YouTube Spam Collection v1 (Alberto, Lochter & Almeida, 2015)",
            "CC-BY-4.0",
            "UCI Machine Learning Repository",
            {name: digest(data_dir / "youtube-spam" / name) for name in videos},
            sum(len(rows) for rows in videos.values()),
        ),
        Source(
            "ScamSpot Instagram scam comments (2023), 80 % part",
            "MIT",
            "ScamSpot/scamspot_ig-comment-scraper",
            {"train.csv": digest(data_dir / "scamspot" / "train.csv")},
            len(scams),
        ),
    ]
    spam = [row for rows in videos.values() for row in rows] + scams
    return TrainingData(sentiment=sentiment, spam=spam, sources=sources)
