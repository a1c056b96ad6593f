"""What every benchmark shares: the corpus, in-memory copies of it, timing and peak memory.

How memory is measured: ``resource.getrusage(...).ru_maxrss`` is the high-water mark of
resident memory (RSS) in KiB on Linux. ``RUSAGE_SELF`` covers this process only;
``RUSAGE_CHILDREN`` covers the *largest* single child that has ended and been waited for
(a ProcessPoolExecutor's workers, once the pool is shut down). Both are lifetime maxima,
so each scaling point runs in a fresh process (see :mod:`benchmarks.scaling`), and for
``--jobs N`` the reported peak is ``self + N × largest child`` — an upper bound of the
sum, since the parent and the workers need not peak at the same moment.
"""
from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from extractors.errors import KGError
from extractors.ingest import read_document
from extractors.records import Document

__all__ = ["default_corpus", "default_archive", "corpus_documents", "cycle_documents", "peak_rss_mb", "best_of", "BenchmarkError"]

_KIB_PER_MB = 1024.0


class BenchmarkError(KGError):
    """A benchmark cannot run with the given input (no corpus, bad sizes)."""


def default_corpus() -> Path:
    """The shared corpus beside the repository (``../shared/corpus``), or $KG_BENCH_CORPUS."""
    env = os.environ.get("KG_BENCH_CORPUS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def default_archive() -> Path | None:
    """The shared archive beside the repository (``../shared/archive``), or $KG_BENCH_ARCHIVE; None if absent."""
    path = Path(os.environ.get("KG_BENCH_ARCHIVE") or Path(__file__).resolve().parent.parent.parent / "shared" / "archive")
    return path if path.is_dir() else None


def corpus_documents(corpus: str | Path) -> list[Document]:
    """Every ``.txt`` report of ``corpus`` read into a Document, in name order."""
    folder = Path(corpus)
    paths = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    docs = [read_document(path) for path in paths]
    if not docs:
        raise BenchmarkError(f"no .txt report found in {folder}; pass --corpus DIR or set KG_BENCH_CORPUS")
    return docs


def cycle_documents(docs: list[Document], count: int) -> list[Document]:
    """``count`` documents made by cycling ``docs``; copy ``k`` of a report gets its own id and year.

    The year moves on by one per cycle, so the same entity appears in many
    documents and years and merges as it would across an archive.
    """
    copies = []
    for number in range(count):
        source = docs[number % len(docs)]
        cycle = number // len(docs)
        year = (source.year or 2000) + cycle
        copies.append(replace(source, id=f"{Path(source.id).stem}-c{cycle:04d}", year=year,
                              sections=[], sentences=[], warnings=list(source.warnings)))
    return copies


def peak_rss_mb(*, children: bool = False) -> float:
    """Peak resident memory in MB of this process, or of its largest finished child (Linux KiB)."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    peak = resource.getrusage(who).ru_maxrss
    if sys.platform == "darwin":  # macOS reports bytes
        peak /= 1024.0
    return peak / _KIB_PER_MB


def best_of(func: Callable[[], object], repeats: int) -> float:
    """The fastest of ``repeats`` timed calls, in seconds (the least disturbed by other work)."""
    best = float("inf")
    for _ in range(max(1, repeats)):
        started = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - started)
    return best
