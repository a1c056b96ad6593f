"""The explorer page of a graph: search first, one entity at a time, offline.

What was chosen and why:

* **Search first, one entity at a time** (as Neo4j Bloom): the page opens on a
  search box and an overview (reports, most mentioned entities per type); a chosen
  entity gets a card (type, name, aliases, glossary definition with source and page,
  reports, evidence sentences with the entity highlighted as displaCy does, status
  timeline, neighbours grouped by relation) and a drawing of its neighbourhood only
  (one hop, two on demand, capped and ranked), so every label is readable. The
  whole graph is never drawn: at 159 reports it has 25,000 entities.
* **The data is a table form of the graph** (:func:`kg.viz_data.page_data`),
  written as JavaScript (``window.KG_DATA = {…}``). :func:`write_html` puts it in a
  file next to the page (``graph.html`` + ``graph.data.js``, loaded with a
  ``<script src>`` tag, which works from ``file://``), so an archive's page stays a
  small HTML file and ``kg viz DIR`` rebuilds both from ``graph.json`` without
  extracting again. :func:`to_html` returns one self-contained page with the data
  inlined (for notebooks).
* **vis-network as pyvis ships it** (``pyvis/templates/lib/vis-9.1.2``), inlined into
  the page: no CDN, no request at all. pyvis's own template is not used (it loads
  Bootstrap from a CDN and writes tooltips with ``innerHTML``).
* **Text is text**: the data has ``<``, ``>`` and ``&`` written as ``\\u003c``…, so
  it cannot end a script block, and the page builds everything with ``textContent``
  and DOM text nodes; a name like ``<img src=x onerror=alert(1)>`` shows as text.
"""
from __future__ import annotations

import html
import importlib.util
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx
import orjson

from kg.errors import KGError
from kg.model import NodeLabel
from kg.viz_data import ENTITY_TYPES, TYPE_NAMES, page_data

#: The line near the top of every page kg writes (kg viz replaces only such a page without --force).
PAGE_SIGNATURE = '<meta name="generator" content="gov-report-kg">'
#: The first line of every page data file kg writes (kg viz replaces only such a file without --force).
DATA_SIGNATURE = "/* gov-report-kg page data */"

__all__ = ["to_html", "write_html", "data_path", "entity_count", "data_script", "PAGE_SIGNATURE", "DATA_SIGNATURE",
           "PageOptionError", "TYPE_COLOURS", "HOP1_LIMIT", "HOP2_LIMIT"]

HOP1_LIMIT = 24   # neighbours drawn around the chosen entity (ranked: stated relations, then sentences shared)
HOP2_LIMIT = 80   # nodes drawn when two hops are asked for
TYPE_COLOURS: dict[str, str] = {kind: colour for kind, (_, _, colour) in TYPE_NAMES.items()}
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_VIS_DIR = ("templates", "lib", "vis-9.1.2")


class PageOptionError(KGError):
    """An option of the graph page (max_nodes, types) has a value it cannot use."""


def _check(types: Iterable[str] | None, max_nodes: int | None) -> list[str] | None:
    if max_nodes is not None and (isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1):
        raise PageOptionError(f"max_nodes must be a positive number or None, not {max_nodes!r}; pass 1 or more")
    if types is None:
        return None
    wanted = list(types)
    known = {label.value for label in NodeLabel}
    unknown = sorted(set(wanted) - known)
    if unknown:
        raise PageOptionError(f"unknown node type(s) {', '.join(unknown)}; choose from {', '.join(ENTITY_TYPES)}")
    return [kind for kind in wanted if kind in ENTITY_TYPES]


#: What the page data writes as a \u escape: it cannot end its <script> block, open an HTML comment or end a JS line.
_SCRIPT_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def _json_for_script(data: dict) -> str:
    """JSON that cannot end its <script> block or open an HTML comment: <, >, & become \\u escapes.

    The text is ``json.dumps(data, ensure_ascii=False, separators=(",", ":"))``, made by orjson
    (four times faster): the two write the same text for strings, ints, lists and dicts, and the
    page data has no other values (:func:`kg.viz_data.page_data` writes amounts as text, every
    number is a count, a year or an index); orjson refuses what it cannot write as json does
    (an int past 64 bits, a key that is not a string), and then json writes it.
    """
    try:
        text = orjson.dumps(data).decode("utf-8")
    except (orjson.JSONEncodeError, UnicodeDecodeError):
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _SCRIPT_ESCAPES:
        text = text.replace(char, escape)
    return text


def _json_bytes_for_script(data: dict) -> bytes:
    """:func:`_json_for_script` in UTF-8, made from orjson's bytes as they are: the escapes are replaced in
    the bytes (each character escaped is its own byte sequence in UTF-8), so the 14 MB of an archive's
    data are not decoded, copied and encoded again on their way to the file."""
    try:
        data_bytes = orjson.dumps(data)
    except orjson.JSONEncodeError:
        return _json_for_script(data).encode("utf-8")
    for char, escape in _SCRIPT_ESCAPES:
        data_bytes = data_bytes.replace(char.encode("utf-8"), escape.encode("utf-8"))
    return data_bytes


def _asset(*parts: str, package: str = "kg") -> str:
    """A text file shipped in the ``kg`` package or in pyvis (``_VIS_DIR``).

    pyvis is found, not imported: its files are all the page needs, and its import pulls in
    IPython and jinja2 (a third of a second of every build).
    """
    if package == "kg":
        root = Path(__file__).parent  # kg may be a namespace package
    else:
        spec = importlib.util.find_spec(package)  # a top-level package is located without running it
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError(f"No module named {package!r}", name=package)
        root = Path(next(iter(spec.submodule_search_locations)))
    return root.joinpath(*parts).read_text(encoding="utf-8")


def _data(graph: nx.MultiDiGraph, title: str, max_nodes: int | None, types: Iterable[str] | None,
          physics: bool | None) -> dict:
    kinds = _check(types, max_nodes)
    data = page_data(graph, title=title, types=kinds, max_entities=max_nodes)
    data["limits"] = {"hop1": HOP1_LIMIT, "hop2": HOP2_LIMIT}
    data["physics"] = bool(physics)
    return data


def data_script(graph: nx.MultiDiGraph, *, title: str = "政府工作报告知识图谱", max_nodes: int | None = None,
                types: Iterable[str] | None = None, physics: bool | None = None) -> str:
    """The page's data as JavaScript (``window.KG_DATA = {…};``), safe inside a ``<script>`` block too."""
    return "window.KG_DATA=" + _json_for_script(_data(graph, title, max_nodes, types, physics)) + ";\n"


def _data_file_bytes(graph: nx.MultiDiGraph, *, title: str, max_nodes: int | None = None,
                     types: Iterable[str] | None = None, physics: bool | None = None) -> bytes:
    """The data file of a page: its signature line, then :func:`data_script`'s text, in UTF-8."""
    data = _json_bytes_for_script(_data(graph, title, max_nodes, types, physics))
    return b"".join([f"{DATA_SIGNATURE}\nwindow.KG_DATA=".encode("utf-8"), data, b";\n"])


def _page(title: str, data_tag: str) -> str:
    parts = {
        "TITLE": html.escape(title),
        "VIS_CSS": _asset(*_VIS_DIR, "vis-network.css", package="pyvis"),
        "VIS_JS": _asset(*_VIS_DIR, "vis-network.min.js", package="pyvis"),
        "PAGE_CSS": _asset("assets", "graph_page.css"),
        "PAGE_JS": _asset("assets", "graph_page.js"),
        "DATA_SCRIPT": data_tag,
    }
    return _PLACEHOLDER.sub(lambda match: parts[match.group(1)], _asset("assets", "graph_page.html"))


def to_html(graph: nx.MultiDiGraph, *, title: str = "政府工作报告知识图谱", max_nodes: int | None = None,
            types: Iterable[str] | None = None, physics: bool | None = None) -> str:
    """One self-contained explorer page of ``graph`` with its data inlined (no network access needed).

    ``types`` keeps only entities of those types; ``max_nodes`` keeps the most
    mentioned entities (None keeps all); ``physics`` is accepted for compatibility
    (the neighbourhood drawing has a fixed layout). The graph is not changed.
    """
    script = data_script(graph, title=title, max_nodes=max_nodes, types=types, physics=physics)
    return _page(title, f'<script id="kg-data">{script}</script>')


def entity_count(graph: nx.MultiDiGraph, *, max_nodes: int | None = None, types: Iterable[str] | None = None) -> int:
    """How many entities the page of ``graph`` holds with these options."""
    kinds = set(_check(types, max_nodes) or []) if types is not None else set(ENTITY_TYPES)
    count = sum(1 for _, label in graph.nodes(data="label") if label in kinds)
    return count if max_nodes is None else min(count, max_nodes)


def data_path(page: str | Path) -> Path:
    """The data file that goes with a page: ``graph.html`` → ``graph.data.js``."""
    path = Path(page)
    return path.with_name(path.stem + ".data.js")


def write_html(graph: nx.MultiDiGraph, path: str | Path, **options: Any) -> Path:
    """Write the page to ``path`` and its data next to it (:func:`data_path`), UTF-8; returns the page's path.

    The page loads the data with ``<script src>``, which works from ``file://``; keep
    the two files together. Each file is written atomically (parent folders created).
    Options as for :func:`to_html`.
    """
    from kg.outdir import write_file  # noqa: PLC0415

    target = Path(path)
    title = options.pop("title", "政府工作报告知识图谱")
    data_file = data_path(target)
    script = _data_file_bytes(graph, title=title, **options)
    page = _page(title, f'<script src="{html.escape(quote(data_file.name), quote=True)}" charset="utf-8"></script>')
    write_file(data_file, lambda tmp: tmp.write_bytes(script))
    write_file(target, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return target
