"""An interactive, fully offline HTML page of the graph (vis-network, no CDN).

What was chosen and why:

* **Our own small template** (``kg/assets/graph_page.*``) around the vis-network
  build that pyvis ships (``pyvis/templates/lib/vis-9.1.2``), inlined into the
  page. pyvis's own template loads Bootstrap from a CDN in every mode and writes
  tooltips with ``innerHTML``, so it is not used for the page itself.
* **pyvis builds the node and edge records** (:class:`pyvis.network.Network`
  ``add_node``/``add_edge`` on copies of our data, never ``from_nx``, which
  mutates the caller's graph).
* **All document text travels as JSON** in a ``<script type="application/json">``
  block with ``<``, ``>`` and ``&`` written as ``\\u003c``…, and the page's own
  script builds every tooltip and panel with ``textContent``: a name like
  ``<img src=x onerror=alert(1)>`` shows as text and never runs. vis-network
  gets no ``title`` at all, so its HTML popup path is never used.
* **Layout is precomputed** (:func:`kg.viz_layout.layout`); physics is off above
  :data:`PHYSICS_LIMIT` nodes and otherwise stabilises for a bounded number of
  iterations, so a 1,500-node page is usable at once and 5,000 nodes still open.
  ``max_nodes`` keeps the highest-degree nodes; ``types`` keeps some types only.
"""
from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.model import NodeLabel
from kg.viz_layout import layout

#: The line near the top of every page kg writes (kg viz replaces only such a page without --force).
PAGE_SIGNATURE = '<meta name="generator" content="gov-report-kg">'

__all__ = ["to_html", "write_html", "select_nodes", "PAGE_SIGNATURE", "PageOptionError", "TYPE_COLOURS", "PHYSICS_LIMIT", "STABILIZATION_ITERATIONS"]

PHYSICS_LIMIT = 300
STABILIZATION_ITERATIONS = 150
MAX_EVIDENCE_SHOWN = 2
MAX_LABEL_CHARS = 16

TYPE_COLOURS: dict[str, str] = {
    "Program": "#e6550d",
    "Project": "#3182bd",
    "Company": "#31a354",
    "Place": "#756bb1",
    "Agency": "#d62728",
    "Document": "#525252",
    "Section": "#969696",
    "GlossaryEntry": "#bcbd22",
    "Status": "#17becf",
    "Indicator": "#8c564b",
}
_FACT_KEYS = ("year", "issuer", "title", "role", "term", "page", "stage", "kind", "mentions")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_VIS_DIR = ("templates", "lib", "vis-9.1.2")


class PageOptionError(KGError):
    """An option of the graph page (max_nodes, types) has a value it cannot use."""


def select_nodes(graph: nx.MultiDiGraph, types: Iterable[str] | None = None, max_nodes: int | None = None) -> list[str]:
    """The nodes the page shows: those of ``types`` (None: all); above ``max_nodes`` the highest-degree ones (ties by id)."""
    if max_nodes is not None and max_nodes < 1:
        raise PageOptionError(f"max_nodes must be a positive number or None, not {max_nodes!r}; pass 1 or more")
    wanted = None
    if types is not None:
        wanted = set(types)
        unknown = sorted(wanted - {label.value for label in NodeLabel})
        if unknown:
            valid = ", ".join(label.value for label in NodeLabel)
            raise PageOptionError(f"unknown node type(s) {', '.join(unknown)}; choose from {valid}")
    nodes = [node for node, label in graph.nodes(data="label") if wanted is None or label in wanted]
    if max_nodes is not None and len(nodes) > max_nodes:
        nodes = sorted(nodes, key=lambda node: (-graph.degree(node), str(node)))[:max_nodes]
    return nodes


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _details(data: dict) -> dict:
    """What the tooltip and side panel show for one node (plain strings, escaped later)."""
    evidence = []
    for item in (data.get("evidence") or [])[:MAX_EVIDENCE_SHOWN]:
        if isinstance(item, dict):
            evidence.append({"doc": _text(item.get("doc")), "section": _text(item.get("section")),
                             "sentence": _text(item.get("sentence"))})
    facts = [[key, _text(data[key])] for key in _FACT_KEYS if data.get(key) not in (None, "", [])]
    return {
        "name": _text(data.get("name") or data.get("title") or data.get("term")),
        "type": _text(data.get("label")),
        "aliases": [_text(alias) for alias in data.get("aliases") or []],
        "definition": _text(data.get("definition")),
        "docs": [_text(doc) for doc in data.get("docs") or []],
        "years": [_text(year) for year in data.get("years") or []],
        "facts": facts,
        "evidence": evidence,
    }


def _short(name: str) -> str:
    return name if len(name) <= MAX_LABEL_CHARS else name[: MAX_LABEL_CHARS - 1] + "…"


def _page_data(graph: nx.MultiDiGraph, nodes: list, title: str, physics: bool) -> dict:
    """Node and edge records built with pyvis, plus details, legend and settings."""
    from pyvis.network import Network  # imported here: it pulls in IPython

    net = Network(directed=True, cdn_resources="in_line")
    index = {node: i for i, node in enumerate(nodes)}
    shown = graph.subgraph(nodes)
    positions = layout(shown)
    details = []
    for node in nodes:
        data = graph.nodes[node]
        info = _details(data)
        details.append(info)
        kind = info["type"]
        x, y = positions[node]
        net.add_node(index[node], label=_short(info["name"] or str(node)), color=TYPE_COLOURS.get(kind, "#7f7f7f"),
                     size=round(8 + 5 * math.sqrt(graph.degree(node)), 1), x=x, y=y)
    pairs: dict[tuple[int, int], tuple[int, list[str]]] = {}
    for source, target, data in shown.edges(data=True):
        pair = (index[source], index[target])
        weight, kinds = pairs.get(pair, (0, []))
        pairs[pair] = (weight + int(data.get("weight", 1) or 1), kinds + [_text(data.get("type"))])
    for (source, target), (weight, kinds) in pairs.items():
        net.add_edge(source, target, width=round(min(1 + math.log2(weight), 5), 2), kinds=kinds)
    counts: dict[str, int] = {}
    for info in details:
        counts[info["type"]] = counts.get(info["type"], 0) + 1
    legend = [{"type": kind, "color": colour, "count": counts[kind]} for kind, colour in TYPE_COLOURS.items() if kind in counts]
    legend += [{"type": kind, "color": "#7f7f7f", "count": n} for kind, n in counts.items() if kind not in TYPE_COLOURS]
    vis_nodes, vis_edges = net.get_network_data()[:2]
    return {
        "title": title, "nodes": vis_nodes, "edges": vis_edges, "details": details, "legend": legend,
        "shown": len(nodes), "total": graph.number_of_nodes(), "physics": physics,
        "stabilizationIterations": STABILIZATION_ITERATIONS,
    }


def _json_for_script(data: dict) -> str:
    """JSON that cannot end its <script> block or open an HTML comment: <, >, & become \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _asset(*parts: str, package: str = "kg") -> str:
    """A text file shipped in the ``kg`` package or in pyvis (``_VIS_DIR``)."""
    root: Traversable = Path(__file__).parent if package == "kg" else resources.files(package)  # kg may be a namespace package
    for part in parts:
        root = root / part
    return root.read_text(encoding="utf-8")


def to_html(graph: nx.MultiDiGraph, *, title: str = "政府工作报告知识图谱", max_nodes: int | None = 1500,
            types: Iterable[str] | None = None, physics: bool | None = None) -> str:
    """A self-contained HTML page of ``graph`` (no network access needed to open it).

    ``max_nodes`` keeps the highest-degree nodes (None keeps all), ``types`` keeps
    only nodes with those labels, ``physics`` forces the force simulation on or off
    (default: on, bounded, up to :data:`PHYSICS_LIMIT` nodes). The graph is not changed.
    """
    nodes = select_nodes(graph, types, max_nodes)
    use_physics = len(nodes) <= PHYSICS_LIMIT if physics is None else bool(physics)
    data = _page_data(graph, nodes, title, use_physics)
    parts = {
        "TITLE": html.escape(title),
        "VIS_CSS": _asset(*_VIS_DIR, "vis-network.css", package="pyvis"),
        "VIS_JS": _asset(*_VIS_DIR, "vis-network.min.js", package="pyvis"),
        "PAGE_CSS": _asset("assets", "graph_page.css"),
        "PAGE_JS": _asset("assets", "graph_page.js"),
        "DATA": _json_for_script(data),
    }
    return _PLACEHOLDER.sub(lambda match: parts[match.group(1)], _asset("assets", "graph_page.html"))


def write_html(graph: nx.MultiDiGraph, path: str | Path, **options: Any) -> Path:
    """Write :func:`to_html` to ``path`` in UTF-8 (parent folders created, atomically) and return the path."""
    from kg.outdir import write_file  # noqa: PLC0415

    page = to_html(graph, **options)
    write_file(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return Path(path)
