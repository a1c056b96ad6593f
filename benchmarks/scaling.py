"""Benchmark 2: one graph from 1, 10, 100, 1,000 documents, with ``--jobs 1`` and ``--jobs 2``.

Documents are made in memory by cycling the corpus (:func:`benchmarks.common.cycle_documents`):
each copy has its own id and a later year, so entities merge across documents and years as
they would in an archive. Each source report is structured (sections, sentences) once and
its copies share that structure, because structuring would otherwise re-read the year from
the text; every other stage runs for every copy.

Each (size, jobs) point runs in a fresh Python process (``python -m benchmarks.scaling``),
so that its peak RSS is its own (see :mod:`benchmarks.common` for how RSS is measured) and
the start-up costs are paid as a real ``kg build`` pays them.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

__all__ = ["run_scaling", "measure_point"]


def measure_point(corpus: str | Path, size: int, jobs: int, save_graph: str | Path | None = None) -> dict:
    """Build one graph of ``size`` documents with ``jobs`` processes in this process and measure it."""
    from benchmarks.common import corpus_documents, cycle_documents, peak_rss_mb  # noqa: PLC0415
    from extractors.pipeline import warm_up  # noqa: PLC0415
    from extractors.structure import annotate  # noqa: PLC0415
    from kg.build import build_documents  # noqa: PLC0415
    from kg.model import write_json  # noqa: PLC0415

    startup = warm_up() if jobs <= 1 else {}  # with --jobs N the workers pay it, inside the wall time
    sources = [annotate(doc) for doc in corpus_documents(corpus)]
    docs = cycle_documents(sources, size)
    chars = sum(len(doc.text) for doc in docs)
    started = time.perf_counter()
    result = build_documents(docs, jobs=jobs, keep_extractions=False)
    wall = time.perf_counter() - started
    graph = result.graph
    if save_graph:
        write_json(graph, save_graph)
    parent = peak_rss_mb()
    child = peak_rss_mb(children=True) if jobs > 1 else 0.0
    return {
        "docs": size, "jobs": jobs, "chars": chars, "wall_s": round(wall, 3),
        "chars_per_s": round(chars / wall) if wall else None,
        "ms_per_doc": round(1000 * wall / size, 2),
        "startup_s": round(sum(startup.values()), 3) if startup else None,
        "peak_rss_mb": round(parent + jobs * child if jobs > 1 else parent, 1),
        "parent_rss_mb": round(parent, 1), "worker_rss_mb": round(child, 1) if jobs > 1 else None,
        "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
    }


def run_scaling(corpus: str | Path, sizes: Sequence[int], jobs_list: Sequence[int] = (1, 2),
                save_graph: str | Path | None = None, timeout: float = 900) -> dict:
    """Every (size, jobs) point in its own process; the largest jobs-1 graph is saved when asked.

    Returns the points plus, per jobs setting, the linearity ratio: per-document time at the
    largest size over per-document time at 10 documents (or the smallest size above 1).
    """
    points = []
    largest = max(sizes)
    for jobs in jobs_list:
        for size in sizes:
            command = [sys.executable, "-m", "benchmarks.scaling", "--corpus", str(corpus),
                       "--size", str(size), "--jobs", str(jobs)]
            if save_graph and size == largest and jobs == jobs_list[0]:
                command += ["--save-graph", str(save_graph)]
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
            if done.returncode != 0:
                points.append({"docs": size, "jobs": jobs, "error": done.stderr.strip().splitlines()[-1:]})
                continue
            points.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {"points": points, "linearity": _linearity(points)}


def _linearity(points: list[dict]) -> dict:
    ratios = {}
    for jobs in sorted({p["jobs"] for p in points}):
        good = sorted((p for p in points if p["jobs"] == jobs and "ms_per_doc" in p), key=lambda p: p["docs"])
        base = next((p for p in good if p["docs"] >= 10), None) or next((p for p in good if p["docs"] > 1), None)
        top = good[-1] if good else None
        if base is not None and top is not None and top is not base:
            ratios[str(jobs)] = {"from_docs": base["docs"], "to_docs": top["docs"],
                                 "ratio": round(top["ms_per_doc"] / base["ms_per_doc"], 3)}
    return ratios


def _main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="One scaling point (used by python -m benchmarks).")
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--save-graph", default=None)
    args = parser.parse_args(argv)
    print(json.dumps(measure_point(args.corpus, args.size, args.jobs, args.save_graph)))


if __name__ == "__main__":
    _main()
