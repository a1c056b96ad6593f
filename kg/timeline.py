"""Plan versus outcome across reports: one entity's timeline, plans met or not, targets and outcomes.

A report's plan part states projects and targets for its own year N (``kind`` plan/target,
``year`` N); the next report's review part states what happened in year N (``kind``
outcome, ``year`` N, from the document of year N+1). Cross-document resolution
(:mod:`kg.resolution`) has already put the two writings of one project on one node, so
pairing is a join on (entity, year) for statuses and on (indicator name, year) for indicators.

Example:
    >>> from kg.model import new_graph
    >>> plan_vs_outcome(new_graph())
    []
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

import networkx as nx

from extractors.records import STATUS_STAGES
from kg.errors import KGError
from kg.model import ENTITY_LABELS

__all__ = ["EntityNotFoundError", "TimelineEvent", "Timeline", "PlanOutcome", "IndicatorPair",
           "STAGE_PHASES", "find_entity", "timeline", "plan_vs_outcome", "indicator_pairs", "indicator_series"]

#: The phase each stage word stands for on a timeline (planned → started → completed).
STAGE_PHASES: dict[str, str] = {"签约": "signed", "开工": "started", "在建": "started", "建成": "completed",
                                "投产": "completed"}
_RANK = {stage: rank for rank, stage in enumerate(STATUS_STAGES)}


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


def _year(data: dict) -> int | None:
    if data.get("year") is not None:
        return data["year"]
    years = [y for y in data.get("years", []) if y is not None]
    return years[0] if years else None


def _doc_years(graph: nx.MultiDiGraph) -> dict[str, int | None]:
    return {d["name"]: _year(d) for _, d in graph.nodes(data=True) if d.get("label") == "Document"}


def _doc_issuers(graph: nx.MultiDiGraph) -> dict[str, str | None]:
    return {d["name"]: d.get("issuer") for _, d in graph.nodes(data=True) if d.get("label") == "Document"}


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The id of the entity called ``name``: by id, by name, then by alias (most mentioned first)."""
    name = name.strip()
    entities = [(n, d) for n, d in graph.nodes(data=True) if d.get("label") in ENTITY_LABELS]
    if name in graph and graph.nodes[name].get("label") in ENTITY_LABELS:
        return name
    for test in (lambda d: d.get("name") == name, lambda d: name in d.get("aliases", [])):
        hits = sorted((n for n, d in entities if test(d)), key=lambda n: -graph.nodes[n].get("mentions", 0))
        if hits:
            return hits[0]
    close = sorted(d["name"] for _, d in entities if name in d["name"])[:5]
    hint = f"try one of the names containing it: {'、'.join(close)}" if close else \
        "check the spelling or build the graph with more reports"
    raise EntityNotFoundError(f"no entity named {name!r} in the graph; {hint}")


def _events(graph: nx.MultiDiGraph, node: str) -> list[TimelineEvent]:
    events = []
    for _, status, key in graph.out_edges(node, keys=True):
        if key != "HAS_STATUS":
            continue
        data = graph.nodes[status]
        evidence = data.get("evidence") or [{}]
        evidence = evidence if isinstance(evidence, list) else [evidence]
        phase = "planned" if data.get("kind") == "plan" else STAGE_PHASES.get(data.get("stage", ""), "")
        for ev in evidence:
            events.append(TimelineEvent(_year(data), data.get("stage", ""), phase, data.get("kind", ""),
                                        ev.get("doc", (data.get("docs") or [""])[0]), ev.get("sentence", "")))
    # a plan for year N is stated before the review of year N; stages in their natural order
    return sorted(set(events), key=lambda e: (e.year or 0, e.kind != "plan", _RANK.get(e.stage, 9), e.doc))


def timeline(graph: nx.MultiDiGraph, name: str) -> Timeline:
    """The timeline of the entity called ``name`` (name or alias): statuses in order, docs and years."""
    node = find_entity(graph, name)
    data = graph.nodes[node]
    return Timeline(node, data["name"], data["label"], list(data.get("aliases", [])), list(data.get("docs", [])),
                    list(data.get("years", [])), list(data.get("merged_from", [])), _events(graph, node))


def plan_vs_outcome(graph: nx.MultiDiGraph) -> list[PlanOutcome]:
    """Every project's plan for a year N paired with the review of year N when report N+1 is loaded.

    Plan and review must come from reports of the same issuer (one district's plan is not
    reviewed by another district's report).
    """
    issuers = _doc_issuers(graph)
    reports = {(issuers[doc], year) for doc, year in _doc_years(graph).items()}
    rows = []
    for node, data in graph.nodes(data=True):
        if data.get("label") not in ENTITY_LABELS:
            continue
        events = _events(graph, node)
        plans: dict[int, list[TimelineEvent]] = defaultdict(list)
        outcomes: dict[int, list[TimelineEvent]] = defaultdict(list)
        for event in events:
            if event.year is not None:
                (plans if event.kind == "plan" else outcomes)[event.year].append(event)
        for year, planned in sorted(plans.items()):
            goal = max(planned, key=lambda e: _RANK.get(e.stage, -1))
            issuer = issuers.get(goal.doc)
            if (issuer, year + 1) not in reports:
                continue  # the report that would review this plan is not loaded
            reviewed = [e for e in outcomes.get(year, []) if issuers.get(e.doc) == issuer]
            done = max(reviewed, key=lambda e: _RANK.get(e.stage, -1), default=None)
            rows.append(PlanOutcome(
                data["name"], year, "/".join(dict.fromkeys(e.stage for e in planned)), goal.doc, goal.sentence,
                done.stage if done else None, done.doc if done else None, done.sentence if done else None,
                (_RANK.get(done.stage, -1) >= _RANK.get(goal.stage, -1)) if done else None))
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
            t_doc, o_doc))
    return rows


def indicator_series(graph: nx.MultiDiGraph, name: str, *, issuer: str | None = None) -> list[dict]:
    """One indicator's values over the years, one dict per (year, kind): what a chart plots.

    ``issuer`` keeps one district's reports (needed when the graph holds several places).
    """
    series: dict[tuple[int, str], dict] = {}
    for doc, data in _indicators(graph):
        if data.get("name") == name and data["year"] is not None and issuer in (None, data["issuer"]):
            series.setdefault((data["year"], data.get("kind", "")), {
                "year": data["year"], "kind": data.get("kind"), "value": data.get("value"),
                "growth": data.get("growth"), "unit": data.get("unit"), "doc": doc})
    return [series[key] for key in sorted(series)]
