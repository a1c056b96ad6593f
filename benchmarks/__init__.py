"""Benchmarks: how fast and how big (``python -m benchmarks``); they print numbers, they do not pass or fail.

1. :mod:`benchmarks.extraction` — pipeline characters/s beside bare ``jieba.lcut``;
2. :mod:`benchmarks.scaling` — one graph from 1…1,000 documents with ``--jobs 1`` and ``2``;
3. :mod:`benchmarks.neo4j_rate` — Neo4j load rate beside a plain UNWIND…CREATE reference;
4. :mod:`benchmarks.page` — the offline page at 100, 1,000 and 5,000 nodes.
"""
from benchmarks.runner import run_benchmarks

__all__ = ["run_benchmarks"]
