"""A build whose memory stays flat as the archive grows: ``kg build … --max-graph-nodes N``.

The work runs as tasks of the local process pool or of a Dask cluster (``--dask``); the client
(this process) keeps only the coordination and a compact name table (type, name, aliases,
issuers, mentions: no evidence, no edges). Three stages:

1. *extract* (one task a document): the worker extracts the file and writes, into the build's
   temporary folder, the subgraph the document contributes (its shard line, :mod:`kg.shards`)
   and its ``mentions.csv`` rows; it returns a small summary: the document's name rows, its
   warning line, and — only while the client still builds the graph in memory — the pickled
   extraction. The in-memory graph is built only while it has at most ``N`` nodes.
2. at most ``N`` nodes: the build finishes as ``kg build`` always does (cross-report
   resolution, places, ``graph.json``, GraphML, the page, CSVs with ``mentions.csv``,
   ``merges.json``), plus the shards ``DIR/extractions/part-NNNNN.jsonl``;
3. more: the graph is dropped as soon as it passes ``N`` and the small outputs are skipped.
   Cross-report resolution (:func:`kg.resolution.resolve_across`) and places
   (:func:`kg.places.attach_places`) run on the name table alone, in the client, which writes
   what the tasks need once (the name graph, the merges: ``.buckets/context.pickle``; the
   documents' issuers it wrote line by line as they came back: ``.buckets/issuers.jsonl``). Then
   *partition* (one task a shard of :data:`kg.shards.DOCS_PER_SHARD` documents) writes the
   shard, maps its ids through resolution into bucket files and writes its ``mentions.csv``
   rows with the kept ids; *merge* (one task a bucket; buckets are independent) merges one
   bucket and writes its rows of the bulk-import files as ``DIR/neo4j-import/nodes-LABEL-NNNNN.csv``
   and ``relationships-TYPE-NNNNN.csv`` (one set per bucket, each with its own header;
   ``scripts/neo4j-local import`` takes them all). The place edges the whole build prunes (a
   stated ``PART_OF`` between divisions the codes say are not nested, a project's
   ``LOCATED_IN`` read from its name in another province than its reports') are pruned as
   their bucket is merged, by the same functions of :mod:`kg.places` on the edge alone. The
   client concatenates the ``mentions.csv`` pieces (bytes, no parsing).

Tasks write through temporary names and delete nothing they read, so a task the cluster runs
again (a worker lost) writes the same files; everything is inside the build's temporary
folder, which becomes ``DIR`` only when the whole build succeeded. With ``--dask`` the workers
must see that folder (``--out`` on a file system they share, as they share the inputs); the
build says so otherwise. A worker holds the name graph and one bucket (or one shard).

Both paths give the same node ids, relationships and counts (a test checks it).
"""
from __future__ import annotations

import csv
import json
import math
import os
import pickle
import shutil
import uuid
import zlib
from collections import Counter
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any, TextIO, overload

import networkx as nx

from extractors.errors import KGError
from extractors.walk import InputFile, walk_inputs
from kg.build import _finish, add_extraction, report_warning
from kg.model import ENTITY_LABELS, MAX_EVIDENCE, merge_lists, new_graph
from kg.neo4j_import import IMPORT_FOLDER, ImportFiles, ImportWriter
from kg.outdir import check_out_dir, graph_folder
from kg.ids import document_id
from kg.places import attach_places, prune_foreign_sites, prune_namesake_parts
from kg.workers import extract_or_problem, in_processes
from kg.resolution import QUALIFIED_RULE, Merge, qualified_merge, resolve_across
from kg.shards import DOCS_PER_SHARD, SHARD_FOLDER, ShardWriter, shard_line, subgraph_record
from kg.tables import COLUMNS, MentionRecords, mention_rows, write_table

__all__ = ["StreamResult", "stream_build", "BUCKET_BYTES"]

#: Bytes of shard records per bucket file when merging from the shards (one bucket is in memory at a time).
BUCKET_BYTES = 16 * 1024 * 1024
#: At most this many bucket files (open at once while partitioning); past it buckets grow instead.
MAX_BUCKETS = 800
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_SKIPPED = ("graph.json", "graph.graphml", "graph.html", "entities.csv", "relations.csv")


@dataclass
class StreamResult:
    """What a streaming build wrote: the folder, and either the graph or the bulk-import files."""

    out: Path
    documents: int
    problems: list[str]
    merges: list[Merge]  # above the limit without the issuer-qualified records (one a report: see merges.json)
    graph: nx.MultiDiGraph | None = None  # None: above max_graph_nodes, only the import files were written
    import_files: ImportFiles | None = None
    labels: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    skipped: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)  # one line per report not fully understood


class _NameTable:
    """Entity nodes reduced to what resolution reads: type, name, aliases, issuers and mentions.

    It grows with the names, not with the documents: a row is a short list ``[label, name,
    aliases, issuers, mentions]`` (tuples; labels and issuers one shared string each; name None
    when the id is ``label:name``, as most are), ~400 bytes a name with its id and aliases, and the
    only thing kept per document is what names it in ``merges.json``: each generic body a
    report named by its government (``qualified_from``, ``plain|doc|government``, written one at
    a time into ``merges.json`` at the end) is kept as two ints: the document's number and which of
    the entity's few forms (the item's two other parts) it has.
    """

    def __init__(self, doc_of: Callable[[int], str]) -> None:
        self.entities: dict[str, list[Any]] = {}  # id → [label, name or None, aliases, issuers, mentions]
        self.qualified: dict[str, _Qualified] = {}  # id → its qualified_from items, compactly
        self._doc_of = doc_of  # document number → document id
        self._shared: dict[str | None, str | None] = {}

    def _share(self, text: str | None) -> str | None:
        return self._shared.setdefault(text, text)

    def add(self, rows: list[_NameRow], issuer: str | None, doc: str, number: int) -> None:
        """Add the name rows (see :func:`_name_rows`) of document ``doc``, number ``number`` of the build."""
        issuer = self._share(issuer)
        for node, label, name, aliases, mentions, qualified in rows:
            entry = self.entities.get(node)
            if entry is None:
                entry = self.entities[node] = [self._share(label), None if node == f"{label}:{name}" else name,
                                               (), (), 0]
            if any(alias not in entry[2] for alias in aliases):
                entry[2] = tuple(merge_lists(list(entry[2]), aliases))
            if issuer not in entry[3]:
                entry[3] = (*entry[3], issuer)
            entry[4] += mentions
            if qualified:
                self.qualified.setdefault(node, _Qualified()).add(qualified, doc, number, self._doc_of)

    def qualified_merges(self) -> Iterator[Merge]:
        """The ``issuer-qualified`` records resolution puts first in ``merges.json``, in the same order
        (:func:`kg.resolution.qualified_merge`), made one at a time."""
        for node, entry in self.entities.items():
            if node in self.qualified:
                for item in self.qualified[node].items(self._doc_of):
                    yield qualified_merge(node, entry[0], _name(node, entry), item)

    def resolve(self, issuers: set[str]) -> tuple[nx.MultiDiGraph, list[Merge], list[str]]:
        """Resolution and places on a graph of names only; the graph, the merges (without the
        ``issuer-qualified`` records: see :meth:`qualified_merges`), and its new node ids."""
        graph = new_graph()
        docs: dict[str | None, str] = {}
        for node, (label, name, aliases, node_issuers, mentions) in self.entities.items():
            for issuer in node_issuers:
                if issuer not in docs:
                    docs[issuer] = f"issuer:{issuer or ''}"
                    graph.add_node(f"Document:{docs[issuer]}", label="Document", name=docs[issuer], issuer=issuer,
                                   docs=[], years=[])
            graph.add_node(node, label=label, name=_name(node, (label, name)), aliases=list(aliases),
                           mentions=mentions, docs=[docs[i] for i in node_issuers], years=[])
        before = set(graph.nodes)
        merges = resolve_across(graph)
        attach_places(graph, issuer=next(iter(issuers)) if len(issuers) == 1 else None)
        return graph, merges, [node for node in graph.nodes if node not in before]


def _name(node: str, entry: Sequence[Any]) -> str:
    """The name of a name-table row (kept only when the id is not ``label:name``)."""
    return node[len(entry[0]) + 1:] if entry[1] is None else entry[1]


class _Qualified:
    """One entity's ``qualified_from`` items in arrival order, as (document number, form) pairs: the
    forms (the item around the document id: ``plain|`` and ``|government``) are few, the numbers ints."""

    def __init__(self) -> None:
        self.forms: list[tuple[str, str | None]] = []  # (before, after) the document id; (item, None): as is
        self.numbers = array("q")
        self.form_of = array("I")

    def add(self, items: list[str], doc: str, number: int, doc_of: Callable[[int], str]) -> None:
        """Add document ``doc``'s items (documents are unique in a build, and so are their items)."""
        own = doc_of(number) == doc
        for item in items:
            at = item.find(f"|{doc}|") if own else -1
            form = (item[:at + 1], item[at + 1 + len(doc):]) if at >= 0 else (item, None)
            try:
                index = self.forms.index(form)
            except ValueError:
                index = len(self.forms)
                self.forms.append(form)
            self.numbers.append(number)
            self.form_of.append(index)

    def items(self, doc_of: Callable[[int], str]) -> Iterator[str]:
        """The items, as the whole graph holds them."""
        for number, index in zip(self.numbers, self.form_of):
            before, after = self.forms[index]
            yield before if after is None else f"{before}{doc_of(number)}{after}"


_NameRow = tuple[str, str, str, list[str], int, list[str]]


def _name_rows(graph: nx.MultiDiGraph) -> list[_NameRow]:
    """The name-table rows of one document's subgraph: (id, type, name, aliases, mentions, qualified_from)."""
    return [(node, data["label"], data["name"], list(data.get("aliases", [])), data.get("mentions", 0) or 0,
             list(data.get("qualified_from", [])))
            for node, data in graph.nodes(data=True) if data.get("label") in ENTITY_LABELS]


@dataclass
class _Control:
    """Shared by the client and its jobs: whether workers still send the whole extraction back."""

    full: bool = True


@dataclass(frozen=True)
class _Job:
    """One document to extract: the file, its number in the build, and where the worker writes."""

    item: Any  # an extractors.walk.InputFile
    number: int
    folder: str  # the build's temporary folder (a file system the workers share)
    control: _Control  # pickled when the job is sent: its value then decides what comes back

    @property
    def path(self) -> Any:
        """The file (how a failed task is named)."""
        return getattr(self.item, "path", self.item)


class _Files(Sequence[InputFile]):
    """The build's input files packed in one buffer (their paths and document ids as UTF-8 bytes:
    ~100 bytes a file where a list of :class:`~extractors.walk.InputFile` objects takes ~650)."""

    def __init__(self, files: Iterable[InputFile]) -> None:
        self._text = bytearray()
        self._ends = array("q")  # where each file's path, then its document id, ends
        for item in files:
            for text in (str(item.path), item.doc_id):
                self._text += text.encode("utf-8", "surrogatepass")
                self._ends.append(len(self._text))

    def _string(self, index: int) -> str:
        start = self._ends[index - 1] if index else 0
        return self._text[start:self._ends[index]].decode("utf-8", "surrogatepass")

    def doc_id(self, number: int) -> str:
        """The document id of file ``number``."""
        return self._string(2 * number + 1)

    def __len__(self) -> int:
        return len(self._ends) // 2

    @overload
    def __getitem__(self, index: int) -> InputFile: ...

    @overload
    def __getitem__(self, index: slice) -> list[InputFile]: ...

    def __getitem__(self, index: int | slice) -> InputFile | list[InputFile]:
        if isinstance(index, slice):
            return [self[number] for number in range(len(self))[index]]
        number = range(len(self))[index]
        return InputFile(Path(self._string(2 * number)), self._string(2 * number + 1))


class _Jobs(Sequence[_Job]):
    """The extraction jobs of a build, made as the engine takes them (not one object per document up front)."""

    def __init__(self, files: Sequence[Any], folder: str, control: _Control, numbers: range | None = None) -> None:
        self.files, self.folder, self.control = files, folder, control
        self.numbers = range(len(files)) if numbers is None else numbers

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, index: int) -> _Job: ...

    @overload
    def __getitem__(self, index: slice) -> _Jobs: ...

    def __getitem__(self, index: int | slice) -> _Job | _Jobs:
        if isinstance(index, slice):
            return _Jobs(self.files, self.folder, self.control, self.numbers[index])
        number = self.numbers[index]
        return _Job(self.files[number], number, self.folder, self.control)


@dataclass
class _Summary:
    """What a worker returns for one document: the little the client needs. The subgraph and the
    ``mentions.csv`` rows are in files the worker wrote (see :func:`_doc_files`)."""

    number: int
    doc: str
    issuer: str | None
    names: list[_NameRow]
    size: int  # bytes of the shard line
    warning: str | None
    glossary_problems: list[str]
    extraction: bytes | None = None  # pickled, while the client still builds the graph in memory


_DOCS = ".docs"  # per-document files the workers write, inside the build's temporary folder
_BUCKETS = ".buckets"
_MENTIONS = ".mentions"
_CONTEXT_FILE = "context.pickle"
_ISSUERS_FILE = "issuers.jsonl"  # [document, issuer] a line, written by the client as documents come back


def _doc_files(folder: str | Path, number: int) -> tuple[Path, Path]:
    """The shard line and the raw ``mentions.csv`` rows of document ``number``."""
    base = Path(folder) / _DOCS / f"{number:07d}"
    return base.with_suffix(".jsonl"), base.with_suffix(".mentions.csv")


def _write_atomically(path: Path, write: Callable[[TextIO], object]) -> None:
    """Write a file through a temporary name, so a task killed mid-way leaves no half file under ``path``
    (a task run again by the cluster writes it again, whole)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        write(handle)
    os.replace(tmp, path)


def _extract_doc(job: _Job, max_bytes: int | None = None) -> _Summary | str:
    """Extract one file on a worker and write its shard line and mention rows; return a small summary."""
    result = extract_or_problem(job.item, max_bytes=max_bytes)
    if isinstance(result, str):
        return result
    doc = result.document
    part = new_graph()
    renamed = add_extraction(part, result)
    line = shard_line(subgraph_record(doc.id, doc.issuer, part))
    record_path, mentions_path = _doc_files(job.folder, job.number)
    _write_atomically(record_path, lambda handle: handle.write(line))
    _write_atomically(mentions_path, lambda handle: csv.writer(handle).writerows(mention_rows(result, renamed)))
    return _Summary(job.number, doc.id, doc.issuer, _name_rows(part), len(line.encode("utf-8")),
                    report_warning(result), list(result.glossary_problems),
                    pickle.dumps(result, pickle.HIGHEST_PROTOCOL) if job.control.full else None)


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


def _targets(merges: list[Merge]) -> dict[str, str]:
    """Merged id → kept id (merged entities; records of the qualified rule are not merges)."""
    return {m.merged: m.kept for m in merges
            if not m.refused and m.merged != m.kept and m.rule != QUALIFIED_RULE}


def _mapper(target: dict[str, str]) -> Callable[[str], str]:
    """Node id → id after resolution (merged entities and their Status nodes take the kept id)."""

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
    if key not in _PRUNED_TYPES or source not in names or target not in names:
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


_PRUNED_TYPES = ("PART_OF", "LOCATED_IN")


@dataclass
class _Context:
    """What the partition and merge tasks read, written once by the client after resolution."""

    names: nx.MultiDiGraph  # the name graph after resolution and places
    target: dict[str, str]  # merged id → kept id
    moved: dict[str, str]  # old entity id → the id it was merged into (for mentions.csv)
    buckets: int


_loaded: dict[str, _Context] = {}  # one per worker process: the context of the build it works for
_issuers_loaded: dict[str, dict[str, str | None]] = {}  # and its documents' issuers (when a task needs them)


def _context(folder: str) -> _Context:
    """The build's context, read once per process (the client puts it here before forking its pool)."""
    if folder not in _loaded:
        with open(Path(folder) / _BUCKETS / _CONTEXT_FILE, "rb") as handle:
            context = pickle.load(handle)
        _loaded.clear()
        _loaded[folder] = context
    return _loaded[folder]


def _issuer_of(folder: str) -> dict[str, str | None]:
    """Document → issuer for the place prunes, read once per process from the file the client wrote
    line by line as the documents came back (``.buckets/issuers.jsonl``): a worker's table, not the client's."""
    if folder not in _issuers_loaded:
        table: dict[str, str | None] = {}
        with open(Path(folder) / _BUCKETS / _ISSUERS_FILE, encoding="utf-8") as handle:
            for line in handle:
                doc, issuer = json.loads(line)
                table[doc] = issuer
        _issuers_loaded.clear()
        _issuers_loaded[folder] = table
    return _issuers_loaded[folder]


def _bucket(key: str, count: int) -> int:
    return zlib.crc32(key.encode("utf-8")) % count


def _bucket_folder(folder: str | Path, bucket: int) -> Path:
    return Path(folder) / _BUCKETS / f"b{bucket:05d}"


@dataclass(frozen=True)
class _ShardTask:
    """One shard: its number and the documents in it, in order."""

    folder: str
    shard: int
    numbers: tuple[int, ...]


def _partition(task: _ShardTask) -> int:
    """On a worker: write shard ``part-NNNNN.jsonl`` from its documents' lines, map their ids through
    resolution into the bucket files, and write their ``mentions.csv`` rows with the kept ids.

    Reads only what the document tasks wrote and deletes nothing, so the cluster may run it again.
    """
    context = _context(task.folder)
    map_id = _mapper(context.target)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    pieces: dict[int, list[str]] = {}
    folder = Path(task.folder)
    lines = [_doc_files(folder, number)[0].read_text(encoding="utf-8") for number in task.numbers]
    _write_atomically(folder / SHARD_FOLDER / f"part-{task.shard:05d}.jsonl", lambda handle: handle.writelines(lines))
    for line in lines:
        record = json.loads(line)
        for node, data in record["nodes"]:
            new_id = map_id(node)
            pieces.setdefault(_bucket(new_id, context.buckets), []).append(encode(["n", new_id, data]))
        for source, target, key, data in record["edges"]:
            a, b = map_id(source), map_id(target)
            if a == b and source != target:
                continue  # an edge between two merged nodes says nothing any more
            pieces.setdefault(_bucket(f"{a}\x1f{b}\x1f{key}", context.buckets), []).append(
                encode(["e", a, b, key, data]))
    del lines
    for bucket, rows in pieces.items():
        _write_atomically(_bucket_folder(folder, bucket) / f"s{task.shard:05d}.jsonl",
                          lambda handle: handle.write("\n".join(rows) + "\n"))
    names = context.names
    moved = context.moved

    def mention_dicts() -> Iterator[dict[str, Any]]:  # as kg.tables writes mentions.csv from a whole graph
        for number in task.numbers:
            with open(_doc_files(folder, number)[1], encoding="utf-8", newline="") as handle:
                for row in csv.reader(handle):
                    document, entity, kind, start, end, *rest = row
                    while entity not in names and entity in moved:
                        entity = moved[entity]
                    if entity in names:
                        kind = names.nodes[entity].get("label", kind)
                    yield dict(zip(COLUMNS["mentions.csv"], (document, entity, kind, int(start), int(end), *rest)))

    piece = folder / _MENTIONS / f"s{task.shard:05d}.csv"
    tmp = piece.with_name(f".{piece.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}")
    write_table(mention_dicts(), COLUMNS["mentions.csv"], tmp)
    os.replace(tmp, piece)
    return len(task.numbers)


def _names_piece(folder: Path, names: nx.MultiDiGraph, added: list[str], count: int) -> None:
    """The records resolution itself adds (divisions and their edges), last in each bucket."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    pieces: dict[int, list[str]] = {}
    for node in added:  # divisions added by attach_places (provinces, cities…)
        pieces.setdefault(_bucket(node, count), []).append(encode(["n", node, dict(names.nodes[node])]))
    for source, target, key, data in names.edges(keys=True, data=True):
        pieces.setdefault(_bucket(f"{source}\x1f{target}\x1f{key}", count), []).append(
            encode(["e", source, target, key, dict(data)]))
    for bucket, rows in pieces.items():
        _write_atomically(_bucket_folder(folder, bucket) / "t-names.jsonl",
                          lambda handle: handle.write("\n".join(rows) + "\n"))


@dataclass
class _BucketResult:
    """What one merged bucket wrote."""

    node_files: list[str]
    relationship_files: list[str]
    nodes: int
    relationships: int
    labels: Counter
    relations: Counter


def _bucket_rows(folder: Path, bucket: int) -> Iterator[list[Any]]:
    """A bucket's records in build order: shard by shard, then what resolution added."""
    path = _bucket_folder(folder, bucket)
    if not path.is_dir():
        return
    pieces = sorted(p for p in path.iterdir() if p.name.endswith(".jsonl") and not p.name.startswith("."))
    for piece in pieces:  # s00000.jsonl … then t-names.jsonl
        with open(piece, encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)


def _merge_bucket(task: tuple[str, int]) -> _BucketResult:
    """On a worker: merge one bucket's records and write its rows of the bulk-import files
    (``nodes-LABEL-NNNNN.csv``, ``relationships-TYPE-NNNNN.csv``), whole files only."""
    folder, bucket = Path(task[0]), task[1]
    context = _context(task[0])
    names = context.names
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in _bucket_rows(folder, bucket):
        if row[0] == "n":
            _merge_data(nodes.setdefault(row[1], {}), row[2], edge=False)
        else:
            _merge_data(edges.setdefault((row[1], row[2], row[3]), {}), row[4], edge=True)
    target = folder / IMPORT_FOLDER
    scratch = target / f".bucket-{bucket:05d}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
    writer = ImportWriter(scratch, suffix=f"-{bucket:05d}", in_memory=True)  # the bucket is in memory anyway
    labels: Counter = Counter()
    relations: Counter = Counter()
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
    del nodes
    for (source, end, key), data in edges.items():
        if key in _PRUNED_TYPES and _pruned(names, source, end, key, data, _issuer_of(task[0])):
            if not names.has_edge(source, end, key):
                continue
            data = dict(names.edges[source, end, key])  # the whole build drops the stated edge, then adds this
        writer.add_relationship(source, end, key, data)
        relations[key] += 1
    written = writer.close()
    for path in (*written.node_files, *written.relationship_files):
        os.replace(path, target / path.name)
    shutil.rmtree(scratch, ignore_errors=True)
    return _BucketResult([p.name for p in written.node_files], [p.name for p in written.relationship_files],
                         written.nodes, written.relationships, labels, relations)


class _Engine:
    """Where a build's tasks run: the local process pool, or one Dask session for every stage."""

    def __init__(self, jobs: int | None, dask: str | None) -> None:
        self.jobs = jobs  # None: as many as the machine's cores (or a LocalCluster's default)
        self.dask = dask
        self._stack = ExitStack()
        self.session: Any = None

    def __enter__(self) -> _Engine:
        if self.dask:
            from kg.dask_build import DaskSession  # noqa: PLC0415 - dask is imported only when asked for

            self.session = self._stack.enter_context(DaskSession(self.dask, workers=self.jobs))
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def check_shared(self, folder: Path) -> None:
        """Refuse a cluster whose workers cannot see ``folder`` (they write the build's files into it)."""
        if self.session is not None and not self.session.sees(str(folder)):
            raise KGError(f"the Dask workers cannot see {folder.parent}; with --max-graph-nodes they write into "
                          "the output folder, so put --out on a file system the workers share (as the inputs)")

    def map(self, func: Callable[[Any], Any], items: Sequence[Any], *, warm: bool, name: str) -> Iterator[Any]:
        """``func`` over ``items``, in order; a problem line (str) for a document whose task failed."""
        if self.session is not None:
            return self.session.map(func, items, warm=warm, name=name)
        jobs = self.jobs or os.cpu_count() or 1
        return in_processes(func, items, jobs, window=4 * jobs, warm=warm)  # bounded window

    def run(self, func: Callable[[Any], Any], items: Sequence[Any], *, name: str) -> Iterator[Any]:
        """``func`` over ``items`` where a failed task stops the build (partition and merge tasks)."""
        if self.session is not None:
            return self.session.map(func, items, warm=False, name=name, strict=True)
        jobs = self.jobs or os.cpu_count() or 1
        return in_processes(func, items, jobs, window=4 * jobs, warm=False)  # a task's error propagates


def _bucket_count(size: int) -> int:
    return min(MAX_BUCKETS, max(4, math.ceil(size / BUCKET_BYTES)))


def _write_from_docs(engine: _Engine, tmp: Path, numbers: Sequence[int], size: int, name_graph: nx.MultiDiGraph,
                     merges: list[Merge], added: list[str]) -> tuple[ImportFiles, Counter, Counter]:
    """Shards, bucket merge, import files and ``mentions.csv``, all as tasks of ``engine``; the client
    writes the context once and concatenates the ``mentions.csv`` pieces."""
    count = _bucket_count(size)
    (tmp / _BUCKETS).mkdir()
    (tmp / _MENTIONS).mkdir()
    (tmp / IMPORT_FOLDER).mkdir()
    for bucket in range(count):
        _bucket_folder(tmp, bucket).mkdir()
    moved = {old: node for node, data in name_graph.nodes(data=True) for old in data.get("merged_from") or []}
    context = _Context(name_graph, _targets(merges), moved, count)
    with open(tmp / _BUCKETS / _CONTEXT_FILE, "wb") as handle:
        pickle.dump(context, handle, pickle.HIGHEST_PROTOCOL)
    _loaded.clear()
    _loaded[str(tmp)] = context  # tasks run here (one job) or in forked workers need not read it again
    shards = [_ShardTask(str(tmp), shard, tuple(numbers[start:start + DOCS_PER_SHARD]))
              for shard, start in enumerate(range(0, len(numbers), DOCS_PER_SHARD))]
    for _ in engine.run(_partition, shards, name="kg-partition"):
        pass
    os.replace(tmp / _DOCS / _ISSUERS_FILE, tmp / _BUCKETS / _ISSUERS_FILE)
    shutil.rmtree(tmp / _DOCS, ignore_errors=True)
    _names_piece(tmp, name_graph, added, count)
    labels: Counter = Counter()
    relations: Counter = Counter()
    node_files: list[Path] = []
    relationship_files: list[Path] = []
    nodes = relationships = 0
    for result in engine.run(_merge_bucket, [(str(tmp), bucket) for bucket in range(count)], name="kg-merge"):
        node_files += [tmp / IMPORT_FOLDER / name for name in result.node_files]
        relationship_files += [tmp / IMPORT_FOLDER / name for name in result.relationship_files]
        nodes += result.nodes
        relationships += result.relationships
        labels.update(result.labels)
        relations.update(result.relations)
    _loaded.clear()
    _issuers_loaded.clear()
    for leftover in (tmp / IMPORT_FOLDER).glob(".bucket-*"):  # of tasks whose worker died mid-way
        shutil.rmtree(leftover, ignore_errors=True)
    with open(tmp / "mentions.csv", "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerow(COLUMNS["mentions.csv"])
        for shard in shards:
            with open(tmp / _MENTIONS / f"s{shard.shard:05d}.csv", encoding="utf-8", newline="") as piece:
                piece.readline()  # each piece has the header
                shutil.copyfileobj(piece, out)
    shutil.rmtree(tmp / _MENTIONS, ignore_errors=True)
    shutil.rmtree(tmp / _BUCKETS, ignore_errors=True)
    return (ImportFiles(tmp / IMPORT_FOLDER, tuple(node_files), tuple(relationship_files), nodes, relationships),
            labels, relations)


def _small_outputs(tmp: Path, numbers: Sequence[int]) -> MentionRecords:
    """Under the limit: the shards and the mention rows from the documents' files (the client's own work)."""
    shards = ShardWriter(tmp / SHARD_FOLDER)
    mentions = MentionRecords()
    for number in numbers:
        record_path, mentions_path = _doc_files(tmp, number)
        shards.write_line(record_path.read_text(encoding="utf-8"))
        with open(mentions_path, encoding="utf-8", newline="") as handle:
            mentions.add_rows(map(tuple, csv.reader(handle)))
    shards.close()
    shutil.rmtree(tmp / _DOCS, ignore_errors=True)
    return mentions


def _write_merges(path: Path, merges: Iterable[Merge]) -> None:
    """``merges.json`` one record at a time: the bytes of ``json.dumps([...], ensure_ascii=False, indent=1)``."""
    with open(path, "w", encoding="utf-8") as out:
        opening = "[\n "
        for merge in merges:
            out.write(opening + json.dumps(merge.to_dict(), ensure_ascii=False, indent=1).replace("\n", "\n "))
            opening = ",\n "
        out.write("[]" if opening == "[\n " else "\n]")


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
    walked, problems = walk_inputs(inputs, exclude=[target])
    files = _Files(walked)
    del walked
    with graph_folder(out_dir, inputs) as tmp, _Engine(jobs, dask) as engine:
        tmp = tmp.resolve()
        (tmp / _DOCS).mkdir()
        (tmp / SHARD_FOLDER).mkdir()
        engine.check_shared(tmp / _DOCS)
        control = _Control()
        graph: nx.MultiDiGraph | None = new_graph()
        names = _NameTable(files.doc_id)
        issuers: set[str] = set()
        warnings: list[str] = []
        numbers = array("q")  # the documents built, in input order
        size = 0
        extract = partial(_extract_doc, max_bytes=max_bytes)
        with open(tmp / _DOCS / _ISSUERS_FILE, "w", encoding="utf-8") as issuer_lines:  # for the place prunes
            for done, result in enumerate(engine.map(extract, _Jobs(files, str(tmp), control), warm=True,
                                                     name="kg-extract"), 1):
                if isinstance(result, str):
                    problems.append(result)
                else:
                    numbers.append(result.number)
                    size += result.size
                    names.add(result.names, result.issuer, result.doc, result.number)
                    issuer_lines.write(_ENCODE([result.doc, result.issuer]) + "\n")
                    if graph is not None:
                        if result.extraction is None:  # cannot happen: jobs stop asking only once the graph is gone
                            raise RuntimeError(f"{result.doc}: no extraction came back")
                        add_extraction(graph, pickle.loads(result.extraction))  # noqa: S301 - our own workers' bytes
                        if graph.number_of_nodes() > max_graph_nodes:
                            graph = None  # from here on the shards are the graph
                            control.full = False  # and workers send summaries only
                    problems.extend(result.glossary_problems)
                    if result.warning is not None:
                        warnings.append(result.warning)
                    if result.issuer:
                        issuers.add(result.issuer)
                if progress is not None:
                    progress(done, len(files))
        merged = len(numbers)
        if not merged:
            detail = "; ".join(problems) if problems else "no .txt, .md, .html or .docx file found"
            raise KGError(f"nothing could be built ({detail}); pass readable .txt, .md, .html or .docx reports")
        if graph is not None:
            mentions = _small_outputs(tmp, numbers)
            merges = _finish(graph, issuers)
            write_graph_files(graph, tmp, page_options=page_options, mentions=mentions,
                              extra={"merges.json": [merge.to_dict() for merge in merges]})
        else:
            name_graph, merges, added = names.resolve(issuers)
            _write_merges(tmp / "merges.json", chain(names.qualified_merges(), merges))
            del names
            written, labels, relations = _write_from_docs(engine, tmp, numbers, size, name_graph, merges, added)
    if graph is not None:
        return StreamResult(target, merged, problems, merges, graph=graph, warnings=warnings)
    folder = target / IMPORT_FOLDER
    files_written = ImportFiles(folder, tuple(folder / p.name for p in written.node_files),
                                tuple(folder / p.name for p in written.relationship_files), written.nodes,
                                written.relationships)
    return StreamResult(target, merged, problems, merges, import_files=files_written, labels=labels,
                        relations=relations, skipped=_SKIPPED, warnings=warnings)
