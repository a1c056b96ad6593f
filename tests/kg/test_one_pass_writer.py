"""graph.json and graph.graphml written in one pass (kg.model.write_json_and_graphml) are the bytes of the
references: json.dumps of networkx's node-link records, one a line, and networkx's own GraphML writer."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.model import _write_graphml_networkx, add_edge, add_node, new_graph, write_graphml, write_json, write_json_and_graphml


def _reference_json(graph: nx.MultiDiGraph) -> bytes:
    """What write_json has always written: node-link data, each record by json.dumps on a line of its own."""
    data = nx.node_link_data(graph, edges="edges")
    head = json.dumps({"directed": data["directed"], "multigraph": data["multigraph"], "graph": data["graph"]},
                      ensure_ascii=False)[:-1]
    body = "".join(f',\n"{kind}": [' + ",".join("\n" + json.dumps(record, ensure_ascii=False) for record in data[kind])
                   + "\n]" for kind in ("nodes", "edges"))
    return (head + body + "}\n").encode("utf-8")


def _check(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    try:
        _write_graphml_networkx(graph, tmp_path / "networkx.graphml")
    except TypeError:  # a value networkx refuses (a tuple): refused as well, after the JSON is written
        with pytest.raises(TypeError, match="GraphML does not support"):
            write_json_and_graphml(graph, tmp_path / "graph.json", tmp_path / "graph.graphml")
        assert (tmp_path / "graph.json").read_bytes() == _reference_json(graph)
        return
    write_json_and_graphml(graph, tmp_path / "graph.json", tmp_path / "graph.graphml")
    assert (tmp_path / "graph.json").read_bytes() == _reference_json(graph)
    assert (tmp_path / "graph.graphml").read_bytes() == (tmp_path / "networkx.graphml").read_bytes()
    write_graphml(graph, tmp_path / "alone.graphml")  # the same writer without the JSON
    assert (tmp_path / "alone.graphml").read_bytes() == (tmp_path / "networkx.graphml").read_bytes()


def _graph(node_attrs: dict, edge_attrs: dict, *, node: object = "Program:乙", key: object = "CO_OCCURS") -> nx.MultiDiGraph:
    """A small report-like graph, one node and one edge of which carry the odd attributes."""
    graph = new_graph()
    add_node(graph, "Program:甲工程", label="Program", name="甲工程", doc="a.txt", year=2024, mentions=3, aliases=["甲"],
             definition=None, evidence=[{"doc": "a.txt", "section": "一、回顾", "start": 3, "end": 6, "sentence": "推进甲工程。"}])
    graph.add_node(node, **{"label": "Program", "name": "乙", "docs": ["a.txt"], "years": [2024], **node_attrs})
    add_edge(graph, "Program:甲工程", "Program:甲工程", "PART_OF", doc="a.txt", year=2024)  # a self-loop
    add_edge(graph, "Program:甲工程", node, "CO_OCCURS", doc="a.txt", year=2024, evidence={"doc": "a.txt", "sentence": "甲乙"})
    graph.add_edge(node, "Program:甲工程", key=key)
    graph[node]["Program:甲工程"][key].update(edge_attrs)  # (names add_edge takes itself: source, key)
    return graph


_ODD = [
    # floats: small and large exponents, NaN and infinities (json writes NaN, Infinity), minus zero, nested
    {"value": 1e-05, "growth": 1e16}, {"value": float("nan"), "growth": float("-inf")}, {"value": -0.0, "x": 0.1 + 0.2},
    {"values": [1e-07, float("inf"), 2.5, -1e300]}, {"nested": {"a": [1e-05, {"b": float("nan")}]}},
    # ints past 64 bits, bools, None at the top and inside lists
    {"mentions": 10**20, "n": -(10**30)}, {"flag": True, "off": False}, {"list": [True, None, 0, False]}, {"definition": None},
    # text JSON and XML escape: quotes, backslashes, line ends, tabs, markup, U+2028, DEL, braces of str.format
    {"name": 'a"b\\c'}, {"name": "line\nend\r\ttab"}, {"name": "<&>'\""}, {"name": "\u2028\u2029\x7f"},
    {"name": "{}{0}{name}}{"}, {"aliases": ["{}", "}{", "<&>", 'q"', "a\\b"]},
    # attribute names that need escaping, or hold braces, or are empty
    {"{x}": 1, "a&b": "<", 'q"': "v", "": "empty name"},
    # characters XML cannot hold: the whole GraphML goes to networkx (and the JSON is written on its own)
    {"name": "ctrl\x01"}, {"aliases": ["\x0b"]}, {"name": "\ufffe"}, {"aliases": ["\uffff"]},
    # values GraphML has no type for (networkx writes the file), or written as a list (JSON)
    {"docs": ("t", "u")}, {"odd": {"k": ["v", 1]}},
    # a field named like the fields the record adds (it keeps its place in the record)
    {"id": "own id"}, {"source": "s", "target": "t"},
    {},
]


@pytest.mark.parametrize("attrs", _ODD, ids=range(len(_ODD)))
def test_one_pass_equals_json_dumps_and_networkx_on_odd_values(attrs: dict, tmp_path: Path) -> None:
    _check(_graph(attrs, attrs), tmp_path)


@pytest.mark.parametrize(("node", "key"), [("Place:p&q<r>\"s\"", "K&<>\""), ("tab\tline\nreturn\r", "x\ny"), (7, 3),
                                           (2.5, 1.5), (("tuple", 1), "k"), ("ctrl\x01", "k"), ("n", "ctrl\x02"),
                                           ("{}", "{0}"), ("\u2028", True)])
def test_one_pass_on_odd_ids_and_keys(node: object, key: object, tmp_path: Path) -> None:
    _check(_graph({"mentions": 1}, {"weight": 1}, node=node, key=key), tmp_path)


def test_a_node_and_an_edge_of_one_shape_keep_their_own_markup(tmp_path: Path) -> None:
    graph = new_graph()
    graph.add_node("a", type="X", weight=1)
    graph.add_node("b", type="X", weight=1)
    graph.add_edge("a", "b", key="R", type="X", weight=1)
    graph.add_edge("a", "b", key="S", id="own", weight=2)
    _check(graph, tmp_path)


def test_an_edge_field_named_key_keeps_its_place_in_the_json(tmp_path: Path) -> None:
    graph = _graph({}, {"key": "own key", "weight": 2})  # (networkx's GraphML writer cannot take it: JSON only)
    write_json_and_graphml(graph, tmp_path / "graph.json", tmp_path / "graph.graphml")
    assert (tmp_path / "graph.json").read_bytes() == _reference_json(graph)


def test_one_pass_over_several_batches_with_odd_values_late(tmp_path: Path) -> None:
    graph = new_graph()
    for number in range(4500):
        add_node(graph, f"Program:甲{number}", label="Program", name=f"甲{number}", doc="a.txt", year=2024, mentions=1)
        add_edge(graph, f"Program:甲{number}", f"Program:甲{number // 3}", "CO_OCCURS", doc="a.txt", year=2024,
                 evidence={"doc": "a.txt", "sentence": f"第{number}句"})
    graph.nodes["Program:甲4400"]["name"] = "<&>\\"  # escaped in the last batch of nodes
    add_edge(graph, "Program:甲4499", "Program:甲1", "BUILDS", doc='q"<&>.txt', year=2024)  # and of edges
    _check(graph, tmp_path)
    graph.nodes["Program:甲4400"]["name"] = "\x01"  # a control character in a late batch: networkx writes the GraphML
    _check(graph, tmp_path)


@pytest.mark.parametrize("graph", [new_graph(), nx.MultiDiGraph(nx.path_graph(5)), nx.MultiDiGraph(name="named")],
                         ids=["empty", "int nodes", "graph attributes"])
def test_one_pass_on_other_graphs(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    _check(graph, tmp_path)


def test_one_pass_on_a_corpus_graph(corpus_dir: Path, tmp_path: Path) -> None:
    from kg.build import build_graph

    _check(build_graph([corpus_dir / "hetang-2019.txt", corpus_dir / "hailar-2017.txt"]), tmp_path)


@pytest.mark.parametrize(("value", "error"), [({1, 2}, TypeError), ("lone \ud800", UnicodeEncodeError)])
def test_what_json_refuses_is_refused_as_before(value: object, error: type, tmp_path: Path) -> None:
    graph = _graph({"odd": value}, {})
    with pytest.raises(error):
        write_json(graph, tmp_path / "alone.json")
    with pytest.raises(error):
        write_json_and_graphml(graph, tmp_path / "graph.json", tmp_path / "graph.graphml")
