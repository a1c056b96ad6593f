"""Build one knowledge graph from the extractions of several reports.

Shared entities merge on their id (``<Type>:<name>``); each node and edge
records the documents and years it comes from, and edges keep a few evidence
sentences. Documents are extracted in worker processes when ``jobs > 1``
(start-up costs — jieba's dictionary, rule compilation — are paid once per
worker, not once per document).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

import networkx as nx

from extractors.errors import KGError
from extractors.walk import walk_inputs
from extractors.pipeline import Extraction, document_attributes, extract_document
from extractors.records import Document, Evidence
from glossary.variants import definition_parts
from kg import heap
from kg.ids import document_id, glossary_id, indicator_id, section_id, status_id
from kg.model import MAX_EVIDENCE, add_edge, add_node, new_graph
from kg.workers import extract_or_problem, in_processes
from kg.places import attach_places
from kg.resolution import Merge, qualified_body, resolve_across
from kg.tables import MentionPlaces, MentionRecords

__all__ = ["summary_lines", "BuildResult", "add_extraction", "glossary_parts", "graph_from_extractions", "extract_documents",
           "build_documents", "build_graph", "build"]

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


@dataclass
class BuildResult:
    """A built graph, the extractions behind it and one line per file that could not be used."""

    graph: nx.MultiDiGraph
    extractions: list[Extraction] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)  # cross-document merges and refusals
    documents: int = 0  # how many documents went into the graph
    warnings: list[str] = field(default_factory=list)  # one line per report not fully understood
    mentions: MentionRecords = field(default_factory=MentionRecords)  # every mention, for mentions.csv


def _ev(evidence: Evidence) -> dict[str, object]:
    """The graph's evidence dict (see :mod:`kg.model`) of an extractor's Evidence."""
    return {"doc": evidence.doc, "section": evidence.section, "start": evidence.start,
            "end": evidence.end, "sentence": evidence.sentence}


_NUMERALS = {"一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def glossary_parts(entry) -> list[str]:
    """The parts a numeric abbreviation's definition enumerates, kept only when they are as many as the
    term counts (三供一业: 4, 双一流: 2): a definition that lists fields or steps instead (双百行动 … 在县域产业发展、
    城乡建设规划…; 单一窗口 … 法律、法规) gives none. A last part that repeats the term's own head after 的
    loses it (城市轨道交通的融合 in 四网融合 → 城市轨道交通)."""
    parts = definition_parts(entry)
    values = [_NUMERALS[ch] for ch in entry.term if ch in _NUMERALS] + \
        [int(n) for n in re.findall(r"\d+", entry.term)]
    if not parts or not values or len(parts) not in (max(values), sum(values)):
        return []
    return [part[:part.rindex("的")] if "的" in part and part[part.rindex("的") + 1:] in entry.term and
            part.rindex("的") >= 2 else part for part in parts]


def add_extraction(graph: nx.MultiDiGraph, extraction: Extraction, places: MentionPlaces | None = None) -> dict[str, str]:
    """Merge one document's extraction into ``graph`` (nodes merge on id).

    Returns the entities stored under another id than the extraction's (a generic body
    qualified by its government: extraction id → graph id), so their mentions can follow.
    ``places`` (the document's sentence and section lookups) is shared with :meth:`MentionRecords.add`.
    """
    doc = extraction.document
    places = places if places is not None and places.doc is doc else MentionPlaces(doc)
    sentence_at, section_at = places.sentence, places.section
    year = doc.year
    doc_id = document_id(doc.id)
    understood = {k: v for k, v in document_attributes(extraction).items() if k != "year"}  # issuer, parts, warnings…
    add_node(graph, doc_id, label="Document", name=Path(doc.id).name, doc=doc.id, year=year, path=doc.path,
             chars=len(doc.text), **understood)
    graph.nodes[doc_id]["year"] = year
    section_ids: dict[int, str] = {}
    for section in doc.sections:
        sid = section_id(doc.id, section.index)
        section_ids[section.index] = sid
        add_node(graph, sid, label="Section", name=section.title, doc=doc.id, year=year, title=section.title,
                 role=section.role, level=section.level)
        parent = section_ids.get(section.parent) if section.parent is not None else None
        add_edge(graph, sid, parent or doc_id, "PART_OF", doc=doc.id, year=year)
    # a generic body (省委, 州人民政府) is named by its government: 四川's 省委 is not 江西's (kg.resolution)
    qualified = {e.id: found for e in extraction.entities if e.type == "Agency" and
                 (found := qualified_body(e.name, doc.issuer)) is not None}
    ids = {old: f"Agency:{name}" for old, (name, _) in qualified.items()}
    nodes = graph._node  # type: ignore[attr-defined]  # id → attributes, without a view per look-up
    for entity in extraction.entities:
        entity_id, name, aliases, extra = entity.id, entity.name, list(entity.aliases), {}
        if entity.id in qualified:
            name, government = qualified[entity.id]
            entity_id, aliases = ids[entity.id], [a for a in (entity.name, *aliases) if a != name]
            extra = {"qualified_from": [f"{entity.name}|{doc.id}|{government}"]}
        evidence = []
        known = nodes.get(entity_id)
        # (a node named in earlier reports may hold its MAX_EVIDENCE sentences already: none is made for it then)
        if known is None or len(known.get("evidence") or ()) < MAX_EVIDENCE:
            for mention in entity.mentions[:3]:
                sentence = sentence_at(mention.start)
                if sentence is not None:
                    where = section_at(mention.start)
                    evidence.append({"doc": doc.id, "section": where.title if where else None,
                                     "start": sentence.start, "end": sentence.end, "sentence": sentence.text})
        add_node(graph, entity_id, label=entity.type, name=name, doc=doc.id, year=year,
                 aliases=aliases, alt_types=list(entity.alt_types), mentions=len(entity.mentions),
                 definition=entity.definition, evidence=evidence, **extra)
        counts: dict[str, int] = {}
        for mention in entity.mentions:
            where = section_at(mention.start)
            if where is not None:
                counts[section_ids[where.index]] = counts.get(section_ids[where.index], 0) + 1
        for sid, count in counts.items():
            add_edge(graph, entity_id, sid, "MENTIONED_IN", doc=doc.id, year=year, weight=count)
    for entry in extraction.glossary:
        gid = glossary_id(doc.id, entry.term)
        add_node(graph, gid, label="GlossaryEntry", name=entry.term, doc=doc.id, year=year, term=entry.term,
                 page=entry.page, definition=entry.definition)
        linked = extraction.term_links.get(entry.term)
        term_entity = ids.get(linked, linked) if linked is not None else None
        definition = {"doc": doc.id, "section": "名词解释", "start": entry.start, "end": entry.end,
                      "sentence": doc.text[entry.start:entry.end]}
        if term_entity is not None:
            add_edge(graph, term_entity, gid, "DEFINED_BY", doc=doc.id, year=year, evidence=definition)
            for part in glossary_parts(entry):
                pid = f"Program:{part}"
                if pid == term_entity:
                    continue
                if pid not in graph:
                    add_node(graph, pid, label="Program", name=part, doc=doc.id, year=year, from_glossary=True)
                add_edge(graph, pid, term_entity, "PART_OF", doc=doc.id, year=year, evidence=definition)
    for relation in extraction.relations:
        source, target = ids.get(relation.source, relation.source), ids.get(relation.target, relation.target)
        if source in nodes and target in nodes:
            cue = {"cue": relation.cue} if relation.cue else {}  # the words that state it (落户, 承建, name)
            add_edge(graph, source, target, relation.type, doc=doc.id, year=year,
                     weight=relation.weight, evidence=_ev(relation.evidence), **cue)
    entity_ids = {e.name: ids.get(e.id, e.id) for e in extraction.entities}
    for status in extraction.statuses:
        project_id = entity_ids.get(status.project)
        if project_id is None:
            continue
        sid = status_id(project_id, status.status, status.year, status.kind)
        add_node(graph, sid, label="Status", name=f"{status.project} {status.status} {status.year}",
                 doc=doc.id, year=status.year, stage=status.status, kind=status.kind, project=status.project,
                 evidence=[_ev(status.evidence)])
        graph.nodes[sid]["year"] = status.year  # the one year this status belongs to (years lists it too)
        add_edge(graph, project_id, sid, "HAS_STATUS", doc=doc.id, year=status.year, evidence=_ev(status.evidence))
    for number, indicator in enumerate(extraction.indicators):
        iid = indicator_id(doc.id, number)
        data = {k: getattr(indicator, k) for k in ("value", "unit", "growth", "kind", "qualifier", "basis", "period_start")}
        add_node(graph, iid, label="Indicator", name=indicator.name, doc=doc.id, year=indicator.year,
                 **{k: v for k, v in data.items() if v is not None})
        graph.nodes[iid]["year"] = indicator.year
        add_edge(graph, doc_id, iid, "REPORTS", doc=doc.id, year=indicator.year, evidence=_ev(indicator.evidence))
    return ids


def graph_from_extractions(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    """One graph for all ``extractions``; shared entities merge."""
    graph = new_graph()
    for extraction in extractions:
        add_extraction(graph, extraction)
    return graph


def _in_processes(func: Callable[[_Item], _Result], items: Sequence[_Item], jobs: int | None) -> Iterator[_Result]:
    """``func`` over ``items`` in ``jobs`` processes (see :func:`kg.workers.in_processes`)."""
    return in_processes(func, items, jobs)


def extract_documents(docs: Sequence[Document], *, jobs: int | None = None) -> Iterator[Extraction]:
    """Extract documents already in memory (read or made by the caller), in order, in ``jobs`` processes."""
    return _in_processes(extract_document, list(docs), jobs)


def _finish(graph: nx.MultiDiGraph, issuers: set[str]) -> list[Merge]:
    """Cross-document resolution, then places on the map; the merges made (and refused)."""
    merges = resolve_across(graph)
    attach_places(graph, issuer=next(iter(issuers)) if len(issuers) == 1 else None)
    return merges


def report_warning(extraction: Extraction) -> str | None:
    """The warning line of a report whose year, issuer or review/plan parts were not found, else None
    (``doc: year not found; no plan part found``); every kind of build prints the same line."""
    doc = extraction.document
    return f"{doc.id}: {'; '.join(doc.warnings)}" if doc.warnings else None


def _merge_all(results: Iterable[Extraction | str], graph: nx.MultiDiGraph, *, keep: bool, total: int = 0,
               progress: Callable[[int, int], object] | None = None, mentions: MentionRecords | None = None,
               warnings: list[str] | None = None) -> tuple[list[Extraction], list[str], set[str], int]:
    """Merge extractions into ``graph`` as they arrive; problem lines are collected, not raised.

    Call it inside :func:`kg.heap.long_lived`: what each document adds is frozen there.
    A report whose year, issuer or review/plan parts were not found adds one line to ``warnings``.
    """
    kept: list[Extraction] = []
    problems: list[str] = []
    issuers: set[str] = set()
    merged = 0
    for done, result in enumerate(results, 1):
        if isinstance(result, str):
            problems.append(result)
        else:
            places = MentionPlaces(result.document)  # each mention's sentence and section, found once for both
            renamed = add_extraction(graph, result, places)
            if mentions is not None:
                mentions.add(result, renamed, places)
            del places
            problems.extend(result.glossary_problems)  # malformed glossary entries: skipped, reported
            merged += 1
            if warnings is not None and (line := report_warning(result)) is not None:
                warnings.append(line)
            if result.document.issuer:
                issuers.add(result.document.issuer)
            if keep:
                kept.append(result)
            del result
            heap.keep()  # the graph grown by this document: out of the collector's full passes (kg.heap)
        if progress is not None:
            progress(done, total)
    return kept, problems, issuers, merged


def build_documents(docs: Sequence[Document], *, jobs: int | None = None,
                    keep_extractions: bool = True) -> BuildResult:
    """One graph from in-memory documents; each extraction is merged as soon as it arrives.

    ``keep_extractions=False`` drops each extraction once merged, so memory grows with
    the graph only, not with the text of every document (what a big archive needs).
    """
    graph = new_graph()
    warnings: list[str] = []
    mentions = MentionRecords()
    with heap.long_lived():
        kept, problems, issuers, merged = _merge_all(extract_documents(docs, jobs=jobs), graph,
                                                     keep=keep_extractions, mentions=mentions, warnings=warnings)
        merges = _finish(graph, issuers)
    return BuildResult(graph, kept, problems, merges, documents=merged, warnings=warnings, mentions=mentions)


def build(inputs: Iterable[str | Path], *, jobs: int | None = None,
          progress: Callable[[int, int], object] | None = None,
          max_bytes: int | None = None, keep_extractions: bool = True,
          exclude: Iterable[str | Path] = (), dask: str | None = None) -> BuildResult:
    """Collect input files (folders expand), extract them in ``jobs`` processes, and build one graph.

    Each document is known by its path relative to its input folder (:mod:`extractors.walk`);
    folders in ``exclude`` (the build's own output folder) are not searched. ``dask`` (a
    scheduler address such as ``tcp://host:8786``, or ``"local"``) extracts on a Dask cluster
    instead of local processes (see :mod:`kg.dask_build`); the graph is the same.

    Files that cannot be read become problem lines and the rest are still built;
    a KGError is raised only when nothing could be built. ``progress(done, total)``
    is called once per file as its extraction is merged (as ``load_graph`` does per batch).
    """
    files, problems = walk_inputs(list(inputs), exclude=exclude)
    graph = new_graph()
    extract = partial(extract_or_problem, max_bytes=max_bytes)
    if dask:
        from kg.dask_build import dask_map  # noqa: PLC0415 - dask is imported only when asked for

        results: Iterable[Extraction | str] = dask_map(extract, files, dask, workers=jobs)
    else:
        results = _in_processes(extract, files, jobs)
    warnings: list[str] = []
    mentions = MentionRecords()
    with heap.long_lived():
        kept, failed, issuers, merged = _merge_all(results, graph, keep=keep_extractions, total=len(files),
                                                   progress=progress, mentions=mentions, warnings=warnings)
        problems.extend(failed)
        if not merged:
            detail = "; ".join(problems) if problems else "no .txt, .md, .html or .docx file found"
            raise KGError(f"nothing could be built ({detail}); pass readable .txt, .md, .html or .docx reports")
        merges = _finish(graph, issuers)
    return BuildResult(graph, kept, problems, merges, documents=merged, warnings=warnings, mentions=mentions)


def build_graph(paths: Iterable[str | Path], *, jobs: int | None = 1) -> nx.MultiDiGraph:
    """The graph of the given report files or folders (a convenience for notebooks and tests)."""
    return build(paths, jobs=jobs).graph


SUMMARY_LABELS = ("Program", "Project", "Company", "Place", "Agency", "GlossaryEntry", "Status", "Indicator")


def summary_lines(graph: nx.MultiDiGraph) -> list[str]:
    """Counts per node type and per relation type, as ``kg build`` prints them."""
    labels = Counter(data.get("label") for data in graph._node.values())  # type: ignore[attr-defined]
    # (the keys of every edge in the order of graph.edges(keys=True), read from the adjacency without a view)
    relations = Counter(key for targets in graph._adj.values() for keyed in targets.values()  # type: ignore[attr-defined]
                        for key in keyed)
    lines = [f"  {label:14s} {labels.get(label, 0):6d}" for label in SUMMARY_LABELS]
    lines.append(f"  {'relations':14s} {sum(relations.values()):6d}  "
                 + ", ".join(f"{key} {count}" for key, count in relations.most_common()))
    return lines
