"""Write a built graph to an output folder, all or nothing.

``DIR/graph.json`` (node-link), ``DIR/graph.graphml``, ``DIR/graph.html`` (the
offline page), ``DIR/entities.csv`` and ``DIR/relations.csv`` are written into
a temporary sibling folder first and then renamed into place, so ``DIR`` is
never left half-written, whatever fails on the way; which folders may be
replaced is decided by :mod:`kg.outdir` (only kg's own, marked with ``.kg-graph``).
"""
from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg.errors import KGError
from kg.model import ENTITY_LABELS, write_graphml, write_json
from kg.outdir import graph_folder

__all__ = ["OUTPUT_FILES", "write_outputs", "write_entities_csv", "write_relations_csv"]

OUTPUT_FILES = ("graph.json", "graph.graphml", "graph.html", "entities.csv", "relations.csv")


def write_entities_csv(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """One row per entity node: id, type, name, aliases, documents, years, mentions, definition."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "type", "name", "aliases", "docs", "years", "mentions", "definition"])
        for node, data in sorted(graph.nodes(data=True)):
            if data.get("label") in ENTITY_LABELS:
                writer.writerow([node, data["label"], data.get("name", ""), "|".join(data.get("aliases", [])),
                                 "|".join(data.get("docs", [])), "|".join(map(str, data.get("years", []))),
                                 data.get("mentions", 0), data.get("definition") or ""])


def write_relations_csv(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """One row per edge: source, type, target, weight, documents, years and the first evidence sentence."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "type", "target", "weight", "docs", "years", "evidence"])
        for source, target, key, data in graph.edges(keys=True, data=True):
            evidence = data.get("evidence") or []
            writer.writerow([source, key, target, data.get("weight", 1), "|".join(data.get("docs", [])),
                             "|".join(map(str, data.get("years", []))),
                             evidence[0]["sentence"] if evidence else ""])


def write_outputs(graph: nx.MultiDiGraph, out_dir: str | Path, *, title: str = "政府工作报告知识图谱",
                  page_options: dict | None = None, extra: dict[str, object] | None = None,
                  inputs: Iterable[str | Path] = ()) -> Path:
    """Write every output file into ``out_dir`` atomically (temp folder, then rename).

    ``out_dir`` follows :mod:`kg.outdir`: it is replaced only when kg wrote it (or it is empty),
    and it may not be an input or hold one (``inputs``).
    """
    from kg.visualize import write_html  # noqa: PLC0415 - the page is optional for library users

    with graph_folder(out_dir, inputs) as tmp:
        write_json(graph, tmp / "graph.json")
        write_graphml(graph, tmp / "graph.graphml")
        write_html(graph, tmp / "graph.html", title=title, **(page_options or {}))
        write_entities_csv(graph, tmp / "entities.csv")
        write_relations_csv(graph, tmp / "relations.csv")
        for name, data in (extra or {}).items():
            (tmp / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return Path(os.path.abspath(out_dir))
