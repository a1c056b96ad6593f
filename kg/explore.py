"""Questions a notebook asks of a built graph: relations of an entity, projects by status, a district's project network.

These are the few pieces of logic the notebooks in ``notebooks/`` need (notebooks only call the
package). Each returns plain rows or a subgraph, so a notebook shows them as a table or a page.

Example:
    >>> from kg.model import new_graph
    >>> projects_by_status(new_graph())
    {}
"""
from __future__ import annotations

import html
from collections import defaultdict

import networkx as nx

from kg.numbers import format_growth
from kg.timeline import document_key, find_entity, timeline

__all__ = ["relations_of", "project_status", "projects_by_status", "project_network", "inline_page",
           "programme_reach", "status_by_issuer", "growth_targets", "NEIGHBOUR_TYPES", "PHASES"]

#: A project's latest phase, furthest first (``mentioned``: named with no status).
PHASES: tuple[str, ...] = ("completed", "started", "signed", "planned", "new works", "mentioned")

#: Entity types shown around projects in a project network.
NEIGHBOUR_TYPES: tuple[str, ...] = ("Company", "Place", "Agency", "Program")
_SKIP_EDGES = ("MENTIONED_IN", "PART_OF", "REPORTS", "HAS_STATUS", "DEFINED_BY")


def relations_of(graph: nx.MultiDiGraph, name: str, *, types: tuple[str, ...] | None = None) -> list[dict]:
    """Every relation of the entity called ``name`` (both directions): type, other end, weight, one sentence."""
    node = find_entity(graph, name)
    rows = []
    edges = [(t, k, d, "out") for _, t, k, d in graph.out_edges(node, keys=True, data=True)]
    edges += [(s, k, d, "in") for s, _, k, d in graph.in_edges(node, keys=True, data=True)]
    for other, key, data, direction in edges:
        if key in _SKIP_EDGES or (types and key not in types):
            continue
        evidence = data.get("evidence") or [{}]
        rows.append({"relation": key, "direction": direction, "other": graph.nodes[other].get("name", other),
                     "other_type": graph.nodes[other].get("label"), "weight": data.get("weight", 1),
                     "docs": ", ".join(data.get("docs", [])), "sentence": evidence[0].get("sentence", "")})
    return sorted(rows, key=lambda r: (r["relation"], -r["weight"], r["other"]))


def _in_district(graph: nx.MultiDiGraph, node: str, district: str | None) -> bool:
    if district is None:
        return True
    issuers = {graph.nodes[f"Document:{doc}"].get("issuer") for doc in graph.nodes[node].get("docs", [])
               if f"Document:{doc}" in graph}
    return district in issuers


def project_status(graph: nx.MultiDiGraph, *, district: str | None = None) -> list[dict]:
    """One row per project of ``district``'s reports (issuer name; None: all) with its latest status.

    The latest status is the one of the latest year, an outcome before a plan of the same year;
    a project with no status is ``mentioned``.
    """
    rows = []
    for node, data in graph.nodes(data=True):
        if data.get("label") != "Project" or not _in_district(graph, node, district):
            continue
        events = timeline(graph, node).events
        outcomes = [e for e in events if e.kind == "outcome"]
        last = (outcomes or events)[-1] if events else None
        rows.append({"project": data["name"], "phase": last.phase if last else "mentioned",
                     "stage": last.stage if last else None, "year": last.year if last else None,
                     "companies": "、".join(_neighbours(graph, node, ("Company",))),
                     "places": "、".join(_neighbours(graph, node, ("Place",))),
                     "docs": ", ".join(data.get("docs", []))})
    order = {phase: rank for rank, phase in enumerate(PHASES)}
    return sorted(rows, key=lambda r: (order.get(r["phase"], len(PHASES)), -(r["year"] or 0), r["project"]))


def projects_by_status(graph: nx.MultiDiGraph, *, district: str | None = None) -> dict[str, list[str]]:
    """Project names grouped by their latest phase (completed, started, signed, planned, mentioned)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for row in project_status(graph, district=district):
        groups[row["phase"]].append(row["project"])
    return dict(groups)


_STATED = ("BUILDS", "LOCATED_IN", "RELATED_TO", "PART_OF")


def _neighbours(graph: nx.MultiDiGraph, node: str, types: tuple[str, ...]) -> list[str]:
    """Entities of ``types`` a stated relation (builds, located in…, not mere co-occurrence) links to ``node``."""
    edges = [(t, k) for _, t, k in graph.out_edges(node, keys=True)] + [(s, k) for s, _, k in graph.in_edges(node, keys=True)]
    found = {other for other, key in edges if key in _STATED and graph.nodes[other].get("label") in types}
    return sorted(graph.nodes[o]["name"] for o in found)


def project_network(graph: nx.MultiDiGraph, *, district: str | None = None, with_status: bool = True,
                    types: tuple[str, ...] = NEIGHBOUR_TYPES) -> nx.MultiDiGraph:
    """The subgraph of ``district``'s projects, the entities of ``types`` linked to them and their statuses.

    A copy: changing it leaves ``graph`` alone. Pass it to :func:`kg.visualize.to_html` for a page.
    """
    projects = [n for n, d in graph.nodes(data=True) if d.get("label") == "Project" and _in_district(graph, n, district)]
    keep = set(projects)
    allowed = set(types) | ({"Status"} if with_status else set())
    for node in projects:
        keep.update(o for o in nx.all_neighbors(graph, node) if graph.nodes[o].get("label") in allowed)
    return graph.subgraph(keep).copy()


def inline_page(graph: nx.MultiDiGraph, *, height: int = 600, **options) -> str:
    """The offline page of ``graph`` in an ``<iframe srcdoc>``, for ``IPython.display.HTML`` in a notebook."""
    from kg.visualize import to_html  # noqa: PLC0415

    page = to_html(graph, **options)
    return (f'<div><iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:{int(height)}px;'
            'border:1px solid #ddd" sandbox="allow-scripts"></iframe></div>')



def _issuers(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Document name → issuer (the file name when the report names none)."""
    return {document_key(node, data): data.get("issuer") or data.get("name", node)
            for node, data in graph.nodes(data=True) if data.get("label") == "Document"}


def programme_reach(graph: nx.MultiDiGraph, *, top: int = 15) -> list[dict]:
    """The programmes named in the most reports: name, number of reports, where (issuers) and years."""
    issuers = _issuers(graph)
    rows = []
    for _, data in graph.nodes(data=True):
        if data.get("label") == "Program" and data.get("docs"):
            where = sorted({issuers.get(doc, doc) for doc in data["docs"]})
            rows.append({"programme": data["name"], "reports": len(data["docs"]), "mentions": data.get("mentions", 0),
                         "where": "、".join(where), "years": ", ".join(map(str, data.get("years", [])))})
    return sorted(rows, key=lambda r: (-r["reports"], -r["mentions"], r["programme"]))[:top]


def status_by_issuer(graph: nx.MultiDiGraph) -> list[dict]:
    """Per issuer, how many of its projects are at each latest phase (:data:`PHASES`), and the total."""
    rows = []
    for issuer in sorted(set(_issuers(graph).values())):
        groups = projects_by_status(graph, district=issuer)
        row: dict[str, object] = {"issuer": issuer}
        row.update({phase: len(groups.get(phase, [])) for phase in PHASES})
        row["projects"] = sum(len(names) for names in groups.values())
        rows.append(row)
    return sorted(rows, key=lambda r: (-int(str(r["projects"])), str(r["issuer"])))


def growth_targets(graph: nx.MultiDiGraph, *, year: int, indicator: str = "地区生产总值") -> list[dict]:
    """Each issuer's growth target for ``indicator`` in ``year``, highest first.

    Rows: ``issuer``, ``label`` (the issuer), ``growth`` (a fraction, the lower bound of a
    range), ``display`` (as the report writes it: 5.0%左右, 5%–5.5%), ``doc`` and ``sentence``.
    Averages over several years (年均) are not a year's target and are left out.
    """
    issuers = _issuers(graph)
    found: dict[str, dict] = {}
    for node, data in sorted(graph.nodes(data=True)):
        if (data.get("label") != "Indicator" or data.get("name") != indicator or data.get("kind") != "target"
                or data.get("year") != year or data.get("growth") is None or data.get("basis") == "年均"):
            continue
        doc = (data.get("docs") or [""])[0]
        issuer = issuers.get(doc, doc)
        if issuer in found:
            continue
        evidence = [d.get("evidence") or [] for _, _, k, d in graph.in_edges(node, keys=True, data=True) if k == "REPORTS"]
        sentence = evidence[0][0].get("sentence", "") if evidence and evidence[0] else ""
        found[issuer] = {"issuer": issuer, "label": issuer, "growth": data["growth"],
                         "display": format_growth(data["growth"], basis=data.get("basis"),
                                                  qualifier=data.get("qualifier")),
                         "doc": doc, "sentence": sentence}
    return sorted(found.values(), key=lambda r: (-r["growth"], r["issuer"]))
