"""Plain-text tables for ``kg timeline`` and ``kg compare`` (columns aligned by :mod:`kg.text_table`)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from kg.numbers import format_amount, format_growth, format_points
from kg.text_table import align_columns
from kg.timeline import IndicatorPair, PlanOutcome, Timeline

__all__ = ["format_table", "format_records", "format_timeline", "format_timelines", "format_plan_vs_outcome",
           "format_indicator_pairs", "NO_OUTCOME"]

#: What a plan whose review report is loaded but silent on it shows.
NO_OUTCOME = "no outcome reported"


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1 else f"{value:,.0f}"
    if isinstance(value, int) and abs(value) >= 10_000:
        return f"{value:,}"
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


def format_timelines(lines: Sequence[Timeline], query: str, how: str) -> str:
    """Several timelines (one name matching several entities), each under a blank line."""
    if len(lines) == 1 and how in ("id", "name", "alias"):
        return format_timeline(lines[0])
    head = f"{query} matches {len(lines)} entit{'y' if len(lines) == 1 else 'ies'} ({how}): " \
           + "、".join(line.name for line in lines)
    return "\n\n".join([head] + [format_timeline(line) for line in lines])


def format_plan_vs_outcome(rows: Sequence[PlanOutcome]) -> str:
    """One block per (project, year): what was planned, what the next report says, both sentences to cite."""
    if not rows:
        return "no project plan whose year is reviewed by a loaded report"
    reported = sum(row.reached is not None for row in rows)
    blocks = [f"{len(rows)} plans of projects, {reported} with an outcome in the next report of the same issuer"]
    for r in rows:
        verdict = f"reached {r.reached} ({'met' if r.met else 'not met'})" if r.reached else NO_OUTCOME
        review = f"{r.outcome_doc}: {r.outcome_sentence}" if r.reached else f"{r.review_doc}: {NO_OUTCOME}"
        where = f"{r.issuer}  " if len({row.issuer for row in rows}) > 1 and r.issuer else ""
        blocks.append(f"{r.year}  {where}{r.project}  planned {r.planned} → {verdict}\n"
                      f"    plan    {r.plan_doc}: {r.plan_sentence}\n"
                      f"    review  {review}")
    return "\n".join(blocks)


def format_indicator_pairs(rows: Sequence[IndicatorPair]) -> str:
    """One row per (indicator, year): target and outcome value and growth, with the differences.

    Values are written as reports write them (309亿元, 7.5%左右); differences of growth rates
    are in percentage points.
    """
    if not rows:
        return "no indicator target whose year is reviewed by a loaded report"
    several = len({r.issuer for r in rows}) > 1  # the issuer column only when it tells rows apart
    header = ("year", "issuer", "indicator", "target", "outcome", "diff", "target growth", "outcome growth",
              "growth diff")
    cells = [(r.year, r.issuer, r.name, format_amount(r.target_value, r.unit) or None,
              format_amount(r.outcome_value, r.unit) or None,
              (("+" if r.value_diff > 0 else "") + format_amount(r.value_diff, r.unit)) if r.value_diff is not None
              else None,
              format_growth(r.target_growth, qualifier=r.target_qualifier) or None,
              format_growth(r.outcome_growth, basis=r.outcome_basis, qualifier=r.outcome_qualifier) or None,
              format_points(r.growth_diff) or None) for r in rows]
    keep = [k for k in range(len(header)) if several or header[k] != "issuer"]
    return format_table([header[k] for k in keep], [[row[k] for k in keep] for row in cells])
