"""Choosing the column for each canonical field: header words first, then the values themselves.

Real exports rename headers from month to month, write one number twice ("13.8M" and
"13800000"), swap the handle and display-name columns, and sometimes label a column wrongly.
The mapper therefore checks every header guess against the column's values and explains each
choice, so a person can confirm it in a dry run or correct it with ``--map FIELD=COLUMN``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kolscope.catalogue.formats.audience_columns import (
    WIDE_PREFIX,
    segment_of_header,
    wide_field,
)
from kolscope.catalogue.formats.headers import header_key
from kolscope.catalogue.formats.profiles import ColumnProfile, profile_column, values_agree
from kolscope.catalogue.formats.synonyms import matches
from kolscope.catalogue.importing.fields import FIELDS, NUMERIC, FieldSpec, ValueType, field_spec
from kolscope.catalogue.importing.plan import ColumnPlan
from kolscope.catalogue.importing.records import ImportKind
from kolscope.catalogue.messages import (
    ANOTHER_NAME,
    AUDIENCE_SEGMENT,
    BOTH_LOOK_LIKE,
    COUNTRIES,
    DISPLAY_NAMES,
    HANDLES,
    MAPPED_ELSEWHERE,
    MORE_COMMENTS,
    MORE_LIKES,
    NOT_NUMBERS,
    NUMBERS,
    PERCENT,
    RANK,
    READ_FROM,
    SAME_NUMBERS,
    quoted,
    with_note,
)
from kolscope.domain.messages import Message, Template
from kolscope.domain.quantities import parse_number

NAME_FIELDS = ("handle", "display_name")


@dataclass(slots=True)
class ColumnMapping:
    """The outcome: a plan per column, warnings for the person, and percentage fields."""

    columns: list[ColumnPlan]
    messages: list[Message] = field(default_factory=list)  # the warnings
    percent_scale: set[str] = field(default_factory=set)

    @property
    def warnings(self) -> list[str]:
        """The warnings in English (the command line's wording)."""
        return [str(m) for m in self.messages]


@dataclass(slots=True)
class _Work:
    """The mapper's state while it decides, one entry per column."""

    kind: ImportKind
    headers: Sequence[str]
    values: list[list[Any]]
    profiles: list[ColumnProfile]
    chosen: list[str | None]
    how: list[str]
    notes: list[Message | None]
    scores: list[float]
    overridden: set[str] = field(default_factory=set)
    warnings: list[Message] = field(default_factory=list)

    def set(
        self, index: int, name: str | None, how: str, note: Message | bool | None = False
    ) -> None:
        """Choose a field for a column; ``note`` replaces its note unless left out (False)."""
        self.chosen[index], self.how[index] = name, how
        if note is not False:
            self.notes[index] = note if isinstance(note, Message) else None

    def add_note(self, index: int, note: Message) -> None:
        self.notes[index] = with_note(self.notes[index], note)

    def free(self, index: int) -> bool:
        return self.chosen[index] is None and self.how[index] != "ignored"


def _fits(spec: FieldSpec, profile: ColumnProfile) -> tuple[bool, Message | None]:
    """Whether a column's values can be this field's; the reason when not."""
    if profile.filled == 0:
        return True, None
    # Mostly text under a number's header means the header is wrong; a few bad cells are typos
    # that the rows will report one by one.
    if spec.type in NUMERIC and profile.numeric < 0.5:
        return False, NOT_NUMBERS(field=spec.name, examples=quoted(profile.samples))
    if spec.type == ValueType.COUNTRY and profile.numeric > 0.5:
        return False, NUMBERS(field=spec.name)
    return True, None


def _prefers(spec: FieldSpec, profile: ColumnProfile) -> bool:
    """Whether the values look like this field's kind of value (numbers for counts)."""
    if profile.filled == 0:
        return True
    numeric = profile.numeric >= 0.95
    return numeric if spec.type in NUMERIC else not numeric


def find_column(reference: str, headers: Sequence[str]) -> list[int]:
    """Columns a ``--map`` value names: a header (any case and spacing) or a 1-based number."""
    wanted = " ".join(reference.split()).casefold()
    by_name = [i for i, h in enumerate(headers) if " ".join(h.split()).casefold() == wanted]
    if by_name:
        return by_name
    digits = wanted.lstrip("#")
    if digits.isdigit() and 1 <= int(digits) <= len(headers):
        return [int(digits) - 1]
    return []


def map_columns(
    kind: ImportKind,
    headers: Sequence[str],
    sample: Sequence[Sequence[Any]],
    overrides: Mapping[str, str | None],
) -> ColumnMapping:
    """Decide what each column holds, explaining every choice."""
    width = len(headers)
    values = [[row[i] if i < len(row) else None for row in sample] for i in range(width)]
    work = _Work(
        kind,
        headers,
        values,
        [profile_column(v) for v in values],
        [None] * width,
        ["unknown"] * width,
        [None] * width,
        [0.0] * width,
    )
    _by_header(work)
    _by_override(work, overrides)
    _by_content(work)
    _resolve_names(work)
    _resolve_repeats(work)
    _check_plausibility(work)
    result = ColumnMapping([], work.warnings, _percent_fields(work))
    for index, header in enumerate(headers):
        name = work.chosen[index]
        if name == "rank":
            work.set(index, None, "ignored", RANK())
            name = None
        how = work.how[index] if name or work.how[index] == "ignored" else "unknown"
        result.columns.append(
            ColumnPlan(index, header, name, how, work.notes[index], work.profiles[index].samples)
        )
    return result


def _by_header(work: _Work) -> None:
    """Header words, checked against the values; on a tie the values decide."""
    specs = FIELDS[work.kind]
    for index, header in enumerate(work.headers):
        profile = work.profiles[index]
        ranked = sorted(
            matches(header, specs),
            key=lambda m: (-m.score, not _prefers(field_spec(work.kind, m.field), profile)),
        )
        for match in ranked:
            fits, reason = _fits(field_spec(work.kind, match.field), profile)
            if fits:
                work.set(index, match.field, "header")
                work.scores[index] = match.score
                break
            if not work.notes[index]:
                work.notes[index] = reason


def _by_override(work: _Work, overrides: Mapping[str, str | None]) -> None:
    """The person's own choices (--map) win over any guess."""
    for name, reference in overrides.items():
        field_spec(work.kind, name)  # raises KeyError for an unknown field
        work.overridden.add(name)
        for index, chosen in enumerate(work.chosen):
            if chosen == name:
                work.set(index, None, "ignored", MAPPED_ELSEWHERE(field=name))
        if reference is None:
            continue
        targets = find_column(reference, work.headers)
        if not targets:
            raise LookupError(
                f"--map {name}={reference}: no such column "
                f"(columns: {', '.join(repr(h) for h in work.headers)})"
            )
        for index in targets:
            work.set(index, name, "--map", None)
            work.scores[index] = 10.0


def _by_content(work: _Work) -> None:
    """Values that say what they are when the header did not."""
    if (
        work.kind == ImportKind.CREATORS
        and "country" not in work.chosen
        and "country" not in work.overridden
    ):
        for index in range(len(work.headers)):
            if work.free(index) and work.profiles[index].country >= 0.8:
                work.set(index, "country", "content")
                work.add_note(index, COUNTRIES())
                break
    if work.kind == ImportKind.AUDIENCE:
        for index, header in enumerate(work.headers):
            segment = segment_of_header(header) if work.free(index) else None
            if segment is not None and work.profiles[index].numeric >= 0.8:
                work.set(index, wide_field(*segment), "header", AUDIENCE_SEGMENT())


def _resolve_names(work: _Work) -> None:
    """Pick the handle among name-like columns by their values: exports swap "name" columns."""
    if "handle" in work.overridden:
        return
    if any(
        chosen == "handle" and header_key(header).core & {"handle", "username"}
        for chosen, header in zip(work.chosen, work.headers, strict=True)
    ):
        return  # a column literally called handle or username is trusted
    candidates = [
        i
        for i, chosen in enumerate(work.chosen)
        if chosen in NAME_FIELDS and work.how[i] == "header"
    ]
    if not candidates:
        return
    profiles = work.profiles
    ranked = sorted(
        candidates,
        reverse=True,
        key=lambda i: (round(profiles[i].handle_like, 2), profiles[i].lowercase, -i),
    )
    first, rest = ranked[0], ranked[1:]
    if work.chosen[first] != "handle":
        work.set(first, "handle", "content", HANDLES())
    has_display = "display_name" in {s.name for s in FIELDS[work.kind]}
    for index in rest:
        if has_display and "display_name" not in work.chosen:
            if work.chosen[index] != "display_name":
                work.set(index, "display_name", "content", DISPLAY_NAMES())
        elif work.chosen[index] == "handle":
            work.set(index, None, "ignored", ANOTHER_NAME())


def _resolve_repeats(work: _Work) -> None:
    """Several columns for one field: the same number written twice is a pair; else keep one."""
    groups: dict[str, list[int]] = {}
    for index, name in enumerate(work.chosen):
        if name is not None and name != "rank" and not name.startswith(WIDE_PREFIX):
            groups.setdefault(name, []).append(index)
    for name, indexes in groups.items():
        spec = field_spec(work.kind, name)
        if len(indexes) < 2 or spec.multi:
            continue
        keep = max(indexes, key=lambda i: (work.scores[i], -i))
        for index in indexes:
            if index == keep:
                continue
            if spec.type in NUMERIC and _same_quantity(work.values[keep], work.values[index]):
                work.set(index, name, "pair", SAME_NUMBERS(column=keep + 1))
                continue
            kept = work.headers[keep]
            where = {"field": name, "header": repr(kept)}
            work.set(index, None, "ignored", READ_FROM(column=keep + 1, **where))
            work.warnings.append(
                BOTH_LOOK_LIKE(first=keep + 1, second=index + 1, key=name, **where)
            )


def _same_quantity(first: Sequence[Any], second: Sequence[Any]) -> bool:
    verdicts = [values_agree(a, b) for a, b in zip(first, second, strict=True)]
    decided = [v for v in verdicts if v is not None]
    return bool(decided) and sum(decided) >= 0.9 * len(decided)


_PLAUSIBLE: tuple[tuple[str, str, Template], ...] = (
    ("avg_comments", "avg_likes", MORE_COMMENTS),
    ("avg_likes", "followers", MORE_LIKES),
)


def _check_plausibility(work: _Work) -> None:
    """Warn when mapped numbers contradict each other, a sign of wrongly labelled headers."""
    if work.kind != ImportKind.CREATORS:
        return
    for larger, smaller, why in _PLAUSIBLE:
        if larger not in work.chosen or smaller not in work.chosen:
            continue
        big, small = work.chosen.index(larger), work.chosen.index(smaller)
        pairs = [
            (_number(a), _number(b))
            for a, b in zip(work.values[big], work.values[small], strict=True)
        ]
        known = [(a, b) for a, b in pairs if a is not None and b is not None and b > 0]
        above = sum(a > b for a, b in known)
        if len(known) >= 10 and above > 0.5 * len(known):
            work.warnings.append(
                why(
                    big=repr(work.headers[big]),
                    larger=larger,
                    small=repr(work.headers[small]),
                    smaller=smaller,
                    share=above / len(known),
                )
            )


def _percent_fields(work: _Work) -> set[str]:
    """Rate fields written as 3.1 meaning 3.1 %: a % in the header, or values mostly above 1."""
    found: set[str] = set()
    for index, name in enumerate(work.chosen):
        if name is None or name.startswith(WIDE_PREFIX):
            continue
        if field_spec(work.kind, name).type != ValueType.RATE:
            continue
        profile = work.profiles[index]
        if header_key(work.headers[index]).has_percent or (
            profile.percent_signs < 0.5 and (profile.median_number or 0) > 1
        ):
            found.add(name)
            work.add_note(index, PERCENT())
    return found


def _number(value: Any) -> float | None:
    try:
        return parse_number(value)
    except ValueError:
        return None
