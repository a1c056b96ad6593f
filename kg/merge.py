"""Graph surgery for resolution: fold one entity node into another without losing anything.

The kept node takes the other's documents, years, aliases (including the other's name),
alternative types, mentions, definition (when it has none) and evidence; every edge of the
merged node is re-pointed to the kept one (parallel edges of one type add their weights and
union their documents, years and evidence). The merged node's ``Status:<id>|…`` nodes are
renamed to the kept id, so the status schema stays ``Status:<project id>|<stage>|<year>|<kind>``.
"""
from __future__ import annotations

import copy

import networkx as nx

from kg.model import MAX_EVIDENCE, merge_lists

__all__ = ["merge_nodes"]

_LIST_KEYS = ("docs", "years", "aliases", "alt_types", "evidence", "merged_from", "qualified_from")


def _merge_attrs(kept: dict, other: dict) -> None:
    for key in _LIST_KEYS:
        if key in other or key in kept:
            kept[key] = merge_lists(kept.get(key, []), other.get(key, []), MAX_EVIDENCE if key == "evidence" else None)
    if "years" in kept:
        kept["years"] = sorted(kept["years"], key=lambda y: (y is None, y))
    if isinstance(other.get("mentions"), int):
        kept["mentions"] = kept.get("mentions", 0) + other["mentions"]
    for key, value in other.items():
        if key not in _LIST_KEYS and key != "mentions" and kept.get(key) in (None, ""):
            kept[key] = value


def _copied(data: dict) -> dict:
    """A deep copy of an edge's attributes: scalars, lists of scalars and of flat evidence dicts are copied
    directly (``copy.deepcopy`` walks them with a memo, the cost of every moved edge); anything else is deep-copied."""
    out = {}
    for key, value in data.items():
        kind = value.__class__
        if kind is list and all(item.__class__ in _SCALARS or (item.__class__ is dict and all(
                v.__class__ in _SCALARS for v in item.values())) for item in value):
            value = [item.copy() if item.__class__ is dict else item for item in value]
        elif kind not in _SCALARS:
            value = copy.deepcopy(value)
        out[key] = value
    return out


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _move_edge(graph: nx.MultiDiGraph, source: str, target: str, key: str, data: dict) -> None:
    if source == target:
        return  # an edge between the two merged nodes says nothing any more
    if graph.has_edge(source, target, key=key):
        existing = graph.edges[source, target, key]
        existing["weight"] = existing.get("weight", 1) + data.get("weight", 1)
        for field in ("docs", "years", "evidence"):
            if field in data:
                existing[field] = merge_lists(existing.get(field, []), data[field], MAX_EVIDENCE if field == "evidence" else None)
    else:
        graph.add_edge(source, target, key=key, **_copied(data))


def _status_id(status: str, old: str, new: str) -> str | None:
    prefix = f"Status:{old}|"
    return f"Status:{new}|{status[len(prefix):]}" if status.startswith(prefix) else None


def _fold(graph: nx.MultiDiGraph, keep: str, drop: str) -> None:
    if keep not in graph:
        graph.add_node(keep, **copy.deepcopy(graph.nodes[drop]))
    else:
        _merge_attrs(graph.nodes[keep], graph.nodes[drop])
    for _, target, key, data in list(graph.out_edges(drop, keys=True, data=True)):
        _move_edge(graph, keep, keep if target == drop else target, key, data)
    for source, _, key, data in list(graph.in_edges(drop, keys=True, data=True)):
        _move_edge(graph, keep if source == drop else source, keep, key, data)
    graph.remove_node(drop)


def merge_nodes(graph: nx.MultiDiGraph, keep: str, drop: str) -> None:
    """Fold node ``drop`` into node ``keep`` in place; ``drop``'s name becomes an alias of ``keep``."""
    if keep == drop or drop not in graph or keep not in graph:
        return
    kept, dropped = graph.nodes[keep], graph.nodes[drop]
    aliases = [dropped["name"], *dropped.get("aliases", [])]
    kept["aliases"] = [a for a in merge_lists(kept.get("aliases", []), aliases) if a != kept["name"]]
    kept["merged_from"] = merge_lists(kept.get("merged_from", []), [drop, *dropped.get("merged_from", [])])
    dropped.pop("aliases", None)
    statuses = [t for _, t in graph.out_edges(drop) if _status_id(t, drop, keep)]
    _fold(graph, keep, drop)
    for status in dict.fromkeys(statuses):
        new_id = _status_id(status, drop, keep)
        graph.nodes[status]["project"] = kept["name"]
        if new_id and new_id != status:
            _fold(graph, new_id, status)
