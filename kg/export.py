"""Write a built graph to an output folder, all or nothing.

``DIR/graph.json`` (node-link), ``DIR/graph.graphml``, ``DIR/graph.gexf`` (Gephi,
:mod:`kg.gexf`), ``DIR/graph.html`` (the offline page, with its data in
``DIR/graph.data.js``) and the tidy tables of
:mod:`kg.tables` (``documents.csv``, ``entities.csv``, ``mentions.csv``, ``relations.csv``,
``statuses.csv``, ``indicators.csv``, ``glossary.csv``) are written into a temporary
sibling folder first and then renamed into place, so ``DIR`` is never left
half-written, whatever fails on the way; which folders may be replaced is decided
by :mod:`kg.outdir` (only kg's own, marked with ``.kg-graph``).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg import heap
from kg.errors import KGError
from kg.gexf import write_gexf
from kg.model import write_json_and_graphml
from kg.outdir import graph_folder
from kg.tables import COLUMNS, TABLE_FILES, MentionRecords, relation_lines, table_rows, write_table, write_tables

__all__ = ["OUTPUT_FILES", "write_outputs", "write_graph_files", "write_entities_csv", "write_relations_csv"]

OUTPUT_FILES = ("graph.json", "graph.graphml", "graph.gexf", "graph.html", "graph.data.js", *TABLE_FILES)


def write_entities_csv(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """One row per entity node (the ``entities.csv`` of :mod:`kg.tables`)."""
    write_table(table_rows(graph, "entities.csv"), COLUMNS["entities.csv"], path)


def write_relations_csv(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """One row per edge (the ``relations.csv`` of :mod:`kg.tables`)."""
    write_table(table_rows(graph, "relations.csv"), COLUMNS["relations.csv"], path)


def write_outputs(graph: nx.MultiDiGraph, out_dir: str | Path, *, title: str = "政府工作报告知识图谱",
                  page_options: dict | None = None, extra: dict[str, object] | None = None,
                  inputs: Iterable[str | Path] = (), mentions: MentionRecords | None = None,
                  excel: bool = False) -> Path:
    """Write every output file into ``out_dir`` atomically (temp folder, then rename).

    ``out_dir`` follows :mod:`kg.outdir`: it is replaced only when kg wrote it (or it is empty),
    and it may not be an input or hold one (``inputs``). ``mentions`` (collected by the build)
    fills ``mentions.csv``; ``excel`` writes the CSV tables with a byte-order mark for Excel.
    """
    with graph_folder(out_dir, inputs) as tmp:
        write_graph_files(graph, tmp, title=title, page_options=page_options, extra=extra, mentions=mentions,
                          excel=excel)
    return Path(os.path.abspath(out_dir))


def write_graph_files(graph: nx.MultiDiGraph, folder: Path, *, title: str = "政府工作报告知识图谱",
                      page_options: dict | None = None, extra: dict[str, object] | None = None,
                      mentions: MentionRecords | None = None, excel: bool = False) -> None:
    """Write every output file into ``folder`` as it is (a temporary folder of :func:`kg.outdir.graph_folder`)."""
    from kg.visualize import write_html  # noqa: PLC0415 - the page is optional for library users

    with heap.long_lived():  # the graph is only read: the collector need not walk it (kg.heap)
        write_json_and_graphml(graph, folder / "graph.json", folder / "graph.graphml")  # one pass for both
        # relations.csv and the GEXF's edges in one walk over the edges, each batch's docs and years joined once
        with open(folder / "relations.csv", "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
            batches = relation_lines(graph, handle)
            write_gexf(graph, folder / "graph.gexf", edges=batches)
            for _ in batches:  # the batches the GEXF did not read (networkx wrote an odd graph's)
                pass
        write_html(graph, folder / "graph.html", title=title, **(page_options or {}))
        write_tables(graph, folder, mentions=mentions, excel=excel, skip=("relations.csv",))
        for name, data in (extra or {}).items():
            (folder / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
