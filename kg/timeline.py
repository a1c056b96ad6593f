"""Plan versus outcome across reports: one entity's timeline, plans met or not, targets and outcomes.

A report's plan part states projects and targets for its own year N (``kind`` plan/target,
``year`` N); the next report's review part states what happened in year N (``kind``
outcome, ``year`` N, from the document of year N+1). Cross-document resolution
(:mod:`kg.resolution`) has already put the two writings of one project on one node, so
pairing is a join on (entity, year) for statuses and on (indicator name, year) for indicators.

Rules a researcher can cite (data in ``kg/data/timeline.json``):

* only nodes typed Project enter plan versus outcome; a plan of year N is paired with the
  review of year N in the report of N+1 *of the same issuer*; a plan whose review report is
  loaded but says nothing of it is kept with ``reached`` None ("no outcome reported");
* new works on an existing project are kept apart from the project's own phases: a status
  whose sentence writes the project's name followed by a works word (启动黑羊站水厂扩能改造),
  or a plan to start a project whose completion an earlier year already reports, gets the
  phase ``new works`` and is never paired as the project's plan or outcome;
* growth stated as an average over several years (年均) is not one year's growth, so it is
  left out of target/outcome pairs and of per-year series.

Example:
    >>> from kg.model import new_graph
    >>> plan_vs_outcome(new_graph())
    []
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import networkx as nx

from extractors.records import STATUS_STAGES
from kg.errors import KGError
from kg.model import ENTITY_LABELS

__all__ = ["EntityNotFoundError", "TimelineEvent", "Timeline", "PlanOutcome", "IndicatorPair",
           "STAGE_PHASES", "NEW_WORKS", "find_entity", "find_entities", "timeline", "timelines", "plan_vs_outcome",
           "indicator_pairs", "indicator_series", "document_key"]

#: The phase each stage word stands for on a timeline (planned → started → completed).
STAGE_PHASES: dict[str, str] = {"签约": "signed", "开工": "started", "在建": "started", "建成": "completed",
                                "投产": "completed"}
_RANK = {stage: rank for rank, stage in enumerate(STATUS_STAGES)}
#: The phase of a status that is about new works on the project (扩能改造, 二期…), not the project itself.
NEW_WORKS = "new works"
RULES_FILE = Path(__file__).parent / "data" / "timeline.json"


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, ...], frozenset[str]]:
    """(new-works words longest first, start stages) from ``kg/data/timeline.json``, validated."""
    try:
        data = json.loads(RULES_FILE.read_text(encoding="utf-8"))
        words = tuple(sorted((str(w) for w in data["new_works_after"] if w), key=len, reverse=True))
        starts = frozenset(str(stage) for stage in data["start_stages"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise KGError(f"{RULES_FILE} is not valid timeline rules ({error}); restore it from the repository") from None
    if not words or not starts <= set(STATUS_STAGES):
        raise KGError(f"{RULES_FILE}: new_works_after must be non-empty and start_stages among {STATUS_STAGES}")
    return words, starts


class EntityNotFoundError(KGError):
    """No entity of the graph has the name (or alias) asked for."""


@dataclass(frozen=True)
class TimelineEvent:
    """One status of an entity: year, stage, phase, plan or outcome, and where it is stated."""

    year: int | None
    stage: str
    phase: str  # "planned" for plans, else the stage's phase (signed / started / completed)
    kind: str  # "plan" | "outcome"
    doc: str
    sentence: str


@dataclass
class Timeline:
    """An entity's statuses in time order plus the documents and years it appears in."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    merged_from: list[str] = field(default_factory=list)
    events: list[TimelineEvent] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True)
class PlanOutcome:
    """A project's plan for year N beside what the review of year N (in the report of N+1) says."""

    project: str
    year: int
    planned: str  # stages planned, joined with /
    plan_doc: str
    plan_sentence: str
    reached: str | None  # the furthest stage the review reports, None when not reviewed
    outcome_doc: str | None
    outcome_sentence: str | None
    met: bool | None  # reached at least the furthest planned stage; None when not reviewed
    review_doc: str | None = None  # the report that reviews year N (its silence is "no outcome reported")
    issuer: str | None = None


@dataclass(frozen=True)
class IndicatorPair:
    """An indicator's target for year N (report N) and its outcome for year N (report N+1)."""

    name: str
    year: int
    unit: str | None
    target_value: float | None
    outcome_value: float | None
    value_diff: float | None  # outcome − target
    target_growth: float | None
    outcome_growth: float | None
    growth_diff: float | None
    target_doc: str
    outcome_doc: str
    target_qualifier: str | None = None
    outcome_qualifier: str | None = None
    outcome_basis: str | None = None
    issuer: str | None = None


def _year(data: dict) -> int | None:
    if data.get("year") is not None:
        return data["year"]
    years = [y for y in data.get("years", []) if y is not None]
    return years[0] if years else None


def document_key(node: str, data: dict) -> str:
    """The document id other nodes list in ``docs`` (a path relative to the input folder), for a Document node."""
    return (data.get("docs") or [data.get("name") or node.split(":", 1)[-1]])[0]


def _doc_years(graph: nx.MultiDiGraph) -> dict[str, int | None]:
    return {document_key(n, d): _year(d) for n, d in graph.nodes(data=True) if d.get("label") == "Document"}


def _doc_issuers(graph: nx.MultiDiGraph) -> dict[str, str | None]:
    return {document_key(n, d): d.get("issuer") for n, d in graph.nodes(data=True) if d.get("label") == "Document"}


def _forms(name: str, label: str) -> set[str]:
    """``name`` and the shorter forms the resolution rules make of it (第十四届全国冬运会主场馆 → 十四冬主场馆)."""
    from kg.resolution import name_forms  # noqa: PLC0415 - resolution pulls in the place tables

    return {name, *name_forms(name, label)} if name else set()


@lru_cache(maxsize=4096)
def _written_spans(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """Spans of ``sentence`` that the resolution rules abbreviate, with the abbreviation
    (第十四届全国冬运会 → 十四冬; known pairs of ``kg/data/abbreviations.json`` too)."""
    from kg.resolution import load_rules  # noqa: PLC0415

    rules = load_rules()
    spans = []
    for rule in rules.rules:
        for pattern, replacement in rule.get("substitute", []):
            spans += [(m.start(), m.end(), m.expand(replacement)) for m in re.finditer(pattern, sentence)]
    for full, short in rules.abbreviations:
        spans += [(m.start(), m.end(), short) for m in re.finditer(re.escape(full), sentence)]
    return tuple(spans)


def _written_with(data: dict, query: str) -> bool:
    """True when an evidence sentence writes the entity's name right inside or after ``query`` or a span
    the rules abbreviate to it (第十四届全国冬运会主场馆一期 for the node 冬运会主场馆一期 and 十四冬)."""
    names = [name for name in [data.get("name", ""), *data.get("aliases", [])] if name]
    for evidence in data.get("evidence") or []:
        sentence = evidence.get("sentence", "") if isinstance(evidence, dict) else ""
        if not sentence:
            continue
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(query), sentence)]
        spans += [(a, b) for a, b, short in _written_spans(sentence) if query in short]
        for a, b in spans:
            if any(a <= sentence.find(name, a) <= b for name in names):
                return True
    return False


def find_entities(graph: nx.MultiDiGraph, name: str) -> tuple[list[str], str]:
    """Every entity ``name`` stands for, by the first rule that finds any, and how it matched.

    In order: id; name; alias; part of a name, an alias or a form the resolution rules make of
    them (十四冬 in 十四冬主场馆, the form of 第十四届全国冬运会主场馆); the name as the reports
    write it (the node 冬运会主场馆一期 written 第十四届全国冬运会主场馆一期 is found by 十四冬).
    Most mentioned first. Raises :class:`EntityNotFoundError` when nothing matches.
    """
    name = name.strip()
    entities = [(n, d) for n, d in graph.nodes(data=True) if d.get("label") in ENTITY_LABELS]
    if name in graph and graph.nodes[name].get("label") in ENTITY_LABELS:
        return [name], "id"
    tests = (("name", lambda d: d.get("name") == name),
             ("alias", lambda d: name in d.get("aliases", [])),
             ("part of the name", lambda d: any(name in n for n in [d.get("name", ""), *d.get("aliases", [])])),
             ("abbreviation", lambda d: any(name in form for n in [d.get("name", ""), *d.get("aliases", [])]
                                            for form in _forms(n, d["label"]))),
             ("as the report writes it", lambda d: _written_with(d, name)))
    for how, test in tests:
        hits = sorted((n for n, d in entities if test(d)), key=lambda n: (-graph.nodes[n].get("mentions", 0), n))
        if hits:
            return hits, how
    raise EntityNotFoundError(f"no entity named {name!r} in the graph (nor an alias or known abbreviation of it); "
                              "check the spelling or build the graph with more reports")


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The id of the entity called ``name`` (the most mentioned when several match): see :func:`find_entities`."""
    return find_entities(graph, name)[0][0]


def _new_works_word(sentence: str, names: list[str], own: str) -> str | None:
    """The works word written right after one of ``names`` in ``sentence`` that the project's own
    name ``own`` does not contain (启动黑羊站水厂扩能改造 → 扩能改造), else None."""
    words, _ = _rules()
    for name in names:
        at = sentence.find(name) if name else -1
        while at >= 0:
            rest = sentence[at + len(name):]
            if not any(rest.startswith(other[len(name):]) for other in names if other.startswith(name) and other != name):
                word = next((w for w in words if rest.startswith(w)), None)
                if word is not None and word not in own:
                    return word
            at = sentence.find(name, at + 1)
    return None


def _events(graph: nx.MultiDiGraph, node: str) -> list[TimelineEvent]:
    data = graph.nodes[node]
    names = sorted({data.get("name", ""), *data.get("aliases", [])}, key=len, reverse=True)
    _, starts = _rules()
    events = []
    for _, status, key in graph.out_edges(node, keys=True):
        if key != "HAS_STATUS":
            continue
        attrs = graph.nodes[status]
        evidence = attrs.get("evidence") or [{}]
        evidence = evidence if isinstance(evidence, list) else [evidence]
        phase = "planned" if attrs.get("kind") == "plan" else STAGE_PHASES.get(attrs.get("stage", ""), "")
        for ev in evidence:
            sentence = ev.get("sentence", "")
            works = _new_works_word(sentence, names, data.get("name", ""))
            events.append(TimelineEvent(_year(attrs), attrs.get("stage", ""), NEW_WORKS if works else phase,
                                        attrs.get("kind", ""), ev.get("doc", (attrs.get("docs") or [""])[0]), sentence))
    completed = [e.year for e in events if e.phase == "completed" and e.year is not None]
    first_done = min(completed, default=None)
    # a plan to start what an earlier year already completed is new works on it, not its start
    events = [TimelineEvent(e.year, e.stage, NEW_WORKS, e.kind, e.doc, e.sentence)
              if e.kind == "plan" and e.phase == "planned" and e.stage in starts and first_done is not None
              and e.year is not None and e.year > first_done else e for e in events]
    # a plan for year N is stated before the review of year N; stages in their natural order
    return sorted(set(events), key=lambda e: (e.year or 0, e.kind != "plan", _RANK.get(e.stage, 9), e.doc))


def timeline(graph: nx.MultiDiGraph, name: str) -> Timeline:
    """The timeline of the entity called ``name`` (name, alias or abbreviation; the most mentioned match)."""
    return _timeline(graph, find_entity(graph, name))


def timelines(graph: nx.MultiDiGraph, name: str) -> tuple[list[Timeline], str]:
    """The timelines of every entity ``name`` matches (see :func:`find_entities`) and how it matched."""
    nodes, how = find_entities(graph, name)
    return [_timeline(graph, node) for node in nodes], how


def _timeline(graph: nx.MultiDiGraph, node: str) -> Timeline:
    data = graph.nodes[node]
    return Timeline(node, data["name"], data["label"], list(data.get("aliases", [])), list(data.get("docs", [])),
                    list(data.get("years", [])), list(data.get("merged_from", [])), _events(graph, node))


def plan_vs_outcome(graph: nx.MultiDiGraph) -> list[PlanOutcome]:
    """Every project's plan for a year N paired with the review of year N when report N+1 is loaded.

    Only Project nodes; plan and review must come from reports of the same issuer (one
    district's plan is not reviewed by another district's report); new works on a project
    (phase ``new works``) are neither its plan nor its outcome. A plan whose review report is
    loaded but silent on it is kept, with ``reached`` None: no outcome reported.
    """
    issuers = _doc_issuers(graph)
    reports = {(issuers[doc], year): doc for doc, year in sorted(_doc_years(graph).items())}
    rows = []
    for node, data in graph.nodes(data=True):
        if data.get("label") != "Project":
            continue
        plans: dict[int, list[TimelineEvent]] = defaultdict(list)
        outcomes: dict[int, list[TimelineEvent]] = defaultdict(list)
        for event in _events(graph, node):
            if event.year is not None and event.phase != NEW_WORKS:
                (plans if event.kind == "plan" else outcomes)[event.year].append(event)
        for year, planned in sorted(plans.items()):
            goal = max(planned, key=lambda e: _RANK.get(e.stage, -1))
            issuer = issuers.get(goal.doc)
            review_doc = reports.get((issuer, year + 1))
            if review_doc is None:
                continue  # the report that would review this plan is not loaded
            reviewed = [e for e in outcomes.get(year, []) if issuers.get(e.doc) == issuer]
            done = max(reviewed, key=lambda e: _RANK.get(e.stage, -1), default=None)
            rows.append(PlanOutcome(
                data["name"], year, "/".join(dict.fromkeys(e.stage for e in planned)), goal.doc, goal.sentence,
                done.stage if done else None, done.doc if done else None, done.sentence if done else None,
                (_RANK.get(done.stage, -1) >= _RANK.get(goal.stage, -1)) if done else None, review_doc, issuer))
    return sorted(rows, key=lambda r: (r.year, r.reached is None, r.project))


def _indicators(graph: nx.MultiDiGraph) -> list[tuple[str, dict]]:
    docs, issuers = _doc_years(graph), _doc_issuers(graph)
    found = []
    for node, data in graph.nodes(data=True):
        if data.get("label") == "Indicator":
            doc = (data.get("docs") or [node.split(":", 1)[-1].split("#")[0]])[0]
            number = node.rsplit("#", 1)[-1]
            order = int(number) if number.isdigit() else 0
            found.append((doc, {**data, "year": _year(data), "doc_year": docs.get(doc), "order": order,
                                "issuer": issuers.get(doc)}))
    return sorted(found, key=lambda item: (item[0], item[1]["order"]))


def _diff(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(b - a, 6)


def indicator_pairs(graph: nx.MultiDiGraph) -> list[IndicatorPair]:
    """Each indicator's target for year N (report of N) with its outcome for N (report of N+1) and the difference."""
    targets: dict[tuple, tuple[str, dict]] = {}
    outcomes: dict[tuple, tuple[str, dict]] = {}
    for doc, data in _indicators(graph):
        year, doc_year = data["year"], data["doc_year"]
        if year is None or doc_year is None:
            continue
        if data.get("basis") == "年均":
            continue  # an average over several years is not the year's own figure
        key = (data["issuer"], data["name"], year)  # one district's target, the same district's outcome
        if data.get("kind") == "target" and doc_year == year:
            targets.setdefault(key, (doc, data))
        elif data.get("kind") == "outcome" and doc_year == year + 1:
            outcomes.setdefault(key, (doc, data))
    rows = []
    for key in sorted(targets.keys() & outcomes.keys(), key=lambda k: (k[2], str(k[0]), k[1])):
        (t_doc, target), (o_doc, outcome) = targets[key], outcomes[key]
        same_unit = target.get("unit") == outcome.get("unit")
        rows.append(IndicatorPair(
            key[1], key[2], target.get("unit"), target.get("value"), outcome.get("value"),
            _diff(target.get("value"), outcome.get("value")) if same_unit else None,
            target.get("growth"), outcome.get("growth"), _diff(target.get("growth"), outcome.get("growth")),
            t_doc, o_doc, target.get("qualifier"), outcome.get("qualifier"), outcome.get("basis"), key[0]))
    return rows


def indicator_series(graph: nx.MultiDiGraph, name: str, *, issuer: str | None = None) -> list[dict]:
    """One indicator's values over the years, one dict per (year, kind): what a chart plots.

    ``issuer`` keeps one district's reports (needed when the graph holds several places).
    Averages over several years (年均) are left out: they are not the year's own figure.
    """
    series: dict[tuple[int, str], dict] = {}
    for doc, data in _indicators(graph):
        if data.get("basis") == "年均":
            continue
        if data.get("name") == name and data["year"] is not None and issuer in (None, data["issuer"]):
            series.setdefault((data["year"], data.get("kind", "")), {
                "year": data["year"], "kind": data.get("kind"), "value": data.get("value"),
                "growth": data.get("growth"), "unit": data.get("unit"), "doc": doc,
                "basis": data.get("basis"), "qualifier": data.get("qualifier")})
    return [series[key] for key in sorted(series)]
