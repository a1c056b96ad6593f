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
from kg.text_table import align_columns

__all__ = ["TABLE_COLUMNS", "CSV_COLUMNS", "CSV_SIGNATURE", "collect_indicators", "format_table", "write_csv"]

TABLE_COLUMNS: tuple[str, ...] = ("name", "value", "unit", "growth", "kind", "year", "qualifier")
CSV_COLUMNS: tuple[str, ...] = ("doc", *TABLE_COLUMNS, "basis", "start", "end", "sentence")
#: The header line of the CSV (kg indicators --csv replaces only a file starting with it without --force).
CSV_SIGNATURE = ",".join(CSV_COLUMNS)


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
    data: dict[str, object] = {"doc": ev.doc, "basis": indicator.basis, "start": ev.start, "end": ev.end, "sentence": ev.sentence}
    data.update({column: getattr(indicator, column) for column in TABLE_COLUMNS})
    return {key: _cell(value) for key, value in data.items()}


def format_table(indicators: Iterable[Indicator], *, with_doc: bool = True) -> str:
    """A plain-text table (doc, name, value, unit, growth, kind, year, qualifier), CJK-aligned."""
    columns = (("doc",) if with_doc else ()) + TABLE_COLUMNS
    rows = [list(columns)] + [[_row(i)[c] for c in columns] for i in indicators]
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
