"""The one-pass GraphML writer gives the very bytes of networkx's writer (which it replaced for speed)."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.build import build_graph
from kg.model import _write_graphml_networkx, add_edge, add_node, write_graphml
from tests.kg.conftest import make_report_graph


def _both(graph: nx.MultiDiGraph, tmp_path: Path) -> tuple[bytes, bytes]:
    write_graphml(graph, tmp_path / "fast.graphml")
    _write_graphml_networkx(graph, tmp_path / "networkx.graphml")
    return (tmp_path / "fast.graphml").read_bytes(), (tmp_path / "networkx.graphml").read_bytes()


def test_fast_graphml_equals_networkx_on_hostile_values(tmp_path: Path) -> None:
    graph = make_report_graph()
    add_node(graph, 'Program:<&>"\'\t\r\n', label="Program", name='a\rb\n<&>"\'', mentions=3, definition=None,
             aliases=["x", "y"])
    graph.add_node("Indicator:x#0", label="Indicator", name="x", value=1.5, growth=None, flag=True, level=2)
    add_edge(graph, 'Program:<&>"\'\t\r\n', "Indicator:x#0", "CO_OCCURS", weight=2)
    graph.add_node("bare")
    fast, slow = _both(graph, tmp_path)
    assert fast == slow
    assert nx.read_graphml(tmp_path / "fast.graphml").number_of_nodes() == graph.number_of_nodes()


def test_fast_graphml_equals_networkx_on_a_corpus_graph(corpus_dir: Path, tmp_path: Path) -> None:
    graph = build_graph([corpus_dir / "hetang-2019.txt", corpus_dir / "hailar-2017.txt"])
    fast, slow = _both(graph, tmp_path)
    assert fast == slow
