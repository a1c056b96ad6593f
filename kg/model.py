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

import contextlib
import itertools
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

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
    "write_json_and_graphml",
    "json_text",
    "edge_items",
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
    nodes: dict = graph._node  # type: ignore[attr-defined]  # id → attributes, without a view per call
    data = nodes.get(node_id)
    if data is None:
        graph.add_node(node_id, label=label, name=name, docs=[], years=[])
        data = nodes[node_id]
    if doc is not None:
        _append_new(data["docs"], doc)
    if year is not None and _append_new(data["years"], year):
        data["years"].sort()
    for key, value in attrs.items():
        if isinstance(value, list):
            limit = MAX_EVIDENCE if key == "evidence" else None
            old = data.get(key)
            if type(old) is list and (not value or (limit is not None and len(old) >= limit)) and \
                    (limit is None or len(old) <= limit):
                continue  # nothing to add (or no room for it): the list stays as it is, not copied
            data[key] = merge_lists(old if old is not None else [], value, limit)
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
    adjacency: dict = graph._adj  # type: ignore[attr-defined]  # node → target → key → data: no view per call
    keyed = adjacency[source].get(target) if source in adjacency else None
    data = keyed.get(rel_type) if keyed is not None else None
    if data is not None:
        data["weight"] += weight
    elif graph.__class__ is nx.MultiDiGraph and source in adjacency and target in adjacency:
        # a new edge between nodes already there: the dicts networkx's add_edge makes, made here without its
        # checks and keyword dicts (half the cost of merging an extraction's edges)
        data = {"type": rel_type, "weight": weight, "docs": [], "years": [], "evidence": []}
        if keyed is None:
            keyed = {rel_type: data}  # one key dict for both directions, as networkx shares it
            adjacency[source][target] = graph._pred[target][source] = keyed  # type: ignore[attr-defined]
        else:
            keyed[rel_type] = data
        if cache := getattr(graph, "__networkx_cache__", None):  # what networkx clears on every change
            cache.clear()
    else:  # a node to add as well (networkx adds it bare), or a graph class of its own
        graph.add_edge(source, target, key=rel_type, type=rel_type, weight=weight, docs=[], years=[], evidence=[])
        data = adjacency[source][target][rel_type]
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


def edge_items(graph: nx.MultiDiGraph) -> Iterator[tuple[Any, Any, Any, dict]]:
    """``(source, target, key, attributes)`` of every edge of a multigraph, in the order of
    ``graph.edges(keys=True, data=True)``, read straight from the adjacency dicts: the writers walk
    every edge, and networkx's view calls a function per edge to make each tuple."""
    for source, targets in graph.adjacency():
        for target, keyed in targets.items():
            for key, data in keyed.items():
                yield source, target, key, data


def _records(graph: nx.MultiDiGraph, kind: str) -> Iterator[dict[str, Any]]:
    """The node or edge records of :func:`to_data`, one at a time (nothing is copied whole)."""
    if kind == "nodes":
        return ({**data, "id": node} for node, data in graph.nodes(data=True))
    if graph.is_multigraph():
        return ({**data, "source": u, "target": v, "key": k} for u, v, k, data in edge_items(graph))
    return ({**data, "source": u, "target": v} for u, v, data in graph.edges(data=True))


def _json_text_function() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False)`` as a function made once.

    ``JSONEncoder.encode`` makes a new C encoder on every call, which costs more than encoding a
    short list; a graph writer encodes a million of them. The C encoder is made here once (same
    settings, hence the same text); where Python has none, the plain encoder does the work.
    """
    plain = json.JSONEncoder(ensure_ascii=False).encode
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython always has it
        return plain
    encode = make(None, None, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
    join = "".join

    def json_text(value: Any) -> str:
        if value.__class__ is str:
            return json.encoder.encode_basestring(value)
        return join(encode(value, 0))

    return json_text


#: ``json.dumps(value, ensure_ascii=False)``, the text every writer gives a list or dict attribute.
json_text: Callable[[Any], str] = _json_text_function()


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write node-link JSON (the data of :func:`to_data`) in UTF-8, Chinese kept readable, one record a line.

    Records are encoded one by one with json's C encoder and streamed to the file:
    ``json.dumps(indent=…)`` falls back to the pure-Python encoder and builds the whole
    text in memory, which took 17 s and ~1 GB for a 1,000-report graph.
    """
    encode = json_text
    head = {"directed": graph.is_directed(), "multigraph": graph.is_multigraph(), "graph": graph.graph}
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(encode(head)[:-1])
        for kind in ("nodes", "edges"):
            handle.write(f',\n"{kind}": [')
            records = map(encode, _records(graph, kind))
            first = True
            while batch := list(itertools.islice(records, 2000)):  # one write per batch of records
                handle.write(("\n" if first else ",\n") + ",\n".join(batch))
                first = False
            handle.write("\n]")
        handle.write("}\n")


def read_json(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_json`."""
    return from_data(json.loads(Path(path).read_text(encoding="utf-8")))


#: Characters XML 1.0 cannot hold (control characters other than tab and line ends, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


#: The bytes of the control characters in :data:`_NOT_XML` (in UTF-8 each is one byte of its own).
_NOT_XML_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _xml_bytes(text: str, controls: bool = True) -> bytes | None:
    """``text`` in UTF-8, or None when it holds a character of :data:`_NOT_XML`.

    The same test as ``_NOT_XML.search`` at twice its speed on a writer's text: C deletes the
    control bytes from the encoding (a count that drops found one), a lone surrogate cannot be
    encoded, and U+FFFE/U+FFFF are two searches. ``controls=False``: the caller knows ``text``
    holds no control character, and that test is skipped.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    if (controls and len(data.translate(None, _NOT_XML_BYTES)) != len(data)) or "\ufffe" in text or "\uffff" in text:
        return None
    return data


def _xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold (ingest removes them; file names may still carry them)."""
    return _NOT_XML.sub("", text)


def _graphml_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        value = json_text(value)
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


class _Fallback(Exception):
    """A value the fast GraphML writer does not handle: networkx writes the file instead."""


_ATTR_ESCAPED = re.compile('[&<>\r"\n\t]')


def _attr_fast(value: str) -> str:
    return _attr(value) if _ATTR_ESCAPED.search(value) is not None else value


class _GraphmlKeys:
    """The GraphML keys, (name, type, scope) → ``d<n>`` in order of first use, as networkx declares them,
    and the text of each shape of element met so far.

    A shape is an element's attribute names then the Python types of their texts (None, lists and
    dicts are written as strings): its template (:meth:`template`) holds the markup, with a ``{}``
    for each id and each value, so an element is one ``str.format`` of its values.
    """

    _OPEN = {"node": 'node id="{}"', "edge": 'edge source="{}" target="{}" id="{}"'}

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str, str], str] = {}
        #: per scope, shape → template
        self.templates: dict[str, dict[tuple, str]] = {"node": {}, "edge": {}}

    def _key(self, name: Any, kind: type, scope: str) -> str:
        """The id of a key, declared now if new; :class:`_Fallback` for a type GraphML lacks."""
        if name.__class__ is not str or kind not in _XML_TYPES:
            raise _Fallback(name)
        ident = (name, _XML_TYPES[kind], scope)
        found = self.ids.get(ident)
        if found is None:
            found = self.ids[ident] = f"d{len(self.ids)}"
        return found

    def template(self, scope: str, shape: tuple) -> str:
        """The template of an element of ``scope`` with this ``shape``, made (and its new keys declared) now."""
        half = len(shape) // 2
        children = "".join(f'  <data key="{self._key(name, kind, scope)}">{{}}</data>\n'
                           for name, kind in zip(shape[:half], shape[half:]))
        tag = self._OPEN[scope]
        text = f"<{tag}>\n{children}</{tag.split()[0]}>\n" if children else f"<{tag}/>\n"
        self.templates[scope][shape] = text
        return text


def _json_template(names: tuple, tail: tuple[str, ...]) -> str | None:
    """The ``str.format`` template of one line of :func:`write_json`'s records (``,\n`` then the record):
    the element's attributes, then ``tail`` (``id``, or ``source``, ``target``, ``key``), each with a ``{}``
    for its JSON text. None when an attribute is itself named like a tail field: ``{**data, "id": …}``
    keeps such a name in its place, so that record is made as a dict and encoded whole."""
    if any(name in tail for name in names):
        return None
    fields = ", ".join(_quote(name).replace("{", "{{").replace("}", "}}") + ": {}" for name in (*names, *tail))
    return ",\n{{" + fields + "}}"


_quote = json.encoder.encode_basestring  # what json's encoder writes for a str (ensure_ascii=False)


def _element_texts(data: dict) -> tuple[tuple, list[str], list[str]]:
    """The shape of an element's attributes (see :class:`_GraphmlKeys`), their GraphML texts escaped as lxml
    escapes them, and their JSON texts (each the text ``json.dumps`` writes for the value inside a record):
    a list or dict is encoded once for both files."""
    texts, jsons, kinds = [], [], []
    for value in data.values():
        kind = value.__class__
        if kind is str:
            texts.append(value)
            jsons.append(_quote(value))
        elif kind is list or kind is dict:
            text = json_text(value)
            texts.append(text)
            jsons.append(text)
            kind = str
        elif value is None:
            texts.append("")
            jsons.append("null")
            kind = str
        elif kind is int:
            text = str(value)  # int.__repr__, as json writes it
            texts.append(text)
            jsons.append(text)
        else:  # a float (json writes NaN and Infinity its own way), a bool, another type
            texts.append(str(value))
            try:
                jsons.append(json_text(value))
            except TypeError:  # not for JSON (nor for GraphML's own types): networkx and json say so in their words
                raise _Fallback(value) from None
        kinds.append(kind)
    joined = "".join(texts)
    if "&" in joined or "<" in joined or ">" in joined or "\r" in joined:  # four scans in C: a fifth of a regex's time
        texts = [_text(text) for text in texts]
    return (*data, *kinds), texts, jsons


def _id_texts(value: Any, with_json: bool) -> tuple[str, str]:
    """A node id's or an edge key's text in GraphML (escaped for an attribute) and in JSON ("" unless asked)."""
    if value.__class__ is str:
        return _attr_fast(value), _quote(value) if with_json else ""
    text = str(value)
    if _NOT_XML.search(text) is not None:  # (the JSON of another type need not show what its str() holds)
        raise _Fallback(value)
    return _attr_fast(text), json_text(value) if with_json else ""


def _write_elements(graph: nx.MultiDiGraph, key: _GraphmlKeys, body: IO[bytes], records: IO[str] | None) -> bool:
    """GraphML's ``<node>`` and ``<edge>`` elements (as networkx's lxml writer writes them) into ``body``, and,
    unless ``records`` is None, :func:`write_json`'s text from the graph's ``"directed"`` on into
    ``records``, in one walk over the graph; False (and ``body`` unfinished) when the GraphML holds a
    character XML cannot hold. :class:`_Fallback` for a value of a type GraphML lacks.

    The two files hold the same values in the same order: each list or dict is encoded once, each node id
    and relation type escaped once for both files, and no record dict is made."""
    texts_of, make, join = _element_texts, key.template, "".join
    ids: dict[Any, tuple[str, str]] = {}  # node → its id in GraphML and in JSON: an edge names two
    keys: dict[Any, tuple[str, str]] = {}  # and a key (its relation type), one of a few
    if records is not None:
        records.write(json_text({"directed": True, "multigraph": True, "graph": graph.graph})[:-1])
    for scope, tail in (("node", ("id",)), ("edge", ("source", "target", "key"))):
        plans: dict[tuple, tuple[str, str | None]] = {}  # shape → (GraphML template, JSON template)
        elements: list[str] = []
        lines: list[str] = []  # JSON records, each ",\n" then the record
        first = True

        def flush() -> bool:
            nonlocal first
            text = join(lines)
            # the JSON of the same values escapes a control character of a GraphML text (\u0001, \n)
            data = _xml_bytes(join(elements), controls=records is None or "\\" in text)
            if data is None:
                return False
            body.write(data)
            if records is not None:
                records.write(text[1:] if first else text)  # the first record follows "[" and a line end only
            first = False
            elements.clear()
            lines.clear()
            return True

        def plan(shape: tuple, names: tuple) -> tuple[str, str | None]:
            found = plans[shape] = (make(scope, shape), _json_template(names, tail))  # noqa: B023 - called in this loop only
            return found

        if records is not None:
            records.write(f',\n"{scope}s": [')
        if scope == "node":
            for node, data in graph._node.items():  # type: ignore[attr-defined]
                ident, jident = ids[node] = _id_texts(node, records is not None)
                shape, texts, jsons = texts_of(data)
                template, jtemplate = plans.get(shape) or plan(shape, tuple(data))
                elements.append(template.format(ident, *texts))
                lines.append(jtemplate.format(*jsons, jident) if jtemplate is not None else
                             ",\n" + json_text({**data, "id": node}))
                if len(elements) >= 2000 and not flush():  # one write per batch of elements
                    return False
        else:
            for u, targets in graph._adj.items():  # type: ignore[attr-defined]  # edge_items, without a tuple per edge
                source, jsource = ids[u]
                for v, keyed in targets.items():
                    target, jtarget = ids[v]
                    for k, data in keyed.items():
                        keyid = keys.get(k) if k.__class__ is str else None  # (1 and True are one dict key)
                        if keyid is None:
                            keyid = _id_texts(k, records is not None)
                            if k.__class__ is str:
                                keys[k] = keyid
                        shape, texts, jsons = texts_of(data)
                        template, jtemplate = plans.get(shape) or plan(shape, tuple(data))
                        elements.append(template.format(source, target, keyid[0], *texts))
                        lines.append(jtemplate.format(*jsons, jsource, jtarget, keyid[1]) if jtemplate is not None else
                                     ",\n" + json_text({**data, "source": u, "target": v, "key": k}))
                if len(elements) >= 2000 and not flush():  # checked per source node: a batch may run past 2,000
                    return False
        if elements and not flush():
            return False
        if records is not None:
            records.write("\n]")
    if records is not None:
        records.write("}\n")
    return True


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write GraphML; list and dict attributes become JSON strings (GraphML has no lists).

    The bytes are those of ``networkx.write_graphml`` (lxml writer) on the flattened graph, but
    written as text, a few thousand elements at a time, in one pass over the graph: networkx
    builds one XML element per attribute value, which took longer than the whole extraction of
    an archive. The keys are declared before the graph but found while writing it, so the
    elements go to a temporary file first and follow the declarations.
    """
    write_json_and_graphml(graph, None, path)


def write_json_and_graphml(graph: nx.MultiDiGraph, json_path: str | Path | None, graphml_path: str | Path) -> None:
    """:func:`write_json` to ``json_path`` (unless None) and :func:`write_graphml` to ``graphml_path``, the same
    bytes, in one pass over the graph: the two files hold the same values, and encoding the lists of docs,
    years and evidence was most of the cost of each."""
    if not (graph.is_multigraph() and graph.is_directed()) or graph.graph:
        if json_path is not None:
            write_json(graph, json_path)
        _write_graphml_networkx(graph, graphml_path)
        return
    key = _GraphmlKeys()
    with tempfile.TemporaryFile() as body, contextlib.ExitStack() as stack:  # bytes: encoded once, copied as they are
        records = None if json_path is None else stack.enter_context(open(json_path, "w", encoding="utf-8"))
        try:
            done = _write_elements(graph, key, body, records)
        except _Fallback:
            done = False
        stack.close()
        head = "".join(f'<key id="{ident}" for="{scope}" attr.name="{_attr(name)}" '
                       f'attr.type="{kind}"/>\n' for (name, kind, scope), ident in reversed(key.ids.items()))
        declared = _xml_bytes(f'{_GRAPHML_HEAD}{head}<graph edgedefault="directed">')
        if done and declared is not None:
            body.seek(0)
            with open(graphml_path, "wb") as handle:
                handle.write(declared)
                shutil.copyfileobj(body, handle, 1 << 20)
                handle.write(b"</graph></graphml>")
            return
    # characters XML cannot hold, or a value of another type: the slow path handles them one by one
    if json_path is not None:
        write_json(graph, json_path)
    _write_graphml_networkx(graph, graphml_path)


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
