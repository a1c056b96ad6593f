"""Plain-text tables for ``kg timeline`` and ``kg compare`` (columns aligned by :mod:`kg.text_table`)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from kg.text_table import align_columns
from kg.timeline import IndicatorPair, PlanOutcome, Timeline

__all__ = ["format_table", "format_records", "format_timeline", "format_plan_vs_outcome", "format_indicator_pairs"]


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1 else f"{value:.0f}"
    return str(value)


def format_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Columns aligned by display width; None prints as —, booleans as yes/no."""
    return "\n".join(align_columns([list(header)] + [[_cell(v) for v in row] for row in rows]))


def format_records(rows: Sequence[dict]) -> str:
    """A list of dicts with the same keys (e.g. :func:`kg.explore.project_status`) as a table."""
    if not rows:
        return "(nothing)"
    return format_table(list(rows[0]), [list(row.values()) for row in rows])


def format_timeline(line: Timeline) -> str:
    """The entity's heading (type, aliases, documents, merged names) and one row per status."""
    head = [f"{line.name} ({line.type})  id {line.id}",
            f"documents: {', '.join(line.docs)}  years: {', '.join(map(str, line.years))}"]
    if line.aliases:
        head.append(f"also written: {'、'.join(line.aliases)}")
    if line.merged_from:
        head.append(f"merged from: {', '.join(line.merged_from)} (see merges.json)")
    if not line.events:
        return "\n".join(head + ["no status (planned / started / completed) is stated for it"])
    table = format_table(("year", "phase", "stage", "kind", "doc", "evidence"),
                         [(e.year, e.phase, e.stage, e.kind, e.doc, e.sentence) for e in line.events])
    return "\n".join(head + ["", table])


def format_plan_vs_outcome(rows: Sequence[PlanOutcome]) -> str:
    """One row per (project, year): planned stages, stage reached, met, and the review sentence."""
    if not rows:
        return "no project plan whose year is reviewed by a loaded report"
    return format_table(("year", "project", "planned", "reached", "met", "plan doc", "outcome doc", "review"),
                        [(r.year, r.project, r.planned, r.reached, r.met, r.plan_doc, r.outcome_doc,
                          r.outcome_sentence) for r in rows])


def _pct(value: float | None, *, points: bool = False) -> str | None:
    if value is None:
        return None
    return f"{value * 100:+.1f} pt" if points else f"{value * 100:.1f}%"


def format_indicator_pairs(rows: Sequence[IndicatorPair]) -> str:
    """One row per (indicator, year): target and outcome value and growth, with the differences."""
    if not rows:
        return "no indicator target whose year is reviewed by a loaded report"
    return format_table(("year", "indicator", "unit", "target", "outcome", "diff", "target growth",
                         "outcome growth", "growth diff"),
                        [(r.year, r.name, r.unit, r.target_value, r.outcome_value, r.value_diff, _pct(r.target_growth),
                          _pct(r.outcome_growth), _pct(r.growth_diff, points=True)) for r in rows])
