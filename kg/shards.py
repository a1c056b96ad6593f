"""Per-document graph records as sharded JSON lines: ``DIR/extractions/part-00000.jsonl`` ….

A streaming build (:mod:`kg.stream_build`) writes each document's extraction as soon as it
arrives, as the subgraph that document contributes (its nodes and edges with their
attributes, before any cross-report merging), one JSON object a line::

    {"doc": "hetang-2019.txt", "issuer": "荷塘区", "nodes": [[id, {attrs}], …],
     "edges": [[source, target, type, {attrs}], …]}

Shards hold :data:`DOCS_PER_SHARD` documents each, so a crashed or partial run leaves
whole lines in whole files and a cluster or another tool can read them in parallel.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import networkx as nx

__all__ = ["SHARD_FOLDER", "DOCS_PER_SHARD", "ShardWriter", "read_shards", "shard_line", "subgraph_record"]

#: The folder of a graph folder that holds the shards.
SHARD_FOLDER = "extractions"
#: Documents per shard file.
DOCS_PER_SHARD = 100

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def subgraph_record(doc: str, issuer: str | None, graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The shard record of one document's subgraph."""
    return {"doc": doc, "issuer": issuer,
            "nodes": [[node, data] for node, data in graph.nodes(data=True)],
            "edges": [[u, v, key, data] for u, v, key, data in graph.edges(keys=True, data=True)]}


def shard_line(record: dict[str, Any]) -> str:
    """One record as its shard line (JSON, Chinese kept readable, ending in a newline)."""
    return _ENCODE(record) + "\n"


class ShardWriter:
    """Append records to ``folder/part-NNNNN.jsonl``, :data:`DOCS_PER_SHARD` records per file."""

    def __init__(self, folder: str | Path, per_shard: int = DOCS_PER_SHARD) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.per_shard = per_shard
        self.records = 0
        self._handle: TextIO | None = None

    def write(self, record: dict[str, Any]) -> None:
        """Write one record (one line); a new shard starts every ``per_shard`` records."""
        self.write_line(shard_line(record))

    def write_line(self, line: str) -> None:
        """Write one record already encoded by :func:`shard_line` (a worker may encode it)."""
        if self.records % self.per_shard == 0:
            self.close()
            self._handle = open(self.folder / f"part-{self.records // self.per_shard:05d}.jsonl", "w",  # noqa: SIM115
                                encoding="utf-8")
        assert self._handle is not None
        self._handle.write(line)
        self.records += 1

    def close(self) -> None:
        """Close the current shard."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def read_shards(folder: str | Path) -> Iterator[dict[str, Any]]:
    """Every record of the shards in ``folder``, in the order they were written."""
    for path in sorted(Path(folder).glob("part-*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)
