"""Answer ``kg glossary TERM``: look a term up in reports' glossaries or in a built graph.

Glossary nodes in the graph have label ``GlossaryEntry`` and attributes
``term``, ``page``, ``definition`` and ``doc``; the entities related to an entry
are its graph neighbours (any edge, either direction).  Their names and aliases
also count as aliases of the term, so ``kg glossary`` finds a term by the name
the body text uses.  The CLI only calls :func:`query_glossary` and prints
:func:`format_answer`.

Example:
    >>> answer = query_glossary("一单", reports=[])
    >>> answer.hits, answer.closest
    ([], [])
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from extractors.ingest import read_document
from glossary.lookup import closest_terms, lookup
from glossary.parse import GlossaryEntry, parse_glossary
from kg.model import ENTITY_LABELS, NodeLabel, read_graph_dir

_Related = tuple[tuple[str, str], ...]  # (name, label) of the graph neighbours of a glossary entry
_EntryKey = tuple[str, str]  # (doc, term)

__all__ = ["GlossaryHit", "GlossaryAnswer", "report_entries", "graph_entries",
           "query_glossary", "format_answer"]


@dataclass(frozen=True)
class GlossaryHit:
    """One matching glossary entry with where it comes from and the entities linked to it."""

    term: str
    doc: str
    page: str | None
    definition: str
    how: str
    score: float
    related: _Related = ()  # (name, label) of graph neighbours


@dataclass
class GlossaryAnswer:
    """The hits for a query (best first) and, when there are none, the closest terms."""

    query: str
    hits: list[GlossaryHit] = field(default_factory=list)
    closest: list[str] = field(default_factory=list)


def report_entries(paths: Iterable[str | Path]) -> list[GlossaryEntry]:
    """Glossary entries parsed directly from the given report files (malformed entries skipped)."""
    entries: list[GlossaryEntry] = []
    for path in paths:
        document = read_document(path)  # any supported format and encoding
        entries.extend(parse_glossary(document.text, doc=document.id).entries)
    return entries


_DEFINITION_LINKS = ("PART_OF", "RELATED_TO")  # a part the definition lists, an entity it names


def _related(graph: nx.MultiDiGraph, node: str) -> _Related:
    """The entity a glossary entry defines, then its parts and the entities its definition names."""
    neighbours = set(graph.successors(node)) | set(graph.predecessors(node))
    defined = [n for n in graph.predecessors(node) if graph.has_edge(n, node, key="DEFINED_BY")]
    for entity in defined:
        neighbours |= {source for source, _, key in graph.in_edges(entity, keys=True) if key in _DEFINITION_LINKS}
    pairs = {(str(graph.nodes[n].get("name", n)), str(graph.nodes[n].get("label", ""))) for n in neighbours}
    first = {str(graph.nodes[n].get("name", n)) for n in defined}
    return tuple(sorted(pairs, key=lambda pair: (pair[0] not in first, pair[1] not in ENTITY_LABELS, pair[1],
                                                 pair[0])))


def graph_entries(graph: nx.MultiDiGraph) -> tuple[list[GlossaryEntry], dict[str, list[str]], dict[_EntryKey, _Related]]:
    """Glossary entries of the graph, aliases by term (neighbour names and aliases), related by entry."""
    entries: list[GlossaryEntry] = []
    aliases: dict[str, list[str]] = {}
    related: dict[_EntryKey, _Related] = {}
    for node, data in graph.nodes(data=True):
        if data.get("label") != NodeLabel.GLOSSARY_ENTRY.value:
            continue
        term = str(data.get("term") or data.get("name") or "")
        doc = str(data.get("doc") or next(iter(data.get("docs") or []), ""))
        entries.append(GlossaryEntry(term, data.get("page") or None, str(data.get("definition") or ""),
                                     None, 0, 0, doc))
        related[(doc, term)] = _related(graph, node)
        names = aliases.setdefault(term, [])
        for neighbour in set(graph.successors(node)) | set(graph.predecessors(node)):
            info = graph.nodes[neighbour]
            if info.get("label") in ENTITY_LABELS:
                for name in [info.get("name"), *(info.get("aliases") or [])]:
                    if name and name not in names:
                        names.append(str(name))
    return entries, aliases, related


def query_glossary(query: str, *, graph_dir: str | Path | None = None,
                   reports: Sequence[str | Path] = ()) -> GlossaryAnswer:
    """Look ``query`` up in the reports' glossaries and/or the graph in ``graph_dir``.

    Reports are parsed directly; the graph adds aliases and related entities.
    Pass ``graph_dir=None`` to use reports only.
    """
    entries = report_entries(reports)
    aliases: dict[str, list[str]] = {}
    related: dict[_EntryKey, _Related] = {}
    if graph_dir is not None:
        graph_list, aliases, related = graph_entries(read_graph_dir(graph_dir))
        entries.extend(graph_list)
    answer = GlossaryAnswer(query)
    for match in lookup(query, entries, aliases=aliases):
        entry = match.entry
        answer.hits.append(GlossaryHit(entry.term, entry.doc, entry.page, entry.definition, match.how,
                                       match.score, related.get((entry.doc, entry.term), ())))
    if not answer.hits:
        answer.closest = closest_terms(query, entries)
    return answer


def format_answer(answer: GlossaryAnswer) -> str:
    """Human-readable lines: term, source and page, definition, match kind, related entities."""
    if not answer.hits:
        message = f"no glossary term matches {answer.query!r}; try a shorter part of the name"
        if answer.closest:
            message += "\nclosest terms: " + "、".join(answer.closest)
        return message
    blocks = []
    for hit in answer.hits:
        where = f"{hit.doc or '?'}, {hit.page}" if hit.page else (hit.doc or "?")
        lines = [f"{hit.term}  [{where}]  ({hit.how} match)"]
        lines += [f"  {line}" for line in hit.definition.split("\n")]
        if hit.related:
            lines.append("  related: " + "; ".join(f"{name} ({label})" for name, label in hit.related))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
