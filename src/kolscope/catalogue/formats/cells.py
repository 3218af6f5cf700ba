"""Reading the cells of one row: each field's columns, parsed once, problems collected."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from kolscope.catalogue.formats.profiles import values_agree
from kolscope.catalogue.formats.values import UnclearValueError, reader_for
from kolscope.catalogue.importing.fields import NUMERIC, FieldSpec
from kolscope.catalogue.importing.plan import ColumnPlan, FilePlan
from kolscope.catalogue.importing.records import FileCounts, RowProblem, problem_said
from kolscope.catalogue.messages import ROW_LEFT_EMPTY, ROW_TWO_VALUES, read_error
from kolscope.domain.messages import Message
from kolscope.domain.quantities import number_precision

LONG_TEXT_FIELDS = {"bio", "caption", "text"}


class FieldReader:
    """A field's columns and the function that reads its cells, prepared once per file."""

    __slots__ = ("columns", "multi", "name", "numeric", "read")

    def __init__(self, spec: FieldSpec, columns: Sequence[ColumnPlan], percent: bool) -> None:
        self.name = spec.name
        self.columns = [(c.index, c.header) for c in columns]
        self.multi = spec.multi
        self.numeric = spec.type in NUMERIC
        self.read = reader_for(
            spec.type, percent_scale=percent, long_text=spec.name in LONG_TEXT_FIELDS
        )


class FileFields(Protocol):
    """What a row needs of its file's converter (``rows.RowConverter``): the plan, the field
    readers, the single-column fields in order, and the file's counts for warnings."""

    plan: FilePlan
    fields: dict[str, FieldReader]
    plan_fields: list[tuple[str, FieldReader, tuple[int, str] | None]]
    counts: FileCounts


class RowCells:
    """One row being read: collects problems instead of stopping at the first."""

    __slots__ = ("cells", "converter", "number", "problems")

    def __init__(self, converter: FileFields, number: int, cells: Sequence[Any]) -> None:
        self.converter = converter
        self.number = number
        self.cells = cells
        self.problems: list[RowProblem] = []

    def problem(
        self,
        field: str | None,
        message: str | Message,
        column: str | None = None,
        value: Any = None,
    ) -> None:
        text, said = problem_said(message)
        self.problems.append(
            RowProblem(
                self.converter.plan.name,
                self.number,
                field,
                text,
                column,
                None if value is None else str(value),
                said,
            )
        )

    def cell(self, index: int) -> Any:
        return self.cells[index] if index < len(self.cells) else None

    def values(self) -> dict[str, Any]:
        """Every mapped field of the row, read once (the hot path of an import)."""
        cells = self.cells
        width = len(cells)
        values: dict[str, Any] = {}
        for name, field, single in self.converter.plan_fields:
            if single is None:
                values[name] = self.get(name)
                continue
            index, header = single
            raw = cells[index] if index < width else None
            if raw is None or raw == "":
                values[name] = None
                continue
            try:
                values[name] = field.read(raw)
            except UnclearValueError as unclear:
                self.converter.counts.warn(
                    ROW_LEFT_EMPTY(row=self.number, field=name, why=unclear.message)
                )
                values[name] = None
            except ValueError as error:
                self.problem(name, read_error(error), header, raw)
                values[name] = None
        return values

    def get(self, name: str) -> Any:
        field = self.converter.fields.get(name)
        if field is None:
            return None
        if field.multi:
            merged: list[str] = []
            for index, header in field.columns:
                for item in self._read(field, index, header) or []:
                    if item not in merged:
                        merged.append(item)
            return merged
        if len(field.columns) == 1:
            index, header = field.columns[0]
            return self._read(field, index, header)
        return self._read_pair(field)

    def _read(self, field: FieldReader, index: int, header: str) -> Any:
        raw = self.cells[index] if index < len(self.cells) else None
        if raw is None or raw == "":
            return None
        try:
            return field.read(raw)
        except UnclearValueError as unclear:
            self.converter.counts.warn(
                ROW_LEFT_EMPTY(row=self.number, field=field.name, why=unclear.message)
            )
            return None
        except ValueError as error:
            self.problem(field.name, read_error(error), header, raw)
            return None

    def _read_pair(self, field: FieldReader) -> Any:
        """The same number written in several columns: keep the most precise, flag conflicts."""
        readings: list[tuple[Any, Any]] = []
        for index, header in field.columns:
            value = self._read(field, index, header)
            if value is not None:
                readings.append((value, self.cell(index)))
        if not readings:
            return None
        if len(readings) == 1 or all(r[0] == readings[0][0] for r in readings):
            return readings[0][0]
        readings.sort(key=lambda r: number_precision(r[1]), reverse=True)
        best = readings[0]
        if field.numeric:
            for _value, raw in readings[1:]:
                if values_agree(best[1], raw) is False:
                    self.converter.counts.warn(
                        ROW_TWO_VALUES(
                            row=self.number, field=field.name, kept=repr(best[1]), other=repr(raw)
                        )
                    )
        return best[0]
