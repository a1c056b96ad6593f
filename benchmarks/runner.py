"""Run every benchmark, print the table and write the same figures as JSON."""
from __future__ import annotations

import json
import os
import platform
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["run_benchmarks", "FULL_SIZES", "QUICK_SIZES", "DEFAULT_OUT"]

FULL_SIZES = (1, 10, 100, 1000)
QUICK_SIZES = (1, 3)
BATCH_SIZES = (100, 1000, 10_000)
DEFAULT_OUT = Path(__file__).parent / "results"


def run_benchmarks(*, corpus: str | Path, out: str | Path = DEFAULT_OUT, quick: bool = False,
                   sizes: Sequence[int] | None = None, jobs: Sequence[int] = (1, 2), neo4j: bool = True,
                   browser: bool = True, archive: str | Path | None = None,
                   say: Callable[[str], None] = print) -> dict:
    """Run the four benchmarks and write ``out/latest.json``; returns what was written.

    ``quick`` is a tiny run (seconds) for tests; ``say`` gets progress lines and warnings.
    ``archive`` is a folder of reports whose page is measured against the corpus page's.
    """
    from benchmarks.common import BenchmarkError  # noqa: PLC0415
    from benchmarks.extraction import run_extraction  # noqa: PLC0415
    from benchmarks.neo4j_rate import WARNING, run_neo4j  # noqa: PLC0415
    from benchmarks.scaling import run_scaling  # noqa: PLC0415
    from kg.model import read_json  # noqa: PLC0415

    sizes = tuple(sizes or (QUICK_SIZES if quick else FULL_SIZES))
    if any(size < 1 for size in sizes):
        raise BenchmarkError(f"--sizes must be positive document counts, not {list(sizes)}")
    started = time.perf_counter()
    results: dict = {"mode": "quick" if quick else "full", "cpus": os.cpu_count(),
                     "python": platform.python_version(), "corpus": str(corpus)}
    say("1/4 extraction throughput …")
    results["extraction"] = run_extraction(corpus, repeats=1 if quick else 3)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        graph_path = Path(tmp) / "graph.json"
        say(f"2/4 scaling over {list(sizes)} documents, jobs {list(jobs)} …")
        results["scaling"] = run_scaling(corpus, sizes, jobs, save_graph=graph_path)
        graph = read_json(graph_path) if graph_path.exists() else None
        if graph is None:
            results["neo4j"] = {"skipped": "the largest scaling graph was not built"}
        elif not neo4j:
            results["neo4j"] = {"skipped": "--no-neo4j"}
        else:
            say(f"3/4 Neo4j load rate — WARNING: {WARNING}")
            results["neo4j"] = run_neo4j(graph, BATCH_SIZES[:1] if quick else BATCH_SIZES)
        say("4/4 page …")
        results["page"] = _page_part(corpus, archive, browser, Path(tmp) / "pages", say)
    results["total_s"] = round(time.perf_counter() - started, 1)
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    (target / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return results


def _page_part(corpus: str | Path, archive: str | Path | None, browser: bool, folder: Path,
               say: Callable[[str], None]) -> dict:
    """The corpus graph (baseline) and, given a folder, the archive's graph, each as a page in Chromium."""
    from benchmarks.page import archive_reports, run_page  # noqa: PLC0415
    from kg.build import build  # noqa: PLC0415

    graphs = [("corpus", build(sorted(Path(corpus).glob("*.txt")), jobs=1, keep_extractions=False).graph)]
    if archive is not None:
        reports = archive_reports(archive)
        say(f"    building the archive's graph ({len(reports)} reports) …")
        started = time.perf_counter()
        graphs.append(("archive", build(reports, jobs=2, keep_extractions=False).graph))
        say(f"    built in {time.perf_counter() - started:.0f} s")
    part = run_page(graphs, browser=browser, out_dir=folder)
    part.pop("folder", None)
    return part
