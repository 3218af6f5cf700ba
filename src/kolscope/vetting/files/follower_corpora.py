"""Reading the two public fake-account data sets in the shared data folder as labelled followers.

Each reader checks every value it uses and names the file, row (or JSON record) and field of
anything it cannot read. Nothing is copied: the files are read where they are.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kolscope.domain.followers import FollowerProfile
from kolscope.vetting.files.corpora import CorpusError, digest
from kolscope.vetting.followers.training import DataSource

INSTAFAKE = "instafake"
INSTAFAKE_FILES = ("fakeAccountData.json", "realAccountData.json")
INSTAFAKE_CITATION = (
    "Akyon, F. C. and Kalfaoglu, M. E. (2019). Instagram Fake and Automated Account Detection. "
    "arXiv:1910.03090"
)
SHARED_LICENCE = (
    "Numbers only (weights, means and scales of logistic regressions over numeric profile "
    "features); no record of either data set is stored. Derived from InstaFake (CC BY-NC 4.0; "
    f"{INSTAFAKE_CITATION}) and the Kaggle instagram-fake-spammer-genuine-accounts train part "
    "(licence not stated). ../shared/data/README.md allows shipping such a small numeric model "
    "with this provenance; the InstaFake licence is non-commercial."
)
SPAMMER = "instagram-fake-spammer"
SPAMMER_FILE = "train.csv"

# instafake field -> FollowerProfile field
_INSTAFAKE_FIELDS = {
    "userFollowerCount": "followers",
    "userFollowingCount": "following",
    "userMediaCount": "posts",
    "userBiographyLength": "bio_length",
    "userHasProfilPic": "has_picture",
    "userIsPrivate": "is_private",
    "usernameLength": "username_length",
    "usernameDigitCount": "username_digits",
}
# instagram-fake-spammer column -> FollowerProfile field
_SPAMMER_COLUMNS = {
    "profile pic": "has_picture",
    "nums/length username": "username_digit_ratio",
    "fullname words": "fullname_words",
    "nums/length fullname": "fullname_digit_ratio",
    "name==username": "name_equals_username",
    "description length": "bio_length",
    "external URL": "has_external_url",
    "private": "is_private",
    "#posts": "posts",
    "#followers": "followers",
    "#follows": "following",
}
_FLAGS = {"has_picture", "is_private", "name_equals_username", "has_external_url"}
_RATIOS = {"username_digit_ratio", "fullname_digit_ratio"}


@dataclass(frozen=True)
class LabelledFollowers:
    """Follower profiles with their labels (True = fake) and where they came from."""

    profiles: tuple[FollowerProfile, ...]
    labels: tuple[bool, ...]
    source: DataSource


def instafake(data_dir: Path) -> LabelledFollowers:
    """The InstaFake fake-account data (Akyon & Kalfaoglu 2019): 200 fake, 994 real."""
    folder = data_dir / INSTAFAKE
    profiles: list[FollowerProfile] = []
    labels: list[bool] = []
    for name in INSTAFAKE_FILES:
        path = _need(folder / name)
        try:
            records = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CorpusError(f"{path}: not a JSON file ({error})") from error
        if not isinstance(records, list):
            raise CorpusError(f"{path}: expected a JSON list of accounts")
        for number, record in enumerate(records, start=1):
            where = f"{path}, record {number}"
            if not isinstance(record, dict):
                raise CorpusError(f"{where}: not a JSON object")
            values = {
                field: _read(where, key, record.get(key), field)
                for key, field in _INSTAFAKE_FIELDS.items()
            }
            label = bool(_read(where, "isFake", record.get("isFake"), "is_fake"))
            profiles.append(FollowerProfile(**values, is_fake=label))
            labels.append(label)
    source = DataSource(
        name="InstaFake fake-account data set v1.0 (fake and real accounts)",
        licence="CC-BY-NC-4.0",
        origin="github.com/fcakyon/instafake-dataset, commit cf669b27283a, data/fake-v1.0",
        sha256={name: digest(folder / name) for name in INSTAFAKE_FILES},
        rows=len(labels),
        fakes=sum(labels),
        citation=INSTAFAKE_CITATION,
    )
    return LabelledFollowers(tuple(profiles), tuple(labels), source)


def instagram_fake_spammer(data_dir: Path) -> LabelledFollowers:
    """The train part of the Kaggle "instagram fake spammer genuine accounts" set: 576 rows."""
    path = _need(data_dir / SPAMMER / SPAMMER_FILE)
    profiles: list[FollowerProfile] = []
    labels: list[bool] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = ({*_SPAMMER_COLUMNS, "fake"}) - set(reader.fieldnames or ())
        if missing:
            raise CorpusError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for number, row in enumerate(reader, start=2):
            where = f"{path}, row {number}"
            values = {
                field: _read(where, column, row.get(column), field)
                for column, field in _SPAMMER_COLUMNS.items()
            }
            label = bool(_read(where, "fake", row.get("fake"), "is_fake"))
            profiles.append(FollowerProfile(**values, is_fake=label))
            labels.append(label)
    source = DataSource(
        name="Instagram fake / spammer / genuine accounts (Kaggle), train part",
        licence="not stated",
        origin="github.com/DURGESH716/Fake-Instagram-Profile-Detection, commit 72072138af81, "
        "insta_train.csv",
        sha256={SPAMMER_FILE: digest(path)},
        rows=len(labels),
        fakes=sum(labels),
    )
    return LabelledFollowers(tuple(profiles), tuple(labels), source)


def shared_followers(data_dir: Path) -> list[LabelledFollowers]:
    """Both data sets, for training the shipped model and for evaluation."""
    return [instafake(data_dir), instagram_fake_spammer(data_dir)]


def _need(path: Path) -> Path:
    if not path.is_file():
        raise CorpusError(f"{path}: not found (is the shared data folder in place?)")
    return path


def _read(where: str, name: str, value: Any, field: str) -> Any:
    """One value as its profile field needs it, or a CorpusError naming where it is."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CorpusError(f"{where}, field {name!r}: missing")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CorpusError(f"{where}, field {name!r}: {value!r} is not a number") from None
    check: Callable[[float], bool]
    if field in _FLAGS or field == "is_fake":
        check, expected = (lambda n: n in (0.0, 1.0)), "0 or 1"
    elif field in _RATIOS:
        check, expected = (lambda n: 0.0 <= n <= 1.0), "a ratio from 0 to 1"
    else:
        check, expected = (lambda n: n >= 0 and n.is_integer()), "a whole number, 0 or more"
    if not check(number):
        raise CorpusError(f"{where}, field {name!r}: {value!r} is not {expected}")
    if field in _FLAGS or field == "is_fake":
        return number == 1.0
    return number if field in _RATIOS else int(number)
