"""The explorer page's data: a compact, self-describing table form of the graph.

The page (:mod:`kg.visualize`) is search-first and shows one entity at a time, so it
needs every entity with its reports, evidence sentences, definitions, statuses and
links, not a drawing of the whole graph. This module turns the graph into that
table form once, in Python, with everything the page shows already in Chinese:

* ``docs``: one row per report (name, issuer, year, level, adcode, indicators with
  their numbers written as people write them: 219.4亿元, 增长8%);
* ``strings``: every sentence and section title once (reports repeat a sentence
  across entities and links, so rows point into this table);
* ``ents``: one row per entity (type, name, aliases, mentions per report, evidence,
  glossary entries, statuses);
* ``gloss``: glossary entries (term, page, definition, report, the entity defined or -1, id);
* ``edges``: links between entities (relation, weight, reports, a few sentences).

Document attributes are read defensively (``issuer``, ``year``, ``level``, ``adcode``
may be missing). Nothing here is markup: the page puts every string in with
``textContent``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain
from pathlib import PurePosixPath
from typing import Any, cast

import networkx as nx

from kg.model import ENTITY_LABELS

__all__ = ["page_data", "format_amount", "format_ratio", "TYPE_NAMES", "ENTITY_TYPES", "RELATIONS",
           "STAGES", "KIND_NAMES", "DATA_VERSION"]

DATA_VERSION = 1
# Chinese name, English name (tooltip), colour.
TYPE_NAMES: dict[str, tuple[str, str, str]] = {
    "Program": ("政策举措", "Programme", "#d95f02"),
    "Project": ("项目", "Project", "#1f78b4"),
    "Company": ("企业", "Company", "#33a02c"),
    "Place": ("地点", "Place", "#6a3d9a"),
    "Agency": ("机构", "Agency", "#b2182b"),
    "Document": ("报告", "Report", "#525252"),
    "GlossaryEntry": ("名词解释", "Glossary entry", "#8c8c00"),
}
# Relation between entities: Chinese name (filter), seen from the source, seen from the target, English, colour.
RELATIONS: dict[str, tuple[str, str, str, str, str]] = {
    "LOCATED_IN": ("位于", "位于", "位于此地的", "located in", "#6a3d9a"),
    "BUILDS": ("建设", "建设", "建设方", "builds", "#1f78b4"),
    "PART_OF": ("组成部分", "属于（组成部分）", "包含（组成部分）", "part of", "#33a02c"),
    "RELATED_TO": ("定义", "定义中关联", "定义中关联", "named in a glossary definition", "#8c8c00"),
    "CO_OCCURS": ("同句出现", "同句出现", "同句出现", "in the same sentence", "#9e9e9e"),
}
# The entity labels (kg.model) in the order the page shows them.
ENTITY_TYPES: tuple[str, ...] = tuple(sorted(ENTITY_LABELS, key=list(TYPE_NAMES).index))
STAGES = ("签约", "开工", "在建", "建成", "投产")
KIND_NAMES = {"plan": "计划", "outcome": "实绩", "target": "目标"}
MAX_EDGE_SENTENCES = 2
MAX_INDICATORS = 40


def _number(value: float, digits: int = 2) -> str:
    text = f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(",", "") if abs(value) < 10000 else text


def format_amount(value: Any, unit: str | None) -> str:
    """A quantity as a report writes it: 21940000000 元 → 219.4亿元, 0.08 ratio → 8%, 4133 人次 → 4133人次."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    if unit == "ratio":
        return format_ratio(value)
    unit = unit or ""
    if unit == "元" or unit.endswith("元"):
        base = unit[:-1]
        for scale, word in ((1e8, "亿"), (1e4, "万")):
            if abs(value) >= scale:
                return f"{_number(value / scale)}{word}{base}元"
        return f"{_number(value)}{unit}"
    for scale, word in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= scale and unit not in ("%",):
            return f"{_number(value / scale)}{word}{unit}"
    return f"{_number(value)}{unit}"


def format_ratio(value: Any) -> str:
    """0.08 → 8%, 0.0315 → 3.15%."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    return f"{_number(value * 100)}%"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class _Strings:
    """One table of distinct strings; rows hold indexes into it."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def find(self, text: Any) -> int | None:
        """The index of ``text`` when it is a string already in the table, else None (nothing added)."""
        return self._index.get(text) if text.__class__ is str else None

    def __call__(self, text: Any) -> int:
        value = text if text.__class__ is str else _text(text)
        found = self._index.get(value)
        if found is None:
            found = self._index[value] = len(self.items)
            self.items.append(value)
        return found


def _doc_year(data: dict) -> int | None:
    """``year`` if set, else the first of ``years`` (a report's, a status's or an indicator's year)."""
    year = data.get("year")
    if isinstance(year, int):
        return year
    years = [y for y in data.get("years") or [] if isinstance(y, int)]
    return min(years) if years else None


def _doc_title(name: str, issuer: str, year: int | None) -> str:
    """What a person calls the report: 荷塘区 2019年 (from the file name when the issuer is unknown)."""
    stem = PurePosixPath(name).name
    for suffix in (".txt", ".md", ".html", ".htm", ".docx"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    head = issuer or stem
    return f"{head} {year}年" if year and str(year) not in head else head


def _indicator_row(data: dict, edge: dict, strings: _Strings) -> list:
    value = format_amount(data.get("value"), data.get("unit"))
    growth = data.get("growth")
    growth_text = ""
    if isinstance(growth, (int, float)) and not isinstance(growth, bool):
        growth_text = ("增长" if growth >= 0 else "下降") + format_ratio(abs(growth))
    qualifier = _text(data.get("qualifier"))
    if not value and growth_text:  # 增长8%左右: the qualifier goes with the only number there is
        growth_text, qualifier = growth_text + qualifier, ""
    evidence = [e for e in data.get("evidence") or edge.get("evidence") or [] if isinstance(e, dict) and e.get("sentence")]
    sentence = strings(evidence[0].get("sentence")) if evidence else -1
    return [_text(data.get("name")), (value + qualifier) if value else "", growth_text, KIND_NAMES.get(_text(data.get("kind")), ""),
            _doc_year(data), sentence]


def _rows_of(names: list, find_doc: Callable[[Any], int | None], doc_of: Callable[[Any], int]) -> list[int]:
    """The report rows of the reports ``names``, sorted, each once (``find_doc`` finds a row, ``doc_of`` adds a
    missing one): a single report, the usual case, without a set."""
    if len(names) == 1 and (found := find_doc(names[0])) is not None:
        return [found]
    found_docs = set(map(find_doc, names))  # the report rows, without a call per report
    if None in found_docs:  # a report without a row (or not a string): doc_of adds it
        found_docs = {doc_of(d) for d in names}
    return sorted(cast("set[int]", found_docs))


def page_data(graph: nx.MultiDiGraph, *, title: str = "政府工作报告知识图谱",
              types: Iterable[str] | None = None, max_entities: int | None = None) -> dict:
    """The explorer's data for ``graph`` (see the module docstring); the graph is not changed.

    ``types`` keeps only entities of those types; ``max_entities`` keeps the most
    mentioned ones (ties by degree, then id).
    """
    strings = _Strings()
    nodes = graph.nodes
    wanted = set(types) if types is not None else set(ENTITY_TYPES)
    # the nodes the page shows, by kind, in the graph's order (one walk over the nodes)
    document_ids, section_nodes, gloss_nodes, entity_ids = [], [], [], []
    for node, data in graph._node.items():  # type: ignore[attr-defined]
        label = data.get("label")
        if label == "Document":
            document_ids.append(node)
        elif label == "Section":
            section_nodes.append((node, data))
        elif label == "GlossaryEntry":
            gloss_nodes.append((node, data))
        if label in wanted:
            entity_ids.append(node)

    # Reports.
    docs: list[dict[str, Any]] = []
    doc_index: dict[str, int] = {}
    document_ids.sort(key=str)
    for node in document_ids:
        data = nodes[node]
        key = str(node).split(":", 1)[1] if ":" in str(node) else str(node)
        name = _text(data.get("name")) or key
        issuer = _text(data.get("issuer"))
        year = _doc_year(data)
        row: dict[str, Any] = {"id": str(node), "key": key, "name": name, "title": _doc_title(name, issuer, year),
                               "issuer": issuer, "year": year, "level": _text(data.get("level")),
                               "adcode": _text(data.get("adcode")), "ind": []}
        for alias in (key, name, _text(data.get("doc")), _text(data.get("path"))):
            if alias:
                doc_index.setdefault(alias, len(docs))
        docs.append(row)

    def doc_of(name: Any) -> int:
        key = name if name.__class__ is str else _text(name)
        found = doc_index.get(key)
        if found is None:  # a report named in the data but without a Document node
            found = doc_index[key] = len(docs)
            docs.append({"id": "", "key": key, "name": key, "title": _doc_title(key, "", None), "issuer": "", "year": None,
                         "level": "", "adcode": "", "ind": []})
        return found

    section_doc: dict[Any, int] = {}
    for node, data in section_nodes:
        section_docs = data.get("docs") or []
        if section_docs:
            section_doc[node] = doc_of(section_docs[0])
    succ = dict(graph.adjacency())  # node → target → key → edge attributes: out-edges without a view per node
    for node in document_ids:
        row = docs[doc_index[str(node).split(":", 1)[1] if ":" in str(node) else str(node)]]
        for target, keyed in succ[node].items():
            for key, edge in keyed.items():
                if key == "REPORTS" and len(row["ind"]) < MAX_INDICATORS:
                    row["ind"].append(_indicator_row(nodes[target], edge, strings))

    # Entities.
    if max_entities is not None and len(entity_ids) > max_entities:
        entity_ids = sorted(entity_ids, key=lambda n: (-int(nodes[n].get("mentions") or 0), -graph.degree(n), str(n)))
        entity_ids = entity_ids[:max_entities]
    entity_ids.sort(key=str)
    ent_index = {node: i for i, node in enumerate(entity_ids)}

    gloss: list[list] = []
    gloss_index: dict[Any, int] = {}
    for node, data in gloss_nodes:
        gloss_docs = data.get("docs") or []
        gloss_index[node] = len(gloss)
        gloss.append([_text(data.get("term") or data.get("name")), _text(data.get("page")),
                      _text(data.get("definition")), doc_of(gloss_docs[0]) if gloss_docs else -1, -1, str(node)])

    ents: list[dict] = []
    node_data = graph._node  # type: ignore[attr-defined]
    for node in entity_ids:
        data = node_data[node]
        per_doc: dict[int, int] = {}  # report row → mentions in it
        glossary: list[int] = []
        statuses: list[list] = []
        for target, keyed in succ[node].items():
            for key, edge in keyed.items():
                if key == "MENTIONED_IN" and target in section_doc:
                    doc = section_doc[target]
                    per_doc[doc] = per_doc.get(doc, 0) + int(edge.get("weight") or 1)
                elif key == "DEFINED_BY" and target in gloss_index:
                    glossary.append(gloss_index[target])
                    gloss[gloss_index[target]][4] = len(ents)
                elif key == "HAS_STATUS":
                    status = nodes[target]
                    evidence = [e for e in status.get("evidence") or edge.get("evidence") or [] if isinstance(e, dict)]
                    status_docs = status.get("docs") or edge.get("docs") or []
                    statuses.append([_doc_year(status),
                                     _text(status.get("stage")), KIND_NAMES.get(_text(status.get("kind")), ""),
                                     doc_of(status_docs[0]) if status_docs else -1,
                                     strings(evidence[0].get("sentence")) if evidence else -1])
        for doc in data.get("docs") or []:
            per_doc.setdefault(doc_of(doc), 0)
        evidence_rows = []
        for item in data.get("evidence") or []:
            if isinstance(item, dict) and item.get("sentence"):
                evidence_rows.append([doc_of(item.get("doc")), strings(item.get("sentence")),
                                      strings(item.get("section")) if item.get("section") else -1])
        if len(statuses) > 1:
            statuses.sort(key=lambda s: (s[0] or 0, STAGES.index(s[1]) if s[1] in STAGES else 9, s[2]))
        ents.append({
            "id": str(node), "t": _text(data.get("label")), "n": _text(data.get("name")) or str(node),
            "a": [a if a.__class__ is str else _text(a) for a in data.get("aliases") or [] if a],
            "m": int(data.get("mentions") or sum(per_doc.values()) or 0),
            "d": sorted(map(list, per_doc.items())),  # [report row, mentions], by row
            "e": evidence_rows, "g": glossary, "s": statuses,
            "def": _text(data.get("definition")) if not glossary else "",
        })

    edges: list[list] = []
    find_doc, find_string = doc_index.get, strings.find
    for source, targets in succ.items():  # the order of graph.edges(); out-edges of non-entities skipped at once
        source_index = ent_index.get(source)
        if source_index is None:
            continue
        for target, keyed in targets.items():
            target_index = ent_index.get(target)
            if target_index is None or source == target:
                continue
            for key, edge in keyed.items():
                if key not in RELATIONS:
                    continue
                evidence = edge.get("evidence")
                sentences = [found if (found := find_string(text)) is not None else strings(text)
                             for e in evidence[:MAX_EDGE_SENTENCES] if isinstance(e, dict) and (text := e.get("sentence"))
                             ] if evidence else []
                edge_docs = _rows_of(edge.get("docs") or [], find_doc, doc_of)
                edges.append([source_index, target_index, key, int(edge.get("weight") or 1), edge_docs, sentences])

    return {
        "version": DATA_VERSION, "title": title,
        "types": {kind: {"zh": zh, "en": en, "color": colour} for kind, (zh, en, colour) in TYPE_NAMES.items()},
        "relations": {key: {"zh": zh, "out": out, "back": back, "en": en, "color": colour}
                      for key, (zh, out, back, en, colour) in RELATIONS.items()},
        "stages": list(STAGES), "docs": docs, "strings": strings.items, "ents": ents, "gloss": gloss, "edges": edges,
        "counts": {"nodes": graph.number_of_nodes(),
                   "edges": sum(map(len, chain.from_iterable(map(dict.values, succ.values())))),
                   "entities": len(ents)},
    }
