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
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.model import edge_items

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
    """The ``<node>`` elements as networkx writes them for :func:`gephi_graph` (pretty-printed)."""
    indent = _GEXF_INDENT_NODE
    for node, data in graph.nodes(data=True):
        yield _node_element(node, data, indent)


def _gexf_edges(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The ``<edge>`` elements, numbered in order as networkx numbers them."""
    indent = _GEXF_INDENT_NODE
    first = len(NODE_ATTRIBUTES)
    numbers = [f'{indent}    <attvalue for="{first + n}" value="' for n in range(4)]
    for number, (source, target, key, data) in enumerate(edge_items(graph)):
        weight = float(data.get("weight", 1) or 1)
        if key.__class__ is str:
            docs, years = _joined(data.get("docs")), _joined(data.get("years"))
            if _SPECIAL.search(f"{source}{target}{key}{docs}{years}") is None:  # nothing to remove or escape
                yield (f'{indent}<edge source="{source}" target="{target}" id="{number}" label="{key}" weight="{weight}">\n'
                       f"{indent}  <attvalues>\n{numbers[0]}{key}\" />\n{numbers[1]}{docs}\" />\n"
                       f"{numbers[2]}{years}\" />\n{numbers[3]}{key}\" />\n{indent}  </attvalues>\n{indent}</edge>\n")
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


def _write_text(graph: nx.MultiDiGraph, handle: io.TextIOBase) -> None:
    handle.write(_gexf_head())
    for elements, close in ((_gexf_nodes(graph), "    </nodes>\n    <edges>\n"),
                            (_gexf_edges(graph), "    </edges>\n  </graph>\n</gexf>\n")):
        while chunk := "".join(itertools.islice(elements, 2000)):
            handle.write(chunk)
        handle.write(close)


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


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``graph`` as GEXF 1.2 for Gephi (open it, colour the nodes by ``type``)."""
    if not _fast_path(graph):
        Path(path).write_bytes(gexf_bytes(graph))
        return
    with open(path, "w", encoding="utf-8", errors="xmlcharrefreplace", newline="") as handle:
        _write_text(graph, handle)
