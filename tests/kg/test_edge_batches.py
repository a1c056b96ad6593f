"""Edges a batch at a time (kg.edge_batches): relations.csv and the GEXF's edges are written in one walk over the
edges, each batch's docs and years joined once for both. The bytes of both files must be those of the careful
paths (the csv module over each edge's own row; networkx's GEXF writer), whatever the values hold."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest

from kg.edge_batches import docs_and_years, edge_batches
from kg.export import write_graph_files
from kg.gexf import gephi_graph
from kg.model import add_edge, add_node, new_graph
from kg.tables import _PLAIN, COLUMNS, _cell


class _Shown(str):
    """Text that shows itself otherwise (str() differs from the text it holds)."""

    def __str__(self) -> str:
        return "shown"


def _graph(edges: int = 1001) -> nx.MultiDiGraph:
    """Plain edges enough for two batches, then the odd ones (each odd edge puts its batch on the slow path)."""
    graph = new_graph()
    for number in range(edges):
        add_node(graph, f"Program:甲{number}", label="Program", name=f"甲{number}", doc="a.txt", year=2024)
        add_node(graph, f"Place:乙{number % 50}", label="Place", name=f"乙{number % 50}", doc="b.txt", year=2023)
        add_edge(graph, f"Program:甲{number}", f"Place:乙{number % 50}", "LOCATED_IN", doc="a.txt", year=2024 - number % 3,
                 evidence={"doc": "a.txt", "start": number, "end": number + 5, "sentence": f"甲{number}在乙，建设"})
        add_edge(graph, f"Program:甲{number}", f"Place:乙{number % 50}", "CO_OCCURS", doc="b.txt", year=2023)
    return graph


_ODD_EDGES = [
    {"docs": ["a.txt", "b.txt"], "years": [2023, "2024"]},  # a year as text
    {"docs": ["a.txt"], "years": [_Shown("2024")]},  # text that shows itself otherwise
    {"docs": ["a.txt"], "years": [2024.0, True]},  # a float and a bool
    {"docs": ["a.txt"], "years": [None, 2024]},  # a year not known
    {"docs": None, "years": [2024]},  # no list of docs
    {"years": [2024]},  # no docs at all
    {"docs": ["a,b.txt", 'q"uote.txt', "line\nend.txt"], "years": []},  # cells the csv module quotes
    {"docs": ["a.txt", None, 3], "years": [2024]},  # a doc that is not text
    {"docs": ("t.txt",), "years": (2024,)},  # tuples
    {"docs": ["a&b<c>.txt"], "years": [2024], "weight": 2.5},  # characters XML escapes, a float weight
    {"docs": ["a.txt"], "years": [2024], "weight": None, "evidence": {"sentence": "一句,话", "doc": "a.txt"}},
    {"docs": ["a.txt"], "years": [10**20, -3], "evidence": [{"sentence": '说"是"', "start": 1}]},
]


def _odd_graph(odd: dict) -> nx.MultiDiGraph:
    graph = _graph()
    graph.add_edge("Program:甲5", "Place:乙7", key="BUILDS", **{"weight": 1, **odd})
    return graph


def _careful_relations(graph: nx.MultiDiGraph) -> str:
    """relations.csv as the csv module writes each edge's own row."""
    from kg.tables import _evidence

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS["relations.csv"])
    for source, target, key, data in graph.edges(keys=True, data=True):
        first = _evidence(data)
        row = [source, key, target, data.get("weight", 1), data.get("docs", []), data.get("years", []),
               first.get("sentence", ""), graph.nodes[source]["label"], graph.nodes[target]["label"], first.get("doc"),
               first.get("start"), first.get("end")]
        writer.writerow([value if value.__class__ in _PLAIN else _cell(value) for value in row])
    return buffer.getvalue()


def _careful_gexf(graph: nx.MultiDiGraph) -> bytes:
    expected = io.BytesIO()
    nx.write_gexf(gephi_graph(graph), expected, encoding="utf-8")
    return expected.getvalue()


@pytest.fixture(autouse=True)
def _edge_files_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """write_graph_files writes only the files made from the edge batches (and the other tables) here:
    JSON, GraphML (which refuses tuples) and the page have tests of their own."""
    monkeypatch.setattr("kg.export.write_json_and_graphml", lambda graph, json_path, graphml_path: None)
    monkeypatch.setattr("kg.visualize.write_html", lambda graph, path, **options: None)


def _written(graph: nx.MultiDiGraph, folder: Path, excel: bool = False) -> tuple[str, bytes]:
    folder.mkdir(exist_ok=True)
    write_graph_files(graph, folder, excel=excel)
    with open(folder / "relations.csv", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
        text = handle.read()
    return text, (folder / "graph.gexf").read_bytes()


def test_batches_walk_the_edges_in_networkxs_order() -> None:
    graph = _graph(30)
    batches = list(edge_batches(graph, size=7))
    assert [batch.first for batch in batches] == list(range(0, 60, 7))
    walked = [(s, t, k, d) for b in batches for s, t, k, d in zip(b.sources, b.targets, b.keys, b.datas)]
    assert walked == list(graph.edges(keys=True, data=True))
    assert all(d is graph.edges[s, t, k] for s, t, k, d in walked)  # the attribute dicts themselves, not copies
    assert list(edge_batches(new_graph())) == []


@pytest.mark.parametrize("odd", _ODD_EDGES)
def test_joined_docs_and_years_are_each_lists_own_join(odd: dict) -> None:
    datas = ({"docs": ["a.txt"], "years": [2023, 2024]}, odd)
    joined = docs_and_years(datas)
    plain = all(type(d.get("docs")) is list and all(type(x) is str for x in d["docs"]) and type(d.get("years")) is list
                and None not in d["years"] for d in datas)
    assert (joined is not None) == plain
    if joined is not None:
        assert joined[1] == ["|".join(d["docs"]) for d in datas]
        assert joined[2] == ["|".join(map(str, d["years"])) for d in datas]


@pytest.mark.parametrize("odd", _ODD_EDGES)
def test_relations_and_gexf_from_one_walk_equal_the_careful_paths(odd: dict, tmp_path: Path) -> None:
    graph = _odd_graph(odd)
    relations, gexf = _written(graph, tmp_path / "out")
    assert relations == _careful_relations(graph)
    assert gexf == _careful_gexf(graph)


def test_relations_from_one_walk_with_a_byte_order_mark(tmp_path: Path) -> None:
    graph = _odd_graph(_ODD_EDGES[6])
    relations, _ = _written(graph, tmp_path / "out", excel=True)
    assert (tmp_path / "out" / "relations.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert relations == _careful_relations(graph)


def test_relations_written_whole_when_networkx_writes_the_gexf(tmp_path: Path) -> None:
    # a node id that is not text: the GEXF goes to networkx and reads no batch; relations.csv still gets every row
    graph = _graph()
    graph.add_node(7, label="Indicator", name="七")
    graph.add_edge("Program:甲3", 7, key="LOCATED_IN", weight=1, docs=["a.txt"], years=[2024])
    relations, gexf = _written(graph, tmp_path / "odd")
    assert relations == _careful_relations(graph)
    assert relations.count("\r\n") == graph.number_of_edges() + 1
    assert gexf == _careful_gexf(graph)


def test_relations_of_a_graph_without_edges_are_the_header(tmp_path: Path) -> None:
    graph = new_graph()
    add_node(graph, "Program:甲", label="Program", name="甲", doc="a.txt", year=2024)
    relations, _ = _written(graph, tmp_path / "bare")
    assert relations == ",".join(COLUMNS["relations.csv"]) + "\r\n"


@pytest.mark.parametrize("years", [[_Shown("2024")], ["2024", "2025"], [2024, 2025], []])
def test_relations_from_one_walk_equal_the_table_written_row_by_row(years: list, tmp_path: Path) -> None:
    # every year of a batch as text: the table's own join of text ("|".join) is kept, not the batch's str() join
    from kg.tables import table_rows, write_table

    graph = _graph(30)
    for _, _, data in graph.edges(data=True):
        data["years"] = list(years)
    relations, _ = _written(graph, tmp_path / "out")
    write_table(table_rows(graph, "relations.csv"), COLUMNS["relations.csv"], tmp_path / "rows.csv")
    with open(tmp_path / "rows.csv", encoding="utf-8", newline="") as handle:
        assert relations == handle.read()
