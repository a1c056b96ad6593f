"""The graph model: merging rules and the node-link round trip."""
from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import add_edge, add_node, from_data, new_graph, read_json, to_data, write_graphml, write_json


def _sample_graph():
    g = new_graph()
    add_node(g, "Program:三供一业", label="Program", name="三供一业", doc="a.txt", year=2019, aliases=["“三供一业”"],
             evidence=[{"doc": "a.txt", "section": "一", "start": 1, "end": 5, "sentence": "推动“三供一业”改造。"}])
    add_node(g, "Place:荷塘区", label="Place", name="荷塘区", doc="a.txt", year=2019)
    add_edge(g, "Program:三供一业", "Place:荷塘区", "CO_OCCURS", doc="a.txt", year=2019,
             evidence={"doc": "a.txt", "section": None, "start": 1, "end": 5, "sentence": "x"})
    add_edge(g, "Program:三供一业", "Place:荷塘区", "LOCATED_IN", doc="a.txt", year=2019)
    return g


def test_model_round_trip_node_link():
    g = _sample_graph()
    back = from_data(to_data(g))
    assert nx.utils.graphs_equal(g, back)
    assert back.edges["Program:三供一业", "Place:荷塘区", "LOCATED_IN"]["type"] == "LOCATED_IN"


def test_model_json_file_round_trip(tmp_path):
    g = _sample_graph()
    write_json(g, tmp_path / "g.json")
    assert "三供一业" in (tmp_path / "g.json").read_text(encoding="utf-8")  # not \\u-escaped
    assert nx.utils.graphs_equal(read_json(tmp_path / "g.json"), g)


def test_model_graphml_flattens_lists(tmp_path):
    write_graphml(_sample_graph(), tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_edges() == 2
    assert "三供一业" in back.nodes["Program:三供一业"]["aliases"]


def test_model_merge_unions_docs_and_strengthens_edges():
    g = _sample_graph()
    add_node(g, "Program:三供一业", label="Program", name="三供一业", doc="b.txt", year=2020, aliases=["三供一业改造"],
             mentions=2)
    add_edge(g, "Program:三供一业", "Place:荷塘区", "CO_OCCURS", doc="b.txt", year=2020)
    node = g.nodes["Program:三供一业"]
    assert node["docs"] == ["a.txt", "b.txt"] and node["years"] == [2019, 2020]
    assert node["aliases"] == ["“三供一业”", "三供一业改造"]
    assert g.edges["Program:三供一业", "Place:荷塘区", "CO_OCCURS"]["weight"] == 2


@pytest.mark.parametrize("label, rel", [("Bogus", "CO_OCCURS"), ("Program", "DROP_ALL")])
def test_model_rejects_labels_outside_vocabulary(label, rel):
    g = new_graph()
    with pytest.raises(ValueError):
        add_node(g, "x", label=label, name="x")
        add_edge(g, "x", "x", rel)


names = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Program", "Project", "Place"]), names), min_size=1, max_size=8))
def test_model_round_trip_property(items):
    g = new_graph()
    for label, name in items:
        add_node(g, f"{label}:{name}", label=label, name=name, doc="d", year=2020, aliases=[name + "x"])
    ids = list(g.nodes)
    for a, b in zip(ids, ids[1:]):
        add_edge(g, a, b, "CO_OCCURS", doc="d")
    assert nx.utils.graphs_equal(from_data(to_data(g)), g)


@pytest.mark.parametrize("name", ["build_graph", "write_outputs", "read_graph_dir", "extract_file", "to_html",
                                  "query_glossary", "load_graph", "plan_vs_outcome", "extraction_to_json"])
def test_kg_package_exports_public_names(name):
    import kg

    assert name in kg.__all__ and callable(getattr(kg, name))


def test_kg_package_unknown_name_is_attribute_error():
    import kg

    with pytest.raises(AttributeError):
        kg.not_a_name  # noqa: B018


def test_add_edge_makes_the_dicts_networkx_makes():
    # a new edge between nodes already there is made in the adjacency; missing nodes go through networkx
    ours, theirs = new_graph(), nx.MultiDiGraph()
    for graph in (ours, theirs):
        for node in ("a", "b"):
            graph.add_node(node, label="Program")
    theirs.add_edge("a", "b", key="CO_OCCURS", type="CO_OCCURS", weight=2, docs=[], years=[], evidence=[])
    theirs.add_edge("b", "b", key="PART_OF", type="PART_OF", weight=1, docs=[], years=[], evidence=[])
    theirs.add_edge("a", "b", key="BUILDS", type="BUILDS", weight=1, docs=[], years=[], evidence=[])
    theirs.add_edge("b", "c", key="LOCATED_IN", type="LOCATED_IN", weight=1, docs=[], years=[], evidence=[])
    ours.__networkx_cache__ = {"stale": 1}  # what networkx clears on a change
    add_edge(ours, "a", "b", "CO_OCCURS", weight=2)
    assert ours.__networkx_cache__ == {}
    add_edge(ours, "b", "b", "PART_OF")  # a self-loop: one key dict, in both directions
    add_edge(ours, "a", "b", "BUILDS")  # a second key between the same nodes
    add_edge(ours, "b", "c", "LOCATED_IN")  # c is new: networkx adds it bare
    for view in ("edges", "in_edges"):
        assert list(getattr(ours, view)(keys=True, data=True)) == list(getattr(theirs, view)(keys=True, data=True))
    assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
    assert ours._adj["b"]["b"] is ours._pred["b"]["b"] and ours._adj["a"]["b"] is ours._pred["b"]["a"]
    add_edge(ours, "a", "b", "CO_OCCURS", doc="x.txt", year=2024)  # strengthened, not replaced
    assert ours.edges["a", "b", "CO_OCCURS"] == {"type": "CO_OCCURS", "weight": 3, "docs": ["x.txt"], "years": [2024],
                                                 "evidence": []}
