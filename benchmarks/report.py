"""The printed table of a benchmark run (the same figures go to JSON)."""
from __future__ import annotations

__all__ = ["format_report"]


def _num(value, digits: int = 0) -> str:
    if value is None:
        return "-"
    if isinstance(value, (int, float)):
        return f"{value:,.{digits}f}"
    return str(value)


def _extraction(part: dict) -> list[str]:
    lines = ["1. Extraction throughput (whole pipeline vs bare jieba.lcut, same texts; CPU, one pass per fresh process)",
             f"   {part['documents']} reports, {_num(part['chars'])} chars, median of {part['repeats']} "
             f"(ratios {', '.join(f'{r:.3f}' for r in part.get('pass_ratios', []))})",
             f"   pipeline {_num(part['pipeline_chars_per_s'])} chars/s   jieba.lcut {_num(part['jieba_chars_per_s'])} "
             f"chars/s   ratio {part['ratio']:.2f} (goal >= {part['goal_ratio']})",
             "   stages (s): " + "  ".join(f"{k} {v:.3f}" for k, v in part["stages_s"].items()),
             "   start-up, once per process (s): " + "  ".join(f"{k} {v:.2f}" for k, v in part["startup_s"].items())]
    return lines


def _scaling(part: dict) -> list[str]:
    lines = ["2. Scaling (one graph from N documents; peak RSS: see benchmarks/common.py)",
             f"   {'docs':>6} {'jobs':>4} {'wall s':>8} {'chars/s':>9} {'ms/doc':>8} {'peak MB':>8} "
             f"{'nodes':>7} {'edges':>8}"]
    for p in part["points"]:
        if "error" in p:
            lines.append(f"   {p['docs']:>6} {p['jobs']:>4} error: {p['error']}")
            continue
        lines.append(f"   {p['docs']:>6} {p['jobs']:>4} {p['wall_s']:>8.2f} {_num(p['chars_per_s']):>9} "
                     f"{p['ms_per_doc']:>8.1f} {p['peak_rss_mb']:>8.0f} {p['nodes']:>7} {p['edges']:>8}")
    for jobs, lin in part.get("linearity", {}).items():
        lines.append(f"   linearity, jobs {jobs}: ms/doc at {lin['to_docs']} / at {lin['from_docs']} = "
                     f"{lin['ratio']:.2f} (goal <= 1.2)")
    return lines


def _neo4j(part: dict) -> list[str]:
    if "skipped" in part:
        return ["3. Neo4j load rate", f"   skipped: {part['skipped']}"]
    ref = part["reference"]
    lines = ["3. Neo4j load rate " + f"({part['nodes']} nodes, {part['relationships']} relationships; {part['uri']})",
             f"   {'batch':>7} {'nodes/s':>9} {'rels/s':>9} {'vs ref nodes':>13} {'vs ref rels':>12}"]
    for load in part["loads"]:
        lines.append(f"   {load['batch_size']:>7} {_num(load['nodes_per_s']):>9} {_num(load['rels_per_s']):>9} "
                     f"{_num(load['nodes_ratio'], 2):>13} {_num(load['rels_ratio'], 2):>12}")
    lines.append(f"   reference UNWIND…CREATE ({ref['batch_size']} rows/query): {_num(ref['nodes_per_s'])} nodes/s, "
                 f"{_num(ref['rels_per_s'])} rels/s")
    return lines


def _page(part: dict) -> list[str]:
    lines = ["4. Page (explorer: graph.html + graph.data.js, opened offline in headless Chromium; first row = baseline)",
             f"   {'graph':<8} {'reports':>7} {'entities':>8} {'write s':>8} {'html MB':>8} {'data MB':>8} "
             f"{'paint s':>8} {'ready s':>8} {'search ms':>9} {'typed s':>8}"]
    for row in part["pages"]:
        timed = "browser" not in row
        lines.append(f"   {row['graph']:<8} {row['reports']:>7} {row['entities']:>8} {row['write_s']:>8.2f} "
                     f"{row['html_bytes'] / 1e6:>8.2f} {row['data_bytes'] / 1e6:>8.2f} "
                     + (f"{_num(row['first_paint_s'], 2):>8} {_num(row['ready_s'], 2):>8} {_num(row['search_ms'], 1):>9} "
                        f"{_num(row['search_typed_s'], 2):>8}" if timed else f"  {row['browser']}"))
    return lines


def format_report(results: dict) -> str:
    """A plain-text table of every part present in ``results``."""
    lines = [f"benchmarks ({results['mode']}, {results['cpus']} cpu(s), python {results['python']}, "
             f"{results['total_s']:.0f} s)"]
    for key, render in (("extraction", _extraction), ("scaling", _scaling), ("neo4j", _neo4j), ("page", _page)):
        part = results.get(key)
        if part is None:
            continue
        if "skipped" in part and key != "neo4j":
            lines += [f"{key}: skipped: {part['skipped']}"]
            continue
        lines += [""] + render(part)
    return "\n".join(lines)
