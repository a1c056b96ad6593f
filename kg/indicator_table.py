"""Indicators of many reports as one table: what ``kg indicators`` prints and writes as CSV.

Reading goes through the normal stages (ingest → structure → indicators), so a table row
is exactly what the graph build sees; this module only collects and formats.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from extractors.indicators import Indicator, extract_indicators
from extractors.errors import InputError
from extractors.ingest import read_document
from extractors.structure import annotate
from extractors.walk import walk_inputs
from kg.numbers import indicator_cells
from kg.text_table import align_columns

__all__ = ["TABLE_COLUMNS", "DISPLAY_COLUMNS", "CSV_COLUMNS", "CSV_SIGNATURE", "collect_indicators", "format_table",
           "write_csv"]

#: The raw fields of an indicator (values in base units, growth as a fraction), as the CSV keeps them.
TABLE_COLUMNS: tuple[str, ...] = ("name", "value", "unit", "growth", "kind", "year", "qualifier")
#: What the terminal table shows: value and growth written as a report writes them (219.4亿元, 年均12.1%（2010–2015）).
DISPLAY_COLUMNS: tuple[str, ...] = ("name", "value", "growth", "kind", "year")
CSV_COLUMNS: tuple[str, ...] = ("doc", *TABLE_COLUMNS, "basis", "period_start", "start", "end", "sentence")
#: The start of the CSV's header line (kg indicators --csv replaces only a file holding it without --force);
#: the columns every version wrote, so a CSV of an older version is still recognised.
CSV_SIGNATURE = ",".join(("doc", *TABLE_COLUMNS, "basis"))


def collect_indicators(inputs: Iterable[str | Path]) -> tuple[list[Indicator], list[str]]:
    """Indicators of every report in ``inputs`` (files or folders), with warnings for skipped files.

    A file that cannot be read is a warning when others can; when none can, InputError.
    """
    files, warnings = walk_inputs(inputs)
    found: list[Indicator] = []
    read = 0
    for item in files:
        try:
            document = read_document(item.path, doc_id=item.doc_id)
        except InputError as error:
            warnings.append(str(error))
            continue
        read += 1
        found.extend(extract_indicators(annotate(document)))
    if not read and warnings:
        raise InputError("; ".join(warnings))
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
    from kg.outdir import write_file  # noqa: PLC0415

    rows = [_row(indicator) for indicator in indicators]

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(CSV_COLUMNS))
            writer.writeheader()
            writer.writerows(rows)

    write_file(path, write)
    return len(rows)
