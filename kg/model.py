"""The graph model: one networkx ``MultiDiGraph`` and its JSON/GraphML serialisers.

Nodes (id → attributes; every node has ``label``, ``name``, ``docs``, ``years``):

* entities: id ``<Type>:<name>`` (``Program:三供一业``); ``label`` is the type
  (Program, Project, Company, Place, Agency); ``aliases`` (list), ``alt_types``
  (list), ``mentions`` (int), ``definition`` (glossary text or None),
  ``evidence`` (list of evidence dicts, at most a few);
* ``Document:<doc>``: ``path``, ``year``, ``issuer``, ``chars``;
* ``Section:<doc>#<index>``: ``title``, ``role``, ``doc``, ``level``;
* ``GlossaryEntry:<doc>#<term>``: ``term``, ``page``, ``definition``, ``doc``;
* ``Status:<project id>|<stage>|<year>|<kind>``: ``stage``, ``year``, ``kind``, ``project``, ``evidence``;
* ``Indicator:<doc>#<n>``: ``value``, ``unit``, ``growth``, ``kind``, ``year``, ``qualifier``, ``basis``, ``period_start`` (年均 growth).

Edges are keyed by relation type (one edge per source, target and type) and
carry ``type``, ``weight`` (how many times it is stated), ``docs``, ``years``
and ``evidence`` (a list of ``{doc, section, start, end, sentence}``).
An evidence dict is the common currency from text to page and database.
"""
from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import GraphFileError

__all__ = [
    "NodeLabel",
    "RelType",
    "ENTITY_LABELS",
    "MAX_EVIDENCE",
    "new_graph",
    "add_node",
    "add_edge",
    "merge_lists",
    "to_data",
    "from_data",
    "write_json",
    "read_json",
    "write_graphml",
    "read_graph_dir",
    "default_graph_dir",
]

MAX_EVIDENCE = 5


class NodeLabel(StrEnum):
    """Every node label the graph (and Neo4j) may use: a fixed vocabulary."""

    PROGRAM = "Program"
    PROJECT = "Project"
    COMPANY = "Company"
    PLACE = "Place"
    AGENCY = "Agency"
    DOCUMENT = "Document"
    SECTION = "Section"
    GLOSSARY_ENTRY = "GlossaryEntry"
    STATUS = "Status"
    INDICATOR = "Indicator"


ENTITY_LABELS: frozenset[str] = frozenset({"Program", "Project", "Company", "Place", "Agency"})


class RelType(StrEnum):
    """Every relationship type the graph (and Neo4j) may use: a fixed vocabulary."""

    MENTIONED_IN = "MENTIONED_IN"
    PART_OF = "PART_OF"
    DEFINED_BY = "DEFINED_BY"
    CO_OCCURS = "CO_OCCURS"
    LOCATED_IN = "LOCATED_IN"
    BUILDS = "BUILDS"
    HAS_STATUS = "HAS_STATUS"
    REPORTS = "REPORTS"
    RELATED_TO = "RELATED_TO"


_LABEL_VALUES = frozenset(label.value for label in NodeLabel)  # plain str checks: Enum() costs µs per call
_REL_VALUES = frozenset(rel.value for rel in RelType)


def _append_new(items: list, item: Any) -> bool:
    """Append ``item`` unless present; True if appended. The last item is checked first: a
    document adds to the same node or edge many times in a row, and lists of a node named in
    every report of an archive are long."""
    if items and items[-1] == item:
        return False
    if item in items:
        return False
    items.append(item)
    return True


def new_graph() -> nx.MultiDiGraph:
    """An empty knowledge graph."""
    return nx.MultiDiGraph()


def merge_lists(old: list, new: list, limit: int | None = None) -> list:
    """``old`` then the items of ``new`` it lacks, cut to ``limit``: how list attributes merge."""
    merged = list(old)
    merged.extend(item for item in new if item not in merged)
    return merged[:limit] if limit is not None else merged


def add_node(graph: nx.MultiDiGraph, node_id: str, *, label: str, name: str, doc: str | None = None,
             year: int | None = None, **attrs: Any) -> None:
    """Add a node or merge into an existing one: lists are unioned, scalars kept if already set."""
    if type(label) is not str or label not in _LABEL_VALUES:
        label = NodeLabel(label).value  # raises ValueError for a label outside the vocabulary
    if node_id not in graph:
        graph.add_node(node_id, label=label, name=name, docs=[], years=[])
    data = graph.nodes[node_id]
    if doc is not None:
        _append_new(data["docs"], doc)
    if year is not None and _append_new(data["years"], year):
        data["years"].sort()
    for key, value in attrs.items():
        if isinstance(value, list):
            limit = MAX_EVIDENCE if key == "evidence" else None
            data[key] = merge_lists(data.get(key, []), value, limit)
        elif key == "mentions" and isinstance(value, int):
            data[key] = data.get(key, 0) + value
        elif data.get(key) in (None, ""):
            data[key] = value


def add_edge(graph: nx.MultiDiGraph, source: str, target: str, rel_type: str, *,
             evidence: dict | None = None, doc: str | None = None, year: int | None = None,
             weight: int = 1, **attrs: Any) -> None:
    """Add a typed edge or strengthen the existing one (weight, docs, years, evidence)."""
    if type(rel_type) is not str or rel_type not in _REL_VALUES:
        rel_type = RelType(rel_type).value  # raises ValueError for a type outside the vocabulary
    if graph.has_edge(source, target, key=rel_type):
        data = graph.edges[source, target, rel_type]
        data["weight"] += weight
    else:
        graph.add_edge(source, target, key=rel_type, type=rel_type, weight=weight, docs=[], years=[], evidence=[])
        data = graph.edges[source, target, rel_type]
    if doc is not None:
        _append_new(data["docs"], doc)
    if year is not None and _append_new(data["years"], year):
        data["years"].sort()
    if evidence is not None and evidence not in data["evidence"] and len(data["evidence"]) < MAX_EVIDENCE:
        data["evidence"].append(evidence)
    for key, value in attrs.items():
        data.setdefault(key, value)


def to_data(graph: nx.MultiDiGraph) -> dict:
    """Node-link data of the graph (JSON-ready); inverse of :func:`from_data`."""
    return nx.node_link_data(graph, edges="edges")


def from_data(data: dict) -> nx.MultiDiGraph:
    """The graph described by node-link data; inverse of :func:`to_data`.

    Data that declares itself a simple or undirected graph is read as a MultiDiGraph all the same.
    """
    graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    return graph if isinstance(graph, nx.MultiDiGraph) else nx.MultiDiGraph(graph)


def _records(graph: nx.MultiDiGraph, kind: str) -> Iterator[dict[str, Any]]:
    """The node or edge records of :func:`to_data`, one at a time (nothing is copied whole)."""
    if kind == "nodes":
        return ({**data, "id": node} for node, data in graph.nodes(data=True))
    if graph.is_multigraph():
        return ({**data, "source": u, "target": v, "key": k} for u, v, k, data in graph.edges(keys=True, data=True))
    return ({**data, "source": u, "target": v} for u, v, data in graph.edges(data=True))


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write node-link JSON (the data of :func:`to_data`) in UTF-8, Chinese kept readable, one record a line.

    Records are encoded one by one with json's C encoder and streamed to the file:
    ``json.dumps(indent=…)`` falls back to the pure-Python encoder and builds the whole
    text in memory, which took 17 s and ~1 GB for a 1,000-report graph.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    head = {"directed": graph.is_directed(), "multigraph": graph.is_multigraph(), "graph": graph.graph}
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(encode(head)[:-1])
        for kind in ("nodes", "edges"):
            handle.write(f',\n"{kind}": [')
            for number, record in enumerate(_records(graph, kind)):
                handle.write(("," if number else "") + "\n" + encode(record))
            handle.write("\n]")
        handle.write("}\n")


def read_json(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_json`."""
    return from_data(json.loads(Path(path).read_text(encoding="utf-8")))


_JSON_TEXT = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(…, ensure_ascii=False) without a new encoder each call
#: Characters XML 1.0 cannot hold (control characters other than tab and line ends, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold (ingest removes them; file names may still carry them)."""
    return _NOT_XML.sub("", text)


def _graphml_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        value = _JSON_TEXT(value)
    return _xml_safe(value) if isinstance(value, str) else value


_XML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


def _text(value: str) -> str:
    """XML text content escaped as lxml escapes it (str.replace runs in C; translate with a dict does not)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attr(value: str) -> str:
    """An XML attribute value escaped as lxml escapes it."""
    return (_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))
_GRAPHML_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml."
                 "graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">")


def _graphml_element(tag: str, attrs: str, data: list[tuple[str, str]]) -> str:
    if not data:
        return f"<{tag} {attrs}/>\n"
    inner = "".join(f'  <data key="{key}">{_text(text)}</data>\n' for key, text in data)
    return f"<{tag} {attrs}>\n{inner}</{tag}>\n"


def _graphml_keys(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], str] | None:
    """The GraphML keys networkx would declare, (name, type, scope) → id in order of first use; None if a
    value is of a type the fast writer leaves to networkx."""
    keys: dict[tuple[str, str, str], str] = {}
    for scope, items in (("node", (d for _, d in graph.nodes(data=True))),
                         ("edge", (d for *_, d in graph.edges(keys=True, data=True)))):
        for data in items:
            for name, value in data.items():
                kind = type(value)
                if value is None or kind is list or kind is dict:
                    kind = str
                xml_type = _XML_TYPES.get(kind)
                if xml_type is None:
                    return None
                ident = (str(name), xml_type, scope)
                if ident not in keys:
                    keys[ident] = f"d{len(keys)}"
    return keys


def _graphml_data(data: dict, scope: str, keys: dict[tuple[str, str, str], str]) -> list[tuple[str, str]]:
    out = []
    for name, value in data.items():
        kind = type(value)
        if value is None:
            value, kind = "", str
        elif kind is list or kind is dict:
            value, kind = _JSON_TEXT(value), str
        out.append((keys[(str(name), _XML_TYPES[kind], scope)], value if kind is str else str(value)))
    return out


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write GraphML; list and dict attributes become JSON strings (GraphML has no lists).

    The bytes are those of ``networkx.write_graphml`` (lxml writer) on the flattened graph, but
    written as text, a few thousand elements at a time: networkx builds one XML element per
    attribute value, which took longer than the whole extraction of an archive. A first pass
    finds the keys (declared before the graph), a second writes.
    """
    keys = _graphml_keys(graph) if graph.is_multigraph() and graph.is_directed() and not graph.graph else None
    if keys is None:
        _write_graphml_networkx(graph, path)
        return
    head = "".join(f'<key id="{ident}" for="{scope}" attr.name="{_attr(name)}" '
                   f'attr.type="{kind}"/>\n' for (name, kind, scope), ident in reversed(keys.items()))
    elements = itertools.chain(
        (_graphml_element("node", f'id="{_attr(str(node))}"', _graphml_data(data, "node", keys))
         for node, data in graph.nodes(data=True)),
        (_graphml_element("edge", f'source="{_attr(str(u))}" target="{_attr(str(v))}" id="{_attr(str(k))}"',
                          _graphml_data(data, "edge", keys))
         for u, v, k, data in graph.edges(keys=True, data=True)))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(_GRAPHML_HEAD)
        handle.write(head)
        handle.write('<graph edgedefault="directed">')
        bad = _NOT_XML.search(head) is not None
        while not bad:
            chunk = "".join(itertools.islice(elements, 2000))
            if not chunk:
                break
            bad = _NOT_XML.search(chunk) is not None
            handle.write(chunk)
        handle.write("</graph></graphml>")
    if bad:
        _write_graphml_networkx(graph, path)  # characters XML cannot hold: the slow path drops them one by one


class _Fallback(Exception):
    """A value the fast GraphML writer does not handle: networkx writes the file instead."""


def _write_graphml_networkx(graph: nx.MultiDiGraph, path: str | Path) -> None:
    flat: nx.MultiDiGraph = nx.MultiDiGraph()
    flat.graph.update(graph.graph)
    for node, data in graph.nodes(data=True):
        flat.add_node(_xml_safe(str(node)), **{k: _graphml_value(v) for k, v in data.items()})
    for source, target, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(_xml_safe(str(source)), _xml_safe(str(target)), key=_xml_safe(str(key)),
                      **{k: _graphml_value(v) for k, v in data.items()})
    nx.write_graphml(flat, str(path), encoding="utf-8")


def default_graph_dir(option: str | Path | None = None) -> Path:
    """The graph folder a command reads: the option, else $KG_GRAPH_DIR, else ./out."""
    return Path(option or os.environ.get("KG_GRAPH_DIR") or "out")


def read_graph_dir(graph_dir: str | Path) -> nx.MultiDiGraph:
    """The graph in ``graph_dir/graph.json`` (written by ``kg build``), with a clear error if missing or broken."""
    folder = Path(graph_dir)
    path = folder / "graph.json"
    if not folder.is_dir():
        raise GraphFileError(f"graph folder {folder} does not exist; run `kg build REPORT --out {folder}` first")
    if not path.is_file():
        raise GraphFileError(f"{path} does not exist; run `kg build REPORT --out {folder}` first")
    try:
        return read_json(path)
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError) as error:
        raise GraphFileError(f"{path} is not a graph written by `kg build` ({error}); rebuild it with "
                             f"`kg build REPORT --out {folder}`") from None
