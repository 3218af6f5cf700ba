"""The word lists live in TOML files beside their modules: each file loads, no list is empty,
weights parse, patterns compile, no term is listed twice, and a broken file is named."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from kolscope.discovery.scoring import lexicon as lx
from kolscope.discovery.scoring import tone_words as tw
from kolscope.discovery.scoring.matching import _patterns
from kolscope.text.word_files import WordFile, WordFileError, read_toml
from kolscope.vetting.comments import lexicon as cl

WORD_FILES = {
    lx.WORDS: {"niches.toml", "creator_type.toml", "patterns.toml", "tone.toml"},
    cl.WORDS: {"cues.toml", "low_effort.toml", "stop_words.toml"},
}
ALL_FILES = [folder / name for folder, names in WORD_FILES.items() for name in sorted(names)]

# Every comma-separated term list (``term~weight``) the modules build.
TERM_LISTS: dict[str, str] = {
    **{f"NICHE_TERMS[{niche}]": text for niche, text in lx.NICHE_TERMS.items()},
    **{
        name: getattr(module, name)
        for module in (lx, tw)
        for name in dir(module)
        if name.isupper() and isinstance(getattr(module, name), str)
    },
}
# Every other list, set and table the modules build.
COLLECTIONS: dict[str, object] = {
    name: getattr(module, name)
    for module, names in (
        (lx, "NICHE_TERMS EMPTY_TAGS PLATFORM_TAG_PREFIXES TAG_PREFIXES TAG_SUFFIXES HANDLE_WORDS"),
        (lx, "SPONSORED_TAGS CONSUMER_TAGS CREDENTIALS STRONG_CREDENTIALS PATTERNS"),
        (tw, "HUMOUR_EMOJI"),
        (cl, "PURCHASE_CUES QUESTION_CUES SPAM_CUES TOXIC_CUES SPAM_TOKENS"),
        (cl, "GENERIC_WORDS FILLER_WORDS"),
    )
    for name in names.split()
}
CUES = [*cl.PURCHASE_CUES, *cl.QUESTION_CUES, *cl.SPAM_CUES, *cl.TOXIC_CUES]
# Keys whose lists are pieces of one regular expression, not lists of words.
REGEX_KEYS = {"pattern", "regex", "units", "question", "number_start"}


def _string_lists(data: object, where: str = "") -> Iterator[tuple[str, list[str]]]:
    """Every list of strings in a TOML document, with its key path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _string_lists(value, f"{where}.{key}" if where else key)
    elif isinstance(data, list):
        if data and all(isinstance(item, str) for item in data):
            yield where, data
        else:
            for index, item in enumerate(data):
                yield from _string_lists(item, f"{where}[{index}]")


def test_the_word_folders_hold_the_files_the_modules_read() -> None:
    for folder, names in WORD_FILES.items():
        assert {f.name for f in folder.iterdir() if f.name.endswith(".toml")} == names


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_each_word_file_loads(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data
    assert read_toml(path) == data


def test_the_modules_know_every_list() -> None:
    assert len(TERM_LISTS) == len(lx.NICHE_TERMS) + 7 + 11  # niches, markers, tone words
    assert len(CUES) == 23


def test_every_list_is_non_empty() -> None:
    for name, value in COLLECTIONS.items():
        assert isinstance(value, tuple | frozenset | dict), name
        assert len(value) > 0, name
    for name, text in TERM_LISTS.items():
        assert text.strip(), name
        assert "\n" not in text, name
    for cue in CUES:
        assert cue.name, cue
        assert cue.anchors, cue.name
        assert all(cue.anchors), cue.name
    for path in ALL_FILES:
        for key, values in _string_lists(tomllib.loads(path.read_text(encoding="utf-8"))):
            assert all(v.strip() for v in values), f"{path.name}: {key}"


@pytest.mark.parametrize("name", sorted(TERM_LISTS))
def test_weights_parse(name: str) -> None:
    text = TERM_LISTS[name]
    weights = lx.terms(text)
    assert weights
    for item in text.split(", "):
        term, tilde, weight = item.partition("~")
        assert term == term.strip().casefold(), item
        if tilde:
            assert re.fullmatch(r"[0-9]*\.?[0-9]+", weight), item
        assert 0.0 < weights[term] <= 1.0, item


def test_other_weights_are_between_0_and_1() -> None:
    weights = [cue.weight for cue in CUES]
    weights += list(cl.SPAM_TOKENS.values())
    weights += [weight for *_, weight in lx.PATTERNS.values()]
    assert all(isinstance(w, float) and 0.0 < w <= 1.0 for w in weights)


def test_every_regular_expression_compiles() -> None:
    for name, (first, rest, kind, key, _) in lx.PATTERNS.items():
        assert first == "0-9" or len(first) == 1, name
        assert kind in {"niche", "marker", "credential"}, name
        assert key, name
        assert re.compile(f"[{first}]{rest}" if first == "0-9" else re.escape(first) + rest)
    joined = re.compile(_patterns(lx.PATTERNS))
    assert {group.split("__")[0] for group in joined.groupindex} == set(lx.PATTERNS)
    for cue in CUES:
        assert re.compile(cue.pattern.pattern) == cue.pattern, cue.name
        assert cue.gate.search(" ".join(cue.anchors)), cue.name
    assert re.compile("|".join(re.escape(c) for c in tw.HUMOUR_EMOJI))


@pytest.mark.parametrize("name", sorted(TERM_LISTS))
def test_no_term_is_listed_twice(name: str) -> None:
    terms = [" ".join(item.partition("~")[0].split()) for item in TERM_LISTS[name].split(",")]
    twice = [term for term, count in Counter(terms).items() if count > 1]
    assert not twice, f"{name} lists {twice} more than once"


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_no_word_is_listed_twice_in_a_file_list(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for key, values in _string_lists(data):
        if key.rpartition(".")[2] in REGEX_KEYS:
            continue
        twice = [value for value, count in Counter(values).items() if count > 1]
        assert not twice, f"{path.name}: {key} lists {twice} more than once"


# --- broken files -------------------------------------------------------------------------------

LOADERS = [lx.WordFile, cl.WordFile]


@pytest.mark.parametrize("loader", LOADERS, ids=["discovery", "vetting"])
def test_a_file_that_is_not_toml_is_named(tmp_path: Path, loader: type[lx.WordFile]) -> None:
    path = tmp_path / "broken_words.toml"
    path.write_text('[niche_terms]\nbeauty = "lipstick, blush\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken_words\.toml.*not valid TOML"):
        loader(path)


@pytest.mark.parametrize("loader", LOADERS, ids=["discovery", "vetting"])
def test_a_missing_file_is_named(tmp_path: Path, loader: type[lx.WordFile]) -> None:
    with pytest.raises(ValueError, match=r"gone\.toml: cannot be read"):
        loader(tmp_path / "gone.toml")


def test_a_missing_or_mistyped_key_is_named(tmp_path: Path) -> None:
    path = tmp_path / "niches.toml"
    path.write_text('[niche_terms]\nbeauty = 3\n[tags]\nempty = ["fyp", 2]\n', encoding="utf-8")
    words = WordFile(path)
    with pytest.raises(WordFileError, match=r"niches\.toml: niche_terms\.beauty: should be"):
        words.table("niche_terms").terms("beauty")
    with pytest.raises(WordFileError, match=r"niches\.toml: niche_terms\.food: missing"):
        words.table("niche_terms").terms("food")
    with pytest.raises(WordFileError, match=r"niches\.toml: tags\.empty: should be a list"):
        words.table("tags").strings("empty")
    with pytest.raises(WordFileError, match=r"niches\.toml: handle_words: missing"):
        words.mapping("handle_words")


def test_a_bad_weight_or_an_empty_term_is_named(tmp_path: Path) -> None:
    path = tmp_path / "tone.toml"
    path.write_text('loud = "wow, omg~lots"\ncalm = """\ncalm,\nquiet,\n"""\n', encoding="utf-8")
    words = WordFile(path)
    with pytest.raises(WordFileError, match=r"tone\.toml: loud: 'omg~lots': the weight"):
        words.terms("loud")
    with pytest.raises(WordFileError, match=r"tone\.toml: calm: an empty term after 'quiet'"):
        words.terms("calm")


def test_a_bad_pattern_is_named(tmp_path: Path) -> None:
    path = tmp_path / "patterns.toml"
    head = '[pieces]\nunit = "kg"\n[patterns.weight]\nfirst = "0-9"\nkind = "marker"\n'
    path.write_text(head + 'key = "data"\nweight = 1.0\nregex = "[0-9]*({unit}"\n', "utf-8")
    with pytest.raises(WordFileError, match=r"patterns\.toml: patterns\.weight\.regex: not a"):
        lx.read_patterns(path)
    path.write_text(head + 'key = "data"\nweight = 1.0\nregex = "[0-9]*{units}"\n', "utf-8")
    with pytest.raises(WordFileError, match=r"patterns\.weight\.regex: \{units\} names no"):
        lx.read_patterns(path)
    path.write_text(head + 'key = "data"\nweight = 1.0\nregex = "[0-9]*{unit}"\n', "utf-8")
    assert lx.read_patterns(path) == {"weight": ("0-9", "[0-9]*kg", "marker", "data", 1.0)}


def test_a_bad_cue_is_named(tmp_path: Path) -> None:
    path = tmp_path / "cues.toml"
    cue = '[[spam]]\nname = "loan offer"\nanchors = ["loan"]\n'
    path.write_text(cue + "pattern = ['\\bloan(']\nweight = 0.9\n", "utf-8")
    with pytest.raises(WordFileError, match=r"cues\.toml: spam\[0\]\.pattern: not a"):
        cl.read_cues(WordFile(path), "spam", {})
    path.write_text(cue + "pattern = ['\\bloan']\nweight = 9\n", "utf-8")
    with pytest.raises(WordFileError, match=r"cues\.toml: spam\[0\]\.weight: should be"):
        cl.read_cues(WordFile(path), "spam", {})
    with pytest.raises(WordFileError, match=r"cues\.toml: toxic: missing"):
        cl.read_cues(WordFile(path), "toxic", {})
    path.write_text(cue + "pattern = ['\\bloans?\\b']\nweight = 0.9\n", "utf-8")
    (loan,) = cl.read_cues(WordFile(path), "spam", {})
    assert loan.name == "loan offer"
    assert loan.pattern.search("quick loans here")
