"""The demo's word lists live in TOML files beside the vocab modules: each file loads, no list is
empty, every niche the demo uses has its words, the templates name only what the generator fills,
and a broken file is named when the module reads it."""

from __future__ import annotations

import importlib.resources
import importlib.util
import itertools
import random
import re
import shutil
import string
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType

import pytest

from kolscope.catalogue.demo.data import vocab_captions as cap
from kolscope.catalogue.demo.data import vocab_comments as say
from kolscope.catalogue.demo.data import vocab_niches as vn
from kolscope.catalogue.demo.data import vocab_people as vp
from kolscope.catalogue.demo.data.brands import BRAND_NEIGHBOURS, DEMO_BRANDS
from kolscope.catalogue.demo.data.comments import _SHOPPING_NICHES
from kolscope.catalogue.demo.data.identities import plan_creators
from kolscope.catalogue.demo.data.posts import _caption_values
from kolscope.catalogue.demo.data.problems import POD_NICHES
from kolscope.discovery.scoring.taxonomy import NICHE_IDS
from kolscope.domain.platforms import Platform
from kolscope.text.word_files import WordFile, WordFileError, read_toml

WORDS = Path(str(importlib.resources.files("kolscope.catalogue.demo.data") / "words"))
MODULES = {"niches.toml": vn, "people.toml": vp, "captions.toml": cap, "comments.toml": say}
FILES = sorted(MODULES)

# Where "" is a value on purpose: no title before the name, no suffix after a spam copy.
BLANK_ALLOWED = ("title_th", "title_en", "RING_SUFFIXES")

# The per-niche tables: each must have every niche of NICHES and no other.
PER_NICHE: dict[str, tuple[str, str, Mapping[str, object]]] = {
    "NICHE_WORDS": ("niches.toml", "niche_words", vn.NICHE_WORDS),
    "NICHE_LABELS": ("people.toml", "niche_labels", vp.NICHE_LABELS),
    "CREDENTIALS": ("people.toml", "credentials", vp.CREDENTIALS),
    "NICHE_EMOJI": ("people.toml", "niche_emoji", vp.NICHE_EMOJI),
    "TOPIC_EN": ("people.toml", "topic_en", vp.TOPIC_EN),
    "NICHE_ASKS": ("comments.toml", "niche_asks", say.NICHE_ASKS),
}

# What the generator fills in each group of templates (posts.py, identities.py, problems.py).
SPONSOR_FIELDS = {"handle", "p", "code"}  # posts._brand_line
FAN_FIELDS = {"handle", "tag"}  # posts._brand_line
BIO_FIELDS = {"emoji", "label", "label_en", "label_en_lower", "extra", "extra_en", "place",
              "place_en", "years", "cred", "cred_en"}  # identities._bio  # fmt: skip
RING_FIELDS = {"id"}  # problems: texts are formatted with the ring's LINE ID


def _public(module: ModuleType) -> dict[str, object]:
    return {
        name: value
        for name, value in vars(module).items()
        if name.isupper() and not name.startswith("_")
    }


def _leaves(value: object, where: str) -> Iterator[tuple[str, object]]:
    """Every string and number in a value, with its path; every container must hold something."""
    if isinstance(value, dict):
        assert value, f"{where} is empty"
        for key, item in value.items():
            yield from _leaves(item, f"{where}[{key!r}]")
    elif isinstance(value, tuple):
        assert value, f"{where} is empty"
        fields = getattr(value, "_fields", None)
        for index, item in enumerate(value):
            yield from _leaves(item, f"{where}.{fields[index]}" if fields else f"{where}[{index}]")
    else:
        yield where, value


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


# --- the files --------------------------------------------------------------------------------


def test_the_words_folder_holds_one_file_per_vocab_module() -> None:
    assert {f.name for f in WORDS.iterdir() if f.suffix == ".toml"} == set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_each_file_loads(name: str) -> None:
    path = WORDS / name
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data
    assert read_toml(path) == data


def test_no_list_is_empty_and_no_text_is_blank() -> None:
    count = 0
    for module in MODULES.values():
        for name, value in _public(module).items():
            for where, leaf in _leaves(value, f"{module.__name__}.{name}"):
                count += 1
                blank_allowed = any(name in where for name in BLANK_ALLOWED)
                if isinstance(leaf, str) and not blank_allowed:
                    assert leaf.strip(), where
                    assert leaf == leaf.strip() or "RING_SUFFIXES" in where, where
                elif isinstance(leaf, str):
                    assert leaf == "" or leaf.strip(), where
                else:
                    assert isinstance(leaf, int | float), where
                    assert leaf > 0, where
    assert count > 1_000
    assert "" in say.RING_SUFFIXES  # a copy without a suffix stays one of the choices
    assert any(c.title_th == "" for c in vp.CREDENTIALS["fashion"])


# --- the niches -------------------------------------------------------------------------------


def test_every_demo_niche_is_a_discovery_niche() -> None:
    assert len(set(vp.NICHES)) == len(vp.NICHES) == len(vp.NICHE_WEIGHTS)
    assert set(vp.NICHES) <= set(NICHE_IDS)
    named_elsewhere = {*POD_NICHES, *_SHOPPING_NICHES, *BRAND_NEIGHBOURS}
    named_elsewhere |= {niche for near in BRAND_NEIGHBOURS.values() for niche in near}
    named_elsewhere |= {brand.niche for brand in DEMO_BRANDS if brand.niche}
    assert named_elsewhere <= set(vp.NICHES)


@pytest.mark.parametrize("name", sorted(PER_NICHE))
def test_every_niche_has_its_words(name: str) -> None:
    file, key, table = PER_NICHE[name]
    assert tuple(table) == vp.NICHES  # same niches, same order as before the move
    in_file = tomllib.loads((WORDS / file).read_text(encoding="utf-8"))[key]
    assert set(in_file) == set(vp.NICHES), f"{file} [{key}] lists a niche the demo does not use"


def test_each_niche_has_a_few_of_each_kind_of_word() -> None:
    for niche, words in vn.NICHE_WORDS.items():
        for field, values in zip(words._fields, words, strict=True):
            assert len(values) >= (1 if field.startswith("facts") else 2), (niche, field)
        for tag in (*words.tags_th, *words.tags_en):  # written after '#': one word each
            assert "#" not in tag, (niche, tag)
            assert not any(c.isspace() for c in tag), (niche, tag)
        assert all(w.isascii() and w == w.lower() for w in vp.NICHE_LABELS[niche].handle_words)
    assert {n.gender for n in vp.NICKNAMES} == {"f", "m", "u"}
    assert len({n.roman for n in vp.NICKNAMES}) == len(vp.NICKNAMES)
    assert set(cap.PLATFORM_TAGS) <= {p.value for p in Platform}
    assert len(say.RING_TEXTS) == len(say.RING_HANDLE_STEMS)


# --- placeholders -----------------------------------------------------------------------------


def _caption_fields() -> set[str]:
    rng = random.Random(1)
    plan = plan_creators(rng, 1)[0]
    return set(_caption_values(rng, plan, plan.niches[0]))


TEMPLATES: dict[str, tuple[tuple[str, ...], set[str]]] = {
    "KOL": ((*cap.KOL_TH, *cap.KOL_EN), _caption_fields()),
    "KOC": ((*cap.KOC_TH, *cap.KOC_EN), _caption_fields()),
    "GENERAL": ((*cap.GENERAL_TH, *cap.GENERAL_EN), _caption_fields()),
    "SPONSORED": ((*cap.SPONSORED_TH, *cap.SPONSORED_EN), SPONSOR_FIELDS),
    "FAN": ((*cap.FAN_TH, *cap.FAN_EN), FAN_FIELDS),
    "BIO": (
        (*vp.BIO_TH, *vp.BIO_EN, *vp.BIO_KOL_TH, *vp.BIO_KOL_EN, *vp.BIO_KOC_TH, *vp.BIO_KOC_EN),
        BIO_FIELDS,
    ),
    "RING": (tuple(t for texts in say.RING_TEXTS for t in texts), RING_FIELDS),
}


def test_the_caption_file_lists_the_fields_the_generator_fills() -> None:
    lines = (WORDS / "captions.toml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "and no others:" in line) + 1
    listed = " ".join(itertools.takewhile(lambda line: line.startswith("#   "), lines[start:]))
    captions, _, brands = listed.partition("sponsored_*:")
    assert _fields(captions) == _caption_fields()
    assert _fields(brands) == SPONSOR_FIELDS | FAN_FIELDS


@pytest.mark.parametrize("group", sorted(TEMPLATES))
def test_templates_name_only_what_the_generator_fills(group: str) -> None:
    templates, filled = TEMPLATES[group]
    assert templates
    for template in templates:
        assert _fields(template) <= filled, f"{group}: {template!r} names {_fields(template)}"
        assert template.format(**dict.fromkeys(filled, "x"))  # no stray or positional braces
    if group in {"SPONSORED", "FAN"}:
        assert all("@{handle}" in t or "#{tag}" in t for t in templates)
    if group == "RING":
        assert all("{id}" in t for t in templates if "ทักไลน์" in t)


def test_texts_that_are_not_templates_have_no_braces() -> None:
    templates = {t for templates, _ in TEMPLATES.values() for t in templates}
    for module in MODULES.values():
        for name, value in _public(module).items():
            for where, leaf in _leaves(value, f"{module.__name__}.{name}"):
                if isinstance(leaf, str) and leaf not in templates:
                    assert "{" not in leaf, where
                    assert "}" not in leaf, where


# --- broken files -----------------------------------------------------------------------------


def _load(module: ModuleType, folder: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """Run a vocab module's code again, reading its words from ``folder/words`` instead."""
    spec = importlib.util.spec_from_file_location(f"_copy_of_{module.__name__}", module.__file__)
    assert spec is not None
    assert spec.loader is not None
    copy = importlib.util.module_from_spec(spec)
    monkeypatch.setattr(importlib.resources, "files", lambda _package: folder)
    spec.loader.exec_module(copy)
    return copy


@pytest.fixture
def words(tmp_path: Path) -> Path:
    shutil.copytree(WORDS, tmp_path / "words")
    return tmp_path


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / "words" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("name", FILES)
def test_a_copy_of_the_files_loads_the_same_words(
    name: str, words: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = MODULES[name]
    assert _public(_load(module, words, monkeypatch)) == _public(module)


BROKEN = [
    ("niches.toml", "[niche_words.pets]", "[niche_words.pets", r"niches\.toml: not valid TOML"),
    ("niches.toml", "[niche_words.pets]", "[niche_words.cats]",
     r"niches\.toml: niche_words\.pets: missing"),
    ("niches.toml", 'pros_en = ["easy to use", ', 'pros_en = ["", ',
     r"niches\.toml: pros_en: should be a list of strings, none empty"),
    ("people.toml", "[nicknames.u]", "[nicknames.x]",
     r"people\.toml: nicknames\.x: should be f, m or u"),
    ("people.toml", 'english = "Professional makeup artist", title_th = "", ',
     'english = "Professional makeup artist", ',
     r"people\.toml: credentials\.beauty\[0\]\.title_th: missing"),
    ("people.toml", 'home = "home"', "home = 3", r"people\.toml: topic_en\.home: should be a"),
    ("captions.toml", "kol_en = [", "kol_en = [] \nold_kol_en = [",
     r"captions\.toml: kol_en: should be a list of strings"),
    ("comments.toml", 'sticker = "[sticker]"', 'sticker = ""',
     r"comments\.toml: sticker: is empty"),
    ("comments.toml", 'texts = [\n    "สล็อต', 'text = [\n    "สล็อต',
     r"comments\.toml: rings\[0\]\.texts: missing"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "old", "new", "error"), BROKEN, ids=[f"{b[0]}-{i}" for i, b in enumerate(BROKEN)]
)
def test_a_broken_file_is_named_when_the_module_reads_it(
    name: str, old: str, new: str, error: str, words: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(words, name, old, new)
    with pytest.raises(WordFileError, match=error):
        _load(MODULES[name], words, monkeypatch)


@pytest.mark.parametrize("name", FILES)
def test_a_missing_file_is_named(name: str, words: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (words / "words" / name).unlink()
    with pytest.raises(WordFileError, match=re.escape(name) + ": cannot be read"):
        _load(MODULES[name], words, monkeypatch)


def test_blank_text_is_allowed_only_when_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "blank.toml"
    path.write_text('title = ""\nnone = ["", "!"]\nsome = ["a", "b"]\nnumber = 3\n', "utf-8")
    words = WordFile(path)
    assert words.text("title", blank=True) == ""
    assert words.strings("none", blank=True) == ("", "!")
    assert words.strings("some", blank=True) == ("a", "b")
    with pytest.raises(WordFileError, match=r"blank\.toml: title: is empty"):
        words.text("title")
    with pytest.raises(WordFileError, match=r"blank\.toml: none: should be a list of strings, "):
        words.strings("none")
    with pytest.raises(WordFileError, match=r"blank\.toml: number: should be a string"):
        words.text("number", blank=True)
    with pytest.raises(WordFileError, match=r"blank\.toml: gone: missing"):
        words.text("gone", blank=True)
    path.write_text('empty = []\nmixed = ["", 2]\n', "utf-8")
    words = WordFile(path)
    with pytest.raises(WordFileError, match=r"blank\.toml: empty: should be a list of strings$"):
        words.strings("empty", blank=True)
    with pytest.raises(WordFileError, match=r"blank\.toml: mixed: should be a list of strings$"):
        words.strings("mixed", blank=True)
