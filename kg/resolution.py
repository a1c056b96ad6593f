"""Cross-document entity resolution: one node for one entity however each report writes it.

Reports of different years (or one report in different places) write the same entity
differently: 株洲市 / 株洲, 湖南建工集团 / 湖南建工, 第十四届全国冬运会 / 十四冬, a project with
or without 一期. The rules that make a name's shorter *forms* are data,
``kg/data/resolution.json`` (with the user-editable pairs of ``kg/data/abbreviations.json``).

Two nodes of the same type are *related* when one's name is a form of the other's name or
aliases (places also when both resolve to the same division code, and never when they
resolve to different ones). A group of related nodes merges only when every pair in it is
related: a short form shared by two different full names (株洲 for 株洲市 and 株洲县,
冬运会主场馆 for its 一期 and 二期) merges with neither, and the refusal is recorded too.

Every merge is a :class:`Merge` (kept, merged, rule, reason), written by ``kg build`` to
``merges.json``; a pair listed in ``keep_apart`` of the rules file is never merged, which
is how a user undoes a merge.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import networkx as nx

from kg.errors import KGError
from kg.merge import merge_nodes
from kg.model import ENTITY_LABELS
from kg.places import hierarchy, resolve_place

__all__ = ["Merge", "ResolutionRules", "load_rules", "name_forms", "resolve_across", "DEFAULT_RULES",
           "qualified_body", "qualified_merge", "QUALIFIED_RULE"]

DEFAULT_RULES = Path(__file__).parent / "data" / "resolution.json"


@dataclass(frozen=True)
class Merge:
    """One decision: ``merged`` folded into ``kept`` (or, when ``refused``, left apart) and why."""

    kept: str
    merged: str
    rule: str
    reason: str
    refused: bool = False

    def to_dict(self) -> dict:
        """A JSON-ready dict (what ``merges.json`` holds)."""
        return asdict(self)


# the keys a form rule may have: id, types and reason, and its actions
_RULE_KEYS = frozenset({"id", "types", "reason", "strip_suffix", "substitute", "strip_place_prefix"})


@dataclass(frozen=True)
class ResolutionRules:
    """The parsed rules file: per-type minimum length, form rules, abbreviation pairs, keep-apart pairs."""

    min_chars: dict[str, int]
    rules: tuple[dict, ...]
    abbreviations: tuple[tuple[str, str], ...]
    keep_apart: frozenset[frozenset[str]]


def _read(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, json.JSONDecodeError) as error:
        raise KGError(f"{path} cannot be read as resolution rules ({error}); fix it or restore it from the repository") from None


def load_rules(path: str | Path | None = None) -> ResolutionRules:
    """Read the resolution rules (default ``kg/data/resolution.json``) and their abbreviation file."""
    return _load_rules(str(Path(path or DEFAULT_RULES).resolve()))


@lru_cache(maxsize=4)
def _load_rules(path: str) -> ResolutionRules:
    data = _read(Path(path))
    try:
        rules = tuple(data["rules"])
        for number, rule in enumerate(rules, 1):
            unknown = sorted(set(rule) - _RULE_KEYS)
            if unknown or "id" not in rule or "types" not in rule:
                raise KGError(f"{path}: rule {number} ({rule.get('id', 'no id')}) has "
                              f"{'unknown key ' + ', '.join(unknown) if unknown else 'no id or no types'}; "
                              f"a rule has id and types and some of {', '.join(sorted(_RULE_KEYS))}")
            for pattern, _ in rule.get("substitute", []):
                re.compile(pattern)
        pairs_file = data.get("abbreviations_file")
        pairs = _read(Path(path).parent / pairs_file)["pairs"] if pairs_file else []
        return ResolutionRules(
            min_chars=dict(data.get("min_chars", {})), rules=rules,
            abbreviations=tuple((full, short) for full, short in pairs),
            keep_apart=frozenset(frozenset(pair) for pair in data.get("keep_apart", [])))
    except (KeyError, TypeError, ValueError, re.error) as error:
        raise KGError(f"{path} has a malformed rule ({error!r}); compare it with kg/data/resolution.json") from None


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    """A rule's pattern compiled once (``re.sub`` looks its cache up with flags on every call)."""
    found = _PATTERNS.get(pattern)
    if found is None:
        found = _PATTERNS[pattern] = re.compile(pattern)
    return found


_ANY: dict[int, tuple[list, re.Pattern[str]]] = {}
_BACKREFERENCE = re.compile(r"\\\d|\(\?P=")


def _any_of(substitutions: list) -> re.Pattern[str]:
    """One pattern that matches where any of a rule's substitution patterns does (a name none matches
    is left as it is by every one): their alternation, or a pattern matching everywhere when one
    refers to its own groups (numbers would shift in the alternation) or sets flags. Cached per rule list."""
    cached = _ANY.get(id(substitutions))
    if cached is None or cached[0] is not substitutions:
        patterns = [pattern for pattern, _ in substitutions]
        joined = "" if any(_BACKREFERENCE.search(p) for p in patterns) else "|".join(f"(?:{p})" for p in patterns)
        try:
            compiled = re.compile(joined)
        except re.error:  # inline flags (?i) are allowed only at the start of a whole pattern
            compiled = re.compile("")
        cached = _ANY[id(substitutions)] = (substitutions, compiled)
    return cached[1]


def _one_step(name: str, rule: dict, issuers: dict[str, str]) -> list[tuple[str, str | None]]:
    """Forms ``rule`` makes from ``name`` in one step, each with the issuer it requires (or None)."""
    out: list[tuple[str, str | None]] = []
    for suffix in rule.get("strip_suffix", []):
        if name.endswith(suffix) and len(name) > len(suffix):
            out.append((name[: -len(suffix)], None))
    substitutions = rule.get("substitute", [])
    if substitutions and _any_of(substitutions).search(name) is not None:  # one search rules most names out
        for pattern, replacement in substitutions:
            new = _compiled(pattern).sub(replacement, name)
            if new != name and new:
                out.append((new, None))
    if rule.get("strip_place_prefix") and issuers:
        order, longest = _order(issuers)  # the prefixes of name (none longer than the longest), looked up
        found = sorted((order[name[:cut]], name[:cut]) for cut in range(1, min(len(name), longest + 1))
                       if name[:cut] in order)
        out.extend((name[len(prefix):], issuers[prefix]) for _, prefix in found)
    return out


_ORDERS: dict[int, tuple[dict[str, str], dict[str, int], int]] = {}


def _order(issuers: dict[str, str]) -> tuple[dict[str, int], int]:
    """Each prefix's position in ``issuers`` and the length of the longest (cached for the dict's lifetime:
    one resolution run)."""
    cached = _ORDERS.get(id(issuers))
    if cached is None or cached[0] is not issuers or len(cached[1]) != len(issuers):
        _ORDERS.clear()
        cached = _ORDERS[id(issuers)] = (issuers, {prefix: n for n, prefix in enumerate(issuers)},
                                         max(map(len, issuers), default=0))
    return cached[1], cached[2]


def name_forms(name: str, label: str, rules: ResolutionRules | None = None,
               issuers: dict[str, str] | None = None) -> dict[str, tuple[str, str | None]]:
    """Every shorter form of ``name`` the rules make for type ``label``: form → (rule id, required issuer).

    Rules apply repeatedly (湖南建工集团有限公司 → 湖南建工集团 → 湖南建工); ``issuers`` maps a
    place prefix (海拉尔区, 海拉尔) to the issuer it stands for, for the issuer-prefix rule.
    """
    rules = rules or load_rules()
    issuers = issuers or {}
    forms: dict[str, tuple[str, str | None]] = {}
    todo: list[tuple[str, str | None, str | None]] = [(name, None, None)]
    todo += [(name.replace(full, short), "abbreviation", None) for full, short in rules.abbreviations if full in name]
    while todo:
        current, via, needs = todo.pop()
        if current != name:
            if current in forms:
                continue
            forms[current] = (via or "", needs)
        for rule in rules.rules:
            if label in rule["types"]:
                for new, issuer in _one_step(current, rule, issuers):
                    if new != name and new not in forms:
                        todo.append((new, via or rule["id"], needs or issuer))
    forms.pop(name, None)
    return forms


def _issuer_prefixes(graph: nx.MultiDiGraph, rules: ResolutionRules) -> dict[str, str]:
    prefixes: dict[str, str] = {}
    for _, data in graph.nodes(data=True):
        issuer = data.get("issuer") if data.get("label") == "Document" else None
        if issuer:
            prefixes[issuer] = issuer
            for form in name_forms(issuer, "Place", rules):
                if len(form) >= rules.min_chars.get("Place", 2):
                    prefixes.setdefault(form, issuer)
    return prefixes


def _doc_issuers(graph: nx.MultiDiGraph, node: str) -> set[str | None]:
    return {graph.nodes[f"Document:{doc}"].get("issuer") if f"Document:{doc}" in graph else None
            for doc in graph.nodes[node].get("docs", [])}


def _adcode(name: str) -> str | None:
    division = resolve_place(name)
    return division.code if division else None


def _relations(graph: nx.MultiDiGraph, nodes: list[str], label: str, rules: ResolutionRules,
               issuers: dict[str, str]) -> dict[frozenset[str], tuple[str, str]]:
    """Related pairs of same-type nodes → (rule id, reason)."""
    reasons = {rule["id"]: rule.get("reason", rule["id"]) for rule in rules.rules}
    reasons.update({"abbreviation": "known abbreviation (kg/data/abbreviations.json)",
                    "alias": "the name is an alias of the other node", "adcode": "same administrative division code"})
    by_name = {graph.nodes[n]["name"]: n for n in nodes}
    pairs: dict[frozenset[str], tuple[str, str]] = {}
    vetoed: set[frozenset[str]] = set()
    codes = {n: _adcode(graph.nodes[n]["name"]) for n in nodes} if label == "Place" else {}
    if codes:
        by_code: dict[str, list[str]] = defaultdict(list)
        for node, code in codes.items():
            if code:
                by_code[code].append(node)
        for group in by_code.values():
            for a, b in combinations(group, 2):
                pairs[frozenset((a, b))] = ("adcode", reasons["adcode"])
    for node in nodes:
        data = graph.nodes[node]
        sources = [(data["name"], None)] + [(alias, "alias") for alias in data.get("aliases", [])]
        for written, via in sources:
            candidates: dict[str, tuple[str, str | None]] = {written: (via, None)} if via else {}
            candidates.update(name_forms(written, label, rules, issuers))
            for form, (rule_id, needs) in candidates.items():
                other = by_name.get(form)
                if other is None or other == node:
                    continue
                pair = frozenset((node, other))
                if needs is not None and _doc_issuers(graph, other) != {needs}:
                    continue
                if codes.get(node) and codes.get(other) and codes[node] != codes[other]:
                    vetoed.add(pair)
                    continue
                pairs.setdefault(pair, (rule_id, reasons.get(rule_id, rule_id)))
    return {pair: why for pair, why in pairs.items() if pair not in vetoed}


def _official(name: str) -> bool:
    division = resolve_place(name)
    return division is not None and division.name == name


def _keep(graph: nx.MultiDiGraph, nodes: set[str]) -> str:
    """The official division name for places (株洲市, not 湖南省株洲市), else the longest name."""
    def rank(node: str) -> tuple:
        data = graph.nodes[node]
        official = data.get("label") == "Place" and _official(data["name"])
        return official, len(data["name"]), data.get("mentions", 0), node
    return max(nodes, key=rank)


def _groups(nodes: list[str], pairs: dict[frozenset[str], tuple[str, str]]) -> list[set[str]]:
    """The connected groups of related nodes, in the order of their first node in ``nodes`` (as
    ``nx.connected_components`` of the graph of ``nodes`` and ``pairs`` gives them); only the nodes of
    a pair are walked, not every node of the type (this runs once per round of ambiguity)."""
    linked = _linked(pairs)
    seen: set[str] = set()
    groups = []
    for node in nodes:
        if node not in linked or node in seen:
            continue
        group, pending = {node}, [node]
        while pending:
            for other in linked[pending.pop()]:
                if other not in group:
                    group.add(other)
                    pending.append(other)
        seen |= group
        groups.append(group)
    return groups


def _partners(node: str, group: Iterable[str], pairs: dict[frozenset[str], tuple[str, str]]) -> list[str]:
    return [other for other in group if other != node and frozenset((node, other)) in pairs]


def _linked(pairs: dict[frozenset[str], tuple[str, str]]) -> dict[str, list[str]]:
    """Each node of a pair → the nodes paired with it (a node paired with none maps to an empty list)."""
    linked: dict[str, list[str]] = defaultdict(list)
    for a, b in pairs:
        linked[a].append(b)
        linked[b].append(a)
    return linked


def _clique(members: list[str], pairs: dict[frozenset[str], tuple[str, str]]) -> bool:
    return all(frozenset(p) in pairs for p in combinations(members, 2))


QUALIFIED_RULE = "issuer-qualified"
# level word of a generic body → the ends of the government names it may stand for (区 is no 自治区)
_LEVEL_ENDS = {"自治区": ("自治区",), "自治州": ("自治州",), "自治县": ("自治县",), "省": ("省",), "州": ("州",),
               "市": ("市",), "盟": ("盟",), "旗": ("旗",), "县": ("县",), "区": ("区",)}
_NOT_GOVERNMENTS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


def qualified_body(name: str, issuer: str | None) -> tuple[str, str] | None:
    """The name of a generic body (省委, 州人民政府, 区委) qualified by its government, and that government.

    The government is the nearest division of the issuer's chain (the issuer, its prefecture,
    its province) whose name ends in the body's level word: in a report issued by 荷塘区, 区委 is
    荷塘区委, 市委 株洲市委 and 省委 湖南省委; in one issued by 甘孜藏族自治州, 州委 is 甘孜藏族自治州委
    and 省委 四川省委. None when the name is no generic body or the issuer is unknown.
    """
    from extractors.rules import load_rules as load_entity_rules  # noqa: PLC0415 - loaded once per process

    reference = load_entity_rules().reference
    if reference is None or not issuer:
        return None
    parts = reference.generic_body(name)
    division = resolve_place(issuer) if parts else None
    if parts is None or division is None:
        return None
    level, body = parts
    ends = _LEVEL_ENDS.get(level, ())
    for government in hierarchy(division.code):
        if government.name in _NOT_GOVERNMENTS or not government.name.endswith(ends):
            continue
        if level == "区" and government.name.endswith(("自治区", "特别行政区")):
            continue
        return government.name + body, government.name
    return None


def qualified_merge(node: str, label: str | None, name: str | None, item: str) -> Merge:
    """The record of one ``qualified_from`` item (``plain|doc|government``) of entity ``node``
    (its label and name before resolution): the generic body a report named by its government."""
    plain, doc, government = item.split("|", 2)
    return Merge(node, f"{label}:{plain}", QUALIFIED_RULE,
                 f"{plain} in {doc} is the body of {government}, the report's issuer or the division "
                 f"above it: named {name} so that another government's {plain} stays apart")


def _qualified_merges(graph: nx.MultiDiGraph) -> list[Merge]:
    """The records of generic bodies named by their government when their reports were added."""
    return [qualified_merge(node, data.get("label"), data.get("name"), item)
            for node, data in graph.nodes(data=True) for item in data.get("qualified_from", [])]


def _city_as_county(short: str, full: str) -> bool:
    """A prefecture city's short form (吉安, 东营) beside a county or district of that name (吉安县, 东营区)."""
    from kg.places import is_city_short

    return full != short and full.startswith(short) and full.endswith(("县", "区", "旗")) and is_city_short(short)


def resolve_across(graph: nx.MultiDiGraph, rules: ResolutionRules | str | Path | None = None) -> list[Merge]:
    """Merge same-type entity nodes that name one entity, in place; return every merge and refusal.

    The kept node is the longest name (the most complete writing); it takes the other nodes'
    documents, years, aliases, mentions, evidence and edges, and their names as aliases.
    The generic bodies each report named by its government (:func:`qualified_body`, done when
    the report was added) are recorded first, rule ``issuer-qualified``.
    """
    if not isinstance(rules, ResolutionRules):
        rules = load_rules(rules)
    issuers = _issuer_prefixes(graph, rules)
    decisions: list[Merge] = _qualified_merges(graph)
    by_label: dict[str, list[str]] = {label: [] for label in ENTITY_LABELS}  # each type's nodes, in the graph's order
    for node, data in graph.nodes(data=True):
        if isinstance(label := data.get("label"), str) and label in by_label:
            by_label[label].append(node)
    for label in sorted(ENTITY_LABELS):
        nodes = by_label[label]  # (merges below fold nodes of this type only: the other lists stay true)
        pairs = _relations(graph, nodes, label, rules, issuers)
        minimum = rules.min_chars.get(label, 3)
        for pair in list(pairs):
            a, b = sorted(pair, key=lambda n: len(graph.nodes[n]["name"]))
            if label == "Place" and _city_as_county(graph.nodes[a]["name"], graph.nodes[b]["name"]):
                pairs.pop(pair)  # 吉安 is 吉安市, not 吉安县: a city's short form is no county's
                decisions.append(Merge(b, a, "admin-suffix", "not merged: the short form names a city, not this county",
                                       refused=True))
                continue
            if len(graph.nodes[a]["name"]) < minimum or frozenset(graph.nodes[n]["name"] for n in pair) in rules.keep_apart:
                rule_id, _ = pairs.pop(pair)
                why = "listed in keep_apart" if len(graph.nodes[a]["name"]) >= minimum else f"shorter than {minimum} characters"
                decisions.append(Merge(b, a, rule_id, f"not merged: {why}", refused=True))
        while True:  # a node related to two unrelated nodes is an ambiguous short form: drop it, regroup
            groups = _groups(nodes, pairs)
            ambiguous = [n for g in groups for n in sorted(g) if not _clique(_partners(n, g, pairs), pairs)]
            if not ambiguous:
                break
            linked = _linked(pairs)
            for node in ambiguous:
                partners = [other for other in linked[node] if frozenset((node, other)) in pairs]  # (any order:
                # their names are sorted, their pairs dropped)
                names = "、".join(sorted(graph.nodes[o]["name"] for o in partners))
                decisions.append(Merge(node, node, "ambiguous", f"not merged: could be any of {names}", refused=True))
                for other in partners:
                    pairs.pop(frozenset((node, other)), None)
        for group in groups:
            kept = _keep(graph, group)
            for other in sorted(group - {kept}):
                rule_id, reason = pairs[frozenset((kept, other))]
                decisions.append(Merge(kept, other, rule_id, reason))
                merge_nodes(graph, kept, other)
    return decisions
