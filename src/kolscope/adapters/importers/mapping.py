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

from kolscope.adapters.importers.audience_columns import (
    WIDE_PREFIX,
    segment_of_header,
    wide_field,
)
from kolscope.adapters.importers.fields import FIELDS, NUMERIC, FieldSpec, ValueType, field_spec
from kolscope.adapters.importers.headers import HeaderKey, header_key, is_thai
from kolscope.adapters.importers.profiles import ColumnProfile, profile_column, values_agree
from kolscope.services.importing.plan import ColumnPlan
from kolscope.services.importing.records import ImportKind

EXACT, PARTIAL_BASE = 3.0, 2.0
NAME_FIELDS = ("handle", "display_name")


@dataclass(frozen=True, slots=True)
class Match:
    field: str
    score: float


@dataclass(slots=True)
class Mapping_:
    columns: list[ColumnPlan]
    warnings: list[str] = field(default_factory=list)
    percent_scale: set[str] = field(default_factory=set)


def _score(column: HeaderKey, synonym: HeaderKey) -> float:
    if not column.words:
        return 0.0
    if synonym.words == column.words or (synonym.core and synonym.core == column.core):
        return EXACT
    if is_thai(synonym.compact):
        if synonym.compact == column.compact:
            return EXACT
        if synonym.compact and synonym.compact in column.compact:
            return PARTIAL_BASE + len(synonym.compact) / len(column.compact)
        return 0.0
    if synonym.core and synonym.core <= column.core:
        return PARTIAL_BASE + len(synonym.core) / len(column.core)
    return 0.0


def best_match(header: str, specs: Sequence[FieldSpec]) -> Match | None:
    keys = [header_key(header), header_key(header, split_camel_case=False)]
    best: Match | None = None
    for spec in specs:
        for synonym in spec.synonyms:
            synonym_key = header_key(synonym, split_camel_case=False)
            score = max(_score(key, synonym_key) for key in keys)
            if score and (best is None or score > best.score):
                best = Match(spec.name, score)
    return best


def _fits(spec: FieldSpec, profile: ColumnProfile) -> tuple[bool, str]:
    """Whether a column's values can be this field's; the reason when not."""
    if profile.filled == 0:
        return True, ""
    if spec.type in NUMERIC and profile.numeric < 0.8:
        shown = ", ".join(repr(s) for s in profile.samples)
        return False, f"the header suggests {spec.name} but the values are not numbers ({shown})"
    if spec.type in {ValueType.COUNTRY} and profile.numeric > 0.5:
        return False, f"the header suggests {spec.name} but the values are numbers"
    return True, ""


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
) -> Mapping_:
    specs = FIELDS[kind]
    width = len(headers)
    columns_values = [[row[i] if i < len(row) else None for row in sample] for i in range(width)]
    profiles = [profile_column(values) for values in columns_values]
    chosen: list[str | None] = [None] * width
    how: list[str] = ["unknown"] * width
    notes: list[str] = [""] * width
    scores: list[float] = [0.0] * width
    result = Mapping_([])

    # 1. Header words, checked against the values.
    for index, header in enumerate(headers):
        match = best_match(header, specs)
        if match is None:
            continue
        spec = field_spec(kind, match.field)
        fits, reason = _fits(spec, profiles[index])
        if not fits:
            notes[index] = reason
            continue
        chosen[index], how[index], scores[index] = match.field, "header", match.score

    # 2. The person's own choices win over any guess.
    overridden: set[str] = set()
    for field_name, reference in overrides.items():
        field_spec(kind, field_name)  # raises KeyError for an unknown field
        overridden.add(field_name)
        for index in range(width):
            if chosen[index] == field_name:
                chosen[index], how[index], notes[index] = None, "ignored", f"--map {field_name}"
        if reference is None:
            continue
        targets = find_column(reference, headers)
        if not targets:
            raise LookupError(
                f"--map {field_name}={reference}: no such column "
                f"(columns: {', '.join(repr(h) for h in headers)})"
            )
        for index in targets:
            chosen[index], how[index], notes[index] = field_name, "--map", ""
            scores[index] = 10.0

    # 3. Values that say what they are when the header did not.
    if kind == ImportKind.CREATORS and "country" not in chosen and "country" not in overridden:
        for index in range(width):
            if chosen[index] is None and how[index] != "ignored" and profiles[index].country >= 0.8:
                chosen[index], how[index] = "country", "content"
                notes[index] = (notes[index] + "; " if notes[index] else "") + "values are countries"
                break

    if kind == ImportKind.AUDIENCE:
        for index, header in enumerate(headers):
            if chosen[index] is None and how[index] != "ignored":
                segment = segment_of_header(header)
                if segment is not None and profiles[index].numeric >= 0.8:
                    chosen[index], how[index] = wide_field(*segment), "header"
                    notes[index] = "audience share (one column per segment)"

    _resolve_names(kind, headers, profiles, chosen, how, notes, overridden)
    _resolve_repeats(kind, headers, columns_values, chosen, how, notes, scores, result)

    _check_plausibility(kind, headers, columns_values, chosen, result)

    for spec in specs:
        if spec.type != ValueType.RATE:
            continue
        for index in range(width):
            if chosen[index] != spec.name:
                continue
            profile = profiles[index]
            if header_key(headers[index]).has_percent or (
                profile.percent_signs < 0.5 and (profile.median_number or 0) > 1
            ):
                result.percent_scale.add(spec.name)
                notes[index] = (notes[index] + "; " if notes[index] else "") + "read as percent"

    for index, header in enumerate(headers):
        name = chosen[index]
        if name == "rank":
            how[index], notes[index] = "ignored", "row number or rank: not stored"
            name = None
        result.columns.append(
            ColumnPlan(index, header, name, how[index] if name or how[index] == "ignored" else "unknown",
                       notes[index], profiles[index].samples)
        )
    return result


def _resolve_names(
    kind: ImportKind,
    headers: Sequence[str],
    profiles: Sequence[ColumnProfile],
    chosen: list[str | None],
    how: list[str],
    notes: list[str],
    overridden: set[str],
) -> None:
    """Pick the handle among name-like columns by their values: exports swap "name" columns."""
    known = {spec.name for spec in FIELDS[kind]}
    if "handle" in overridden:
        return
    explicit = [
        i for i, h in enumerate(headers)
        if chosen[i] == "handle" and header_key(h).core & {"handle", "username"}
    ]
    if explicit:
        return
    candidates = [i for i in range(len(headers)) if chosen[i] in NAME_FIELDS and how[i] == "header"]
    if not candidates:
        return
    ranked = sorted(
        candidates,
        key=lambda i: (round(profiles[i].handle_like, 2), profiles[i].lowercase, -i),
        reverse=True,
    )
    handle_index = ranked[0]
    if chosen[handle_index] != "handle":
        notes[handle_index] = "values look like handles"
    chosen[handle_index], how[handle_index] = "handle", "content" if chosen[handle_index] != "handle" else how[handle_index]
    for index in ranked[1:]:
        wanted = "display_name" if "display_name" in known and "display_name" not in chosen else None
        if chosen[index] == "handle" or wanted:
            if wanted is None:
                chosen[index], how[index], notes[index] = None, "ignored", "another name column"
            else:
                was = chosen[index]
                chosen[index] = wanted
                if was != wanted:
                    how[index], notes[index] = "content", "values look like display names"


def _resolve_repeats(
    kind: ImportKind,
    headers: Sequence[str],
    columns_values: Sequence[Sequence[Any]],
    chosen: list[str | None],
    how: list[str],
    notes: list[str],
    scores: list[float],
    result: Mapping_,
) -> None:
    """Several columns for one field: the same number written twice is a pair; else keep one."""
    groups: dict[str, list[int]] = {}
    for index, name in enumerate(chosen):
        if name is not None and name != "rank" and not name.startswith(WIDE_PREFIX):
            groups.setdefault(name, []).append(index)
    for name, indexes in groups.items():
        spec = field_spec(kind, name)
        if len(indexes) < 2 or spec.multi:
            continue
        keep = max(indexes, key=lambda i: (scores[i], -i))
        for index in indexes:
            if index == keep:
                continue
            if spec.type in NUMERIC and _same_quantity(columns_values[keep], columns_values[index]):
                how[index], notes[index] = "pair", f"the same numbers as column {keep + 1}"
                continue
            chosen[index], how[index] = None, "ignored"
            notes[index] = f"{name} is read from column {keep + 1} ({headers[keep]!r})"
            result.warnings.append(
                f"columns {keep + 1} and {index + 1} both look like {name}; "
                f"using {headers[keep]!r} (pass --map {name}=COLUMN to choose)"
            )


def _same_quantity(first: Sequence[Any], second: Sequence[Any]) -> bool:
    verdicts = [values_agree(a, b) for a, b in zip(first, second, strict=True)]
    decided = [v for v in verdicts if v is not None]
    return bool(decided) and sum(decided) >= 0.9 * len(decided)


def _check_plausibility(
    kind: ImportKind,
    headers: Sequence[str],
    columns_values: Sequence[Sequence[Any]],
    chosen: Sequence[str | None],
    result: Mapping_,
) -> None:
    """Warn when mapped numbers contradict each other, a sign of wrongly labelled headers."""
    if kind != ImportKind.CREATORS:
        return
    checks = (
        ("avg_comments", "avg_likes", "comments rarely outnumber likes"),
        ("avg_likes", "followers", "a post rarely gets more likes than the account has followers"),
    )
    for larger, smaller, why in checks:
        if larger not in chosen or smaller not in chosen:
            continue
        big, small = chosen.index(larger), chosen.index(smaller)
        pairs = [
            (parse_or_none(a), parse_or_none(b))
            for a, b in zip(columns_values[big], columns_values[small], strict=True)
        ]
        known = [(a, b) for a, b in pairs if a is not None and b is not None and b > 0]
        if len(known) >= 10 and sum(a > b for a, b in known) > 0.5 * len(known):
            share = sum(a > b for a, b in known) / len(known)
            result.warnings.append(
                f"{headers[big]!r} ({larger}) is larger than {headers[small]!r} ({smaller}) in "
                f"{share:.0%} of rows, but {why}: the headers may be wrong. Check the values and "
                f"correct the mapping with --map FIELD=COLUMN."
            )


def parse_or_none(value: Any) -> float | None:
    from kolscope.domain.quantities import parse_number

    try:
        return parse_number(value)
    except ValueError:
        return None
