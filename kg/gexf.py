"""The graph for Gephi: ``graph.gexf`` written with networkx's GEXF writer.

Gephi reads node attributes to colour and size the network, so every node carries
``type`` (Program, Project, … Document, Status), ``reports`` (how many reports name it),
``docs`` and ``years`` (joined with ``|``: GEXF has no lists) and ``mentions``; the
GEXF label is the node's name. Every edge carries ``relation`` (its type, also its label:
GEXF keeps ``type`` for directed/undirected), ``weight``
(how many times it is stated), ``docs`` and ``years``. Characters XML forbids (control
characters a Word conversion may leave) are removed from every string.

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
import re
from pathlib import Path
from typing import Any

import networkx as nx

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


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    """The GEXF document of ``graph`` (UTF-8)."""
    buffer = io.BytesIO()
    nx.write_gexf(gephi_graph(graph), buffer, encoding="utf-8")
    return buffer.getvalue()


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``graph`` as GEXF 1.2 for Gephi (open it, colour the nodes by ``type``)."""
    Path(path).write_bytes(gexf_bytes(graph))
