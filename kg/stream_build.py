"""A build whose memory stays flat as the archive grows: ``kg build … --max-graph-nodes N``.

Each document's extraction is written, as it arrives, to the shards of ``DIR/extractions/``
(:mod:`kg.shards`) as the subgraph it contributes, and its entity names go into a compact
name table (type, name, aliases, issuers, mentions: no evidence, no edges). The in-memory
graph is built alongside only while it has at most ``N`` nodes:

* at most ``N`` nodes: the build finishes as ``kg build`` always does (cross-report
  resolution, places, ``graph.json``, GraphML, the page, CSVs with ``mentions.csv``,
  ``merges.json``), plus the shards;
* more: the graph is dropped as soon as it passes ``N``, the small outputs are skipped, and the
  bulk-import files (``DIR/neo4j-import``, see :mod:`kg.neo4j_import`) are written from the
  shards. Cross-report resolution (:func:`kg.resolution.resolve_across`) and places
  (:func:`kg.places.attach_places`) run on the name table alone; the shards are then
  partitioned by node id into bucket files and each bucket is merged on its own, so memory
  holds the name table and one bucket, never the whole graph. The place edges the whole
  build prunes (a stated ``PART_OF`` between divisions the codes say are not nested, a
  project's ``LOCATED_IN`` read from its name in another province than its reports') are
  pruned as their bucket is merged, by the same functions of :mod:`kg.places` on the edge
  alone. ``mentions.csv`` is written in both cases: workers make its rows, the client keeps
  them in a temporary file (:class:`kg.tables.MentionRecords`) and writes them with the ids
  resolution kept.

Both paths give the same node ids, relationships and counts (a test checks it).
"""
from __future__ import annotations

import json
import math
import os
import shutil
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TextIO

import networkx as nx

from extractors.errors import KGError
from extractors.walk import walk_inputs
from extractors.pipeline import Extraction
from kg.build import _finish, add_extraction, report_warning
from kg.model import ENTITY_LABELS, MAX_EVIDENCE, merge_lists, new_graph
from kg.neo4j_import import IMPORT_FOLDER, ImportFiles, ImportWriter
from kg.outdir import check_out_dir, graph_folder
from kg.ids import document_id
from kg.places import attach_places, prune_foreign_sites, prune_namesake_parts
from kg.workers import extract_or_problem, in_processes
from kg.resolution import QUALIFIED_RULE, Merge, resolve_across
from kg.shards import SHARD_FOLDER, ShardWriter, read_shards, shard_line, subgraph_record
from kg.tables import COLUMNS, MentionRecords, mention_rows, table_rows, write_table

__all__ = ["StreamResult", "stream_build", "BUCKET_BYTES"]

#: Bytes of shard records per bucket file when merging from the shards (one bucket is in memory at a time).
BUCKET_BYTES = 16 * 1024 * 1024
#: At most this many bucket files (open at once while partitioning); past it buckets grow instead.
MAX_BUCKETS = 800
_SKIPPED = ("graph.json", "graph.graphml", "graph.html", "entities.csv", "relations.csv")


@dataclass
class StreamResult:
    """What a streaming build wrote: the folder, and either the graph or the bulk-import files."""

    out: Path
    documents: int
    problems: list[str]
    merges: list[Merge]
    graph: nx.MultiDiGraph | None = None  # None: above max_graph_nodes, only the import files were written
    import_files: ImportFiles | None = None
    labels: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    skipped: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)  # one line per report not fully understood


class _NameTable:
    """Entity nodes reduced to what resolution reads: type, name, aliases, issuers and mentions."""

    def __init__(self) -> None:
        self.entities: dict[str, dict[str, Any]] = {}

    def add(self, rows: list[_NameRow], issuer: str | None) -> None:
        """Add one document's name rows (see :func:`_name_rows`)."""
        for node, label, name, aliases, mentions, qualified in rows:
            entry = self.entities.get(node)
            if entry is None:
                entry = self.entities[node] = {"label": label, "name": name, "aliases": [], "issuers": [],
                                               "mentions": 0, "qualified_from": []}
            entry["aliases"] = merge_lists(entry["aliases"], aliases)
            if qualified:
                entry["qualified_from"] = merge_lists(entry["qualified_from"], qualified)
            if issuer not in entry["issuers"]:
                entry["issuers"].append(issuer)
            entry["mentions"] += mentions

    def resolve(self, issuers: set[str]) -> tuple[nx.MultiDiGraph, list[Merge], list[str]]:
        """Resolution and places on a graph of names only; the graph, the merges, and its new node ids."""
        graph = new_graph()
        docs: dict[str | None, str] = {}
        for node, entry in self.entities.items():
            for issuer in entry["issuers"]:
                if issuer not in docs:
                    docs[issuer] = f"issuer:{issuer or ''}"
                    graph.add_node(f"Document:{docs[issuer]}", label="Document", name=docs[issuer], issuer=issuer,
                                   docs=[], years=[])
            graph.add_node(node, label=entry["label"], name=entry["name"], aliases=list(entry["aliases"]),
                           mentions=entry["mentions"], docs=[docs[i] for i in entry["issuers"]], years=[])
            if entry["qualified_from"]:
                graph.nodes[node]["qualified_from"] = list(entry["qualified_from"])
        before = set(graph.nodes)
        merges = resolve_across(graph)
        attach_places(graph, issuer=next(iter(issuers)) if len(issuers) == 1 else None)
        return graph, merges, [node for node in graph.nodes if node not in before]


_NameRow = tuple[str, str, str, list[str], int, list[str]]


def _name_rows(graph: nx.MultiDiGraph) -> list[_NameRow]:
    """The name-table rows of one document's subgraph: (id, type, name, aliases, mentions, qualified_from)."""
    return [(node, data["label"], data["name"], list(data.get("aliases", [])), data.get("mentions", 0) or 0,
             list(data.get("qualified_from", [])))
            for node, data in graph.nodes(data=True) if data.get("label") in ENTITY_LABELS]


@dataclass
class _Part:
    """What a worker returns for one document: its extraction, its shard line, its name rows and
    its ``mentions.csv`` rows."""

    extraction: Extraction
    line: str
    names: list[_NameRow]
    mentions: list[tuple] = field(default_factory=list)


def _extract_part(item: Any, max_bytes: int | None = None) -> _Part | str:
    """Extract one file (an :class:`extractors.walk.InputFile`) and make its shard line and name rows, on the
    worker, not the client."""
    result = extract_or_problem(item, max_bytes=max_bytes)
    if isinstance(result, str):
        return result
    doc = result.document
    part = new_graph()
    renamed = add_extraction(part, result)
    return _Part(result, shard_line(subgraph_record(doc.id, doc.issuer, part)), _name_rows(part),
                 list(mention_rows(result, renamed)))


def _merge_data(old: dict[str, Any], new: dict[str, Any], *, edge: bool) -> None:
    """Fold ``new`` attributes into ``old`` as the graph merges them (lists unioned, counts added)."""
    for key, value in new.items():
        if key not in old:
            old[key] = list(value) if isinstance(value, list) else value
        elif isinstance(value, list) and isinstance(old[key], list):
            old[key] = merge_lists(old[key], value, MAX_EVIDENCE if key == "evidence" else None)
            if key == "years":
                old[key].sort(key=lambda y: (y is None, y))
        elif key == "mentions" or (edge and key == "weight"):
            old[key] = (old[key] or 0) + (value or 0)
        elif old[key] in (None, ""):
            old[key] = value


class _Buckets:
    """Records partitioned by node id (or edge key) into files, so each part is merged on its own."""

    def __init__(self, folder: Path, count: int) -> None:
        self.folder = folder
        folder.mkdir()
        self.count = count
        self._handles: list[TextIO] = [open(folder / f"b{n:05d}.jsonl", "w", encoding="utf-8")  # noqa: SIM115
                                       for n in range(count)]
        self._encode = json.JSONEncoder(ensure_ascii=False).encode

    def put(self, key: str, record: list[Any]) -> None:
        self._handles[zlib.crc32(key.encode("utf-8")) % self.count].write(self._encode(record) + "\n")

    def parts(self) -> Iterator[Iterator[list[Any]]]:
        """Each bucket's records, read lazily, one bucket after the other (each file is deleted once read)."""
        for handle in self._handles:
            handle.close()
        for number in range(self.count):
            yield self._read(self.folder / f"b{number:05d}.jsonl")

    @staticmethod
    def _read(path: Path) -> Iterator[list[Any]]:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)
        path.unlink()


def _mapper(merges: list[Merge]) -> Callable[[str], str]:
    """Node id → id after resolution (merged entities and their Status nodes take the kept id)."""
    target = {m.merged: m.kept for m in merges
              if not m.refused and m.merged != m.kept and m.rule != QUALIFIED_RULE}  # those are records only

    def final(node: str) -> str:
        seen = 0
        while node in target and seen < 100:
            node, seen = target[node], seen + 1
        return node

    def map_id(node: str) -> str:
        if node.startswith("Status:"):
            project, *rest = node[len("Status:"):].rsplit("|", 3)
            kept = final(project)
            return f"Status:{kept}|{'|'.join(rest)}" if kept != project else node
        return final(node)

    return map_id


def _pruned(names: nx.MultiDiGraph, source: str, target: str, key: str, data: dict[str, Any],
            issuer_of: dict[str, str | None]) -> bool:
    """Whether the whole build's place prunes (:func:`kg.places.prune_namesake_parts`,
    :func:`kg.places.prune_foreign_sites`) drop this merged edge: they run on a graph of the edge
    alone, its two ends as resolution left them and the reports stating it with their issuers."""
    if key not in ("PART_OF", "LOCATED_IN") or source not in names or target not in names:
        return False
    alone = new_graph()
    alone.add_node(source, **names.nodes[source])
    alone.add_node(target, **names.nodes[target])
    for doc in data.get("docs") or []:
        alone.add_node(document_id(doc), label="Document", name=doc, issuer=issuer_of.get(doc))
    alone.add_edge(source, target, key=key, **data)
    prune_namesake_parts(alone)
    prune_foreign_sites(alone)
    return not alone.has_edge(source, target, key)


def _write_from_shards(shards: Path, folder: Path, names: nx.MultiDiGraph, merges: list[Merge], added: list[str],
                       issuer_of: dict[str, str | None] | None = None) -> tuple[ImportFiles, Counter, Counter]:
    """The bulk-import files of the merged graph, from the shards, one bucket in memory at a time."""
    map_id = _mapper(merges)
    size = sum(path.stat().st_size for path in shards.glob("part-*.jsonl"))
    buckets = _Buckets(folder.parent / ".buckets", min(MAX_BUCKETS, max(4, math.ceil(size / BUCKET_BYTES))))
    for record in read_shards(shards):
        for node, data in record["nodes"]:
            new_id = map_id(node)
            buckets.put(new_id, ["n", new_id, data])
        for source, target, key, data in record["edges"]:
            a, b = map_id(source), map_id(target)
            if a == b and source != target:
                continue  # an edge between two merged nodes says nothing any more
            buckets.put(f"{a}\x1f{b}\x1f{key}", ["e", a, b, key, data])
    for node in added:  # divisions added by attach_places (provinces, cities…)
        buckets.put(node, ["n", node, dict(names.nodes[node])])
    for source, target, key, data in names.edges(keys=True, data=True):
        buckets.put(f"{source}\x1f{target}\x1f{key}", ["e", source, target, key, dict(data)])
    writer = ImportWriter(folder)
    labels: Counter = Counter()
    relations: Counter = Counter()
    for records in buckets.parts():
        nodes: dict[str, dict[str, Any]] = {}
        edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        for row in records:
            if row[0] == "n":
                _merge_data(nodes.setdefault(row[1], {}), row[2], edge=False)
            else:
                _merge_data(edges.setdefault((row[1], row[2], row[3]), {}), row[4], edge=True)
        for node, data in nodes.items():
            if node in names and data.get("label") in ENTITY_LABELS:
                kept = names.nodes[node]
                data["name"] = kept["name"]
                for key in ("aliases", "merged_from"):
                    if kept.get(key):
                        data[key] = [a for a in kept[key] if a != kept["name"]] if key == "aliases" else kept[key]
                for key in ("adcode", "level"):
                    if key in kept:
                        data[key] = kept[key]
            elif node.startswith("Status:") and data.get("label") == "Status":
                project = node[len("Status:"):].rsplit("|", 3)[0]
                if project in names:
                    data["project"] = names.nodes[project]["name"]
            writer.add_node(node, data)
            labels[data.get("label")] += 1
        for (source, target, key), data in edges.items():
            if issuer_of is not None and _pruned(names, source, target, key, data, issuer_of):
                if not names.has_edge(source, target, key):
                    continue
                data = dict(names.edges[source, target, key])  # the whole build drops the stated edge, then adds this
            writer.add_relationship(source, target, key, data)
            relations[key] += 1
    shutil.rmtree(buckets.folder, ignore_errors=True)
    return writer.close(), labels, relations


def _results(items: list[Any], *, jobs: int | None, dask: str | None, max_bytes: int | None,
             ) -> Iterable[_Part | str]:
    extract = partial(_extract_part, max_bytes=max_bytes)
    if dask:
        from kg.dask_build import dask_map  # noqa: PLC0415

        return dask_map(extract, items, dask, workers=jobs)
    jobs = jobs or os.cpu_count() or 1
    return in_processes(extract, items, jobs, window=4 * jobs)  # bounded: results never pile up in the client


def stream_build(inputs: Iterable[str | Path], out_dir: str | Path, *, max_graph_nodes: int,
                 jobs: int | None = None, dask: str | None = None, max_bytes: int | None = None,
                 progress: Callable[[int, int], object] | None = None,
                 page_options: dict | None = None) -> StreamResult:
    """Build ``inputs`` into ``out_dir`` with shards; above ``max_graph_nodes`` nodes, bulk-import files only.

    ``progress(done, total)`` is called once per file; ``jobs``/``dask`` choose where extraction
    runs (see :func:`kg.build.build`). Unreadable files become problem lines.
    """
    from kg.export import write_graph_files  # noqa: PLC0415

    inputs = list(inputs)
    target = check_out_dir(out_dir, inputs)
    files, problems = walk_inputs(inputs, exclude=[target])
    with graph_folder(out_dir, inputs) as tmp:
        shards = ShardWriter(tmp / SHARD_FOLDER)
        graph: nx.MultiDiGraph | None = new_graph()
        names = _NameTable()
        mentions = MentionRecords()  # rows in a temporary file, not in memory
        issuer_of: dict[str, str | None] = {}  # document → issuer, for the place prunes
        issuers: set[str] = set()
        warnings: list[str] = []
        merged = 0
        for done, result in enumerate(_results(files, jobs=jobs, dask=dask, max_bytes=max_bytes), 1):
            if isinstance(result, str):
                problems.append(result)
            else:
                doc = result.extraction.document
                shards.write_line(result.line)
                names.add(result.names, doc.issuer)
                mentions.add_rows(result.mentions)
                issuer_of[doc.id] = doc.issuer
                if graph is not None:
                    add_extraction(graph, result.extraction)
                    if graph.number_of_nodes() > max_graph_nodes:
                        graph = None  # from here on the shards are the graph
                problems.extend(result.extraction.glossary_problems)
                if (line := report_warning(result.extraction)) is not None:
                    warnings.append(line)
                merged += 1
                if doc.issuer:
                    issuers.add(doc.issuer)
            if progress is not None:
                progress(done, len(files))
        shards.close()
        if not merged:
            detail = "; ".join(problems) if problems else "no .txt, .md, .html or .docx file found"
            raise KGError(f"nothing could be built ({detail}); pass readable .txt, .md, .html or .docx reports")
        if graph is not None:
            merges = _finish(graph, issuers)
            write_graph_files(graph, tmp, page_options=page_options, mentions=mentions,
                              extra={"merges.json": [merge.to_dict() for merge in merges]})
        else:
            name_graph, merges, added = names.resolve(issuers)
            del names
            written, labels, relations = _write_from_shards(tmp / SHARD_FOLDER, tmp / IMPORT_FOLDER, name_graph,
                                                            merges, added, issuer_of)
            write_table(table_rows(name_graph, "mentions.csv", mentions=mentions), COLUMNS["mentions.csv"],
                        tmp / "mentions.csv")
            (tmp / "merges.json").write_text(json.dumps([m.to_dict() for m in merges], ensure_ascii=False,
                                                        indent=1), encoding="utf-8")
    if graph is not None:
        return StreamResult(target, merged, problems, merges, graph=graph, warnings=warnings)
    folder = target / IMPORT_FOLDER
    files_written = ImportFiles(folder, tuple(folder / p.name for p in written.node_files),
                                tuple(folder / p.name for p in written.relationship_files), written.nodes,
                                written.relationships)
    return StreamResult(target, merged, problems, merges, import_files=files_written, labels=labels,
                        relations=relations, skipped=_SKIPPED, warnings=warnings)
