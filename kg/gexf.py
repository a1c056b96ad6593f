"""The graph for Gephi: ``graph.gexf``, the bytes of networkx's GEXF writer written as text.

Gephi reads node attributes to colour and size the network, so every node carries
``type`` (Program, Project, … Document, Status), ``reports`` (how many reports name it),
``docs`` and ``years`` (joined with ``|``: GEXF has no lists) and ``mentions``; the
GEXF label is the node's name. Every edge carries ``relation`` (its type, also its label:
GEXF keeps ``type`` for directed/undirected), ``weight``
(how many times it is stated), ``docs`` and ``years``. Characters XML forbids (control
characters a Word conversion may leave) are removed from every string.

networkx builds one ElementTree element per attribute value and serialises the tree, which
took longer than extracting the archive; :func:`write_gexf` writes the same bytes as text,
a few thousand elements at a time, and leaves odd graphs (no edges, ids that are not clean
strings) to networkx.

Example:
    >>> import io, networkx as nx
    >>> from kg.model import add_node, new_graph
    >>> g = new_graph()
    >>> add_node(g, "Program:三供一业", label="Program", name="三供一业", doc="a.txt", year=2019, mentions=2)
    >>> back = nx.read_gexf(io.BytesIO(gexf_bytes(g)))
    >>> back.nodes["Program:三供一业"]["type"], back.nodes["Program:三供一业"]["mentions"]
    ('Program', 2)
"""
from __future__ import annotations

import io
import itertools
import operator
import re
import time
from collections.abc import Iterable, Iterator
from itertools import chain, repeat
from pathlib import Path
from typing import Any

import networkx as nx

from kg.edge_batches import EdgeBatch, docs_and_years, edge_batches

__all__ = ["NODE_ATTRIBUTES", "EDGE_ATTRIBUTES", "gephi_graph", "gexf_bytes", "write_gexf"]

#: Node attributes written, with the type each always has (GEXF declares one type per attribute).
NODE_ATTRIBUTES: dict[str, type] = {"name": str, "type": str, "reports": int, "docs": str, "years": str,
                                    "mentions": int, "issuer": str, "adcode": str, "stage": str, "kind": str}
#: Edge attributes written, with their types.
EDGE_ATTRIBUTES: dict[str, type] = {"relation": str, "weight": float, "docs": str, "years": str}

# XML 1.0 allows tab, newline and carriage return among the control characters, nothing else
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        value = "|".join("" if item is None else str(item) for item in value)
    return _CONTROL.sub("", "" if value is None else str(value))


def _value(value: Any, kind: type) -> Any:
    if kind is str:
        return _text(value)
    try:
        return kind(value or 0)
    except (TypeError, ValueError):
        return kind(0)


def gephi_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` with only the flat, typed attributes Gephi shows (see the module docstring)."""
    flat: nx.MultiDiGraph = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {"type": data.get("label"), "reports": len(data.get("docs") or []), **data}
        row = {key: _value(attrs.get(key), kind) for key, kind in NODE_ATTRIBUTES.items()}
        flat.add_node(_text(node), label=_text(data.get("name") or node), **row)
    for source, target, key, data in graph.edges(keys=True, data=True):
        row = {name: _value(key if name == "relation" else data.get(name), kind) for name, kind in EDGE_ATTRIBUTES.items()}
        row["weight"] = float(data.get("weight", 1) or 1)
        flat.add_edge(_text(source), _text(target), key=key, label=_text(key), **row)
    return flat


_GEXF_INDENT_NODE = "      "


_ESCAPED = re.compile('[&<>"\r\n\t]')


def _attr(value: str) -> str:
    """An attribute value escaped as ElementTree escapes it."""
    if _ESCAPED.search(value) is None:  # most values: one scan instead of seven
        return value
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;"))


def _attvalues(first_id: int, values: list[str], indent: str) -> str:
    rows = "".join(f'{indent}    <attvalue for="{first_id + number}" value="{_attr(value)}" />\n'
                   for number, value in enumerate(values))
    return f"{indent}  <attvalues>\n{rows}{indent}  </attvalues>\n"


def _node_values(node: Any, data: dict) -> list[str]:
    attrs = {"type": data.get("label"), "reports": len(data.get("docs") or []), **data}
    return [str(_value(attrs.get(key), kind)) for key, kind in NODE_ATTRIBUTES.items()]


#: Any character :func:`_text` removes or :func:`_attr` escapes: a row without one is written as it is.
_SPECIAL = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff&<>"\r\n\t]')


def _joined(items: Any) -> str:
    """A list as :func:`_text` joins it, before control characters are removed."""
    if items.__class__ is list and None not in items:
        return "|".join(map(str, items))
    return _text(items)


def _count(value: Any) -> str:
    """An int attribute as :func:`_value` gives it, as text."""
    if value.__class__ is int:
        return str(value or 0)
    return str(_value(value, int))


def _node_element(node: Any, data: dict, indent: str) -> str:
    """One ``<node>``; a node whose values hold nothing to remove or escape is written as it is."""
    get = data.get
    name = get("name")
    label = name or node
    docs = get("docs")
    raw: list[Any] = [name, data["type"] if "type" in data else get("label"), data["reports"] if "reports" in data else len(docs or []),
           docs, get("years"), get("mentions"), get("issuer"), get("adcode"), get("stage"), get("kind")]
    if (label.__class__ is str and name.__class__ is str and raw[1].__class__ is str
            and all(v is None or v.__class__ is str for v in raw[6:])):
        texts: list[str] = [name, raw[1], _count(raw[2]), _joined(docs) if docs is not None else "", _joined(raw[4])
                 if raw[4] is not None else "", _count(raw[5]), *(v or "" for v in raw[6:])]
        if _SPECIAL.search(f"{node}{label}") is None and _SPECIAL.search("".join(texts)) is None:
            rows = "".join([f'{indent}    <attvalue for="{number}" value="{value}" />\n'
                            for number, value in enumerate(texts)])
            return (f'{indent}<node id="{node}" label="{label}">\n{indent}  <attvalues>\n{rows}'
                    f"{indent}  </attvalues>\n{indent}</node>\n")
    return (f'{indent}<node id="{_attr(node)}" label="{_attr(_text(label))}">\n'
            f"{_attvalues(0, _node_values(node, data), indent)}{indent}</node>\n")


def _gexf_nodes(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The ``<node>`` elements as networkx writes them for :func:`gephi_graph` (pretty-printed), a batch
    of a few thousand at a time: made column by column (:func:`_plain_nodes`), else one by one."""
    indent = _GEXF_INDENT_NODE
    nodes = iter(graph.nodes(data=True))
    while batch := list(itertools.islice(nodes, 2000)):
        ids, datas = zip(*batch)
        plain = _plain_nodes(ids, datas)
        yield plain if plain is not None else "".join([_node_element(node, data, indent) for node, data in batch])


#: A ``<node>`` whose values need no escaping, over (id, label, then the values of NODE_ATTRIBUTES in order).
_NODE = (f'{_GEXF_INDENT_NODE}<node id="{{}}" label="{{}}">\n{_GEXF_INDENT_NODE}  <attvalues>\n'
         + "".join(f'{_GEXF_INDENT_NODE}    <attvalue for="{n}" value="{{}}" />\n' for n in range(len(NODE_ATTRIBUTES)))
         + f"{_GEXF_INDENT_NODE}  </attvalues>\n{_GEXF_INDENT_NODE}</node>\n")

#: The node attributes written as they are when text or None (None as ""): see :func:`_node_element`.
_NODE_TEXTS = ("issuer", "adcode", "stage", "kind")


def _plain_nodes(ids: tuple, datas: tuple[dict, ...]) -> str | None:
    """The ``<node>`` elements of a batch made column by column (each column one pass in C), or None
    when a value is not the usual (a name that is not text or is empty, a ``type`` or ``reports``
    attribute of the node's own, lists that are not of text and years, a count that is not an int,
    text attributes that are not text) or needs escaping: then :func:`_node_element` makes them one by one."""
    names: list[Any] = list(map(dict.get, datas, repeat("name")))
    labels: list[Any] = list(map(dict.get, datas, repeat("label")))
    mentions = list(map(dict.get, datas, repeat("mentions"), repeat(0)))
    texts = [list(map(dict.get, datas, repeat(key), repeat(""))) for key in _NODE_TEXTS]
    if (set(map(type, names)) != {str} or not all(names) or set(map(type, labels)) != {str}
            or any(map(operator.contains, datas, repeat("type"))) or any(map(operator.contains, datas, repeat("reports")))
            or set(map(type, mentions)) != {int} or not all(set(map(type, column)) <= {str, type(None)} for column in texts)):
        return None
    lists = docs_and_years(datas)
    if lists is None:
        return None
    docs, doc_texts, year_texts = lists
    texts = [[value or "" for value in column] for column in texts]  # None is written as ""
    if _SPECIAL.search("".join(chain(ids, names, labels, doc_texts, year_texts, *texts))) is not None:
        return None
    return _interleaved(_NODE.split("{}"), [ids, names, names, labels, map(str, map(len, docs)), doc_texts, year_texts,
                                           map(str, mentions), *texts], len(datas))


#: An ``<edge>`` whose values need no escaping, over (source, target, number, relation, weight, relation, docs,
#: years, relation): the ``<attvalue>`` ids follow the node attributes' (:func:`_gexf_head`).
_EDGE = (f'{_GEXF_INDENT_NODE}<edge source="{{}}" target="{{}}" id="{{}}" label="{{}}" weight="{{}}">\n'
         f"{_GEXF_INDENT_NODE}  <attvalues>\n"
         + "".join(f'{_GEXF_INDENT_NODE}    <attvalue for="{len(NODE_ATTRIBUTES) + n}" value="{{}}" />\n' for n in range(4))
         + f"{_GEXF_INDENT_NODE}  </attvalues>\n{_GEXF_INDENT_NODE}</edge>\n")


def _interleaved(literals: list[str], columns: list[Iterable[str]], count: int) -> str:
    """The rows ``literals[0] + columns[0][i] + literals[1] + … + literals[-1]`` for i < ``count``, joined.

    One list filled by slice assignment and joined once: a batch of rows becomes text in C,
    three times faster than a ``str.format`` per row (which parses its template every call).
    """
    width = len(literals) + len(columns)
    flat: list[str | None] = [None] * (count * width)
    for number, literal in enumerate(literals):
        flat[2 * number::width] = repeat(literal, count)
    for number, column in enumerate(columns):
        flat[2 * number + 1::width] = column
    return "".join(flat)  # type: ignore[arg-type]


def _plain_edges(batch: EdgeBatch) -> str | None:
    """The ``<edge>`` elements of a batch made column by column (each column one pass in C), or None
    when a value is not the usual (a key or a list item that is not text, a weight that is not a
    positive number) or needs escaping: then they are made one by one."""
    sources, targets, keys, datas = batch.sources, batch.targets, batch.keys, batch.datas
    if set(map(type, keys)) != {str}:
        return None
    weights = list(map(dict.get, datas, repeat("weight"), repeat(1)))
    if not {int, float}.issuperset(map(type, weights)) or 0 in weights:
        return None
    lists = batch.lists()
    if lists is None:
        return None
    _, doc_texts, year_texts = lists
    if _SPECIAL.search("".join(chain(sources, targets, keys, doc_texts, year_texts))) is not None:
        return None
    count = len(datas)
    first = batch.first
    return _interleaved(_EDGE.split("{}"), [sources, targets, map(str, range(first, first + count)), keys,
                                            map(str, map(float, weights)), keys, doc_texts, year_texts, keys], count)


def _gexf_edges(batches: Iterable[EdgeBatch]) -> Iterator[str]:
    """The ``<edge>`` elements of the edge ``batches`` (:func:`kg.edge_batches.edge_batches`), numbered in order as
    networkx numbers them, a batch of a few thousand at a time."""
    indent = _GEXF_INDENT_NODE
    first = len(NODE_ATTRIBUTES)
    for batch in batches:
        plain = _plain_edges(batch)
        if plain is not None:
            yield plain
            continue
        for number, source, target, key, data in zip(itertools.count(batch.first), batch.sources, batch.targets,
                                                     batch.keys, batch.datas):
            weight = float(data.get("weight", 1) or 1)
            if key.__class__ is str:
                docs, years = _joined(data.get("docs")), _joined(data.get("years"))
                if _SPECIAL.search(f"{source}{target}{key}{docs}{years}") is None:  # nothing to remove or escape
                    yield _EDGE.format(source, target, number, key, weight, key, docs, years, key)
                    continue
            relation = _text(key)
            values = [relation, _text(data.get("docs")), _text(data.get("years")), str(key)]
            yield (f'{indent}<edge source="{_attr(source)}" target="{_attr(target)}" id="{number}" '
                   f'label="{_attr(relation)}" weight="{weight}">\n'
                   f"{_attvalues(first, values, indent)}{indent}</edge>\n")


_XML_TYPES = {str: "string", int: "long", float: "double"}


def _gexf_head() -> str:
    edge_attributes: list[tuple[str, type]] = [("relation", str), ("docs", str), ("years", str), ("networkx_key", str)]
    declare: list[tuple[str, list[tuple[str, type]], int]] = [
        ("edge", edge_attributes, len(NODE_ATTRIBUTES)), ("node", list(NODE_ATTRIBUTES.items()), 0)]
    blocks = "".join(
        f'    <attributes mode="static" class="{scope}">\n'
        + "".join(f'      <attribute id="{first + n}" title="{title}" type="{_XML_TYPES[kind]}" />\n'
                  for n, (title, kind) in enumerate(attributes))
        + "    </attributes>\n" for scope, attributes, first in declare)
    return ("<?xml version='1.0' encoding='utf-8'?>\n"
            '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
            f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">\n'
            f"    <creator>NetworkX {nx.__version__}</creator>\n  </meta>\n"
            '  <graph defaultedgetype="directed" mode="static" name="">\n' + blocks + "    <nodes>\n")


def _fast_path(graph: nx.MultiDiGraph) -> bool:
    """Whether the text writer gives networkx's bytes: a directed multigraph with edges, clean string ids."""
    if not (graph.is_multigraph() and graph.is_directed()) or not any(targets for _, targets in graph.adjacency()):
        return False
    return all(type(node) is str and _CONTROL.search(node) is None for node in graph)


def _write_text(graph: nx.MultiDiGraph, handle: io.TextIOBase, edges: Iterable[EdgeBatch] | None = None) -> None:
    handle.write(_gexf_head())
    nodes = _gexf_nodes(graph)
    while chunk := "".join(itertools.islice(nodes, 2000)):
        handle.write(chunk)
    handle.write("    </nodes>\n    <edges>\n")
    elements = _gexf_edges(edge_batches(graph) if edges is None else edges)  # a batch of elements at a time, or one
    while chunk := "".join(itertools.islice(elements, 2)):
        handle.write(chunk)
    handle.write("    </edges>\n  </graph>\n</gexf>\n")


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    """The GEXF document of ``graph`` (UTF-8)."""
    buffer = io.BytesIO()
    if _fast_path(graph):
        text = io.TextIOWrapper(buffer, encoding="utf-8", errors="xmlcharrefreplace", newline="")
        _write_text(graph, text)
        text.flush()
        text.detach()
    else:
        nx.write_gexf(gephi_graph(graph), buffer, encoding="utf-8")
    return buffer.getvalue()


def write_gexf(graph: nx.MultiDiGraph, path: str | Path, *, edges: Iterable[EdgeBatch] | None = None) -> None:
    """Write ``graph`` as GEXF 1.2 for Gephi (open it, colour the nodes by ``type``).

    ``edges``: the graph's edge batches (:func:`kg.edge_batches.edge_batches`) when another writer
    reads each one too (``relations.csv``); they are read only when the graph is written as text
    (not by networkx, for the odd graphs :func:`_fast_path` leaves to it), so the caller reads on
    what is left.
    """
    if not _fast_path(graph):
        Path(path).write_bytes(gexf_bytes(graph))
        return
    with open(path, "w", encoding="utf-8", errors="xmlcharrefreplace", newline="") as handle:
        _write_text(graph, handle, edges)
