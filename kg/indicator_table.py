"""Indicators of many reports as one table: what ``kg indicators`` prints and writes as CSV.

Reading goes through the normal stages (ingest → structure → indicators), so a table row
is exactly what the graph build sees; this module only collects and formats.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from extractors.indicators import Indicator, extract_indicators
from extractors.ingest import collect_inputs, read_document
from extractors.structure import annotate
from kg.numbers import indicator_cells
from kg.text_table import align_columns

__all__ = ["TABLE_COLUMNS", "DISPLAY_COLUMNS", "CSV_COLUMNS", "collect_indicators", "format_table", "write_csv"]

#: The raw fields of an indicator (values in base units, growth as a fraction), as the CSV keeps them.
TABLE_COLUMNS: tuple[str, ...] = ("name", "value", "unit", "growth", "kind", "year", "qualifier")
#: What the terminal table shows: value and growth written as a report writes them (219.4亿元, 年均12.1%（2010–2015）).
DISPLAY_COLUMNS: tuple[str, ...] = ("name", "value", "growth", "kind", "year")
CSV_COLUMNS: tuple[str, ...] = ("doc", *TABLE_COLUMNS, "basis", "period_start", "start", "end", "sentence")


def collect_indicators(inputs: Iterable[str | Path]) -> tuple[list[Indicator], list[str]]:
    """Indicators of every report in ``inputs`` (files or folders), with warnings for skipped files."""
    files, warnings = collect_inputs(inputs)
    found: list[Indicator] = []
    for path in files:
        found.extend(extract_indicators(annotate(read_document(path))))
    return found, warnings


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.0f}"
    return str(value)


def _row(indicator: Indicator) -> dict[str, str]:
    ev = indicator.evidence
    data: dict[str, object] = {"doc": ev.doc, "basis": indicator.basis, "period_start": indicator.period_start,
                               "start": ev.start, "end": ev.end, "sentence": ev.sentence}
    data.update({column: getattr(indicator, column) for column in TABLE_COLUMNS})
    return {key: _cell(value) for key, value in data.items()}


def _display(indicator: Indicator) -> dict[str, str]:
    return {"doc": indicator.evidence.doc, "name": indicator.name, "kind": indicator.kind,
            "year": "" if indicator.year is None else str(indicator.year), **indicator_cells(indicator)}


def format_table(indicators: Iterable[Indicator], *, with_doc: bool = True) -> str:
    """A plain-text table (doc, name, value, growth, kind, year), CJK-aligned, numbers as reports write them.

    Value and growth carry their unit, basis and qualifier (219.4亿元, 8.0%左右, 年均12.1%（2010–2015））.
    """
    columns = (("doc",) if with_doc else ()) + DISPLAY_COLUMNS
    rows = [list(columns)] + [[_display(i)[c] for c in columns] for i in indicators]
    return "\n".join(align_columns(rows))


def write_csv(indicators: Iterable[Indicator], path: str | Path) -> int:
    """Write one CSV row per indicator (UTF-8 with BOM so spreadsheet programs show Chinese); returns the row count."""
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(CSV_COLUMNS))
        writer.writeheader()
        for indicator in indicators:
            writer.writerow(_row(indicator))
            count += 1
    return count
