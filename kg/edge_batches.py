"""The edges of a graph a batch at a time, for the writers that walk them all (GEXF, ``relations.csv``).

Both write each edge's ``docs`` and ``years`` joined with ``|``: a batch joins them once
(:meth:`EdgeBatch.lists`), so :func:`kg.export.write_graph_files` walks the edges once for
both files, each batch going to ``relations.csv`` and then to ``graph.gexf``.

Example:
    >>> from kg.model import add_edge, add_node, new_graph
    >>> g = new_graph()
    >>> add_node(g, "Place:株洲", label="Place", name="株洲")
    >>> add_node(g, "Place:湖南", label="Place", name="湖南")
    >>> add_edge(g, "Place:株洲", "Place:湖南", "PART_OF", doc="a.txt", year=2019)
    >>> batch = next(edge_batches(g))
    >>> batch.keys, batch.lists()[1:]
    (('PART_OF',), (['a.txt'], ['2019']))
"""
from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from itertools import repeat
from typing import Any

import networkx as nx

from kg.model import edge_items

__all__ = ["EdgeBatch", "edge_batches", "docs_and_years"]

#: Edges per batch: the GEXF writer's batch (its text is made a batch at a time).
BATCH = 2000


def docs_and_years(datas: tuple[dict, ...]) -> tuple[list[Any], list[str], list[str]] | None:
    """The ``docs`` column of a batch of nodes or edges and its ``docs`` and ``years`` columns joined with
    ``|`` (``"|".join(docs)``, ``"|".join(map(str, years))``), each one pass in C; None when an element's
    lists are not the usual (not lists, a None year, a doc that is not text)."""
    docs: list[Any] = list(map(dict.get, datas, repeat("docs")))
    years: list[Any] = list(map(dict.get, datas, repeat("years")))
    if set(map(type, docs)) != {list} or set(map(type, years)) != {list} or any(map(operator.contains, years, repeat(None))):
        return None
    try:
        doc_texts = list(map("|".join, docs))
    except TypeError:  # an item that is not text: the writers know what it becomes
        return None
    return docs, doc_texts, list(map("|".join, map(map, repeat(str), years)))


_UNREAD: Any = object()


class EdgeBatch:
    """Consecutive edges of a graph, in the order of ``graph.edges(keys=True, data=True)``, as columns.

    ``first`` is the number of the batch's first edge; ``sources``, ``targets``, ``keys`` and
    ``datas`` (the attribute dicts) are tuples of the same length.
    """

    __slots__ = ("first", "sources", "targets", "keys", "datas", "_lists", "_int_years")

    def __init__(self, first: int, items: list[tuple[Any, Any, Any, dict]]) -> None:
        self.first = first
        self.sources, self.targets, self.keys, self.datas = zip(*items)
        self._lists = self._int_years = _UNREAD

    def __len__(self) -> int:
        return len(self.datas)

    def lists(self) -> tuple[list[Any], list[str], list[str]] | None:
        """:func:`docs_and_years` of the batch's edges, made once."""
        if self._lists is _UNREAD:
            self._lists = docs_and_years(self.datas)
        return self._lists

    def int_years(self) -> bool:
        """Whether :meth:`lists` holds texts and every year is an int (then its year texts are each
        ``"|".join(map(str, years))`` whichever way a writer joins ints)."""
        if self._int_years is _UNREAD:
            lists = self.lists()
            self._int_years = lists is not None and set(map(type, itertools.chain.from_iterable(
                map(dict.__getitem__, self.datas, repeat("years"))))) <= {int}
        return self._int_years


def edge_batches(graph: nx.MultiDiGraph, size: int = BATCH) -> Iterator[EdgeBatch]:
    """The edges of ``graph`` (a multigraph) in batches of ``size``, read from the adjacency once."""
    edges = edge_items(graph)
    first = 0
    while items := list(itertools.islice(edges, size)):
        yield EdgeBatch(first, items)
        first += len(items)
